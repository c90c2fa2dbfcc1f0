import { CancellationTokenSource, window, type CancellationToken } from 'vscode';
import type { ItemSummary } from '../../../server/src/protocol';
import { toItemPickItem, type ItemPickItem } from './itemPickItem';

export interface PickFrictionItemOptions {
  readonly title: string;
  readonly placeholder: string;
  /** Cancelled when the picker closes before the items arrive. */
  readonly load: (token: CancellationToken) => Promise<readonly ItemSummary[]>;
}

/**
 * A picker that opens at once and fills in when the items arrive, so the command feels
 * instant even while the server is still indexing.
 */
export function pickFrictionItem(options: PickFrictionItemOptions): Promise<ItemSummary | undefined> {
  const quickPick = window.createQuickPick<ItemPickItem>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  // Key and title are in the label; severity and status in the description; labels and journey in the detail.
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  const loading = new CancellationTokenSource();

  return new Promise<ItemSummary | undefined>((resolve, reject) => {
    let picked: ItemSummary | undefined;
    let failure: unknown;
    const subscriptions = [
      quickPick.onDidAccept(() => {
        const [selected] = quickPick.selectedItems;
        if (selected !== undefined) {
          picked = selected.item;
          quickPick.hide();
        }
      }),
      quickPick.onDidHide(() => {
        loading.cancel();
        loading.dispose();
        for (const subscription of subscriptions) {
          subscription.dispose();
        }
        quickPick.dispose();
        if (failure === undefined) {
          resolve(picked);
        } else {
          reject(failure instanceof Error ? failure : new Error(JSON.stringify(failure)));
        }
      }),
    ];
    quickPick.show();

    options.load(loading.token).then(
      (items) => {
        if (loading.token.isCancellationRequested) {
          return;
        }
        quickPick.items = items.map(toItemPickItem);
        quickPick.busy = false;
        if (items.length === 0) {
          quickPick.placeholder = 'No friction items yet: add some to .customer-lens/friction.yaml';
        }
      },
      (error: unknown) => {
        if (loading.token.isCancellationRequested) {
          return;
        }
        failure = error;
        quickPick.hide();
      },
    );
  });
}
