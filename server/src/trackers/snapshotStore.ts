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

/** Only the envelope is checked on load: the records were validated when they were fetched. */
const fileSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  snapshot: z.object({
    tracker: z.string(),
    items: z.array(z.looseObject({ id: z.string(), key: z.string() })),
    evidence: z.array(z.looseObject({ id: z.string() })),
    watermark: z.string().optional(),
    etags: z.record(z.string(), z.string()),
    syncedAt: z.string(),
  }),
});

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
    return parsed.success ? (parsed.data.snapshot as unknown as SourceSnapshot) : undefined;
  }

  async save(snapshot: SourceSnapshot): Promise<void> {
    await writeFileAtomic(this.fileOf(snapshot.tracker), JSON.stringify({ version: SNAPSHOT_VERSION, snapshot }));
  }
}
