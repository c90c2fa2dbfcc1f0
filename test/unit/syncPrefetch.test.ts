import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Evidence } from '../../server/src/domain/evidence';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { createGithubAdapter } from '../../server/src/trackers/github/githubAdapter';
import { createJiraAdapter } from '../../server/src/trackers/jira/jiraAdapters';
import { createLinearAdapter } from '../../server/src/trackers/linear/linearAdapter';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncResult } from '../../server/src/trackers/sourceSync';
import { SyncJournal } from '../../server/src/trackers/syncJournal';
import type { TrackerAdapter } from '../../server/src/trackers/trackerAdapter';
import { githubTrackerSchema, jiraTrackerSchema, linearTrackerSchema, zendeskTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { createZendeskAdapter } from '../../server/src/trackers/zendesk/zendeskAdapter';
import { FAKE_GITHUB_REPO, type FakeVendor } from '../fakes/startVendorFake';
import { EXPORT_PATH, FAKE_EMAIL, FAKE_TOKEN, ZendeskFake, zendeskFaults } from '../fakes/zendesk/zendeskFake';
import { KEY_FIELD, TAG_PREFIX } from '../fakes/zendesk/zendeskFakeData';
import { crashTestAdapter, type CrashingSyncArgs } from '../support/crashingSync';
import { WORKER_JIRA_JQL, WORKER_LINEAR_TEAMS, startFakeOnThread, type FakeOnThread } from '../support/fakeInWorker';
import { frictionItem } from '../support/builders';
import { beforeMapping, type MappingStart } from '../support/wrapPages';

const FAST: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 5 };
const PAGE_SIZE = 10;
/** How long a mapping waits for the requests sent before it to reach the fake: far longer than loopback needs. */
const ARRIVAL_WAIT_MS = 1_500;

/** The records a run saved, read whole; the snapshot is closed. */
function savedRecords(result: SourceSyncResult): { readonly items: readonly FrictionItem[]; readonly evidence: readonly Evidence[] } {
  const saved = result.snapshot?.readAll();
  result.snapshot?.close();
  return { items: saved?.items ?? [], evidence: saved?.evidence ?? [] };
}

/** What the engine had done when it started mapping a page (called its `records()`). */
interface Mapping extends MappingStart {
  /** Whether every request sent so far had reached the fake while this thread was blocked. */
  readonly arrived: boolean;
}

/**
 * The adapter, watched: when the engine starts mapping a page, this thread blocks until every
 * page request the engine has made so far has reached the fake (on its own thread). A request
 * sent before the mapping reaches it meanwhile; one the engine would only send after the mapping
 * cannot, since nothing runs on this thread while it waits.
 */
function watched(adapter: TrackerAdapter, fake: FakeOnThread, mappings: Mapping[]): TrackerAdapter {
  return beforeMapping(adapter, (at) => {
    const arrived = fake.waitForArrivals(at.sent, ARRIVAL_WAIT_MS);
    mappings.push({ ...at, arrived });
  });
}

function adapterFor(vendor: FakeVendor, fake: FakeOnThread): TrackerAdapter {
  const connection = { origin: fake.origin, token: () => fake.token };
  switch (vendor) {
    case 'jira':
      return createJiraAdapter(jiraTrackerSchema.parse({ name: 'jira', type: 'jira', url: fake.base, email: fake.email, jql: WORKER_JIRA_JQL }), connection, { pageSize: PAGE_SIZE });
    case 'linear':
      return createLinearAdapter(linearTrackerSchema.parse({ name: 'linear', type: 'linear', url: fake.base, teams: WORKER_LINEAR_TEAMS }), { token: () => fake.token, pageSize: PAGE_SIZE });
    case 'zendesk':
      return createZendeskAdapter(zendeskTrackerSchema.parse({ name: 'zendesk', type: 'zendesk', url: fake.base, email: fake.email, tagPrefix: TAG_PREFIX, keyField: KEY_FIELD }), connection, { pageSize: PAGE_SIZE });
    case 'github':
      return createGithubAdapter(githubTrackerSchema.parse({ name: 'github', type: 'github', url: fake.base, repos: [FAKE_GITHUB_REPO] }), { token: () => fake.token });
  }
}

describe('sync engine: the next request is in flight while a page is mapped', () => {
  let folder: string;
  let store: SnapshotStore;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-prefetch-'));
    store = new SnapshotStore(folder);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  // Sequential cursors: each page's mapping starts only once the request for the next page has
  // reached the tracker.
  for (const vendor of ['jira', 'linear', 'zendesk'] as const) {
    it(`${vendor}: the request for page n + 1 reaches the fake before page n is mapped`, async function () {
      this.timeout(20_000);
      const fake = await startFakeOnThread(vendor, 60);
      try {
        const mappings: Mapping[] = [];
        const result = await syncSource(watched(adapterFor(vendor, fake), fake, mappings), store, { signal: new AbortController().signal, retry: FAST });
        assert.equal(result.outcome, 'synced', result.error?.message);
        const saved = savedRecords(result);
        const ids = [...saved.items, ...saved.evidence].map((record) => record.id);
        assert.deepEqual([...ids].sort(), [...fake.expectedIds].sort(), 'every record once');
        assert.ok(result.pages >= 3, `several pages (${result.pages})`);
        assert.equal(mappings.length, result.pages, 'each page mapped once');
        assert.equal(fake.arrivals(), result.pages, 'one request per page');
        for (const mapping of mappings.slice(0, -1)) {
          assert.equal(mapping.sent, mapping.page + 1, `page ${mapping.page}: the next page was asked for before this one was mapped`);
          assert.ok(mapping.arrived, `page ${mapping.page}: the request for page ${mapping.page + 1} reached the fake while this thread was blocked`);
        }
        assert.equal(mappings.at(-1)?.sent, result.pages, 'nothing asked after the last page');
      } finally {
        await fake.close();
      }
    });
  }

  it('github: the pages listed by the first page are in flight before the first page is mapped, and each later page is mapped once a request after it is', async function () {
    this.timeout(20_000);
    const parallel = 2;
    const fake = await startFakeOnThread('github', 550);
    try {
      const mappings: Mapping[] = [];
      const result = await syncSource(watched(adapterFor('github', fake), fake, mappings), store, { signal: new AbortController().signal, retry: FAST, parallelPages: parallel });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(savedRecords(result).items.map((item) => item.id).sort(), [...fake.expectedIds].sort());
      assert.equal(result.pages, 6);
      assert.equal(mappings[0]?.sent, 1 + parallel, `the first ${parallel} listed pages were asked for before the first page was mapped`);
      for (const mapping of mappings) {
        assert.ok(mapping.arrived, `page ${mapping.page}: every request sent before its mapping reached the fake`);
        // The n-th page to arrive waits for a request sent after it, unless none is left to send.
        assert.ok(mapping.sent > mapping.page || mapping.sent === result.pages, `page ${mapping.page}: mapped once a request after it was sent (${mapping.sent} sent)`);
      }
    } finally {
      await fake.close();
    }
  });
});

describe('sync engine: crashes, retries and failures around the page mapped while the next is in flight', () => {
  let fake: ZendeskFake;
  let folder: string;
  let store: SnapshotStore;
  beforeEach(async () => {
    fake = await ZendeskFake.start({ tickets: 50 });
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-prefetch-crash-'));
    store = new SnapshotStore(folder);
  });
  afterEach(async () => {
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const exports = () => fake.exports();
  const expectedIds = () => fake.linked().map((ticket) => `zendesk:${ticket.id}`).sort();
  const connection = { origin: '', token: FAKE_TOKEN, email: FAKE_EMAIL, pageSize: PAGE_SIZE };

  it('a process killed after sending the request for page 4, while mapping page 3, resumes at page 3: nothing lost, nothing twice', async function () {
    this.timeout(20_000);
    const crashAt = 3;
    const args: CrashingSyncArgs = { ...connection, origin: fake.origin, folder, crashAt };
    const child = fork(path.join(__dirname, '..', 'support', 'crashingSync.js'), [JSON.stringify(args)], { stdio: 'inherit' });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])));
    assert.deepEqual([code, signal], [null, 'SIGKILL'], 'the sync died mid-run');
    // The fake logs a request once it has arrived whole, which may be a moment after the kill.
    for (let waited = 0; exports().length < crashAt + 1 && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = exports().map((request) => request.query.get('cursor'));
    assert.equal(before.length, crashAt + 1, `the request for page ${crashAt + 1} went out before page ${crashAt} was mapped`);

    const journal = await new SyncJournal(store.journalOf('zendesk')).replay();
    assert.equal(journal.pages, crashAt - 1, 'the pages before it are journaled (their flushes landed before the next request went out)');
    assert.equal(journal.cursor, before[crashAt - 1], `the journal ends at the cursor page ${crashAt} was asked with`);

    const resumed = await syncSource(crashTestAdapter({ ...connection, origin: fake.origin }), store, { signal: new AbortController().signal, retry: FAST });
    assert.equal(resumed.outcome, 'synced', resumed.error?.message);
    assert.equal(resumed.resumed, true);
    const run = exports().slice(before.length);
    assert.equal(run[0]?.query.get('cursor'), before[crashAt - 1], `page ${crashAt} is fetched again`);
    assert.equal(run.length, 5 - (crashAt - 1), 'then the rest, each once');
    const ids = savedRecords(resumed).evidence.map((evidence) => evidence.id);
    assert.equal(new Set(ids).size, ids.length, 'no ticket twice');
    assert.deepEqual([...ids].sort(), expectedIds(), 'no ticket lost');
  });

  it('a page answered 503 and then 200 is recorded once', async () => {
    fake.faults.next(1, zendeskFaults.serverError(503), { path: EXPORT_PATH, skip: 2 });
    const result = await syncSource(crashTestAdapter({ ...connection, origin: fake.origin }), store, { signal: new AbortController().signal, retry: FAST });
    assert.equal(result.outcome, 'synced', result.error?.message);
    assert.deepEqual(exports().map((request) => request.status), [200, 200, 503, 200, 200, 200]);
    assert.equal(result.pages, 5);
    assert.equal(result.fetched, expectedIds().length, 'each ticket fetched once');
    assert.deepEqual(savedRecords(result).evidence.map((evidence) => evidence.id).sort(), expectedIds());
  });

  it('a page whose mapping throws fails the run; the page after it, already fetched, is not journaled past the gap', async () => {
    const adapter = crashTestAdapter({ ...connection, origin: fake.origin });
    const failing = beforeMapping(adapter, ({ page }) => {
      if (page === 2) throw new Error('a bug in the mapping');
    });
    const failed = await syncSource(failing, store, { signal: new AbortController().signal, retry: FAST });
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.error?.message ?? '', /a bug in the mapping/);
    assert.equal(exports().length, 3, 'page 3 was asked for while page 2 was mapped, and nothing after');
    const journal = await new SyncJournal(store.journalOf('zendesk')).replay();
    assert.equal(journal.pages, 1, 'only page 1 is on disk: page 3 is not journaled after the gap');

    const resumed = await syncSource(adapter, store, { signal: new AbortController().signal, retry: FAST });
    assert.equal(resumed.outcome, 'synced', resumed.error?.message);
    assert.equal(exports()[3]?.query.get('cursor'), exports()[1]?.query.get('cursor'), 'the resumed run starts at page 2');
    assert.deepEqual(savedRecords(resumed).evidence.map((evidence) => evidence.id).sort(), expectedIds());
  });

  it('the journal fails the lines queued behind a failed write, and writes the ones appended after the failure', async () => {
    const journal = new SyncJournal(path.join(folder, 'queued', 'j.jsonl'));
    mkdirSync(journal.file, { recursive: true });
    const page = (key: string) => ({ items: [frictionItem({ id: `jira:${key}`, source: 'jira', key })], evidence: [], cursor: `after-${key}` });
    // Appended together: the second waits behind the first's write, which fails (EISDIR). The
    // fault is gone as soon as the failure is reported, so a write of the second would succeed.
    const first = journal.append(page('PAY-1'));
    const second = journal.append(page('PAY-2'));
    const reported = first.catch((error: unknown) => {
      rmSync(journal.file, { recursive: true });
      throw error;
    });
    await assert.rejects(reported, /EISDIR/);
    await assert.rejects(second, /EISDIR/);
    await journal.append(page('PAY-3'));
    const replay = await journal.replay();
    assert.deepEqual([...replay.items.keys()], ['jira:PAY-3']);
  });
});
