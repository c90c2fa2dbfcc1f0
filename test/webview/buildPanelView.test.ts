import * as assert from 'node:assert/strict';
import { buildPanelView, EMPTY_TEXT, LOADING_TEXT } from '../../webview/src/view/buildPanelView';
import { emptyState, HOSTILE, itemsState, pay101, pay110, pay666, symbolState } from './support/sampleState';

describe('panel view-model', () => {
  describe('title line', () => {
    it('is the symbol label, with the item count under it', () => {
      const view = buildPanelView(symbolState());
      assert.equal(view.title, 'RefundService.issue');
      assert.equal(view.subtitle, '2 friction items');
    });

    it('is "N friction items" for picked items (singular for one)', () => {
      assert.equal(buildPanelView(itemsState([pay101(), pay110()])).title, '2 friction items');
      assert.equal(buildPanelView(itemsState([pay101()])).title, '1 friction item');
      assert.equal(buildPanelView(itemsState([pay101()])).subtitle, undefined);
    });

    it('falls back to the qualified symbol when the label is empty', () => {
      const state = symbolState();
      const view = buildPanelView({ ...state, subject: { kind: 'symbol', symbol: 'RefundService.retry', uri: 'file:///x.ts', label: '' } });
      assert.equal(view.title, 'RefundService.retry');
    });
  });

  describe('empty and loading states', () => {
    it('shows the empty-state text when no items are linked', () => {
      for (const state of [emptyState(), symbolState([]), itemsState([])]) {
        const view = buildPanelView(state);
        assert.deepEqual(view.items, []);
        assert.equal(view.emptyText, EMPTY_TEXT);
      }
      assert.equal(EMPTY_TEXT, 'No friction items linked here. Move the cursor into a linked function, or search with Customer Lens: Search Friction Items.');
      assert.equal(buildPanelView(emptyState()).title, 'Customer Lens');
    });

    it('has no empty text when there are items', () => {
      assert.equal(buildPanelView(symbolState()).emptyText, undefined);
    });

    it('shows a loading line and no pin toggle before the first state', () => {
      const view = buildPanelView(undefined);
      assert.equal(view.emptyText, LOADING_TEXT);
      assert.equal(view.pin, undefined);
    });
  });

  describe('an item', () => {
    const item = buildPanelView(symbolState([pay101()])).items[0]!;

    it('has key, title, status, severity, journey and source', () => {
      assert.equal(item.key, 'PAY-101');
      assert.equal(item.title, 'Refunds take 10 days to reach the card');
      assert.deepEqual(item.status, { value: 'open', label: 'Open' });
      assert.deepEqual(item.severity, { value: 'high', label: 'High' });
      assert.equal(item.journey, 'checkout > refund');
      assert.equal(item.source, 'local');
      assert.equal(item.updatedAt, '2026-11-01T10:00:00Z');
    });

    it('adds the tracker status name when it says more than the normalized status', () => {
      const view = buildPanelView(symbolState([pay110()])).items[0]!;
      assert.deepEqual(view.status, { value: 'in-progress', label: 'In progress (In Review)' });
      const same = buildPanelView(symbolState([pay110({ rawStatus: 'In Progress' })])).items[0]!;
      assert.equal(same.status.label, 'In progress');
    });

    it('formats impact: customers, tickets, votes, ARR', () => {
      assert.deepEqual(item.impact, ['412 customers', '57 tickets', '0 votes', '$1.3M ARR']);
      const other = buildPanelView(symbolState([pay110()])).items[0]!;
      assert.deepEqual(other.impact, ['1,240 customers', '188 tickets', '1 vote']);
      const small = buildPanelView(symbolState([pay101({ customers: 1, tickets: 1, votes: 12, arr: 250_000 })])).items[0]!;
      assert.deepEqual(small.impact, ['1 customer', '1 ticket', '12 votes', '$250K ARR']);
    });

    it('keeps all quotes with customer and date', () => {
      assert.equal(item.quotes.length, 3);
      assert.deepEqual(item.quotes[0], { text: 'I was charged twice and waited two weeks for the refund.', customer: 'Northwind Traders', date: '2026-10-02' });
      const bare = buildPanelView(symbolState([pay101({ quotes: [{ text: 'Just text.' }] })])).items[0]!;
      assert.deepEqual(bare.quotes, [{ text: 'Just text.' }]);
    });

    it('keeps labels', () => {
      assert.deepEqual(item.labels, ['refunds', 'card-network']);
    });

    it('shows code locations as path:line (1-based) with symbol and origin', () => {
      assert.deepEqual(item.locations[0], {
        text: 'src/payments/refund.ts:42',
        symbol: 'RefundService.issue',
        origin: 'annotation',
        ariaLabel: 'Open src/payments/refund.ts:42 (RefundService.issue)',
        uri: 'file:///workspace/src/payments/refund.ts',
        range: { startLine: 41, startCharacter: 2, endLine: 58, endCharacter: 3 },
      });
      assert.equal(item.locations[1]!.text, 'worker/settlement.py:10');
      assert.equal(item.locations[1]!.symbol, undefined);
      assert.equal(item.locations[1]!.origin, 'tracker reference');
      assert.equal(item.locations[1]!.ariaLabel, 'Open worker/settlement.py:10');
    });

    it('shows touchpoint insights with a readable format, date, engineer, customer, summary and quotes', () => {
      assert.deepEqual(item.touchpoints[0], {
        id: 'TP-7',
        format: 'Support rotation',
        date: '2026-10-14',
        engineer: 'dana@example.com',
        customer: 'Northwind Traders',
        summary: 'Agents re-issue refunds by hand when the card network times out.',
        quotes: ['We just click refund again and hope.'],
      });
      assert.equal(item.touchpoints[1]!.format, 'Ride-along');
      assert.equal(item.touchpoints[1]!.customer, undefined);
    });

    it('has a related pull requests section only when some are known', () => {
      assert.equal(item.pullRequests, undefined);
      const withPr = buildPanelView(symbolState([pay110()])).items[0]!;
      assert.deepEqual(withPr.pullRequests, [{ title: 'Make refund retries idempotent', url: 'https://github.com/acme/payments/pull/42' }]);
    });

    it('keeps the order the extension ranked the items in', () => {
      assert.deepEqual(
        buildPanelView(symbolState([pay101(), pay110()])).items.map((i) => i.key),
        ['PAY-101', 'PAY-110'],
      );
    });
  });

  describe('actions', () => {
    it('offers exactly open in tracker, copy key and link to symbol (no "log a touchpoint" yet)', () => {
      const item = buildPanelView(symbolState([pay101()])).items[0]!;
      assert.deepEqual(Object.keys(item.actions).sort(), ['copyKey', 'linkToSymbol', 'openInTracker']);
      const { openInTracker, copyKey, linkToSymbol } = item.actions;
      for (const action of [openInTracker, copyKey, linkToSymbol]) assert.doesNotMatch(`${action.label} ${action.ariaLabel}`, /touchpoint/i);
    });

    it('enables "open in tracker" only when the item has a URL', () => {
      assert.equal(buildPanelView(symbolState([pay101()])).items[0]!.actions.openInTracker.enabled, true);
      const noUrl = buildPanelView(symbolState([pay110()])).items[0]!.actions.openInTracker;
      assert.equal(noUrl.enabled, false);
      assert.equal(noUrl.title, 'PAY-110 has no tracker link');
      assert.equal(buildPanelView(symbolState([pay101({ url: '' })])).items[0]!.actions.openInTracker.enabled, false);
    });

    it('always enables copy key', () => {
      const copy = buildPanelView(symbolState([pay110()], { canLinkToSymbol: false })).items[0]!.actions.copyKey;
      assert.deepEqual(copy, { label: 'Copy key', ariaLabel: 'Copy key PAY-110', enabled: true, title: 'Copy PAY-110 to the clipboard' });
    });

    it('enables "link to symbol at cursor" only when the extension says it can, and not while a link runs', () => {
      assert.equal(buildPanelView(symbolState([pay101()], { canLinkToSymbol: true })).items[0]!.actions.linkToSymbol.enabled, true);
      const cannot = buildPanelView(symbolState([pay101()], { canLinkToSymbol: false })).items[0]!.actions.linkToSymbol;
      assert.equal(cannot.enabled, false);
      assert.match(cannot.title, /cursor/);
      const linking = buildPanelView(symbolState([pay101(), pay110()]), { status: '', linking: new Set(['PAY-101']) });
      assert.equal(linking.items[0]!.actions.linkToSymbol.enabled, false);
      assert.equal(linking.items[1]!.actions.linkToSymbol.enabled, true);
    });

    it('labels the pin toggle by what it will do', () => {
      assert.deepEqual(
        { ...buildPanelView(symbolState([], { pinned: false })).pin },
        { pinned: false, label: 'Pin', ariaLabel: 'Pin panel', title: 'Keep showing these items when the cursor moves' },
      );
      const pinned = buildPanelView(symbolState([], { pinned: true })).pin!;
      assert.equal(pinned.label, 'Unpin');
      assert.equal(pinned.ariaLabel, 'Unpin panel');
    });

    it('carries the status line', () => {
      assert.equal(buildPanelView(symbolState(), { status: 'Linked PAY-101 to RefundService.issue.', linking: new Set() }).status, 'Linked PAY-101 to RefundService.issue.');
    });
  });

  describe('hostile tracker text (PAY-666)', () => {
    it('passes it through unchanged as plain text (escaping is the renderer’s text nodes, not string surgery)', () => {
      const item = buildPanelView(itemsState([pay666()])).items[0]!;
      assert.equal(item.title, `Receipt shows raw markup ${HOSTILE.img}`);
      assert.ok(item.summary.includes(HOSTILE.script));
      assert.equal(item.quotes[1]!.text, `${HOSTILE.command} ${HOSTILE.script} ${HOSTILE.javascript}`);
      assert.equal(item.quotes[0]!.customer, '<b>Tailspin Toys</b>');
      assert.equal(item.status.label, 'Open (<b>open</b>)');
    });

    it('never turns the item URL into anything but the enablement of "open in tracker"', () => {
      const item = buildPanelView(itemsState([pay666()])).items[0]!;
      assert.ok(!JSON.stringify(item.actions).includes('javascript:'));
    });
  });
});
