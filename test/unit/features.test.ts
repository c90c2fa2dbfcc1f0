import assert from 'node:assert/strict';
import { catalogEntries } from '../../server/src/catalog/catalogEntry';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import { recordsInMemory } from '../../server/src/catalog/recordSource';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { codeLensesFor } from '../../server/src/features/codeLenses';
import { documentLinksFor } from '../../server/src/features/documentLinks';
import { resolveFileLinks, type FileLinks } from '../../server/src/features/fileLinks';
import { hoverAt, itemsAt } from '../../server/src/features/hover';
import type { KeyMention } from '../../server/src/links/annotationScanner';
import { MappingRules } from '../../server/src/links/mappingRules';
import { TrackerRefIndex } from '../../server/src/links/trackerRefIndex';
import type { MappingRule } from '../../server/src/local/localData';
import { codeSymbol, frictionItem, impact, keyMention, mappingRule, range } from '../support/builders';

const URI = 'file:///ws/src/payments/refund.ts';
const FILE = 'src/payments/refund.ts';

// class RefundService (lines 0-40) { issue (4-12), retry (14-20) }
const service = codeSymbol({ qualifiedName: 'RefundService', kind: 'class', nameRange: range(0, 13, 0, 26), range: range(0, 0, 40, 1) });
const issue = codeSymbol({ qualifiedName: 'RefundService.issue', nameRange: range(5, 8, 5, 13), range: range(4, 2, 12, 3) });
const retry = codeSymbol({ qualifiedName: 'RefundService.retry', nameRange: range(14, 8, 14, 13), range: range(14, 2, 20, 3) });

const ITEMS = [
  frictionItem({ key: 'PAY-101', severity: 'high', impact: impact(412) }),
  frictionItem({ key: 'PAY-110', severity: 'critical', impact: impact(1240), url: 'https://tracker.example.com/browse/PAY-110' }),
  frictionItem({ key: 'PAY-120', severity: 'medium', impact: impact(260), url: undefined }),
  frictionItem({ key: 'PAY-666', severity: 'medium', impact: impact(3), url: 'javascript:alert(1)' }),
  frictionItem({ key: 'BIL-301', severity: 'high', impact: impact(150) }),
  frictionItem({ key: 'CHK-1', severity: 'low', impact: impact(1), url: 'http://tracker.example.com/CHK-1' }),
];

function linksFor(mentions: KeyMention[], rules: MappingRule[] = [], items: FrictionItem[] = ITEMS): { fileLinks: FileLinks; catalog: ItemCatalog } {
  const catalog = ItemCatalog.of(items, [], [], 1);
  const sources = { catalog, mappings: new MappingRules(rules), trackerRefs: new TrackerRefIndex(catalog, undefined) };
  return { fileLinks: resolveFileLinks(URI, FILE, mentions, [service, issue, retry], sources), catalog };
}

// `// friction: PAY-101, PAY-120` on line 4 (above issue), `// PAY-110` on line 13 (above retry).
const MENTIONS = [
  keyMention({ key: 'PAY-101', explicit: true, line: 4, startCharacter: 15 }),
  keyMention({ key: 'PAY-120', explicit: true, line: 4, startCharacter: 24 }),
  keyMention({ key: 'PAY-110', line: 15, startCharacter: 7 }),
];

describe('CodeLens', () => {
  it('puts a lens on each linked symbol name, items ranked by impact', () => {
    const { fileLinks, catalog } = linksFor(MENTIONS);
    assert.deepEqual(codeLensesFor(fileLinks, catalog), [
      { range: issue.nameRange, title: '2 friction items · 672 customers', keys: ['PAY-101', 'PAY-120'] },
      { range: retry.nameRange, title: '1 friction item · 1,240 customers', keys: ['PAY-110'] },
    ]);
  });

  it('puts one lens at the top of the file for file-level links, sorted first', () => {
    const { fileLinks, catalog } = linksFor(MENTIONS.slice(2), [mappingRule({ itemKey: 'BIL-301', glob: 'src/**' }), mappingRule({ itemKey: 'CHK-1', glob: '**/*.ts' })]);
    const lenses = codeLensesFor(fileLinks, catalog);
    assert.deepEqual(lenses[0], { range: range(0, 0), title: 'This file: 2 friction items · 151 customers', keys: ['BIL-301', 'CHK-1'] });
    assert.deepEqual(
      lenses.map((lens) => lens.range.startLine),
      [0, 14],
    );
  });

  it('gives no lens when nothing links', () => {
    const { fileLinks, catalog } = linksFor([keyMention({ key: 'UTF-8', line: 5 })]);
    assert.deepEqual(codeLensesFor(fileLinks, catalog), []);
  });

  it('counts an item linked twice to a symbol once', () => {
    const { fileLinks, catalog } = linksFor([keyMention({ key: 'PAY-101', line: 4 }), keyMention({ key: 'PAY-101', line: 6 })], [mappingRule({ itemKey: 'PAY-101', glob: '**', symbol: 'issue' })]);
    assert.deepEqual(
      codeLensesFor(fileLinks, catalog).map((lens) => lens.title),
      ['1 friction item · 412 customers'],
    );
  });
});

describe('document links', () => {
  it('links keys in comments to http(s) tracker urls, at the key', () => {
    const mentions = [...MENTIONS, keyMention({ key: 'CHK-1', line: 30, startCharacter: 3 })];
    const { fileLinks, catalog } = linksFor(mentions);
    assert.deepEqual(documentLinksFor(fileLinks, catalog), [
      { range: range(4, 15, 4, 22), target: 'https://tracker.example.com/browse/PAY-101', tooltip: 'Open PAY-101 in the tracker' },
      { range: range(15, 7, 15, 14), target: 'https://tracker.example.com/browse/PAY-110', tooltip: 'Open PAY-110 in the tracker' },
      { range: range(30, 3, 30, 8), target: 'http://tracker.example.com/CHK-1', tooltip: 'Open CHK-1 in the tracker' },
    ]);
  });

  it('gives no link for items without a url or with a non-http(s) one', () => {
    const { fileLinks, catalog } = linksFor([keyMention({ key: 'PAY-120', line: 4 }), keyMention({ key: 'PAY-666', line: 8 })]);
    assert.equal(fileLinks.mentions.length, 2);
    assert.deepEqual(documentLinksFor(fileLinks, catalog), []);
  });

  it('gives no link for mappings or unknown keys', () => {
    const { fileLinks, catalog } = linksFor([keyMention({ key: 'ISO-8601', line: 4 })], [mappingRule({ itemKey: 'PAY-101', glob: '**', symbol: 'issue' })]);
    assert.deepEqual(documentLinksFor(fileLinks, catalog), []);
  });
});

describe('hover', () => {
  const fileLevel = [mappingRule({ itemKey: 'BIL-301', glob: 'src/**' })];

  it('shows the item of the key under the cursor, over the key', () => {
    const { fileLinks, catalog } = linksFor(MENTIONS, fileLevel);
    for (const character of [24, 27, 31]) {
      const found = itemsAt(fileLinks, catalog, 4, character);
      assert.deepEqual(
        found?.items.map((item) => item.key),
        ['PAY-120'],
        `at ${character}`,
      );
      assert.deepEqual(found?.range, range(4, 24, 4, 31));
    }
  });

  it("shows a symbol's own items on its name, ranked, and not the file-level ones", () => {
    const { fileLinks, catalog } = linksFor([...MENTIONS, keyMention({ key: 'PAY-110', line: 6 })], fileLevel);
    const found = itemsAt(fileLinks, catalog, 5, 10);
    assert.deepEqual(
      found?.items.map((item) => item.key),
      ['PAY-110', 'PAY-101', 'PAY-120'],
    );
    assert.deepEqual(found?.range, issue.nameRange);
  });

  it('shows nothing on a symbol with only file-level links (their lens is at the top of the file)', () => {
    const { fileLinks, catalog } = linksFor([], fileLevel);
    assert.deepEqual([...fileLinks.fileLevel], ['BIL-301']);
    assert.equal(itemsAt(fileLinks, catalog, 0, 15), undefined);
  });

  it('shows nothing away from keys and names, or where nothing links', () => {
    const { fileLinks, catalog } = linksFor(MENTIONS, fileLevel);
    assert.equal(itemsAt(fileLinks, catalog, 8, 4), undefined, 'inside a body');
    assert.equal(itemsAt(fileLinks, catalog, 4, 10), undefined, 'on `friction:`');
    const bare = linksFor([]);
    assert.equal(itemsAt(bare.fileLinks, bare.catalog, 5, 10), undefined, 'on an unlinked name');
  });

  it('renders the markdown of what it finds', () => {
    const { fileLinks, catalog } = linksFor(MENTIONS, fileLevel);
    const hover = hoverAt(fileLinks, catalog, 5, 10, { maxItems: 1, redact: true });
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*\[PAY\\-101\]/);
    assert.match(hover.markdown, /\[\\\+1 more\]/);
    assert.deepEqual(hover.range, issue.nameRange);
    assert.equal(hoverAt(fileLinks, catalog, 8, 4, { maxItems: 3, redact: true }), undefined);
  });
});

describe('whole records on the hover path', () => {
  /** A catalog over ITEMS whose source counts the whole records read (a tracker snapshot reads each from disk). */
  const counted = () => {
    const source = recordsInMemory('jira', ITEMS);
    const read: string[] = [];
    const catalog = new ItemCatalog(catalogEntries([{ ...source, item: (index) => (read.push(source.key(index)), source.item(index)) }]), [], [], 1);
    const fileLinks = resolveFileLinks(URI, FILE, MENTIONS, [service, issue, retry], { catalog, mappings: new MappingRules([]), trackerRefs: new TrackerRefIndex(catalog, undefined) });
    return { catalog, fileLinks, read };
  };

  it('links, lenses and document links read none; a hover reads only the items it shows', () => {
    const { catalog, fileLinks, read } = counted();
    assert.ok(fileLinks.mentions.length > 0 && codeLensesFor(fileLinks, catalog).length > 0);
    assert.deepEqual(
      documentLinksFor(fileLinks, catalog).map((link) => link.tooltip),
      ['Open PAY-101 in the tracker', 'Open PAY-110 in the tracker'],
    );
    assert.deepEqual(read, []);
    const hover = hoverAt(fileLinks, catalog, 5, 10, { maxItems: 1, redact: true });
    assert.match(hover?.markdown ?? '', /\[\\\+1 more\]/);
    assert.deepEqual(read, ['PAY-101'], 'one shown, one counted by key');
  });
});
