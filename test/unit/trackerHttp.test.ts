import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { TrackerError, type TrackerFailureKind } from '../../server/src/trackers/trackerErrors';
import { TrackerHttp } from '../../server/src/trackers/trackerHttp';
import { startHttpTestServer, type HttpTestServer, type RecordedRequest } from '../support/httpTestServer';

const page = z.object({ issues: z.array(z.unknown()) });
const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('TrackerHttp (against a real local HTTP server)', () => {
  let server: HttpTestServer;
  let respond: (request: RecordedRequest, response: ServerResponse) => void;

  beforeEach(async () => {
    server = await startHttpTestServer((request, response) => respond(request, response));
  });
  afterEach(() => server.close());

  const http = (timeoutMs = 2_000) => new TrackerHttp({ origin: server.origin, authorization: () => 'Bearer s3cret', timeoutMs, now: () => NOW });
  const get = (client = http(), signal = new AbortController().signal) => client.request({ url: '/rest/api/3/search/jql', params: { jql: 'project = PAY' }, schema: page, signal });
  const failsWith = async (kind: TrackerFailureKind, run: Promise<unknown>, check?: (error: TrackerError) => void) =>
    assert.rejects(run, (error: unknown) => {
      assert.ok(error instanceof TrackerError, String(error));
      assert.equal(error.kind, kind, error.message);
      assert.ok(!error.message.includes('s3cret'), 'no token in messages');
      check?.(error);
      return true;
    });

  it('sends the token, query and JSON accept header, and validates the page', async () => {
    respond = (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"issues":[1,2]}');
    const result = await get();
    assert.deepEqual(result.data, { issues: [1, 2] });
    const sent = server.requests[0];
    assert.equal(sent?.headers.authorization, 'Bearer s3cret');
    assert.equal(sent?.url, '/rest/api/3/search/jql?jql=project+%3D+PAY');
  });

  it('never sends a request, or the token, to another origin', async () => {
    const other = await startHttpTestServer((_, response) => response.end('{}'));
    try {
      await failsWith('config', http().request({ url: `${other.origin}/steal`, schema: page, signal: new AbortController().signal }), (error) => assert.match(error.message, /bound to/));
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('classifies 429 with Retry-After, and GitHub’s 403 with an exhausted limit, as rate limits with the wait', async () => {
    respond = (_, response) => response.writeHead(429, { 'retry-after': '7' }).end('{"errorMessages":["Rate limit exceeded"]}');
    await failsWith('rate-limited', get(), (error) => assert.equal(error.retryAfterMs, 7_000));
    respond = (_, response) => response.writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 30) }).end('{"message":"API rate limit exceeded"}');
    await failsWith('rate-limited', get(), (error) => assert.equal(error.retryAfterMs, 30_000));
  });

  it('classifies Linear’s RATELIMITED (HTTP 400 with a GraphQL error) as a rate limit', async () => {
    respond = (_, response) => response.writeHead(400, { 'x-ratelimit-requests-reset': String(NOW + 2_000) }).end('{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED"}}]}');
    await failsWith('rate-limited', get(), (error) => assert.equal(error.retryAfterMs, 2_000));
  });

  it('classifies 401 and a plain 403 as auth, 5xx as transient, 410 as config, quoting the tracker', async () => {
    respond = (_, response) => response.writeHead(401).end('{"errorMessages":["Client must be authenticated"]}');
    await failsWith('auth', get(), (error) => assert.match(error.message, /Client must be authenticated/));
    respond = (_, response) => response.writeHead(403, { 'x-ratelimit-remaining': '4999' }).end('{"message":"Resource not accessible by integration"}');
    await failsWith('auth', get());
    respond = (_, response) => response.writeHead(503, { 'content-type': 'text/html' }).end('<html>down</html>');
    await failsWith('transient', get(), (error) => assert.doesNotMatch(error.message, /html/));
    respond = (_, response) => response.writeHead(410).end('{"errorMessages":["The requested API has been removed. Please migrate to /rest/api/3/search/jql."]}');
    await failsWith('config', get(), (error) => assert.match(error.message, /410.*migrate/));
  });

  it('masks a credential the tracker echoes before shortening its message, so no part of it is left', async () => {
    const token = `tok_${'x'.repeat(40)}Z9`;
    const basic = `Basic ${Buffer.from(`dev@acme.com:${token}`).toString('base64')}`;
    const client = new TrackerHttp({ origin: server.origin, authorization: () => basic, timeoutMs: 2_000, now: () => NOW });
    // The token straddles the 200-character cut: masking after the cut would leave its start behind.
    respond = (_, response) => response.writeHead(401).end(JSON.stringify({ errorMessages: [`${'a'.repeat(180)} token ${token} is invalid; header ${basic}`] }));
    await failsWith('auth', get(client), (error) => {
      assert.ok(!error.message.includes('tok_'), error.message);
      assert.ok(!error.message.includes(basic.slice(6, 20)), error.message);
      assert.match(error.message, /token \*\*\* is inval/);
    });
  });

  it('reports malformed JSON and an unexpected page shape as bad responses', async () => {
    respond = (_, response) => response.writeHead(200).end('{"issues":[1,2');
    await failsWith('bad-response', get(), (error) => assert.match(error.message, /not JSON/));
    respond = (_, response) => response.writeHead(200).end('{"values":[]}');
    await failsWith('bad-response', get(), (error) => assert.match(error.message, /issues/));
  });

  it('passes 304 Not Modified through without a body', async () => {
    respond = (_, response) => response.writeHead(304, { etag: '"abc"' }).end();
    const result = await http().request({ url: '/repos/acme/app/issues', headers: { 'If-None-Match': '"abc"' }, schema: page, signal: new AbortController().signal });
    assert.equal(result.status, 304);
    assert.equal(result.data, undefined);
    assert.equal(server.requests[0]?.headers['if-none-match'], '"abc"');
  });

  it('turns a connection reset mid-body and a timeout into transient failures', async () => {
    respond = (_, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"issues":[');
      setTimeout(() => response.socket?.destroy(), 10);
    };
    await failsWith('transient', get());
    respond = () => undefined; // never answers
    await failsWith('transient', get(http(200)), (error) => assert.match(error.message, /timed out/));
  });

  it('cancels an in-flight request when the sync is cancelled', async () => {
    respond = () => undefined;
    const controller = new AbortController();
    const run = get(http(10_000), controller.signal);
    setTimeout(() => controller.abort(), 30);
    await failsWith('cancelled', run);
  });
});
