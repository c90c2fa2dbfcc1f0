import type { Evidence } from '../domain/evidence';
import type { CustomerQuote, FrictionItem, Rankable } from '../domain/frictionItem';
import type { ItemSummary } from '../protocol';
import type { ListFields, RecordSource } from './recordSource';

/** An item as a list shows it, before the links are counted. */
export type ItemListing = Omit<ItemSummary, 'linkCount'>;

/**
 * One key of the catalog: where its records are, and what is derived from them. Ranking and
 * listing read the sources' columns; only `item()` reads whole records (from disk, for a
 * tracker snapshot), so building a catalog of 100,000 tracker items parses none of them.
 */
export interface CatalogEntry {
  readonly key: string;
  rankable(): Rankable;
  listing(): ItemListing;
  item(): FrictionItem;
  codeRefs(): readonly string[];
}

/** A key only one source has, with no evidence: its record as it is, nothing to merge. */
class SingleEntry implements CatalogEntry {
  constructor(
    readonly key: string,
    private readonly source: RecordSource,
    private readonly index: number,
  ) {}

  rankable(): Rankable {
    const { source, index } = this;
    return { key: this.key, severity: source.severity(index), customers: source.customers(index), tickets: source.tickets(index) };
  }

  listing(): ItemListing {
    const fields = this.source.listFields(this.index);
    return listingOf(this.key, fields, this.rankable());
  }

  item(): FrictionItem {
    return this.source.item(this.index);
  }

  codeRefs(): readonly string[] {
    return this.source.codeRefs(this.index);
  }
}

interface Position {
  readonly source: RecordSource;
  readonly index: number;
}

/**
 * A key several sources have, or one with evidence (DESIGN.md: "an item with the same key from
 * two sources is one item with merged evidence"). Versions come in source priority order: the
 * first gives identity, title, status and severity; later ones fill gaps and add labels, quotes
 * and code references. Impact figures are the largest any version reports, plus what evidence
 * adds: one ticket per evidence record, one customer per distinct customer it names.
 */
class MergedEntry implements CatalogEntry {
  private readonly ranked: Rankable;

  constructor(
    readonly key: string,
    private readonly versions: readonly Position[],
    private readonly evidence: readonly Position[],
  ) {
    const primary = versions[0] as Position;
    const counts = mergedCounts(
      versions.map(({ source, index }) => ({ customers: source.customers(index), tickets: source.tickets(index) })),
      evidence.map(({ source, index }) => source.evidenceCustomer(index)),
    );
    this.ranked = { key, severity: primary.source.severity(primary.index), ...counts };
  }

  rankable(): Rankable {
    return this.ranked;
  }

  listing(): ItemListing {
    return listingOf(this.key, mergedListFields(this.versions.map(({ source, index }) => source.listFields(index))), this.ranked);
  }

  item(): FrictionItem {
    return mergeItem(
      this.versions.map(({ source, index }) => source.item(index)),
      this.evidence.map(({ source, index }) => source.evidence(index)),
    );
  }

  codeRefs(): readonly string[] {
    return union(this.versions.flatMap(({ source, index }) => source.codeRefs(index)));
  }
}

/**
 * One entry per key across the sources, in order of first appearance. Sources come in priority
 * order. Evidence for a key no source has is dropped (a ticket alone is not friction), and an
 * evidence record in two sources (the same id) counts once.
 */
export function catalogEntries(sources: readonly RecordSource[]): CatalogEntry[] {
  const versions = new Map<string, Position | Position[]>();
  for (const source of sources) {
    for (let index = 0; index < source.itemCount; index++) {
      const key = source.key(index);
      const known = versions.get(key);
      // Most keys have one version: a Position, not a one-element array, keeps 100k keys cheap.
      if (known === undefined) versions.set(key, { source, index });
      else if (Array.isArray(known)) known.push({ source, index });
      else versions.set(key, [known, { source, index }]);
    }
  }
  const evidence = evidenceByKey(sources, versions);
  const entries: CatalogEntry[] = [];
  for (const [key, found] of versions) {
    const records = evidence.get(key);
    if (!Array.isArray(found) && !records) entries.push(new SingleEntry(key, found.source, found.index));
    else entries.push(new MergedEntry(key, Array.isArray(found) ? found : [found], records ?? []));
  }
  return entries;
}

function evidenceByKey(sources: readonly RecordSource[], versions: ReadonlyMap<string, unknown>): Map<string, Position[]> {
  const byKey = new Map<string, Position[]>();
  const seen = new Set<string>();
  for (const source of sources) {
    for (let index = 0; index < source.evidenceCount; index++) {
      // Tombstones (deleted or unlinked tickets) carry no keys; a record seen twice counts once.
      const id = source.evidenceId(index);
      if (seen.has(id)) continue;
      seen.add(id);
      for (const key of source.evidenceKeys(index)) {
        if (!versions.has(key)) continue;
        const list = byKey.get(key);
        if (list) list.push({ source, index });
        else byKey.set(key, [{ source, index }]);
      }
    }
  }
  return byKey;
}

/** The whole item from its versions (priority order) and its evidence, as MergedEntry describes. */
export function mergeItem(versions: readonly FrictionItem[], evidence: readonly Evidence[]): FrictionItem {
  const primary = versions[0] as FrictionItem;
  const first = <T>(pick: (item: FrictionItem) => T | undefined): T | undefined => versions.map(pick).find((value) => value !== undefined && value !== '');
  const largest = (pick: (item: FrictionItem) => number | undefined): number => Math.max(0, ...versions.map((item) => pick(item) ?? 0));
  const arr = first((item) => item.impact.arr) !== undefined ? largest((item) => item.impact.arr) : undefined;
  const updatedAt = versions.map((item) => item.updatedAt).filter((value): value is string => value !== undefined).sort().at(-1);
  const { customers, tickets } = mergedCounts(
    versions.map((item) => item.impact),
    evidence.map((record) => record.customer),
  );
  return {
    ...primary,
    ...mergedListFields(versions),
    summary: first((item) => item.summary) ?? '',
    impact: { customers, tickets, votes: largest((item) => item.impact.votes), ...(arr !== undefined && { arr }) },
    quotes: uniqueQuotes([...versions.flatMap((item) => item.quotes), ...evidence.flatMap((record) => (record.quote ? [record.quote] : []))]),
    codeRefs: union(versions.flatMap((item) => item.codeRefs)),
    ...(updatedAt !== undefined && { updatedAt }),
  };
}

/** The list fields of a merged item: the first version's, gaps filled by later ones, labels of all. */
function mergedListFields(versions: readonly ListFields[]): ListFields {
  const primary = versions[0] as ListFields;
  const url = versions.map((version) => version.url).find((value) => value !== undefined && value !== '');
  const journey = versions.map((version) => version.journey).find((value) => value !== undefined && value !== '');
  return {
    source: primary.source,
    title: primary.title,
    status: primary.status,
    labels: union(versions.flatMap((version) => version.labels)),
    ...(url !== undefined && { url }),
    ...(journey !== undefined && { journey }),
  };
}

/** Impact counts of a merged item: the largest a version reports, plus what evidence adds. */
function mergedCounts(versions: readonly { customers: number; tickets: number }[], evidenceCustomers: readonly (string | undefined)[]): { customers: number; tickets: number } {
  const named = new Set(evidenceCustomers.filter((customer): customer is string => customer !== undefined));
  return {
    customers: Math.max(0, ...versions.map((version) => version.customers)) + named.size,
    tickets: Math.max(0, ...versions.map((version) => version.tickets)) + evidenceCustomers.length,
  };
}

function listingOf(key: string, fields: ListFields, rank: Rankable): ItemListing {
  return {
    key,
    title: fields.title,
    source: fields.source,
    status: fields.status,
    severity: rank.severity,
    customers: rank.customers,
    tickets: rank.tickets,
    labels: fields.labels,
    ...(fields.journey !== undefined && { journey: fields.journey }),
    ...(fields.url !== undefined && { url: fields.url }),
  };
}

function union(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueQuotes(quotes: readonly CustomerQuote[]): CustomerQuote[] {
  const seen = new Set<string>();
  return quotes.filter((quote) => {
    const text = quote.text.trim();
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
