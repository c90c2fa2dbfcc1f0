/** Where an item points into the code: a path, optionally a symbol or a line range. */
export interface CodeRef {
  /** Repo-relative, posix separators, no leading `./`. */
  readonly path: string;
  readonly symbol?: string;
  /** One-based, as written in permalinks. */
  readonly startLine?: number;
  readonly endLine?: number;
}

const PERMALINK = /^https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\/blob\/[^/\s]+\/([^#\s?]+)(?:#L(\d+)(?:-L(\d+))?)?$/;
const SYMBOL = String.raw`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*`;
const PATH_REF = new RegExp(String.raw`^(?:\.\/)?((?:[\w.@-]+\/)*[\w.@-]+\.[A-Za-z0-9]+)(?:#(${SYMBOL}))?$`);
/** Paths in prose need a folder, so that "e.g." or "v1.2" never count. */
const PATH_IN_TEXT = new RegExp(String.raw`(?<![\w/.:@-])((?:[\w.@-]+\/)+[\w.@-]+\.[A-Za-z0-9]+)(?:#(${SYMBOL}))?`, 'g');
const PERMALINK_IN_TEXT = /https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[^\s)>\]]+/g;

/**
 * Reads one `code:` entry: `src/a.ts`, `src/a.ts#Class.method`, or a GitHub permalink into
 * this repository (`repository` is its `owner/name`). Anything else is `undefined`.
 */
export function parseCodeRef(text: string, repository: string | undefined): CodeRef | undefined {
  const trimmed = text.trim();
  const permalink = PERMALINK.exec(trimmed);
  if (permalink) {
    const [, owner, repo, filePath, start, end] = permalink;
    if (!repository || `${owner}/${repo}`.toLowerCase() !== repository.toLowerCase()) return undefined;
    return {
      path: decodeURIComponent(filePath ?? ''),
      ...(start !== undefined && { startLine: Number(start), endLine: Number(end ?? start) }),
    };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  const pathRef = PATH_REF.exec(trimmed);
  if (!pathRef || pathRef[1]?.includes('..')) return undefined;
  return { path: pathRef[1] ?? '', ...(pathRef[2] !== undefined && { symbol: pathRef[2] }) };
}

/** Code references written in an item's prose: permalinks, `folder/file.ext` and `folder/file.ext#Symbol`. */
export function findCodeRefsInText(text: string, repository: string | undefined): CodeRef[] {
  return codeRefTextsIn(text).flatMap((candidate) => parseCodeRef(candidate, repository) ?? []);
}

/**
 * The code references in prose as written, not yet parsed: what a tracker snapshot stores at save
 * time, since finding them means running regular expressions over every item's text, while
 * parsing the few found (which depends on the repository) is cheap at load time.
 */
export function codeRefTextsIn(text: string): string[] {
  const found: string[] = [];
  // Every reference has a slash: most item text has none, and skipping it keeps a 100k-item catalog quick to build.
  if (!text.includes('/')) return found;
  if (text.includes('github.com/')) for (const match of text.matchAll(PERMALINK_IN_TEXT)) found.push(match[0]);
  const withoutUrls = text.includes('://') ? text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ') : text;
  if (!withoutUrls.includes('/')) return found;
  for (const match of withoutUrls.matchAll(PATH_IN_TEXT)) if (!match[1]?.includes('..')) found.push(match[0]);
  return found;
}
