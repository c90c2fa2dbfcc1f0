import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { useSampleServer } from '../support/sampleServer';
import { ANNOTATIONS, BY_SYMBOL, customersOf } from './expected';

const FILE_LEVEL: readonly { file: string; keys: string[] }[] = [
  { file: 'src/billing/invoice.ts', keys: ['BIL-301'] },
  { file: 'src/payments/cardNetwork.ts', keys: ['PAY-110'] },
  { file: 'clients/java/src/main/java/com/acme/payments/PaymentsClient.java', keys: ['PAY-150'] },
  { file: 'scripts/replay_webhooks.sh', keys: ['PAY-170'] },
  { file: 'db/migrations/004_refund_status.sql', keys: ['PAY-101'] },
  { file: 'web/receipt.html', keys: ['BIL-305'] },
  { file: 'docs/runbook.md', keys: ['PAY-101'] },
];

const NO_LINKS = ['src/util/dates.ts', 'worker/base.py', 'build/generated.ts', 'node_modules/left-pad/index.js', 'EXPECTED.md'];

const plural = (count: number, one: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : `${one}s`}`;

describe('LSP: CodeLens and document links', () => {
  const server = useSampleServer('suite', { open: [...BY_SYMBOL.map((row) => row.file), ...ANNOTATIONS.map((row) => row.file), ...FILE_LEVEL.map((row) => row.file), ...NO_LINKS] });

  const lensAt = (lenses: CodeLens[], line: number, character: number) => lenses.find((lens) => lens.range.start.line === line && lens.range.start.character === character);

  it('puts `1 friction item · 412 customers` above RefundService.issue, opening PAY-101', async () => {
    const lenses = await server.session.codeLens('src/payments/refund.ts');
    const issue = lensAt(lenses, 35, 8);
    assert.ok(issue, JSON.stringify(lenses));
    assert.equal(issue.command?.title, '1 friction item · 412 customers');
    assert.equal(issue.command?.command, 'customerLens.openItem');
    assert.deepEqual(issue.command?.arguments, [['PAY-101']]);
    const retry = lensAt(lenses, 52, 8);
    assert.equal(retry?.command?.title, '1 friction item · 1,240 customers');
    assert.deepEqual(retry?.command?.arguments, [['PAY-110']]);
    assert.equal(lenses.length, 3, JSON.stringify(lenses.map((lens) => lens.command?.title)));
  });

  describe('a lens on every linked symbol of EXPECTED.md section 5', () => {
    for (const row of BY_SYMBOL) {
      it(`${row.symbol}: ${row.keys.join(', ')}`, async () => {
        const lens = lensAt(await server.session.codeLens(row.file), row.line - 1, row.col - 1);
        assert.ok(lens?.command, `no lens at ${row.line}:${row.col}`);
        assert.equal(lens.command.command, 'customerLens.openItem');
        assert.deepEqual(lens.command.arguments, [row.keys], 'keys ranked by impact');
        if (row.keys.length === 1) {
          assert.equal(lens.command.title, `1 friction item · ${plural(customersOf(row.keys[0] as string), 'customer')}`);
        } else {
          // EXPECTED.md does not fix how customers of several items add up.
          assert.match(lens.command.title, new RegExp(`^${row.keys.length} friction items · [\\d,]+ customers$`));
        }
      });
    }
  });

  describe('a file-level lens at line 0', () => {
    for (const row of FILE_LEVEL) {
      it(`${row.file}: ${row.keys.join(', ')}`, async () => {
        const lens = lensAt(await server.session.codeLens(row.file), 0, 0);
        assert.ok(lens?.command, `no file-level lens in ${row.file}`);
        assert.deepEqual(lens.command.arguments, [row.keys]);
        assert.ok(lens.command.title.includes(`1 friction item · ${plural(customersOf(row.keys[0] as string), 'customer')}`), lens.command.title);
      });
    }

    it('src/billing/invoice.ts: BIL-301 from the glob-only mapping, plus render’s own lens', async () => {
      const lenses = await server.session.codeLens('src/billing/invoice.ts');
      assert.deepEqual(
        lenses.map((lens) => [lens.range.start.line, lens.range.start.character, lens.command?.arguments]),
        [
          [0, 0, [['BIL-301']]],
          [28, 2, [['BIL-305', 'PAY-666']]],
        ],
      );
      assert.ok(lenses[0]?.command?.title.includes('150 customers'), lenses[0]?.command?.title);
    });
  });

  it('gives no lens in files without links', async () => {
    for (const file of NO_LINKS) assert.deepEqual(await server.session.codeLens(file), [], file);
  });

  describe('document links: exactly the annotations of EXPECTED.md section 1', () => {
    const files = [...new Set(ANNOTATIONS.map((row) => row.file))];
    for (const file of files) {
      it(file, async () => {
        const links = await server.session.documentLinks(file);
        const actual = links.map((link) => ({ range: link.range, target: link.target })).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const expected = ANNOTATIONS.filter((row) => row.file === file && row.key !== 'PAY-666').map((row) => ({
          range: { start: { line: row.line - 1, character: row.col - 1 }, end: { line: row.line - 1, character: row.col - 1 + row.key.length } },
          target: `https://tracker.example.com/browse/${row.key}`,
        }));
        assert.deepEqual(actual, expected);
      });
    }

    it('PAY-666, whose url is javascript:, gives no link', async () => {
      const links = await server.session.documentLinks('src/billing/invoice.ts');
      assert.deepEqual(links, []);
    });

    it('no links in files without annotations, gitignored files or node_modules', async () => {
      for (const file of NO_LINKS) assert.deepEqual(await server.session.documentLinks(file), [], file);
    });

    it('each link has a tooltip naming its key', async () => {
      const links = await server.session.documentLinks('src/payments/refund.ts');
      assert.deepEqual(
        links.map((link) => link.tooltip),
        ['Open PAY-101 in the tracker', 'Open PAY-101 in the tracker', 'Open PAY-120 in the tracker'],
      );
    });
  });
});
