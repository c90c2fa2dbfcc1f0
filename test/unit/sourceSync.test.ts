import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import type { RetryPolicy } from '../../server/src/trackers/retryPolicy';
import type { SnapshotHeader } from '../../server/src/trackers/snapshotWriter';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource } from '../../server/src/trackers/sourceSync';
import { SyncJournal } from '../../server/src/trackers/syncJournal';
import { mappedPage, type PageLinks, type PageRequest, type TrackerAdapter, type TrackerPage } from '../../server/src/trackers/trackerAdapter';
import { TrackerError } from '../../server/src/trackers/trackerErrors';
import { frictionItem } from '../support/builders';

const FAST: RetryPolicy = { attempts: 3, baseMs: 1, capMs: 5 };
const item = (key: string, updated: string, title = `Item ${key}`): FrictionItem => frictionItem({ id: `jira:${key}`, source: 'jira', key, title, updatedAt: updated });

/**
 * A scripted tracker for the engine's logic: pages by cursor, each answer or failure decided by
 * the test. (The adapters themselves are tested against HTTP fakes of each tracker's API.)
 */
class ScriptedTracker implements TrackerAdapter {
  readonly name = 'jira';
  readonly source = 'jira';
  readonly origin = 'https://acme.atlassian.net';
  readonly requests: PageRequest[] = [];
  constructor(private readonly answer: (request: PageRequest, call: number) => TrackerPage | TrackerError) {}
  page(request: PageRequest): Promise<TrackerPage> {
    this.requests.push(request);
    const answer = this.answer(request, this.requests.length);
    return answer instanceof TrackerError ? Promise.reject(answer) : Promise.resolve(answer);
  }
  check(): Promise<string> {
    return Promise.resolve('ok');
  }
}

const page = (items: FrictionItem[], cursor?: string, extra: PageLinks = {}): TrackerPage => {
  const newestUpdate = items.map((i) => i.updatedAt ?? '').sort().at(-1);
  return mappedPage({ items, evidence: [], skipped: [], ...(newestUpdate !== undefined && { newestUpdate }) }, { ...(cursor !== undefined && { cursor }), ...extra });
};

describe('syncSource', () => {
  let folder: string;
  let store: SnapshotStore;
  const signal = () => new AbortController().signal;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-source-sync-'));
    store = new SnapshotStore(folder);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const THREE_PAGES = (request: PageRequest) =>
    request.cursor === undefined ? page([item('PAY-1', '2026-11-01')], 'p2') : request.cursor === 'p2' ? page([item('PAY-2', '2026-11-03')], 'p3') : page([item('PAY-3', '2026-11-02')]);

  it('does a full sync page by page, saves the snapshot with the newest update as watermark, and clears the journal', async () => {
    const tracker = new ScriptedTracker(THREE_PAGES);
    const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
    assert.equal(result.outcome, 'synced');
    assert.deepEqual(tracker.requests.map((r) => r.cursor), [undefined, 'p2', 'p3']);
    const saved = await store.load('jira');
    assert.deepEqual(saved?.items.map((i) => i.key), ['PAY-1', 'PAY-2', 'PAY-3']);
    assert.equal(saved?.watermark, '2026-11-03');
    assert.equal((await new SyncJournal(store.journalOf('jira')).replay()).pages, 0);
  });

  it('syncs incrementally from the watermark and merges changes into the last snapshot', async () => {
    await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
    const tracker = new ScriptedTracker(() => page([item('PAY-2', '2026-11-05', 'Renamed'), item('PAY-4', '2026-11-04')]));
    const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
    assert.equal(tracker.requests[0]?.since, '2026-11-03');
    assert.deepEqual(result.snapshot?.readAll().items.map((i) => `${i.key}:${i.title}`), ['PAY-1:Item PAY-1', 'PAY-2:Renamed', 'PAY-3:Item PAY-3', 'PAY-4:Item PAY-4']);
    assert.equal(result.snapshot?.watermark, '2026-11-05');
  });

  it('retries a rate-limited page and carries on', async () => {
    const tracker = new ScriptedTracker((request, call) => (call === 2 ? new TrackerError('rate-limited', '429', 1) : THREE_PAGES(request)));
    const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
    assert.equal(result.outcome, 'synced');
    assert.deepEqual(tracker.requests.map((r) => r.cursor), [undefined, 'p2', 'p2', 'p3']);
  });

  it('keeps the last good snapshot when a run fails, then resumes at the failed page without duplicates', async () => {
    await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
    const failing = new ScriptedTracker((request) =>
      request.cursor === undefined ? page([item('PAY-5', '2026-11-06')], 'q2') : new TrackerError('transient', '503'),
    );
    const failed = await syncSource(failing, store, { signal: signal(), retry: FAST });
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.error?.kind, 'transient');
    assert.deepEqual((await store.load('jira'))?.items.map((i) => i.key), ['PAY-1', 'PAY-2', 'PAY-3'], 'last good snapshot in force');

    const resuming = new ScriptedTracker((request) => (request.cursor === 'q2' ? page([item('PAY-6', '2026-11-07')]) : page([item('WRONG', '2026-11-08')])));
    const resumed = await syncSource(resuming, store, { signal: signal(), retry: FAST });
    assert.equal(resumed.resumed, true);
    assert.deepEqual(resuming.requests.map((r) => [r.cursor, r.since]), [['q2', '2026-11-03']], 'continues the interrupted run, same window');
    assert.deepEqual(resumed.snapshot?.readAll().items.map((i) => i.key), ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-5', 'PAY-6']);
  });

  it('finishes a run that crashed after its last page but before saving, without fetching again', async () => {
    const journal = new SyncJournal(store.journalOf('jira'));
    await journal.append({ items: [item('PAY-7', '2026-11-09')], evidence: [] });
    const tracker = new ScriptedTracker(() => new TrackerError('config', 'must not be called'));
    const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
    assert.equal(result.outcome, 'synced');
    assert.equal(tracker.requests.length, 0);
    assert.deepEqual(result.snapshot?.readAll().items.map((i) => i.key), ['PAY-7']);
  });

  it('fetches pages listed up front in parallel, and after a crash fetches only the missing ones', async () => {
    const cursors = ['2', '3', '4', '5', '6'];
    const first = new ScriptedTracker((request) =>
      request.cursor === undefined
        ? page([item('GH-1', '2026-11-01')], undefined, { remainingCursors: cursors })
        : request.cursor === '5'
          ? new TrackerError('auth', '401')
          : page([item(`GH-${request.cursor}`, '2026-11-01')]),
    );
    const failed = await syncSource(first, store, { signal: signal(), retry: FAST, parallelPages: 2 });
    assert.equal(failed.outcome, 'failed');
    const done = new Set(first.requests.filter((r) => r.cursor !== '5' && r.cursor !== undefined).map((r) => r.cursor));

    const second = new ScriptedTracker((request) => page([item(`GH-${request.cursor ?? 'first'}`, '2026-11-02')]));
    const result = await syncSource(second, store, { signal: signal(), retry: FAST, parallelPages: 2 });
    assert.equal(result.outcome, 'synced');
    const refetched = second.requests.map((r) => r.cursor);
    assert.ok(refetched.includes('5'), 'the failed page is fetched');
    assert.ok(refetched.every((cursor) => cursor !== undefined && !done.has(cursor)), `only missing pages: ${refetched.join(',')}`);
    assert.deepEqual(result.snapshot?.readAll().items.map((i) => i.key).sort(), ['GH-1', 'GH-2', 'GH-3', 'GH-4', 'GH-5', 'GH-6']);
  });

  it('fails the run, without throwing or saving, when its journal cannot be written', async () => {
    // A tracker with no end of pages: only the failed write can stop the run.
    const tracker = new ScriptedTracker((_request, call) => {
      // Once the run has started, a directory appears where the journal goes: every append fails.
      if (call === 1) mkdirSync(store.journalOf('jira'), { recursive: true });
      return page([item(`PAY-${call}`, '2026-11-01')], `p${call + 1}`);
    });
    const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
    assert.equal(result.outcome, 'failed');
    assert.match(result.error?.message ?? '', /EISDIR/);
    assert.ok(tracker.requests.length < 100, `stops asking for pages once a write failed (asked ${tracker.requests.length})`);
    assert.equal(await store.load('jira'), undefined);
  });

  it('stops when cancelled, leaving the snapshot as it was', async () => {
    const controller = new AbortController();
    const tracker = new ScriptedTracker((request) => {
      if (request.cursor === 'p2') controller.abort();
      return request.cursor === 'p2' ? new TrackerError('cancelled', 'sync cancelled') : THREE_PAGES(request);
    });
    const result = await syncSource(tracker, store, { signal: controller.signal, retry: FAST });
    assert.equal(result.outcome, 'cancelled');
    assert.equal(await store.load('jira'), undefined);
  });

  describe('one sync per snapshot across processes', () => {
    /** A process that has exited: its pid is free (not reused this soon on any test machine). */
    const deadPid = (): number => {
      const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      return Number(child.stdout);
    };

    it('skips the run while another live process holds the lock, keeping the last good snapshot', async () => {
      await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      try {
        writeFileSync(store.lockOf('jira'), String(other.pid));
        const tracker = new ScriptedTracker(THREE_PAGES);
        const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
        assert.equal(result.outcome, 'failed');
        assert.equal(result.error?.message, `another Customer Lens process (pid ${other.pid}) is syncing jira; this run was skipped`);
        assert.deepEqual(tracker.requests, [], 'no request while the other process syncs');
        assert.deepEqual(result.snapshot?.readAll().items.map((i) => i.key), ['PAY-1', 'PAY-2', 'PAY-3']);
        assert.equal(readFileSync(store.lockOf('jira'), 'utf8'), String(other.pid), 'the holder keeps its lock');
      } finally {
        other.kill();
      }
    });

    it('takes over the lock of a process that died mid-sync, and of one that died before writing its pid', async () => {
      writeFileSync(store.lockOf('jira'), String(deadPid()));
      const first = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      assert.equal(first.outcome, 'synced', first.error?.message);
      assert.equal(existsSync(store.lockOf('jira')), false, 'released after the run');

      writeFileSync(store.lockOf('jira'), '');
      const fresh = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      assert.match(fresh.error?.message ?? '', /^another Customer Lens process is syncing jira/, 'an empty lock is being written: held');
      const longAgo = new Date(Date.now() - 60_000);
      utimesSync(store.lockOf('jira'), longAgo, longAgo);
      const taken = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      assert.equal(taken.outcome, 'synced', taken.error?.message);
    });

    it('takes over a lock carrying this process’s pid that this process does not hold (a dead process’s pid, reused)', async () => {
      writeFileSync(store.lockOf('jira'), String(process.pid));
      const result = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.equal(existsSync(store.lockOf('jira')), false, 'released after the run');
    });

    it('skips a second run of the tracker in this process while the first holds the lock', async () => {
      let answer: ((page: TrackerPage) => void) | undefined;
      const waiting: TrackerAdapter = {
        name: 'jira',
        source: 'jira',
        origin: 'https://acme.atlassian.net',
        page: () => new Promise((resolve) => (answer = resolve)),
        check: () => Promise.resolve('ok'),
      };
      const running = syncSource(waiting, store, { signal: signal(), retry: FAST });
      while (answer === undefined) await new Promise((resolve) => setImmediate(resolve));
      const second = new ScriptedTracker(THREE_PAGES);
      const skipped = await syncSource(second, store, { signal: signal(), retry: FAST });
      assert.equal(skipped.error?.message, `another Customer Lens process (pid ${process.pid}) is syncing jira; this run was skipped`);
      assert.deepEqual(second.requests, []);
      answer(page([item('PAY-1', '2026-11-01')]));
      assert.equal((await running).outcome, 'synced');
    });

    it('holds the lock during a run and releases it when the run fails', async () => {
      let lockedDuringRun = false;
      const tracker = new ScriptedTracker((request) => {
        lockedDuringRun = readFileSync(store.lockOf('jira'), 'utf8') === String(process.pid);
        return request.cursor === undefined ? page([item('PAY-1', '2026-11-01')], 'p2') : new TrackerError('auth', 'rejected');
      });
      const result = await syncSource(tracker, store, { signal: signal(), retry: FAST });
      assert.equal(result.outcome, 'failed');
      assert.ok(lockedDuringRun);
      assert.equal(existsSync(store.lockOf('jira')), false);
    });
  });

  describe('local faults', () => {
    /** A store whose snapshot writes fail, as on a full disk. */
    class FullDisk extends SnapshotStore {
      override write(): Promise<void> {
        return Promise.reject(new Error('ENOSPC: no space left on device, write'));
      }
      override note(): Promise<never> {
        return Promise.reject(new Error('ENOSPC: no space left on device, write'));
      }
    }

    it('a snapshot that cannot be saved fails the run, without throwing, keeping the last good snapshot and the journal', async () => {
      await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      const full = new FullDisk(folder);
      // A record as stored (only a note to write), then a changed one (a snapshot to write).
      for (const records of [[item('PAY-2', '2026-11-03')], [item('PAY-2', '2026-11-05', 'Renamed')]]) {
        await new SyncJournal(store.journalOf('jira')).clear();
        const result = await syncSource(new ScriptedTracker(() => page(records)), full, { signal: signal(), retry: FAST });
        assert.equal(result.outcome, 'failed');
        assert.equal(result.error?.kind, 'transient');
        assert.equal(result.error?.message, 'could not save the snapshot: ENOSPC: no space left on device, write');
        assert.deepEqual(result.snapshot?.readAll().items.map((i) => `${i.key}:${i.title}`), ['PAY-1:Item PAY-1', 'PAY-2:Item PAY-2', 'PAY-3:Item PAY-3'], 'the last good snapshot, open');
        result.snapshot?.close();
        assert.equal(existsSync(store.lockOf('jira')), false, 'the lock is released');
      }
      assert.ok((await new SyncJournal(store.journalOf('jira')).replay()).pages > 0, 'the journal stays for the next run');
      const next = await syncSource(new ScriptedTracker(() => new TrackerError('config', 'must not be called')), store, { signal: signal(), retry: FAST });
      assert.equal(next.outcome, 'synced', next.error?.message);
      assert.equal(next.resumed, true);
      assert.equal(next.snapshot?.readAll().items.find((i) => i.key === 'PAY-2')?.title, 'Renamed');
    });

    it('a snapshot folder that cannot be made fails the run, without throwing', async () => {
      const blocked = path.join(folder, 'a-file');
      writeFileSync(blocked, '');
      const tracker = new ScriptedTracker(THREE_PAGES);
      const result = await syncSource(tracker, new SnapshotStore(path.join(blocked, 'snapshots')), { signal: signal(), retry: FAST });
      assert.equal(result.outcome, 'failed');
      assert.match(result.error?.message ?? '', /^could not save the snapshot: ENOTDIR/);
      assert.equal(result.snapshot, undefined);
      assert.deepEqual(tracker.requests, []);
    });

    it('removes the temporary files a killed write left, and only those, once it holds the lock', async () => {
      const leftovers = [`${path.basename(store.fileOf('jira'))}.0123456789ab.tmp`, `${path.basename(store.noteOf('jira'))}.abcdef012345.tmp`];
      const others = [`${path.basename(store.fileOf('jira-eu'))}.0123456789ab.tmp`, `${path.basename(store.fileOf('jira'))}.backup`, `${path.basename(store.fileOf('jira'))}.0123.tmp`];
      for (const name of [...leftovers, ...others]) writeFileSync(path.join(folder, name), 'partial');
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      try {
        // While another process syncs, the files may be its writes under way: left alone.
        writeFileSync(store.lockOf('jira'), String(other.pid));
        assert.equal((await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST })).outcome, 'failed');
        for (const name of leftovers) assert.ok(existsSync(path.join(folder, name)), name);
      } finally {
        other.kill();
        rmSync(store.lockOf('jira'));
      }
      const result = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.deepEqual(readdirSync(folder).sort(), [path.basename(store.fileOf('jira')), ...others].sort());
    });
  });

  describe('a run that changes no record', () => {
    const at = (iso: string) => () => new Date(iso);

    it('notes its time, watermark and ETags beside the snapshot instead of rewriting it', async () => {
      const first = await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:00:00.000Z') });
      assert.equal(first.changed, true);
      const written = statSync(store.fileOf('jira'));
      // "Changed since" is inclusive: the newest record comes back, exactly as stored.
      const again = new ScriptedTracker(() => page([item('PAY-2', '2026-11-03')], undefined, { etags: { '/search': '"e2"' } }));
      const second = await syncSource(again, store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:15:00.000Z') });
      assert.equal(second.outcome, 'synced', second.error?.message);
      assert.equal(second.changed, false);
      assert.equal(again.requests[0]?.since, '2026-11-03', 'incremental, from the watermark');
      const after = statSync(store.fileOf('jira'));
      assert.deepEqual([after.ino, after.mtimeMs, after.size], [written.ino, written.mtimeMs, written.size], 'the snapshot file is untouched');
      const loaded = await store.load('jira');
      assert.equal(loaded?.syncedAt, '2026-11-24T09:15:00.000Z');
      assert.deepEqual(loaded?.etags, { '/search': '"e2"' });
      assert.deepEqual(loaded?.items.map((i) => i.key), ['PAY-1', 'PAY-2', 'PAY-3']);
      assert.equal(second.snapshot?.syncedAt, '2026-11-24T09:15:00.000Z');

      // A record that did change: the snapshot is written again, and the note goes.
      const edited = new ScriptedTracker(() => page([item('PAY-2', '2026-11-04', 'Renamed')]));
      const third = await syncSource(edited, store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:30:00.000Z') });
      assert.equal(third.changed, true);
      assert.equal(existsSync(store.noteOf('jira')), false);
      const rewritten = await store.load('jira');
      assert.equal(rewritten?.items.find((i) => i.key === 'PAY-2')?.title, 'Renamed');
      assert.deepEqual([rewritten?.syncedAt, rewritten?.watermark], ['2026-11-24T09:30:00.000Z', '2026-11-04']);
    });

    it('finds its items by key without reading the list index, and hands back the snapshot it had open, brought up to date', async () => {
      await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:00:00.000Z') });
      // Damage the list index (ids, titles…): a run that read it would fail.
      const lines = readFileSync(store.fileOf('jira'), 'utf8').split('\n');
      const fd = openSync(store.fileOf('jira'), 'r+');
      writeSync(fd, '#', Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`));
      closeSync(fd);
      const opened: string[] = [];
      const open = store.open.bind(store);
      store.open = (tracker, onUnusable) => {
        opened.push(tracker);
        return open(tracker, onUnusable);
      };
      let noted: SnapshotHeader | undefined;
      const note = store.note.bind(store);
      store.note = (snapshot, header) => {
        noted = header;
        return note(snapshot, header);
      };
      const again = new ScriptedTracker(() => page([item('PAY-2', '2026-11-03')], undefined, { etags: { '/search': '"e2"' } }));
      const result = await syncSource(again, store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:15:00.000Z') });
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.equal(result.changed, false);
      assert.equal(noted?.syncedAt, '2026-11-24T09:15:00.000Z');
      assert.deepEqual(opened, ['jira'], 'opened once, before the run: not again after the note');
      assert.deepEqual([result.snapshot?.syncedAt, result.snapshot?.watermark, result.snapshot?.etags], ['2026-11-24T09:15:00.000Z', '2026-11-03', { '/search': '"e2"' }]);
      assert.equal(result.snapshot?.item(1).key, 'PAY-2', 'open, its records readable');
      result.snapshot?.close();
    });

    it('a record stored under the same key with another id is a change', async () => {
      await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST });
      const moved = { ...item('PAY-2', '2026-11-03'), id: 'jira:PAY-2-moved' };
      const result = await syncSource(new ScriptedTracker(() => page([moved])), store, { signal: signal(), retry: FAST });
      assert.equal(result.changed, true);
      assert.deepEqual(result.snapshot?.readAll().items.map((i) => i.id), ['jira:PAY-1', 'jira:PAY-2', 'jira:PAY-3', 'jira:PAY-2-moved']);
      result.snapshot?.close();
    });

    it('ignores a note about another snapshot', async () => {
      await syncSource(new ScriptedTracker(THREE_PAGES), store, { signal: signal(), retry: FAST, now: at('2026-11-24T09:00:00.000Z') });
      writeFileSync(store.noteOf('jira'), JSON.stringify({ of: 'an-earlier-write', syncedAt: '2030-01-01T00:00:00.000Z', watermark: '2030-01-01', etags: {} }));
      const loaded = await store.load('jira');
      assert.deepEqual([loaded?.syncedAt, loaded?.watermark], ['2026-11-24T09:00:00.000Z', '2026-11-03']);
    });
  });
});

