import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';
import { writeFileAtomic } from './atomicFile';

/** What a source's last completed run left: its records and where the next run starts. */
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

const SNAPSHOT_VERSION = 1;

/**
 * Only the envelope is checked by schema on load: the records were validated when they were
 * fetched, and a schema pass over 100,000 of them would cost a cold start more than the parse.
 */
const fileSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  snapshot: z.object({
    tracker: z.string(),
    // z.array would walk (and copy) every record; hasIds below checks them in one plain loop.
    items: z.custom<unknown[]>(Array.isArray),
    evidence: z.custom<unknown[]>(Array.isArray),
    watermark: z.string().optional(),
    etags: z.record(z.string(), z.string()),
    syncedAt: z.string(),
  }),
});

/** What every record must have for the catalog to index it: a plain loop, no schema. */
function hasIds(records: readonly unknown[], withKey: boolean): boolean {
  for (const record of records) {
    if (typeof record !== 'object' || record === null) return false;
    const { id, key } = record as { id?: unknown; key?: unknown };
    if (typeof id !== 'string' || (withKey && typeof key !== 'string')) return false;
  }
  return true;
}

/**
 * One file per source under the workspace's storage folder, written atomically after each
 * completed run, read at start-up so hovers answer from the last good data before any network
 * call. A file that is missing, unreadable or from another version counts as no snapshot.
 */
export class SnapshotStore {
  constructor(readonly folder: string) {}

  fileOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.snapshot.json`);
  }

  journalOf(tracker: string): string {
    return path.join(this.folder, `${encodeURIComponent(tracker)}.journal.jsonl`);
  }

  async load(tracker: string): Promise<SourceSnapshot | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(tracker), 'utf8');
    } catch {
      return undefined;
    }
    let parsed;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (!parsed.success || !hasIds(parsed.data.snapshot.items, true) || !hasIds(parsed.data.snapshot.evidence, false)) return undefined;
    return parsed.data.snapshot as unknown as SourceSnapshot;
  }

  async save(snapshot: SourceSnapshot): Promise<void> {
    await writeFileAtomic(this.fileOf(snapshot.tracker), JSON.stringify({ version: SNAPSHOT_VERSION, snapshot }));
  }
}
