import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, type CodeServerInstall } from './codeServerInstall';

export interface CodeServerOptions {
  /** The folder to copy and open: tests never touch the fixture itself. */
  readonly workspace: string;
  /** The extension to install: a `.vsix`. */
  readonly vsix: string;
  /** More `.vsix` files to install next to it (e.g. the integration suite's runner extension). */
  readonly extraVsix?: readonly string[];
  readonly settings?: Record<string, unknown>;
  /** Extra environment variables for code-server (its extension host inherits them). */
  readonly env?: Record<string, string>;
  readonly log?: (line: string) => void;
}

/** Settings that keep the UI deterministic: no welcome page, tips, AI panes or trust prompts. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'editor.hover.delay': 150,
  'window.commandCenter': false,
};

/**
 * One code-server on a free loopback port with an isolated user-data and extensions folder, the
 * extension installed from its `.vsix`, and a copy of the workspace open. `stop` (also run on
 * exit and Ctrl-C) kills the whole process group and deletes the temporary folders.
 */
export class CodeServer {
  private process: ChildProcess | undefined;
  private readonly output: string[] = [];
  private readonly removeExitHooks: () => void;

  private constructor(
    readonly url: string,
    readonly workspaceCopy: string,
    readonly userDataDir: string,
    private readonly temporary: string,
  ) {
    const onExit = () => this.killNow();
    const onSignal = (signal: NodeJS.Signals) => {
      this.killNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    this.removeExitHooks = () => {
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const log = options.log ?? (() => undefined);
    const install = ensureCodeServer(log);
    const temporary = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-e2e-'));
    const workspaceCopy = path.join(temporary, path.basename(options.workspace));
    const userDataDir = path.join(temporary, 'user-data');
    const extensionsDir = path.join(temporary, 'extensions');
    cpSync(options.workspace, workspaceCopy, { recursive: true });
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
    installExtensions(install, [options.vsix, ...(options.extraVsix ?? [])], userDataDir, extensionsDir);

    const port = await freePort();
    const server = new CodeServer(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceCopy)}`, workspaceCopy, userDataDir, temporary);
    const child = spawn(
      install.node,
      [
        install.entry,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--extensions-dir', extensionsDir,
        '--user-data-dir', userDataDir,
        workspaceCopy,
      ],
      // Its own process group, so stop() also ends the extension host and language server.
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, XDG_CONFIG_HOME: path.join(temporary, 'config') } },
    );
    server.process = child;
    const collect = (chunk: Buffer) => server.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => child.exitCode !== null);
    } catch (error) {
      await server.stop();
      throw new Error(`code-server did not start: ${error instanceof Error ? error.message : String(error)}\n${server.output.slice(-30).join('\n')}`);
    }
    log(`code-server listening on ${server.url}`);
    return server;
  }

  /** The last lines code-server printed, for failure reports. */
  logTail(lines = 100): string {
    return this.output.slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.removeExitHooks();
    rmSync(this.temporary, { recursive: true, force: true });
  }

  private killNow(): void {
    const pid = this.process?.pid;
    if (pid !== undefined && this.process?.exitCode === null) signalGroup(pid, 'SIGKILL');
    rmSync(this.temporary, { recursive: true, force: true });
  }
}

/** One code-server CLI call for all of them: each start of its Node costs a second or two. */
function installExtensions(install: CodeServerInstall, vsixFiles: readonly string[], userDataDir: string, extensionsDir: string): void {
  const result = spawnSync(install.node, [install.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, ...vsixFiles.flatMap((vsix) => ['--install-extension', vsix])], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const installed = result.stdout.match(/successfully installed/gi)?.length ?? 0;
  if (result.status !== 0 || installed < vsixFiles.length) {
    throw new Error(`installing ${vsixFiles.join(', ')} into code-server failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error('the process exited');
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
