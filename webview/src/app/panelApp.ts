/**
 * The panel's controller: restores the saved state, validates every message from the extension
 * (dropping and reporting bad ones), keeps the state, renders it, and turns the user's actions
 * into commands and requests. DOM and VS Code API are injected, so tests drive it with a
 * happy-dom document and a fake API.
 */
import { browserTimers, type Timers } from '../ipc/timers';
import { PanelChannel, RequestError } from '../ipc/panelChannel';
import {
  CopyKeyCommand,
  LinkToSymbolRequest,
  LogCommand,
  OpenInTrackerCommand,
  OpenLocationCommand,
  PANEL_NOTIFICATIONS,
  parseMessage,
  ReadyCommand,
  ResponseNotification,
  SetPinnedCommand,
  StateNotification,
  type PanelLocation,
  type PanelState,
} from '../protocol';
import type { PanelActions } from '../render/panelActions';
import { renderPanel } from '../render/renderPanel';
import { buildPanelView } from '../view/buildPanelView';
import { fromSavedState, toSavedState } from './savedState';
import type { WebviewApi } from './webviewApi';

export const REQUEST_TIMEOUT_MS = 15_000;
const MAX_LOG_LENGTH = 1_000;
export const RENDER_FAILED_TEXT = 'Customer Lens could not show this. Details are in the Customer Lens output.';

export interface PanelAppOptions {
  readonly document: Document;
  readonly root: HTMLElement;
  readonly api: WebviewApi;
  readonly timers?: Timers;
  readonly requestTimeoutMs?: number;
}

export class PanelApp {
  private state: PanelState | undefined;
  private status = '';
  private readonly linking = new Set<string>();
  private readonly channel: PanelChannel;
  private readonly actions: PanelActions;

  constructor(private readonly options: PanelAppOptions) {
    this.channel = new PanelChannel((message) => options.api.postMessage(message), {
      timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      timers: options.timers ?? browserTimers,
    });
    this.actions = {
      openInTracker: (key) => this.channel.command(OpenInTrackerCommand, { key }),
      copyKey: (key) => this.copyKey(key),
      linkToSymbol: (key) => this.linkToSymbol(key),
      setPinned: (pinned) => this.setPinned(pinned),
      openLocation: (uri, range) => this.openLocation(uri, range),
    };
  }

  /** Shows the saved state (if any) at once, then tells the extension the panel is listening. */
  start(): void {
    const restored = fromSavedState(this.options.api.getState());
    if (restored.ok) this.state = restored.state;
    else this.log('warn', `Ignored the saved panel state: ${restored.reason}`);
    this.render();
    this.channel.command(ReadyCommand, undefined);
  }

  /** Handles one `message` event's data from the extension. */
  receive(value: unknown): void {
    const parsed = parseMessage(value, PANEL_NOTIFICATIONS);
    if (!parsed.ok) {
      this.log('warn', `Dropped a message to the panel: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    if (StateNotification.is(message)) {
      this.state = message.params;
      this.options.api.setState(toSavedState(message.params));
      this.render();
    } else if (ResponseNotification.is(message)) {
      if (!this.channel.settle(message.params)) this.log('warn', `Dropped a response to request ${message.params.requestId}: no such request is waiting (late or unknown)`);
    }
  }

  /** Logs to the extension's output (the panel has no console a user would see). */
  log(level: 'warn' | 'error', message: string): void {
    this.channel.command(LogCommand, { level, message: message.length > MAX_LOG_LENGTH ? `${message.slice(0, MAX_LOG_LENGTH)}…` : message });
  }

  dispose(): void {
    this.channel.dispose();
  }

  private render(): void {
    const view = buildPanelView(this.state, { status: this.status, linking: this.linking });
    try {
      renderPanel(this.options.document, this.options.root, view, this.actions);
    } catch (error) {
      // Never leave a half-drawn panel: say so, and tell the extension why.
      this.options.root.textContent = RENDER_FAILED_TEXT;
      this.log('error', `The panel could not render: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private setStatus(status: string): void {
    this.status = status;
    this.render();
  }

  private copyKey(key: string): void {
    this.channel.command(CopyKeyCommand, { key });
    this.setStatus(`Copied ${key} to the clipboard.`);
  }

  private openLocation(uri: string, range: PanelLocation['range']): void {
    this.channel.command(OpenLocationCommand, { uri, range });
  }

  private setPinned(pinned: boolean): void {
    this.channel.command(SetPinnedCommand, { pinned });
    // Show the change at once; the extension confirms it with its next state.
    if (this.state) {
      this.state = { ...this.state, pinned };
      this.options.api.setState(toSavedState(this.state));
    }
    this.setStatus(pinned ? 'Pinned: the panel keeps these items when the cursor moves.' : 'Unpinned: the panel follows the cursor.');
  }

  private linkToSymbol(key: string): void {
    if (this.linking.has(key) || !this.state?.canLinkToSymbol) return;
    this.linking.add(key);
    this.setStatus(`Linking ${key} to the symbol at the cursor…`);
    this.channel.request(LinkToSymbolRequest, { key }).then(
      (result) => this.finishLink(key, result.ok ? `Linked ${key} to ${result.symbol}.` : `Could not link ${key}: ${result.message}`),
      (error: unknown) => {
        const reason = error instanceof RequestError ? error.message : String(error);
        if (error instanceof RequestError && error.failure !== 'error') this.log('warn', `Link request for ${key} failed: ${reason}`);
        this.finishLink(key, `Could not link ${key}: ${reason}.`);
      },
    );
  }

  private finishLink(key: string, status: string): void {
    this.linking.delete(key);
    this.setStatus(status);
  }
}
