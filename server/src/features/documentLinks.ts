import type { ItemCatalog } from '../catalog/itemCatalog';
import type { TextRange } from '../domain/link';
import { safeUrl } from '../render/markdown';
import type { FileLinks } from './fileLinks';

export interface DocumentLinkModel {
  readonly range: TextRange;
  readonly target: string;
  readonly tooltip: string;
}

/** Keys in comments open their item in the tracker; items without a web URL give no link. */
export function documentLinksFor(fileLinks: FileLinks, catalog: ItemCatalog): DocumentLinkModel[] {
  const links: DocumentLinkModel[] = [];
  for (const { mention, key } of fileLinks.mentions) {
    const target = safeUrl(catalog.listing(key)?.url);
    if (!target) continue;
    links.push({
      range: { startLine: mention.line, startCharacter: mention.startCharacter, endLine: mention.line, endCharacter: mention.endCharacter },
      target,
      tooltip: `Open ${key} in the tracker`,
    });
  }
  return links;
}
