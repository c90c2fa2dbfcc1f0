import { isIpcMessage, ItemsChangedNotification, ReadyCommand, type IpcMessage } from './protocol';

/** The part of the API VS Code injects into webviews that the panel uses. */
interface VsCodeApi {
  postMessage(message: IpcMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows one acquisition per page load.
const vscode = acquireVsCodeApi();
let nextId = 0;

function messageId(): string {
  nextId += 1;
  return `webview-${nextId}`;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isIpcMessage(message)) {
    return;
  }
  if (ItemsChangedNotification.is(message)) {
    const root = document.getElementById('root');
    if (root !== null) {
      // textContent, never innerHTML: item keys come from trackers.
      root.textContent = `${message.params.keys.length} friction items`;
    }
  }
});

vscode.postMessage(ReadyCommand.create(messageId(), undefined));
