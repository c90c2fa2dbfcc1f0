/**
 * Each fetched record is serialized once: for its page's journal line while the next page is in
 * flight, and again, from this cache, when the completed run writes its snapshot. Records are
 * immutable, so the text stays true; the cache holds nothing a record outlives.
 */
const serialized = new WeakMap<object, string>();

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
