import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../server/src/trackers/atomicFile';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { SyncJournal } from '../../server/src/trackers/syncJournal';
import { frictionItem } from '../support/builders';

describe('sync persistence (real files)', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-sync-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const item = (key: string, title = `Item ${key}`) => frictionItem({ id: `jira:${key}`, source: 'jira', key, title });

  describe('SyncJournal', () => {
    it('replays pages in order: last cursor, newest update, records by id', async () => {
      const journal = new SyncJournal(path.join(folder, 'jira.journal.jsonl'));
      await journal.append({ items: [item('PAY-1'), item('PAY-2')], evidence: [], cursor: 'page-2', newestUpdate: '2026-11-01T00:00:00Z' });
      await journal.append({ items: [item('PAY-3')], evidence: [], cursor: 'page-3', newestUpdate: '2026-11-03T00:00:00Z' });
      const replay = await journal.replay();
      assert.deepEqual([...replay.items.keys()], ['jira:PAY-1', 'jira:PAY-2', 'jira:PAY-3']);
      assert.equal(replay.cursor, 'page-3');
      assert.equal(replay.newestUpdate, '2026-11-03T00:00:00Z');
      assert.equal(replay.pages, 2);
    });

    it('duplicates nothing when a page is fetched again after a crash (same ids)', async () => {
      const journal = new SyncJournal(path.join(folder, 'j.jsonl'));
      await journal.append({ items: [item('PAY-1'), item('PAY-2')], evidence: [], cursor: 'p2' });
      await journal.append({ items: [item('PAY-2', 'Renamed'), item('PAY-3')], evidence: [], cursor: 'p3' });
      const replay = await journal.replay();
      assert.equal(replay.items.size, 3);
      assert.equal(replay.items.get('jira:PAY-2')?.title, 'Renamed', 'the later page wins');
    });

    it('ignores a torn last line (a crash mid-append) and keeps every complete page', async () => {
      const journal = new SyncJournal(path.join(folder, 'j.jsonl'));
      await journal.append({ items: [item('PAY-1')], evidence: [], cursor: 'p2' });
      appendFileSync(journal.file, '{"items":[{"id":"jira:PAY-9"');
      const replay = await journal.replay();
      assert.deepEqual([...replay.items.keys()], ['jira:PAY-1']);
      assert.equal(replay.cursor, 'p2');
    });

    it('lands pages appended together in the order they were appended, each append settling once its line is on disk', async () => {
      const journal = new SyncJournal(path.join(folder, 'parallel.jsonl'));
      const settled: number[] = [];
      const appends = Array.from({ length: 20 }, (_, index) =>
        journal.append({ items: [item(`PAY-${index + 1}`)], evidence: [], requested: `p${index + 1}`, cursor: `after-p${index + 1}` }).then(() => settled.push(index)),
      );
      await Promise.all(appends);
      assert.equal(settled.length, 20);
      const lines = readFileSync(journal.file, 'utf8').trimEnd().split('\n');
      assert.deepEqual(
        lines.map((line) => (JSON.parse(line) as { requested: string }).requested),
        Array.from({ length: 20 }, (_, index) => `p${index + 1}`),
      );
      const replay = await journal.replay();
      assert.equal(replay.pages, 20);
      assert.equal(replay.cursor, 'after-p20');
    });

    it('rejects the appends of a write that fails, and writes the next ones', async () => {
      const journal = new SyncJournal(path.join(folder, 'later', 'j.jsonl'));
      // A directory where the journal should be: the write fails with EISDIR.
      mkdirSync(journal.file, { recursive: true });
      await assert.rejects(journal.append({ items: [item('PAY-1')], evidence: [] }), /EISDIR/);
      rmSync(journal.file, { recursive: true });
      await journal.append({ items: [item('PAY-2')], evidence: [], cursor: 'p3' });
      assert.deepEqual([...(await journal.replay()).items.keys()], ['jira:PAY-2']);
    });

    it('replays nothing when there is no journal, and clear() removes it', async () => {
      const journal = new SyncJournal(path.join(folder, 'none.jsonl'));
      assert.equal((await journal.replay()).pages, 0);
      await journal.append({ items: [item('PAY-1')], evidence: [] });
      await journal.clear();
      assert.equal((await journal.replay()).pages, 0);
    });
  });

  describe('SnapshotStore', () => {
    it('saves and loads a source snapshot', async () => {
      const store = new SnapshotStore(folder);
      await store.save({ tracker: 'jira', items: [item('PAY-1')], evidence: [], watermark: '2026-11-03T00:00:00Z', etags: { '/repos/a/b/issues': '"x"' }, syncedAt: '2026-11-24T10:00:00Z' });
      const loaded = await store.load('jira');
      assert.equal(loaded?.items[0]?.key, 'PAY-1');
      assert.equal(loaded?.watermark, '2026-11-03T00:00:00Z');
      assert.deepEqual(loaded?.etags, { '/repos/a/b/issues': '"x"' });
    });

    it('treats a missing, corrupt or foreign file as no snapshot', async () => {
      const store = new SnapshotStore(folder);
      assert.equal(await store.load('none'), undefined);
      writeFileSync(store.fileOf('torn'), '{"version":1,"snapshot":{"tracker":"torn","items":[');
      assert.equal(await store.load('torn'), undefined);
      writeFileSync(store.fileOf('old'), JSON.stringify({ version: 0, items: [] }));
      assert.equal(await store.load('old'), undefined);
    });

    it('keeps tracker names with odd characters inside the folder', () => {
      const store = new SnapshotStore(folder);
      assert.equal(path.dirname(store.fileOf('../../etc/passwd')), folder);
    });
  });

  it('writes atomically: the new content or the old, and no temporary files left behind', async () => {
    const target = path.join(folder, 'nested', 'file.json');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, 'second');
    assert.deepEqual(readdirSync(path.dirname(target)), ['file.json']);
  });
});
