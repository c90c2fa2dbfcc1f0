/**
 * The integration suite's entry: mocha inside the VS Code extension host, against the real
 * `vscode` API and the installed Customer Lens. Two callers:
 * - the runner extension (`../runner/extension.ts`) in code-server, which wants the results;
 * - `@vscode/test-electron` (`npm run test:electron`), which calls `run()` and wants it to
 *   reject when a test failed.
 * Both load this file from one esbuild bundle with mocha inside and `vscode` external.
 */
import Mocha from 'mocha';
import { version as vscodeVersion, env } from 'vscode';
import type { SuiteRun } from '../results';
import { ResultCollector } from './reporter';

export interface SuiteOptions {
  /** Each spec line as it is produced. */
  readonly onLine?: (line: string) => void;
}

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteRun> {
  const collector = new ResultCollector(options.onLine);
  const host = { vscode: vscodeVersion, node: process.version, appName: env.appName };
  try {
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: collector.reporter() });
    // The test files are in this bundle, not on disk for mocha to require: give them mocha's
    // globals (describe, it, before…) by hand, then load them in order.
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'customer-lens-integration', mocha);
    await import('./ready.js');
    await import('./commands.test.js');
    await import('./hover.test.js');
    await import('./codeLens.test.js');
    await import('./links.test.js');
    await import('./friction.test.js');
    await import('./panel.test.js');
    await import('./editing.test.js');
    await import('./trackers.test.js');
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
    return collector.result(host);
  } catch (error) {
    return collector.result(host, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

/** For `@vscode/test-electron`: prints the spec output to the console and rejects on any failure. */
export async function run(): Promise<void> {
  const result = await runSuite({ onLine: (line) => console.log(line) });
  if (result.error !== undefined) throw new Error(`The integration suite could not run: ${result.error}`);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed.`);
  if (result.passed === 0) throw new Error('The integration suite ran no tests.');
}
