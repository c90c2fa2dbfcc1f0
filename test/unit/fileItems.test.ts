import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import { resolveFileLinks, type FileLinks } from '../../server/src/features/fileLinks';
import { fileItemGroups } from '../../server/src/features/fileItems';
import type { KeyMention } from '../../server/src/links/annotationScanner';
import { MappingRules } from '../../server/src/links/mappingRules';
import { TrackerRefIndex } from '../../server/src/links/trackerRefIndex';
import type { MappingRule } from '../../server/src/local/localData';
import { codeSymbol, frictionItem, impact, keyMention, mappingRule, range } from '../support/builders';

const issue = codeSymbol({ qualifiedName: 'RefundService.issue', nameRange: range(5, 8, 5, 13), range: range(4, 2, 12, 3) });
const retry = codeSymbol({ qualifiedName: 'RefundService.retry', nameRange: range(14, 8, 14, 13), range: range(14, 2, 20, 3) });

const catalog = ItemCatalog.of(
  [
    frictionItem({ key: 'PAY-101', severity: 'high', impact: impact(412, 57), journey: 'checkout > refund', labels: ['refunds'] }),
    frictionItem({ key: 'PAY-110', severity: 'critical', impact: impact(40) }),
    frictionItem({ key: 'PAY-120', severity: 'medium', impact: impact(260), url: undefined }),
    frictionItem({ key: 'BIL-301', severity: 'high', impact: impact(150) }),
  ],
  [],
  [],
  1,
);
const COUNTS = new Map([
  ['PAY-101', 6],
  ['PAY-110', 3],
  ['PAY-120', 2],
]);

function linksFor(mentions: KeyMention[], rules: MappingRule[] = []): FileLinks {
  const sources = { catalog, mappings: new MappingRules(rules), trackerRefs: new TrackerRefIndex(catalog, undefined) };
  // Symbols in reverse order: groups must still come in file order.
  return resolveFileLinks('file:///ws/src/refund.ts', 'src/refund.ts', mentions, [retry, issue], sources);
}

const MENTIONS = [
  keyMention({ key: 'PAY-110', line: 15, startCharacter: 5 }),
  keyMention({ key: 'PAY-120', explicit: true, line: 4, startCharacter: 24 }),
  keyMention({ key: 'PAY-101', explicit: true, line: 4, startCharacter: 15 }),
  keyMention({ key: 'NOPE-1', explicit: true, line: 16, startCharacter: 5 }),
];

describe('fileItemGroups', () => {
  it('gives the file-level group first, then one group per linked symbol in file order', () => {
    const groups = fileItemGroups(linksFor(MENTIONS, [mappingRule({ itemKey: 'BIL-301', glob: 'src/**' })]), catalog, COUNTS);
    assert.deepEqual(
      groups.map((group) => [group.symbol, group.range, group.items.map((item) => item.key)]),
      [
        [undefined, range(0, 0), ['BIL-301']],
        ['RefundService.issue', issue.nameRange, ['PAY-101', 'PAY-120']],
        ['RefundService.retry', retry.nameRange, ['PAY-110']],
      ],
    );
    assert.ok(!('symbol' in (groups[0] ?? {})), 'the file-level group has no symbol field');
  });

  it('summarizes items with the folder link counts (0 when unknown)', () => {
    const groups = fileItemGroups(linksFor(MENTIONS, [mappingRule({ itemKey: 'BIL-301', glob: 'src/**' })]), catalog, COUNTS);
    assert.deepEqual(groups[1]?.items[0], {
      key: 'PAY-101',
      title: 'Title of PAY-101',
      source: 'local',
      status: 'open',
      severity: 'high',
      customers: 412,
      tickets: 57,
      labels: ['refunds'],
      journey: 'checkout > refund',
      url: 'https://tracker.example.com/browse/PAY-101',
      linkCount: 6,
    });
    assert.equal(groups[0]?.items[0]?.linkCount, 0);
  });

  it('ranks each group as asked', () => {
    const links = linksFor([...MENTIONS, keyMention({ key: 'PAY-110', line: 8, startCharacter: 10 })]);
    assert.deepEqual(fileItemGroups(links, catalog, COUNTS)[0]?.items.map((item) => item.key), ['PAY-110', 'PAY-101', 'PAY-120']);
    assert.deepEqual(fileItemGroups(links, catalog, COUNTS, 'customers')[0]?.items.map((item) => item.key), ['PAY-101', 'PAY-120', 'PAY-110']);
  });

  it('gives no groups when nothing known links', () => {
    assert.deepEqual(fileItemGroups(linksFor([keyMention({ key: 'NOPE-1', explicit: true, line: 5 })]), catalog, COUNTS), []);
  });
});
