import { LRUCache } from 'lru-cache';
import { rankableComparator, type FrictionItem, type Rankable, type RankingMode } from '../domain/frictionItem';
import type { TouchpointInsight } from '../domain/touchpoint';
import type { KeyMention } from '../links/annotationScanner';
import { catalogEntries, type CatalogEntry, type ItemListing } from './catalogEntry';
import { recordsInMemory } from './recordSource';

/** Whole items kept per catalog: the ones on screen and around it, read again from disk if evicted. */
const WHOLE_ITEMS_KEPT = 2_000;

/**
 * The items known to one workspace folder, merged across sources, with what the hover path
 * needs precomputed: lookups by key and touchpoint counts. Immutable: a change builds a new
 * catalog, so anything derived from one can be cached against it.
 *
 * Entries keep what ranking and lookups need; a whole item (text, quotes) is read from its
 * source when first asked for, and the most recent are kept in an LRU. For local files that
 * costs nothing (they are in memory anyway); for a tracker snapshot of 100,000 items it is what
 * keeps a cold start and the server's memory small.
 */
export class ItemCatalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly wholeItems = new LRUCache<string, FrictionItem>({ max: WHOLE_ITEMS_KEPT });
  private readonly touchpoints = new Map<string, TouchpointInsight[]>();
  private readonly prefixes: ReadonlySet<string>;

  constructor(
    entries: readonly CatalogEntry[],
    touchpoints: readonly TouchpointInsight[],
    keyPrefixes: readonly string[],
    /** Increases with every new catalog of a folder. */
    readonly generation: number,
  ) {
    for (const entry of entries) if (!this.entries.has(entry.key)) this.entries.set(entry.key, entry);
    for (const touchpoint of touchpoints) {
      for (const key of touchpoint.friction) {
        const list = this.touchpoints.get(key);
        if (list) list.push(touchpoint);
        else this.touchpoints.set(key, [touchpoint]);
      }
    }
    this.prefixes = new Set(keyPrefixes);
  }

  /** A catalog of items in memory, in priority order (the same key twice is merged). */
  static of(items: readonly FrictionItem[], touchpoints: readonly TouchpointInsight[], keyPrefixes: readonly string[], generation: number): ItemCatalog {
    return new ItemCatalog(catalogEntries([recordsInMemory('local', items)]), touchpoints, keyPrefixes, generation);
  }

  static empty(): ItemCatalog {
    return new ItemCatalog([], [], [], 0);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The whole item: may read it from a tracker snapshot on disk the first time. */
  get(key: string): FrictionItem | undefined {
    const cached = this.wholeItems.get(key);
    if (cached) return cached;
    const item = this.entries.get(key)?.item();
    if (item) this.wholeItems.set(key, item);
    return item;
  }

  /** What a list shows of the item, without reading the whole record. */
  listing(key: string): ItemListing | undefined {
    return this.entries.get(key)?.listing();
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Every item's code references, unparsed (see RecordSource.codeRefs). */
  *codeRefs(): Generator<{ key: string; refs: readonly string[] }> {
    for (const [key, entry] of this.entries) {
      const refs = entry.codeRefs();
      if (refs.length > 0) yield { key, refs };
    }
  }

  touchpointsAbout(key: string): readonly TouchpointInsight[] {
    return this.touchpoints.get(key) ?? [];
  }

  /** A mention links when it names a known item; a bare unknown key never does. */
  resolve(mention: KeyMention): FrictionItem | undefined {
    return this.get(mention.key);
  }

  /**
   * Whether an unknown key is still worth asking a tracker about: written explicitly and
   * key-shaped, or with a configured project prefix. `UTF-8` and `ISO-8601` are neither.
   */
  wants(mention: KeyMention): boolean {
    if (this.entries.has(mention.key)) return true;
    // `reduce friction: the retry loop` names no key: a key has a number (PAY-101, acme/app#17).
    if (mention.explicit) return /\d/.test(mention.key);
    const dash = mention.key.lastIndexOf('-');
    return dash > 0 && this.prefixes.has(mention.key.slice(0, dash));
  }

  /** Known items for the keys, deduplicated and ranked by impact (by default, most severe first). */
  ranked(keys: Iterable<string>, mode?: RankingMode): FrictionItem[] {
    return this.rankedKeys(keys, mode).flatMap((key) => this.get(key) ?? []);
  }

  /** The same order as `ranked`, from the ranking fields alone: no whole record is read. */
  rankedKeys(keys: Iterable<string>, mode?: RankingMode): string[] {
    return this.rankables(keys, mode).map((rankable) => rankable.key);
  }

  /** Known keys with their ranking fields (severity, customers, tickets), ranked; no whole record is read. */
  rankables(keys: Iterable<string>, mode?: RankingMode): Rankable[] {
    const unique = new Map<string, Rankable>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry && !unique.has(key)) unique.set(key, entry.rankable());
    }
    return [...unique.values()].sort(rankableComparator(mode));
  }
}
