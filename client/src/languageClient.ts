import { workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ClientCommands, type InitializationOptions } from '../../server/src/protocol';

/**
 * The id is also the settings prefix: `customerLens.trace.server` is picked up by the client
 * library only because the id is `customerLens`.
 */
export const LANGUAGE_CLIENT_ID = 'customerLens';

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every file: links live in comments of any language, and the server decides what it understands.
    documentSelector: [{ scheme: 'file' }],
    outputChannel,
    // Logging an info line must never steal focus; users open the channel from the status bar.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Hovers carry tracker text, which is untrusted: no HTML, and the only runnable command is ours.
    markdown: { isTrusted: { enabledCommands: [ClientCommands.openItem] }, supportHtml: false },
    // Settings travel by workspace/configuration (section `customerLens`), never at start-up.
    // A function, so that a restarted server gets the trust state of the moment.
    initializationOptions: () => initializationOptions(context),
  };
  return new LanguageClient(LANGUAGE_CLIENT_ID, 'Customer Lens', serverOptions, clientOptions);
}

function initializationOptions(context: ExtensionContext): InitializationOptions {
  return {
    // Per workspace where there is one; the server creates the folder.
    storagePath: context.storageUri?.fsPath ?? context.globalStorageUri.fsPath,
    workspaceTrusted: workspace.isTrusted,
    // Tokens come from SecretStorage and the `github` provider through TrackerTokenRequest.
    tokensFromClient: true,
  };
}
