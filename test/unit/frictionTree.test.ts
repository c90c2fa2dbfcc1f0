import assert from 'node:assert/strict';
import type { ItemLocation } from '../../server/src/protocol';
import { groupByFile, groupByJourney } from '../../client/src/views/friction/frictionGrouping';
import { describeFrictionNode, type FrictionNode } from '../../client/src/views/friction/frictionNodes';
import { FrictionTreeModel } from '../../client/src/views/friction/frictionTreeModel';
import { criticalBadge } from '../../client/src/views/friction/frictionBadge';
import { describeUri, itemLocation, itemSummary } from '../support/clientBuilders';
import { ServerStub } from '../support/serverStub';

/** The sample's shape: ranked by the server, two journeys, one item without a journey. */
function sampleServer(): ServerStub {
  const server = new ServerStub();
  server.items = [
    itemSummary({ key: 'PAY-110', severity: 'critical', status: 'in-progress', customers: 1240, journey: 'checkout > refund', linkCount: 1 }),
    itemSummary({ key: 'PAY-101', severity: 'high', customers: 412, journey: 'checkout > refund', labels: ['refunds'], linkCount: 2 }),
    itemSummary({ key: 'BIL-301', severity: 'high', customers: 90, journey: 'billing > invoice', labels: ['billing'], linkCount: 1 }),
    itemSummary({ key: 'OPS-1', severity: 'medium', customers: 5, linkCount: 0 }),
    itemSummary({ key: 'PAY-102', severity: 'low', status: 'resolved', customers: 38, journey: 'checkout > refund', labels: ['refunds'], linkCount: 0 }),
  ];
  server.locations.set('PAY-110', [itemLocation('src/payments/refund.ts', 40, { symbol: 'RefundService.retry' })]);
  server.locations.set('PAY-101', [
    itemLocation('src/payments/refund.ts', 11, { symbol: 'RefundService.issue' }),
    itemLocation('worker/settlement.py', 3, { origin: 'mapping' }),
  ]);
  server.locations.set('BIL-301', [itemLocation('src/billing/invoice.ts', 0, { origin: 'mapping' })]);
  return server;
}

const keysOf = (nodes: readonly FrictionNode[]): string[] => nodes.map((node) => (node.kind === 'item' ? node.item.key : node.id));

describe('Friction view', () => {
  describe('grouping', () => {
    it('groups by journey in the order of each journey\'s best item, items keeping the server order, no journey last', () => {
      const groups = groupByJourney(sampleServer().items);
      assert.deepEqual(
        groups.map((group) => [group.journey, group.items.map((item) => item.key)]),
        [
          ['checkout > refund', ['PAY-110', 'PAY-101', 'PAY-102']],
          ['billing > invoice', ['BIL-301']],
          [undefined, ['OPS-1']],
        ],
      );
    });

    it('treats a blank journey as none', () => {
      const groups = groupByJourney([itemSummary({ key: 'A-1', journey: '  ' })]);
      assert.deepEqual(groups.map((group) => group.journey), [undefined]);
    });

    it('groups by file in the order of each file\'s best item, each item with only its locations in that file', () => {
      const server = sampleServer();
      const linked = server.items.map((item) => ({ item, locations: server.locations.get(item.key) ?? [] }));
      const { files, unlinked } = groupByFile(linked);
      assert.deepEqual(
        files.map((file) => [describeUri(file.uri), file.entries.map((entry) => `${entry.item.key}×${entry.locations.length}`)]),
        [
          ['src/payments/refund.ts', ['PAY-110×1', 'PAY-101×1']],
          ['worker/settlement.py', ['PAY-101×1']],
          ['src/billing/invoice.ts', ['BIL-301×1']],
        ],
      );
      assert.deepEqual(unlinked.map((item) => item.key), ['OPS-1', 'PAY-102']);
    });
  });

  describe('tree model against the server stub', () => {
    it('shows journeys, then ranked items, then their linked code', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      const roots = await model.roots();
      assert.deepEqual(keysOf(roots), ['journey:checkout > refund', 'journey:billing > invoice', 'no-journey']);
      const [checkout] = roots;
      assert.ok(checkout);
      const journey = describeFrictionNode(checkout, describeUri);
      assert.equal(journey.label, 'checkout > refund');
      assert.equal(journey.description, '3 items');
      assert.equal(journey.collapsible, 'expanded');

      const items = await model.children(checkout);
      assert.deepEqual(keysOf(items), ['PAY-110', 'PAY-101', 'PAY-102']);
      const [pay110, pay101, pay102] = items;
      assert.ok(pay110 && pay101 && pay102);
      const row = describeFrictionNode(pay101, describeUri);
      assert.equal(row.label, 'PAY-101 Title of PAY-101');
      assert.equal(row.description, 'high · 412 customers');
      assert.equal(row.contextValue, 'frictionItem');
      assert.deepEqual(row.icon, { id: 'warning', color: 'editorWarning.foreground' });
      assert.equal(row.collapsible, 'collapsed');
      assert.equal(describeFrictionNode(pay110, describeUri).icon?.color, 'errorForeground');
      assert.equal(describeFrictionNode(pay102, describeUri).collapsible, 'none', 'no linked code: nothing to expand');

      const locations = await model.children(pay101);
      const rows = locations.map((node) => describeFrictionNode(node, describeUri));
      assert.deepEqual(
        rows.map((location) => [location.label, location.description]),
        [
          ['RefundService.issue', 'src/payments/refund.ts:12'],
          ['settlement.py', 'worker/settlement.py:4'],
        ],
      );
      assert.deepEqual(rows[0]?.action, { kind: 'openLocation', uri: 'file:///ws/src/payments/refund.ts', range: { startLine: 11, startCharacter: 0, endLine: 11, endCharacter: 5 } });
      assert.deepEqual(rows[1]?.icon, { id: 'file' });
      assert.equal(new Set([...roots, ...items, ...locations].map((node) => node.id)).size, roots.length + items.length + locations.length, 'ids are unique');
    });

    it('asks for an item\'s locations once, and never for an item without links', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      const [checkout] = await model.roots();
      assert.ok(checkout);
      const [pay110, , pay102] = await model.children(checkout);
      assert.ok(pay110 && pay102);
      await model.children(pay110);
      await model.children(pay110);
      assert.deepEqual(await model.children(pay102), []);
      assert.deepEqual(server.callsOf('itemLocations'), [{ method: 'itemLocations', params: { key: 'PAY-110' } }]);
    });

    it('asks again after a failed locations request', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      const [checkout] = await model.roots();
      assert.ok(checkout);
      const [pay110] = await model.children(checkout);
      assert.ok(pay110);
      server.failWith = new Error('Unhandled method customerLens/itemLocations');
      await assert.rejects(model.children(pay110), /Unhandled method/);
      server.failWith = undefined;
      assert.equal((await model.children(pay110)).length, 1);
    });

    it('groups by file: files, their items, and only that file\'s locations, without asking again', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      model.grouping = 'file';
      const roots = await model.roots();
      const rows = roots.map((node) => describeFrictionNode(node, describeUri));
      assert.deepEqual(
        rows.map((row) => [row.label, row.description]),
        [
          ['refund.ts', 'src/payments'],
          ['settlement.py', 'worker'],
          ['invoice.ts', 'src/billing'],
          ['Not linked to code', '2 items'],
        ],
      );
      assert.equal(rows[0]?.resourceUri, 'file:///ws/src/payments/refund.ts');
      const [refundTs] = roots;
      assert.ok(refundTs);
      const items = await model.children(refundTs);
      assert.deepEqual(keysOf(items), ['PAY-110', 'PAY-101']);
      const before = server.calls.length;
      const [, pay101] = items;
      assert.ok(pay101);
      const locations = await model.children(pay101);
      assert.deepEqual(locations.map((node) => (node.kind === 'location' ? node.location.uri : '')), ['file:///ws/src/payments/refund.ts']);
      assert.equal(server.calls.length, before);
    });

    it('filters without reordering, and says when the filter hides everything', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      model.filter = { statuses: ['open', 'in-progress'], severities: [], labels: [] };
      const [checkout] = await model.roots();
      assert.ok(checkout);
      assert.deepEqual(keysOf(await model.children(checkout)), ['PAY-110', 'PAY-101']);
      assert.equal(model.description(), 'open, in-progress');
      assert.equal(model.filteredOutEverything, false);

      model.filter = { statuses: [], severities: ['critical'], labels: ['billing'] };
      assert.deepEqual(await model.roots(), []);
      assert.equal(model.filteredOutEverything, true);
    });

    it('reloads the list on load() and forgets cached locations', async () => {
      const server = sampleServer();
      const model = new FrictionTreeModel(server);
      await model.roots();
      server.items = server.items.slice(0, 1);
      await model.load();
      assert.deepEqual(model.allItems.map((item) => item.key), ['PAY-110']);
      assert.equal(server.callsOf('listItems').length, 2);
    });

    it('keeps the newer list when an older request answers last', async () => {
      let release: (items: ReturnType<typeof itemSummary>[]) => void = () => undefined;
      const answers = [
        new Promise<ReturnType<typeof itemSummary>[]>((resolve) => {
          release = resolve;
        }),
        Promise.resolve([itemSummary({ key: 'NEW-1' })]),
      ];
      const model = new FrictionTreeModel({
        listItems: () => answers.shift() ?? Promise.resolve([]),
        itemLocations: () => Promise.resolve({ item: null, locations: [] as ItemLocation[] }),
      });
      const older = model.load();
      await model.load();
      release([itemSummary({ key: 'OLD-1' })]);
      await older;
      assert.deepEqual(model.allItems.map((item) => item.key), ['NEW-1']);
    });
  });

  describe('badge', () => {
    it('counts critical items that are not resolved and are linked in the workspace', () => {
      const badge = criticalBadge([
        itemSummary({ key: 'A-1', severity: 'critical', status: 'open', linkCount: 2 }),
        itemSummary({ key: 'A-2', severity: 'critical', status: 'in-progress', linkCount: 1 }),
        itemSummary({ key: 'A-3', severity: 'critical', status: 'resolved', linkCount: 1 }),
        itemSummary({ key: 'A-4', severity: 'critical', status: 'open', linkCount: 0 }),
        itemSummary({ key: 'A-5', severity: 'high', status: 'open', linkCount: 3 }),
      ]);
      assert.deepEqual(badge, { value: 2, tooltip: '2 open critical friction items are linked to code in this workspace' });
    });

    it('has no badge at zero, and a singular tooltip at one', () => {
      assert.equal(criticalBadge([itemSummary({ severity: 'high' })]), undefined);
      assert.equal(criticalBadge([itemSummary({ severity: 'critical' })])?.tooltip, '1 open critical friction item is linked to code in this workspace');
    });

    it('ignores the view\'s filter', async () => {
      const model = new FrictionTreeModel(sampleServer());
      await model.load();
      model.filter = { statuses: [], severities: ['low'], labels: [] };
      assert.equal(model.badge()?.value, 1);
    });
  });

  describe('hints', () => {
    it('explains how to link code when no item is linked', async () => {
      const server = new ServerStub();
      server.items = [itemSummary({ key: 'DEMO-1', linkCount: 0 })];
      const model = new FrictionTreeModel(server);
      await model.load();
      assert.match(model.message() ?? '', /\/\/ friction: DEMO-1/);
    });

    it('has no hint once something is linked, or when there are no items', async () => {
      const model = new FrictionTreeModel(sampleServer());
      await model.load();
      assert.equal(model.message(), undefined);
      const empty = new FrictionTreeModel(new ServerStub());
      await empty.load();
      assert.equal(empty.message(), undefined);
    });
  });
});
