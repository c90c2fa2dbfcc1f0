import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';
import { removeLeftovers, writeFileAtomic } from './atomicFile';
import type { SyncNote } from './snapshotFormat';
import { writeSnapshot, type EvidenceRow, type ItemRow, type SnapshotHeader } from './snapshotWriter';
import { StoredSnapshot } from './storedSnapshot';

/** What a source's last completed run left, whole in memory: its records and where the next run starts. */
export interface SourceSnapshot {
  readonly tracker: string;
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
  /** The newest update seen: the next run asks only for what changed since. */
  readonly watermark?: string;
  /** The ETags the last completed run saw, per request URL (GitHub), so an unchanged re-sync costs 304s. */
  readonly etags: Readonly<Record<string, string>>;
  readonly syncedAt: string;
}

/**
 * One file per source under the workspace's storage folder, written atomically after each
 * completed run, opened at start-up so hovers answer from the last good data before any network
 * call. A file that is missing, unreadable, damaged or from another version counts as no
 * snapshot. The language server and the CLI open snapshots (`open`: indexes in memory, records
 * read when shown); `load` reads every record whole, for tests and tools.
 */
export class SnapshotStore {
  constructor(readonly folder: string) {}

  fileOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.snapshot.jsonl`);
  }

  journalOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.journal.jsonl`);
  }

  /** Beside the snapshot: what a run that changed no record noted (see SyncNote). */
  noteOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.synced.json`);
  }

  /** Held by the process syncing the tracker (see SyncLock). */
  lockOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.lock`);
  }

  /** `onUnusable` hears why an existing file cannot be used (the next sync replaces it). */
  open(tracker: string, onUnusable?: (reason: string) => void): Promise<StoredSnapshot | undefined> {
    return StoredSnapshot.open(this.fileOf(tracker), this.noteOf(tracker), onUnusable);
  }

  /** Reads every record whole (for tests and tools; the server and the CLI `open` snapshots). */
  async load(tracker: string): Promise<SourceSnapshot | undefined> {
    const stored = await this.open(tracker);
    try {
      return stored?.readAll();
    } catch {
      return undefined;
    } finally {
      stored?.close();
    }
  }

  save(snapshot: SourceSnapshot): Promise<void> {
    return this.write(snapshot, snapshot.items, snapshot.evidence);
  }

  /** Writes a snapshot whose records are new or kept from an open earlier one (see writeSnapshot). */
  async write(header: SnapshotHeader, items: readonly ItemRow[], evidence: readonly EvidenceRow[]): Promise<void> {
    await writeSnapshot(this.fileOf(header.tracker), header, items, evidence);
    // A note about the snapshot just replaced no longer applies (its id says so; this tidies up,
    // and a note that cannot be removed is harmless: the snapshot is saved all the same).
    await rm(this.noteOf(header.tracker), { force: true }).catch(() => undefined);
  }

  /**
   * A run that changed no record of `snapshot`: notes its time, watermark and ETags beside it,
   * without rewriting the records, and brings the open `snapshot` up to date as opening it again
   * would. Resolves to `snapshot`.
   */
  async note(snapshot: StoredSnapshot, header: SnapshotHeader): Promise<StoredSnapshot> {
    const note: SyncNote = { of: snapshot.meta.id, syncedAt: header.syncedAt, ...(header.watermark !== undefined && { watermark: header.watermark }), etags: header.etags };
    await writeFileAtomic(this.noteOf(header.tracker), JSON.stringify(note));
    snapshot.applyNote(note);
    return snapshot;
  }

  /**
   * Removes the temporary files a killed write of the tracker's snapshot or note left behind.
   * Only while holding its SyncLock: no other process writes those files then.
   */
  async removeLeftovers(tracker: string): Promise<void> {
    await Promise.all([removeLeftovers(this.fileOf(tracker)), removeLeftovers(this.noteOf(tracker))]);
  }
}
