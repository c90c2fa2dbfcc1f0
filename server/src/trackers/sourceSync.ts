import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';
import { mapWithLimit } from './mapWithLimit';
import { RequestSignals } from './requestSignals';
import { withRetries, type RetryPolicy } from './retryPolicy';
import type { SnapshotStore } from './snapshotStore';
import type { KeptRecord } from './snapshotWriter';
import type { StoredSnapshot } from './storedSnapshot';
import { prepareItems, recordJson } from './preparedRecords';
import { SyncJournal } from './syncJournal';
import { SyncLock } from './syncLock';
import type { PageRequest, TrackerAdapter, TrackerPage } from './trackerAdapter';
import { TrackerError } from './trackerErrors';

export interface SourceSyncResult {
  readonly tracker: string;
  readonly outcome: 'synced' | 'failed' | 'cancelled';
  /**
   * The snapshot now in force: the new one, or the last good one when this run failed. Open: the
   * caller owns it (see StoredSnapshot on closing).
   */
  readonly snapshot?: StoredSnapshot;
  /** A completed run changed the snapshot's records (else it only noted its time). */
  readonly changed?: boolean;
  readonly pages: number;
  readonly fetched: number;
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  readonly error?: TrackerError;
  readonly milliseconds: number;
  /** The run continued an interrupted one from its journal. */
  readonly resumed: boolean;
}

export interface SourceSyncOptions {
  readonly signal: AbortSignal;
  /** Ignore the watermark and fetch everything (prunes items that left the query). */
  readonly full?: boolean;
  /** Pages fetched at once when the tracker lists them up front. */
  readonly parallelPages?: number;
  readonly retry?: RetryPolicy;
  readonly now?: () => Date;
  readonly onRetry?: (error: TrackerError, delayMs: number, attempt: number) => void;
}

/**
 * Syncs one tracker: from its watermark (incremental) or from scratch, a page at a time with
 * retries, every page journaled as it arrives, so a crash or a kill resumes where it stopped. The
 * request for the next page goes out as soon as a page's cursor is known: mapping, journaling and
 * flushing the page overlap that request. Only a completed run replaces the source's snapshot;
 * a failed or cancelled one leaves the last good snapshot in force and its journal in place for
 * the next run.
 *
 * Each page request gets a signal of its own, a child of `options.signal` (see RequestSignals):
 * aborting the run aborts every page in flight, and parallel pages do not pile listeners on the
 * run's signal.
 */
export async function syncSource(adapter: TrackerAdapter, store: SnapshotStore, options: SourceSyncOptions): Promise<SourceSyncResult> {
  const started = performance.now();
  try {
    const lock = await SyncLock.acquire(store.lockOf(adapter.name));
    if (!(lock instanceof SyncLock)) {
      // Another process (the CLI, a standalone server) is syncing this snapshot: its run will replace it.
      const error = new TrackerError('transient', `another Customer Lens process${lock.heldBy === undefined ? '' : ` (pid ${lock.heldBy})`} is syncing ${adapter.name}; this run was skipped`);
      return notSynced(adapter.name, error, await store.open(adapter.name));
    }
    const signals = new RequestSignals(options.signal);
    try {
      return await runSync(adapter, store, options, signals);
    } finally {
      signals.dispose();
      // A lock file that cannot be removed names this process, which takes it over on its next run
      // (see SyncLock); other processes do once this one has exited. Not worth failing a run for.
      await lock.release().catch(() => undefined);
    }
  } catch (error) {
    // runSync reports its failures in its result, with the snapshot in force. What escapes is
    // local and comes before it has a snapshot open: taking the lock, reading the journal.
    return notSynced(adapter.name, localFailure(error), await store.open(adapter.name), { milliseconds: performance.now() - started });
  }
}

async function runSync(adapter: TrackerAdapter, store: SnapshotStore, options: SourceSyncOptions, signals: RequestSignals): Promise<SourceSyncResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  // Under the lock, no other run writes this tracker's files: a temporary file beside them is a
  // leftover of a run killed mid-write. One that cannot be removed costs space, not this run.
  await store.removeLeftovers(adapter.name).catch(() => undefined);
  const journal = new SyncJournal(store.journalOf(adapter.name));
  // What the interrupted run journaled, then this run's pages as they are journaled: the run's
  // records, kept in memory rather than read back from the journal once the run is complete.
  const run = await journal.replay();
  const resumed = run.pages > 0;
  // From here on, every path hands `previous` back in its result or closes it.
  const previous = await store.open(adapter.name);
  const since = options.full ? undefined : previous?.watermark;
  // ETags are only safe where the run merges into the previous snapshot (see PageRequest.etags).
  const offeredEtags = since === undefined ? undefined : previous?.etags;
  const etags: Record<string, string> = {};
  const skipped: { id: string; reason: string }[] = [];
  let pages = 0;
  let fetched = 0;
  let newestUpdate = run.newestUpdate;

  const fetchPage = (cursor: string | undefined): Promise<TrackerPage> =>
    signals.with((signal) => {
      const request: PageRequest = {
        ...(since !== undefined && { since }),
        ...(cursor !== undefined && { cursor }),
        ...(offeredEtags && { etags: offeredEtags }),
        signal,
      };
      return withRetries(() => adapter.page(request), signal, { ...(options.retry && { policy: options.retry }), ...(options.onRetry && { onRetry: options.onRetry }) });
    });
  // A fetched page is held until the request after it has gone out (or until no request is left
  // to send), then recorded: validated and mapped (`records()`), journaled with its cursor, and
  // added to the run's records. So a page's CPU work runs while the next request is in flight,
  // instead of before it is sent. Pages are recorded once each, after any retries of their
  // request, and in the order they arrived: a page whose line is not on disk when the run dies is
  // fetched again, and no page after it is on disk (see SyncJournal).
  const record = async (page: TrackerPage, requested: string | undefined): Promise<void> => {
    // Two turns of the event loop: the first runs the microtasks and ticks that hand the request
    // just sent to its socket, the second a poll phase, where a new connection completes and
    // writes it. Only then does this page's CPU work take the thread.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // After a failed write no page is journaled: a later line must never land after a gap.
    if (writeFailure !== undefined) throw writeFailure;
    const records = page.records();
    const journaled = journal.append({
      items: records.items,
      evidence: records.evidence,
      ...(requested !== undefined && { requested }),
      ...(page.cursor !== undefined && { cursor: page.cursor }),
      ...(page.remainingCursors && { remaining: page.remainingCursors }),
      ...(records.newestUpdate !== undefined && { newestUpdate: records.newestUpdate }),
    });
    prepareItems(records.items);
    await journaled;
    // In journal order, as a replay would read them: a record seen twice keeps its later version.
    for (const item of records.items) run.items.set(item.id, item);
    for (const evidence of records.evidence) run.evidence.set(evidence.id, evidence);
    if (records.newestUpdate !== undefined && (newestUpdate === undefined || records.newestUpdate > newestUpdate)) newestUpdate = records.newestUpdate;
    pages++;
    fetched += records.items.length + records.evidence.length;
    skipped.push(...records.skipped);
    // Kept in memory, not journaled: a resumed run that lost some only pays a 200 for them next time.
    Object.assign(etags, page.etags);
  };
  // Pages being recorded. A request waits neither for the previous page's mapping nor for its
  // flush: a crash before that page's line lands only means fetching that page again (lines land in
  // order, so no later page is on disk without it). A request is sent only while fewer than
  // `slots` pages are being recorded (one per request slot), so the journal never falls behind and
  // fetched pages cannot pile up in memory; all are awaited before the run saves, fails or
  // returns, so none outlives it.
  const writes = new Set<Promise<void>>();
  let writeFailure: Error | undefined;
  /** Fetched pages waiting for the next request to go out before they are recorded, in arrival order. */
  let held: { readonly page: TrackerPage; readonly requested: string | undefined }[] = [];
  const release = (): void => {
    const due = held;
    held = [];
    for (const { page, requested } of due) {
      const written = record(page, requested);
      writes.add(written);
      written.then(
        () => writes.delete(written),
        (error: unknown) => {
          writes.delete(written);
          writeFailure ??= error instanceof Error ? error : new Error(String(error));
        },
      );
    }
  };
  /**
   * Sends the request for `cursor` once fewer than `slots` pages are being recorded, and settles
   * as soon as it is sent, with its answer to await: the pages held until then are recorded while
   * it is in flight (or at once, if it cannot be sent).
   */
  const send = async (cursor: string | undefined, slots: number): Promise<{ readonly answer: Promise<TrackerPage> }> => {
    try {
      while (writes.size >= slots) await Promise.race(writes);
      if (writeFailure !== undefined) throw writeFailure;
      const answer = fetchPage(cursor);
      // Awaited by the caller straight away; this only keeps a quick failure from counting as unhandled.
      answer.catch(() => undefined);
      return { answer };
    } finally {
      release();
    }
  };
  const allWritten = async (): Promise<void> => {
    while (writes.size > 0) await Promise.allSettled(writes);
    if (writeFailure !== undefined) throw writeFailure;
  };
  const parallel = options.parallelPages ?? 4;
  /** Fetches `cursors`, `parallel` at a time; once the last request is sent, every page is recorded as it arrives. */
  const fetchAll = async (cursors: readonly string[]): Promise<void> => {
    let sent = 0;
    await mapWithLimit(cursors, parallel, async (cursor) => {
      const { answer } = await send(cursor, parallel);
      sent++;
      const page = await answer;
      held.push({ page, requested: cursor });
      if (sent === cursors.length) release();
    });
  };

  try {
    try {
      if (run.missing !== undefined) {
        // The interrupted run had the whole list of pages: fetch the ones it did not finish.
        await fetchAll(run.missing);
      } else if (!resumed || run.cursor !== undefined) {
        // (A journal whose last page had no cursor is a finished run that crashed before saving.)
        let requested = resumed ? run.cursor : undefined;
        let { answer } = await send(requested, 1);
        for (;;) {
          const page = await answer;
          held.push({ page, requested });
          if (page.remainingCursors && page.remainingCursors.length > 0) {
            // The first of them to go out releases this page.
            await fetchAll(page.remainingCursors);
            break;
          }
          if (page.cursor === undefined) break;
          requested = page.cursor;
          ({ answer } = await send(requested, 1));
        }
      }
    } finally {
      // The last pages, or those fetched before a failure: no request is left to overlap.
      release();
    }
    await allWritten();
  } catch (error) {
    await Promise.allSettled(writes);
    const failure = error instanceof TrackerError ? error : new TrackerError('transient', error instanceof Error ? error.message : String(error));
    return notSynced(adapter.name, failure, previous, { pages, fetched, skipped, milliseconds: performance.now() - started, resumed });
  }

  // Nothing is fetched from here on: what fails is local (the disk), with the snapshot in force.
  const unsaved = (error: unknown, inForce: StoredSnapshot | undefined): SourceSyncResult =>
    notSynced(adapter.name, localFailure(error), inForce, { pages, fetched, skipped, milliseconds: performance.now() - started, resumed });
  // A full run replaces the previous records; an incremental one keeps those this run did not change.
  const base = since === undefined ? undefined : previous;
  const header = { tracker: adapter.name, ...newest(previous?.watermark, newestUpdate, since === undefined), etags, syncedAt: now().toISOString() };
  let changed: boolean;
  let snapshot: StoredSnapshot | undefined;
  try {
    // Most incremental runs bring back only records the snapshot already has, byte for byte (each
    // tracker's "changed since" is inclusive): then a note of the time is written, not many MB,
    // and the open snapshot takes it, rather than being opened (its indexes parsed) again.
    changed = base === undefined || !holdsAlready(base, run.items, run.evidence);
    if (base && !changed) snapshot = await store.note(base, header);
    else {
      await store.write(
        header,
        merge(base, base?.itemCount ?? 0, (index) => base?.itemId(index) ?? '', run.items),
        merge(base, base?.evidenceCount ?? 0, (index) => base?.evidenceId(index) ?? '', run.evidence),
      );
      snapshot = await store.open(adapter.name);
      if (!snapshot) throw new Error(`the snapshot just saved for ${adapter.name} cannot be read back`);
      previous?.close();
    }
  } catch (error) {
    // Nothing new in force: `previous` is the last good snapshot (open, it still reads the version
    // it was opened at, even where a new file that cannot be read back replaced it).
    return unsaved(error, previous);
  }
  try {
    await journal.clear();
  } catch (error) {
    // Saved, but the journal stays: the next run takes it for a run that crashed before saving.
    return unsaved(error, snapshot);
  }
  return { tracker: adapter.name, outcome: 'synced', snapshot, changed, pages, fetched, skipped, milliseconds: performance.now() - started, resumed };
}

/** A run that did not complete (failed, cancelled, skipped): `snapshot`, the last good one if any, stays in force. */
function notSynced(
  tracker: string,
  error: TrackerError,
  snapshot: StoredSnapshot | undefined,
  progress: Partial<Pick<SourceSyncResult, 'pages' | 'fetched' | 'skipped' | 'milliseconds' | 'resumed'>> = {},
): SourceSyncResult {
  return { tracker, outcome: error.kind === 'cancelled' ? 'cancelled' : 'failed', ...(snapshot && { snapshot }), pages: 0, fetched: 0, skipped: [], milliseconds: 0, resumed: false, ...progress, error };
}

/** A local fault (the disk is full, a file cannot be written) as a run's failure. */
function localFailure(error: unknown): TrackerError {
  return error instanceof TrackerError ? error : new TrackerError('transient', `could not save the snapshot: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Whether every record of a run is in the snapshot already, exactly as it would be written. Items
 * are found by key and evidence by id, both in the indexes held in memory (an item's id is in the
 * list index, parsed only when something is listed); the bytes compared include the id.
 */
function holdsAlready(snapshot: StoredSnapshot, items: ReadonlyMap<string, FrictionItem>, evidence: ReadonlyMap<string, Evidence>): boolean {
  const same = (records: ReadonlyMap<string, FrictionItem | Evidence>, count: number, keyAt: (index: number) => string, bytesAt: (index: number) => Buffer): boolean => {
    if (records.size === 0) return true;
    const found = new Set<string>();
    for (let index = 0; index < count; index++) {
      const key = keyAt(index);
      const record = records.get(key);
      if (record === undefined) continue;
      // Any stored record of this key that differs (another id under the same key, too): changed.
      if (!bytesAt(index).equals(Buffer.from(recordJson(record)))) return false;
      found.add(key);
    }
    return found.size === records.size;
  };
  const byKey = new Map<string, FrictionItem>();
  for (const item of items.values()) byKey.set(item.key, item);
  return (
    // Two of the run's items with one key cannot both match: counted as a change.
    byKey.size === items.size &&
    same(byKey, snapshot.itemCount, (index) => snapshot.key(index), (index) => snapshot.itemBytes(index)) &&
    same(evidence, snapshot.evidenceCount, (index) => snapshot.evidenceId(index), (index) => snapshot.evidenceBytes(index))
  );
}

/**
 * The previous records, with this run's replacing those of the same id in place and new ones
 * after them. Unchanged records stay positions in the previous snapshot: copied, not parsed.
 */
function merge<T extends FrictionItem | Evidence>(previous: StoredSnapshot | undefined, count: number, idAt: (index: number) => string, changed: ReadonlyMap<string, T>): (T | KeptRecord)[] {
  const rows: (T | KeptRecord)[] = [];
  const placed = new Set<string>();
  for (let index = 0; previous && index < count; index++) {
    const id = idAt(index);
    const record = changed.get(id);
    if (record) placed.add(id);
    rows.push(record ?? { from: previous, index });
  }
  for (const [id, record] of changed) if (!placed.has(id)) rows.push(record);
  return rows;
}

function newest(previous: string | undefined, run: string | undefined, full: boolean): { watermark?: string } {
  const candidates = [full ? undefined : previous, run].filter((value): value is string => value !== undefined);
  return candidates.length === 0 ? {} : { watermark: candidates.sort().at(-1) };
}
