import assert from 'node:assert/strict';
import { ItemLocationsRequest, ListItemsRequest, type ItemLocation } from '../../server/src/protocol';
import { useSampleServer } from '../support/sampleServer';
import { ITEMS, SEVERITY_ORDER } from './expected';

describe('LSP: customerLens/listItems and customerLens/itemLocations', () => {
  const server = useSampleServer('suite');

  const locationsOf = (key: string) => server.session.connection.sendRequest(ItemLocationsRequest.type, { key });
  const describeLocation = (location: ItemLocation) => ({
    file: decodeURI(location.uri.slice(server.session.rootUri.length + 1)),
    line: location.range.startLine + 1,
    col: location.range.startCharacter + 1,
    symbol: location.symbol,
    origin: location.origin,
  });
  const sortRows = <T extends { file: string; line: number; col: number; origin: string }>(rows: T[]) =>
    rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.origin.localeCompare(b.origin));

  it('lists the 20 items, most severe first, ties by customers', async () => {
    const items = await server.session.connection.sendRequest(ListItemsRequest.type, {});
    assert.equal(items.length, 20);
    const expected = [...ITEMS].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.customers - a.customers);
    assert.deepEqual(
      items.map((item) => `${item.key} ${item.severity} ${item.customers}`),
      expected.map((item) => `${item.key} ${item.severity} ${item.customers}`),
    );
    assert.equal(items[0]?.key, 'CHK-204');
  });

  it('fills defaults and leaves quotes out of summaries', async () => {
    const items = await server.session.connection.sendRequest(ListItemsRequest.type, {});
    const defaults = items.find((item) => item.key === 'CHK-220');
    assert.ok(defaults);
    assert.equal(defaults.title, 'Address form rejects Canadian postcodes');
    assert.equal(defaults.status, 'resolved');
    assert.equal(defaults.severity, 'medium');
    assert.equal(defaults.customers, 0);
    assert.equal(defaults.tickets, 0);
    assert.deepEqual(defaults.labels, []);
    for (const item of items) assert.ok(!('quotes' in item), `${item.key} summary carries quotes`);
    const pay101 = items.find((item) => item.key === 'PAY-101');
    assert.equal(pay101?.source, 'local');
    assert.equal(pay101?.journey, 'checkout > refund');
    assert.equal(pay101?.url, 'https://tracker.example.com/browse/PAY-101');
    assert.ok((pay101?.linkCount ?? 0) > 0);
    for (const key of ['CHK-215', 'CHK-220', 'BIL-320', 'PAY-102']) assert.equal(items.find((item) => item.key === key)?.linkCount, 0, `${key} has no links`);
  });

  it('locates PAY-101: A1, A2, A9, A16, A18 and T1', async () => {
    const result = await locationsOf('PAY-101');
    assert.equal(result.item?.key, 'PAY-101');
    assert.equal(result.item?.title, 'Refunds take 10 days to reach the card');
    const rows = sortRows(result.locations.map(describeLocation));
    assert.deepEqual(
      rows,
      sortRows([
        { file: 'src/payments/refund.ts', line: 35, col: 16, symbol: 'RefundService.issue', origin: 'annotation' },
        { file: 'src/payments/refund.ts', line: 69, col: 16, symbol: 'RefundService.submitToNetwork', origin: 'annotation' },
        { file: 'src/payments/refund.ts', line: 36, col: 9, symbol: 'RefundService.issue', origin: 'tracker-ref' },
        { file: 'clients/go/payments/client.go', line: 35, col: 14, symbol: 'Client.Refund', origin: 'annotation' },
        { file: 'db/migrations/004_refund_status.sql', line: 2, col: 14, symbol: undefined, origin: 'annotation' },
        { file: 'docs/runbook.md', line: 5, col: 16, symbol: undefined, origin: 'annotation' },
      ]),
    );
    const sql = result.locations.find((location) => location.uri.endsWith('/db/migrations/004_refund_status.sql'));
    assert.ok(sql && !('symbol' in sql), 'the SQL link is file-level');
  });

  it('locates PAY-140 in the Rust method and through the worker/*.py mapping only where the symbol exists', async () => {
    const rows = sortRows((await locationsOf('PAY-140')).locations.map(describeLocation));
    assert.deepEqual(
      rows,
      sortRows([
        { file: 'tools/reconcile/src/main.rs', line: 24, col: 19, symbol: 'Ledger.mismatches', origin: 'annotation' },
        { file: 'worker/settlement.py', line: 24, col: 9, symbol: 'SettlementWorker.reconcile', origin: 'mapping' },
      ]),
    );
  });

  it('locates PAY-190 by the permalink to this repository, over its own line range', async () => {
    const [location, ...rest] = (await locationsOf('PAY-190')).locations;
    assert.equal(rest.length, 0);
    assert.ok(location);
    assert.equal(location.uri, server.session.uri('worker/settlement.py'));
    assert.equal(location.origin, 'tracker-ref');
    assert.equal(location.symbol, 'SettlementWorker.run');
    assert.equal(location.range.startLine, 9);
    assert.equal(location.range.endLine, 19);
  });

  it('locates BIL-301 file-level by the glob-only mapping', async () => {
    const rows = (await locationsOf('BIL-301')).locations.map(describeLocation);
    assert.deepEqual(rows, [{ file: 'src/billing/invoice.ts', line: 1, col: 1, symbol: undefined, origin: 'mapping' }]);
  });

  it('answers an unknown key with no item and no locations', async () => {
    assert.deepEqual(await locationsOf('NOPE-1'), { item: null, locations: [] });
  });

  it('answers a key with no links with the item and no locations', async () => {
    const result = await locationsOf('CHK-215');
    assert.equal(result.item?.key, 'CHK-215');
    assert.deepEqual(result.locations, []);
  });
});
