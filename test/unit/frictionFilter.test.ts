import assert from 'node:assert/strict';
import { filterFromChoices, filterPickRows, type FilterPickRow } from '../../client/src/views/friction/filterPick';
import { applyFilter, describeFilter, isFiltering, matchesFilter, NO_FILTER } from '../../client/src/views/friction/frictionFilter';
import { itemSummary } from '../support/clientBuilders';

const items = [
  itemSummary({ key: 'A-1', status: 'open', severity: 'critical', labels: ['refunds', 'card-network'] }),
  itemSummary({ key: 'A-2', status: 'in-progress', severity: 'high', labels: ['refunds'] }),
  itemSummary({ key: 'A-3', status: 'resolved', severity: 'low', labels: ['dashboard'] }),
  itemSummary({ key: 'A-4', status: 'open', severity: 'medium', labels: [] }),
];

const keys = (filtered: readonly { key: string }[]): string[] => filtered.map((item) => item.key);

describe('Friction filter', () => {
  it('shows everything without a filter', () => {
    assert.equal(isFiltering(NO_FILTER), false);
    assert.deepEqual(keys(applyFilter(items, NO_FILTER)), ['A-1', 'A-2', 'A-3', 'A-4']);
    assert.equal(describeFilter(NO_FILTER), undefined);
  });

  it('matches any value within a dimension and all dimensions together', () => {
    assert.deepEqual(keys(applyFilter(items, { statuses: ['open', 'in-progress'], severities: [], labels: [] })), ['A-1', 'A-2', 'A-4']);
    assert.deepEqual(keys(applyFilter(items, { statuses: ['open', 'in-progress'], severities: [], labels: ['refunds'] })), ['A-1', 'A-2']);
    assert.deepEqual(keys(applyFilter(items, { statuses: ['open'], severities: ['critical', 'medium'], labels: ['dashboard', 'card-network'] })), ['A-1']);
    assert.equal(matchesFilter(items[3] ?? itemSummary(), { statuses: [], severities: [], labels: ['refunds'] }), false, 'an item without labels fails a label filter');
  });

  it('describes the filter for the view description', () => {
    assert.equal(describeFilter({ statuses: ['open', 'in-progress'], severities: ['critical'], labels: ['refunds'] }), 'open, in-progress · critical · #refunds');
    assert.equal(describeFilter({ statuses: [], severities: [], labels: ['a', 'b'] }), '#a, #b');
  });

  describe('picker rows', () => {
    const choices = (rows: readonly FilterPickRow[]): string[] =>
      rows.map((row) => (row.kind === 'separator' ? `— ${row.label}` : `${row.picked ? '[x]' : '[ ]'} ${row.label} (${row.description})`));

    it('offers every status and severity and the items\' labels, with counts and the current picks', () => {
      const rows = filterPickRows(items, { statuses: ['open'], severities: [], labels: ['refunds'] });
      assert.deepEqual(choices(rows), [
        '— Status',
        '[x] Open (2 items)',
        '[ ] In progress (1 item)',
        '[ ] Resolved (1 item)',
        '— Severity',
        '[ ] critical (1 item)',
        '[ ] high (1 item)',
        '[ ] medium (1 item)',
        '[ ] low (1 item)',
        '— Label',
        '[ ] #card-network (1 item)',
        '[ ] #dashboard (1 item)',
        '[x] #refunds (2 items)',
      ]);
    });

    it('keeps a picked label whose items are gone, so it can be unpicked', () => {
      const rows = filterPickRows([], { statuses: [], severities: [], labels: ['gone'] });
      assert.ok(choices(rows).includes('[x] #gone (0 items)'));
    });

    it('turns the picked rows back into a filter', () => {
      const rows = filterPickRows(items, NO_FILTER);
      const picked = rows.flatMap((row) => (row.kind === 'choice' && ['In progress', 'critical', '#dashboard'].includes(row.label) ? [row.choice] : []));
      assert.deepEqual(filterFromChoices(picked), { statuses: ['in-progress'], severities: ['critical'], labels: ['dashboard'] });
      assert.deepEqual(filterFromChoices([]), NO_FILTER);
    });
  });
});
