import { itemComparator, type FrictionItem, type RankingMode } from '../domain/frictionItem';
import type { TouchpointInsight } from '../domain/touchpoint';
import type { KeyMention } from '../links/annotationScanner';

/**
 * The items known to one workspace folder, merged across sources, with what the hover path
 * needs precomputed: lookups by key and touchpoint counts. Immutable: a change builds a new
 * catalog, so anything derived from one can be cached against it.
 */
export class ItemCatalog {
  private readonly items = new Map<string, FrictionItem>();
  private readonly touchpoints = new Map<string, TouchpointInsight[]>();
  private readonly prefixes: ReadonlySet<string>;

  constructor(
    items: readonly FrictionItem[],
    touchpoints: readonly TouchpointInsight[],
    keyPrefixes: readonly string[],
    /** Increases with every new catalog of a folder. */
    readonly generation: number,
  ) {
    // Sources are given in priority order; a later one with the same key adds nothing new yet
    // (merging evidence across trackers comes with the tracker adapters).
    for (const item of items) if (!this.items.has(item.key)) this.items.set(item.key, item);
    for (const touchpoint of touchpoints) {
      for (const key of touchpoint.friction) {
        const list = this.touchpoints.get(key);
        if (list) list.push(touchpoint);
        else this.touchpoints.set(key, [touchpoint]);
      }
    }
    this.prefixes = new Set(keyPrefixes);
  }

  static empty(): ItemCatalog {
    return new ItemCatalog([], [], [], 0);
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): FrictionItem | undefined {
    return this.items.get(key);
  }

  all(): IterableIterator<FrictionItem> {
    return this.items.values();
  }

  touchpointsAbout(key: string): readonly TouchpointInsight[] {
    return this.touchpoints.get(key) ?? [];
  }

  /** A mention links when it names a known item; a bare unknown key never does. */
  resolve(mention: KeyMention): FrictionItem | undefined {
    return this.items.get(mention.key);
  }

  /**
   * Whether an unknown key is still worth asking a tracker about: written explicitly and
   * key-shaped, or with a configured project prefix. `UTF-8` and `ISO-8601` are neither.
   */
  wants(mention: KeyMention): boolean {
    if (this.items.has(mention.key)) return true;
    // `reduce friction: the retry loop` names no key: a key has a number (PAY-101, acme/app#17).
    if (mention.explicit) return /\d/.test(mention.key);
    const dash = mention.key.lastIndexOf('-');
    return dash > 0 && this.prefixes.has(mention.key.slice(0, dash));
  }

  /** Known items for the keys, deduplicated and ranked by impact (by default, most severe first). */
  ranked(keys: Iterable<string>, mode?: RankingMode): FrictionItem[] {
    const unique = new Map<string, FrictionItem>();
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) unique.set(key, item);
    }
    return [...unique.values()].sort(itemComparator(mode));
  }
}
