import type { Evidence } from '../domain/evidence';
import type { FrictionItem, Severity } from '../domain/frictionItem';
import { codeRefTextsIn } from '../links/codeRefs';

/** What a list of items shows of each (the Friction view, an item's summary): no text, quotes or code. */
export type ListFields = Pick<FrictionItem, 'source' | 'title' | 'status' | 'labels' | 'url' | 'journey'>;

/**
 * One source's records as the catalog reads them, by position: a struct of arrays rather than
 * an array of objects, so that a tracker snapshot of 100,000 items can keep in memory only what
 * lookups and ranking need (keys, severity, counts, code references) and read a whole record
 * from disk when one is shown. Positions are stable for the life of the source.
 */
export interface RecordSource {
  /** The tracker's configured name, or `local`. */
  readonly name: string;
  readonly itemCount: number;
  key(index: number): string;
  severity(index: number): Severity;
  customers(index: number): number;
  tickets(index: number): number;
  /** Unparsed code references: the item's own and those written in its title and summary. */
  codeRefs(index: number): readonly string[];
  /** The first call may read the disk (a snapshot's list columns are loaded when first listed). */
  listFields(index: number): ListFields;
  /** The whole record; may read it from disk. */
  item(index: number): FrictionItem;

  readonly evidenceCount: number;
  evidenceId(index: number): string;
  evidenceKeys(index: number): readonly string[];
  evidenceCustomer(index: number): string | undefined;
  /** The whole record; may read it from disk. */
  evidence(index: number): Evidence;
}

/** Code references of a whole item: its `code:` list, then the paths and permalinks its prose names. */
export function codeRefsOfItem(item: Pick<FrictionItem, 'codeRefs' | 'title' | 'summary'>): string[] {
  const inText = codeRefTextsIn(`${item.title}\n${item.summary}`);
  return inText.length === 0 ? [...item.codeRefs] : [...item.codeRefs, ...inText];
}

/** Records already in memory: the local files, or a tracker's records in a test or the CLI. */
export function recordsInMemory(name: string, items: readonly FrictionItem[], evidence: readonly Evidence[] = []): RecordSource {
  const item = (index: number): FrictionItem => items[index] as FrictionItem;
  const record = (index: number): Evidence => evidence[index] as Evidence;
  return {
    name,
    itemCount: items.length,
    key: (index) => item(index).key,
    severity: (index) => item(index).severity,
    customers: (index) => item(index).impact.customers,
    tickets: (index) => item(index).impact.tickets,
    codeRefs: (index) => codeRefsOfItem(item(index)),
    listFields: item,
    item,
    evidenceCount: evidence.length,
    evidenceId: (index) => record(index).id,
    evidenceKeys: (index) => record(index).itemKeys,
    evidenceCustomer: (index) => record(index).customer,
    evidence: record,
  };
}
