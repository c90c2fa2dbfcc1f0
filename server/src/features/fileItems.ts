import type { ItemCatalog } from '../catalog/itemCatalog';
import type { RankingMode } from '../domain/frictionItem';
import type { TextRange } from '../domain/link';
import type { FileItemsRequest } from '../protocol';
import type { FileLinks } from './fileLinks';

const FILE_START: TextRange = { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };

/**
 * The items linked in one file for the "This file" view: one group for the file-level links
 * (first, as its CodeLens sits at the top of the file), then one per linked symbol in the
 * order they appear. `linkCounts` are the folder's files linked per key.
 */
export function fileItemGroups(fileLinks: FileLinks, catalog: ItemCatalog, linkCounts: ReadonlyMap<string, number>, ranking?: RankingMode): FileItemsRequest.SymbolGroup[] {
  const summaries = (keys: Iterable<string>) =>
    catalog.rankedKeys(keys, ranking).flatMap((key) => {
      const listing = catalog.listing(key);
      return listing ? [{ ...listing, linkCount: linkCounts.get(key) ?? 0 }] : [];
    });
  const groups: FileItemsRequest.SymbolGroup[] = [];
  const fileLevel = summaries(fileLinks.fileLevel);
  if (fileLevel.length > 0) groups.push({ range: FILE_START, items: fileLevel });
  const symbolGroups: FileItemsRequest.SymbolGroup[] = [];
  for (const [symbol, keys] of fileLinks.bySymbol) {
    const items = summaries(keys);
    if (items.length > 0) symbolGroups.push({ symbol: symbol.qualifiedName, range: symbol.nameRange, items });
  }
  symbolGroups.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
  return [...groups, ...symbolGroups];
}
