import assert from 'node:assert/strict';
import { waitFor, type LspSession } from '../support/lspClient';
import { commandLinks, hoverKeys, markdownOf, plainText } from '../support/lspHover';
import { at } from '../support/lspWorkspace';
import { useSampleServer } from '../support/sampleServer';

const GO_CLIENT = 'clients/go/payments/client.go';
const CLIENT_REFUND = at(36, 18);

describe('LSP: settings pulled with workspace/configuration', () => {
  /** What the client answers for `customerLens`; tests change it. */
  let settings: unknown;
  const server = useSampleServer('test', false);

  const start = async (initial: unknown): Promise<LspSession> => {
    settings = initial;
    const session = await server.start({ workspace: { configuration: true } }, { configuration: (item) => (item.section === 'customerLens' ? settings : null) });
    await session.openDocument(GO_CLIENT);
    await session.openDocument('src/payments/refund.ts');
    return session;
  };

  it('asks for the customerLens section scoped to the document', async () => {
    const s = await start({});
    await s.hover(GO_CLIENT, CLIENT_REFUND);
    assert.ok(
      s.configurationRequests.some((item) => item.section === 'customerLens' && item.scopeUri === s.uri(GO_CLIENT)),
      JSON.stringify(s.configurationRequests),
    );
  });

  it('hover.maxItems: 1 shows one item and "+1 more" for Client.Refund', async () => {
    const s = await start({ hover: { maxItems: 1 } });
    const markdown = markdownOf(await s.hover(GO_CLIENT, CLIENT_REFUND));
    assert.deepEqual(hoverKeys(markdown), ['PAY-101'], 'only the top-ranked item');
    const text = plainText(markdown);
    assert.ok(text.includes('+1 more'), text);
    assert.ok(!text.includes('Customers cannot see where their refund is'), 'PAY-120 is not rendered');
    const more = commandLinks(markdown).find((link) => link.label === '+1 more');
    assert.deepEqual(more?.command, 'customerLens.openItem');
    assert.deepEqual(more?.args, [['PAY-101', 'PAY-120']], '"+1 more" opens all linked items');
  });

  it('codeLens.enabled: false gives no lenses, hovers still work', async () => {
    const s = await start({ codeLens: { enabled: false } });
    assert.deepEqual(await s.codeLens('src/payments/refund.ts'), []);
    assert.deepEqual(await s.codeLens(GO_CLIENT), []);
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, CLIENT_REFUND))), ['PAY-101', 'PAY-120']);
  });

  it('hover.enabled: false gives no hover, lenses still work', async () => {
    const s = await start({ hover: { enabled: false } });
    assert.equal(await s.hover(GO_CLIENT, CLIENT_REFUND), null);
    assert.equal((await s.codeLens(GO_CLIENT)).length, 1);
  });

  it('falls back to the defaults for settings of the wrong type', async () => {
    const s = await start({ hover: { maxItems: 'two', enabled: 'yes' }, codeLens: { enabled: 0 } });
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, CLIENT_REFUND))), ['PAY-101', 'PAY-120']);
    assert.equal((await s.codeLens(GO_CLIENT)).length, 1);
  });

  it('pulls the settings again after workspace/didChangeConfiguration', async () => {
    const s = await start({ hover: { maxItems: 1 }, codeLens: { enabled: false } });
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, CLIENT_REFUND))), ['PAY-101']);
    assert.deepEqual(await s.codeLens(GO_CLIENT), []);

    settings = { hover: { maxItems: 3 }, codeLens: { enabled: true } };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const keys = await waitFor(async () => {
      const found = hoverKeys(markdownOf(await s.hover(GO_CLIENT, CLIENT_REFUND)));
      return found.length === 2 ? found : undefined;
    }, { what: 'the hover to use maxItems 3' });
    assert.deepEqual(keys, ['PAY-101', 'PAY-120']);
    assert.equal((await s.codeLens(GO_CLIENT)).length, 1);
  });
});
