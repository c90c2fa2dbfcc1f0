import assert from 'node:assert/strict';
import { e2e } from './session';

describe('e2e: Customer Lens: Search Friction Items', () => {
  it('finds an item by key and reveals its linked code', async () => {
    const { workbench, page } = e2e();
    await workbench.runCommand('Customer Lens: Search Friction Items');
    // The picker replaces the command palette: wait for it before typing.
    const input = page.locator('.quick-input-widget input[placeholder^="Search friction items"]');
    await input.waitFor();
    await input.fill('PAY-140');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'PAY-140' }).waitFor();
    await page.keyboard.press('Enter');
    // PAY-140 links to several places: a second pick lists them; take the Python method.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'SettlementWorker.reconcile' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.locator('.tab.active', { hasText: 'settlement.py' }).waitFor();
    assert.equal(await page.locator('.tab.active', { hasText: 'settlement.py' }).count(), 1);
  });
});
