import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';

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

/**
 * The pages of one source's sync run as they arrive, one JSON line each, appended and flushed
 * before the next request. A run killed at any point resumes from the last complete line; a
 * torn last line is ignored. Replaying keys records by id, so a page fetched twice after a
 * crash duplicates nothing.
 */
export class SyncJournal {
  constructor(readonly file: string) {}

  async append(page: JournalPage): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(page)}\n`, { encoding: 'utf8', flush: true });
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
