import assert from 'node:assert/strict';
import { e2e } from './session';

describe('e2e: CodeLens and hostile tracker text', () => {
  it('shows `1 friction item · 412 customers` above RefundService.issue', async () => {
    const { workbench } = e2e();
    await workbench.openFile('src/payments/refund.ts');
    await workbench.goToLine(36);
    const lens = workbench.codeLens(/1 friction item · 412 customers/);
    await lens.waitFor({ timeout: 20_000 });
    assert.equal((await lens.innerText()).trim(), '1 friction item · 412 customers');
  });

  it('renders PAY-666 (`<img onerror>`, `<script>`, `[x](command:…)`, javascript: url) as inert text in the hover', async () => {
    const { workbench, page } = e2e();
    await workbench.openFile('src/billing/invoice.ts');
    const text = await workbench.hoverToken('render', 29);
    assert.match(text, /PAY-666/);
    assert.match(text, /<img src=x onerror=alert\(1\)>/, 'the markup is shown as text');
    const hover = page.locator('.monaco-hover-content').first();
    assert.equal(await hover.locator('img').count(), 0, 'no image element was created');
    assert.equal(await hover.locator('script').count(), 0);
    const hrefs = await hover.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-href') ?? link.getAttribute('href') ?? ''));
    assert.ok(hrefs.every((href) => !/^javascript:|command:workbench/i.test(href)), `links: ${hrefs.join(', ')}`);
    assert.ok(hrefs.some((href) => href.startsWith('command:customerLens.openItem')), 'our own command link is there');
  });
});
