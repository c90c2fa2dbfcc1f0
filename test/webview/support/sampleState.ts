/** Panel states built from the sample workspace's data (test/fixtures/sample-workspace/.customer-lens). */
import type { PanelItem, PanelState } from '../../../webview/src/protocol';

export const REFUND_URI = 'file:///workspace/src/payments/refund.ts';

export function pay101(overrides: Partial<PanelItem> = {}): PanelItem {
  return {
    key: 'PAY-101',
    title: 'Refunds take 10 days to reach the card',
    source: 'local',
    status: 'open',
    rawStatus: 'open',
    severity: 'high',
    summary: 'Refunds are accepted straight away but reach the cardholder 7 to 12 business days later.',
    journey: 'checkout > refund',
    customers: 412,
    tickets: 57,
    votes: 0,
    arr: 1_250_000,
    labels: ['refunds', 'card-network'],
    url: 'https://tracker.example.com/browse/PAY-101',
    updatedAt: '2026-11-01T10:00:00Z',
    quotes: [
      { text: 'I was charged twice and waited two weeks for the refund.', customer: 'Northwind Traders', date: '2026-10-02' },
      { text: 'Our customers think we kept their money. Please email me at [email] when this is fixed.', customer: 'Northwind Traders', date: '2026-10-09' },
      { text: 'Ten days is an eternity for a 20 dollar refund.', customer: 'Contoso', date: '2026-09-21' },
    ],
    locations: [
      {
        uri: REFUND_URI,
        range: { startLine: 41, startCharacter: 2, endLine: 58, endCharacter: 3 },
        symbol: 'RefundService.issue',
        origin: 'annotation',
        label: 'src/payments/refund.ts',
      },
      {
        uri: 'file:///workspace/worker/settlement.py',
        range: { startLine: 9, startCharacter: 0, endLine: 19, endCharacter: 0 },
        origin: 'tracker-ref',
        label: 'worker/settlement.py',
      },
    ],
    touchpoints: [
      {
        id: 'TP-7',
        format: 'support-rotation',
        date: '2026-10-14',
        engineer: 'dana@example.com',
        customer: 'Northwind Traders',
        summary: 'Agents re-issue refunds by hand when the card network times out.',
        quotes: ['We just click refund again and hope.'],
      },
      {
        id: 'TP-3',
        format: 'ride-along',
        date: '2026-03-05',
        engineer: 'sam@example.com',
        summary: 'Joined a renewal call; the refund delay came up before pricing did.',
        quotes: [],
      },
    ],
    pullRequests: [],
    ...overrides,
  };
}

export function pay110(overrides: Partial<PanelItem> = {}): PanelItem {
  return {
    key: 'PAY-110',
    title: 'A refund retried after a card-network timeout is paid out twice',
    source: 'jira',
    status: 'in-progress',
    rawStatus: 'In Review',
    severity: 'critical',
    summary: 'When the card network times out we mark the refund failed and the retry sends it again.',
    journey: 'checkout > refund',
    customers: 1240,
    tickets: 188,
    votes: 1,
    labels: [],
    quotes: [],
    locations: [],
    touchpoints: [],
    pullRequests: [{ title: 'Make refund retries idempotent', url: 'https://github.com/acme/payments/pull/42' }],
    ...overrides,
  };
}

/** The sample's hostile item: markup, script, command and javascript: links in every text field. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  command: '[click me](command:workbench.action.quit)',
  javascript: 'javascript:alert(1)',
} as const;

export function pay666(): PanelItem {
  return {
    key: 'PAY-666',
    title: `Receipt shows raw markup ${HOSTILE.img}`,
    source: 'local',
    status: 'open',
    rawStatus: `<b>open</b>`,
    severity: 'medium',
    summary: `A customer note containing ${HOSTILE.script} is shown raw on the receipt. Repro: ${HOSTILE.command} or [open receipt](${HOSTILE.javascript}). Also ${HOSTILE.img}.`,
    journey: 'receipt > <b>view</b>',
    customers: 3,
    tickets: 1,
    votes: 0,
    labels: ['receipts', '<i>xss</i>'],
    // The extension drops non-http(s) URLs; this checks the panel would not use one anyway.
    url: HOSTILE.javascript,
    quotes: [
      { text: `My receipt says ${HOSTILE.img} instead of my note.`, customer: '<b>Tailspin Toys</b>', date: '2026-10-25' },
      { text: `${HOSTILE.command} ${HOSTILE.script} ${HOSTILE.javascript}`, customer: 'Northwind Traders', date: '2026-10-26' },
    ],
    locations: [
      {
        uri: 'file:///workspace/src/billing/invoice.ts',
        range: { startLine: 27, startCharacter: 15, endLine: 27, endCharacter: 22 },
        symbol: `InvoiceRenderer.render${HOSTILE.img}`,
        origin: 'annotation',
        label: `src/billing/${HOSTILE.script}invoice.ts`,
      },
    ],
    touchpoints: [
      {
        id: `TP-<b>9</b>`,
        format: 'other',
        date: '2026-10-27',
        engineer: `<a href="${HOSTILE.javascript}">eve</a>`,
        customer: HOSTILE.img,
        summary: `${HOSTILE.command} ${HOSTILE.script}`,
        quotes: [HOSTILE.img, HOSTILE.javascript],
      },
    ],
    pullRequests: [{ title: HOSTILE.script, url: HOSTILE.javascript }],
  };
}

export function symbolState(items: PanelItem[] = [pay110(), pay101()], overrides: Partial<PanelState> = {}): PanelState {
  return {
    subject: { kind: 'symbol', symbol: 'RefundService.issue', uri: REFUND_URI, label: 'RefundService.issue' },
    items,
    pinned: false,
    canLinkToSymbol: true,
    ...overrides,
  };
}

export function itemsState(items: PanelItem[], overrides: Partial<PanelState> = {}): PanelState {
  return { subject: { kind: 'items' }, items, pinned: false, canLinkToSymbol: false, ...overrides };
}

export function emptyState(): PanelState {
  return { subject: { kind: 'empty' }, items: [], pinned: false, canLinkToSymbol: false };
}
