import type { ItemCatalog } from '../catalog/itemCatalog';
import type { FrictionItem, RankingMode } from '../domain/frictionItem';
import type { TextRange } from '../domain/link';
import { renderItemsHover, type HoverOptions } from '../render/hoverMarkdown';
import { contains } from '../symbols/codeSymbol';
import type { FileLinks } from './fileLinks';

export interface HoverResult {
  readonly markdown: string;
  readonly range: TextRange;
}

/**
 * What to show for a position, by key and ranked: the item of a key under the cursor, or a
 * declared name's items. Reads no whole record.
 */
export function keysAt(fileLinks: FileLinks, catalog: ItemCatalog, line: number, character: number, ranking?: RankingMode): { keys: string[]; range: TextRange } | undefined {
  for (const { mention, key } of fileLinks.mentions) {
    if (mention.line === line && character >= mention.startCharacter && character <= mention.endCharacter) {
      return { keys: [key], range: { startLine: line, startCharacter: mention.startCharacter, endLine: line, endCharacter: mention.endCharacter } };
    }
  }
  // A symbol shows its own items, as its CodeLens counts them; file-level items have the lens
  // at the top of the file rather than decorating every name in it.
  const symbol = fileLinks.symbols.find((candidate) => contains(candidate.nameRange, line, character));
  const own = symbol && fileLinks.bySymbol.get(symbol);
  if (!symbol || !own) return undefined;
  const keys = catalog.rankedKeys(own, ranking);
  return keys.length > 0 ? { keys, range: symbol.nameRange } : undefined;
}

/** The whole items `keysAt` names. */
export function itemsAt(fileLinks: FileLinks, catalog: ItemCatalog, line: number, character: number, ranking?: RankingMode): { items: FrictionItem[]; range: TextRange } | undefined {
  const found = keysAt(fileLinks, catalog, line, character, ranking);
  return found && { items: found.keys.flatMap((key) => catalog.get(key) ?? []), range: found.range };
}

/** What a hover request decides beyond rendering: the order of the items. */
export interface HoverAtOptions extends HoverOptions {
  readonly ranking?: RankingMode;
}

/** The hover: only the items it shows (`maxItems`) are read whole; the rest are counted by key. */
export function hoverAt(fileLinks: FileLinks, catalog: ItemCatalog, line: number, character: number, options: HoverAtOptions): HoverResult | undefined {
  const found = keysAt(fileLinks, catalog, line, character, options.ranking);
  return found && { markdown: renderItemsHover(found.keys, catalog, options), range: found.range };
}
