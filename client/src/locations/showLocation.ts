import { Range, window, type TextEditor, type ViewColumn } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import type { TextRange } from '../../../server/src/domain/link';
import type { ItemLocation } from '../../../server/src/protocol';
import { locationSelection } from './locationSelection';

export interface ShowLocationOptions {
  readonly preview: boolean;
  readonly preserveFocus: boolean;
  readonly viewColumn?: ViewColumn;
}

export function showLocation(
  client: BaseLanguageClient,
  location: Pick<ItemLocation, 'uri' | 'range'>,
  options: ShowLocationOptions,
): Thenable<TextEditor> {
  // The client's converter, not Uri.parse, so URIs map back exactly as they were sent.
  const uri = client.protocol2CodeConverter.asUri(location.uri);
  return window.showTextDocument(uri, { ...options, selection: toRange(locationSelection(location.range)) });
}

export function toRange(range: TextRange): Range {
  return new Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}
