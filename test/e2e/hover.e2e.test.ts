import assert from 'node:assert/strict';
import { e2e } from './session';

describe('e2e: hovers in VS Code', () => {
  it('shows PAY-101 with title, customers and a quote on RefundService.issue (TypeScript)', async () => {
    const { workbench } = e2e();
    await workbench.openFile('src/payments/refund.ts');
    const text = await workbench.hoverToken('issue', 36);
    assert.match(text, /PAY-101/);
    assert.match(text, /Refunds take 10 days to reach the card/);
    assert.match(text, /412 customers/);
    assert.match(text, /I was charged twice and waited two weeks for the refund/);
    assert.match(text, /Open in Customer Lens/);
  });

  it('shows PAY-140 on SettlementWorker.reconcile (Python)', async () => {
    const { workbench } = e2e();
    await workbench.openFile('worker/settlement.py');
    const text = await workbench.hoverToken('reconcile', 24);
    assert.match(text, /PAY-140/);
    assert.match(text, /180 customers/);
  });

  it('shows none of ours on an unlinked symbol', async () => {
    const { workbench } = e2e();
    await workbench.openFile('src/util/dates.ts');
    // TypeScript's own hover still shows; ours must not be in it.
    const text = await workbench.hoverToken('formatDate', 5);
    assert.doesNotMatch(text, /Open in Customer Lens|friction item|customers ·/);
  });
});
