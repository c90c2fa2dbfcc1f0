import type { ItemLocationsRequest } from '../../../server/src/protocol';
import type { Container } from '../container';
import { offerTracker } from '../items/offerTracker';
import { toLocationPickItem } from './locationPickItem';
import { pickLocation } from './pickLocation';
import { showLocation } from './showLocation';

export async function revealItemByKey(container: Container, key: string): Promise<void> {
  const result = await container.server.itemLocations({ key });
  await revealItemLocations(container, key, result);
}

/** None: say so (and offer the tracker); one: open it; several: let the user pick. */
export async function revealItemLocations(
  container: Container,
  key: string,
  { item, locations }: ItemLocationsRequest.Result,
): Promise<void> {
  const { uris, log } = container;
  const [first] = locations;
  if (first === undefined) {
    await offerTracker(key, item);
    return;
  }
  if (locations.length === 1) {
    await showLocation(uris, first, { preview: true, preserveFocus: false });
    return;
  }
  const items = locations.map((location) => toLocationPickItem(location, uris.describe(location.uri)));
  const title = item === null ? key : `${item.key}: ${item.title}`;
  const picked = await pickLocation(uris, title, items, (error: unknown) => {
    log.warn(`Could not preview a location of ${key}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (picked !== undefined) {
    await showLocation(uris, picked.location, { preview: false, preserveFocus: false });
  }
}
