import { window } from 'vscode';
import { ItemLocationsRequest } from '../../../server/src/protocol';
import { CommandIds } from '../commandIds';
import type { Container } from '../container';
import { pickFrictionItem } from '../items/pickFrictionItem';
import { revealItemByKey, revealItemLocations } from '../locations/revealItemLocations';
import { describeArgs, parseOpenItemArgs } from './openItemArgs';

/**
 * Until the panel exists, "open" means going to the item's linked code. Arguments come from
 * command URIs in hovers and CodeLens: `[keys: string[]]`.
 */
export async function openItem(container: Container, args: readonly unknown[]): Promise<void> {
  const keys = parseOpenItemArgs(args);
  if (keys === undefined) {
    container.log.warn(`${CommandIds.openItem}: ignored arguments ${describeArgs(args)}; expected [keys: string[]].`);
    return;
  }
  const [onlyKey] = keys;
  if (keys.length === 1 && onlyKey !== undefined) {
    await revealItemByKey(container, onlyKey);
    return;
  }

  const results = await Promise.all(
    keys.map((key) => container.client.sendRequest(ItemLocationsRequest.type, { key })),
  );
  const known = results.flatMap((result) => (result.item === null ? [] : [{ item: result.item, result }]));
  const [onlyKnown] = known;
  if (onlyKnown === undefined) {
    void window.showInformationMessage(`Customer Lens doesn't know the friction items ${keys.join(', ')}.`);
    return;
  }
  if (known.length === 1) {
    await revealItemLocations(container, onlyKnown.item.key, onlyKnown.result);
    return;
  }
  const picked = await pickFrictionItem({
    title: 'Customer Lens: Friction Items Here',
    placeholder: 'Pick a friction item to go to its linked code',
    load: () => Promise.resolve(known.map(({ item }) => item)),
  });
  const chosen = known.find(({ item }) => item.key === picked?.key);
  if (chosen !== undefined) {
    await revealItemLocations(container, chosen.item.key, chosen.result);
  }
}
