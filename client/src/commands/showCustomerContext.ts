import type { Container } from '../container';
import { pickFrictionItem } from '../items/pickFrictionItem';

/**
 * "Show Customer Context": the panel for the linked symbol (or key) at the cursor; with nothing
 * linked there, a picker of every item.
 */
export async function showCustomerContext(container: Container): Promise<void> {
  const { server, uris, panel } = container;
  const editor = container.lastEditor.current;
  if (editor !== undefined) {
    const uri = uris.toProtocol(editor.document.uri);
    const { line, character } = editor.selection.active;
    const found = await server.symbolItems({ uri, position: { line, character } });
    if (found !== null && found.keys.length > 0) {
      await panel.showFound(found, { uri, label: uris.describe(uri) });
      return;
    }
  }
  const item = await pickFrictionItem({
    title: 'Customer Lens: Show Customer Context',
    placeholder:
      editor === undefined ? 'Pick a friction item to show' : 'Nothing is linked at the cursor: pick a friction item to show',
    load: () => server.listItems(),
  });
  if (item !== undefined) {
    await panel.showItems([item.key], { pinned: true, preserveFocus: false });
  }
}
