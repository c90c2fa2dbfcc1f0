/**
 * A test-only extension, installed next to Customer Lens in code-server by the integration
 * harness: on startup it runs the integration suite in this extension host and writes the
 * results as JSON to the file the harness named (setting `customerLensTests.resultsFile`, or
 * the `CUSTOMER_LENS_TESTS_RESULTS` environment variable). Without either it does nothing.
 */
import { appendFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { workspace, type ExtensionContext } from 'vscode';
import { progressFileFor, RESULTS_FILE_ENV, RESULTS_FILE_SETTING, type SuiteRun } from '../results';
import { runSuite } from '../suite/index';

export function activate(_context: ExtensionContext): void {
  const resultsFile = process.env[RESULTS_FILE_ENV] || workspace.getConfiguration().get<string>(RESULTS_FILE_SETTING, '');
  // A reloaded window starts a new extension host: the suite runs once per results file.
  if (resultsFile === '' || existsSync(resultsFile) || existsSync(progressFileFor(resultsFile))) return;
  const progress = progressFileFor(resultsFile);
  writeFileSync(progress, `[runner] extension host pid ${process.pid}: running the integration suite (first, Customer Lens must activate and index)\n`);
  // Not awaited: activation returns at once and the suite waits for Customer Lens itself.
  void runSuite({ onLine: (line) => appendFileSync(progress, `${line}\n`) }).then((result) => writeResults(resultsFile, result));
}

export function deactivate(): void {
  // Nothing to release: the suite's editors and panels go with the window.
}

/** Atomically (temp file + rename): the harness treats the file's existence as "done". */
function writeResults(file: string, result: SuiteRun): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temporary, file);
}
