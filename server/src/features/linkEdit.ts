import { isMap, isScalar, isSeq, parseDocument, type Document, type ToStringOptions, type YAMLSeq } from 'yaml';
import { LOCAL_FILES, LOCAL_FOLDER } from '../local/schemas';

/** One `links.yaml` entry, in the order its fields are written. */
export interface LinkEntry {
  readonly item: string;
  /** A glob (see `globForPath`). */
  readonly path: string;
  readonly symbol: string;
}

export type LinkEdit = { readonly kind: 'edit'; readonly newText: string; readonly created: boolean } | { readonly kind: 'error'; readonly message: string };

const LINKS_FILE = `${LOCAL_FOLDER}/${LOCAL_FILES.links.file}`;
const LIST = LOCAL_FILES.links.list;

/**
 * `path:` in links.yaml is a glob, so a real path such as `app/[id]/page.tsx` must have its
 * glob characters escaped to match only itself (picomatch honours backslash escapes).
 */
export function globForPath(relativePath: string): string {
  return relativePath.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

/**
 * The whole new text of `links.yaml` with `entry` appended to its `links:` list, or the text
 * of a new file when `text` is `undefined`. The file is reviewed like code, so it is edited as
 * a YAML document: comments, blank lines between entries and the list's indentation stay as
 * they were. A file that does not parse is never rewritten: we could lose what it says.
 */
export function appendLinkEntry(text: string | undefined, entry: LinkEntry): LinkEdit {
  // Typed as a plain document: we add nodes that were not parsed.
  const document: Document = parseDocument(text ?? '');
  const [error] = document.errors;
  if (error) return fail(`${LINKS_FILE} does not parse (${firstLine(error.message)}); fix it first, it was left unchanged.`);
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) return fail(`${LINKS_FILE} must hold a mapping with a '${LIST}:' list; it was left unchanged.`);

  const node = document.createNode({ item: entry.item, path: entry.path, symbol: entry.symbol });
  const list: unknown = contents?.get(LIST, true);
  const options: ToStringOptions = { lineWidth: 0 };
  if (isSeq(list)) {
    if (list.items.some((existing) => sameEntry(existing, entry))) {
      return fail(`${entry.item} is already linked to ${entry.symbol} in ${entry.path} by ${LINKS_FILE}.`);
    }
    Object.assign(options, listIndentation(text ?? '', document, list));
    const last = list.items[list.items.length - 1];
    // Entries separated by blank lines get one more the same way.
    if (isMap(last) && last.spaceBefore) node.spaceBefore = true;
    // An empty flow list (`links: []`) becomes a block list like the one we would create.
    if (list.items.length === 0) list.flow = false;
    list.add(node);
  } else if (list === undefined || (isScalar(list) && list.value === null)) {
    if (contents) contents.set(LIST, document.createNode([node]));
    else document.contents = document.createNode({ [LIST]: [node] });
  } else {
    return fail(`'${LIST}:' in ${LINKS_FILE} is not a list; it was left unchanged.`);
  }
  return { kind: 'edit', newText: document.toString(options), created: text === undefined };
}

function fail(message: string): LinkEdit {
  return { kind: 'error', message };
}

/** Whether an existing entry says the same: `./` before a path and a numeric key change nothing. */
function sameEntry(existing: unknown, entry: LinkEntry): boolean {
  if (!isMap(existing)) return false;
  const field = (name: string): string | undefined => {
    const value: unknown = existing.get(name);
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
  };
  return field('item') === entry.item && field('path')?.replace(/^\.\//, '') === entry.path && field('symbol') === entry.symbol;
}

/**
 * How the existing list is indented under its key (`links:` then `  - item` or `- item`), so
 * that writing the document back does not re-indent every entry.
 */
function listIndentation(text: string, document: Document, list: YAMLSeq): Pick<ToStringOptions, 'indent' | 'indentSeq'> {
  const contents = document.contents;
  if (list.flow || list.items.length === 0 || !isMap(contents)) return {};
  const pair = contents.items.find((candidate) => isScalar(candidate.key) && candidate.key.value === LIST);
  const keyStart = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  const listStart = list.range?.[0];
  if (keyStart === undefined || listStart === undefined) return {};
  const offset = columnOf(text, listStart) - columnOf(text, keyStart);
  if (offset === 0) return { indentSeq: false };
  return offset > 0 ? { indent: offset, indentSeq: true } : {};
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
