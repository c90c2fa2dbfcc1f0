import { env, Uri, window } from 'vscode';
import type { Container } from '../container';
import { openableTrackerUrl } from '../items/trackerUrl';
import { describeArgs } from './openItemArgs';
import { itemKeyFromArg } from './itemKeyArg';

/**
 * The item actions of the views' context menus. Each takes the tree node VS Code passes (or a
 * key) and refuses anything else, since other extensions can run these commands too.
 */
function keyOrWarn(container: Container, command: string, arg: unknown): string | undefined {
  const key = itemKeyFromArg(arg);
  if (key === undefined) {
    container.log.warn(`${command}: ignored argument ${describeArgs([arg])}; expected a friction item.`);
  }
  return key;
}

export async function openInPanel(container: Container, command: string, arg: unknown): Promise<void> {
  const key = keyOrWarn(container, command, arg);
  if (key !== undefined) {
    await container.panel.showItems([key], { pinned: true, preserveFocus: false });
  }
}

export async function openInTracker(container: Container, command: string, arg: unknown): Promise<void> {
  const key = keyOrWarn(container, command, arg);
  if (key === undefined) {
    return;
  }
  // The URL comes from the server, not from the argument: only a known item's http(s) link opens.
  const { item } = await container.server.itemLocations({ key });
  const url = openableTrackerUrl(item?.url);
  if (url === undefined) {
    void window.showInformationMessage(`Customer Lens: ${key} has no tracker link.`);
    return;
  }
  await env.openExternal(Uri.parse(url, true));
}

export async function copyKey(container: Container, command: string, arg: unknown): Promise<void> {
  const key = keyOrWarn(container, command, arg);
  if (key !== undefined) {
    await env.clipboard.writeText(key);
    window.setStatusBarMessage(`$(check) Copied ${key}`, 2500);
  }
}
