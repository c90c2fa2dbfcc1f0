import { codeRefsOfItem } from '../catalog/recordSource';
import type { FrictionItem } from '../domain/frictionItem';

/**
 * What the snapshot write needs of each fetched record, worked out once while the sync waits on
 * the network rather than after its last page: the record's JSON (also its page's journal line)
 * and, for an item, the code references in its text. Records are immutable, so both stay true;
 * the caches hold nothing a record outlives.
 */
const serialized = new WeakMap<object, string>();
const itemCodeRefs = new WeakMap<FrictionItem, readonly string[]>();

export function recordJson(record: object): string {
  let text = serialized.get(record);
  if (text === undefined) {
    text = JSON.stringify(record);
    serialized.set(record, text);
  }
  return text;
}

/** `[a,b,…]` from the records' cached JSON. */
export function recordsJson(records: readonly object[]): string {
  return `[${records.map(recordJson).join(',')}]`;
}

/** The item's code references as the snapshot's index keeps them (see RecordSource.codeRefs). */
export function recordCodeRefs(item: FrictionItem): readonly string[] {
  let refs = itemCodeRefs.get(item);
  if (refs === undefined) {
    refs = codeRefsOfItem(item);
    itemCodeRefs.set(item, refs);
  }
  return refs;
}

/** Works out what the snapshot write will need of these items now, while the next page is in flight. */
export function prepareItems(items: readonly FrictionItem[]): void {
  for (const item of items) recordCodeRefs(item);
}
