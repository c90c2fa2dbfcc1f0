import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogEntries } from '../../server/src/catalog/catalogEntry';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import { recordsInMemory } from '../../server/src/catalog/recordSource';
import type { Evidence } from '../../server/src/domain/evidence';
import { itemComparator, RANKING_MODES, type FrictionItem } from '../../server/src/domain/frictionItem';
import { SnapshotStore, type SourceSnapshot } from '../../server/src/trackers/snapshotStore';
import type { StoredSnapshot } from '../../server/src/trackers/storedSnapshot';
import { frictionItem } from '../support/builders';

const ticket = (id: number, keys: string[], customer?: string): Evidence => ({
  id: `zendesk:${id}`,
  source: 'zendesk',
  itemKeys: keys,
  ...(customer !== undefined && { customer, quote: { text: `Ticket ${id} from ${customer}.`, customer } }),
  updatedAt: '2026-11-20T00:00:00Z',
});

/** As a tracker maps an item without a web URL: no `url` key at all (JSON has no `undefined`). */
function withoutUrl(item: FrictionItem): FrictionItem {
  const { url, ...rest } = item;
  assert.ok(url !== '');
  return rest;
}

const items: FrictionItem[] = [
  frictionItem({ id: 'jira:1', source: 'jira', key: 'PAY-1', title: 'Refunds take two weeks', summary: 'See src/payments/refund.ts#RefundService.issue and https://github.com/acme/app/blob/main/src/a.ts#L3', severity: 'high', impact: { customers: 12, tickets: 3, votes: 4, arr: 1000 }, labels: ['refunds'], codeRefs: ['src/b.ts'] }),
  withoutUrl(frictionItem({ id: 'jira:2', source: 'jira', key: 'PAY-2', title: 'Card declined — “ünïcödé” title', severity: 'critical', status: 'in-progress', impact: { customers: 1, tickets: 0, votes: 0 }, journey: 'checkout', quotes: [{ text: 'It said no.', customer: 'Contoso' }] })),
  frictionItem({ id: 'jira:3', source: 'jira', key: 'PAY-3', title: 'Export is slow', severity: 'low', status: 'resolved', labels: [], codeRefs: [] }),
];
const evidence: Evidence[] = [ticket(7, ['PAY-1'], 'Contoso'), ticket(8, ['PAY-1', 'PAY-3'], 'Fabrikam'), ticket(9, [])];
const saved: SourceSnapshot = { tracker: 'jira', items, evidence, watermark: '2026-11-23T00:00:00Z', etags: { '/search': '"e1"' }, syncedAt: '2026-11-24T09:14:00.000Z' };

describe('StoredSnapshot', () => {
  let folder: string;
  let store: SnapshotStore;
  const opened: StoredSnapshot[] = [];
  const open = async (tracker = 'jira'): Promise<StoredSnapshot> => {
    const snapshot = await store.open(tracker);
    assert.ok(snapshot, `${tracker}: a snapshot`);
    opened.push(snapshot);
    return snapshot;
  };
  /** Overwrites bytes of the file in place, as a disk error would: an open snapshot sees it. */
  const scribble = (file: string, at: number, text: string) => {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from(text), 0, Buffer.byteLength(text), at);
    closeSync(fd);
  };

  beforeEach(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-stored-'));
    store = new SnapshotStore(folder);
    await store.save(saved);
  });
  afterEach(() => {
    for (const snapshot of opened.splice(0)) snapshot.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives back every record, and the ranking, list and evidence columns of each', async () => {
    const snapshot = await open();
    assert.deepEqual(snapshot.readAll(), saved);
    assert.deepEqual([snapshot.tracker, snapshot.watermark, snapshot.etags, snapshot.syncedAt, snapshot.records], ['jira', saved.watermark, saved.etags, saved.syncedAt, 6]);
    items.forEach((item, index) => {
      assert.equal(snapshot.key(index), item.key);
      assert.equal(snapshot.severity(index), item.severity);
      assert.equal(snapshot.customers(index), item.impact.customers);
      assert.equal(snapshot.tickets(index), item.impact.tickets);
      assert.equal(snapshot.itemId(index), item.id);
      const { source, title, status, labels, url, journey } = item;
      assert.deepEqual(snapshot.listFields(index), { source, title, status, labels, ...(url !== undefined && { url }), ...(journey !== undefined && { journey }) });
      assert.deepEqual(snapshot.item(index), item);
    });
    // Code references found at save time, unparsed: the item's own, then those in its prose.
    assert.deepEqual(snapshot.codeRefs(0), ['src/b.ts', 'https://github.com/acme/app/blob/main/src/a.ts#L3', 'src/payments/refund.ts#RefundService.issue']);
    assert.deepEqual(snapshot.codeRefs(2), []);
    evidence.forEach((record, index) => {
      assert.equal(snapshot.evidenceId(index), record.id);
      assert.deepEqual(snapshot.evidenceKeys(index), record.itemKeys);
      assert.equal(snapshot.evidenceCustomer(index), record.customer);
      assert.deepEqual(snapshot.evidence(index), record);
    });
  });

  it('reads the list columns only when something is listed', async () => {
    const snapshot = await open();
    const lines = readFileSync(store.fileOf('jira'), 'utf8').split('\n');
    const listAt = Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`);
    // Damage the list line after opening: keys, ranking and whole records are unaffected...
    scribble(store.fileOf('jira'), listAt, '#');
    assert.equal(snapshot.key(1), 'PAY-2');
    assert.deepEqual(snapshot.item(1), items[1]);
    // ...and the first listing finds the damage, naming the file.
    assert.throws(() => snapshot.listFields(0), (error: Error) => error.message.startsWith(`${store.fileOf('jira')}: the list index is damaged`));
  });

  it('keeps reading the version it opened when a newer one is saved over it', async () => {
    const snapshot = await open();
    await store.save({ ...saved, items: [frictionItem({ key: 'NEW-1', title: 'A newer snapshot' })], evidence: [] });
    assert.deepEqual(snapshot.item(2), items[2]);
    assert.equal((await open()).key(0), 'NEW-1');
  });

  it('takes a sync note about itself, and ignores one about another snapshot', async () => {
    const snapshot = await open();
    snapshot.applyNote({ of: 'another-write', syncedAt: '2030-01-01T00:00:00.000Z', watermark: '2030-01-01', etags: {} });
    assert.deepEqual([snapshot.syncedAt, snapshot.watermark, snapshot.etags], [saved.syncedAt, saved.watermark, saved.etags]);
    snapshot.applyNote({ of: snapshot.meta.id, syncedAt: '2026-11-24T10:00:00.000Z', watermark: '2026-11-24T00:00:00Z', etags: { '/search': '"e2"' } });
    assert.deepEqual([snapshot.syncedAt, snapshot.watermark, snapshot.etags], ['2026-11-24T10:00:00.000Z', '2026-11-24T00:00:00Z', { '/search': '"e2"' }]);
    assert.deepEqual(snapshot.readAll().items, items, 'the records are as they were');
  });

  it('reads nothing once closed, in one go or one record at a time', async () => {
    const snapshot = await open();
    snapshot.close();
    await assert.rejects(snapshot.rawRecords(), new RegExp(`${path.basename(store.fileOf('jira'))}: the snapshot was closed`));
    assert.throws(() => snapshot.item(0), /the snapshot was closed/);
  });

  it('names the file when a record no longer matches its index', async () => {
    const snapshot = await open();
    const text = readFileSync(store.fileOf('jira'), 'utf8');
    scribble(store.fileOf('jira'), Buffer.byteLength(text.slice(0, text.indexOf('"key":"PAY-3"'))), '"key":"PAY-9"');
    assert.throws(() => snapshot.item(2), new RegExp(`${path.basename(store.fileOf('jira'))}.*item 2 does not match its index`));
  });

  it('treats a cut, grown, foreign or earlier-version file as no snapshot, and says why', async () => {
    const file = store.fileOf('jira');
    const whole = readFileSync(file);
    const reasons: string[] = [];
    const unusable = (reason: string) => reasons.push(reason);
    assert.equal(await store.open('none', unusable), undefined);
    assert.deepEqual(reasons, [], 'a missing file is no snapshot, nothing to report');
    truncateSync(file, whole.length - 5);
    assert.equal(await store.open('jira', unusable), undefined, 'cut short');
    await store.save(saved);
    scribble(file, whole.length, '{"more":1}\n');
    assert.equal(await store.open('jira', unusable), undefined, 'grown');
    for (const text of ['', 'not json\n', `${JSON.stringify({ version: 1, snapshot: saved })}`, `${JSON.stringify({ version: 3 })}\n`]) {
      scribble(file, 0, text);
      truncateSync(file, Buffer.byteLength(text));
      assert.equal(await store.open('jira', unusable), undefined, JSON.stringify(text.slice(0, 30)));
      assert.equal(await store.load('jira'), undefined);
    }
    assert.deepEqual(reasons.slice(0, 2), [`it is ${whole.length - 5} bytes where its index says ${whole.length}`, `it is ${whole.length + 11} bytes where its index says ${whole.length}`]);
    assert.equal(reasons[2], 'no complete first line');
    assert.match(reasons[3] ?? '', /not valid JSON/);
    assert.deepEqual(reasons.slice(4), ['no complete first line', 'not a snapshot of format version 2']);
  });

  it('copies the records an incremental write keeps, byte for byte, with their index entries', async () => {
    const previous = await open();
    const changed = frictionItem({ id: 'jira:2', source: 'jira', key: 'PAY-2', title: 'Card declined, fixed', severity: 'low' });
    const added = frictionItem({ id: 'jira:4', source: 'jira', key: 'PAY-4', title: 'New' });
    await store.write({ ...saved, syncedAt: '2026-11-24T10:00:00.000Z' }, [{ from: previous, index: 0 }, changed, { from: previous, index: 2 }, added], [{ from: previous, index: 1 }, ticket(10, ['PAY-4'], 'Tailspin')]);
    const next = await open();
    assert.deepEqual(next.readAll().items, [items[0], changed, items[2], added]);
    assert.deepEqual(next.readAll().evidence, [evidence[1], ticket(10, ['PAY-4'], 'Tailspin')]);
    assert.deepEqual(next.codeRefs(0), previous.codeRefs(0));
    assert.deepEqual(next.listFields(2), previous.listFields(2));
    const recordLines = (text: string) => text.split('\n').slice(4);
    const [before, after] = [readFileSync(previous.file, 'utf8'), readFileSync(next.file, 'utf8')];
    assert.equal(recordLines(after)[0], recordLines(before)[0]);
  });
});

describe('A catalog over a stored snapshot', () => {
  let folder: string;
  let snapshot: StoredSnapshot | undefined;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-stored-catalog-'));
  });
  afterEach(() => {
    snapshot?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('ranks and lists from the indexes exactly as the merged whole items say', async () => {
    const store = new SnapshotStore(folder);
    await store.save(saved);
    snapshot = await store.open('jira');
    assert.ok(snapshot);
    const local = [
      withoutUrl(frictionItem({ id: 'local:PAY-1', source: 'local', key: 'PAY-1', title: 'Local title', journey: 'refunds', labels: ['payments'], impact: { customers: 40, tickets: 1, votes: 0 } })),
      frictionItem({ id: 'local:LOC-1', source: 'local', key: 'LOC-1', title: 'Only local' }),
    ];
    const lazy = new ItemCatalog(catalogEntries([snapshot, recordsInMemory('local', local)]), [], [], 1);
    const whole = new ItemCatalog(catalogEntries([recordsInMemory('jira', items, evidence), recordsInMemory('local', local)]), [], [], 1);
    assert.deepEqual([...lazy.keys()], ['PAY-1', 'PAY-2', 'PAY-3', 'LOC-1']);
    for (const key of lazy.keys()) {
      const item = lazy.get(key);
      assert.ok(item);
      assert.deepEqual(item, whole.get(key), `${key}: the same item whether its records are on disk or in memory`);
      const { source, title, status, severity, labels, url, journey } = item;
      assert.deepEqual(
        lazy.listing(key),
        { key, title, source, status, severity, customers: item.impact.customers, tickets: item.impact.tickets, labels, ...(journey !== undefined && { journey }), ...(url !== undefined && { url }) },
        `${key}: the listing agrees with the whole item`,
      );
    }
    // PAY-1: Jira's 12 customers vs local's 40, plus two distinct customers from tickets 7 and 8.
    assert.equal(lazy.get('PAY-1')?.impact.customers, 42);
    const keys = ['PAY-3', 'LOC-1', 'PAY-1', 'PAY-2'];
    for (const mode of RANKING_MODES) {
      const byWholeItems = keys.map((key) => whole.get(key) as FrictionItem).sort(itemComparator(mode)).map((item) => item.key);
      assert.deepEqual(lazy.rankedKeys([...keys, 'NOPE-1'], mode), byWholeItems, mode);
    }
    assert.equal(lazy.get('PAY-2'), lazy.get('PAY-2'), 'a whole item is read once, then kept');
  });
});
