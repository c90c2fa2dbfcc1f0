import { workspace, type Uri } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';

/** URIs between LSP strings and `vscode.Uri`, and how they read to people. */
export interface UriConverter {
  toCode(uri: string): Uri;
  toProtocol(uri: Uri): string;
  /** Workspace-relative path (with the folder name in a multi-root workspace). */
  describe(uri: string): string;
}

export function uriConverter(client: BaseLanguageClient): UriConverter {
  // The client's converters, not Uri.parse / toString, so URIs map back exactly as they were sent.
  const toCode = (uri: string): Uri => client.protocol2CodeConverter.asUri(uri);
  return {
    toCode,
    toProtocol: (uri) => client.code2ProtocolConverter.asUri(uri),
    describe: (uri) => workspace.asRelativePath(toCode(uri)),
  };
}
