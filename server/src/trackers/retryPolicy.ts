import { TrackerError } from './trackerErrors';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  /** No single wait is longer, whatever a tracker asks: a sync must not hang for an hour. */
  readonly capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseMs: 500, capMs: 60_000 };

/**
 * How long to wait before retry number `attempt` (1-based): the tracker's own hint when it gave
 * one, else exponential backoff with full jitter (AWS's recommendation: it spreads clients out),
 * always capped. `random` is injectable so tests are deterministic.
 */
export function retryDelayMs(error: TrackerError, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  if (error.retryAfterMs !== undefined) return Math.min(policy.capMs, error.retryAfterMs + Math.floor(random() * 250));
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * exponential);
}

/** Runs `call`, retrying retryable tracker failures per the policy; waits are cancellable. */
export async function withRetries<T>(
  call: () => Promise<T>,
  signal: AbortSignal,
  options: { policy?: RetryPolicy; random?: () => number; onRetry?: (error: TrackerError, delayMs: number, attempt: number) => void; sleep?: (ms: number, signal: AbortSignal) => Promise<void> } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TrackerError) || !error.retryable || attempt >= policy.attempts || signal.aborted) throw error;
      const delay = retryDelayMs(error, attempt, policy, options.random);
      options.onRetry?.(error, delay, attempt);
      await sleep(delay, signal);
    }
  }
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new TrackerError('cancelled', 'sync cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TrackerError('cancelled', 'sync cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
