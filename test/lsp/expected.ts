/**
 * The tables of test/fixtures/sample-workspace/EXPECTED.md that the LSP suite checks, as data.
 * Lines and columns are 1-based, as in EXPECTED.md.
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Section 1: annotations (origin `annotation`). */
export const ANNOTATIONS: readonly { id: string; key: string; file: string; line: number; col: number; symbol?: string }[] = [
  { id: 'A1', key: 'PAY-101', file: 'src/payments/refund.ts', line: 35, col: 16, symbol: 'RefundService.issue' },
  { id: 'A2', key: 'PAY-101', file: 'src/payments/refund.ts', line: 69, col: 16, symbol: 'RefundService.submitToNetwork' },
  { id: 'A3', key: 'PAY-120', file: 'src/payments/refund.ts', line: 69, col: 25, symbol: 'RefundService.submitToNetwork' },
  { id: 'A4', key: 'CHK-204', file: 'src/payments/checkout.ts', line: 33, col: 16, symbol: 'CheckoutController.submit' },
  { id: 'A5', key: 'PAY-110', file: 'src/payments/cardNetwork.ts', line: 34, col: 14, symbol: 'timeoutPolicy' },
  { id: 'A6', key: 'PAY-666', file: 'src/billing/invoice.ts', line: 28, col: 16, symbol: 'InvoiceRenderer.render' },
  { id: 'A7', key: 'PAY-130', file: 'worker/settlement.py', line: 40, col: 11, symbol: 'retry_failed_payouts' },
  { id: 'A8', key: 'PAY-180', file: 'worker/notifications.py', line: 17, col: 15, symbol: 'send_refund_email' },
  { id: 'A9', key: 'PAY-101', file: 'clients/go/payments/client.go', line: 35, col: 14, symbol: 'Client.Refund' },
  { id: 'A10', key: 'PAY-170', file: 'clients/go/payments/webhook.go', line: 30, col: 14, symbol: 'WebhookHandler.ServeHTTP' },
  { id: 'A11', key: 'PAY-150', file: 'clients/java/src/main/java/com/acme/payments/PaymentsClient.java', line: 22, col: 19, symbol: 'PaymentsClient.refund' },
  { id: 'A12', key: 'PAY-160', file: 'clients/dotnet/PaymentsClient.cs', line: 22, col: 23, symbol: 'PaymentsClient.RefundAsync' },
  { id: 'A13', key: 'PAY-140', file: 'tools/reconcile/src/main.rs', line: 24, col: 19, symbol: 'Ledger.mismatches' },
  { id: 'A14', key: 'BIL-310', file: 'scripts/backfill.rb', line: 13, col: 15, symbol: 'InvoiceBackfill.run' },
  { id: 'A15', key: 'PAY-170', file: 'scripts/replay_webhooks.sh', line: 3, col: 13 },
  { id: 'A16', key: 'PAY-101', file: 'db/migrations/004_refund_status.sql', line: 2, col: 14 },
  { id: 'A17', key: 'BIL-305', file: 'web/receipt.html', line: 24, col: 20 },
  { id: 'A18', key: 'PAY-101', file: 'docs/runbook.md', line: 5, col: 16 },
];

/** Section 4: text that must not link, with the exact token to hover. */
export const NON_LINKS: readonly { id: string; file: string; line: number; token: string }[] = [
  { id: 'N1', file: 'src/payments/refund.ts', line: 62, token: 'PAY-101' },
  { id: 'N2', file: 'worker/settlement.py', line: 42, token: 'PAY-102' },
  { id: 'N3', file: 'src/payments/checkout.ts', line: 52, token: '2026-08' },
  { id: 'N4', file: 'src/payments/cardNetwork.ts', line: 2, token: 'ABC-123' },
  { id: 'N5', file: 'src/payments/cardNetwork.ts', line: 21, token: 'RFC-7231' },
  { id: 'N6', file: 'src/billing/invoice.ts', line: 34, token: 'UTF-8' },
  { id: 'N7', file: 'clients/go/payments/webhook.go', line: 50, token: 'UTF-8' },
  { id: 'N8', file: 'worker/settlement.py', line: 25, token: 'ISO-8601' },
  { id: 'N9', file: 'src/billing/invoice.ts', line: 36, token: 'utf-8' },
  { id: 'N10', file: 'web/receipt.html', line: 4, token: 'utf-8' },
  { id: 'N11', file: 'build/generated.ts', line: 2, token: 'PAY-101' },
  { id: 'N12', file: 'node_modules/left-pad/index.js', line: 2, token: 'PAY-101' },
];

/** Section 5: hover at a symbol's name (Line:Col), items in hover order. */
export const BY_SYMBOL: readonly { file: string; line: number; col: number; symbol: string; keys: string[] }[] = [
  { file: 'src/payments/refund.ts', line: 36, col: 9, symbol: 'RefundService.issue', keys: ['PAY-101'] },
  { file: 'src/payments/refund.ts', line: 53, col: 9, symbol: 'RefundService.retry', keys: ['PAY-110'] },
  { file: 'src/payments/refund.ts', line: 70, col: 17, symbol: 'RefundService.submitToNetwork', keys: ['PAY-101', 'PAY-120'] },
  { file: 'src/payments/checkout.ts', line: 35, col: 9, symbol: 'CheckoutController.submit', keys: ['CHK-204'] },
  { file: 'src/payments/checkout.ts', line: 53, col: 3, symbol: 'CheckoutController.applyCoupon', keys: ['CHK-210'] },
  { file: 'src/payments/cardNetwork.ts', line: 35, col: 14, symbol: 'timeoutPolicy', keys: ['PAY-110'] },
  { file: 'src/billing/invoice.ts', line: 29, col: 3, symbol: 'InvoiceRenderer.render', keys: ['BIL-305', 'PAY-666'] },
  { file: 'worker/settlement.py', line: 9, col: 9, symbol: 'SettlementWorker.run', keys: ['PAY-190'] },
  { file: 'worker/settlement.py', line: 24, col: 9, symbol: 'SettlementWorker.reconcile', keys: ['PAY-140'] },
  { file: 'worker/settlement.py', line: 39, col: 5, symbol: 'retry_failed_payouts', keys: ['PAY-130'] },
  { file: 'worker/notifications.py', line: 14, col: 5, symbol: 'send_refund_email', keys: ['PAY-180'] },
  { file: 'clients/go/payments/client.go', line: 36, col: 18, symbol: 'Client.Refund', keys: ['PAY-101', 'PAY-120'] },
  { file: 'clients/go/payments/webhook.go', line: 31, col: 26, symbol: 'WebhookHandler.ServeHTTP', keys: ['PAY-170'] },
  { file: 'clients/java/src/main/java/com/acme/payments/PaymentsClient.java', line: 23, col: 19, symbol: 'PaymentsClient.refund', keys: ['PAY-150'] },
  { file: 'clients/dotnet/PaymentsClient.cs', line: 23, col: 41, symbol: 'PaymentsClient.RefundAsync', keys: ['PAY-160'] },
  { file: 'tools/reconcile/src/main.rs', line: 25, col: 8, symbol: 'Ledger.mismatches', keys: ['PAY-140'] },
  { file: 'scripts/backfill.rb', line: 14, col: 7, symbol: 'InvoiceBackfill.run', keys: ['BIL-310'] },
];

/** Section 6: every item, with severity and customers. */
export const ITEMS: readonly { key: string; severity: Severity; customers: number }[] = [
  { key: 'PAY-101', severity: 'high', customers: 412 },
  { key: 'PAY-102', severity: 'low', customers: 38 },
  { key: 'PAY-110', severity: 'critical', customers: 1240 },
  { key: 'PAY-120', severity: 'medium', customers: 260 },
  { key: 'PAY-130', severity: 'medium', customers: 95 },
  { key: 'PAY-140', severity: 'high', customers: 180 },
  { key: 'PAY-150', severity: 'low', customers: 12 },
  { key: 'PAY-160', severity: 'high', customers: 75 },
  { key: 'PAY-170', severity: 'medium', customers: 140 },
  { key: 'PAY-180', severity: 'high', customers: 530 },
  { key: 'PAY-190', severity: 'critical', customers: 64 },
  { key: 'PAY-666', severity: 'medium', customers: 3 },
  { key: 'CHK-204', severity: 'critical', customers: 2000 },
  { key: 'CHK-210', severity: 'medium', customers: 320 },
  { key: 'CHK-215', severity: 'high', customers: 870 },
  { key: 'CHK-220', severity: 'medium', customers: 0 },
  { key: 'BIL-301', severity: 'high', customers: 150 },
  { key: 'BIL-305', severity: 'medium', customers: 210 },
  { key: 'BIL-310', severity: 'low', customers: 7 },
  { key: 'BIL-320', severity: 'low', customers: 0 },
];

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export function customersOf(key: string): number {
  const item = ITEMS.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`no item ${key} in EXPECTED.md`);
  return item.customers;
}
