import assert from 'node:assert/strict';
import { e2e } from './session';

describe('e2e: the Customer Lens panel', () => {
  it('opens from the CodeLens with quotes, touchpoint insights and code locations, and a location opens its file at the line', async () => {
    const { workbench, page } = e2e();
    await workbench.openFile('src/payments/refund.ts');
    await workbench.goToLine(36);
    const lens = workbench.codeLens(/1 friction item · 412 customers/);
    await lens.waitFor({ timeout: 20_000 });
    await lens.click();

    const panel = workbench.webview('Customer Lens');
    const item = panel.locator('[data-testid="item"][data-key="PAY-101"]');
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.locator('[data-testid="item-title"]').innerText(), /Refunds take 10 days to reach the card/);
    assert.match(await item.locator('[data-testid="quotes"]').innerText(), /I was charged twice and waited two weeks for the refund/);
    assert.match(await item.locator('[data-testid="quotes"]').innerText(), /\[email redacted\]/, 'PII is redacted in the panel');
    assert.equal(await item.locator('[data-testid="touchpoint"]').count(), 4);

    const goLocation = item.locator('[data-testid="location"]', { hasText: 'client.go' }).first();
    await goLocation.click();
    await page.locator('.tab.active', { hasText: 'client.go' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.editor-status-selection, .statusbar-item[id*="selection"], .statusbar-item', { hasText: /Ln \d+/ }).first().innerText(), /Ln 3[5-6]/);
  });

  it('shows the hostile PAY-666 as inert text', async () => {
    const { workbench } = e2e();
    await workbench.openFile('src/billing/invoice.ts');
    await workbench.goToLine(29);
    await workbench.runCommand('Customer Lens: Show Customer Context');
    const panel = workbench.webview('Customer Lens');
    const item = panel.locator('[data-testid="item"][data-key="PAY-666"]');
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.innerText(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await item.locator('img, script, b, i').count(), 0);
    // Its url is javascript:…, which never reaches the panel: no enabled "Open in tracker".
    const tracker = item.locator('[data-testid="open-in-tracker"]');
    assert.ok((await tracker.count()) === 0 || (await tracker.first().getAttribute('aria-disabled')) === 'true', 'no way to open a javascript: url');
  });
});
