// `npm run test:electron`: the integration suite (test/integration/suite) under
// @vscode/test-electron, in a downloaded desktop VS Code with Customer Lens loaded from this
// checkout (--extensionDevelopmentPath) and a copy of the sample workspace open. For machines
// that can download VS Code; where it cannot (like the CI machine, which runs the same suite
// in code-server with `npm run test:integration`), it stops at once with a clear message.
//
// Environment:
//   CUSTOMER_LENS_VSCODE_EXECUTABLE  use this VS Code instead of downloading one
//   CUSTOMER_LENS_VSCODE_VERSION     version to download (default: newest stable that satisfies engines.vscode)
//   CUSTOMER_LENS_VSCODE_CACHE       download cache (default: ~/.cache/customer-lens-e2e/vscode-test)
// On a headless Linux box, run it under a virtual display: xvfb-run -a npm run test:electron
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = path.join(root, 'out', 'integration', 'suite', 'index.js');
const client = path.join(root, 'dist', 'client.js');
const cache = process.env.CUSTOMER_LENS_VSCODE_CACHE ?? path.join(os.homedir(), '.cache', 'customer-lens-e2e', 'vscode-test');
/** Per stalled request (test-electron's own idle timeout) and for the whole download. */
const REQUEST_TIMEOUT_MS = 15_000;
const DOWNLOAD_DEADLINE_MS = 10 * 60_000;

for (const [file, how] of [[client, 'npm run build'], [suite, 'node test/integration/build.mjs']]) {
  if (!existsSync(file)) fail(`${path.relative(root, file)} is missing: run \`${how}\` first (npm run test:electron does).`);
}

const vscode = process.env.CUSTOMER_LENS_VSCODE_EXECUTABLE ?? (await downloadVSCode());

const temporary = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-electron-'));
const workspace = path.join(temporary, 'sample-workspace');
const userData = path.join(temporary, 'user-data');
cpSync(path.join(root, 'test', 'fixtures', 'sample-workspace'), workspace, { recursive: true });
mkdirSync(path.join(userData, 'User'), { recursive: true });
writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'extensions.autoUpdate': false, 'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true }, null, 2),
);
let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: vscode,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', path.join(temporary, 'extensions'), '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
  });
} catch (error) {
  console.error(`The integration suite failed in VS Code (${vscode}): ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(temporary, { recursive: true, force: true });
}
process.exit(exitCode);

async function downloadVSCode() {
  const version = process.env.CUSTOMER_LENS_VSCODE_VERSION;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the download took longer than ${DOWNLOAD_DEADLINE_MS / 60_000} minutes`)), DOWNLOAD_DEADLINE_MS);
  });
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ ...(version ? { version } : {}), cachePath: cache, timeout: REQUEST_TIMEOUT_MS, extensionDevelopmentPath: root }),
      deadline,
    ]);
  } catch (error) {
    fail(
      [
        `Could not download VS Code for @vscode/test-electron: ${error instanceof Error ? error.message : String(error)}`,
        'npm run test:electron needs to reach update.code.visualstudio.com (or CUSTOMER_LENS_VSCODE_EXECUTABLE=/path/to/code).',
        'Without it, `npm run test:integration` runs the same suite in code-server (it is part of `npm test`).',
      ].join('\n'),
    );
  } finally {
    clearTimeout(timer);
  }
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
