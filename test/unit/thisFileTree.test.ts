import assert from 'node:assert/strict';
import type { FileItemsRequest } from '../../server/src/protocol';
import { ThisFileModel } from '../../client/src/views/thisFile/thisFileModel';
import { describeThisFileNode } from '../../client/src/views/thisFile/thisFileNodes';
import { itemSummary, textRange } from '../support/clientBuilders';
import { ServerStub } from '../support/serverStub';

const REFUND = 'file:///ws/src/payments/refund.ts';

function server(): ServerStub {
  const stub = new ServerStub();
  stub.files.set(REFUND, [
    { symbol: 'RefundService.issue', range: textRange(11, 2, 30, 3), items: [itemSummary({ key: 'PAY-110', severity: 'critical' }), itemSummary({ key: 'PAY-101', severity: 'high' })] },
    { range: textRange(0), items: [itemSummary({ key: 'PAY-120' })] },
    { symbol: 'RefundService.cancel', range: textRange(40), items: [] },
  ]);
  return stub;
}

describe('This File view', () => {
  it('shows the active file\'s linked symbols, each with its ranked items', async () => {
    const stub = server();
    const model = new ThisFileModel(stub);
    await model.load(REFUND);
    assert.deepEqual(stub.calls, [{ method: 'fileItems', params: { uri: REFUND } }]);
    const roots = model.roots();
    const rows = roots.map(describeThisFileNode);
    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.icon?.id]),
      [
        ['RefundService.issue', 'line 12 · 2 items', 'symbol-method'],
        ['Whole file', 'line 1 · 1 item', 'file'],
      ],
      'a symbol without items is left out',
    );
    assert.deepEqual(rows[0]?.action, { kind: 'openLocation', uri: REFUND, range: textRange(11, 2, 30, 3) });

    const [issue] = roots;
    assert.ok(issue);
    const items = model.children(issue).map(describeThisFileNode);
    assert.deepEqual(items.map((row) => row.label), ['PAY-110 Title of PAY-110', 'PAY-101 Title of PAY-101']);
    assert.equal(items[0]?.contextValue, 'frictionItem');
    assert.equal(items[0]?.collapsible, 'none');
    assert.deepEqual(items[0]?.action, { kind: 'openItems', keys: ['PAY-110'] });
    assert.equal(new Set([...roots, ...model.children(issue)].map((node) => node.id)).size, 4);
  });

  it('shows nothing for a file with no links, or without a file', async () => {
    const model = new ThisFileModel(server());
    await model.load('file:///ws/README.md');
    assert.deepEqual(model.roots(), []);
    await model.load(REFUND);
    await model.load(undefined);
    assert.deepEqual(model.roots(), []);
    assert.equal(model.fileUri, undefined);
  });

  it('keeps the file switched to last when an earlier request answers later', async () => {
    let release: (groups: FileItemsRequest.Result) => void = () => undefined;
    const model = new ThisFileModel({
      fileItems: ({ uri }) =>
        uri === 'file:///ws/slow.ts'
          ? new Promise((resolve) => {
              release = resolve;
            })
          : Promise.resolve([{ symbol: 'fast', range: textRange(1), items: [itemSummary()] }]),
    });
    const slow = model.load('file:///ws/slow.ts');
    await model.load('file:///ws/fast.ts');
    release([{ symbol: 'slow', range: textRange(1), items: [itemSummary()] }]);
    await slow;
    assert.equal(model.fileUri, 'file:///ws/fast.ts');
    assert.deepEqual(model.roots().map((node) => (node.kind === 'symbol' ? node.group.symbol : '')), ['fast']);
  });

  it('keeps showing the last groups when a request fails', async () => {
    const stub = server();
    const model = new ThisFileModel(stub);
    await model.load(REFUND);
    stub.failWith = new Error('Unhandled method customerLens/fileItems');
    await assert.rejects(model.load('file:///ws/other.ts'));
    assert.equal(model.roots().length, 2);
  });
});
