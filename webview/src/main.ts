import { PANEL_NOTIFICATIONS, parseMessage, ReadyCommand, StateNotification, type IpcEnvelope } from './protocol';

/** The part of the API VS Code injects into webviews that the panel uses. */
interface VsCodeApi {
  postMessage(message: IpcEnvelope): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows one acquisition per page load.
const vscode = acquireVsCodeApi();
let nextId = 0;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseMessage(event.data, PANEL_NOTIFICATIONS);
  if (!parsed.ok) return;
  if (StateNotification.is(parsed.message)) {
    const root = document.getElementById('app');
    // textContent, never innerHTML: item text comes from trackers.
    if (root) root.textContent = `${parsed.message.params.items.length} friction items`;
  }
});

vscode.postMessage(ReadyCommand.create(++nextId, undefined));
