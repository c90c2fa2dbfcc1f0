import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { createGithubAdapter } from '../../server/src/trackers/github/githubAdapter';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncOptions } from '../../server/src/trackers/sourceSync';
import { SyncJournal } from '../../server/src/trackers/syncJournal';
import { githubTrackerSchema } from '../../server/src/trackers/trackerConfig';
import type { TrackerError } from '../../server/src/trackers/trackerErrors';
import type { LoggedRequest } from '../fakes/fakeServer';
import { GithubFake, type GithubFakeOptions } from '../fakes/github/githubFake';
import type { FakeIssue } from '../fakes/github/githubFakeData';
import { startHttpTestServer } from '../support/httpTestServer';

const REPOS = ['acme/payments', 'acme/checkout'];
const LABELS = ['customer-friction'];
const FAST: RetryPolicy = { attempts: 4, baseMs: 1, capMs: 20 };
/** For the rate-limit tests: waits as long as GitHub asks (a second at most here). */
const PATIENT: RetryPolicy = { attempts: 4, baseMs: 1, capMs: 3_000 };

const rows = (items: readonly FrictionItem[]) => items.map((item) => `${item.key}|${item.title}|${item.rawStatus}|${item.updatedAt}`).sort();
const expectedRows = (issues: readonly FakeIssue[]) => issues.map((issue) => `${issue.repo}#${issue.number}|${issue.title}|${issue.state}|${issue.updatedAt}`).sort();
const pageOf = (request: LoggedRequest) => request.query.get('page');
/** The most requests that arrived within one `windowMs`: above 1, they were in flight together. */
const overlap = (requests: readonly LoggedRequest[], windowMs: number) => Math.max(...requests.map((first) => requests.filter((other) => other.at >= first.at && other.at < first.at + windowMs).length));

/**
 * The GitHub adapter's contract, end to end: the real adapter and TrackerHttp over real HTTP
 * against the stateful fake, the real sync engine, snapshots and journal in a temp folder.
 */
describe('GitHub Issues contract (adapter + sync engine + fake over HTTP)', () => {
  let fake: GithubFake;
  let folder: string;
  let store: SnapshotStore;
  let repos: readonly string[];

  const start = async (options: GithubFakeOptions = {}) => {
    repos = options.repos ?? REPOS;
    fake = await GithubFake.start({ repos, ...options });
  };
  const adapter = (options: { token?: string; timeoutMs?: number } = {}) =>
    createGithubAdapter(githubTrackerSchema.parse({ name: 'gh', type: 'github', url: fake.apiBase, repos, labels: LABELS }), { token: () => options.token ?? fake.token, timeoutMs: options.timeoutMs ?? 2_000 });
  const sync = (options: Partial<SourceSyncOptions> = {}, github = adapter()) => syncSource(github, store, { signal: new AbortController().signal, retry: FAST, ...options });
  const expected = () => expectedRows(fake.expectedIssues(repos, LABELS));
  const snapshotFile = () => readFileSync(store.fileOf('gh'), 'utf8');
  const labelled = (repo: string) => fake.expectedIssues([repo], LABELS);

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-github-'));
    store = new SnapshotStore(folder);
  });
  afterEach(async () => {
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a full sync equals the fake’s labelled issues, pull requests left out, every page fetched once', async () => {
    await start({ issuesPerRepo: 260 });
    const result = await sync();
    assert.equal(result.outcome, 'synced', result.error?.message);
    assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
    const pulls = fake.issues().filter((issue) => issue.pullRequest && issue.labels.includes('customer-friction'));
    assert.ok(pulls.length > 0, 'the fake lists labelled pull requests');
    assert.ok(pulls.every((pull) => !result.snapshot?.readAll().items.some((item) => item.key === `${pull.repo}#${pull.number}`)));

    const lists = fake.listRequests();
    const firstPages = lists.filter((request) => pageOf(request) === null).map((request) => request.path);
    assert.deepEqual(firstPages.sort(), ['/repos/acme/checkout/issues', '/repos/acme/payments/issues'], 'one first page per repo');
    const planned = lists.filter((request) => pageOf(request) !== null).map((request) => `${request.path}?page=${pageOf(request)}`);
    const listed = (repo: string) => fake.issues().filter((issue) => issue.repo === repo && issue.labels.includes('customer-friction')).length;
    assert.equal(lists.length, REPOS.reduce((sum, repo) => sum + Math.ceil(listed(repo) / 100), 0), 'every page of every repo');
    assert.equal(new Set(planned).size, planned.length, 'no page twice');
    assert.ok(planned.length >= 2 && planned.every((entry) => entry.startsWith('/repositories/')), 'pages 2…last through GitHub’s own links');
    for (const request of lists) {
      assert.equal(request.headers.authorization, `Bearer ${fake.token}`);
      assert.equal(request.headers['x-github-api-version'], '2022-11-28');
      assert.equal(request.query.get('labels'), 'customer-friction');
      assert.equal(request.query.get('since'), null, 'a first sync is a full one');
    }
    const item = result.snapshot?.readAll().items[0];
    assert.match(item?.url ?? '', /^https:\/\/github\.com\/acme\/\w+\/issues\/\d+$/);
  });

  it('fetches pages 2…last in parallel once the first page names the last', async () => {
    await start({ repos: ['acme/big'], issuesPerRepo: 800, pullRequestsPerRepo: 0 });
    fake.latencyMs = 40;
    const result = await sync({ parallelPages: 4 });
    assert.equal(result.outcome, 'synced', result.error?.message);
    assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
    const [first, ...rest] = fake.listRequests();
    assert.equal(pageOf(first as LoggedRequest), null);
    assert.ok(rest.length >= 5, `${rest.length} more pages`);
    assert.ok(rest.every((request) => request.at >= (first?.at ?? 0) + 40), 'planned after the first page answered');
    assert.ok(overlap(rest, 30) >= 3, `pages in flight together: ${overlap(rest, 30)}`);
    assert.ok(overlap(rest, 30) <= 4, 'no more than parallelPages at once');
  });

  it('an incremental sync asks since the watermark and fetches only what changed', async () => {
    await start();
    const full = await sync();
    const watermark = full.snapshot?.watermark ?? '';
    const [payments, checkout] = [labelled('acme/payments')[3], labelled('acme/checkout')[5]];
    fake.updateIssue('acme/payments', payments?.number ?? 0, { title: 'Refund button does nothing', state: 'closed', stateReason: 'completed' });
    fake.updateIssue('acme/checkout', checkout?.number ?? 0, { labels: ['customer-friction', 'P0'] });
    fake.addIssue('acme/checkout', { title: 'Card declined twice', labels: ['customer-friction'] });
    const before = fake.listRequests().length;

    const result = await sync();
    assert.equal(result.outcome, 'synced', result.error?.message);
    const requests = fake.listRequests().slice(before);
    assert.equal(requests.length, REPOS.length, 'one page per repo holds the changes');
    assert.ok(requests.every((request) => request.query.get('since') === watermark));
    const changed = fake.expectedIssues(repos, LABELS).filter((issue) => Date.parse(issue.updatedAt) >= Date.parse(watermark));
    assert.equal(result.fetched, changed.length, 'only records updated at or after the watermark');
    assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
    const p0 = result.snapshot?.readAll().items.find((item) => item.key === `acme/checkout#${checkout?.number}`);
    assert.equal(p0?.severity, 'critical');
  });

  it('an unchanged re-sync costs one request per repo, each a 304 that spends no rate limit', async () => {
    await start();
    await sync();
    await sync(); // learns the ETags of the watermark's query
    const before = fake.listRequests().length;
    const remaining = fake.rateLimit.remaining;
    const saved = (await store.load('gh'))?.items;

    const result = await sync();
    assert.equal(result.outcome, 'synced');
    const requests = fake.listRequests().slice(before);
    assert.deepEqual(requests.map((request) => request.status), [304, 304]);
    assert.ok(requests.every((request) => typeof request.headers['if-none-match'] === 'string'));
    assert.equal(fake.rateLimit.remaining, remaining, 'a 304 is free');
    assert.deepEqual(result.snapshot?.readAll().items, saved);

    // A change in one repo: that repo answers 200, the other still 304.
    fake.updateIssue('acme/checkout', labelled('acme/checkout')[0]?.number ?? 0, { title: 'Changed' });
    const next = fake.listRequests().length;
    await sync();
    const statuses = Object.fromEntries(fake.listRequests().slice(next).map((request) => [request.path, request.status]));
    assert.deepEqual(statuses, { '/repos/acme/payments/issues': 304, '/repos/acme/checkout/issues': 200 });
    assert.deepEqual(rows((await store.load('gh'))?.items ?? []), expected());
  });

  it('a full re-sync offers no ETag (a 304 there would drop records) and prunes issues that left the label', async () => {
    await start();
    await sync();
    await sync();
    const gone = labelled('acme/payments')[0];
    fake.updateIssue('acme/payments', gone?.number ?? 0, { labels: ['bug'] });
    const before = fake.listRequests().length;
    const result = await sync({ full: true });
    assert.ok(fake.listRequests().slice(before).every((request) => request.headers['if-none-match'] === undefined && request.status === 200));
    assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
    assert.ok(!result.snapshot?.readAll().items.some((item) => item.key === `acme/payments#${gone?.number}`));
  });

  describe('faults leave the last good snapshot in force, then the next sync recovers', () => {
    const faults: [string, (fake: GithubFake, count: number) => void, TrackerError['kind'], { timeoutMs?: number; token?: string }?][] = [
      ['a 502', (f, n) => f.serverErrors(n), 'transient'],
      ['a connection reset mid-body', (f, n) => f.resetsMidBody(n), 'transient'],
      ['truncated JSON', (f, n) => f.malformedJson(n), 'bad-response'],
      ['a timeout', (f, n) => f.timeouts(n), 'transient', { timeoutMs: 150 }],
    ];
    for (const [name, arm, kind, options] of faults) {
      it(`${name}: retried within the run, and when it persists the run fails without touching the snapshot`, async () => {
        await start();
        await sync();
        const good = snapshotFile();
        fake.updateIssue('acme/payments', labelled('acme/payments')[0]?.number ?? 0, { title: 'Changed while failing' });

        arm(fake, 1);
        const retried: TrackerError[] = [];
        const recovered = await sync({ onRetry: (error) => retried.push(error) }, adapter(options));
        assert.equal(recovered.outcome, 'synced', recovered.error?.message);
        assert.deepEqual(retried.map((error) => error.kind), [kind]);
        const afterRecovery = snapshotFile();

        fake.updateIssue('acme/payments', labelled('acme/payments')[1]?.number ?? 0, { title: 'Changed again' });
        arm(fake, Infinity);
        const failed = await sync({}, adapter(options));
        assert.equal(failed.outcome, 'failed');
        assert.equal(failed.error?.kind, kind);
        assert.ok(!failed.error?.message.includes(fake.token));
        assert.equal(snapshotFile(), afterRecovery, 'the last good snapshot, byte for byte');
        assert.notEqual(afterRecovery, good);

        fake.faults.clear();
        const healed = await sync({}, adapter(options));
        assert.equal(healed.outcome, 'synced', healed.error?.message);
        assert.deepEqual(rows(healed.snapshot?.readAll().items ?? []), expected());
      });
    }

    it('a rejected token: fails as auth with GitHub’s message, never the token, and keeps the snapshot', async () => {
      await start();
      await sync();
      const good = snapshotFile();
      const failed = await sync({}, adapter({ token: 'ghp_revoked' }));
      assert.equal(failed.outcome, 'failed');
      assert.equal(failed.error?.kind, 'auth');
      assert.match(failed.error?.message ?? '', /401.*Bad credentials/);
      assert.ok(!failed.error?.message.includes('ghp_revoked'));
      assert.equal(snapshotFile(), good);
      await assert.rejects(adapter({ token: 'ghp_revoked' }).check(new AbortController().signal), /Bad credentials/);
      assert.equal(await adapter().check(new AbortController().signal), 'connected as octocat');
    });

    it('the primary limit spent: waits until x-ratelimit-reset, then succeeds', async () => {
      await start();
      fake.exhaustRateLimit(200);
      const waits: number[] = [];
      const result = await sync({ retry: PATIENT, onRetry: (error, delay) => error.kind === 'rate-limited' && waits.push(delay) });
      assert.equal(result.outcome, 'synced', result.error?.message);
      const limited = fake.listRequests().filter((request) => request.status === 403);
      assert.ok(limited.length > 0 && waits.length === 1);
      const resetAt = Math.max(...limited.map((request) => request.at)) + (waits[0] ?? 0);
      const retried = fake.listRequests().find((request) => request.status === 200);
      assert.ok((retried?.at ?? 0) >= resetAt - 5, 'the retry came after the wait GitHub asked for');
      assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
    });

    it('a secondary limit: honours retry-after, then succeeds', async () => {
      await start();
      fake.secondaryRateLimit(1, 1);
      const waits: TrackerError[] = [];
      const result = await sync({ retry: PATIENT, onRetry: (error) => waits.push(error) });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(waits.map((error) => [error.kind, error.retryAfterMs]), [['rate-limited', 1_000]]);
      const limited = fake.listRequests().find((request) => request.fault === 'reply 403');
      const later = fake.listRequests().filter((request) => request.at > (limited?.at ?? 0) + 500);
      assert.ok(later.length > 0 && later.every((request) => request.at >= (limited?.at ?? 0) + 1_000), 'nothing sent before retry-after passed');
    });
  });

  it('a bad issue is skipped and reported; the rest of its page is kept', async () => {
    await start();
    const bad = labelled('acme/payments')[10];
    fake.corruptIssue('acme/payments', bad?.number ?? 0);
    const result = await sync();
    assert.equal(result.outcome, 'synced');
    assert.deepEqual(result.skipped.map((entry) => entry.id), [`github:acme/payments#${bad?.number}`]);
    assert.match(result.skipped[0]?.reason ?? '', /state|updated_at/);
    const keep = expected().filter((row) => !row.startsWith(`acme/payments#${bad?.number}|`));
    assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), keep);
  });

  describe('GitHub Enterprise Server (API under /api/v3)', () => {
    it('syncs through the base path, following GitHub’s /repositories/<id> page links under it', async () => {
      await start({ enterprise: true, issuesPerRepo: 260 });
      assert.match(fake.apiBase, /\/api\/v3$/);
      const result = await sync();
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(rows(result.snapshot?.readAll().items ?? []), expected());
      assert.ok(fake.requests.every((request) => request.path.startsWith('/api/v3/')));
      assert.ok(fake.listRequests().some((request) => request.path.startsWith('/api/v3/repositories/')));
      assert.ok(result.snapshot?.readAll().items.every((item) => item.url?.startsWith('https://ghe.example.com/')));
      assert.equal(await adapter().check(new AbortController().signal), 'connected as octocat');
    });

    it('never sends the token to another origin: a Link header naming one is refused and that server gets nothing', async () => {
      const other = await startHttpTestServer((_, response) => response.writeHead(200).end('[]'));
      try {
        await start({ enterprise: true, issuesPerRepo: 260 });
        await sync();
        const good = snapshotFile();
        fake.foreignLinkOrigin = other.origin;
        const result = await sync({ full: true });
        assert.equal(result.outcome, 'failed');
        assert.equal(result.error?.kind, 'config');
        assert.match(result.error?.message ?? '', /refusing.*bound to/);
        assert.equal(other.requests.length, 0);
        assert.equal(snapshotFile(), good);
      } finally {
        await other.close();
      }
    });
  });

  it('killing a sync midway and running again (new adapter and store) loses and duplicates nothing', async () => {
    await start({ repos: ['acme/big', 'acme/small'], issuesPerRepo: 700, pullRequestsPerRepo: 5 });
    fake.latencyMs = 15;
    const controller = new AbortController();
    fake.onRequest = () => {
      if (fake.listRequests().length === 6) controller.abort();
    };
    const killed = await sync({ signal: controller.signal, parallelPages: 2 });
    assert.equal(killed.outcome, 'cancelled');
    assert.equal(await store.load('gh'), undefined, 'no snapshot from a killed run');
    const journaled = await new SyncJournal(store.journalOf('gh')).replay();
    assert.ok(journaled.pages >= 2, `${journaled.pages} pages journaled before the kill`);

    fake.onRequest = undefined;
    const before = fake.listRequests().length;
    store = new SnapshotStore(folder);
    const resumed = await sync({ parallelPages: 2 });
    assert.equal(resumed.outcome, 'synced', resumed.error?.message);
    assert.equal(resumed.resumed, true);
    const again = fake.listRequests().slice(before);
    assert.ok(again.every((request) => pageOf(request) !== null), 'the first pages are not fetched again');
    const total = repos.reduce((sum, repo) => sum + Math.ceil(fake.issues().filter((issue) => issue.repo === repo && issue.labels.includes('customer-friction')).length / 100), 0);
    // The first journaled page holds both repos' first pages (one call); every other line one page.
    assert.equal(again.length, total - (journaled.pages + 1), 'only the pages the killed run had not journaled');
    const keys = resumed.snapshot?.readAll().items.map((item) => item.key) ?? [];
    assert.equal(new Set(keys).size, keys.length, 'no duplicates');
    assert.deepEqual(rows(resumed.snapshot?.readAll().items ?? []), expected());
  });

  it('an issue updated mid-sync moves to page 1 without pushing another issue out of the run', async () => {
    await start({ repos: ['acme/big'], issuesPerRepo: 500, pullRequestsPerRepo: 0 });
    const oldest = labelled('acme/big').sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))[0];
    const moved = `acme/big#${oldest?.number}`;
    let updated = false;
    fake.onRequest = () => {
      // Page 1 is answered; the oldest issue (on the last page, newest first) changes before the rest are read.
      if (!updated && fake.listRequests().length === 2) {
        updated = true;
        fake.updateIssue('acme/big', oldest?.number ?? 0, { title: 'Updated mid-sync' });
      }
    };
    const first = await sync({ parallelPages: 1 });
    assert.ok(updated);
    assert.equal(first.outcome, 'synced', first.error?.message);
    const keys = (items: readonly FrictionItem[] = []) => items.map((item) => item.key).filter((key) => key !== moved).sort();
    const everyOther = fake.expectedIssues(repos, LABELS).map((issue) => `${issue.repo}#${issue.number}`).filter((key) => key !== moved).sort();
    // Oldest first, the other pages would have shifted back by one and an issue would fall between two pages.
    assert.deepEqual(keys(first.snapshot?.readAll().items), everyOther, 'the pages shifted forward: a repeat at most, never a gap');
    assert.ok((first.snapshot?.watermark ?? '') < (fake.issues().find((issue) => issue.number === oldest?.number)?.updatedAt ?? ''), 'the watermark stays below the update');

    const second = await sync();
    assert.deepEqual(rows(second.snapshot?.readAll().items ?? []), expected(), 'the next run brings the moved issue');
  });
});
