import assert from 'node:assert/strict';
import { commands, TabInputText, window, workspace } from 'vscode';
import { fileUri, waitFor } from './sampleWorkspace';
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

  it('reuses the one panel for another item, brought to the front (customerLens.openInPanel with a key)', async () => {
    // An editor in front of the panel, in the panel's own group: only the command can bring it back.
    const [panel] = panelTabs();
    assert.ok(panel, 'the panel the test before opened');
    const column = panel.group.viewColumn;
    const uri = fileUri('src/payments/refund.ts');
    await window.showTextDocument(await workspace.openTextDocument(uri), { viewColumn: column, preview: false });
    try {
      await waitFor('the editor in front of the panel', () => (panelTabs().some((tab) => tab.isActive) ? undefined : true), 5_000);

      await commands.executeCommand('customerLens.openInPanel', 'PAY-110');
      await waitFor('the panel tab in front again', () => (panelTabs().some((tab) => tab.isActive) ? true : undefined), 5_000);
      assert.equal(panelTabs().length, 1, 'the same panel, not a second one');
    } finally {
      const group = window.tabGroups.all.find((candidate) => candidate.viewColumn === column);
      await window.tabGroups.close(group?.tabs.filter((tab) => tab.input instanceof TabInputText && tab.input.uri.toString() === uri.toString()) ?? []);
    }
  });

  it('refuses arguments that are not [keys: string[]], as a crafted command link would send', async () => {
    await closePanels();
    await commands.executeCommand('customerLens.openItem', 'PAY-101');
    await commands.executeCommand('customerLens.openItem', [[{ key: 'PAY-101' }]]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(panelTabs().length, 0);
  });
});
