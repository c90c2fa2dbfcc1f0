import assert from 'node:assert/strict';
import { commands } from 'vscode';
import { waitFor } from './sampleWorkspace';
import { closePanels, panelTabs } from './tabs';

describe('panel', () => {
  before(closePanels);
  after(closePanels);

  it('opens the Customer Lens webview for customerLens.openItem [["PAY-101"]]', async () => {
    await commands.executeCommand('customerLens.openItem', ['PAY-101']);
    const [tab] = await waitFor('the Customer Lens panel tab', () => {
      const tabs = panelTabs();
      return tabs.length > 0 ? tabs : undefined;
    });
    assert.equal(tab?.label, 'Customer Lens');
  });

  it('reuses the one panel for another item (customerLens.openInPanel with a key)', async () => {
    await commands.executeCommand('customerLens.openInPanel', 'PAY-110');
    assert.equal(panelTabs().length, 1);
  });

  it('refuses arguments that are not [keys: string[]], as a crafted command link would send', async () => {
    await closePanels();
    await commands.executeCommand('customerLens.openItem', 'PAY-101');
    await commands.executeCommand('customerLens.openItem', [[{ key: 'PAY-101' }]]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(panelTabs().length, 0);
  });
});
