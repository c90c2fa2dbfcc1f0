/**
 * Reads every rate-limit signal the trackers send (DESIGN.md, "Trackers") into one number: how
 * long to wait before the next request, in milliseconds. `undefined` when the response says
 * nothing about waiting.
 */
export type HeaderLookup = (name: string) => string | undefined;

/** `Retry-After`: delay-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A reset time as trackers write it: epoch seconds (Jira's and GitHub's `X-RateLimit-Reset`),
 * epoch milliseconds (Linear's `X-RateLimit-Requests-Reset`) or an ISO date.
 */
export function resetAtMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (Number.isFinite(number)) {
    // Epoch milliseconds are 13 digits until the year 2286; seconds are 10.
    const at = number > 1e12 ? number : number * 1000;
    return Math.max(0, at - now);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait a response asks for, from whichever header it uses. */
export function waitFromHeaders(header: HeaderLookup, now: number): number | undefined {
  return (
    retryAfterMs(header('retry-after'), now) ??
    resetAtMs(header('x-ratelimit-reset'), now) ??
    resetAtMs(header('x-ratelimit-requests-reset'), now)
  );
}

/**
 * Whether a response is a rate limit rather than another failure. 429 always is; GitHub answers
 * 403 with `x-ratelimit-remaining: 0` (primary) or with `retry-after` (secondary limits).
 */
export function isRateLimited(status: number, header: HeaderLookup): boolean {
  if (status === 429) return true;
  if (status === 403) return header('x-ratelimit-remaining') === '0' || header('retry-after') !== undefined;
  return false;
}

/** Linear answers HTTP 400 with a GraphQL error whose `extensions.code` is `RATELIMITED`. */
export function isGraphqlRateLimited(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const errors = (body as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.some((error: unknown) => typeof error === 'object' && error !== null && (error as { extensions?: { code?: unknown } }).extensions?.code === 'RATELIMITED');
}
