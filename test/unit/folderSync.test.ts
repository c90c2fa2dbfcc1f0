import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordSource } from '../../server/src/catalog/recordSource';
import { FolderSync } from '../../server/src/sync/folderSync';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { frictionItem } from '../support/builders';

const JIRA = { name: 'jira', type: 'jira', url: 'https://acme.atlassian.net', jql: 'project = PAY' };

/**
 * FolderSync over a real snapshot folder, with the network cut off at the token: these tests are
 * about what it does without a tracker (snapshots, statuses, one run at a time, trust).
 */
describe('FolderSync', () => {
  let folder: string;
  let records: RecordSource[][];
  let tokenRequests: number;
  let trusted: boolean;
  const logged: string[] = [];

  const create = (): FolderSync =>
    new FolderSync({
      folderUri: 'file:///work',
      store: new SnapshotStore(folder),
      tokens: async () => {
        tokenRequests++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return undefined;
      },
      trusted: () => trusted,
      http: () => Promise.resolve({}),
      log: { info: (message) => logged.push(message), warn: (message) => logged.push(message), error: (message) => logged.push(message) },
      onRecords: (sources) => records.push(sources),
      onStatus: () => undefined,
    });

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-folder-sync-'));
    records = [];
    tokenRequests = 0;
    trusted = true;
    logged.length = 0;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('loads the snapshots of configured trackers before any run, and drops those no longer configured', async () => {
    await new SnapshotStore(folder).save({ tracker: 'jira', items: [frictionItem({ key: 'PAY-1' })], evidence: [], etags: {}, syncedAt: '2026-11-24T09:14:00.000Z' });
    const sync = create();
    assert.equal(await sync.configure([JIRA]), true);
    assert.deepEqual(records.at(-1)?.map((source) => [source.name, Array.from({ length: source.itemCount }, (_, index) => source.key(index))]), [['jira', ['PAY-1']]]);
    assert.deepEqual(sync.status().map((status) => [status.name, status.state, status.syncedAt, status.records]), [['jira', 'syncing', '2026-11-24T09:14:00.000Z', 1]]);
    assert.equal(tokenRequests, 0, 'configure makes no request of any kind');
    assert.equal(await sync.configure([JIRA]), false, 'the same entries: nothing to do');
    await sync.configure([]);
    assert.deepEqual(records.at(-1), []);
    assert.equal(sync.hasTrackers, false);
  });

  it('says so in the log when a snapshot on disk cannot be used, and goes on without it', async () => {
    const store = new SnapshotStore(folder);
    mkdirSync(folder, { recursive: true });
    writeFileSync(store.fileOf('jira'), '{"version":1}\n');
    const sync = create();
    await sync.configure([JIRA]);
    assert.deepEqual(records.at(-1), []);
    assert.ok(
      logged.includes(`jira: its snapshot ${store.fileOf('jira')} cannot be used (not a snapshot of format version 2); the next sync fetches everything again`),
      logged.join('\n'),
    );
  });

  it('an invalid entry is an error status; the valid ones still count', async () => {
    const sync = create();
    await sync.configure([JIRA, { name: 'broken', type: 'jira', url: 'not a url', jql: 'x' }]);
    assert.deepEqual(sync.status().map((status) => [status.name, status.state]), [['jira', 'syncing'], ['broken', 'error']]);
    assert.match(sync.status()[1]?.message ?? '', /^invalid tracker config: url/);
  });

  it('one run at a time: requests during a run are coalesced into one more run', async () => {
    const sync = create();
    await sync.configure([JIRA]);
    await Promise.all([sync.sync(), sync.sync(), sync.sync(true), sync.sync()]);
    assert.equal(tokenRequests, 2, 'the first run and one queued run');
    assert.deepEqual(sync.status().map((status) => [status.state, status.message]), [['not-connected', 'no token: set CUSTOMER_LENS_JIRA_TOKEN']]);
    assert.equal(logged.filter((line) => line.includes('no token')).length, 1, 'a problem is logged once, not per run');
  });

  it('untrusted: no token is asked for; trusted later, the next run asks', async () => {
    trusted = false;
    const sync = create();
    await sync.configure([JIRA]);
    await sync.sync();
    assert.equal(tokenRequests, 0);
    assert.equal(sync.status()[0]?.state, 'untrusted');
    trusted = true;
    await sync.sync();
    assert.equal(tokenRequests, 1);
  });

  it('a disposed sync runs no more', async () => {
    const sync = create();
    await sync.configure([JIRA]);
    sync.dispose();
    await sync.sync();
    assert.equal(tokenRequests, 0);
  });
});
