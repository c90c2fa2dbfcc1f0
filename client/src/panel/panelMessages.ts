import { env, Uri, ViewColumn, window, type LogOutputChannel, type TextEditor } from 'vscode';
import {
  CopyKeyCommand,
  LinkToSymbolRequest,
  LogCommand,
  OpenInTrackerCommand,
  OpenLocationCommand,
  SetPinnedCommand,
  type IpcEnvelope,
} from '../../../webview/src/protocol';
import type { CustomerLensServer } from '../lsp/customerLensServer';
import type { UriConverter } from '../lsp/uriConverter';
import { openableTrackerUrl } from '../items/trackerUrl';
import { locationSelection } from '../locations/locationSelection';
import { toRange } from '../locations/showLocation';
import { linkItemToSymbol } from './linkToSymbol';
import type { PanelModel } from './panelModel';

export interface PanelMessageContext {
  readonly model: PanelModel;
  readonly server: CustomerLensServer;
  readonly uris: UriConverter;
  readonly log: LogOutputChannel;
  readonly lastEditor: TextEditor | undefined;
  readonly respond: (requestId: number, result: unknown) => void;
  /** The panel was unpinned: follow the cursor from where it is now. */
  readonly followNow: () => void;
}

/** Longest text from the page written to the log, so a misbehaving page cannot flood it. */
const MAX_LOGGED_LENGTH = 500;

/**
 * Acts on a validated message from the page. Keys, URLs and locations are only acted on when
 * they belong to items the panel was sent: the page renders tracker text and is not trusted to
 * name arbitrary files or links.
 */
export async function handlePanelMessage(message: IpcEnvelope, context: PanelMessageContext): Promise<void> {
  const { model, log } = context;
  if (OpenLocationCommand.is(message)) {
    const { uri, range } = message.params;
    if (!model.hasLocation(uri, range)) {
      log.warn(`Customer Lens panel: ignored a request to open a location it was not sent: ${uri.slice(0, MAX_LOGGED_LENGTH)}`);
      return;
    }
    await window.showTextDocument(context.uris.toCode(uri), {
      selection: toRange(locationSelection(range)),
      preview: false,
      // Next to the panel, not in its place: the panel's page would be torn down.
      viewColumn: context.lastEditor?.viewColumn ?? ViewColumn.One,
    });
  } else if (OpenInTrackerCommand.is(message)) {
    const item = model.findItem(message.params.key);
    const url = openableTrackerUrl(item?.url);
    if (url === undefined) {
      log.warn(`Customer Lens panel: no tracker link to open for ${message.params.key.slice(0, MAX_LOGGED_LENGTH)}.`);
      return;
    }
    await env.openExternal(Uri.parse(url, true));
  } else if (CopyKeyCommand.is(message)) {
    const item = model.findItem(message.params.key);
    if (item === undefined) {
      log.warn('Customer Lens panel: ignored a request to copy a key it was not sent.');
      return;
    }
    await env.clipboard.writeText(item.key);
    window.setStatusBarMessage(`$(check) Copied ${item.key}`, 2500);
  } else if (SetPinnedCommand.is(message)) {
    model.setPinned(message.params.pinned);
    if (!message.params.pinned) {
      context.followNow();
    }
  } else if (LinkToSymbolRequest.is(message)) {
    const item = model.findItem(message.params.key);
    const result =
      item === undefined
        ? { ok: false as const, message: `${message.params.key} is not shown in the panel.` }
        : await linkItemToSymbol({ server: context.server, uris: context.uris, editor: context.lastEditor }, item.key);
    context.respond(message.id, LinkToSymbolRequest.result.parse(result));
  } else if (LogCommand.is(message)) {
    const text = `Customer Lens panel page: ${message.params.message.slice(0, MAX_LOGGED_LENGTH)}`;
    if (message.params.level === 'error') {
      log.error(text);
    } else {
      log.warn(text);
    }
  } else {
    log.warn(`Customer Lens panel: no handler for ${message.method}.`);
  }
}
