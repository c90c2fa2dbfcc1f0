import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import type { Page } from 'playwright-core';
import { CodeServer } from './codeServer';
import { Sidebar, type TreeRow } from './pages/sidebar';
import { artifactFolder, e2e, saveArtifacts, VSIX } from './session';

const CONTAINER = 'Customer Lens';

/** Rows as `[level, label, description]`, which is what a failed assertion should show. */
function shape(rows: readonly TreeRow[]): [number, string, string][] {
  return rows.map((row) => [row.level, row.label, row.description]);
}

describe('e2e: the Customer Lens sidebar', () => {
  let sidebar: Sidebar;

  before(() => {
    sidebar = new Sidebar(e2e().page);
  });

  it('opens from the activity bar; the Friction view ranks items by impact within journeys ranked by their top item', async () => {
    await sidebar.openContainer(CONTAINER);
    await sidebar.expandPane('Friction');
    // Grouped by journey (the default). Ranking is severity, then customers: the three critical
    // items (CHK-204 2,000, PAY-110 1,240, PAY-190 64 customers) lead their journeys, in that order.
    const expected: [number, string, string][] = [
      [1, 'checkout > pay', '1 item'],
      [2, 'CHK-204 Pay button charges twice on slow connections', 'critical · 2,000 customers'],
      [1, 'checkout > refund', '2 items'],
      [2, 'PAY-110 A refund retried after a card-network timeout is paid out twice', 'critical · 1,240 customers'],
      [2, 'PAY-101 Refunds take 10 days to reach the card', 'high · 412 customers'],
      [1, 'payouts > settlement', '2 items'],
      [2, 'PAY-190 Nightly settlement stalls for merchants with many payouts', 'critical · 64 customers'],
      [2, 'PAY-130 Merchant payouts land a day late', 'medium · 95 customers'],
    ];
    // Expanded items (level 3: code locations) are left out, so the check holds in any state.
    const firstRows = (rows: readonly TreeRow[]) => shape(rows.filter((row) => row.level <= 2).slice(0, expected.length));
    const rows = await sidebar.waitForRows('Friction', (current) => JSON.stringify(firstRows(current)) === JSON.stringify(expected));
    assert.deepEqual(firstRows(rows), expected);
  });

  it('badges the activity bar entry with the 3 open critical items linked to code (CHK-204, PAY-110, PAY-190)', async () => {
    const { page } = e2e();
    const item = sidebar.activityItem(CONTAINER);
    await item.locator('.badge .badge-content', { hasText: /^3$/ }).waitFor({ timeout: 20_000 });
    assert.equal(await sidebar.badge(CONTAINER), '3');
    // The badge's tooltip is in the entry's accessible name.
    assert.match((await item.locator('a.action-label').getAttribute('aria-label')) ?? '', /^Customer Lens - 3 open critical friction items are linked to code in this workspace$/);
    // Not a count of every item: there are 20.
    await page.locator('.statusbar-item', { hasText: /\b20 items\b/ }).first().waitFor();
  });

  it('expanding an item lists its code locations, and clicking one opens the file at that line', async () => {
    const { workbench, page } = e2e();
    // No editors: the tab that opens is the click's doing.
    await workbench.runCommand('View: Close All Editors');
    await page.locator('.tab').first().waitFor({ state: 'detached' });
    await sidebar.openContainer(CONTAINER);
    await sidebar.expandRow('Friction', 'CHK-204 ');
    const isLocationOfChk204 = (rows: readonly TreeRow[]) => {
      const at = rows.findIndex((row) => row.label.startsWith('CHK-204 '));
      return at >= 0 && rows[at + 1]?.level === 3;
    };
    const rows = await sidebar.waitForRows('Friction', isLocationOfChk204);
    const at = rows.findIndex((row) => row.label.startsWith('CHK-204 '));
    const locations: TreeRow[] = [];
    for (const row of rows.slice(at + 1)) {
      if (row.level !== 3) break;
      locations.push(row);
    }
    // The `@friction CHK-204` tag in CheckoutController.submit's TSDoc, line 33.
    assert.deepEqual(shape(locations), [[3, 'CheckoutController.submit', 'src/payments/checkout.ts:33']]);

    await sidebar.row('Friction', 'CheckoutController.submit').click();
    await page.locator('.tab.active', { hasText: 'checkout.ts' }).waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: /Ln 33, Col \d+/ }).waitFor({ timeout: 10_000 });
    // The editor shows the tag, not just the file.
    await page.locator('.monaco-editor .view-line', { hasText: /@friction\s+CHK-204/ }).first().waitFor();
  });

  it('This File lists the linked symbols of the active file with their items, and follows the active editor', async () => {
    const { workbench } = e2e();
    await workbench.openFile('src/payments/refund.ts');
    await sidebar.openContainer(CONTAINER);
    await sidebar.expandPane('This File');
    const refund: [number, string, string][] = [
      [1, 'RefundService.issue', 'line 36 · 1 item'],
      [2, 'PAY-101 Refunds take 10 days to reach the card', 'high · 412 customers'],
      [1, 'RefundService.retry', 'line 53 · 1 item'],
      [2, 'PAY-110 A refund retried after a card-network timeout is paid out twice', 'critical · 1,240 customers'],
      [1, 'RefundService.submitToNetwork', 'line 70 · 2 items'],
      [2, 'PAY-101 Refunds take 10 days to reach the card', 'high · 412 customers'],
      [2, 'PAY-120 Customers cannot see where their refund is', 'medium · 260 customers'],
    ];
    let rows = await sidebar.waitForRows('This File', (current) => JSON.stringify(shape(current)) === JSON.stringify(refund));
    assert.deepEqual(shape(rows), refund);
    assert.equal(await sidebar.paneDescription('This File'), 'src/payments/refund.ts');

    await workbench.openFile('src/payments/checkout.ts');
    const checkout: [number, string, string][] = [
      [1, 'CheckoutController.submit', 'line 35 · 1 item'],
      [2, 'CHK-204 Pay button charges twice on slow connections', 'critical · 2,000 customers'],
      [1, 'CheckoutController.applyCoupon', 'line 53 · 1 item'],
      [2, 'CHK-210 Coupon codes are rejected when typed in lower case', 'medium · 320 customers'],
    ];
    rows = await sidebar.waitForRows('This File', (current) => JSON.stringify(shape(current)) === JSON.stringify(checkout));
    assert.deepEqual(shape(rows), checkout);
    assert.equal(await sidebar.paneDescription('This File'), 'src/payments/checkout.ts');
  });
});

describe('e2e: the Friction view in a workspace without .customer-lens', () => {
  let empty: string | undefined;
  let server: CodeServer | undefined;
  let page: Page | undefined;

  // A second VS Code on an empty folder, in a second page of the same browser.
  before(async function (this: Context) {
    this.timeout(300_000);
    empty = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-empty-'));
    server = await CodeServer.start({ workspace: empty, vsix: VSIX, log: (line) => console.log(`    [e2e] ${line}`) });
    page = await e2e().browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  });

  afterEach(async function (this: Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !page || !server) return;
    const folder = artifactFolder(test.fullTitle(), 'empty workspace');
    await saveArtifacts(folder, { page, server });
    console.log(`    [e2e] failure artifacts: ${folder}`);
  });

  after(async function (this: Context) {
    this.timeout(60_000);
    await page?.close();
    await server?.stop();
    if (empty) rmSync(empty, { recursive: true, force: true });
  });

  it('shows the welcome view with Create from Template, which writes .customer-lens and opens friction.yaml', async () => {
    assert.ok(page && server);
    const sidebar = new Sidebar(page);
    await sidebar.openContainer(CONTAINER);
    const welcome = sidebar.welcome('Friction');
    await welcome.waitFor({ timeout: 20_000 });
    assert.match(await welcome.innerText(), /No .?\.customer-lens.? folder in this workspace\./);
    const create = sidebar.welcomeButton('Friction', 'Create from Template');
    assert.ok(await create.isVisible(), 'the Create from Template button shows');

    await create.click();
    await page.locator('.tab.active', { hasText: 'friction.yaml' }).waitFor({ timeout: 30_000 });
    assert.ok(existsSync(path.join(server.workspaceCopy, '.customer-lens', 'friction.yaml')));
    // The welcome gives way to the template's example item.
    const rows = await sidebar.waitForRows('Friction', (current) => current.some((row) => row.label.startsWith('DEMO-1 ')));
    assert.ok(
      rows.some((row) => row.label === 'DEMO-1 Customers wait too long for their refund'),
      `rows: ${JSON.stringify(shape(rows))}`,
    );
    assert.equal(await welcome.isVisible(), false);
  });
});
