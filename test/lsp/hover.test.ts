import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { commandLinks, hoverKeys, markdownOf, plainText } from '../support/lspHover';
import { at, lineOf, positionOf } from '../support/lspWorkspace';
import { useSampleServer } from '../support/sampleServer';
import { BY_SYMBOL, NON_LINKS } from './expected';

describe('LSP: hover', () => {
  const server = useSampleServer('suite', { open: [...BY_SYMBOL.map((row) => row.file), ...NON_LINKS.map((row) => row.file), 'src/util/dates.ts'] });

  const hoverText = async (file: string, line: number, col: number): Promise<{ hover: Hover; markdown: string; text: string }> => {
    const hover = await server.session.hover(file, at(line, col));
    const markdown = markdownOf(hover);
    return { hover: hover as Hover, markdown, text: plainText(markdown) };
  };

  it('shows PAY-101 on the name of the TS method RefundService.issue', async () => {
    const { hover, markdown, text } = await hoverText('src/payments/refund.ts', 36, 9);
    assert.deepEqual(hover.range, { start: { line: 35, character: 8 }, end: { line: 35, character: 13 } }, 'the range is the name `issue`');
    assert.deepEqual(hoverKeys(markdown), ['PAY-101']);
    assert.ok(text.includes('PAY-101'), text);
    assert.ok(text.includes('Refunds take 10 days to reach the card'), text);
    assert.ok(text.includes('412 customers'), text);
    assert.ok(text.includes('57 tickets'), text);
    assert.ok(text.includes('high'), text);
    assert.ok(text.includes('open'), text);
    assert.ok(text.includes('I was charged twice and waited two weeks for the refund.'), text);
    assert.ok(text.includes('Northwind Traders'), text);
    // Four touchpoints are about PAY-101 (TP-1, TP-2, TP-3, TP-7).
    assert.ok(text.includes('4 touchpoint insights'), text);
    // The key links to the tracker.
    assert.ok(markdown.includes('](https://tracker.example.com/browse/PAY-101)'), markdown);
    const open = commandLinks(markdown).find((link) => link.label === 'Open in Customer Lens');
    assert.deepEqual(open, { label: 'Open in Customer Lens', command: 'customerLens.openItem', args: [['PAY-101']] });
  });

  it('keeps quote dates as ISO text (YAML 1.1 timestamps are not turned into Dates)', async () => {
    const { text } = await hoverText('src/payments/refund.ts', 36, 9);
    assert.ok(text.includes('2026-10-02'), text);
    assert.ok(!/GMT|T00:00:00/.test(text), text);
  });

  it('shows PAY-140 on the Python method SettlementWorker.reconcile (mapping M2)', async () => {
    const { hover, markdown, text } = await hoverText('worker/settlement.py', 24, 9);
    assert.deepEqual(hover.range?.start, { line: 23, character: 8 });
    assert.deepEqual(hoverKeys(markdown), ['PAY-140']);
    assert.ok(text.includes('Reconciliation misses currency-converted payouts'), text);
    assert.ok(text.includes('180 customers'), text);
    assert.ok(text.includes('Every EUR payout is flagged'), text);
    assert.ok(markdown.includes('command:customerLens.openItem'), markdown);
  });

  it('shows PAY-130 on the decorated Python function retry_failed_payouts', async () => {
    const { markdown, text } = await hoverText('worker/settlement.py', 39, 5);
    assert.deepEqual(hoverKeys(markdown), ['PAY-130']);
    assert.ok(text.includes('Merchant payouts land a day late'), text);
    assert.ok(text.includes('95 customers'), text);
    assert.ok(text.includes("Friday's payout arrived on Tuesday."), text);
  });

  it('shows PAY-101 then PAY-120 on the Go method Client.Refund', async () => {
    const { hover, markdown, text } = await hoverText('clients/go/payments/client.go', 36, 18);
    assert.deepEqual(hover.range, { start: { line: 35, character: 17 }, end: { line: 35, character: 23 } }, 'the range is the name `Refund`');
    assert.deepEqual(hoverKeys(markdown), ['PAY-101', 'PAY-120']);
    assert.ok(text.indexOf('412 customers') < text.indexOf('260 customers'), text);
    assert.ok(text.includes('Customers cannot see where their refund is'), text);
    assert.ok(text.includes('I need one word: submitted, settled or failed.'), text);
    assert.ok(!text.includes('more'), 'two items fit under the default maxItems of 3');
  });

  it('shows only the hovered key for a key in a comment, over exactly the key', async () => {
    // refund.ts 69:25 is PAY-120 in `// friction: PAY-101, PAY-120`.
    const { hover, markdown, text } = await hoverText('src/payments/refund.ts', 69, 25);
    assert.deepEqual(hover.range, { start: { line: 68, character: 24 }, end: { line: 68, character: 31 } });
    assert.deepEqual(hoverKeys(markdown), ['PAY-120']);
    assert.ok(text.includes('Customers cannot see where their refund is'), text);
    assert.ok(text.includes('260 customers'), text);
    assert.ok(!text.includes('Refunds take 10 days'), 'PAY-101, the other key on the line, is not shown');
    // The last character of the key still hovers it.
    const end = await server.session.hover('src/payments/refund.ts', at(69, 31));
    assert.deepEqual(hoverKeys(markdownOf(end)), ['PAY-120']);
  });

  it('hovers a key inside a Python docstring', async () => {
    const { hover, markdown } = await hoverText('worker/notifications.py', 17, 15);
    assert.deepEqual(hover.range, { start: { line: 16, character: 14 }, end: { line: 16, character: 21 } });
    assert.deepEqual(hoverKeys(markdown), ['PAY-180']);
  });

  it('redacts customer PII in hover quotes', async () => {
    const retry = (await hoverText('src/payments/refund.ts', 53, 9)).text;
    assert.ok(retry.includes('We refunded card'), retry);
    assert.ok(!retry.includes('4111 1111 1111 1111'), retry);
    const email = (await hoverText('worker/notifications.py', 14, 5)).text;
    assert.ok(email.includes('Nobody told me the refund was done.'), email);
    assert.ok(!email.includes('415 555 0134'), email);
  });

  describe('every symbol of EXPECTED.md section 5, items in hover order', () => {
    for (const row of BY_SYMBOL) {
      it(`${row.symbol} (${row.file} ${row.line}:${row.col}) → ${row.keys.join(', ')}`, async () => {
        const hover = await server.session.hover(row.file, at(row.line, row.col));
        assert.deepEqual(hoverKeys(markdownOf(hover)), row.keys);
        assert.equal(hover?.range?.start.line, row.line - 1);
        assert.equal(hover?.range?.start.character, row.col - 1);
      });
    }
  });

  it('answers null on a symbol with no links (src/util/dates.ts formatDate)', async () => {
    assert.equal(await server.session.hover('src/util/dates.ts', at(lineOf('src/util/dates.ts', 'export function formatDate'), 17)), null);
  });

  it('answers null inside a linked method body, off its name', async () => {
    // `if (request.amountMinor <= 0)` in RefundService.issue.
    assert.equal(await server.session.hover('src/payments/refund.ts', at(37, 5)), null);
  });

  describe('non-links of EXPECTED.md section 4 answer null', () => {
    for (const row of NON_LINKS) {
      it(`${row.id}: '${row.token}' in ${row.file}:${row.line}`, async () => {
        assert.equal(await server.session.hover(row.file, positionOf(row.file, row.line, row.token)), null);
      });
    }
  });

  describe('the hostile item PAY-666', () => {
    const hostileHovers = async (): Promise<string[]> => [
      markdownOf(await server.session.hover('src/billing/invoice.ts', at(28, 16))),
      markdownOf(await server.session.hover('src/billing/invoice.ts', at(29, 3))),
    ];

    it('is shown, as text', async () => {
      const [onKey] = await hostileHovers();
      assert.deepEqual(hoverKeys(onKey ?? ''), ['PAY-666']);
      const text = plainText(onKey ?? '');
      assert.ok(text.includes('Receipt shows raw markup <img src=x onerror=alert(1)>'), text);
      assert.ok(text.includes('3 customers'), text);
    });

    it('has no raw HTML, no foreign command link and no javascript: link', async () => {
      for (const markdown of await hostileHovers()) {
        assert.ok(!/(?<!\\)<img/i.test(markdown), `raw <img in:\n${markdown}`);
        assert.ok(!/(?<!\\)<script/i.test(markdown), `raw <script in:\n${markdown}`);
        assert.ok(!/(?<!\\)<b>/i.test(markdown), `raw <b> in:\n${markdown}`);
        assert.ok(!markdown.includes('](command:workbench'), markdown);
        assert.ok(!/\]\(\s*javascript:/i.test(markdown), markdown);
        assert.ok(!/\]\(\s*<?\s*javascript:/i.test(markdown), markdown);
        for (const link of commandLinks(markdown)) assert.match(link.command, /^customerLens\./, `foreign command ${link.command}`);
        // Every link target is https or one of our commands.
        for (const match of markdown.matchAll(/(?<!\\)\]\(([^)\s]*)/g)) assert.match(match[1] ?? '', /^(https:\/\/|command:customerLens\.)/, markdown);
      }
    });

    it('does not link the key to its javascript: url', async () => {
      const [onKey] = await hostileHovers();
      assert.ok(!/\[PAY\\?-666\]\(/.test(onKey ?? ''), onKey);
    });
  });
});
