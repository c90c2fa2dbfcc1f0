import type { LinkItemToSymbolRequest } from '../protocol';
import { enclosingSymbol, type CodeSymbol } from '../symbols/codeSymbol';
import { appendLinkEntry, globForPath } from './linkEdit';

export interface LinkToSymbolInput {
  readonly key: string;
  /** Whether the file's workspace folder knows the item: its `links.yaml` only links its own items. */
  readonly itemKnown: boolean;
  /** Repo-relative posix path of the file to link. */
  readonly relativePath: string;
  /** The file's outline, `undefined` when no grammar fits it. */
  readonly symbols: readonly CodeSymbol[] | undefined;
  readonly line: number;
  readonly character: number;
  /** The current `links.yaml` (an editor's unsaved text if open), `undefined` when there is none. */
  readonly linksText: string | undefined;
  readonly linksFileUri: string;
}

/**
 * The edit that links an item to the innermost symbol at a position, linked already or not.
 * Every refusal is a message for the user saying what to do instead.
 */
export function planLinkToSymbol(input: LinkToSymbolInput): LinkItemToSymbolRequest.Result {
  const { key, relativePath } = input;
  if (!input.itemKnown) return { kind: 'error', message: `Unknown friction item '${key}': this workspace folder has no such item.` };
  const annotate = `add a comment 'friction: ${key}' to the code instead.`;
  if (!input.symbols) return { kind: 'error', message: `Customer Lens finds no symbols in ${relativePath} (no grammar for this language): ${annotate}` };
  const symbol = enclosingSymbol(input.symbols, input.line, input.character);
  if (!symbol) {
    return { kind: 'error', message: `No function, method or class at line ${input.line + 1} of ${relativePath}: put the cursor inside one, or ${annotate}` };
  }
  const edit = appendLinkEntry(input.linksText, { item: key, path: globForPath(relativePath), symbol: symbol.qualifiedName });
  if (edit.kind === 'error') return edit;
  return { kind: 'edit', linksFileUri: input.linksFileUri, created: edit.created, newText: edit.newText, symbol: symbol.qualifiedName, path: relativePath };
}
