import { ListItemsRequest } from '../../../server/src/protocol';
import type { Container } from '../container';
import { pickFrictionItem } from '../items/pickFrictionItem';
import { revealItemByKey } from '../locations/revealItemLocations';

export async function searchFrictionItems(container: Container): Promise<void> {
  const item = await pickFrictionItem({
    title: 'Customer Lens: Friction Items',
    placeholder: 'Search friction items by key, title, label or journey',
    load: (token) => container.client.sendRequest(ListItemsRequest.type, {}, token),
  });
  if (item !== undefined) {
    await revealItemByKey(container, item.key);
  }
}
