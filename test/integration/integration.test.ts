/**
 * Harness side of the integration suite (suite `integration` of scripts/test.mjs): builds the
 * suite and its runner extension, starts code-server with Customer Lens and the runner
 * installed, opens the workbench in Chromium (the extension host only starts when a client
 * connects), waits for the runner's results file, and replays every in-host result as a mocha
 * test here, so the spec output and the `N passing` line count them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Mocha from 'mocha';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { CodeServer } from '../e2e/codeServer';
import { progressFileFor, RESULTS_FILE_SETTING, type SuiteRun, type TestResult } from './results';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SAMPLE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'sample-workspace');
const VSIX = path.join(ROOT, 'dist', 'customer-lens.vsix');
const RUNNER_VSIX = path.join(ROOT, 'out', 'integration', 'integration-runner.vsix');
const ARTIFACTS = path.join(ROOT, 'test-results', 'integration');
/** From the browser connecting to the results file: the suite itself waits up to 90 s for the index. */
const RUN_TIMEOUT_MS = Number(process.env['CUSTOMER_LENS_INTEGRATION_TIMEOUT_MS'] ?? 240_000);

const log = (line: string) => console.log(`    [integration] ${line}`);

describe('integration: mocha suite in the VS Code extension host (code-server)', function () {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- the replayed tests go into this suite.
  const suite = this;
  let run: SuiteRun | undefined;

  before(async function () {
    // A cold cache installs code-server first (minutes); warm, the whole run takes ~20 s.
    this.timeout(RUN_TIMEOUT_MS + 600_000);
    buildSuite();
    run = await runInCodeServer();
    replay(suite, run.tests);
  });

  it('ran the whole suite inside the extension host', function () {
    assert.ok(run, 'no results');
    assert.equal(run.error, undefined, `the runner failed:\n${run.error ?? ''}\n${run.output.join('\n')}`);
    assert.ok(run.tests.length > 0, `the suite ran no tests:\n${run.output.join('\n')}`);
  });
});

function buildSuite(): void {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run build && npm run vsix\` first (npm test and npm run test:integration do).`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'test', 'integration', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`test/integration/build.mjs failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

async function runInCodeServer(): Promise<SuiteRun> {
  const results = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-integration-'));
  const resultsFile = path.join(results, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    server = await CodeServer.start({ workspace: SAMPLE_WORKSPACE, vsix: VSIX, extraVsix: [RUNNER_VSIX], settings: { [RESULTS_FILE_SETTING]: resultsFile }, log });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    const started = Date.now();
    const run = await waitForResults(resultsFile, RUN_TIMEOUT_MS);
    log(`extension host (VS Code ${run.host.vscode}, Node ${run.host.node}): ${run.passed} passed, ${run.failed} failed, ${run.pending} pending in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (run.failed > 0 || run.error !== undefined) await saveArtifacts(server, page, resultsFile);
    return run;
  } catch (error) {
    const folder = server ? await saveArtifacts(server, page, resultsFile) : undefined;
    const progress = readIfExists(progressFileFor(resultsFile));
    throw new Error(
      [
        error instanceof Error ? error.message : String(error),
        `--- the suite's output in the extension host so far ---\n${progress === undefined ? '(none: the runner extension never started; is the window open and the runner installed?)' : progress}`,
        `--- code-server's last lines ---\n${server?.logTail(40) ?? '(not started)'}`,
        folder === undefined ? '' : `Artifacts: ${folder}`,
      ].join('\n'),
    );
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(results, { recursive: true, force: true });
  }
}

async function waitForResults(file: string, timeoutMs: number): Promise<SuiteRun> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`No results from the extension host within ${timeoutMs / 1000} s (${file}).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SuiteRun;
}

/** One mocha test here per test there, in nested suites with the same titles. */
function replay(root: Mocha.Suite, tests: readonly TestResult[]): void {
  const suites = new Map<string, Mocha.Suite>();
  const suiteFor = (titles: readonly string[]): Mocha.Suite => {
    let parent = root;
    titles.forEach((title, index) => {
      const key = JSON.stringify(titles.slice(0, index + 1));
      let child = suites.get(key);
      if (!child) {
        child = Mocha.Suite.create(parent, title);
        suites.set(key, child);
      }
      parent = child;
    });
    return parent;
  };
  for (const test of tests) {
    const parent = suiteFor(test.suites);
    if (test.state === 'pending') {
      parent.addTest(new Mocha.Test(test.title));
      continue;
    }
    parent.addTest(
      new Mocha.Test(test.title, () => {
        if (test.state === 'passed') return;
        const error = new Error(test.message ?? 'failed in the extension host');
        error.stack = test.stack ?? error.message;
        throw error;
      }),
    );
  }
}

/** A screenshot, code-server's log, VS Code's logs (extension host included) and the suite's output. */
async function saveArtifacts(server: CodeServer, page: Page | undefined, resultsFile: string): Promise<string> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  await page?.screenshot({ path: path.join(ARTIFACTS, 'screenshot.png') }).catch(() => undefined);
  writeFileSync(path.join(ARTIFACTS, 'code-server.log'), server.logTail(400));
  for (const file of [resultsFile, progressFileFor(resultsFile)]) {
    if (existsSync(file)) cpSync(file, path.join(ARTIFACTS, path.basename(file)));
  }
  const logs = path.join(server.userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, path.join(ARTIFACTS, 'vscode-logs'), { recursive: true });
  log(`failure artifacts: ${ARTIFACTS}`);
  return ARTIFACTS;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
