import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';
import { recordsJson } from './preparedRecords';

/** One page as the journal keeps it: what it brought, and where the next page starts. */
export interface JournalPage {
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
  /** The cursor this page was fetched with (absent for the first page). */
  readonly requested?: string;
  readonly cursor?: string;
  /** All further pages, when the tracker listed them up front (fetched in parallel). */
  readonly remaining?: readonly string[];
  readonly newestUpdate?: string;
}

export interface JournalReplay {
  readonly items: Map<string, FrictionItem>;
  readonly evidence: Map<string, Evidence>;
  /** Where the interrupted run stopped; `undefined` when it never wrote a page. */
  readonly cursor?: string;
  /** Pages listed up front that the interrupted run had not fetched yet. */
  readonly missing?: readonly string[];
  readonly newestUpdate?: string;
  readonly pages: number;
}

interface PendingLine {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The pages of one source's sync run as they arrive, one JSON line each, appended and flushed
 * in the order `append` was called: `append` settles once its line is on disk, and no line lands
 * before the ones appended earlier. A run killed at any point resumes from the last complete
 * line; a torn last line is ignored. Replaying keys records by id, so a page fetched twice after
 * a crash duplicates nothing.
 *
 * Pages appended while a flush is under way (parallel pages) go to disk together in the next
 * write, with one flush: ten pages at once cost one flush after the current one, not ten
 * flushes in a queue.
 */
export class SyncJournal {
  private waiting: PendingLine[] = [];
  private writing = false;

  constructor(readonly file: string) {}

  append(page: JournalPage): Promise<void> {
    const { items, evidence, ...position } = page;
    // The records' JSON is cached for the snapshot the completed run writes (preparedRecords.ts).
    const rest = JSON.stringify(position);
    const line = `{"items":${recordsJson(items)},"evidence":${recordsJson(evidence)}${rest === '{}' ? '}' : `,${rest.slice(1)}`}\n`;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ line, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  /**
   * Writes what is waiting, one batch at a time, until nothing is; each batch settles its own
   * appends. When a write fails, the lines queued behind it fail with it: written after a line
   * that is not on disk, they would leave a gap a replay cannot see. Lines appended once the
   * failure is reported are written again.
   */
  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await mkdir(path.dirname(this.file), { recursive: true });
        await appendFile(this.file, batch.map((pending) => pending.line).join(''), { encoding: 'utf8', flush: true });
        for (const pending of batch) pending.resolve();
      } catch (error) {
        const behind = this.waiting;
        this.waiting = [];
        for (const pending of [...batch, ...behind]) pending.reject(error);
      }
    }
    this.writing = false;
  }

  async replay(): Promise<JournalReplay> {
    const replay = { items: new Map<string, FrictionItem>(), evidence: new Map<string, Evidence>(), pages: 0 } as {
      items: Map<string, FrictionItem>;
      evidence: Map<string, Evidence>;
      cursor?: string;
      missing?: readonly string[];
      newestUpdate?: string;
      pages: number;
    };
    const requested = new Set<string>();
    let planned: readonly string[] | undefined;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return replay;
      throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let page: JournalPage;
      try {
        page = JSON.parse(line) as JournalPage;
      } catch {
        // Only the last line can be torn (a crash mid-append); everything before it stands.
        break;
      }
      for (const item of page.items) replay.items.set(item.id, item);
      for (const evidence of page.evidence) replay.evidence.set(evidence.id, evidence);
      replay.cursor = page.cursor;
      if (page.requested !== undefined) requested.add(page.requested);
      if (page.remaining) planned = page.remaining;
      if (page.newestUpdate && (!replay.newestUpdate || page.newestUpdate > replay.newestUpdate)) replay.newestUpdate = page.newestUpdate;
      replay.pages++;
    }
    if (planned) replay.missing = planned.filter((cursor) => !requested.has(cursor));
    return replay;
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
