import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contains, enclosingSymbol, enclosingSymbolOfLine, type CodeSymbol } from '../../server/src/symbols/codeSymbol';
import { SymbolIndex } from '../../server/src/symbols/symbolIndex';
import { GrammarLoader } from '../../server/src/symbols/treeSitter';
import { codeSymbol, range } from '../support/builders';
import { readExpected, SAMPLE_ROOT } from '../support/expectedLinks';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('symbol outlines', function () {
  // Loading a grammar's wasm takes a moment the first time.
  this.timeout(20000);
  const grammars = new GrammarLoader();
  after(() => grammars.dispose());

  /** A fresh index per call, so no test depends on another's cache. */
  async function outline(fileName: string, text: string): Promise<readonly CodeSymbol[]> {
    const symbols = await new SymbolIndex(grammars).outline(path.join('/ws', fileName), text);
    assert.ok(symbols, `no outline for ${fileName}`);
    return symbols;
  }

  const names = (symbols: readonly CodeSymbol[]): string[] => symbols.map((symbol) => symbol.qualifiedName);

  function symbolNamed(symbols: readonly CodeSymbol[], qualifiedName: string): CodeSymbol {
    const symbol = symbols.find((candidate) => candidate.qualifiedName === qualifiedName);
    assert.ok(symbol, `no ${qualifiedName} in ${names(symbols).join(', ')}`);
    return symbol;
  }

  /** The enclosing symbol of the first occurrence of `needle`. */
  function enclosingAt(symbols: readonly CodeSymbol[], text: string, needle: string): string | undefined {
    const offset = text.indexOf(needle);
    assert.ok(offset >= 0, `'${needle}' not in text`);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return enclosingSymbol(symbols, line, offset - (before.lastIndexOf('\n') + 1))?.qualifiedName;
  }

  describe('TypeScript', () => {
    const text = lines(
      'export class RefundService {',
      '  constructor(private readonly store: Store) {}',
      '',
      '  // friction: PAY-101',
      '  async issue(request: Request): Promise<void> {}',
      '',
      '  // a note about the class, not about retry',
      '',
      '  retry = async (id: string) => id;',
      '  private submitToNetwork(): void {}',
      '}',
      '/** @friction PAY-110 */',
      'export const timeoutPolicy = () => ({ connectMs: 2000 });',
      'export const LIMIT = 3;',
      'export function refundAll() {}',
      'interface Store { get(id: string): void }',
      'namespace Legacy { export function inner() {} }',
    );

    it('qualifies members with their class, interface and namespace', async () => {
      assert.deepEqual(names(await outline('refund.ts', text)), [
        'RefundService',
        'RefundService.constructor',
        'RefundService.issue',
        'RefundService.retry',
        'RefundService.submitToNetwork',
        'timeoutPolicy',
        'refundAll',
        'Store',
        'Store.get',
        'Legacy',
        'Legacy.inner',
      ]);
    });

    it('gives the exact range of each declared name', async () => {
      const symbols = await outline('refund.ts', text);
      assert.deepEqual(symbolNamed(symbols, 'RefundService').nameRange, range(0, 13, 0, 26));
      assert.deepEqual(symbolNamed(symbols, 'RefundService.issue').nameRange, range(4, 8, 4, 13));
      assert.deepEqual(symbolNamed(symbols, 'timeoutPolicy').nameRange, range(12, 13, 12, 26));
      assert.equal(symbolNamed(symbols, 'RefundService.issue').kind, 'method');
      assert.equal(symbolNamed(symbols, 'RefundService').kind, 'class');
    });

    it('gives a symbol the comment directly above it, but not one separated by a blank line', async () => {
      const symbols = await outline('refund.ts', text);
      assert.equal(symbolNamed(symbols, 'RefundService.issue').range.startLine, 3);
      assert.equal(enclosingAt(symbols, text, 'PAY-101'), 'RefundService.issue');
      assert.equal(enclosingAt(symbols, text, 'a note about'), 'RefundService');
      assert.equal(symbolNamed(symbols, 'RefundService.retry').range.startLine, 8);
    });

    it('gives an exported arrow-function const its JSDoc', async () => {
      const symbols = await outline('refund.ts', text);
      assert.equal(enclosingAt(symbols, text, 'PAY-110'), 'timeoutPolicy');
      assert.deepEqual(symbolNamed(symbols, 'timeoutPolicy').range, range(11, 0, 12, 56));
    });

    it('ends a symbol at the end of its declaration', async () => {
      const symbols = await outline('refund.ts', text);
      assert.deepEqual(symbolNamed(symbols, 'RefundService').range, range(0, 0, 10, 1));
      assert.equal(enclosingAt(symbols, text, 'LIMIT'), undefined);
    });
  });

  describe('TSX and JavaScript', () => {
    it('finds components in .tsx', async () => {
      const text = lines('// friction: CHK-204', 'export function PayButton() { return <button>Pay</button>; }', 'const Badge = () => <span />;');
      const symbols = await outline('pay.tsx', text);
      assert.deepEqual(names(symbols), ['PayButton', 'Badge']);
      assert.equal(enclosingAt(symbols, text, 'CHK-204'), 'PayButton');
    });

    it('finds classes, methods and function expressions in .js', async () => {
      const text = lines('class Cart {', '  /** @friction CHK-210 */', '  applyCoupon(code) {}', '}', 'const total = function () {};');
      const symbols = await outline('cart.js', text);
      assert.deepEqual(names(symbols), ['Cart', 'Cart.applyCoupon', 'total']);
      assert.equal(enclosingAt(symbols, text, 'CHK-210'), 'Cart.applyCoupon');
      assert.deepEqual(symbolNamed(symbols, 'Cart.applyCoupon').nameRange, range(2, 2, 2, 13));
    });
  });

  describe('Python', () => {
    const text = lines(
      'class SettlementWorker(BaseWorker):',
      '    def run(self, as_of=None):',
      '        """Send every payout that is due."""',
      '        return 0',
      '',
      '    # friction: PAY-140',
      '    def reconcile(self, statement):',
      '        pass',
      '',
      '',
      '# friction: PAY-130',
      '@with_retries(times=3)',
      'def retry_failed_payouts(ledger, bank):',
      '    # see PAY-130 for why we batch',
      '    return 0',
      '',
      'async def notify():',
      '    pass',
    );

    it('qualifies methods with their class and finds decorated and async functions', async () => {
      const symbols = await outline('settlement.py', text);
      assert.deepEqual(names(symbols), ['SettlementWorker', 'SettlementWorker.run', 'SettlementWorker.reconcile', 'retry_failed_payouts', 'notify']);
      assert.deepEqual(symbolNamed(symbols, 'SettlementWorker.run').nameRange, range(1, 8, 1, 11));
      assert.deepEqual(symbolNamed(symbols, 'retry_failed_payouts').nameRange, range(12, 4, 12, 24));
    });

    it('starts a decorated function at its leading comment and decorators', async () => {
      const symbols = await outline('settlement.py', text);
      assert.equal(symbolNamed(symbols, 'retry_failed_payouts').range.startLine, 10);
      assert.equal(enclosingAt(symbols, text, 'friction: PAY-130'), 'retry_failed_payouts');
      assert.equal(enclosingAt(symbols, text, 'see PAY-130'), 'retry_failed_payouts');
    });

    it('gives a method (not its first) the comment directly above it', async () => {
      const symbols = await outline('settlement.py', text);
      assert.equal(enclosingAt(symbols, text, 'PAY-140'), 'SettlementWorker.reconcile');
    });

    it('attributes a docstring to the function it documents', async () => {
      const symbols = await outline('settlement.py', text);
      assert.equal(enclosingAt(symbols, text, 'Send every payout'), 'SettlementWorker.run');
    });

    it('gives the first method of a class the comment directly above it', async () => {
      // tree-sitter-python puts this comment in the class, before the block holding the method.
      const first = lines('class SettlementWorker:', '    # friction: PAY-190', '    def run(self):', '        pass');
      const symbols = await outline('first.py', first);
      assert.equal(enclosingAt(symbols, first, 'PAY-190'), 'SettlementWorker.run');
    });
  });

  describe('Go', () => {
    const text = lines(
      'package payments',
      '',
      '// Client talks to the API.',
      'type Client struct{}',
      '',
      '// friction: PAY-101',
      'func (c *Client) Refund(ctx context.Context) error { return nil }',
      'func (c Client) Name() string { return "" }',
      'func (l *List[T]) Push(v T) {}',
      'func NewClient() *Client { return nil }',
    );

    it('qualifies methods with the receiver type, pointer, value or generic', async () => {
      const symbols = await outline('client.go', text);
      assert.deepEqual(names(symbols), ['Client', 'Client.Refund', 'Client.Name', 'List.Push', 'NewClient']);
      assert.deepEqual(symbolNamed(symbols, 'Client.Refund').nameRange, range(6, 17, 6, 23));
    });

    it('gives a method its leading comment', async () => {
      const symbols = await outline('client.go', text);
      assert.equal(enclosingAt(symbols, text, 'PAY-101'), 'Client.Refund');
      assert.equal(enclosingAt(symbols, text, 'talks to'), 'Client');
    });
  });

  describe('Java', () => {
    const text = lines(
      'package com.acme.payments;',
      'public final class PaymentsClient {',
      '    public PaymentsClient(URI baseUri) {}',
      '',
      '    /** @friction PAY-150 */',
      '    public String refund(String paymentId) { return ""; }',
      '    static class Retry { void backoff() {} }',
      '    enum Mode { SYNC; void describe() {} }',
      '}',
    );

    it('qualifies methods, constructors, nested classes and enums', async () => {
      const symbols = await outline('PaymentsClient.java', text);
      assert.deepEqual(names(symbols), [
        'PaymentsClient',
        'PaymentsClient.PaymentsClient',
        'PaymentsClient.refund',
        'PaymentsClient.Retry',
        'PaymentsClient.Retry.backoff',
        'PaymentsClient.Mode',
        'PaymentsClient.Mode.describe',
      ]);
      assert.deepEqual(symbolNamed(symbols, 'PaymentsClient.refund').nameRange, range(5, 18, 5, 24));
    });

    it('gives a method its Javadoc', async () => {
      const symbols = await outline('PaymentsClient.java', text);
      assert.equal(enclosingAt(symbols, text, 'PAY-150'), 'PaymentsClient.refund');
    });
  });

  describe('C#', () => {
    const text = lines(
      'namespace Acme.Payments',
      '{',
      '    public sealed class PaymentsClient',
      '    {',
      '        public PaymentsClient(HttpClient http) {}',
      '',
      '        /// <summary>Refunds a payment.</summary>',
      '        /// friction: PAY-160',
      '        public async Task<RefundResult> RefundAsync(string paymentId) { return null; }',
      '        public int Timeout { get; set; }',
      '    }',
      '    public record RefundResult(string Id);',
      '}',
    );

    it('leaves namespaces out of qualified names', async () => {
      const symbols = await outline('PaymentsClient.cs', text);
      assert.deepEqual(names(symbols), ['PaymentsClient', 'PaymentsClient.PaymentsClient', 'PaymentsClient.RefundAsync', 'PaymentsClient.Timeout', 'RefundResult']);
      assert.deepEqual(symbolNamed(symbols, 'PaymentsClient.RefundAsync').nameRange, range(8, 40, 8, 51));
    });

    it('gives a method its `///` doc comment', async () => {
      const symbols = await outline('PaymentsClient.cs', text);
      assert.equal(symbolNamed(symbols, 'PaymentsClient.RefundAsync').range.startLine, 6);
      assert.equal(enclosingAt(symbols, text, 'PAY-160'), 'PaymentsClient.RefundAsync');
    });
  });

  describe('Rust', () => {
    const text = lines(
      '#[derive(Debug)]',
      'struct Ledger { payouts: Vec<i64> }',
      '',
      'impl Ledger {',
      '    /// friction: PAY-140',
      "    fn mismatches<'a>(&'a self, bank: &'a [i64]) -> Vec<&'a i64> { Vec::new() }",
      '}',
      'impl<T> fmt::Display for Wrapper<T> { fn fmt(&self) {} }',
      'trait Source { fn load(&self); }',
      'fn main() {}',
    );

    it('qualifies impl functions with the impl type, lifetimes and generics notwithstanding', async () => {
      const symbols = await outline('main.rs', text);
      assert.deepEqual(names(symbols), ['Ledger', 'Ledger.mismatches', 'Wrapper.fmt', 'Source', 'Source.load', 'main']);
      assert.deepEqual(symbolNamed(symbols, 'Ledger.mismatches').nameRange, range(5, 7, 5, 17));
    });

    it('gives a function its `///` doc comment and a struct its attributes', async () => {
      const symbols = await outline('main.rs', text);
      assert.equal(enclosingAt(symbols, text, 'PAY-140'), 'Ledger.mismatches');
      assert.equal(symbolNamed(symbols, 'Ledger').range.startLine, 0);
    });
  });

  describe('Ruby', () => {
    it('qualifies methods with their module and class', async () => {
      const text = lines('module Billing', '  class InvoiceBackfill', '    def initialize; end', '', '    # friction: BIL-310', '    def run(from, to)', '    end', '    def self.create; end', '  end', 'end');
      const symbols = await outline('backfill.rb', text);
      assert.deepEqual(names(symbols), ['Billing', 'Billing.InvoiceBackfill', 'Billing.InvoiceBackfill.initialize', 'Billing.InvoiceBackfill.run', 'Billing.InvoiceBackfill.create']);
      assert.deepEqual(symbolNamed(symbols, 'Billing.InvoiceBackfill.run').nameRange, range(5, 8, 5, 11));
      assert.equal(enclosingAt(symbols, text, 'BIL-310'), 'Billing.InvoiceBackfill.run');
    });

    it('gives the first method of a class the comment directly above it', async () => {
      // tree-sitter-ruby puts this comment in the class, before the body holding the method.
      const text = lines('class InvoiceBackfill', '  # friction: BIL-310', '  def run(from, to)', '  end', 'end');
      const symbols = await outline('first.rb', text);
      assert.equal(enclosingAt(symbols, text, 'BIL-310'), 'InvoiceBackfill.run');
    });
  });

  describe('SymbolIndex', () => {
    it('has no outline for files without a grammar', async () => {
      const index = new SymbolIndex(grammars);
      assert.equal(await index.outline('/ws/run.sh', 'f() { :; }\n'), undefined);
      assert.equal(await index.outline('/ws/receipt.html', '<p></p>'), undefined);
    });

    it('parses again when the text changes, and reuses the outline when it does not', async () => {
      const index = new SymbolIndex(grammars);
      const first = await index.outline('/ws/a.ts', 'function a() {}\n');
      assert.equal(await index.outline('/ws/a.ts', 'function a() {}\n'), first);
      const second = await index.outline('/ws/a.ts', 'function b() {}\n');
      assert.deepEqual(names(second ?? []), ['b']);
    });
  });

  describe('the sample workspace', () => {
    const annotations = readExpected().links.filter((link) => link.origin === 'annotation' && link.symbol !== undefined);

    it('has the fourteen symbol annotations of EXPECTED.md', () => {
      assert.deepEqual(
        annotations.map((link) => link.id),
        ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14'],
      );
    });

    for (const link of annotations) {
      it(`${link.id}: ${link.key} in ${link.file} belongs to ${link.symbol}`, async () => {
        const text = readFileSync(path.join(SAMPLE_ROOT, link.file), 'utf8');
        assert.equal(text.split('\n')[link.line]?.slice(link.character, link.character + link.key.length), link.key, 'EXPECTED.md position');
        const symbols = await new SymbolIndex(grammars).outline(path.join(SAMPLE_ROOT, link.file), text);
        assert.ok(symbols);
        assert.equal(enclosingSymbol(symbols, link.line, link.character)?.qualifiedName, link.symbol);
      });
    }
  });
});

describe('codeSymbol', () => {
  const outer = codeSymbol({ qualifiedName: 'RefundService', kind: 'class', range: range(0, 0, 20, 1) });
  const inner = codeSymbol({ qualifiedName: 'RefundService.issue', range: range(4, 2, 8, 3) });

  it('contains positions inclusively at both ends', () => {
    assert.equal(contains(inner.range, 4, 2), true);
    assert.equal(contains(inner.range, 8, 3), true);
    assert.equal(contains(inner.range, 4, 1), false);
    assert.equal(contains(inner.range, 8, 4), false);
    assert.equal(contains(inner.range, 9, 0), false);
  });

  it('picks the innermost enclosing symbol, whatever the order of the list', () => {
    assert.equal(enclosingSymbol([outer, inner], 5, 0)?.qualifiedName, 'RefundService.issue');
    assert.equal(enclosingSymbol([inner, outer], 5, 0)?.qualifiedName, 'RefundService.issue');
    assert.equal(enclosingSymbol([inner, outer], 12, 0)?.qualifiedName, 'RefundService');
    assert.equal(enclosingSymbol([inner, outer], 30, 0), undefined);
  });

  it('picks the innermost symbol spanning a line', () => {
    assert.equal(enclosingSymbolOfLine([outer, inner], 6)?.qualifiedName, 'RefundService.issue');
    assert.equal(enclosingSymbolOfLine([inner, outer], 6)?.qualifiedName, 'RefundService.issue');
    assert.equal(enclosingSymbolOfLine([outer, inner], 2)?.qualifiedName, 'RefundService');
  });
});
