import type { ItemCatalog } from '../catalog/itemCatalog';
import type { RankingMode } from '../domain/frictionItem';
import type { TextRange } from '../domain/link';
import { contains, type CodeSymbol } from '../symbols/codeSymbol';
import type { FileLinks } from './fileLinks';

/** What the panel shows for a cursor position: a linked symbol's items, or one key's. */
export interface SymbolItems {
  /** Absent for a key mentioned in a comment. */
  readonly symbol?: string;
  /** The whole symbol (leading comments included), or the key: the cursor may move inside it without a change. */
  readonly range: TextRange;
  /** Ranked; never empty. */
  readonly keys: string[];
}

/**
 * The items at a position, for a panel that follows the cursor. A key under the cursor wins,
 * as in a hover. Otherwise, unlike a hover (which only answers on a declared name), anywhere
 * inside a linked symbol counts, and the innermost linked symbol wins: a cursor in an unlinked
 * method of a linked class shows the class's items. File-level links give nothing here; the
 * "This file" view shows them.
 */
export function symbolItemsAt(fileLinks: FileLinks, catalog: ItemCatalog, line: number, character: number, ranking?: RankingMode): SymbolItems | undefined {
  for (const { mention, key } of fileLinks.mentions) {
    if (mention.line === line && character >= mention.startCharacter && character <= mention.endCharacter) {
      return { range: { startLine: line, startCharacter: mention.startCharacter, endLine: line, endCharacter: mention.endCharacter }, keys: [key] };
    }
  }
  let innermost: { symbol: CodeSymbol; keys: string[] } | undefined;
  for (const [symbol, linked] of fileLinks.bySymbol) {
    if (!contains(symbol.range, line, character)) continue;
    if (innermost && !within(symbol.range, innermost.symbol.range)) continue;
    const keys = catalog.rankedKeys(linked, ranking);
    if (keys.length > 0) innermost = { symbol, keys };
  }
  return innermost && { symbol: innermost.symbol.qualifiedName, range: innermost.symbol.range, keys: innermost.keys };
}

function within(inner: TextRange, outer: TextRange): boolean {
  return contains(outer, inner.startLine, inner.startCharacter) && contains(outer, inner.endLine, inner.endCharacter);
}
