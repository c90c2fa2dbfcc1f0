import assert from 'node:assert/strict';
import type { ItemDetailsRequest, SymbolItemsRequest } from '../../server/src/protocol';
import type { PanelState } from '../../webview/src/protocol';
import { decideFollow, EMPTY_SUBJECT, type CursorFile, type FollowState } from '../../client/src/panel/followCursor';
import { PanelModel } from '../../client/src/panel/panelModel';
import { toPanelItems } from '../../client/src/panel/panelItems';
import { describeUri, itemDetail, textRange } from '../support/clientBuilders';
import { ServerStub } from '../support/serverStub';

const AT: CursorFile = { uri: 'file:///ws/src/payments/refund.ts', label: 'src/payments/refund.ts' };
const ISSUE: SymbolItemsRequest.Result = { symbol: 'RefundService.issue', range: textRange(11), keys: ['PAY-110', 'PAY-101'] };
const ISSUE_SUBJECT = { kind: 'symbol', symbol: 'RefundService.issue', uri: AT.uri, label: AT.label } as const;

function state(overrides: Partial<FollowState> = {}): FollowState {
  return { pinned: false, keys: ['PAY-110', 'PAY-101'], subject: ISSUE_SUBJECT, ...overrides };
}

describe('panel: following the cursor', () => {
  describe('decideFollow', () => {
    it('ignores the cursor while pinned', () => {
      assert.deepEqual(decideFollow(state({ pinned: true }), { ...ISSUE, keys: ['OTHER-1'] }, AT), { kind: 'none' });
      assert.deepEqual(decideFollow(state({ pinned: true, keys: [], subject: EMPTY_SUBJECT }), null, AT), { kind: 'none' });
    });

    it('does nothing for the same keys and symbol, in any order', () => {
      assert.deepEqual(decideFollow(state(), { ...ISSUE, keys: ['PAY-101', 'PAY-110'] }, AT), { kind: 'none' });
    });

    it('only retitles for the same keys on another symbol', () => {
      const decision = decideFollow(state(), { ...ISSUE, symbol: 'RefundService.retry' }, AT);
      assert.deepEqual(decision, { kind: 'retarget', subject: { ...ISSUE_SUBJECT, symbol: 'RefundService.retry' } });
    });

    it('fetches other keys', () => {
      assert.deepEqual(decideFollow(state(), { ...ISSUE, keys: ['PAY-120'] }, AT), { kind: 'show', keys: ['PAY-120'], subject: ISSUE_SUBJECT });
      assert.deepEqual(decideFollow(state(), { ...ISSUE, keys: ['PAY-110'] }, AT).kind, 'show', 'a subset is different');
    });

    it('treats a key in a comment (no symbol) as an items subject', () => {
      assert.deepEqual(decideFollow(state(), { range: textRange(3), keys: ['PAY-120'] }, AT), { kind: 'show', keys: ['PAY-120'], subject: { kind: 'items' } });
    });

    it('keeps the last items when nothing is linked at the cursor', () => {
      assert.deepEqual(decideFollow(state(), null, AT), { kind: 'none' });
      assert.deepEqual(decideFollow(state(), { ...ISSUE, keys: [] }, AT), { kind: 'none' });
    });

    it('says empty only when the panel shows nothing yet', () => {
      assert.deepEqual(decideFollow(state({ keys: [], subject: { kind: 'items' } }), null, AT), { kind: 'clear' });
      assert.deepEqual(decideFollow(state({ keys: [], subject: EMPTY_SUBJECT }), null, AT), { kind: 'none' }, 'already empty');
    });
  });

  describe('PanelModel against the server stub', () => {
    function setup(pinned = false): { server: ServerStub; model: PanelModel; published: PanelState[]; reports: string[] } {
      const server = new ServerStub();
      for (const key of ['PAY-110', 'PAY-101', 'PAY-120']) server.details.set(key, itemDetail({ key }));
      const published: PanelState[] = [];
      const reports: string[] = [];
      const model = new PanelModel({ server, describeUri, publish: (next) => published.push(next), report: (message) => reports.push(message), pinned, canLinkToSymbol: false });
      return { server, model, published, reports };
    }

    it('fetches details for the symbol\'s keys and publishes a valid state', async () => {
      const { server, model, published } = setup();
      await model.follow(ISSUE, AT);
      assert.deepEqual(server.calls, [{ method: 'itemDetails', params: { keys: ['PAY-110', 'PAY-101'] } }]);
      assert.equal(published.length, 1);
      assert.deepEqual(published[0]?.subject, ISSUE_SUBJECT);
      assert.deepEqual(published[0]?.items.map((item) => item.key), ['PAY-110', 'PAY-101']);
      assert.equal(published[0]?.items[0]?.locations[0]?.label, 'src/payments/refund.ts');
      assert.equal(published[0]?.pinned, false);
    });

    it('does not fetch or post again for the same keys', async () => {
      const { server, model, published } = setup();
      await model.follow(ISSUE, AT);
      await model.follow({ ...ISSUE, keys: ['PAY-101', 'PAY-110'] }, AT);
      assert.equal(server.callsOf('itemDetails').length, 1);
      assert.equal(published.length, 1);
    });

    it('keeps the last items when the cursor leaves linked code', async () => {
      const { model, published } = setup();
      await model.follow(ISSUE, AT);
      await model.follow(null, AT);
      assert.equal(published.length, 1);
      assert.deepEqual(model.state.items.map((item) => item.key), ['PAY-110', 'PAY-101']);
    });

    it('ignores the cursor while pinned, and follows again once unpinned', async () => {
      const { server, model, published } = setup();
      await model.showItems(['PAY-120'], true);
      await model.follow(ISSUE, AT);
      assert.equal(server.callsOf('itemDetails').length, 1);
      assert.deepEqual(model.state.items.map((item) => item.key), ['PAY-120']);
      model.setPinned(false);
      assert.equal(published.at(-1)?.pinned, false);
      await model.follow(ISSUE, AT);
      assert.deepEqual(model.state.items.map((item) => item.key), ['PAY-110', 'PAY-101']);
    });

    it('drops an answer overtaken by a newer request', async () => {
      const answers = new Map<string, (details: ItemDetailsRequest.Result) => void>();
      const published: PanelState[] = [];
      const model = new PanelModel({
        server: { itemDetails: ({ keys }) => new Promise((resolve) => answers.set(keys.join(), resolve)) },
        describeUri,
        publish: (next) => published.push(next),
        report: () => undefined,
        pinned: false,
        canLinkToSymbol: false,
      });
      const first = model.follow(ISSUE, AT);
      const second = model.follow({ ...ISSUE, symbol: 'RefundService.retry', keys: ['PAY-120'] }, AT);
      answers.get('PAY-120')?.([itemDetail({ key: 'PAY-120' })]);
      await second;
      answers.get('PAY-110,PAY-101')?.([itemDetail({ key: 'PAY-110' })]);
      await first;
      assert.deepEqual(published.map((next) => next.items.map((item) => item.key)), [['PAY-120']]);
    });

    it('keeps what it showed when a request fails, and tries again next time', async () => {
      const { server, model, published, reports } = setup();
      await model.follow(ISSUE, AT);
      server.failWith = new Error('Unhandled method customerLens/itemDetails');
      await model.follow({ ...ISSUE, keys: ['PAY-120'] }, AT);
      assert.equal(published.length, 1);
      assert.match(reports[0] ?? '', /Could not load the details of PAY-120: Unhandled method/);
      assert.deepEqual(model.shownKeys, ['PAY-110', 'PAY-101']);
      server.failWith = undefined;
      await model.follow({ ...ISSUE, keys: ['PAY-120'] }, AT);
      assert.deepEqual(model.state.items.map((item) => item.key), ['PAY-120']);
    });

    it('refreshes the same keys when items change', async () => {
      const { server, model, published } = setup();
      await model.showItems(['PAY-101'], true);
      server.details.set('PAY-101', itemDetail({ key: 'PAY-101', title: 'Renamed' }));
      await model.refresh();
      assert.equal(published.at(-1)?.items[0]?.title, 'Renamed');
    });

    it('restores subject and pin from a saved state and fetches fresh details', async () => {
      const { server, model, published } = setup();
      const [stale] = toPanelItems([itemDetail({ key: 'PAY-101', title: 'Stale' })], describeUri).items;
      assert.ok(stale);
      await model.restore({ subject: ISSUE_SUBJECT, items: [stale], pinned: true, canLinkToSymbol: false });
      assert.deepEqual(server.calls, [{ method: 'itemDetails', params: { keys: ['PAY-101'] } }]);
      assert.equal(model.pinned, true);
      assert.deepEqual(published.map((next) => next.items[0]?.title), ['Stale', 'Title of PAY-101'], 'the saved state first, so nothing flashes');
      assert.deepEqual(published.at(-1)?.subject, ISSUE_SUBJECT);
    });

    it('only acts on keys and locations it was sent', async () => {
      const { model } = setup();
      await model.showItems(['PAY-101'], true);
      assert.equal(model.findItem('PAY-101')?.key, 'PAY-101');
      assert.equal(model.findItem('EVIL-1'), undefined);
      const location = model.state.items[0]?.locations[0];
      assert.ok(location);
      assert.equal(model.hasLocation(location.uri, location.range), true);
      assert.equal(model.hasLocation('file:///etc/passwd', location.range), false);
      assert.equal(model.hasLocation(location.uri, { ...location.range, endLine: location.range.endLine + 1 }), false);
    });

    it('announces its state for a new page, even before anything is shown', () => {
      const { model, published } = setup();
      model.announce();
      assert.deepEqual(published, [{ subject: { kind: 'empty' }, items: [], pinned: false, canLinkToSymbol: false }]);
    });

    it('publishes whether linking is possible only when it changes', () => {
      const { model, published } = setup();
      model.setCanLinkToSymbol(true);
      model.setCanLinkToSymbol(true);
      assert.equal(published.length, 1);
      assert.equal(published[0]?.canLinkToSymbol, true);
    });
  });
});
