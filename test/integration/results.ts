/**
 * What the in-host integration run reports: written as JSON by the runner extension inside
 * code-server's extension host, read by the harness (`integration.test.ts`) outside it. No
 * `vscode` or mocha import: both sides compile it.
 */

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  /** Titles of the enclosing `describe`s, outermost first. */
  readonly suites: readonly string[];
  readonly title: string;
  readonly state: TestState;
  readonly durationMs: number;
  /** Only for failures: the error's message and stack (with mocha's diff for assertion errors). */
  readonly message?: string;
  readonly stack?: string;
}

export interface SuiteRun {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  /** Every test (and failed hook), in the order mocha ran them. */
  readonly tests: readonly TestResult[];
  readonly failures: readonly { readonly title: string; readonly message: string }[];
  /** The run as mocha's spec reporter would print it, one line per entry. */
  readonly output: readonly string[];
  /** Set when the runner itself failed (the suite could not load or run). */
  readonly error?: string;
  /** Versions seen inside the extension host, for the report. */
  readonly host: { readonly vscode: string; readonly node: string; readonly appName: string };
}

/** The user setting that tells the runner extension where to write the results. */
export const RESULTS_FILE_SETTING = 'customerLensTests.resultsFile';
/** The same, as an environment variable (takes precedence; used where settings are awkward). */
export const RESULTS_FILE_ENV = 'CUSTOMER_LENS_TESTS_RESULTS';

/** The spec lines land here while the run goes on, so a timed-out run still shows how far it got. */
export function progressFileFor(resultsFile: string): string {
  return `${resultsFile}.log`;
}
