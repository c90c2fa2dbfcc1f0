import type { Evidence } from '../domain/evidence';
import type { CustomerQuote, FrictionItem } from '../domain/frictionItem';

/** What one source contributes: its items and its evidence (local files, a tracker's snapshot). */
export interface SourceRecords {
  readonly source: string;
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
}

/**
 * Merges items from several sources into one item per key (DESIGN.md: "an item with the same key
 * from two sources is one item with merged evidence"). Sources come in priority order: the first
 * that has a key gives its identity, title, status, severity and links; later ones fill gaps and
 * add labels, quotes and code references. Impact figures are the largest any source reports,
 * plus what evidence adds: one ticket per evidence record and one customer per distinct customer
 * named by evidence. Evidence for a key no source has is dropped: a ticket alone is not friction.
 */
export function mergeSources(sources: readonly SourceRecords[]): FrictionItem[] {
  const versions = new Map<string, FrictionItem[]>();
  for (const { items } of sources) {
    for (const item of items) {
      const list = versions.get(item.key);
      if (list) list.push(item);
      else versions.set(item.key, [item]);
    }
  }
  const evidence = evidenceByKey(sources, versions);
  // A key only one source has, with no evidence, is kept as it is: nothing to merge, nothing to copy.
  return [...versions.entries()].map(([key, list]) => {
    const records = evidence.get(key);
    return list.length === 1 && !records ? (list[0] as FrictionItem) : mergeItem(list, records ?? []);
  });
}

function evidenceByKey(sources: readonly SourceRecords[], versions: ReadonlyMap<string, unknown>): Map<string, Evidence[]> {
  const byKey = new Map<string, Evidence[]>();
  const seen = new Set<string>();
  for (const source of sources) {
    for (const record of source.evidence) {
      // Tombstones (deleted or unlinked tickets) carry no keys; a record seen twice counts once.
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      for (const key of record.itemKeys) {
        if (!versions.has(key)) continue;
        const list = byKey.get(key);
        if (list) list.push(record);
        else byKey.set(key, [record]);
      }
    }
  }
  return byKey;
}

function mergeItem(versions: readonly FrictionItem[], evidence: readonly Evidence[]): FrictionItem {
  const primary = versions[0] as FrictionItem;
  const first = <T>(pick: (item: FrictionItem) => T | undefined): T | undefined => versions.map(pick).find((value) => value !== undefined && value !== '');
  const largest = (pick: (item: FrictionItem) => number | undefined): number => Math.max(0, ...versions.map((item) => pick(item) ?? 0));
  const evidenceCustomers = new Set(evidence.map((record) => record.customer).filter((customer): customer is string => customer !== undefined));
  const arr = first((item) => item.impact.arr) !== undefined ? largest((item) => item.impact.arr) : undefined;
  const url = first((item) => item.url);
  const journey = first((item) => item.journey);
  const updatedAt = versions.map((item) => item.updatedAt).filter((value): value is string => value !== undefined).sort().at(-1);
  return {
    ...primary,
    summary: first((item) => item.summary) ?? '',
    ...(url !== undefined && { url }),
    ...(journey !== undefined && { journey }),
    impact: {
      customers: largest((item) => item.impact.customers) + evidenceCustomers.size,
      tickets: largest((item) => item.impact.tickets) + evidence.length,
      votes: largest((item) => item.impact.votes),
      ...(arr !== undefined && { arr }),
    },
    labels: union(versions.flatMap((item) => item.labels)),
    quotes: uniqueQuotes([...versions.flatMap((item) => item.quotes), ...evidence.flatMap((record) => (record.quote ? [record.quote] : []))]),
    codeRefs: union(versions.flatMap((item) => item.codeRefs)),
    ...(updatedAt !== undefined && { updatedAt }),
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
