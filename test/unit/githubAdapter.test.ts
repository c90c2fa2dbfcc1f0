import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { GithubAdapter, createGithubAdapter } from '../../server/src/trackers/github/githubAdapter';
import { decodeCursor, encodeCursor } from '../../server/src/trackers/github/githubCursor';
import type { TrackerPage } from '../../server/src/trackers/trackerAdapter';
import { githubTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { TrackerError } from '../../server/src/trackers/trackerErrors';
import { TrackerHttp } from '../../server/src/trackers/trackerHttp';
import { startHttpTestServer, type HttpTestServer, type RecordedRequest } from '../support/httpTestServer';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const httpDate = (ms: number) => new Date(ms).toUTCString();
const issue = (number: number, updated: string) => ({ number, title: `Issue ${number}`, body: null, html_url: `https://github.com/acme/x/issues/${number}`, state: 'open', labels: [], updated_at: updated });

/**
 * The adapter's own decisions against a scripted server: what it asks, when it sends and keeps
 * ETags, how it plans pages. (The whole contract, with the engine, is in githubContract.test.ts.)
 */
describe('GithubAdapter (scripted server)', () => {
  let server: HttpTestServer;
  let respond: (request: RecordedRequest, response: ServerResponse) => void;
  const signal = new AbortController().signal;
  beforeEach(async () => {
    server = await startHttpTestServer((request, response) => respond(request, response));
  });
  afterEach(() => server.close());

  const adapter = (repos = ['acme/a'], labels: string[] = []) =>
    createGithubAdapter(githubTrackerSchema.parse({ name: 'gh', type: 'github', url: server.origin, repos, labels }), { token: () => 'gho_secret' });
  const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(200, { 'content-type': 'application/json', date: httpDate(T0), ...headers }).end(JSON.stringify(body));
  const paths = () => server.requests.map((request) => request.url);

  it('asks for every state, the labels, newest first, 100 a page, since the watermark, with GitHub’s headers', async () => {
    respond = (_, response) => json(response, []);
    await adapter(['acme/a', 'acme/b'], ['customer-friction', 'sev 1']).page({ since: '2026-11-01T10:00:00Z', signal });
    assert.deepEqual(paths().sort(), [
      '/repos/acme/a/issues?state=all&sort=updated&direction=desc&per_page=100&labels=customer-friction%2Csev+1&since=2026-11-01T10%3A00%3A00Z',
      '/repos/acme/b/issues?state=all&sort=updated&direction=desc&per_page=100&labels=customer-friction%2Csev+1&since=2026-11-01T10%3A00%3A00Z',
    ]);
    const headers = server.requests[0]?.headers;
    assert.equal(headers?.accept, 'application/vnd.github+json');
    assert.equal(headers?.['x-github-api-version'], '2022-11-28');
    assert.equal(headers?.authorization, 'Bearer gho_secret');
    assert.equal(headers?.['if-none-match'], undefined, 'nothing offered, nothing sent');
  });

  it('checks the connection with GET /user under the base path', async () => {
    respond = (_, response) => json(response, { login: 'octocat', id: 1 });
    const ghes = createGithubAdapter(githubTrackerSchema.parse({ name: 'ghe', type: 'github', url: `${server.origin}/api/v3/`, repos: ['acme/a'] }), { token: () => 't' });
    assert.equal(await ghes.check(signal), 'connected as octocat');
    assert.deepEqual(paths(), ['/api/v3/user']);
  });

  it('sends an offered ETag; a 304 brings no records and keeps the ETag for the next run', async () => {
    respond = (request, response) =>
      request.headers['if-none-match'] === 'W/"a1"' ? response.writeHead(304, { etag: 'W/"a1"', date: httpDate(T0) }).end() : json(response, [issue(1, '2026-11-01T10:00:00Z')], { etag: 'W/"b2"' });
    const github = adapter(['acme/a', 'acme/b']);
    const first = await github.page({ since: '2026-11-01T10:00:00Z', signal });
    const urlOf = (repo: string) => `${server.origin}/repos/${repo}/issues?state=all&sort=updated&direction=desc&per_page=100&since=2026-11-01T10%3A00%3A00Z`;
    assert.deepEqual(first.etags, { [urlOf('acme/a')]: 'W/"b2"', [urlOf('acme/b')]: 'W/"b2"' });

    const again = await github.page({ since: '2026-11-01T10:00:00Z', etags: { [urlOf('acme/a')]: 'W/"a1"' }, signal });
    assert.deepEqual(again.records().items.map((item) => item.key), ['acme/b#1'], 'the 304 repo brings nothing');
    assert.deepEqual(again.etags, { [urlOf('acme/a')]: 'W/"a1"', [urlOf('acme/b')]: 'W/"b2"' });
    assert.equal(again.records().newestUpdate, '2026-11-01T10:00:00Z');
  });

  it('keeps no ETag for a first page with more pages (a change on a later page would not show on it)', async () => {
    respond = (request, response) =>
      json(response, [issue(1, '2026-11-01T10:00:00Z')], request.url.includes('page=2') ? {} : { etag: 'W/"p1"', link: `<${server.origin}/repositories/9/issues?page=2>; rel="next", <${server.origin}/repositories/9/issues?page=3>; rel="last"` });
    const page = await adapter().page({ signal });
    assert.deepEqual(page.etags, {});
    assert.deepEqual(page.remainingCursors?.map((cursor) => decodeCursor(cursor)?.pages.map((entry) => entry.url)), [
      [`${server.origin}/repositories/9/issues?page=2`],
      [`${server.origin}/repositories/9/issues?page=3`],
    ]);
    assert.equal(page.cursor, undefined);
  });

  it('walks next links one page at a time when a repo gives no usable last', async () => {
    const link = (n: number): Record<string, string> => (n < 3 ? { link: `<${server.origin}/repositories/9/issues?after=c${n + 1}>; rel="next"` } : {});
    respond = (request, response) => {
      const n = Number(/after=c(\d)/.exec(request.url)?.[1] ?? 1);
      json(response, [issue(n, `2026-11-0${n}T10:00:00Z`)], link(n));
    };
    const github = adapter();
    const pages: TrackerPage[] = [await github.page({ signal })];
    while (pages.at(-1)?.cursor !== undefined) pages.push(await github.page({ cursor: pages.at(-1)?.cursor, signal }));
    assert.deepEqual(pages.map((page) => page.records().items.map((item) => item.key)), [['acme/a#1'], ['acme/a#2'], ['acme/a#3']]);
    assert.ok(pages.every((page) => page.remainingCursors === undefined));
  });

  it('caps the watermark at the earliest server time of the first pages, also on later pages', async () => {
    respond = (request, response) => {
      const later = request.url.startsWith('/repos/acme/b') ? 10_000 : 0;
      const link = request.url.startsWith('/repos/acme/a') ? { link: `<${server.origin}/repositories/1/issues?page=2>; rel="next", <${server.origin}/repositories/1/issues?page=2>; rel="last"` } : {};
      response.writeHead(200, { date: httpDate(T0 + later), ...link }).end(JSON.stringify([issue(1, new Date(T0 + 5_000).toISOString())]));
    };
    const github = adapter(['acme/a', 'acme/b']);
    const first = await github.page({ signal });
    assert.equal(first.records().newestUpdate, '2026-11-20T10:00:00Z', 'an update after the run began may have moved between pages');
    const cursor = first.remainingCursors?.[0];
    assert.equal(decodeCursor(cursor ?? '')?.until, '2026-11-20T10:00:00Z');
    assert.equal((await github.page({ cursor, signal })).records().newestUpdate, '2026-11-20T10:00:00Z');
  });

  it('starts over on a cursor it cannot read, and skips pages of a repo no longer configured', async () => {
    respond = (_, response) => json(response, [issue(1, '2026-11-01T10:00:00Z')]);
    const github = adapter();
    assert.deepEqual((await github.page({ cursor: '{"v":0}', signal })).records().items.map((item) => item.key), ['acme/a#1']);
    assert.deepEqual(paths(), ['/repos/acme/a/issues?state=all&sort=updated&direction=desc&per_page=100']);
    const gone = encodeCursor({ pages: [{ repo: 'acme/gone', url: `${server.origin}/repositories/5/issues?page=2` }, { repo: 'acme/a', url: `${server.origin}/repositories/1/issues?page=2` }] });
    const page = await github.page({ cursor: gone, signal });
    assert.deepEqual(page.records().items, []);
    assert.equal(server.requests.length, 1, 'nothing fetched for the removed repo');
    assert.deepEqual(decodeCursor(page.cursor ?? '')?.pages.map((entry) => entry.repo), ['acme/a']);
  });

  it('treats a 304 to an unconditional request as a bad response', async () => {
    respond = (_, response) => response.writeHead(304).end();
    await assert.rejects(adapter().page({ signal }), (error: unknown) => error instanceof TrackerError && error.kind === 'bad-response');
  });

  it('refuses an HTTP client bound to another origin than the configured URL', () => {
    const config = githubTrackerSchema.parse({ name: 'gh', type: 'github', repos: ['acme/a'] });
    assert.throws(() => new GithubAdapter(config, new TrackerHttp({ origin: server.origin })), /bound to/);
  });
});
