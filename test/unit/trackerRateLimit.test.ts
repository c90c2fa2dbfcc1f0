import assert from 'node:assert/strict';
import { isGraphqlRateLimited, isRateLimited, resetAtMs, retryAfterMs, waitFromHeaders } from '../../server/src/trackers/rateLimit';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('tracker rate-limit signals', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('30', NOW), 30_000);
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 10:00:05 GMT', NOW), 5_000);
    assert.equal(retryAfterMs('soon', NOW), undefined);
    assert.equal(retryAfterMs(undefined, NOW), undefined);
  });

  it('reads reset times as epoch seconds (Jira, GitHub), epoch milliseconds (Linear) or ISO dates', () => {
    assert.equal(resetAtMs(String(NOW / 1000 + 60), NOW), 60_000);
    assert.equal(resetAtMs(String(NOW + 1_500), NOW), 1_500);
    assert.equal(resetAtMs('2026-11-24T10:00:10Z', NOW), 10_000);
    assert.equal(resetAtMs(String(NOW / 1000 - 60), NOW), 0, 'a reset in the past means go now');
  });

  it('prefers Retry-After, then X-RateLimit-Reset, then Linear’s requests reset', () => {
    assert.equal(waitFromHeaders(headers({ 'retry-after': '2', 'x-ratelimit-reset': String(NOW / 1000 + 60) }), NOW), 2_000);
    assert.equal(waitFromHeaders(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 60) }), NOW), 60_000);
    assert.equal(waitFromHeaders(headers({ 'x-ratelimit-requests-reset': String(NOW + 700) }), NOW), 700);
    assert.equal(waitFromHeaders(headers({}), NOW), undefined);
  });

  it('tells GitHub’s rate-limit 403s from permission 403s', () => {
    assert.equal(isRateLimited(429, headers({})), true);
    assert.equal(isRateLimited(403, headers({ 'x-ratelimit-remaining': '0' })), true, 'primary limit exhausted');
    assert.equal(isRateLimited(403, headers({ 'retry-after': '60' })), true, 'secondary limit');
    assert.equal(isRateLimited(403, headers({ 'x-ratelimit-remaining': '4999' })), false, 'a real permission error');
    assert.equal(isRateLimited(500, headers({})), false);
  });

  it('recognises Linear’s RATELIMITED GraphQL error and nothing else', () => {
    assert.equal(isGraphqlRateLimited({ errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] }), true);
    assert.equal(isGraphqlRateLimited({ errors: [{ message: 'Bad query', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }), false);
    assert.equal(isGraphqlRateLimited('<html>'), false);
    assert.equal(isGraphqlRateLimited(null), false);
  });
});
