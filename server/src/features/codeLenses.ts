import type { ItemCatalog } from '../catalog/itemCatalog';
import type { RankingMode } from '../domain/frictionItem';
import type { TextRange } from '../domain/link';
import { codeLensTitle } from '../render/hoverMarkdown';
import type { FileLinks } from './fileLinks';

export interface CodeLensModel {
  readonly range: TextRange;
  readonly title: string;
  /** Ranked as the `ranking` setting says: the argument of the open-item command. */
  readonly keys: string[];
}

/** A lens above each linked symbol, and one at the top of the file for file-level links. */
export function codeLensesFor(fileLinks: FileLinks, catalog: ItemCatalog, ranking?: RankingMode): CodeLensModel[] {
  const lenses: CodeLensModel[] = [];
  if (fileLinks.fileLevel.size > 0) {
    const items = catalog.rankables(fileLinks.fileLevel, ranking);
    if (items.length > 0) {
      lenses.push({ range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 }, title: `This file: ${codeLensTitle(items)}`, keys: items.map((item) => item.key) });
    }
  }
  for (const [symbol, keys] of fileLinks.bySymbol) {
    const items = catalog.rankables(keys, ranking);
    if (items.length > 0) lenses.push({ range: symbol.nameRange, title: codeLensTitle(items), keys: items.map((item) => item.key) });
  }
  return lenses.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCharacter - b.range.startCharacter);
}
