import assert from 'node:assert/strict';
import { at, fileUri, hoverText } from './sampleWorkspace';

describe('hovers (vscode.executeHoverProvider)', () => {
  it('shows PAY-101 with its title, 412 customers, a quote and the panel command on RefundService.issue', async () => {
    const text = await hoverText(fileUri('src/payments/refund.ts'), at(36, 9));
    assert.match(text, /PAY-101/);
    assert.match(text, /Refunds take 10 days to reach the card/);
    assert.match(text, /412 customers/);
    assert.match(text, /I was charged twice and waited two weeks for the refund/);
    assert.match(text, /\(command:customerLens\.openItem\?/);
  });

  it('ranks the two items of RefundService.submitToNetwork most severe first', async () => {
    const text = await hoverText(fileUri('src/payments/refund.ts'), at(70, 17));
    const pay101 = text.indexOf('PAY-101');
    const pay120 = text.indexOf('PAY-120');
    assert.ok(pay101 >= 0 && pay120 > pay101, `expected PAY-101 (high) before PAY-120 (medium) in:\n${text}`);
  });

  it('shows PAY-140 on SettlementWorker.reconcile (Python, linked by links.yaml)', async () => {
    const text = await hoverText(fileUri('worker/settlement.py'), at(24, 9));
    assert.match(text, /PAY-140/);
    assert.match(text, /180 customers/);
  });

  it('shows none of ours on an unlinked function', async () => {
    const text = await hoverText(fileUri('src/util/dates.ts'), at(5, 17));
    assert.doesNotMatch(text, /customerLens\.openItem|friction item|\d+ customers/);
  });

  it('shows nothing of ours for a known key in a string literal', async () => {
    // refund.ts line 62: `const label = "PAY-101";` (EXPECTED.md N1).
    const text = await hoverText(fileUri('src/payments/refund.ts'), at(62, 21));
    assert.doesNotMatch(text, /customerLens\.openItem/);
  });
});
