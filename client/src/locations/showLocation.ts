import { Range, window, type TextEditor, type ViewColumn } from 'vscode';
import type { TextRange } from '../../../server/src/domain/link';
import type { ItemLocation } from '../../../server/src/protocol';
import type { UriConverter } from '../lsp/uriConverter';
import { locationSelection } from './locationSelection';

export interface ShowLocationOptions {
  readonly preview: boolean;
  readonly preserveFocus: boolean;
  readonly viewColumn?: ViewColumn;
}

export function showLocation(
  uris: UriConverter,
  location: Pick<ItemLocation, 'uri' | 'range'>,
  options: ShowLocationOptions,
): Thenable<TextEditor> {
  return window.showTextDocument(uris.toCode(location.uri), { ...options, selection: toRange(locationSelection(location.range)) });
}

export function toRange(range: TextRange): Range {
  return new Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}
