import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import { languageOfPath } from '../../server/src/languages';
import { scanKeyMentions } from '../../server/src/links/annotationScanner';
import { frictionItem, impact, keyMention, touchpoint } from '../support/builders';

describe('ItemCatalog', () => {
  const catalog = ItemCatalog.of(
    [frictionItem({ key: 'PAY-101' }), frictionItem({ key: 'PAY-102' })],
    [touchpoint({ id: 'TP-1', friction: ['PAY-101', 'PAY-120'] }), touchpoint({ id: 'TP-7', friction: ['PAY-101'] })],
    ['PAY', 'CHK'],
    1,
  );

  describe('resolve', () => {
    it('resolves a mention of a known item, bare or explicit', () => {
      assert.equal(catalog.resolve(keyMention({ key: 'PAY-101' }))?.id, 'local:PAY-101');
      assert.equal(catalog.resolve(keyMention({ key: 'PAY-102', explicit: true }))?.key, 'PAY-102');
    });

    it('never resolves an unknown key, even with a configured prefix or written explicitly', () => {
      assert.equal(catalog.resolve(keyMention({ key: 'PAY-999' })), undefined);
      assert.equal(catalog.resolve(keyMention({ key: 'CHK-1', explicit: true })), undefined);
    });

    it('rejects the false positives the scanner can report', () => {
      const text = '// see ABC-123, RFC-7231, UTF-8 and ISO-8601; planned for 2026-08\n';
      const mentions = scanKeyMentions(text, languageOfPath('a.ts')!);
      assert.deepEqual(
        mentions.map((mention) => mention.key),
        ['ABC-123', 'RFC-7231', 'UTF-8', 'ISO-8601'],
      );
      for (const mention of mentions) {
        assert.equal(catalog.resolve(mention), undefined, mention.key);
        assert.equal(catalog.wants(mention), false, mention.key);
      }
    });
  });

  describe('wants', () => {
    it('does not want a word after "friction:" in prose, only key-shaped tokens', () => {
      const mentions = scanKeyMentions('// reduce friction: the retry loop; friction: ENG-7\n', languageOfPath('a.ts')!);
      assert.deepEqual(mentions.map((m) => [m.key, catalog.wants(m)]), [['the', false], ['ENG-7', true]]);
    });

    it('wants known keys', () => {
      assert.equal(catalog.wants(keyMention({ key: 'PAY-102' })), true);
    });

    it('wants unknown bare keys only with a configured prefix', () => {
      assert.equal(catalog.wants(keyMention({ key: 'PAY-999' })), true);
      assert.equal(catalog.wants(keyMention({ key: 'CHK-215' })), true);
      assert.equal(catalog.wants(keyMention({ key: 'BIL-301' })), false);
    });

    it('wants unknown keys written explicitly', () => {
      assert.equal(catalog.wants(keyMention({ key: 'BIL-301', explicit: true })), true);
    });

    it('wants UTF-8 or ISO-8601 only when their prefix is configured', () => {
      const utf = keyMention({ key: 'UTF-8' });
      const iso = keyMention({ key: 'ISO-8601' });
      assert.equal(catalog.wants(utf), false);
      assert.equal(catalog.wants(iso), false);
      const odd = ItemCatalog.of([], [], ['UTF', 'ISO'], 1);
      assert.equal(odd.wants(utf), true);
      assert.equal(odd.wants(iso), true);
    });

    it('matches the whole prefix, not a part of it', () => {
      assert.equal(catalog.wants(keyMention({ key: 'PAYX-1' })), false);
      assert.equal(catalog.wants(keyMention({ key: 'XPAY-1' })), false);
    });
  });

  it('counts touchpoints per item key', () => {
    assert.deepEqual(
      catalog.touchpointsAbout('PAY-101').map((t) => t.id),
      ['TP-1', 'TP-7'],
    );
    assert.equal(catalog.touchpointsAbout('PAY-120').length, 1);
    assert.equal(catalog.touchpointsAbout('PAY-102').length, 0);
  });

  it('keeps the first item of a key given twice (sources in priority order)', () => {
    const merged = ItemCatalog.of([frictionItem({ key: 'PAY-1', source: 'jira', title: 'first' }), frictionItem({ key: 'PAY-1', title: 'second' })], [], [], 1);
    assert.equal(merged.size, 1);
    assert.equal(merged.get('PAY-1')?.title, 'first');
  });

  describe('ranked', () => {
    const ranking = ItemCatalog.of(
      [
        frictionItem({ key: 'A-1', severity: 'high', impact: impact(5000) }),
        frictionItem({ key: 'A-2', severity: 'critical', impact: impact(1) }),
        frictionItem({ key: 'A-3', severity: 'high', impact: impact(6000) }),
        frictionItem({ key: 'A-4', severity: 'low', impact: impact(90000) }),
        frictionItem({ key: 'A-5', severity: 'high', impact: impact(5000, 9) }),
      ],
      [],
      [],
      1,
    );

    it('ranks by severity, then customers, then tickets, then key', () => {
      assert.deepEqual(
        ranking.ranked(['A-4', 'A-1', 'A-3', 'A-2', 'A-5']).map((item) => item.key),
        ['A-2', 'A-3', 'A-5', 'A-1', 'A-4'],
      );
    });

    it('drops unknown keys and duplicates', () => {
      assert.deepEqual(
        ranking.ranked(['A-1', 'NOPE-1', 'A-1']).map((item) => item.key),
        ['A-1'],
      );
    });
  });

  it('starts empty', () => {
    const empty = ItemCatalog.empty();
    assert.equal(empty.size, 0);
    assert.equal(empty.generation, 0);
    assert.equal(empty.resolve(keyMention()), undefined);
  });
});
