// Builds the integration suite (test/integration/suite) with mocha inside, `vscode` external:
//   out/integration/suite/index.js     exports run() — the extensionTestsPath for @vscode/test-electron
//   out/integration/runner/            the runner extension (package.json + extension.js) and its
//   out/integration/integration-runner.vsix   package, which the code-server harness installs.
// Usage: node test/integration/build.mjs [--no-vsix]
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const out = path.join(root, 'out', 'integration');
const RUNNER_VSIX = path.join(out, 'integration-runner.vsix');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
  // mocha's parallel mode (never used here) resolves its worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
  absWorkingDir: root,
};

await rm(out, { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['test/integration/suite/index.ts'], outfile: path.join(out, 'suite', 'index.js') }),
  esbuild.build({ ...common, entryPoints: ['test/integration/runner/extension.ts'], outfile: path.join(out, 'runner', 'extension.js') }),
]);
await copyFile(path.join(here, 'runner', 'package.json'), path.join(out, 'runner', 'package.json'));
await writeFile(path.join(out, 'runner', 'LICENSE'), 'MIT (test-only extension of Customer Lens; never published)\n');
await writeFile(path.join(out, 'runner', '.vscodeignore'), '*.map\n');
await writeFile(path.join(out, 'runner', 'README.md'), 'Runs the Customer Lens integration suite in the extension host. Built by test/integration/build.mjs.\n');
if (!process.argv.includes('--no-vsix')) {
  await mkdir(out, { recursive: true });
  await createVSIX({ cwd: path.join(out, 'runner'), packagePath: RUNNER_VSIX, dependencies: false, allowMissingRepository: true });
}
