import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Evidence } from '../../server/src/domain/evidence';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { SnapshotStore, type SourceSnapshot } from '../../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncOptions, type SourceSyncResult } from '../../server/src/trackers/sourceSync';
import type { TrackerAdapter } from '../../server/src/trackers/trackerAdapter';
import { zendeskTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { TrackerError, type TrackerFailureKind } from '../../server/src/trackers/trackerErrors';
import { createZendeskAdapter, type ZendeskAdapterOptions } from '../../server/src/trackers/zendesk/zendeskAdapter';
import type { Fault } from '../fakes/fakeServer';
import { EXPORT_PATH, FAKE_EMAIL, FAKE_TOKEN, PAGE_CAP, ZendeskFake, zendeskFaults } from '../fakes/zendesk/zendeskFake';
import { KEY_FIELD, ORGANIZATIONS, TAG_PREFIX, userOf, type FakeZendeskTicket } from '../fakes/zendesk/zendeskFakeData';
import { itKeepsTheLastGoodSnapshot, type LastingFault } from '../support/trackerContract';

const FAST: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 30 };
const AUTH = `Basic ${Buffer.from(`${FAKE_EMAIL}/token:${FAKE_TOKEN}`).toString('base64')}`;

/**
 * The Zendesk adapter and the real sync engine against the Zendesk fake over loopback HTTP: the
 * contract of DESIGN.md ("Trackers", "Tests"), fault by fault. Tickets become evidence.
 */
describe('Zendesk adapter against the Zendesk fake (contract)', () => {
  let fake: ZendeskFake;
  let folder: string;
  let store: SnapshotStore;
  const closing: ZendeskFake[] = [];

  const start = async (tickets = 50) => {
    fake = await ZendeskFake.start({ tickets });
    closing.push(fake);
    return fake;
  };
  const config = (url = fake.origin) => zendeskTrackerSchema.parse({ name: 'zendesk', type: 'zendesk', url, email: FAKE_EMAIL, tagPrefix: TAG_PREFIX, keyField: KEY_FIELD });
  const adapter = (options: ZendeskAdapterOptions & { url?: string; timeoutMs?: number; token?: string } = {}): TrackerAdapter =>
    createZendeskAdapter(config(options.url), { origin: fake.origin, token: () => options.token ?? FAKE_TOKEN, timeoutMs: options.timeoutMs ?? 2_000 }, { pageSize: options.pageSize ?? 10 });
  const sync = (tracker: TrackerAdapter, options: Partial<SourceSyncOptions> = {}): Promise<SourceSyncResult> => syncSource(tracker, store, { signal: new AbortController().signal, retry: FAST, ...options });
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  const expectedOf = (ticket: FakeZendeskTicket): Evidence => {
    const customer = ORGANIZATIONS.find((organization) => organization.id === ticket.organizationId)?.name ?? userOf(ticket.requesterId).name;
    return {
      id: `zendesk:${ticket.id}`,
      source: 'zendesk',
      itemKeys: ticket.keys,
      customer,
      quote: { text: ticket.quote, customer, date: new Date(ticket.created).toISOString().slice(0, 10) },
      url: `${fake.origin}/agent/tickets/${ticket.id}`,
      updatedAt: new Date(ticket.updated).toISOString(),
    };
  };
  const expected = () => byId(fake.linked().map(expectedOf));
  /** The evidence the snapshot holds for items (tombstones of deleted or unlinked tickets aside). */
  const linkedEvidence = (snapshot: SourceSnapshot | undefined) => byId((snapshot?.evidence ?? []).filter((evidence) => evidence.itemKeys.length > 0));
  const assertSnapshotIsFakeData = (snapshot: SourceSnapshot | undefined) => {
    const ids = (snapshot?.evidence ?? []).map((evidence) => evidence.id);
    assert.equal(new Set(ids).size, ids.length, 'no evidence twice');
    assert.equal(snapshot?.items.length, 0, 'tickets are never items');
    assert.deepEqual(linkedEvidence(snapshot), expected());
  };
  const exports = () => fake.exports();

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-zendesk-'));
    store = new SnapshotStore(folder);
  });
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((open) => open.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  describe('full and incremental sync', () => {
    it('a full sync yields exactly the linked tickets as evidence: keys, customers, quotes, URLs', async () => {
      await start(50);
      const result = await sync(adapter());
      assert.equal(result.outcome, 'synced', result.error?.message);
      assertSnapshotIsFakeData(result.snapshot?.readAll());
      assert.equal(result.snapshot?.readAll().evidence.length, fake.linked().length, 'no tombstones in a full sync');
      assert.ok(fake.linked().length < fake.tickets.length, 'the seed has unlinked and deleted tickets');
      assert.ok(fake.linked().some((ticket) => ticket.keys.length === 2), 'and tickets naming two items');
      assert.equal(result.pages, 5);
      assert.equal(result.snapshot?.watermark, new Date(Math.max(...fake.tickets.map((ticket) => ticket.updated))).toISOString());

      const sent = exports();
      assert.equal(sent[0]?.query.get('start_time'), '0');
      assert.equal(sent[0]?.query.get('cursor'), null);
      assert.ok(sent.slice(1).every((request) => request.query.get('cursor') && request.query.get('start_time') === null), 'later pages follow after_cursor');
      assert.ok(sent.every((request) => request.query.get('per_page') === '10' && request.query.get('include') === 'users,organizations'));
      assert.ok(sent.every((request) => request.headers.authorization === AUTH));
      assert.equal(fake.requests.length, sent.length, 'nothing but the export');
    });

    it('an incremental sync asks from the watermark second and fetches only what changed', async () => {
      await start(50);
      const first = await sync(adapter());
      const watermark = first.snapshot?.watermark ?? '';
      const [changed, unlinked, deleted] = fake.linked();
      const joining = fake.tickets.find((ticket) => ticket.keys.length === 0 && ticket.status !== 'deleted');
      assert.ok(changed && unlinked && deleted && joining);
      fake.updateTicket(changed.id, { description: 'Still waiting for the refund.\n\nDetails.', quote: 'Still waiting for the refund.' });
      fake.updateTicket(unlinked.id, { tags: ['web'], keyField: null, keys: [] });
      fake.updateTicket(deleted.id, { status: 'deleted' });
      fake.updateTicket(joining.id, { tags: [...joining.tags, `${TAG_PREFIX}pay-999`], keys: ['PAY-999'] });

      const before = fake.requests.length;
      const second = await sync(adapter());
      assert.equal(second.outcome, 'synced', second.error?.message);
      const run = fake.requests.slice(before);
      assert.deepEqual(run.map((request) => request.query.get('start_time')), [String(Math.floor(Date.parse(watermark) / 1000))], 'one page from the watermark second');
      // The ticket that set the watermark comes back once more (second precision), merged by id.
      assert.equal(second.fetched, 5);
      assertSnapshotIsFakeData(second.snapshot?.readAll());
      const evidence = new Map(second.snapshot?.readAll().evidence.map((entry) => [entry.id, entry]));
      assert.equal(evidence.get(`zendesk:${changed.id}`)?.quote?.text, 'Still waiting for the refund.');
      assert.deepEqual(evidence.get(`zendesk:${unlinked.id}`)?.itemKeys, [], 'an unlinked ticket overwrites its old evidence');
      assert.deepEqual(evidence.get(`zendesk:${deleted.id}`)?.itemKeys, [], 'so does a deleted one');
      assert.deepEqual(evidence.get(`zendesk:${joining.id}`)?.itemKeys, ['PAY-999']);

      const unchanged = fake.requests.length;
      const third = await sync(adapter());
      assert.equal(third.outcome, 'synced');
      assert.equal(fake.requests.length - unchanged, 1, 'an unchanged re-sync is one request');
      assert.equal(third.fetched, 1, 'only the watermark ticket, again');
      assertSnapshotIsFakeData(third.snapshot?.readAll());
    });

    it('a full sync after an incremental one drops the tombstones', async () => {
      await start(30);
      await sync(adapter());
      const [gone] = fake.linked();
      assert.ok(gone);
      fake.updateTicket(gone.id, { status: 'deleted' });
      await sync(adapter());
      const full = await sync(adapter(), { full: true });
      assert.ok(!full.snapshot?.readAll().evidence.some((entry) => entry.id === `zendesk:${gone.id}`));
      assertSnapshotIsFakeData(full.snapshot?.readAll());
    });

    it('pages by 1000 at most, as Zendesk caps per_page', async () => {
      await start(2300);
      const result = await sync(adapter({ pageSize: 5000 }));
      assert.equal(result.outcome, 'synced', result.error?.message);
      assertSnapshotIsFakeData(result.snapshot?.readAll());
      assert.equal(result.pages, 3);
      assert.deepEqual(exports().map((request) => request.query.get('per_page')), ['1000', '1000', '1000']);
      const raw = (await (await fetch(`${fake.origin}${EXPORT_PATH}?start_time=0&per_page=5000`, { headers: { authorization: AUTH } })).json()) as { tickets: unknown[]; end_of_stream: boolean };
      assert.equal(raw.tickets.length, PAGE_CAP);
      assert.equal(raw.end_of_stream, false);
    });

    it('skips a ticket that violates the schema and keeps the rest of its page', async () => {
      await start(50);
      const victim = fake.linked()[7];
      assert.ok(victim);
      fake.corruptTicket(victim.id, { updated_at: 'last Tuesday' });
      const result = await sync(adapter());
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(result.skipped, [{ id: `zendesk:${victim.id}`, reason: 'updated_at: not a timestamp: last Tuesday' }]);
      assert.ok(!result.snapshot?.readAll().evidence.some((entry) => entry.id === `zendesk:${victim.id}`));
      assertSnapshotIsFakeData(result.snapshot?.readAll());
    });
  });

  describe('faults', () => {
    const goodSnapshot = async () => {
      await start(40);
      const first = await sync(adapter());
      assert.equal(first.outcome, 'synced');
      const [changed] = fake.linked();
      fake.updateTicket(changed?.id ?? 0, { description: 'Changed after the good snapshot', quote: 'Changed after the good snapshot' });
      return store.load('zendesk');
    };
    const exportPath = { path: EXPORT_PATH };

    const recovers: [string, number, Fault][] = [
      ['429 text/plain with Retry-After', 1, zendeskFaults.rateLimited(1)],
      ['429 text/plain without Retry-After', 2, zendeskFaults.rateLimited()],
      ['a 5xx burst shorter than the attempts', 2, zendeskFaults.serverError(503)],
      ['a connection reset mid-body', 1, 'reset-mid-body'],
      ['truncated JSON', 1, 'malformed-json'],
    ];
    for (const [name, count, fault] of recovers) {
      it(`recovers from ${name} by retrying`, async () => {
        await goodSnapshot();
        fake.faults.next(count, fault, exportPath);
        const retries: TrackerError[] = [];
        const result = await sync(adapter(), { onRetry: (error) => retries.push(error) });
        assert.equal(result.outcome, 'synced', result.error?.message);
        assert.equal(retries.length, count);
        assertSnapshotIsFakeData(result.snapshot?.readAll());
      });
    }

    it('waits as Retry-After says (capped by the policy) before retrying a text/plain 429', async () => {
      await goodSnapshot();
      fake.faults.next(1, zendeskFaults.rateLimited(1), exportPath);
      const waits: { kind: TrackerFailureKind; hint?: number; delay: number }[] = [];
      const result = await sync(adapter(), { onRetry: (error, delay) => waits.push({ kind: error.kind, ...(error.retryAfterMs !== undefined && { hint: error.retryAfterMs }), delay }) });
      assert.equal(result.outcome, 'synced');
      assert.deepEqual(waits, [{ kind: 'rate-limited', hint: 1_000, delay: FAST.capMs }]);
      const [limited, retried] = exports().slice(-2);
      assert.equal(limited?.status, 429);
      assert.ok((retried?.at ?? 0) - (limited?.at ?? 0) >= FAST.capMs - 5, 'the retry waited');
    });

    const fails: LastingFault[] = [
      ['a lasting 429', zendeskFaults.rateLimited(0), 'rate-limited', /rate limiting \(429\)/],
      ['a lasting 500', zendeskFaults.serverError(500), 'transient', /500: InternalError: Internal server error/],
      ['a timeout', 'timeout', 'transient', /timed out/],
      ['connection resets', 'reset-mid-body', 'transient', /cursor\.json/],
      ['malformed JSON', 'malformed-json', 'bad-response', /not JSON/],
    ];
    itKeepsTheLastGoodSnapshot(fails, () => ({
      tracker: 'zendesk',
      store,
      attempts: FAST.attempts,
      goodSnapshot,
      faultAlways: (fault) => fake.faults.always(fault, exportPath),
      clearFaults: () => fake.faults.clear(),
      faultedRequests: () => exports().filter((request) => request.fault).length,
      sync: (timeoutMs) => sync(adapter(timeoutMs === undefined ? {} : { timeoutMs })),
      assertSnapshotIsFakeData,
    }));

    it('reports a rejected token as auth with Zendesk’s text, without retrying or leaking the token', async () => {
      const good = await goodSnapshot();
      fake.expireToken();
      const before = fake.requests.length;
      const result = await sync(adapter());
      assert.equal(result.outcome, 'failed');
      assert.equal(result.error?.kind, 'auth');
      assert.match(result.error?.message ?? '', /rejected the token \(401\): Couldn't authenticate you/);
      assert.ok(!result.error?.message.includes(FAKE_TOKEN));
      assert.equal(fake.requests.length - before, 1);
      assert.deepEqual(await store.load('zendesk'), good);
    });

    it('Connect Tracker’s check names the user; a rejected or missing token fails as auth', async () => {
      await start(5);
      assert.equal(await adapter().check(new AbortController().signal), 'connected as Alex Agent');
      await assert.rejects(adapter({ token: '' }).check(new AbortController().signal), (error: unknown) => error instanceof TrackerError && error.kind === 'auth' && /anonymous/.test(error.message));
      fake.expireToken();
      await assert.rejects(adapter().check(new AbortController().signal), (error: unknown) => error instanceof TrackerError && error.kind === 'auth');
    });
  });

  describe('the contract’s edges', () => {
    it('never sends a request to an origin the token was not approved for', async () => {
      await start(5);
      const approved = fake;
      const other = await start(5);
      const tracker = createZendeskAdapter(config(other.origin), { origin: approved.origin, token: () => FAKE_TOKEN });
      const result = await sync(tracker);
      assert.equal(result.outcome, 'failed');
      assert.equal(result.error?.kind, 'config');
      assert.match(result.error?.message ?? '', /bound to/);
      await assert.rejects(tracker.check(new AbortController().signal), /bound to/);
      assert.equal(other.requests.length, 0, 'the other origin got nothing');
      assert.equal(approved.requests.length, 0);
    });

    it('exports again from the watermark when Zendesk refuses a cursor', async () => {
      await start(30);
      const page = await adapter().page({ cursor: 'bm90IGEgY3Vyc29y', signal: new AbortController().signal });
      assert.equal(page.cursor !== undefined, true);
      assert.deepEqual(exports().map((request) => [request.status, request.query.get('cursor'), request.query.get('start_time')]), [
        [400, 'bm90IGEgY3Vyc29y', null],
        [200, null, '0'],
      ]);
    });

    it('a sync cancelled during page 3 of 5 resumes there: nothing lost, nothing twice', async () => {
      await start(50);
      const controller = new AbortController();
      fake.latencyMs = 40;
      fake.onRequest = () => {
        if (exports().length === 3) controller.abort();
      };
      const cancelled = await sync(adapter(), { signal: controller.signal });
      assert.equal(cancelled.outcome, 'cancelled');
      assert.equal(cancelled.pages, 2);
      assert.equal(await store.load('zendesk'), undefined, 'no snapshot from a cancelled run');
      const third = exports()[2]?.query.get('cursor');

      fake.onRequest = undefined;
      const before = exports().length;
      const resumed = await sync(adapter());
      assert.equal(resumed.outcome, 'synced', resumed.error?.message);
      assert.equal(resumed.resumed, true);
      const run = exports().slice(before);
      assert.equal(run[0]?.query.get('cursor'), third, 'continues at page 3');
      assert.equal(run.length, 3);
      assertSnapshotIsFakeData(resumed.snapshot?.readAll());
    });

    it('a sync whose page 3 fails for good resumes there, and a ticket changed meanwhile comes in', async () => {
      await start(50);
      fake.faults.always(zendeskFaults.serverError(502), { path: EXPORT_PATH, skip: 2 });
      const failed = await sync(adapter());
      assert.equal(failed.outcome, 'failed');
      assert.equal(failed.pages, 2);
      fake.faults.clear();
      // A ticket on an already fetched page changes: the cursor export moves it behind the cursor.
      const early = fake.linked()[0];
      assert.ok(early);
      fake.updateTicket(early.id, { description: 'Changed while the sync was down', quote: 'Changed while the sync was down' });
      const resumed = await sync(adapter());
      assert.equal(resumed.outcome, 'synced', resumed.error?.message);
      assertSnapshotIsFakeData(resumed.snapshot?.readAll());
    });
  });
});
