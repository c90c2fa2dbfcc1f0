// `npm run demo`: opens the sample workspace in a real VS Code with Customer Lens loaded, using the
// first of these that works here:
//   1. the desktop VS Code, if `code` is on PATH (`code --extensionDevelopmentPath=<this repo>`);
//   2. a VS Code downloaded by @vscode/test-electron, where the network and a display allow;
//   3. code-server on 127.0.0.1 (the e2e harness, test/e2e/codeServer.ts): prints the URL to open
//      in a browser and runs until Ctrl-C.
// `npm run demo` builds first (typecheck, bundles, .vsix); this script expects that build.
// Usage: node scripts/demo.mjs [--code-server]     (npm run demo -- --code-server)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const SAMPLE_WORKSPACE = path.join(root, 'test', 'fixtures', 'sample-workspace');
const VSIX = path.join(root, 'dist', 'customer-lens.vsix');
const HARNESS = path.join(root, 'out', 'test', 'e2e', 'codeServer.js');
const HARNESS_INSTALL = path.join(root, 'out', 'test', 'e2e', 'codeServerInstall.js');
/** Shared with `npm run test:electron` (test/integration/electron.mjs), so one download serves both. */
const VSCODE_CACHE = process.env.CUSTOMER_LENS_VSCODE_CACHE ?? path.join(os.homedir(), '.cache', 'customer-lens-e2e', 'vscode-test');
/** Idle timeout of each download request: offline, the download gives up this fast. */
const DOWNLOAD_TIMEOUT_MS = 10_000;

const say = (line = '') => console.log(line === '' ? '' : `[demo] ${line}`);

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run demo [-- --code-server]

Opens test/fixtures/sample-workspace in VS Code with Customer Lens loaded: the desktop VS Code
if \`code\` is on PATH, else a VS Code downloaded by @vscode/test-electron (needs the network and
a display), else code-server on 127.0.0.1 in your browser (Ctrl-C stops it).

  --code-server   go straight to code-server`);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== '--code-server');
if (unknown.length > 0) {
  console.error(`[demo] Unknown argument(s): ${unknown.join(' ')}. Try --help.`);
  process.exit(2);
}
const forceCodeServer = args.includes('--code-server');

for (const built of [path.join(root, 'dist', 'client.js'), path.join(root, 'dist', 'server.js')]) {
  if (!existsSync(built)) fail(`${path.relative(root, built)} is missing: run \`npm run demo\`, which builds before it starts.`);
}

if (forceCodeServer) {
  say('--code-server: skipping the desktop VS Code and the download.');
} else {
  if (openInDesktopCode()) process.exit(0);
  if (await openInDownloadedCode()) process.exit(0);
}
await runCodeServer();

/** 1. The user's own VS Code, with its own settings and profile: it's a demo, not a test. */
function openInDesktopCode() {
  const code = findOnPath(process.platform === 'win32' ? ['code.cmd', 'code'] : ['code']);
  if (code === undefined) {
    say('1/3 Desktop VS Code: no `code` command on PATH.');
    return false;
  }
  if (!hasDisplay() && process.env.VSCODE_IPC_HOOK_CLI === undefined) {
    say(`1/3 Desktop VS Code: found ${code}, but there is no display (DISPLAY and WAYLAND_DISPLAY are unset).`);
    return false;
  }
  const version = spawnSync(code, ['--version'], { encoding: 'utf8', timeout: 20_000, shell: process.platform === 'win32' });
  if (version.status !== 0) {
    say(`1/3 Desktop VS Code: \`${code} --version\` failed (${version.error?.message ?? `exit code ${version.status}`}).`);
    return false;
  }
  const workspace = freshWorkspaceCopy();
  say(`1/3 Desktop VS Code ${version.stdout.split('\n')[0]}: opening ${workspace} with Customer Lens from ${root}…`);
  const opened = spawnSync(code, [`--extensionDevelopmentPath=${root}`, '--new-window', workspace], { stdio: 'inherit', timeout: 60_000, shell: process.platform === 'win32' });
  if (opened.status !== 0) {
    say(`1/3 Desktop VS Code: \`code\` failed (${opened.error?.message ?? `exit code ${opened.status}`}).`);
    return false;
  }
  say('Opened in an "Extension Development Host" window. Open src/payments/refund.ts and hover `issue`.');
  return true;
}

/** 2. A VS Code of our own, downloaded once into the cache. Needs update.code.visualstudio.com and a display. */
async function openInDownloadedCode() {
  if (!hasDisplay()) {
    say('2/3 Downloaded VS Code: no display (DISPLAY and WAYLAND_DISPLAY are unset), so a VS Code window could not show; not downloading.');
    return false;
  }
  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch {
    say('2/3 Downloaded VS Code: @vscode/test-electron is not installed (`npm ci` installs it).');
    return false;
  }
  say(`2/3 Downloaded VS Code: fetching the latest stable VS Code into ${VSCODE_CACHE} (gives up after ${DOWNLOAD_TIMEOUT_MS / 1000} s without an answer)…`);
  let executable;
  try {
    executable = await testElectron.downloadAndUnzipVSCode({ version: 'stable', cachePath: VSCODE_CACHE, timeout: DOWNLOAD_TIMEOUT_MS });
  } catch (error) {
    say(`2/3 Downloaded VS Code: the download failed (${firstLine(error)}).`);
    return false;
  }
  const workspace = freshWorkspaceCopy();
  const profile = path.join(VSCODE_CACHE, 'demo-profile');
  say(`2/3 Downloaded VS Code: starting ${executable} on ${workspace}; close its window (or Ctrl-C) to end the demo.`);
  const child = spawn(
    executable,
    [
      `--extensionDevelopmentPath=${root}`,
      '--user-data-dir', path.join(profile, 'user-data'),
      '--extensions-dir', path.join(profile, 'extensions'),
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-workspace-trust',
      // Electron refuses to run as root without it.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      workspace,
    ],
    { stdio: 'inherit' },
  );
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const outcome = await new Promise((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (outcome.error) {
    say(`2/3 Downloaded VS Code: could not start it (${outcome.error.message}).`);
    return false;
  }
  say(`VS Code exited${outcome.signal ? ` (${outcome.signal})` : outcome.code ? ` with code ${outcome.code}` : ''}.`);
  return true;
}

/** 3. code-server from the npm registry, through the e2e harness, until Ctrl-C. */
async function runCodeServer() {
  if (!existsSync(HARNESS) || !existsSync(VSIX)) {
    fail(`${existsSync(VSIX) ? path.relative(root, HARNESS) : path.relative(root, VSIX)} is missing: run \`npm run demo\`, which builds the harness and the .vsix first.`);
  }
  const { CodeServer } = require(HARNESS);
  const { cacheDirectory, CODE_SERVER_VERSION } = require(HARNESS_INSTALL);
  say(`3/3 code-server ${CODE_SERVER_VERSION} on 127.0.0.1, with Customer Lens installed from ${path.relative(root, VSIX)}.`);
  if (!existsSync(path.join(cacheDirectory(), `code-server-${CODE_SERVER_VERSION}`, '.installed'))) {
    say(`First run: installing code-server and Node 24 from the npm registry into ${cacheDirectory()} (a few minutes, once).`);
  }
  const harnessHandlers = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  let server;
  try {
    server = await CodeServer.start({ workspace: SAMPLE_WORKSPACE, vsix: VSIX, log: say });
  } catch (error) {
    fail(`code-server did not start: ${error instanceof Error ? error.message : String(error)}\nThe UI tests' requirements apply (see README, "Requirements"): Debian's libkrb5-dev to build code-server, and the npm registry.`);
  }
  // The harness ends code-server with SIGKILL on Ctrl-C; the demo stops it gently with stop()
  // (SIGTERM to its process group, SIGKILL after 5 s, then its temporary folders are removed).
  for (const signal of ['SIGINT', 'SIGTERM']) {
    for (const listener of process.listeners(signal)) {
      if (!harnessHandlers[signal].includes(listener)) process.off(signal, listener);
    }
  }
  let stopping = false;
  let watchdog;
  const stop = async (reason, exitCode) => {
    if (stopping) {
      // A second Ctrl-C: exit now; the harness's exit hook still kills the process group.
      say('Stopping now.');
      process.exit(130);
    }
    stopping = true;
    clearInterval(watchdog);
    say(`${reason}: stopping code-server…`);
    await server.stop();
    say('Stopped. Its temporary workspace copy and profile are deleted.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('Ctrl-C', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  const { port, origin } = new URL(server.url);
  const rule = '─'.repeat(72);
  console.log(`\n${rule}\n  Customer Lens is running in VS Code (code-server ${CODE_SERVER_VERSION}). Open in a browser:\n\n      ${server.url}\n\n  Then open src/payments/refund.ts and hover \`issue\` (line 36), click the CodeLens above it\n  for the panel, and open the Customer Lens view in the activity bar.\n  The workspace is a copy (${server.workspaceCopy}): edit freely.\n  From another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then the same URL.\n\n  Press Ctrl-C to stop.\n${rule}\n`);
  openBrowser(server.url);

  // If code-server dies on its own, say so instead of waiting for a Ctrl-C that changes nothing.
  let misses = 0;
  watchdog = setInterval(() => {
    fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5_000) })
      .then(() => {
        misses = 0;
      })
      .catch(() => {
        misses += 1;
        if (misses >= 3) {
          console.error(`[demo] code-server stopped answering:\n${server.logTail(30)}`);
          void stop('code-server is gone', 1);
        }
      });
  }, 10_000);
}

/** A fresh copy of the sample workspace for a VS Code that outlives this script. */
function freshWorkspaceCopy() {
  const copy = path.join(os.tmpdir(), 'customer-lens-demo', 'sample-workspace');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(path.dirname(copy), { recursive: true });
  cpSync(SAMPLE_WORKSPACE, copy, { recursive: true });
  return copy;
}

function findOnPath(names) {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Best effort, only where a desktop can show it. */
function openBrowser(url) {
  if (process.platform !== 'linux' || !hasDisplay()) return;
  const opener = findOnPath(['xdg-open']);
  if (opener === undefined) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function fail(message) {
  console.error(`[demo] ${message}`);
  process.exit(1);
}
