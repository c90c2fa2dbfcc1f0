/**
 * What can go wrong talking to a tracker, as the sync engine needs to tell it apart: wait and
 * retry, give up on this run, or tell the user to reconnect. Messages never contain tokens.
 */
export type TrackerFailureKind =
  /** 429, Linear's RATELIMITED, GitHub's exhausted or secondary limit: wait `retryAfterMs`. */
  | 'rate-limited'
  /** 5xx, a reset connection, a timeout: retry with backoff. */
  | 'transient'
  /** 401/403 without a rate-limit signal: the token is missing, wrong or expired. */
  | 'auth'
  /** The endpoint is gone (Jira's old `/search` answers 410) or the configuration is wrong. */
  | 'config'
  /** A body that is not JSON or not the expected shape at page level. */
  | 'bad-response'
  | 'cancelled';

export class TrackerError extends Error {
  constructor(
    readonly kind: TrackerFailureKind,
    message: string,
    /** For `rate-limited`: how long the tracker asked us to wait, when it said. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TrackerError';
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'transient' || this.kind === 'bad-response';
  }
}
