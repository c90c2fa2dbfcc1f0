import { jqlDateLiteral } from './jiraDates';

/**
 * Oldest change first, so an issue updated while a sync pages through the results moves to the
 * end and is still seen; the key breaks ties so pages are stable (Jira does not promise an order
 * among equal sort values).
 */
export const SEARCH_ORDER = 'ORDER BY updated ASC, key ASC';

/**
 * The JQL a sync sends: the configured query (its own `ORDER BY` dropped: ours is needed for
 * stable paging), narrowed to what changed since the watermark when there is one.
 */
export function searchJql(configured: string, since: string | undefined, timeZone: string): string {
  const base = withoutOrderBy(configured).trim();
  const literal = since === undefined ? undefined : jqlDateLiteral(since, timeZone);
  const clauses = [base && `(${base})`, literal && `updated >= "${literal}"`].filter(Boolean);
  return [clauses.join(' AND '), SEARCH_ORDER].filter(Boolean).join(' ');
}

/** The query before its `ORDER BY` clause; an `order by` inside a quoted value is not one. */
export function withoutOrderBy(jql: string): string {
  let quote: string | undefined;
  for (let index = 0; index < jql.length; index++) {
    const char = jql[index];
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      continue;
    }
    const before = index === 0 ? ' ' : (jql[index - 1] ?? ' ');
    if (/[\s)]/.test(before) && /^order\s+by\b/i.test(jql.slice(index, index + 40))) return jql.slice(0, index);
  }
  return jql;
}
