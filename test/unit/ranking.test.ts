import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import {
  compareByImpact,
  compareRankable,
  compareRankableByCustomers,
  itemComparator,
  rankableComparator,
  type Rankable,
} from '../../server/src/domain/frictionItem';
import { codeLensesFor } from '../../server/src/features/codeLenses';
import { resolveFileLinks } from '../../server/src/features/fileLinks';
import { hoverAt, itemsAt } from '../../server/src/features/hover';
import { MappingRules } from '../../server/src/links/mappingRules';
import { TrackerRefIndex } from '../../server/src/links/trackerRefIndex';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';
import { codeSymbol, frictionItem, impact, keyMention, range } from '../support/builders';

const rankable = (key: string, severity: Rankable['severity'], customers: number, tickets = 0): Rankable => ({ key, severity, customers, tickets });

// Severity and customers disagree on purpose: a low item with many customers, a critical one with few.
const ROWS: Rankable[] = [
  rankable('A-1', 'high', 5000),
  rankable('A-2', 'critical', 1),
  rankable('A-3', 'high', 6000),
  rankable('A-4', 'low', 90000),
  rankable('A-5', 'high', 5000, 9),
  rankable('A-6', 'medium', 5000, 9),
];
const keys = (rows: readonly { key: string }[]) => rows.map((row) => row.key);

describe('ranking', () => {
  describe('comparators', () => {
    it('severity mode: most severe, then customers, then tickets, then key', () => {
      assert.deepEqual(keys([...ROWS].sort(compareRankable)), ['A-2', 'A-3', 'A-5', 'A-1', 'A-6', 'A-4']);
    });

    it('customers mode: most customers, then most severe, then tickets, then key', () => {
      assert.deepEqual(keys([...ROWS].sort(compareRankableByCustomers)), ['A-4', 'A-3', 'A-5', 'A-1', 'A-6', 'A-2']);
    });

    it('ties on everything fall back to the key, so input order never matters', () => {
      const a = rankable('B-2', 'high', 10, 1);
      const b = rankable('B-1', 'high', 10, 1);
      for (const compare of [compareRankable, compareRankableByCustomers]) {
        assert.deepEqual(keys([a, b].sort(compare)), ['B-1', 'B-2']);
        assert.deepEqual(keys([b, a].sort(compare)), ['B-1', 'B-2']);
      }
    });

    it('picks the comparator for a mode, severity by default', () => {
      assert.equal(rankableComparator(), compareRankable);
      assert.equal(rankableComparator('severity'), compareRankable);
      assert.equal(rankableComparator('customers'), compareRankableByCustomers);
    });

    it('compares full items like their rankable fields', () => {
      const low = frictionItem({ key: 'L-1', severity: 'low', impact: impact(900) });
      const high = frictionItem({ key: 'H-1', severity: 'high', impact: impact(10) });
      assert.deepEqual(keys([low, high].sort(compareByImpact)), ['H-1', 'L-1']);
      assert.deepEqual(keys([low, high].sort(itemComparator())), ['H-1', 'L-1']);
      assert.deepEqual(keys([high, low].sort(itemComparator('customers'))), ['L-1', 'H-1']);
    });
  });

  describe('ItemCatalog.ranked', () => {
    const catalog = ItemCatalog.of(
      ROWS.map((row) => frictionItem({ key: row.key, severity: row.severity, impact: impact(row.customers, row.tickets) })),
      [],
      [],
      1,
    );

    it('keeps ranking by severity without a mode (existing callers)', () => {
      assert.deepEqual(keys(catalog.ranked(keys(ROWS))), ['A-2', 'A-3', 'A-5', 'A-1', 'A-6', 'A-4']);
      assert.deepEqual(keys(catalog.ranked(keys(ROWS), 'severity')), ['A-2', 'A-3', 'A-5', 'A-1', 'A-6', 'A-4']);
    });

    it('ranks by customers in customers mode, still dropping unknown keys and duplicates', () => {
      assert.deepEqual(keys(catalog.ranked(['A-2', 'NOPE-1', 'A-4', 'A-2', 'A-3'], 'customers')), ['A-4', 'A-3', 'A-2']);
    });
  });

  describe('features follow the mode', () => {
    // PAY-110 is critical with few customers, BIL-301 low with many: the modes disagree.
    const items = [frictionItem({ key: 'PAY-110', severity: 'critical', impact: impact(40) }), frictionItem({ key: 'BIL-301', severity: 'low', impact: impact(900) })];
    const catalog = ItemCatalog.of(items, [], [], 1);
    const issue = codeSymbol({ qualifiedName: 'RefundService.issue', nameRange: range(5, 8, 5, 13), range: range(4, 2, 12, 3) });
    const mentions = [keyMention({ key: 'PAY-110', line: 4, startCharacter: 15 }), keyMention({ key: 'BIL-301', line: 4, startCharacter: 24 })];
    const sources = { catalog, mappings: new MappingRules([]), trackerRefs: new TrackerRefIndex(catalog, undefined) };
    const fileLinks = resolveFileLinks('file:///ws/a.ts', 'a.ts', mentions, [issue], sources);

    it('hover items', () => {
      assert.deepEqual(keys(itemsAt(fileLinks, catalog, 5, 9)?.items ?? []), ['PAY-110', 'BIL-301']);
      assert.deepEqual(keys(itemsAt(fileLinks, catalog, 5, 9, 'customers')?.items ?? []), ['BIL-301', 'PAY-110']);
      const markdown = hoverAt(fileLinks, catalog, 5, 9, { maxItems: 1, redact: true, ranking: 'customers' })?.markdown ?? '';
      assert.match(markdown, /BIL\\-301/);
      assert.doesNotMatch(markdown, /^\*\*\[PAY\\-110/);
    });

    it('CodeLens keys', () => {
      assert.deepEqual(codeLensesFor(fileLinks, catalog)[0]?.keys, ['PAY-110', 'BIL-301']);
      assert.deepEqual(codeLensesFor(fileLinks, catalog, 'customers')[0]?.keys, ['BIL-301', 'PAY-110']);
    });
  });

  describe('the customerLens.ranking setting', () => {
    it('defaults to severity', () => {
      assert.equal(DEFAULT_SETTINGS.ranking, 'severity');
      assert.equal(normalizeSettings({}).ranking, 'severity');
      assert.equal(normalizeSettings(null).ranking, 'severity');
    });

    it('accepts customers and severity', () => {
      assert.equal(normalizeSettings({ ranking: 'customers' }).ranking, 'customers');
      assert.equal(normalizeSettings({ ranking: 'severity' }).ranking, 'severity');
    });

    it('falls back to severity for anything else, keeping the other settings', () => {
      for (const ranking of ['Customers', 'impact', '', 1, true, null, ['customers'], { mode: 'customers' }]) {
        const normalized = normalizeSettings({ ranking, redactPii: false });
        assert.equal(normalized.ranking, 'severity', JSON.stringify(ranking));
        assert.equal(normalized.redactPii, false);
      }
    });
  });
});
