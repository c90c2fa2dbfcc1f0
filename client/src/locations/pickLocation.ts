import { window } from 'vscode';
import type { UriConverter } from '../lsp/uriConverter';
import type { LocationPickItem } from './locationPickItem';
import { showLocation } from './showLocation';

/**
 * Picks one of several locations, previewing each as it gets focus, like "Go to Symbol".
 * On cancel the editor that was active before comes back, so browsing leaves no trace.
 */
export function pickLocation(
  uris: UriConverter,
  title: string,
  items: readonly LocationPickItem[],
  onPreviewError: (error: unknown) => void,
): Promise<LocationPickItem | undefined> {
  const previousEditor = window.activeTextEditor;
  const quickPick = window.createQuickPick<LocationPickItem>();
  quickPick.title = title;
  quickPick.placeholder = 'Pick a linked code location';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;

  return new Promise<LocationPickItem | undefined>((resolve) => {
    let picked: LocationPickItem | undefined;
    let previewed = false;
    const subscriptions = [
      quickPick.onDidChangeActive(([active]) => {
        if (active === undefined) {
          return;
        }
        previewed = true;
        showLocation(uris, active.location, { preview: true, preserveFocus: true }).then(undefined, onPreviewError);
      }),
      quickPick.onDidAccept(() => {
        picked = quickPick.activeItems[0];
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        for (const subscription of subscriptions) {
          subscription.dispose();
        }
        quickPick.dispose();
        if (picked === undefined && previewed && previousEditor !== undefined) {
          window
            .showTextDocument(previousEditor.document, {
              viewColumn: previousEditor.viewColumn,
              selection: previousEditor.selection,
            })
            .then(undefined, onPreviewError);
        }
        resolve(picked);
      }),
    ];
    quickPick.show();
  });
}
