import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import { resolveFileLinks, type FileLinks } from '../../server/src/features/fileLinks';
import { symbolItemsAt } from '../../server/src/features/symbolItems';
import type { KeyMention } from '../../server/src/links/annotationScanner';
import { MappingRules } from '../../server/src/links/mappingRules';
import { TrackerRefIndex } from '../../server/src/links/trackerRefIndex';
import type { MappingRule } from '../../server/src/local/localData';
import { codeSymbol, frictionItem, impact, keyMention, mappingRule, range } from '../support/builders';

// class RefundService (lines 0-40) { issue (4-12, name on 5), helper (6-9, nested in issue), retry (14-20) }, then top-level code.
const service = codeSymbol({ qualifiedName: 'RefundService', kind: 'class', nameRange: range(0, 13, 0, 26), range: range(0, 0, 40, 1) });
const issue = codeSymbol({ qualifiedName: 'RefundService.issue', nameRange: range(5, 8, 5, 13), range: range(4, 2, 12, 3) });
const helper = codeSymbol({ qualifiedName: 'RefundService.issue.helper', kind: 'function', nameRange: range(6, 13, 6, 19), range: range(6, 4, 9, 5) });
const retry = codeSymbol({ qualifiedName: 'RefundService.retry', nameRange: range(14, 8, 14, 13), range: range(14, 2, 20, 3) });
const SYMBOLS = [service, issue, helper, retry];

const catalog = ItemCatalog.of(
  [
    frictionItem({ key: 'PAY-101', severity: 'high', impact: impact(412) }),
    frictionItem({ key: 'PAY-110', severity: 'critical', impact: impact(40) }),
    frictionItem({ key: 'PAY-120', severity: 'medium', impact: impact(260) }),
    frictionItem({ key: 'BIL-301', severity: 'high', impact: impact(150) }),
  ],
  [],
  [],
  1,
);

function linksFor(mentions: KeyMention[], rules: MappingRule[] = []): FileLinks {
  const sources = { catalog, mappings: new MappingRules(rules), trackerRefs: new TrackerRefIndex(catalog, undefined) };
  return resolveFileLinks('file:///ws/src/refund.ts', 'src/refund.ts', mentions, SYMBOLS, sources);
}

// `// friction: PAY-101, PAY-120` on line 4 (issue's leading comment); `// PAY-110` on line 15 (in retry).
const MENTIONS = [
  keyMention({ key: 'PAY-101', explicit: true, line: 4, startCharacter: 15 }),
  keyMention({ key: 'PAY-120', explicit: true, line: 4, startCharacter: 24 }),
  keyMention({ key: 'PAY-110', line: 15, startCharacter: 5 }),
];

describe('symbolItemsAt', () => {
  it('answers anywhere inside a linked symbol, not only on its name', () => {
    const links = linksFor(MENTIONS);
    for (const [line, character] of [
      [5, 10], // the name
      [5, 2], // before the name on its line
      [10, 6], // the body
      [12, 3], // the closing brace
    ] as const) {
      assert.deepEqual(symbolItemsAt(links, catalog, line, character), { symbol: 'RefundService.issue', range: issue.range, keys: ['PAY-101', 'PAY-120'] }, `at ${line}:${character}`);
    }
  });

  it('answers in a leading comment outside its keys: the comment belongs to the symbol', () => {
    assert.equal(symbolItemsAt(linksFor(MENTIONS), catalog, 4, 5)?.symbol, 'RefundService.issue');
  });

  it('answers one key for the key under the cursor, with no symbol', () => {
    const found = symbolItemsAt(linksFor(MENTIONS), catalog, 4, 26);
    assert.deepEqual(found, { range: range(4, 24, 4, 31), keys: ['PAY-120'] });
    assert.ok(found && !('symbol' in found));
  });

  it('prefers the innermost linked symbol', () => {
    const links = linksFor([...MENTIONS, keyMention({ key: 'BIL-301', line: 6, startCharacter: 30 })]);
    // helper's own line 7 is inside issue too.
    assert.deepEqual(symbolItemsAt(links, catalog, 7, 8), { symbol: 'RefundService.issue.helper', range: helper.range, keys: ['BIL-301'] });
    assert.equal(symbolItemsAt(links, catalog, 11, 4)?.symbol, 'RefundService.issue', 'after helper, back in issue');
  });

  it('skips unlinked inner symbols for the linked symbol around them', () => {
    const links = linksFor([], [mappingRule({ itemKey: 'BIL-301', glob: 'src/**', symbol: 'RefundService' })]);
    assert.deepEqual(symbolItemsAt(links, catalog, 8, 6), { symbol: 'RefundService', range: service.range, keys: ['BIL-301'] });
    assert.equal(symbolItemsAt(links, catalog, 30, 0)?.symbol, 'RefundService');
  });

  it('answers nothing outside linked symbols, nor for file-level links', () => {
    const links = linksFor(MENTIONS, [mappingRule({ itemKey: 'BIL-301', glob: 'src/**' })]);
    assert.deepEqual([...links.fileLevel], ['BIL-301']);
    assert.equal(symbolItemsAt(links, catalog, 30, 4), undefined, 'in the unlinked class body');
    assert.equal(symbolItemsAt(links, catalog, 45, 0), undefined, 'after every symbol');
    assert.equal(symbolItemsAt(linksFor([]), catalog, 5, 10), undefined, 'on an unlinked name');
  });

  it('ranks the keys as asked', () => {
    const links = linksFor([...MENTIONS, keyMention({ key: 'PAY-110', line: 11, startCharacter: 10 })]);
    assert.deepEqual(symbolItemsAt(links, catalog, 10, 4)?.keys, ['PAY-110', 'PAY-101', 'PAY-120']);
    assert.deepEqual(symbolItemsAt(links, catalog, 10, 4, 'customers')?.keys, ['PAY-101', 'PAY-120', 'PAY-110']);
  });
});
