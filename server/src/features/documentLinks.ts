import type { TextRange } from '../domain/link';
import { safeUrl } from '../render/markdown';
import type { FileLinks } from './fileLinks';

export interface DocumentLinkModel {
  readonly range: TextRange;
  readonly target: string;
  readonly tooltip: string;
}

/** Keys in comments open their item in the tracker; items without a web URL give no link. */
export function documentLinksFor(fileLinks: FileLinks): DocumentLinkModel[] {
  const links: DocumentLinkModel[] = [];
  for (const { mention, item } of fileLinks.mentions) {
    const target = safeUrl(item.url);
    if (!target) continue;
    links.push({
      range: { startLine: mention.line, startCharacter: mention.startCharacter, endLine: mention.line, endCharacter: mention.endCharacter },
      target,
      tooltip: `Open ${item.key} in the tracker`,
    });
  }
  return links;
}
