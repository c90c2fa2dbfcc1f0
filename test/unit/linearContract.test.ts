import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { LinearAdapter, createLinearAdapter } from '../../server/src/trackers/linear/linearAdapter';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { SnapshotStore, type SourceSnapshot } from '../../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncOptions, type SourceSyncResult } from '../../server/src/trackers/sourceSync';
import { linearTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { TrackerError, type TrackerFailureKind } from '../../server/src/trackers/trackerErrors';
import { TrackerHttp } from '../../server/src/trackers/trackerHttp';
import type { Fault } from '../fakes/fakeServer';
import { identifierOf } from '../fakes/linear/linearData';
import { expectedItem, factsOf } from '../fakes/linear/linearExpected';
import { FAKE_API_KEY, FAKE_OAUTH_TOKEN, GRAPHQL_PATH, LinearFake, linearFaults } from '../fakes/linear/linearFake';
import { itKeepsTheLastGoodSnapshot, type LastingFault } from '../support/trackerContract';

const TEAMS = ['PAY', 'OPS'];
const FAST: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 30 };

/**
 * The Linear adapter and the real sync engine against the Linear fake over loopback HTTP. The
 * fake validates every query against Linear's published schema and answers with graphql's
 * execute(), so a passing sync also proves the adapter's GraphQL is valid Linear GraphQL.
 */
describe('Linear adapter against the Linear fake (contract)', () => {
  let fake: LinearFake;
  let folder: string;
  let store: SnapshotStore;
  const closing: LinearFake[] = [];

  const start = async (issues = 60) => {
    fake = await LinearFake.start({ issues });
    closing.push(fake);
    return fake;
  };
  const config = (options: { url?: string; labels?: string[] } = {}) =>
    linearTrackerSchema.parse({ name: 'linear', type: 'linear', url: options.url ?? fake.origin, teams: TEAMS, ...(options.labels && { labels: options.labels }) });
  const adapter = (options: { labels?: string[]; pageSize?: number; token?: string; timeoutMs?: number } = {}) =>
    createLinearAdapter(config(options), { token: () => options.token ?? FAKE_API_KEY, pageSize: options.pageSize ?? 10, timeoutMs: options.timeoutMs ?? 2_000 });
  const sync = (tracker: LinearAdapter, options: Partial<SourceSyncOptions> = {}): Promise<SourceSyncResult> => syncSource(tracker, store, { signal: new AbortController().signal, retry: FAST, ...options });
  const expected = (labels: string[] = []) => fake.select(TEAMS, labels).map((issue) => expectedItem(issue, fake));
  const byKey = <T extends { key: string }>(list: readonly T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));
  const facts = (items: readonly FrictionItem[] | undefined) => byKey((items ?? []).map(factsOf));
  const assertSnapshotIsFakeData = (snapshot: SourceSnapshot | undefined, labels: string[] = []) => {
    const keys = (snapshot?.items ?? []).map((item) => item.key);
    assert.equal(new Set(keys).size, keys.length, 'no item twice');
    assert.deepEqual(facts(snapshot?.items), byKey(expected(labels)));
  };
  const assertEveryQueryValid = () => {
    assert.ok(fake.queries.length > 0);
    for (const query of fake.queries) assert.deepEqual([query.valid, query.errors], [true, []], query.query);
  };
  const variablesOf = (index: number) => fake.queries[index]?.variables as { first: number; after: string | null; filter: Record<string, unknown> };

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-linear-'));
    store = new SnapshotStore(folder);
  });
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((open) => open.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  describe('full and incremental sync', () => {
    it('a full sync equals the fake’s data: keys, titles, states, priorities, needs as quotes and impact', async () => {
      await start(60);
      const result = await sync(adapter());
      assert.equal(result.outcome, 'synced', result.error?.message);
      assertSnapshotIsFakeData(result.snapshot?.readAll());
      assert.equal(result.pages, Math.ceil(expected().length / 10));
      assert.equal(result.snapshot?.watermark, expected()[0]?.updatedAt, 'the newest issue update');
      const items = result.snapshot?.readAll().items ?? [];
      assert.ok(items.some((item) => item.quotes.length > 1 && item.impact.arr !== undefined), 'needs reach quotes and ARR');
      assert.ok(items.some((item) => item.quotes.some((quote) => quote.customer === undefined)), 'a need without a customer still quotes');
      assert.ok(items.some((item) => item.quotes.some((quote) => quote.text.startsWith('Ticket #'))), 'content from an attached source');
      assert.deepEqual(new Set(items.map((item) => item.status)), new Set(['open', 'in-progress', 'resolved']));

      assertEveryQueryValid();
      const requests = fake.graphqlRequests();
      assert.ok(requests.every((request) => request.method === 'POST' && request.headers.authorization === FAKE_API_KEY), 'the personal key, without Bearer');
      assert.equal(variablesOf(0).after, null);
      assert.equal(variablesOf(0).first, 10);
      assert.deepEqual(variablesOf(0).filter, { team: { key: { in: TEAMS } } });
      assert.ok(fake.queries.slice(1).every((query) => typeof query.variables['after'] === 'string'), 'later pages follow endCursor');
      assert.match(fake.queries[0]?.query ?? '', /orderBy: updatedAt/);
    });

    it('filters by the configured labels (any of them) and sends an OAuth token as Bearer', async () => {
      await start(60);
      const result = await sync(adapter({ labels: ['refunds', 'bug'], token: FAKE_OAUTH_TOKEN }));
      assert.equal(result.outcome, 'synced', result.error?.message);
      assertSnapshotIsFakeData(result.snapshot?.readAll(), ['refunds', 'bug']);
      assert.ok((result.snapshot?.readAll().items.length ?? 0) < expected().length);
      assert.deepEqual(variablesOf(0).filter['labels'], { some: { name: { in: ['refunds', 'bug'] } } });
      assert.equal(fake.graphqlRequests()[0]?.headers.authorization, `Bearer ${FAKE_OAUTH_TOKEN}`);
    });

    it('an incremental sync asks only for issues changed, or with needs changed, since the watermark', async () => {
      await start(60);
      const first = await sync(adapter());
      const watermark = first.snapshot?.watermark ?? '';
      const [, renamed, resolved, asked] = fake.select(TEAMS).slice(-4).map(identifierOf);
      assert.ok(renamed && resolved && asked);
      fake.updateIssue(renamed, { title: 'Refunds now take 12 days' });
      fake.updateIssue(resolved, { state: { type: 'completed', name: 'Done' } });
      const need = fake.addNeed(asked, 'cust-contoso', 'Please fix this, our **finance team** is waiting.', 'Please fix this, our finance team is waiting.');
      assert.equal(fake.issue(asked).updatedAt < Date.parse(watermark), true, 'a new need leaves the issue’s updatedAt alone');

      const before = fake.queries.length;
      const second = await sync(adapter());
      assert.equal(second.outcome, 'synced', second.error?.message);
      assert.equal(fake.queries.length - before, 1, 'one page');
      assert.deepEqual(variablesOf(before).filter['or'], [{ updatedAt: { gte: watermark } }, { needs: { some: { updatedAt: { gte: watermark } } } }]);
      // `gte`: the issue that set the watermark comes back once more.
      assert.equal(second.fetched, 4);
      assertSnapshotIsFakeData(second.snapshot?.readAll());
      const item = second.snapshot?.readAll().items.find((candidate) => candidate.key === asked);
      assert.deepEqual(item?.quotes.at(-1), { text: 'Please fix this, our finance team is waiting.', customer: 'Contoso', date: new Date(need.createdAt).toISOString().slice(0, 10) });

      const unchanged = fake.queries.length;
      const third = await sync(adapter());
      assert.equal(third.outcome, 'synced');
      assert.equal(fake.queries.length - unchanged, 1);
      assertSnapshotIsFakeData(third.snapshot?.readAll());
      assertEveryQueryValid();
    });

    it('skips a node that violates the schema (title null) and keeps the rest of its page', async () => {
      await start(60);
      const victim = identifierOf(fake.select(TEAMS)[14] ?? fake.issues[0]!);
      fake.corruptIssue(victim, { title: null });
      const result = await sync(adapter());
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(result.skipped.map((skip) => skip.id), [`linear:${victim}`]);
      assert.match(result.skipped[0]?.reason ?? '', /title/);
      assert.deepEqual(facts(result.snapshot?.readAll().items), byKey(expected().filter((item) => item.key !== victim)));
    });
  });

  describe('rate limits and faults', () => {
    const goodSnapshot = async () => {
      await start(40);
      const first = await sync(adapter());
      assert.equal(first.outcome, 'synced');
      fake.updateIssue(identifierOf(fake.select(TEAMS).at(-1)!), { title: 'Changed after the good snapshot' });
      return store.load('linear');
    };
    const graphql = { path: GRAPHQL_PATH };

    it('RATELIMITED (HTTP 400): waits until x-ratelimit-requests-reset, then succeeds', async () => {
      await goodSnapshot();
      fake.faults.next(1, linearFaults.rateLimited(20), graphql);
      const waits: { kind: TrackerFailureKind; hint?: number }[] = [];
      const result = await sync(adapter(), { onRetry: (error) => waits.push({ kind: error.kind, ...(error.retryAfterMs !== undefined && { hint: error.retryAfterMs }) }) });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.equal(waits.length, 1);
      assert.equal(waits[0]?.kind, 'rate-limited');
      assert.ok(waits[0]?.hint !== undefined && waits[0].hint <= 20, 'the reset header was read as epoch milliseconds');
      const [limited, retried] = fake.graphqlRequests().slice(-2);
      assert.equal(limited?.status, 400);
      assert.ok((retried?.at ?? 0) - (limited?.at ?? 0) >= 10, 'the retry waited');
      assertSnapshotIsFakeData(result.snapshot?.readAll());
    });

    const recovers: [string, number, Fault, TrackerFailureKind][] = [
      ['RATELIMITED in an HTTP 200', 1, linearFaults.rateLimitedIn200(5), 'rate-limited'],
      ['an internal error in an HTTP 200', 1, linearFaults.internalErrorIn200(), 'bad-response'],
      ['a 5xx burst shorter than the attempts', 2, linearFaults.serverError(503), 'transient'],
      ['a connection reset mid-body', 1, 'reset-mid-body', 'transient'],
      ['truncated JSON', 1, 'malformed-json', 'bad-response'],
    ];
    for (const [name, count, fault, kind] of recovers) {
      it(`recovers from ${name} by retrying`, async () => {
        await goodSnapshot();
        fake.faults.next(count, fault, graphql);
        const retries: TrackerError[] = [];
        const result = await sync(adapter(), { onRetry: (error) => retries.push(error) });
        assert.equal(result.outcome, 'synced', result.error?.message);
        assert.deepEqual(retries.map((error) => error.kind), Array.from({ length: count }, () => kind));
        assertSnapshotIsFakeData(result.snapshot?.readAll());
      });
    }

    const fails: LastingFault[] = [
      ['a lasting RATELIMITED', linearFaults.rateLimited(0), 'rate-limited', /rate limiting \(400\)/],
      ['a lasting 500', linearFaults.serverError(500), 'transient', /500: Internal server error/],
      ['a timeout', 'timeout', 'transient', /timed out/],
      ['connection resets', 'reset-mid-body', 'transient', /graphql/],
      ['malformed JSON', 'malformed-json', 'bad-response', /not JSON/],
      ['GraphQL errors in a 200', linearFaults.internalErrorIn200(), 'bad-response', /200 with errors: Internal server error/],
    ];
    itKeepsTheLastGoodSnapshot(fails, () => ({
      tracker: 'linear',
      store,
      attempts: FAST.attempts,
      goodSnapshot,
      faultAlways: (fault) => fake.faults.always(fault, graphql),
      clearFaults: () => fake.faults.clear(),
      faultedRequests: () => fake.graphqlRequests().filter((request) => request.fault).length,
      sync: (timeoutMs) => sync(adapter(timeoutMs === undefined ? {} : { timeoutMs })),
      assertSnapshotIsFakeData,
    }));

    for (const status of [400, 401]) {
      it(`a revoked key (AUTHENTICATION_ERROR, HTTP ${status}) is auth: not retried, token not in the message`, async () => {
        const good = await goodSnapshot();
        fake.revokeKey();
        fake.authErrorStatus = status;
        const before = fake.requests.length;
        const result = await sync(adapter());
        assert.equal(result.outcome, 'failed');
        assert.equal(result.error?.kind, 'auth');
        assert.match(result.error?.message ?? '', /Authentication required/);
        assert.ok(!result.error?.message.includes(FAKE_API_KEY));
        assert.equal(fake.requests.length - before, 1);
        assert.deepEqual(await store.load('linear'), good);
      });
    }

    it('a personal key sent as Bearer is refused (Linear wants it bare)', async () => {
      await start(5);
      const bearer = new LinearAdapter(config(), new TrackerHttp({ origin: fake.origin, authorization: () => `Bearer ${FAKE_API_KEY}` }));
      await assert.rejects(bearer.check(new AbortController().signal), (error: unknown) => error instanceof TrackerError && error.kind === 'auth');
      assert.equal(await adapter().check(new AbortController().signal), 'connected as Dana Scully');
      assertEveryQueryValid();
    });
  });

  describe('the contract’s edges', () => {
    it('never sends the token to an origin it was not approved for', async () => {
      await start(5);
      const approved = fake;
      const other = await start(5);
      assert.throws(() => new LinearAdapter(config({ url: other.origin }), new TrackerHttp({ origin: approved.origin, authorization: () => FAKE_API_KEY })), /bound to/);
      const http = new TrackerHttp({ origin: approved.origin, authorization: () => FAKE_API_KEY });
      await assert.rejects(http.request({ method: 'POST', url: `${other.origin}/graphql`, body: {}, schema: linearTrackerSchema, signal: new AbortController().signal }), /bound to/);
      // The factory binds the token to the configured origin: it goes there and nowhere else.
      await sync(createLinearAdapter(config({ url: other.origin }), { token: () => FAKE_API_KEY }));
      assert.equal(approved.requests.length, 0);
      assert.ok(other.requests.length > 0 && other.requests.every((request) => request.path === GRAPHQL_PATH));
    });

    it('a sync cancelled during page 3 of 5 resumes there: nothing lost, nothing twice', async () => {
      await start(60);
      const pageSize = Math.ceil(expected().length / 5);
      const pages = Math.ceil(expected().length / pageSize);
      const controller = new AbortController();
      fake.latencyMs = 40;
      fake.onRequest = () => {
        if (fake.graphqlRequests().length === 3) controller.abort();
      };
      const cancelled = await sync(adapter({ pageSize }), { signal: controller.signal });
      assert.equal(cancelled.outcome, 'cancelled');
      assert.equal(cancelled.pages, 2);
      assert.equal(await store.load('linear'), undefined, 'no snapshot from a cancelled run');
      const third = (JSON.parse(fake.graphqlRequests()[2]?.body ?? '{}') as { variables?: { after?: string } }).variables?.after;
      assert.ok(third);

      fake.onRequest = undefined;
      fake.latencyMs = 0;
      const before = fake.graphqlRequests().length;
      const resumed = await sync(adapter({ pageSize }));
      assert.equal(resumed.outcome, 'synced', resumed.error?.message);
      assert.equal(resumed.resumed, true);
      const run = fake.graphqlRequests().slice(before);
      assert.equal((JSON.parse(run[0]?.body ?? '{}') as { variables?: { after?: string } }).variables?.after, third, 'continues at page 3');
      assert.equal(run.length, pages - 2);
      assertSnapshotIsFakeData(resumed.snapshot?.readAll());
    });

    it('a sync whose page 3 fails for good resumes there; changes made meanwhile arrive by the next run', async () => {
      await start(60);
      const pageSize = Math.ceil(expected().length / 5);
      fake.faults.always(linearFaults.serverError(502), { path: GRAPHQL_PATH, skip: 2 });
      const failed = await sync(adapter({ pageSize }));
      assert.equal(failed.outcome, 'failed');
      assert.equal(failed.pages, 2);
      fake.faults.clear();
      // Changed while the sync is down, one on a fetched page and one on a page not fetched yet:
      // ordered by updatedAt, newest first, both move ahead of the cursor.
      const order = fake.select(TEAMS).map(identifierOf);
      const fetched = order[1] ?? '';
      const pending = order[3 * pageSize + 1] ?? '';
      fake.updateIssue(fetched, { title: 'Changed on a fetched page' });
      fake.updateIssue(pending, { title: 'Changed on a pending page' });
      const resumed = await sync(adapter({ pageSize }));
      assert.equal(resumed.outcome, 'synced', resumed.error?.message);
      const keys = (resumed.snapshot?.readAll().items ?? []).map((item) => item.key);
      assert.equal(new Set(keys).size, keys.length, 'nothing twice');
      assert.ok(Date.parse(resumed.snapshot?.watermark ?? '') < fake.issue(fetched).updatedAt, 'the watermark stays below both changes');
      const next = await sync(adapter({ pageSize }));
      assert.equal(next.outcome, 'synced', next.error?.message);
      assertSnapshotIsFakeData(next.snapshot?.readAll());
    });
  });

  describe('the fake follows Linear', () => {
    const post = (body: unknown, authorization = FAKE_API_KEY) => fetch(`${fake.origin}${GRAPHQL_PATH}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('rejects queries the schema rejects, filters it does not implement and bad cursors with HTTP 400 and GraphQL errors', async () => {
      await start(5);
      for (const [body, code, message] of [
        [{ query: '{ issues { nodes { id customerNeeds } } }' }, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "customerNeeds" on type "Issue"/],
        [{ query: '{ issues(filter: { team: { slug: { eq: "x" } } }) { nodes { id } } }' }, 'GRAPHQL_VALIDATION_FAILED', /slug/],
        [{ query: '{ issues { nodes { id } ' }, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
        [{ query: '{ issues(filter: { title: { eq: "x" } }) { nodes { id } } }' }, 'INVALID_INPUT', /does not implement the filter title/],
        [{ query: '{ issues(after: "bogus") { nodes { id } } }' }, 'INVALID_INPUT', /Invalid cursor/],
        [{ query: 'query Q($f: IssueFilter!) { issues(filter: $f) { nodes { id } } }', variables: { f: { team: { key: { in: 'PAY', nope: 1 } } } } }, 'INVALID_INPUT', /nope/],
      ] as const) {
        const response = await post(body);
        assert.equal(response.status, 400, body.query);
        const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
        assert.equal(answer.errors[0]?.extensions.code, code, body.query);
        assert.match(answer.errors.map((error) => error.message).join('\n'), message);
      }
      assert.deepEqual(fake.queries.map((query) => query.valid), [false, false, false, true, true, true]);
    });

    it('answers a wrong key with AUTHENTICATION_ERROR and pages with Relay cursors', async () => {
      await start(7);
      const denied = await post({ query: '{ viewer { name } }' }, 'lin_api_wrong');
      assert.equal(denied.status, 400);
      assert.equal(((await denied.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'AUTHENTICATION_ERROR');
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const response = await post({ query: 'query($after: String) { issues(first: 3, after: $after, orderBy: updatedAt) { nodes { identifier } pageInfo { hasNextPage endCursor } } }', variables: { after } });
        const { data } = (await response.json()) as { data: { issues: { nodes: { identifier: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
        seen.push(...data.issues.nodes.map((node) => node.identifier));
        if (!data.issues.pageInfo.hasNextPage) break;
        after = data.issues.pageInfo.endCursor;
      }
      assert.deepEqual(seen, [...fake.issues].sort((a, b) => b.updatedAt - a.updatedAt).map(identifierOf));
      assert.equal(response429Headers(linearFaults.rateLimited(1000, 0).headers), '1000');
    });
  });
});

function response429Headers(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  return headers?.['X-RateLimit-Requests-Reset'];
}
