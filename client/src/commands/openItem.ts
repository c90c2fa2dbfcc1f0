import { CommandIds } from '../commandIds';
import type { Container } from '../container';
import { describeArgs, parseOpenItemArgs } from './openItemArgs';

/**
 * Opens the panel pinned on the given items. Arguments come from command URIs in hovers and
 * CodeLens (`[keys: string[]]`), so they are validated before anything is asked of the server.
 */
export async function openItem(container: Container, args: readonly unknown[]): Promise<void> {
  const keys = parseOpenItemArgs(args);
  if (keys === undefined) {
    container.log.warn(`${CommandIds.openItem}: ignored arguments ${describeArgs(args)}; expected [keys: string[]].`);
    return;
  }
  await container.panel.showItems(keys, { pinned: true, preserveFocus: false });
}
