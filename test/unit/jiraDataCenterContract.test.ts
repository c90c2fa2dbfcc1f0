import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { createJiraAdapter } from '../../server/src/trackers/jira/jiraAdapters';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncOptions, type SourceSyncResult } from '../../server/src/trackers/sourceSync';
import type { TrackerAdapter } from '../../server/src/trackers/trackerAdapter';
import { jiraDataCenterTrackerSchema, jiraTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { CUSTOMERS_FIELD, FAKE_TOKEN, JiraFake, jiraFaults } from '../fakes/jira/jiraFake';
import { expectedItem, factsOf } from '../fakes/jira/jiraExpected';

const CONFIG_JQL = 'project = PAY AND labels = customer-friction';
const SEARCH_JQL = `(${CONFIG_JQL}) ORDER BY updated ASC, key ASC`;
const FAST: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 30 };
const SEARCH_PATH = '/jira/rest/api/2/search';

/** The Jira Data Center adapter and the real sync engine against the fake's Data Center flavour. */
describe('Jira Data Center adapter against the Jira fake (contract)', () => {
  let fake: JiraFake;
  let folder: string;
  let store: SnapshotStore;

  const adapter = (pageSize = 10): TrackerAdapter =>
    createJiraAdapter(jiraDataCenterTrackerSchema.parse({ name: 'jira-dc', type: 'jira-dc', url: fake.site, jql: CONFIG_JQL, customersField: CUSTOMERS_FIELD }), { origin: fake.origin, token: () => FAKE_TOKEN, timeoutMs: 2_000 }, { pageSize });
  const sync = (tracker: TrackerAdapter, options: Partial<SourceSyncOptions> = {}): Promise<SourceSyncResult> => syncSource(tracker, store, { signal: new AbortController().signal, retry: FAST, ...options });
  const expected = () => fake.select(SEARCH_JQL).map((issue) => expectedItem(issue, fake.site));
  const byKey = <T extends { key: string }>(list: readonly T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));
  const assertIsFakeData = (items: readonly FrictionItem[] | undefined) => {
    const keys = (items ?? []).map((item) => item.key);
    assert.equal(new Set(keys).size, keys.length, 'no item twice');
    assert.deepEqual(byKey((items ?? []).map(factsOf)), byKey(expected()));
  };

  beforeEach(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-jira-dc-'));
    store = new SnapshotStore(folder);
    fake = await JiraFake.start({ flavour: 'data-center', issues: 60, contextPath: '/jira', timeZone: 'Europe/Berlin' });
  });
  afterEach(async () => {
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a full sync pages by startAt to total and equals the fake’s data, wiki markup as plain text', async () => {
    const result = await sync(adapter());
    assert.equal(result.outcome, 'synced', result.error?.message);
    assertIsFakeData(result.snapshot?.readAll().items);
    assert.ok(result.snapshot?.readAll().items.some((item) => item.summary.includes('src/payments/refund.ts#RefundService.issue')));
    assert.ok(result.snapshot?.readAll().items.every((item) => item.url?.startsWith(`${fake.origin}/jira/browse/`)), 'browse URLs keep the context path');
    const sent = fake.searches();
    assert.deepEqual(sent.map((request) => request.query.get('startAt')), sent.map((_, page) => String(page * 10)));
    assert.ok(sent.every((request) => request.path === SEARCH_PATH && request.query.get('jql') === SEARCH_JQL));
    assert.equal(sent[0]?.headers.authorization, `Bearer ${FAKE_TOKEN}`);
  });

  it('an incremental sync asks only for what changed, in the user’s zone', async () => {
    const first = await sync(adapter());
    const [changed] = expected().map((item) => item.key);
    assert.ok(changed);
    fake.updateIssue(changed, { priority: 'Blocker' });
    const before = fake.requests.length;
    const second = await sync(adapter());
    assert.equal(second.outcome, 'synced', second.error?.message);
    const run = fake.requests.slice(before);
    assert.deepEqual(run.map((request) => request.path), ['/jira/rest/api/2/myself', SEARCH_PATH]);
    const literal = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(first.snapshot?.watermark ?? '')).replace(/-/g, '/');
    assert.match(run[1]?.query.get('jql') ?? '', new RegExp(`AND updated >= "${literal}" ORDER BY`));
    assert.equal(second.fetched, 2, 'the changed issue and the one that set the watermark');
    assertIsFakeData(second.snapshot?.readAll().items);
    assert.equal(second.snapshot?.readAll().items.find((item) => item.key === changed)?.severity, 'critical');
  });

  it('skips a schema-violating issue and keeps its page', async () => {
    const victim = fake.select(SEARCH_JQL)[3];
    assert.ok(victim);
    fake.corruptIssue(victim.key, { status: 'Open' });
    const result = await sync(adapter());
    assert.equal(result.outcome, 'synced');
    assert.deepEqual(result.skipped.map((skip) => skip.id), [`jira:${victim.key}`]);
    assert.match(result.skipped[0]?.reason ?? '', /fields\.status/);
    assert.equal(result.snapshot?.readAll().items.length, expected().length - 1);
  });

  it('rides out a 5xx burst, and resumes at the failed startAt after a lasting failure', async () => {
    fake.faults.next(2, jiraFaults.serverError(503), { path: SEARCH_PATH });
    assert.equal((await sync(adapter())).outcome, 'synced');

    rmSync(folder, { recursive: true, force: true });
    fake.faults.always(jiraFaults.serverError(500), { path: SEARCH_PATH, skip: 2 });
    const failed = await sync(adapter());
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.pages, 2);
    fake.faults.clear();
    const before = fake.searches().length;
    const resumed = await sync(adapter());
    assert.equal(resumed.outcome, 'synced');
    assert.equal(fake.searches()[before]?.query.get('startAt'), '20', 'continues at page 3');
    assertIsFakeData(resumed.snapshot?.readAll().items);
  });

  it('reports a rejected token as auth with Jira’s message, and check() names the user', async () => {
    assert.equal(await adapter().check(new AbortController().signal), 'connected as Dana Scully');
    fake.expireToken();
    const result = await sync(adapter());
    assert.equal(result.error?.kind, 'auth');
    assert.match(result.error?.message ?? '', /401.*You are not authenticated/);
  });

  it('a Cloud config pointed at Data Center fails as config: there is no REST v3 there', async () => {
    const cloud = createJiraAdapter(jiraTrackerSchema.parse({ name: 'jira', type: 'jira', url: fake.site, jql: CONFIG_JQL }), { origin: fake.origin, token: () => FAKE_TOKEN });
    const result = await sync(cloud);
    assert.equal(result.error?.kind, 'config');
    assert.match(result.error?.message ?? '', /404/);
  });
});
