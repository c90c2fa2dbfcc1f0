import assert from 'node:assert/strict';
import { GithubFake } from '../fakes/github/githubFake';

/**
 * The fake must behave like GitHub where the adapter depends on it (checked against GitHub's
 * REST description, @octokit/openapi, and docs): otherwise the contract tests prove nothing.
 */
describe('GitHub fake follows GitHub’s contract', () => {
  let fake: GithubFake;
  beforeEach(async () => {
    fake = await GithubFake.start({ repos: ['acme/app'], issuesPerRepo: 140, pullRequestsPerRepo: 10 });
  });
  afterEach(() => fake.close());

  const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
    fetch(`${fake.apiBase}${pathAndQuery}`, { headers: { authorization: `Bearer ${fake.token}`, ...headers } });
  const numbers = async (response: Response) => ((await response.json()) as { number: number }[]).map((issue) => issue.number);

  it('pages 30 by default, up to 100, with Link prev/next/last/first on /repositories/<id>, query kept, page last', async () => {
    const first = await get('/repos/acme/app/issues?state=all');
    assert.equal((await numbers(first)).length, 30);
    const base = `${fake.origin}/repositories/1296269/issues`;
    assert.equal(first.headers.get('link'), `<${base}?state=all&page=2>; rel="next", <${base}?state=all&page=5>; rel="last"`);
    const middle = await get('/repos/acme/app/issues?page=2&state=all');
    assert.equal(middle.headers.get('link'), `<${base}?state=all&page=1>; rel="prev", <${base}?state=all&page=3>; rel="next", <${base}?state=all&page=5>; rel="last", <${base}?state=all&page=1>; rel="first"`);
    const last = await fetch(`${base}?state=all&page=5`, { headers: { authorization: `token ${fake.token}` } });
    assert.equal(last.headers.get('link'), `<${base}?state=all&page=4>; rel="prev", <${base}?state=all&page=1>; rel="first"`);
    assert.equal((await numbers(last)).length, 150 - 4 * 30);
    const big = await get('/repos/acme/app/issues?state=all&per_page=500');
    assert.equal((await numbers(big)).length, 100);
  });

  it('filters by state (open by default), by every label (case-insensitive), and since (inclusive); lists pull requests too', async () => {
    const all = fake.issues();
    const open = await numbers(await get('/repos/acme/app/issues?per_page=100&sort=created&direction=asc'));
    const byCreation = all.filter((issue) => issue.state === 'open').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number);
    assert.deepEqual(open, byCreation.map((issue) => issue.number).slice(0, 100));
    fake.updateIssue('acme/app', 3, { labels: ['Customer-Friction', 'Needs-Triage'] });
    assert.deepEqual(await numbers(await get('/repos/acme/app/issues?state=all&labels=customer-friction,needs-triage')), [3]);
    assert.deepEqual(await numbers(await get('/repos/acme/app/issues?state=all&labels=needs-triage,bug')), [], 'all labels must match');
    const since = fake.issues().find((issue) => issue.number === 3)?.updatedAt ?? '';
    assert.deepEqual(await numbers(await get(`/repos/acme/app/issues?state=all&since=${since}`)), [3]);
    const listed = await (await get('/repos/acme/app/issues?state=all&per_page=100')).json() as { pull_request?: unknown }[];
    assert.ok(listed.some((record) => record.pull_request !== undefined));
  });

  it('answers If-None-Match with its weak ETag by a 304 that spends no rate limit', async () => {
    const first = await get('/repos/acme/app/issues?state=all&sort=updated');
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^W\/"[0-9a-f]+"$/);
    assert.equal(first.headers.get('x-ratelimit-remaining'), '4999');
    assert.equal(first.headers.get('x-ratelimit-used'), '1');
    assert.equal(first.headers.get('x-ratelimit-resource'), 'core');
    const cached = await get('/repos/acme/app/issues?state=all&sort=updated', { 'if-none-match': etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.headers.get('x-ratelimit-remaining'), '4999');
    assert.equal((await get('/repos/acme/app/issues?state=all&sort=updated', { 'if-none-match': etag.slice(2) })).status, 304, 'weak comparison');
    fake.updateIssue('acme/app', 1, { title: 'changed' });
    const changed = await get('/repos/acme/app/issues?state=all&sort=updated', { 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.headers.get('x-ratelimit-remaining'), '4998');
  });

  it('keeps its Date header at or after every update it made', async () => {
    const updated = fake.updateIssue('acme/app', 2, { title: 'now' });
    const response = await get('/user');
    assert.ok(Date.parse(response.headers.get('date') ?? '') >= Date.parse(updated.updatedAt));
    assert.deepEqual(await response.json(), { login: 'octocat', id: 1, type: 'User', site_admin: false });
  });

  it('answers with GitHub’s errors: 401, 403 primary and secondary limits, 404, 422, 400 for an unknown API version', async () => {
    const expectError = async (response: Response, status: number, message: RegExp) => {
      assert.equal(response.status, status);
      assert.match(((await response.json()) as { message: string }).message, message);
      return response;
    };
    await expectError(await fetch(`${fake.apiBase}/user`), 401, /^Requires authentication$/);
    await expectError(await get('/user', { authorization: 'Bearer nope' }), 401, /^Bad credentials$/);
    await expectError(await get('/repos/acme/none/issues'), 404, /^Not Found$/);
    await expectError(await get('/repos/acme/app/issues?since=yesterday'), 422, /Validation Failed/);
    await expectError(await get('/user', { 'x-github-api-version': '2099-01-01' }), 400, /X-GitHub-Api-Version/);
    fake.secondaryRateLimit(1, 60);
    const secondary = await expectError(await get('/repos/acme/app/issues'), 403, /secondary rate limit/);
    assert.equal(secondary.headers.get('retry-after'), '60');
    assert.notEqual(secondary.headers.get('x-ratelimit-remaining'), '0');
    fake.exhaustRateLimit(60_000);
    const primary = await expectError(await get('/repos/acme/app/issues'), 403, /^API rate limit exceeded/);
    assert.equal(primary.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(primary.headers.get('x-ratelimit-reset')) * 1000 >= Date.now() + 59_000);
  });

  it('serves GHES under /api/v3 only', async () => {
    const ghes = await GithubFake.start({ enterprise: true, repos: ['acme/app'] });
    try {
      const headers = { authorization: `Bearer ${ghes.token}` };
      assert.equal((await fetch(`${ghes.origin}/api/v3/repos/acme/app/issues`, { headers })).status, 200);
      assert.equal((await fetch(`${ghes.origin}/repos/acme/app/issues`, { headers })).status, 404);
    } finally {
      await ghes.close();
    }
  });
});
