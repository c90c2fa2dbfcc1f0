import { Position, Range, window, type TextEditor } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import type { ItemLocation } from '../../../server/src/protocol';

export interface ShowLocationOptions {
  readonly preview: boolean;
  readonly preserveFocus: boolean;
}

export function showLocation(
  client: BaseLanguageClient,
  location: ItemLocation,
  options: ShowLocationOptions,
): Thenable<TextEditor> {
  // The client's converter, not Uri.parse, so URIs map back exactly as they were sent.
  const uri = client.protocol2CodeConverter.asUri(location.uri);
  const { startLine, startCharacter, endLine, endCharacter } = location.range;
  const start = new Position(startLine, startCharacter);
  // A symbol's range can span a whole function; selecting all of it would be in the way.
  const selection = startLine === endLine ? new Range(start, new Position(endLine, endCharacter)) : new Range(start, start);
  return window.showTextDocument(uri, { ...options, selection });
}
