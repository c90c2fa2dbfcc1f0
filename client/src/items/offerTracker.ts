import { env, Uri, window } from 'vscode';
import type { ItemSummary } from '../../../server/src/protocol';
import { openableTrackerUrl } from './trackerUrl';

const OPEN_IN_TRACKER = 'Open in Tracker';

/** Says that an item has no linked code, offering its tracker page when it has a safe one. */
export async function offerTracker(key: string, item: ItemSummary | null): Promise<void> {
  if (item === null) {
    void window.showInformationMessage(`Customer Lens doesn't know the friction item ${key}.`);
    return;
  }
  const url = openableTrackerUrl(item.url);
  const message = `${item.key} has no linked code locations yet.`;
  const choice = url === undefined
    ? await window.showInformationMessage(message)
    : await window.showInformationMessage(message, OPEN_IN_TRACKER);
  if (choice === OPEN_IN_TRACKER && url !== undefined) {
    await env.openExternal(Uri.parse(url, true));
  }
}
