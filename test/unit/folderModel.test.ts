import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Link } from '../../server/src/domain/link';
import { hoverAt, itemsAt } from '../../server/src/features/hover';
import type { TextReader } from '../../server/src/local/localData';
import { SymbolIndex } from '../../server/src/symbols/symbolIndex';
import { GrammarLoader } from '../../server/src/symbols/treeSitter';
import { scanFileOnDisk } from '../../server/src/workspace/fileScanner';
import { FolderModel } from '../../server/src/workspace/folderModel';
import { frictionItem } from '../support/builders';
import { assertInertMarkdown, keysShown, plainText } from '../support/markdownAssertions';
import { copySampleToTemp, readExpected, readExpectedHovers, type ExpectedLink } from '../support/expectedLinks';
import { recordsInMemory } from '../../server/src/catalog/recordSource';

const readText: TextReader = async (filePath) => {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Every file under `root`, relative and posix, including what the scan must skip. */
function allFiles(root: string, folder = ''): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relativePath = folder ? `${folder}/${entry.name}` : entry.name;
    return entry.isDirectory() ? allFiles(root, relativePath) : [relativePath];
  });
}

interface FileLink extends Link {
  readonly file: string;
}

function describeLink(link: { origin: string; itemKey?: string; key?: string; file: string; symbol?: string | undefined }, start: { line: number; character: number }): string {
  return `${link.origin} ${link.itemKey ?? link.key} ${link.file} ${start.line}:${start.character} ${link.symbol ?? 'file-level'}`;
}

const describeActual = (link: FileLink): string => describeLink(link, { line: link.range.startLine, character: link.range.startCharacter });
const describeExpected = (link: ExpectedLink): string => describeLink(link, link);

describe('FolderModel', function () {
  this.timeout(20000);
  const grammars = new GrammarLoader();
  after(() => grammars.dispose());

  async function indexedCopy(): Promise<{ model: FolderModel; root: string; dispose: () => void; uri: (relativePath: string) => string; read: (relativePath: string) => Promise<string | undefined> }> {
    const copy = copySampleToTemp();
    const model = new FolderModel(copy.root, pathToFileURL(copy.root).href, new SymbolIndex(grammars));
    await model.reloadLocal(readText);
    const stats = await model.scan();
    assert.ok(stats, 'the scan was cancelled');
    return {
      model,
      root: copy.root,
      dispose: copy.dispose,
      uri: (relativePath) => pathToFileURL(path.join(copy.root, relativePath)).href,
      read: (relativePath) => readText(path.join(copy.root, relativePath)),
    };
  }

  describe('the sample workspace', () => {
    const expected = readExpected();
    let model: FolderModel;
    let root: string;
    let dispose: () => void;
    let uri: (relativePath: string) => string;
    let read: (relativePath: string) => Promise<string | undefined>;
    const linksByFile = new Map<string, FileLink[]>();
    let links: FileLink[];

    before(async () => {
      ({ model, root, dispose, uri, read } = await indexedCopy());
      for (const file of allFiles(root)) {
        const fileLinks = await model.fileLinks(file, uri(file), readFileSync(path.join(root, file), 'utf8'));
        linksByFile.set(
          file,
          fileLinks.links.map((link) => ({ ...link, file })),
        );
      }
      links = [...linksByFile.values()].flat();
    });
    after(() => dispose());

    it('is indexed, with the 20 items of friction.yaml', () => {
      assert.equal(model.isIndexed, true);
      assert.equal(model.catalog.size, 20);
      assert.equal(model.lastScan?.unreadable, 0);
    });

    it('reads EXPECTED.md: 18 annotations, 6 mappings, 4 tracker refs', () => {
      const count = (origin: string) => expected.links.filter((link) => link.origin === origin).length;
      assert.deepEqual([count('annotation'), count('mapping'), count('tracker-ref')], [18, 6, 4]);
    });

    for (const row of readExpected().links) {
      it(`${row.id}: ${row.origin} ${row.key} in ${row.file} → ${row.symbol ?? 'file-level'}`, () => {
        const inFile = linksByFile.get(row.file) ?? [];
        const match = inFile.find(
          (link) => link.itemKey === row.key && link.origin === row.origin && link.range.startLine === row.line && link.range.startCharacter === row.character,
        );
        assert.ok(match, `no such link; the file has:\n${inFile.map(describeActual).join('\n')}`);
        assert.equal(match.symbol, row.symbol);
        assert.equal(match.uri, uri(row.file));
        if (row.endLine !== undefined) assert.equal(match.range.endLine, row.endLine);
        if (row.origin === 'annotation') assert.equal(match.range.endCharacter, row.character + row.key.length);
      });
    }

    it('has exactly the 28 links of EXPECTED.md and no other', () => {
      assert.deepEqual(links.map(describeActual).sort(), expected.links.map(describeExpected).sort());
    });

    for (const row of readExpected().nonLinks.filter((nonLink) => nonLink.lines.length > 0)) {
      it(`${row.id}: no link on line ${row.lines.join(', ')} of ${row.file} (${row.text})`, async () => {
        const text = readFileSync(path.join(root, row.file), 'utf8');
        for (const line of row.lines) {
          assert.ok(text.split('\n')[line - 1] !== undefined, `${row.file} has no line ${line}`);
          const onLine = (linksByFile.get(row.file) ?? []).filter((link) => link.range.startLine === line - 1);
          assert.deepEqual(onLine.map(describeActual), []);
        }
        const fileLinks = await model.fileLinks(row.file, uri(row.file), text);
        assert.deepEqual(
          fileLinks.mentions.filter(({ mention }) => row.lines.includes(mention.line + 1)).map(({ mention }) => mention.key),
          [],
        );
      });
    }

    it('N13, N14: PAY-140 has no tracker-ref link, neither to a missing file nor through another repository', () => {
      assert.deepEqual(links.filter((link) => link.itemKey === 'PAY-140').map(describeActual).sort(), [
        'annotation PAY-140 tools/reconcile/src/main.rs 23:18 Ledger.mismatches',
        'mapping PAY-140 worker/settlement.py 23:8 SettlementWorker.reconcile',
      ]);
    });

    it('N15: the runbook links only through its HTML comment', () => {
      assert.deepEqual((linksByFile.get('docs/runbook.md') ?? []).map(describeActual), ['annotation PAY-101 docs/runbook.md 4:15 file-level']);
    });

    it('M2, M3: files matching a glob but lacking its symbol get no link', () => {
      for (const file of ['worker/base.py', 'worker/notifications.py', 'clients/go/payments/webhook.go']) {
        assert.deepEqual((linksByFile.get(file) ?? []).filter((link) => link.origin === 'mapping').map(describeActual), [], file);
      }
    });

    it('gives no link at all to the files EXPECTED.md names', () => {
      for (const file of ['src/util/dates.ts', 'worker/base.py', 'node_modules/left-pad/package.json', 'EXPECTED.md', '.gitignore']) {
        assert.ok(linksByFile.has(file), `${file} missing from the copy`);
        assert.deepEqual(linksByFile.get(file)?.map(describeActual), [], file);
      }
    });

    it('skips build/ (in .gitignore) and node_modules/ (always)', () => {
      for (const file of ['build/generated.ts', 'node_modules/left-pad/index.js']) {
        assert.ok(readFileSync(path.join(root, file), 'utf8').includes('friction: PAY-101'), `${file} should hold an annotation`);
        assert.deepEqual(linksByFile.get(file)?.map(describeActual), [], file);
        assert.equal(model.filesLinkedTo('PAY-101').has(file), false, file);
      }
      assert.equal(model.ignoreRules.isIgnored('build/generated.ts', false), true);
      assert.equal(model.ignoreRules.isIgnored('node_modules/left-pad/index.js', false), true);
      assert.equal(model.ignoreRules.isIgnored('src/payments/refund.ts', false), false);
    });

    it('knows which files may link to an item without reading them', () => {
      assert.deepEqual([...model.filesLinkedTo('PAY-101')].sort(), ['clients/go/payments/client.go', 'db/migrations/004_refund_status.sql', 'docs/runbook.md', 'src/payments/refund.ts']);
      assert.deepEqual([...model.filesLinkedTo('PAY-190')], ['worker/settlement.py']);
      assert.deepEqual([...model.filesLinkedTo('PAY-102')], []);
    });

    it('counts each linked file once per item, whichever sources link it', () => {
      // Section 6: PAY-101 is linked in 4 files (refund.ts by an annotation and a tracker ref),
      // PAY-110 in 2 (cardNetwork.ts by an annotation and a path in the summary, refund.ts by a ref).
      const counts = model.linkedFileCounts();
      assert.equal(counts.get('CHK-204'), 1);
      assert.equal(counts.get('PAY-190'), 1);
      assert.equal(counts.get('PAY-101'), 4);
      assert.equal(counts.get('PAY-110'), 2);
    });

    it("lists an item's code locations (section 6: PAY-101 → A1, A2, A9, A16, A18, T1)", async () => {
      const locations = await model.locationsOf('PAY-101', read, uri);
      const ids = locations.map((location) => {
        const row = expected.links.find(
          (link) => link.key === 'PAY-101' && uri(link.file) === location.uri && link.origin === location.origin && link.line === location.range.startLine && link.character === location.range.startCharacter,
        );
        return row?.id ?? `unexpected ${location.uri} ${JSON.stringify(location.range)}`;
      });
      assert.deepEqual(ids.sort(), ['A1', 'A16', 'A18', 'A2', 'A9', 'T1']);
    });

    it('reports only the missing code reference of PAY-140 as a problem', async () => {
      const problems = await model.problems(read, uri);
      assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
      assert.match(problems[0]!.message, /services\/ledger\/fx_reconcile\.py/);
      assert.equal(path.basename(problems[0]!.file), 'friction.yaml');
    });

    describe('hovers on the sample (section 7)', () => {
      async function hoverText(file: string, line: number, character: number): Promise<string> {
        const links = await model.fileLinks(file, uri(file), readFileSync(path.join(root, file), 'utf8'));
        const hover = hoverAt(links, model.catalog, line - 1, character - 1, { maxItems: 3, redact: true });
        assert.ok(hover, `no hover at ${file} ${line}:${character}`);
        return hover.markdown;
      }

      it('renders the hostile item PAY-666 inert, its key without a link', async () => {
        const markdown = await hoverText('src/billing/invoice.ts', 28, 16);
        assertInertMarkdown(markdown);
        assert.deepEqual(keysShown(markdown), ['PAY-666']);
        assert.ok(markdown.startsWith('**PAY\\-666** '), markdown);
        assert.match(plainText(markdown), /<img src=x onerror=alert\(1\)>/);
      });

      it('shows both items on InvoiceRenderer.render, inert', async () => {
        const markdown = await hoverText('src/billing/invoice.ts', 29, 3);
        assertInertMarkdown(markdown);
        assert.deepEqual(keysShown(markdown), ['BIL-305', 'PAY-666']);
      });

      it('redacts the phone number in PAY-180 and the card number in PAY-110', async () => {
        const phone = plainText(await hoverText('worker/notifications.py', 14, 5));
        assert.match(phone, /Call me on \[phone redacted\]/);
        assert.doesNotMatch(phone, /415/);
        const card = plainText(await hoverText('src/payments/cardNetwork.ts', 35, 14));
        assert.match(card, /We refunded card \[card number redacted\] twice/);
        assert.match(card, /1,240 customers · 188 tickets/);
      });

      it('counts the four touchpoints about PAY-101', async () => {
        assert.match(plainText(await hoverText('src/payments/refund.ts', 36, 9)), /412 customers · 57 tickets · 4 touchpoint insights/);
      });
    });

    describe('hover order by symbol (section 5)', () => {
      for (const row of readExpectedHovers()) {
        it(`${row.file} ${row.line + 1}:${row.character + 1} ${row.symbol} → ${row.keys.join(', ')}`, async () => {
          const links = await model.fileLinks(row.file, uri(row.file), readFileSync(path.join(root, row.file), 'utf8'));
          const found = itemsAt(links, model.catalog, row.line, row.character);
          assert.ok(found, 'nothing to hover');
          const symbol = links.symbols.find((candidate) => candidate.qualifiedName === row.symbol);
          assert.ok(symbol, `no symbol ${row.symbol}`);
          assert.deepEqual(
            found.items.map((item) => item.key),
            row.keys,
          );
          assert.deepEqual(found.range, symbol.nameRange);
        });
      }
    });
  });

  describe('incremental updates', () => {
    let model: FolderModel;
    let root: string;
    let dispose: () => void;
    let uri: (relativePath: string) => string;
    let read: (relativePath: string) => Promise<string | undefined>;
    const CHECKOUT = 'src/payments/checkout.ts';

    beforeEach(async () => {
      ({ model, root, dispose, uri, read } = await indexedCopy());
    });
    afterEach(() => dispose());

    function withAnnotationAboveTotal(text: string): string {
      const marker = '  private total(cart: Cart): number {';
      assert.ok(text.includes(marker));
      return text.replace(marker, `  // friction: CHK-215\n${marker}`);
    }

    it('links an annotation added in an editor, and unlinks it when removed', async () => {
      const original = readFileSync(path.join(root, CHECKOUT), 'utf8');
      const edited = withAnnotationAboveTotal(original);
      const line = edited.split('\n').findIndex((text) => text.includes('CHK-215'));

      model.updateFromText(CHECKOUT, edited);
      const added = await model.fileLinks(CHECKOUT, uri(CHECKOUT), edited);
      assert.deepEqual(
        added.links.filter((link) => link.itemKey === 'CHK-215'),
        [{ itemKey: 'CHK-215', uri: uri(CHECKOUT), range: { startLine: line, startCharacter: 15, endLine: line, endCharacter: 22 }, origin: 'annotation', symbol: 'CheckoutController.total' }],
      );
      assert.deepEqual([...model.filesLinkedTo('CHK-215')], [CHECKOUT]);
      assert.equal(model.linkedFileCounts().get('CHK-215'), 1);

      model.updateFromText(CHECKOUT, original);
      const removed = await model.fileLinks(CHECKOUT, uri(CHECKOUT), original);
      assert.deepEqual(
        removed.links.filter((link) => link.itemKey === 'CHK-215'),
        [],
      );
      assert.deepEqual([...model.filesLinkedTo('CHK-215')], []);
      // The file's other links are untouched.
      assert.deepEqual(removed.links.map((link) => link.itemKey).sort(), ['CHK-204', 'CHK-210']);
    });

    it('picks up a file changed on disk', async () => {
      writeFileSync(path.join(root, CHECKOUT), withAnnotationAboveTotal(readFileSync(path.join(root, CHECKOUT), 'utf8')));
      assert.deepEqual([...model.filesLinkedTo('CHK-215')], []);
      model.updateFromDisk(CHECKOUT);
      assert.deepEqual([...model.filesLinkedTo('CHK-215')], [CHECKOUT]);
      const locations = await model.locationsOf('CHK-215', read, uri);
      assert.deepEqual(
        locations.map((location) => location.symbol),
        ['CheckoutController.total'],
      );
    });

    it('forgets every link of a removed file', async () => {
      rmSync(path.join(root, CHECKOUT));
      model.remove(CHECKOUT);
      assert.deepEqual([...model.filesLinkedTo('CHK-204')], []);
      assert.deepEqual([...model.filesLinkedTo('CHK-210')], [], 'the mapping no longer matches a known file');
      assert.deepEqual(await model.locationsOf('CHK-204', read, uri), []);
      assert.equal(model.linkedFileCounts().get('CHK-204'), undefined);
      assert.equal(model.linkedFileCounts().get('CHK-210') ?? 0, 0);
    });

    it('ignores edits to ignored files', () => {
      model.updateFromText('build/generated.ts', '// friction: PAY-102\n');
      model.updateFromText('node_modules/left-pad/index.js', '// friction: PAY-102\n');
      assert.deepEqual([...model.filesLinkedTo('PAY-102')], []);
    });

    it('skips a file over 1 MB as large', async () => {
      const big = `// friction: PAY-102\n${'// padding padding padding padding padding padding\n'.repeat(40000)}`;
      assert.ok(Buffer.byteLength(big) > 2_000_000);
      writeFileSync(path.join(root, 'src/big.ts'), big);
      assert.deepEqual(scanFileOnDisk(root, 'src/big.ts'), { kind: 'skipped', reason: 'large' });
      const stats = await model.scan();
      assert.equal(stats?.skippedLarge, 1);
      assert.equal(model.filesLinkedTo('PAY-102').has('src/big.ts'), false);
      model.updateFromText('src/big.ts', big);
      assert.equal(model.filesLinkedTo('PAY-102').has('src/big.ts'), false);
    });

    it('skips a file with NUL bytes as binary', async () => {
      writeFileSync(path.join(root, 'src/blob.ts'), Buffer.concat([Buffer.from('// friction: PAY-102\n'), Buffer.from([0, 1, 2, 0])]));
      assert.deepEqual(scanFileOnDisk(root, 'src/blob.ts'), { kind: 'skipped', reason: 'binary' });
      const stats = await model.scan();
      assert.equal(stats?.skippedBinary, 1);
      assert.equal(model.filesLinkedTo('PAY-102').has('src/blob.ts'), false);
    });

    it('drops a file that can no longer be read (a directory where the file was)', () => {
      // Tests run as root, so chmod 000 cannot make a file unreadable; a directory named like
      // the file fails the read (EISDIR) for any user.
      const odd = 'src/payments/oddity.ts';
      model.updateFromText(odd, '// friction: PAY-102\nexport const x = 1;\n');
      assert.deepEqual([...model.filesLinkedTo('PAY-102')], [odd]);
      mkdirSync(path.join(root, odd), { recursive: true });
      const scan = scanFileOnDisk(root, odd);
      assert.equal(scan.kind, 'unreadable');
      model.updateFromDisk(odd);
      assert.deepEqual([...model.filesLinkedTo('PAY-102')], []);
    });

    it('rebuilds the catalog when friction.yaml changes', async () => {
      const friction = path.join(root, '.customer-lens/friction.yaml');
      writeFileSync(friction, readFileSync(friction, 'utf8').replace('  - key: CHK-204\n', '  - key: CHK-205\n'));
      const before = model.catalog.generation;
      await model.reloadLocal(readText);
      assert.ok(model.catalog.generation > before);
      assert.equal(model.catalog.get('CHK-204'), undefined);
      const text = readFileSync(path.join(root, CHECKOUT), 'utf8');
      const links = await model.fileLinks(CHECKOUT, uri(CHECKOUT), text);
      assert.deepEqual(
        links.links.map((link) => link.itemKey),
        ['CHK-210'],
      );
    });
  });

  describe('links that change without a new catalog', () => {
    const REFUND = 'src/payments/refund.ts';

    it('a hover before the scan reached a file does not hide its links once the scan did', async () => {
      const copy = copySampleToTemp();
      try {
        const model = new FolderModel(copy.root, pathToFileURL(copy.root).href, new SymbolIndex(grammars));
        await model.reloadLocal(readText);
        const uri = pathToFileURL(path.join(copy.root, REFUND)).href;
        const text = readFileSync(path.join(copy.root, REFUND), 'utf8');
        const early = await model.fileLinks(REFUND, uri, text);
        assert.ok(!early.links.some((link) => link.origin === 'annotation'), 'no mentions recorded yet');
        assert.ok(await model.scan());
        const later = await model.fileLinks(REFUND, uri, text);
        assert.ok(later.links.some((link) => link.origin === 'annotation' && link.itemKey === 'PAY-101'), JSON.stringify(later.links));
      } finally {
        copy.dispose();
      }
    });

    it("does not blame friction.yaml for a tracker's code reference to a missing symbol in a file friction.yaml also names", async () => {
      const copy = await indexedCopy();
      try {
        assert.equal((await copy.model.problems(copy.read, copy.uri)).length, 1, 'only PAY-140, as on the sample');
        copy.model.setTrackerSources([recordsInMemory('jira', [frictionItem({ key: 'PAY-101', source: 'jira', codeRefs: ['src/payments/refund.ts#Gone.fn'] })])]);
        const problems = await copy.model.problems(copy.read, copy.uri);
        // The local entry src/payments/refund.ts#RefundService.issue exists; Gone.fn is the tracker's to fix.
        assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
        assert.match(problems[0]?.message ?? '', /services\/ledger\/fx_reconcile\.py/);
      } finally {
        copy.dispose();
      }
    });

    it('tracker records merge in front of the local files: the tracker titles, the local quotes stay', async () => {
      const copy = copySampleToTemp();
      try {
        const model = new FolderModel(copy.root, pathToFileURL(copy.root).href, new SymbolIndex(grammars));
        await model.reloadLocal(readText);
        const local = model.catalog.get('PAY-101');
        assert.ok(local && local.quotes.length > 0);
        const before = model.catalog.generation;
        model.setTrackerSources([recordsInMemory('jira', [frictionItem({ key: 'PAY-101', title: 'From Jira', source: 'jira', quotes: [] }), frictionItem({ key: 'JIRA-1', source: 'jira' })])]);
        assert.ok(model.catalog.generation > before, 'a new catalog: cached links are recomputed');
        assert.equal(model.catalog.get('PAY-101')?.title, 'From Jira');
        assert.deepEqual(model.catalog.get('PAY-101')?.quotes, local.quotes);
        assert.ok(model.catalog.get('JIRA-1'));
        await model.reloadLocal(readText);
        assert.equal(model.catalog.get('PAY-101')?.title, 'From Jira', 'a reload of the local files keeps the tracker records');
        model.setTrackerSources([]);
        assert.equal(model.catalog.get('PAY-101')?.title, local.title);
        assert.equal(model.catalog.get('JIRA-1'), undefined);
      } finally {
        copy.dispose();
      }
    });
  });
});
