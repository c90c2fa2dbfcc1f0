import assert from 'node:assert/strict';
import { retryDelayMs, withRetries, type RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { TrackerError } from '../../server/src/trackers/trackerErrors';

const POLICY: RetryPolicy = { attempts: 4, baseMs: 100, capMs: 1_000 };

describe('tracker retry policy', () => {
  it('honours the tracker’s hint, plus a little jitter, capped', () => {
    assert.equal(retryDelayMs(new TrackerError('rate-limited', 'slow down', 300), 1, POLICY, () => 0), 300);
    assert.equal(retryDelayMs(new TrackerError('rate-limited', 'slow down', 3_600_000), 1, POLICY, () => 0), 1_000, 'an hour is capped');
  });

  it('backs off exponentially with full jitter when there is no hint', () => {
    const transient = new TrackerError('transient', '502');
    assert.equal(retryDelayMs(transient, 1, POLICY, () => 0.999), 99);
    assert.equal(retryDelayMs(transient, 3, POLICY, () => 0.999), 399);
    assert.equal(retryDelayMs(transient, 9, POLICY, () => 0.999), 999, 'capped');
    assert.equal(retryDelayMs(transient, 3, POLICY, () => 0), 0, 'full jitter reaches zero');
  });

  it('retries retryable failures and then succeeds, waiting as told', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      () => {
        calls++;
        if (calls === 1) return Promise.reject(new TrackerError('rate-limited', '429', 200));
        if (calls === 2) return Promise.reject(new TrackerError('transient', '503'));
        return Promise.resolve('page');
      },
      new AbortController().signal,
      { policy: POLICY, random: () => 0, sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    );
    assert.equal(result, 'page');
    assert.deepEqual(waits, [200, 0]);
  });

  it('does not retry auth or config failures, and gives up after the attempts', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(() => Promise.reject(new TrackerError('auth', '401', undefined, 401)).finally(() => calls++), new AbortController().signal, { policy: POLICY, sleep: () => Promise.resolve() }),
      (error: unknown) => error instanceof TrackerError && error.kind === 'auth',
    );
    assert.equal(calls, 1);
    calls = 0;
    await assert.rejects(
      withRetries(() => Promise.reject(new TrackerError('transient', '500')).finally(() => calls++), new AbortController().signal, { policy: POLICY, sleep: () => Promise.resolve() }),
      /500/,
    );
    assert.equal(calls, POLICY.attempts);
  });

  it('stops waiting at once when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = withRetries(() => Promise.reject(new TrackerError('rate-limited', '429', 30_000)), controller.signal, { policy: { ...POLICY, capMs: 60_000 } });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(run, (error: unknown) => error instanceof TrackerError && error.kind === 'cancelled');
    assert.ok(Date.now() - started < 5_000);
  });
});
