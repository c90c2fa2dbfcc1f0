/**
 * The client's pure logic: files under client/src that import nothing from `vscode`, directly or
 * through what they import (the test below checks that, so this suite keeps running in Node).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describeArgs, MAX_OPEN_ITEM_KEYS, parseOpenItemArgs } from '../../client/src/commands/openItemArgs';
import { formatCustomers, toItemPickItem } from '../../client/src/items/itemPickItem';
import { severityIcon } from '../../client/src/items/severityIcon';
import { openableTrackerUrl } from '../../client/src/items/trackerUrl';
import { describeOrigin, symbolIcon, toLocationPickItem } from '../../client/src/locations/locationPickItem';
import { describeIndexStatus, STARTING_STATE } from '../../client/src/statusBarState';
import type { IndexStatusNotification, ItemLocation, ItemSummary } from '../../server/src/protocol';
import { range } from '../support/builders';
import { walkImports } from '../support/pureImports';

const CLIENT_SRC = path.resolve(__dirname, '../../../client/src');
const PURE_FILES = ['commands/openItemArgs.ts', 'items/itemPickItem.ts', 'items/trackerUrl.ts', 'items/severityIcon.ts', 'locations/locationPickItem.ts', 'statusBarState.ts'];

function itemSummary(overrides: Partial<ItemSummary> = {}): ItemSummary {
  return { key: 'PAY-101', title: 'Refunds take 10 days', source: 'local', status: 'open', severity: 'high', customers: 412, tickets: 57, labels: [], linkCount: 1, ...overrides };
}

function status(overrides: Partial<IndexStatusNotification.Params> = {}): IndexStatusNotification.Params {
  return { state: 'ready', folders: 1, files: 24, items: 20, links: 28, problems: 0, ...overrides };
}

describe('client pure logic', () => {
  it('imports no `vscode`, directly or transitively', () => {
    const { files, specifiers } = walkImports(PURE_FILES.map((file) => path.join(CLIENT_SRC, file)));
    for (const [file, imported] of specifiers) {
      assert.ok(!imported.includes('vscode'), `${file} imports vscode`);
    }
    assert.ok(files.size >= PURE_FILES.length + 2, 'the walk followed relative imports into server/src');
  });

  describe('parseOpenItemArgs', () => {
    it('accepts [keys] and removes duplicates, keeping the order', () => {
      assert.deepEqual(parseOpenItemArgs([['PAY-101', 'PAY-120', 'PAY-101']]), ['PAY-101', 'PAY-120']);
    });

    it('refuses anything else', () => {
      for (const args of [[], ['PAY-101'], [[]], [[1]], [['']], [['  ']], [['PAY-101', null]], [{ keys: ['PAY-101'] }]] as unknown[][]) {
        assert.equal(parseOpenItemArgs(args), undefined, JSON.stringify(args));
      }
    });

    it(`refuses more than ${MAX_OPEN_ITEM_KEYS} keys`, () => {
      const keys = Array.from({ length: MAX_OPEN_ITEM_KEYS }, (_, i) => `K-${i}`);
      assert.equal(parseOpenItemArgs([keys])?.length, MAX_OPEN_ITEM_KEYS);
      assert.equal(parseOpenItemArgs([[...keys, 'K-X']]), undefined);
    });

    it('describes rejected arguments briefly, even unserialisable ones', () => {
      assert.equal(describeArgs([1, 'a']), '[1,"a"]');
      const long = describeArgs(['x'.repeat(1000)]);
      assert.equal(long.length, 201);
      assert.ok(long.endsWith('…'));
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      assert.equal(describeArgs([cyclic]), '<unserialisable arguments>');
      assert.equal(describeArgs([10n]), '<unserialisable arguments>');
    });
  });

  describe('item quick pick rows', () => {
    it('shows icon, key and title; severity, customers and status; journey and labels', () => {
      const row = toItemPickItem(itemSummary({ journey: 'checkout > refund', labels: ['refunds', 'card-network'], status: 'in-progress' }));
      assert.equal(row.label, '$(warning) PAY-101  Refunds take 10 days');
      assert.equal(row.description, 'high · 412 customers · in-progress');
      assert.equal(row.detail, 'checkout > refund · refunds, card-network');
      assert.equal(row.item.key, 'PAY-101');
    });

    it('has no detail without journey or labels', () => {
      assert.equal('detail' in toItemPickItem(itemSummary()), false);
      assert.equal(toItemPickItem(itemSummary({ labels: ['x'] })).detail, 'x');
    });

    it('formats customer counts in en-US, singular for one', () => {
      assert.equal(formatCustomers(1), '1 customer');
      assert.equal(formatCustomers(0), '0 customers');
      assert.equal(formatCustomers(1240), '1,240 customers');
    });

    it('has a distinct icon per severity', () => {
      const icons = (['critical', 'high', 'medium', 'low'] as const).map(severityIcon);
      assert.deepEqual(icons, ['$(error)', '$(warning)', '$(info)', '$(circle-outline)']);
    });
  });

  describe('openableTrackerUrl', () => {
    it('offers http(s) urls as they are', () => {
      assert.equal(openableTrackerUrl('https://tracker.example.com/browse/PAY-101'), 'https://tracker.example.com/browse/PAY-101');
      assert.equal(openableTrackerUrl('http://jira.local/PAY-1'), 'http://jira.local/PAY-1');
    });

    it('refuses other schemes and non-urls', () => {
      for (const url of [undefined, '', 'javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'tracker.example.com/PAY-1']) {
        assert.equal(openableTrackerUrl(url), undefined, String(url));
      }
    });
  });

  describe('location quick pick rows', () => {
    const location = (overrides: Partial<ItemLocation> = {}): ItemLocation => ({ uri: 'file:///ws/src/payments/refund.ts', range: range(34, 15, 34, 22), origin: 'annotation', ...overrides });

    it('shows the symbol, the one-based line and the origin', () => {
      const row = toLocationPickItem(location({ symbol: 'RefundService.issue' }), 'src/payments/refund.ts');
      assert.deepEqual(
        { label: row.label, description: row.description, detail: row.detail },
        { label: '$(symbol-method) RefundService.issue', description: 'src/payments/refund.ts:35', detail: 'Annotation in a comment' },
      );
    });

    it('shows the file name for file-level links, whatever the separator', () => {
      assert.equal(toLocationPickItem(location({ origin: 'mapping' }), 'db\\migrations\\004_refund_status.sql').label, '$(file) 004_refund_status.sql');
    });

    it('guesses the symbol kind from its name', () => {
      assert.equal(symbolIcon('Client.Refund'), '$(symbol-method)');
      assert.equal(symbolIcon('InvoiceRenderer'), '$(symbol-class)');
      assert.equal(symbolIcon('timeoutPolicy'), '$(symbol-function)');
    });

    it('describes every origin', () => {
      assert.equal(describeOrigin('mapping'), 'Mapping in .customer-lens/links.yaml');
      assert.equal(describeOrigin('tracker-ref'), 'Code reference in the tracker item');
      assert.equal(describeOrigin('pr'), 'Pull request');
    });
  });

  describe('status bar', () => {
    it('spins while starting and indexing', () => {
      assert.equal(describeIndexStatus(status({ state: 'starting' })), STARTING_STATE);
      const indexing = describeIndexStatus(status({ state: 'indexing', files: 1 }));
      assert.equal(indexing.text, '$(sync~spin) Customer Lens');
      assert.equal(indexing.tooltip, 'Indexing 1 file…');
      assert.equal(indexing.warning, false);
    });

    it('shows the item count when ready', () => {
      const ready = describeIndexStatus(status({ items: 1240 }));
      assert.equal(ready.text, '$(comment-discussion) 1,240 items');
      assert.equal(ready.warning, false);
      assert.equal(ready.stopped, false);
      assert.match(ready.tooltip, /^Customer Lens: 1,240 friction items\n28 linked code locations\n24 files indexed\nNo problems/);
    });

    it('warns about problems in .customer-lens files', () => {
      const state = describeIndexStatus(status({ items: 1, problems: 2 }));
      assert.equal(state.text, '$(comment-discussion) 1 item  $(warning) 2');
      assert.equal(state.warning, true);
      assert.match(state.tooltip, /2 problems in \.customer-lens files/);
      assert.equal(state.accessibilityLabel, 'Customer Lens: 1 friction item, 2 problems. Search friction items');
    });
  });
});
