// Runs every test suite in its own process (mocha, spec reporter), prints one summary line per
// suite and the closing `N passed, N failed` line, and fails if any suite failed or crashed.
// Usage: node scripts/test.mjs [suite …]   (default: all suites)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SUITES = {
  unit: 'test/unit/.mocharc.json',
  lsp: 'test/lsp/.mocharc.json',
  webview: 'test/webview/.mocharc.json',
  // A real VS Code (code-server) driven through Debian's Chromium; see test/e2e/codeServer.ts.
  e2e: 'test/e2e/.mocharc.json',
  // The mocha suite inside the extension host of a second code-server; see test/integration/README.md.
  integration: 'test/integration/.mocharc.json',
};

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(SUITES);
const unknown = names.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

function runSuite(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const child = spawn(process.execPath, [mocha, '--config', SUITES[name], '--color'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('exit', (code, signal) => {
      const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
      const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(plain)?.[1] ?? 0);
      resolve({ name, passed: count('passing'), failed: count('failing'), skipped: count('pending'), code, signal, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
for (const name of names) results.push(await runSuite(name));

console.log('\nSummary');
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  const crashed = (r.code !== 0 && r.failed === 0) || r.signal;
  console.log(`  ${r.name.padEnd(width)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped in ${r.seconds.toFixed(1)} s${crashed ? ` — exited with ${r.signal ?? `code ${r.code}`}` : ''}`);
}
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const failed = total('failed') + results.filter((r) => (r.code !== 0 && r.failed === 0) || r.signal).length;
const skipped = total('skipped');
console.log(`${total('passed')} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || total('passed') === 0 ? 1 : 0);
