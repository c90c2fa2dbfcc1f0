import assert from 'node:assert/strict';
import type { ItemDetail } from '../../server/src/protocol';
import { itemSchema, panelStateSchema } from '../../webview/src/protocol';
import { toPanelItems } from '../../client/src/panel/panelItems';
import { HOSTILE_TEXTS, describeUri, itemDetail, itemLocation } from '../support/clientBuilders';

/** A detail as a server of another version (or a buggy one) might send it. */
function malformed(detail: ItemDetail, patch: Record<string, unknown>): ItemDetail {
  const value: unknown = { ...detail, ...patch };
  return value as ItemDetail;
}

describe('panel items from item details', () => {
  it('keeps every field and labels each location with its workspace-relative path', () => {
    const detail = itemDetail({
      locations: [itemLocation('src/payments/refund.ts', 11, { symbol: 'RefundService.issue' }), itemLocation('worker/settlement.py', 3, { origin: 'mapping' })],
      pullRequests: [{ title: 'Fix refunds', url: 'https://github.com/acme/payments/pull/7' }],
      arr: 120000,
    });
    const { items, problems } = toPanelItems([detail], describeUri);
    assert.deepEqual(problems, []);
    assert.equal(items.length, 1);
    const [item] = items;
    assert.deepEqual(item?.locations.map((location) => location.label), ['src/payments/refund.ts', 'worker/settlement.py']);
    assert.equal(item?.locations[0]?.symbol, 'RefundService.issue');
    assert.deepEqual(item?.quotes, detail.quotes);
    assert.deepEqual(item?.touchpoints, detail.touchpoints);
    assert.equal(item?.arr, 120000);
    assert.equal(item?.url, 'https://tracker.example.com/browse/PAY-101');
    assert.ok(itemSchema.safeParse(item).success);
  });

  it('keeps the server\'s order (its ranking)', () => {
    const { items } = toPanelItems([itemDetail({ key: 'B-2' }), itemDetail({ key: 'A-1' })], describeUri);
    assert.deepEqual(items.map((item) => item.key), ['B-2', 'A-1']);
  });

  it('drops a bad part, not the whole item', () => {
    const detail = malformed(itemDetail(), {
      locations: [itemLocation('src/a.ts', 1), { uri: 'file:///ws/src/b.ts', range: { startLine: -1, startCharacter: 0, endLine: 0, endCharacter: 0 }, origin: 'annotation' }, { uri: 'file:///ws/c.ts', origin: 'telepathy', range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 } }],
      quotes: [{ text: 'fine' }, { text: 42 }, null],
      touchpoints: [{ id: 'TP-1', format: 'séance', date: '2026-01-01', engineer: 'x', summary: 's', quotes: [] }],
      pullRequests: [{ title: 'ok', url: 'https://example.com/pr/1' }, { title: 'evil', url: 'javascript:alert(1)' }],
    });
    const { items, problems } = toPanelItems([detail], describeUri);
    const [item] = items;
    assert.deepEqual(item?.locations.map((location) => location.label), ['src/a.ts']);
    assert.deepEqual(item?.quotes, [{ text: 'fine' }]);
    assert.deepEqual(item?.touchpoints, []);
    assert.deepEqual(item?.pullRequests, [{ title: 'ok', url: 'https://example.com/pr/1' }]);
    assert.deepEqual(problems, [
      'PAY-101: dropped a malformed code location',
      'PAY-101: dropped a malformed code location',
      'PAY-101: dropped a malformed quote',
      'PAY-101: dropped a malformed quote',
      'PAY-101: dropped a malformed touchpoint',
      'PAY-101: dropped a malformed pull request',
    ]);
  });

  it('drops a tracker link that is not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'not a url']) {
      const { items, problems } = toPanelItems([itemDetail({ url })], describeUri);
      assert.equal(items[0]?.url, undefined, url);
      assert.deepEqual(problems, ['PAY-101: dropped a tracker URL that is not http(s)']);
    }
  });

  it('drops an item whose own fields do not match the schema, and keeps the others', () => {
    const { items, problems } = toPanelItems(
      [malformed(itemDetail({ key: 'BAD-1' }), { severity: 'apocalyptic' }), malformed(itemDetail({ key: 'BAD-2' }), { customers: '12' }), itemDetail({ key: 'OK-1' })],
      describeUri,
    );
    assert.deepEqual(items.map((item) => item.key), ['OK-1']);
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^dropped item BAD-1: severity/);
    assert.match(problems[1] ?? '', /^dropped item BAD-2: customers/);
  });

  it('drops fields the panel does not know', () => {
    const { items } = toPanelItems([malformed(itemDetail(), { secretInternalField: 'x' })], describeUri);
    assert.equal(Object.hasOwn(items[0] ?? {}, 'secretInternalField'), false);
  });

  it('passes hostile tracker text through as text (the page renders it with textContent)', () => {
    for (const hostile of HOSTILE_TEXTS) {
      const { items } = toPanelItems(
        [itemDetail({ title: hostile, summary: hostile, quotes: [{ text: hostile, customer: hostile }], labels: [hostile] })],
        describeUri,
      );
      assert.equal(items[0]?.title, hostile);
      assert.equal(items[0]?.summary, hostile);
      assert.equal(items[0]?.quotes[0]?.text, hostile);
    }
  });

  it('builds states the panel accepts', () => {
    const { items } = toPanelItems([itemDetail()], describeUri);
    const state = { subject: { kind: 'items' as const }, items: [...items], pinned: true, canLinkToSymbol: false };
    assert.ok(panelStateSchema.safeParse(state).success);
  });
});
