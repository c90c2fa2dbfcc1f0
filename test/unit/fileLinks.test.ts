import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { resolveFileLinks, type FileLinkSources } from '../../server/src/features/fileLinks';
import { findCodeRefsInText, parseCodeRef } from '../../server/src/links/codeRefs';
import { MappingRules } from '../../server/src/links/mappingRules';
import { TrackerRefIndex } from '../../server/src/links/trackerRefIndex';
import type { MappingRule } from '../../server/src/local/localData';
import { codeSymbol, frictionItem, keyMention, mappingRule, range } from '../support/builders';

const URI = 'file:///ws/src/payments/refund.ts';
const FILE = 'src/payments/refund.ts';

const service = codeSymbol({ qualifiedName: 'RefundService', kind: 'class', nameRange: range(0, 13, 0, 26), range: range(0, 0, 40, 1) });
const issue = codeSymbol({ qualifiedName: 'RefundService.issue', nameRange: range(5, 8, 5, 13), range: range(4, 2, 12, 3) });
const retry = codeSymbol({ qualifiedName: 'RefundService.retry', nameRange: range(14, 8, 14, 13), range: range(14, 2, 20, 3) });
const SYMBOLS = [service, issue, retry];

function sources(items: FrictionItem[], rules: MappingRule[] = [], repository: string | undefined = 'acme/payments'): FileLinkSources {
  const catalog = ItemCatalog.of(items, [], [], 1);
  return { catalog, mappings: new MappingRules(rules), trackerRefs: new TrackerRefIndex(catalog, repository) };
}

describe('resolveFileLinks', () => {
  it('links a known key in a comment to its enclosing symbol, at the key', () => {
    const mention = keyMention({ key: 'PAY-101', line: 4, startCharacter: 15 });
    const linkSources = sources([frictionItem({ key: 'PAY-101' })]);
    const result = resolveFileLinks(URI, FILE, [mention], SYMBOLS, linkSources);
    assert.deepEqual(result.links, [{ itemKey: 'PAY-101', uri: URI, range: range(4, 15, 4, 22), origin: 'annotation', symbol: 'RefundService.issue' }]);
    assert.deepEqual([...(result.bySymbol.get(issue) ?? [])], ['PAY-101']);
    assert.equal(result.fileLevel.size, 0);
    assert.deepEqual(
      result.mentions.map(({ mention: m, key }) => [m.key, linkSources.catalog.get(key)?.id]),
      [['PAY-101', 'local:PAY-101']],
    );
  });

  it('ignores mentions of unknown keys, even explicit ones', () => {
    const mentions = [keyMention({ key: 'UTF-8' }), keyMention({ key: 'PAY-999', explicit: true })];
    const result = resolveFileLinks(URI, FILE, mentions, SYMBOLS, sources([frictionItem({ key: 'PAY-101' })]));
    assert.deepEqual(result.links, []);
    assert.deepEqual(result.mentions, []);
  });

  it('makes a mention outside every symbol file-level', () => {
    const result = resolveFileLinks(URI, FILE, [keyMention({ key: 'PAY-101', line: 50 })], SYMBOLS, sources([frictionItem()]));
    assert.equal(result.links[0]?.symbol, undefined);
    assert.deepEqual([...result.fileLevel], ['PAY-101']);
    assert.equal(result.bySymbol.size, 0);
  });

  it('makes every link file-level when there is no outline', () => {
    const rules = [mappingRule({ itemKey: 'PAY-102', glob: 'src/**', symbol: 'RefundService.issue' })];
    const result = resolveFileLinks(URI, FILE, [keyMention({ key: 'PAY-101', line: 5 })], undefined, sources([frictionItem(), frictionItem({ key: 'PAY-102' })], rules));
    assert.deepEqual(
      result.links.map((link) => [link.itemKey, link.origin, link.symbol]),
      [
        ['PAY-101', 'annotation', undefined],
        ['PAY-102', 'mapping', undefined],
      ],
    );
    assert.deepEqual([...result.fileLevel].sort(), ['PAY-101', 'PAY-102']);
    assert.deepEqual(result.symbols, []);
  });

  describe('mappings', () => {
    it('links a glob with a symbol at the symbol name, and a glob alone to the file', () => {
      const rules = [mappingRule({ itemKey: 'PAY-110', glob: 'src/payments/**', symbol: 'RefundService.retry' }), mappingRule({ itemKey: 'PAY-120', glob: 'src/*/refund.ts' })];
      const result = resolveFileLinks(URI, FILE, [], SYMBOLS, sources([frictionItem({ key: 'PAY-110' }), frictionItem({ key: 'PAY-120' })], rules));
      assert.deepEqual(result.links, [
        { itemKey: 'PAY-110', uri: URI, range: retry.nameRange, origin: 'mapping', symbol: 'RefundService.retry' },
        { itemKey: 'PAY-120', uri: URI, range: range(0, 0, 0, 0), origin: 'mapping' },
      ]);
      assert.deepEqual([...result.fileLevel], ['PAY-120']);
    });

    it('matches a symbol by the end of its qualified name', () => {
      const rules = [mappingRule({ itemKey: 'PAY-110', glob: '**', symbol: 'retry' })];
      const result = resolveFileLinks(URI, FILE, [], SYMBOLS, sources([frictionItem({ key: 'PAY-110' })], rules));
      assert.deepEqual(
        result.links.map((link) => link.symbol),
        ['RefundService.retry'],
      );
    });

    it('reports a symbol the file does not have, and links nothing', () => {
      const rules = [mappingRule({ itemKey: 'PAY-110', glob: '**', symbol: 'RefundService.refundAll' })];
      const result = resolveFileLinks(URI, FILE, [], SYMBOLS, sources([frictionItem({ key: 'PAY-110' })], rules));
      assert.deepEqual(result.links, []);
      assert.deepEqual(result.unresolvedSymbols, [{ itemKey: 'PAY-110', symbol: 'RefundService.refundAll' }]);
    });

    it('skips rules for unknown items and globs that do not match', () => {
      const rules = [mappingRule({ itemKey: 'NOPE-1', glob: '**' }), mappingRule({ itemKey: 'PAY-101', glob: 'worker/*.py' })];
      assert.deepEqual(resolveFileLinks(URI, FILE, [], SYMBOLS, sources([frictionItem()], rules)).links, []);
    });
  });

  describe('tracker-side references', () => {
    it('links `path#Symbol` to the symbol and a bare path to the file', () => {
      const items = [frictionItem({ key: 'PAY-101', codeRefs: ['src/payments/refund.ts#RefundService.issue'] }), frictionItem({ key: 'PAY-110', summary: 'The policy in src/payments/refund.ts, which gives up.' })];
      const result = resolveFileLinks(URI, FILE, [], SYMBOLS, sources(items));
      assert.deepEqual(result.links, [
        { itemKey: 'PAY-101', uri: URI, range: issue.nameRange, origin: 'tracker-ref', symbol: 'RefundService.issue' },
        { itemKey: 'PAY-110', uri: URI, range: range(0, 0, 0, 0), origin: 'tracker-ref' },
      ]);
    });

    it('links a permalink into this repository to its lines and the symbol spanning them', () => {
      const items = [frictionItem({ key: 'PAY-190', codeRefs: [`https://github.com/acme/payments/blob/3f2c1a9/${FILE}#L16-L18`] })];
      const result = resolveFileLinks(URI, FILE, [], SYMBOLS, sources(items));
      assert.deepEqual(result.links, [{ itemKey: 'PAY-190', uri: URI, range: range(15, 0, 17, 0), origin: 'tracker-ref', symbol: 'RefundService.retry' }]);
    });

    it('ignores a permalink into another repository', () => {
      const items = [frictionItem({ key: 'PAY-140', codeRefs: [`https://github.com/contoso/payments-fork/blob/3f2c1a9/${FILE}#L16-L18`] })];
      assert.deepEqual(resolveFileLinks(URI, FILE, [], SYMBOLS, sources(items)).links, []);
    });
  });
});

describe('code references', () => {
  it('parses paths, path#Symbol and permalinks into this repository', () => {
    assert.deepEqual(parseCodeRef('src/a.ts', undefined), { path: 'src/a.ts' });
    assert.deepEqual(parseCodeRef('./src/a.ts#Service.run', undefined), { path: 'src/a.ts', symbol: 'Service.run' });
    assert.deepEqual(parseCodeRef('https://github.com/Acme/Payments/blob/main/src/a%20b.ts#L10', 'acme/payments'), { path: 'src/a b.ts', startLine: 10, endLine: 10 });
    assert.deepEqual(parseCodeRef('https://github.com/acme/payments/blob/3f2c/src/a.ts#L10-L20', 'acme/payments'), { path: 'src/a.ts', startLine: 10, endLine: 20 });
  });

  it('rejects other repositories, other URLs and prose', () => {
    assert.equal(parseCodeRef('https://github.com/contoso/fork/blob/main/src/a.ts', 'acme/payments'), undefined);
    assert.equal(parseCodeRef('https://github.com/acme/payments/blob/main/src/a.ts', undefined), undefined);
    assert.equal(parseCodeRef('https://tracker.example.com/browse/PAY-101', 'acme/payments'), undefined);
    assert.equal(parseCodeRef('src/../../etc/passwd.txt', undefined), undefined);
    assert.equal(parseCodeRef('just words', undefined), undefined);
  });

  it('keeps the dot of a dot-folder and rejects a path that climbs out with a leading ../', () => {
    // Only a leading `./` may be dropped: `.github/…` is a different path from `github/…`.
    assert.deepEqual(parseCodeRef('.github/workflows/ci.yml', undefined), { path: '.github/workflows/ci.yml' });
    assert.equal(parseCodeRef('../secrets/key.pem', undefined), undefined);
  });

  it('finds paths in prose, without a trailing comma or prose like e.g. and v1.2', () => {
    const refs = findCodeRefsInText('The timeouts come from src/payments/cardNetwork.ts, e.g. in v1.2; see worker/settlement.py#SettlementWorker.run for more.', undefined);
    assert.deepEqual(refs, [{ path: 'src/payments/cardNetwork.ts' }, { path: 'worker/settlement.py', symbol: 'SettlementWorker.run' }]);
  });

  it("does not take a sentence's final period into a symbol", () => {
    assert.deepEqual(findCodeRefsInText('The retry loop is in src/payments/refund.ts#RefundService.retry.', undefined), [{ path: 'src/payments/refund.ts', symbol: 'RefundService.retry' }]);
  });

  it('does not take a URL in prose for a path', () => {
    assert.deepEqual(findCodeRefsInText('See https://tracker.example.com/docs/refunds.html for details.', 'acme/payments'), []);
  });
});
