import { ViewColumn, window, workspace, type Disposable, type LogOutputChannel, type TextEditor, type Uri, type WebviewPanel } from 'vscode';
import type { SymbolItemsRequest } from '../../../server/src/protocol';
import type { LastTextEditor } from '../editors/lastTextEditor';
import type { CustomerLensServer } from '../lsp/customerLensServer';
import type { ServerEvents } from '../lsp/serverEvents';
import type { UriConverter } from '../lsp/uriConverter';
import { errorMessage } from '../util/errors';
import { watchCursor } from './cursorWatcher';
import { subjectOf, type CursorFile } from './followCursor';
import { PanelHost } from './panelHost';
import { handlePanelMessage } from './panelMessages';
import { PanelModel } from './panelModel';
import { panelWebviewOptions } from './panelOptions';
import { PANEL_TITLE, PANEL_VIEW_TYPE } from './panelResources';
import { restoredPanelState } from './restoredState';

export interface CustomerLensPanelOptions {
  readonly extensionUri: Uri;
  readonly server: CustomerLensServer;
  readonly events: ServerEvents;
  readonly uris: UriConverter;
  readonly log: LogOutputChannel;
  readonly lastEditor: LastTextEditor;
}

interface OpenPanel {
  readonly host: PanelHost;
  readonly model: PanelModel;
}

/**
 * The Customer Lens panel: at most one, created on demand or restored after a reload. It shows
 * items asked for (pinned) or follows the cursor (unpinned), and fetches again when the
 * server's items change.
 */
export class CustomerLensPanel implements Disposable {
  private open: OpenPanel | undefined;
  private readonly subscriptions: Disposable[];
  private lastFollowError: string | undefined;

  constructor(private readonly options: CustomerLensPanelOptions) {
    this.subscriptions = [
      watchCursor((editor) => {
        void this.follow(editor);
      }),
      options.lastEditor.onDidChange((editor) => {
        this.open?.model.setCanLinkToSymbol(editor !== undefined);
      }),
      options.events.onDidChangeItems(() => {
        void this.refresh();
      }),
    ];
  }

  /** Shows items asked for by key (hover, CodeLens, views, picker). */
  async showItems(keys: readonly string[], options: { readonly pinned: boolean; readonly preserveFocus: boolean }): Promise<void> {
    const { model } = this.reveal(options.preserveFocus, options.pinned);
    await model.showItems(keys, options.pinned);
  }

  /** Shows what the server found at the cursor; the panel follows the cursor from there unless pinned. */
  async showFound(found: NonNullable<SymbolItemsRequest.Result>, at: CursorFile): Promise<void> {
    const pinned = !followCursorByDefault();
    const { model } = this.reveal(true, pinned);
    await model.showItems(found.keys, pinned, subjectOf(found, at));
  }

  /** VS Code reopened the panel after a reload; `saved` is what its page stored with `setState`. */
  restore(webviewPanel: WebviewPanel, saved: unknown): void {
    this.open?.host.dispose();
    const state = restoredPanelState(saved);
    const { model } = this.attach(webviewPanel, state?.pinned ?? !followCursorByDefault());
    if (state !== undefined && state.items.length > 0) {
      void model.restore(state);
    }
    // An unpinned panel catches up with the cursor when its page says ready (see attach).
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.open?.host.dispose();
    this.open = undefined;
  }

  private reveal(preserveFocus: boolean, pinned: boolean): OpenPanel {
    if (this.open !== undefined) {
      this.open.host.reveal(preserveFocus);
      return this.open;
    }
    const webviewPanel = window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      PANEL_TITLE,
      { viewColumn: ViewColumn.Beside, preserveFocus },
      panelWebviewOptions(this.options.extensionUri),
    );
    return this.attach(webviewPanel, pinned);
  }

  private attach(webviewPanel: WebviewPanel, pinned: boolean): OpenPanel {
    const { log, server, uris, lastEditor } = this.options;
    const model = new PanelModel({
      server,
      describeUri: (uri) => uris.describe(uri),
      publish: (state) => {
        host.postState(state);
      },
      report: (message) => {
        log.warn(`Customer Lens panel: ${message}`);
      },
      pinned,
      canLinkToSymbol: lastEditor.current !== undefined,
    });
    const host: PanelHost = new PanelHost(webviewPanel, this.options.extensionUri, log, {
      onReady: () => {
        // The page has the latest state now. An unpinned panel catches up with the cursor, which may
        // have moved while the panel was hidden (hidden panels do not follow).
        if (!model.pinned) {
          this.followLastEditor();
        }
      },
      onMessage: (message) => {
        handlePanelMessage(message, {
          model,
          server,
          uris,
          log,
          lastEditor: lastEditor.current,
          respond: (requestId, result) => {
            host.respond(requestId, result);
          },
          followNow: () => {
            this.followLastEditor();
          },
        }).catch((error: unknown) => {
          log.error(`Customer Lens panel: ${message.method} failed: ${errorMessage(error)}`);
        });
      },
      onDidDispose: () => {
        if (this.open?.host === host) {
          this.open = undefined;
        }
      },
    });
    model.announce();
    this.open = { host, model };
    return this.open;
  }

  private followLastEditor(): void {
    const editor = this.options.lastEditor.current;
    if (editor !== undefined) {
      void this.follow(editor);
    }
  }

  private async follow(editor: TextEditor): Promise<void> {
    const open = this.open;
    if (open === undefined || open.model.pinned || !open.host.visible) {
      return;
    }
    const { uris, server } = this.options;
    const uri = uris.toProtocol(editor.document.uri);
    const { line, character } = editor.selection.active;
    let found: SymbolItemsRequest.Result;
    try {
      found = await server.symbolItems({ uri, position: { line, character } });
      this.lastFollowError = undefined;
    } catch (error) {
      // Said once, not on every cursor move.
      const message = errorMessage(error);
      if (message !== this.lastFollowError) {
        this.options.log.warn(`Customer Lens panel: could not look up the items at the cursor: ${message}`);
      }
      this.lastFollowError = message;
      return;
    }
    if (this.open === open) {
      await open.model.follow(found, { uri, label: uris.describe(uri) });
    }
  }

  private async refresh(): Promise<void> {
    const open = this.open;
    if (open === undefined) {
      return;
    }
    await open.model.refresh();
    // Links may have moved under the cursor (e.g. after "link to symbol").
    this.followLastEditor();
  }
}

/** `customerLens.panel.followCursor`: whether a panel opened for the cursor keeps following it. */
function followCursorByDefault(): boolean {
  return workspace.getConfiguration('customerLens').get<boolean>('panel.followCursor', true);
}
