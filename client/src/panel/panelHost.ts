import { Uri, type Disposable, type LogOutputChannel, type WebviewPanel } from 'vscode';
import {
  PANEL_COMMANDS,
  PANEL_REQUESTS,
  parseMessage,
  ReadyCommand,
  ResponseNotification,
  StateNotification,
  type IpcEnvelope,
  type PanelState,
} from '../../../webview/src/protocol';
import { createNonce } from './nonce';
import { buildPanelHtml } from './panelHtml';
import { panelWebviewOptions } from './panelOptions';
import { PANEL_ICON_DARK, PANEL_ICON_LIGHT, PANEL_SCRIPT, PANEL_STYLE } from './panelResources';
import { ReadyGate } from './readyGate';

/** Every message type the panel may send; anything else is dropped. */
const ACCEPTED = [...PANEL_COMMANDS, ...PANEL_REQUESTS];

export interface PanelHostEvents {
  /** A validated command or request other than `ready`. */
  readonly onMessage: (message: IpcEnvelope) => void;
  /** The page (re)loaded and has received the latest state. */
  readonly onReady: () => void;
  readonly onDidDispose: () => void;
}

/**
 * One webview panel: its HTML, the ready handshake and validated messages both ways. Knows
 * nothing of items or editors.
 */
export class PanelHost implements Disposable {
  private readonly gate: ReadyGate<PanelState>;
  private readonly subscriptions: Disposable[];
  private nextMessageId = 0;

  constructor(
    readonly webviewPanel: WebviewPanel,
    extensionUri: Uri,
    private readonly log: LogOutputChannel,
    events: PanelHostEvents,
  ) {
    const { webview } = webviewPanel;
    // Set again for a panel restored after a reload: options are not guaranteed to survive it.
    webview.options = panelWebviewOptions(extensionUri);
    webviewPanel.iconPath = { light: Uri.joinPath(extensionUri, ...PANEL_ICON_LIGHT), dark: Uri.joinPath(extensionUri, ...PANEL_ICON_DARK) };
    this.gate = new ReadyGate((state) => {
      this.post(StateNotification.create(++this.nextMessageId, state));
    });
    this.subscriptions = [
      webview.onDidReceiveMessage((value: unknown) => {
        this.receive(value, events);
      }),
      webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => {
        // A hidden page is destroyed; it says `ready` again once shown.
        if (!changed.visible) {
          this.gate.reset();
        }
      }),
      webviewPanel.onDidDispose(() => {
        events.onDidDispose();
      }),
    ];
    webview.html = buildPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(Uri.joinPath(extensionUri, ...PANEL_SCRIPT)).toString(),
      styleUri: webview.asWebviewUri(Uri.joinPath(extensionUri, ...PANEL_STYLE)).toString(),
    });
  }

  get visible(): boolean {
    return this.webviewPanel.visible;
  }

  /** Sent once the page is ready; until then only the latest state is kept. */
  postState(state: PanelState): void {
    this.gate.post(state);
  }

  /** Answers a request of the page. Results are checked by the caller against the request's schema. */
  respond(requestId: number, result: unknown): void {
    if (!this.gate.isReady) {
      this.log.warn(`Customer Lens panel: dropped the answer to request ${requestId}: the page reloaded meanwhile.`);
      return;
    }
    this.post(ResponseNotification.create(++this.nextMessageId, { requestId, result }));
  }

  reveal(preserveFocus: boolean): void {
    this.webviewPanel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.webviewPanel.dispose();
  }

  private receive(value: unknown, events: PanelHostEvents): void {
    const parsed = parseMessage(value, ACCEPTED);
    if (!parsed.ok) {
      this.log.warn(`Customer Lens panel: dropped a message: ${parsed.reason}`);
      return;
    }
    if (ReadyCommand.is(parsed.message)) {
      this.gate.markReady();
      events.onReady();
      return;
    }
    events.onMessage(parsed.message);
  }

  private post(message: IpcEnvelope): void {
    this.webviewPanel.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered) {
          this.log.debug(`Customer Lens panel: ${message.method} was not delivered (panel hidden).`);
        }
      },
      (error: unknown) => {
        this.log.warn(`Customer Lens panel: could not post ${message.method}: ${String(error)}`);
      },
    );
  }
}
