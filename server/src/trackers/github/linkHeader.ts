/**
 * GitHub paginates REST lists with an RFC 8288 `Link` header:
 * `<https://api.github.com/repositories/1/issues?page=2>; rel="next", <…?page=5>; rel="last"`.
 * The URLs are the server's own (GitHub rewrites `/repos/o/r` to `/repositories/<id>`), so we
 * follow them as given rather than rebuilding them.
 */
const MAX_PLANNED_PAGES = 10_000;

export type LinkRelations = ReadonlyMap<string, string>;

/** Each relation (`next`, `last`, `prev`, `first`) → its URL; a malformed entry is ignored. */
export function parseLinkHeader(header: string | undefined): LinkRelations {
  const relations = new Map<string, string>();
  if (!header) return relations;
  // The target is in <…> (it may contain commas and semicolons); its parameters run until the next `<`.
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const [, target, parameters] = match;
    if (target === undefined || parameters === undefined) continue;
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(parameters);
    const names = rel?.[1] ?? rel?.[2];
    if (!names) continue;
    // One link may carry several relation types: rel="next last".
    for (const name of names.trim().toLowerCase().split(/\s+/)) if (!relations.has(name)) relations.set(name, target.trim());
  }
  return relations;
}

/**
 * Every page after the first, from the `last` URL: the same URL with `page=2…N`, so the engine
 * can fetch them in parallel. `undefined` when `last` has no usable page number (then the pages
 * must be walked through `next`).
 */
export function pagesUpToLast(lastUrl: string): string[] | undefined {
  let url: URL;
  try {
    url = new URL(lastUrl);
  } catch {
    return undefined;
  }
  const last = Number(url.searchParams.get('page'));
  // A page count past any real repository's is not planned up front (it would all sit in the journal).
  if (!Number.isInteger(last) || last < 2 || last > MAX_PLANNED_PAGES) return undefined;
  const pages: string[] = [];
  for (let page = 2; page <= last; page++) {
    url.searchParams.set('page', String(page));
    pages.push(url.href);
  }
  return pages;
}
