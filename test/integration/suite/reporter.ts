import Mocha from 'mocha';
import type { SuiteRun, TestResult } from '../results';

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/**
 * Collects every result of a mocha run and renders it the way the spec reporter does, one line
 * at a time (`onLine`), so the same run reads alike in the extension host's console
 * (test-electron), in the harness's progress file and in its failure report.
 */
export class ResultCollector {
  private readonly tests: TestResult[] = [];
  private readonly lines: string[] = [];
  private depth = 0;
  private readonly started = Date.now();

  constructor(private readonly onLine: (line: string) => void = () => undefined) {}

  /** A reporter class for `new Mocha({ reporter })` that feeds this collector. */
  reporter(): Mocha.ReporterConstructor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the reporter class needs the collector it reports to.
    const collector = this;
    return class CollectingReporter extends Mocha.reporters.Base {
      constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        collector.attach(runner);
      }
    };
  }

  private attach(runner: Mocha.Runner): void {
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.root) return;
      this.line(`${this.indent()}${suite.title}`);
      this.depth++;
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      if (!suite.root) this.depth--;
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      const durationMs = test.duration ?? 0;
      this.record(test, 'passed', durationMs);
      this.line(`${this.indent()}✔ ${test.title}${durationMs >= test.slow() / 2 ? ` (${durationMs}ms)` : ''}`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      this.record(test, 'pending', 0);
      this.line(`${this.indent()}- ${test.title}`);
    });
    // Hooks fail through this event too, as a runnable titled `"before all" hook for "…"`.
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => {
      const { message, stack } = describeError(error);
      this.record(test, 'failed', test.duration ?? 0, message, stack);
      this.line(`${this.indent()}${this.count('failed')}) ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      this.line('');
      this.line(`  ${this.count('passed')} passing (${Math.round((Date.now() - this.started) / 1000)}s)`);
      if (this.count('pending') > 0) this.line(`  ${this.count('pending')} pending`);
      if (this.count('failed') > 0) {
        this.line(`  ${this.count('failed')} failing`);
        this.tests
          .filter((test) => test.state === 'failed')
          .forEach((test, index) => {
            this.line('');
            this.line(`  ${index + 1}) ${[...test.suites, test.title].join(' ')}:`);
            for (const line of (test.stack ?? test.message ?? '').split('\n')) this.line(`     ${line}`);
          });
      }
    });
  }

  /** The run so far, as the JSON the harness reads. */
  result(host: SuiteRun['host'], error?: string): SuiteRun {
    const failed = this.tests.filter((test) => test.state === 'failed');
    return {
      passed: this.count('passed'),
      failed: failed.length,
      pending: this.count('pending'),
      durationMs: Date.now() - this.started,
      tests: [...this.tests],
      failures: failed.map((test) => ({ title: [...test.suites, test.title].join(' › '), message: test.message ?? '' })),
      output: [...this.lines],
      ...(error === undefined ? {} : { error }),
      host,
    };
  }

  private record(test: Mocha.Runnable, state: TestResult['state'], durationMs: number, message?: string, stack?: string): void {
    const suites = test.parent ? test.parent.titlePath() : [];
    this.tests.push({ suites, title: test.title, state, durationMs, ...(message === undefined ? {} : { message, stack }) });
  }

  private count(state: TestResult['state']): number {
    return this.tests.filter((test) => test.state === state).length;
  }

  private indent(): string {
    return '  '.repeat(this.depth + 1);
  }

  private line(text: string): void {
    this.lines.push(text);
    this.onLine(text);
  }
}

function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) {
    return { message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { message: String(error) };
}
