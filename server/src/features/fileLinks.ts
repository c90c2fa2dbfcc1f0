import type { ItemCatalog } from '../catalog/itemCatalog';
import type { Link, LinkOrigin, TextRange } from '../domain/link';
import type { KeyMention } from '../links/annotationScanner';
import type { MappingRules } from '../links/mappingRules';
import type { TrackerRefIndex } from '../links/trackerRefIndex';
import { enclosingSymbol, enclosingSymbolOfLine, type CodeSymbol } from '../symbols/codeSymbol';

/** A mention of a known item in a comment: hoverable and a document link. The item's whole record is read only when shown. */
export interface ResolvedMention {
  readonly mention: KeyMention;
  readonly key: string;
}

/** Everything one file links to, each link attached to its enclosing symbol or to the file. */
export interface FileLinks {
  readonly links: readonly Link[];
  /** Keys linked to each symbol (not counting the file-level ones). */
  readonly bySymbol: ReadonlyMap<CodeSymbol, ReadonlySet<string>>;
  readonly fileLevel: ReadonlySet<string>;
  readonly mentions: readonly ResolvedMention[];
  readonly symbols: readonly CodeSymbol[];
  /** `links.yaml` symbols that this file should have but does not. */
  readonly unresolvedSymbols: readonly { readonly itemKey: string; readonly symbol: string }[];
}

export interface FileLinkSources {
  readonly catalog: ItemCatalog;
  readonly mappings: MappingRules;
  readonly trackerRefs: TrackerRefIndex;
}

/** Symbols named `name` exactly, or whose qualified name ends with `.name`. */
function symbolsNamed(symbols: readonly CodeSymbol[], name: string): CodeSymbol[] {
  const exact = symbols.filter((symbol) => symbol.qualifiedName === name);
  return exact.length > 0 ? exact : symbols.filter((symbol) => symbol.qualifiedName.endsWith(`.${name}`));
}

const FILE_START: TextRange = { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };

/**
 * Resolves a file's links from all sources. `symbols` is the file's outline, or `undefined`
 * when no grammar fits, in which case every link is file-level.
 */
export function resolveFileLinks(
  uri: string,
  relativePath: string,
  mentions: readonly KeyMention[],
  symbols: readonly CodeSymbol[] | undefined,
  sources: FileLinkSources,
): FileLinks {
  const links: Link[] = [];
  const bySymbol = new Map<CodeSymbol, Set<string>>();
  const fileLevel = new Set<string>();
  const resolvedMentions: ResolvedMention[] = [];
  const unresolvedSymbols: { itemKey: string; symbol: string }[] = [];

  const attach = (itemKey: string, origin: LinkOrigin, range: TextRange, symbol: CodeSymbol | undefined): void => {
    if (symbol) {
      let keys = bySymbol.get(symbol);
      if (!keys) bySymbol.set(symbol, (keys = new Set()));
      keys.add(itemKey);
    } else {
      fileLevel.add(itemKey);
    }
    links.push({ itemKey, uri, range, origin, ...(symbol && { symbol: symbol.qualifiedName }) });
  };
  const attachToNamed = (itemKey: string, origin: LinkOrigin, name: string): void => {
    if (!symbols) return attach(itemKey, origin, FILE_START, undefined);
    const named = symbolsNamed(symbols, name);
    if (named.length === 0) unresolvedSymbols.push({ itemKey, symbol: name });
    for (const symbol of named) attach(itemKey, origin, symbol.nameRange, symbol);
  };

  for (const mention of mentions) {
    if (!sources.catalog.has(mention.key)) continue;
    resolvedMentions.push({ mention, key: mention.key });
    const range = { startLine: mention.line, startCharacter: mention.startCharacter, endLine: mention.line, endCharacter: mention.endCharacter };
    attach(mention.key, 'annotation', range, symbols && enclosingSymbol(symbols, mention.line, mention.startCharacter));
  }
  for (const rule of sources.mappings.forFile(relativePath)) {
    if (!sources.catalog.has(rule.itemKey)) continue;
    if (rule.symbol) attachToNamed(rule.itemKey, 'mapping', rule.symbol);
    else attach(rule.itemKey, 'mapping', FILE_START, undefined);
  }
  for (const { itemKey, ref } of sources.trackerRefs.forFile(relativePath)) {
    if (ref.symbol) attachToNamed(itemKey, 'tracker-ref', ref.symbol);
    else if (ref.startLine !== undefined) {
      const line = ref.startLine - 1;
      const range = { startLine: line, startCharacter: 0, endLine: (ref.endLine ?? ref.startLine) - 1, endCharacter: 0 };
      attach(itemKey, 'tracker-ref', range, symbols && enclosingSymbolOfLine(symbols, line));
    } else attach(itemKey, 'tracker-ref', FILE_START, undefined);
  }
  return { links, bySymbol, fileLevel, mentions: resolvedMentions, symbols: symbols ?? [], unresolvedSymbols };
}
