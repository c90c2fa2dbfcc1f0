import assert from 'node:assert/strict';
import { appendLinkEntry, globForPath, type LinkEdit } from '../../server/src/features/linkEdit';
import { planLinkToSymbol, type LinkToSymbolInput } from '../../server/src/features/linkToSymbol';
import { loadLocalData } from '../../server/src/local/localData';
import { MappingRules } from '../../server/src/links/mappingRules';
import { codeSymbol, range } from '../support/builders';

const ENTRY = { item: 'CHK-215', path: 'src/payments/checkout.ts', symbol: 'CheckoutController.submit' };
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function newText(edit: LinkEdit): string {
  if (edit.kind !== 'edit') throw new Error(`expected an edit, got: ${edit.message}`);
  return edit.newText;
}

function errorOf(edit: { kind: string; message?: string }): string {
  if (edit.kind !== 'error' || edit.message === undefined) throw new Error(`expected an error, got ${JSON.stringify(edit)}`);
  return edit.message;
}

/** What the loader reads back from a links.yaml text. */
async function mappingsOf(text: string) {
  const data = await loadLocalData('/ws', (filePath) => Promise.resolve(filePath.endsWith('links.yaml') ? text : undefined));
  assert.deepEqual(data.problems, [], 'the new text loads without problems');
  return data.mappings.map(({ itemKey, glob, symbol }) => ({ itemKey, glob, symbol }));
}

describe('appendLinkEntry', () => {
  it('creates the file when there is none', async () => {
    const edit = appendLinkEntry(undefined, ENTRY);
    assert.deepEqual(edit, { kind: 'edit', created: true, newText: yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts', '    symbol: CheckoutController.submit') });
    assert.deepEqual(await mappingsOf(newText(edit)), [{ itemKey: 'CHK-215', glob: 'src/payments/checkout.ts', symbol: 'CheckoutController.submit' }]);
  });

  it('appends to the list, keeping comments, blank lines between entries and quoting', async () => {
    const before = yaml(
      '# Links are reviewed in PRs like code.',
      'links:',
      '  # Coupons move to the promotions service in 2026-08.',
      '  - item: CHK-210',
      '    path: src/payments/checkout.ts # the controller',
      '    symbol: CheckoutController.applyCoupon',
      '',
      '  - item: BIL-301',
      '    path: "src/billing/**"',
    );
    const edit = appendLinkEntry(before, ENTRY);
    assert.equal(edit.kind === 'edit' && edit.created, false);
    assert.equal(
      newText(edit),
      yaml(
        '# Links are reviewed in PRs like code.',
        'links:',
        '  # Coupons move to the promotions service in 2026-08.',
        '  - item: CHK-210',
        '    path: src/payments/checkout.ts # the controller',
        '    symbol: CheckoutController.applyCoupon',
        '',
        '  - item: BIL-301',
        '    path: "src/billing/**"',
        '',
        '  - item: CHK-215',
        '    path: src/payments/checkout.ts',
        '    symbol: CheckoutController.submit',
      ),
    );
    assert.deepEqual((await mappingsOf(newText(edit))).map((rule) => rule.itemKey), ['CHK-210', 'BIL-301', 'CHK-215']);
  });

  it('keeps a list written without blank lines, and one not indented under its key, as it was', () => {
    const before = yaml('links:', '- item: CHK-210', '  path: src/payments/checkout.ts');
    assert.equal(newText(appendLinkEntry(before, ENTRY)), yaml('links:', '- item: CHK-210', '  path: src/payments/checkout.ts', '- item: CHK-215', '  path: src/payments/checkout.ts', '  symbol: CheckoutController.submit'));
  });

  it('keeps a list indented by four', () => {
    const before = yaml('links:', '    - item: CHK-210', '      path: src/a.ts');
    assert.equal(newText(appendLinkEntry(before, ENTRY)), yaml('links:', '    - item: CHK-210', '      path: src/a.ts', '    - item: CHK-215', '      path: src/payments/checkout.ts', '      symbol: CheckoutController.submit'));
  });

  it('fills an empty list, a null one, or adds the key to a file without it', async () => {
    for (const before of ['links:\n', 'links: []\n', 'links: ~\n', '# nothing yet\n', '']) {
      const text = newText(appendLinkEntry(before, ENTRY));
      assert.deepEqual(await mappingsOf(text), [{ itemKey: 'CHK-215', glob: 'src/payments/checkout.ts', symbol: 'CheckoutController.submit' }], JSON.stringify(before));
      assert.match(text, /^ {2}- item: CHK-215$/m, `a block list for ${JSON.stringify(before)}`);
    }
    assert.match(newText(appendLinkEntry('# nothing yet\n', ENTRY)), /^# nothing yet\n/);
    assert.match(newText(appendLinkEntry('other: 1\n', ENTRY)), /^other: 1\nlinks:\n/);
  });

  it('refuses a file that does not parse, leaving it alone', () => {
    const message = errorOf(appendLinkEntry(yaml('links:', '  - item: CHK-210', '    path: "src/**'), ENTRY));
    assert.match(message, /links\.yaml does not parse/);
    assert.match(message, /left unchanged/);
    assert.match(errorOf(appendLinkEntry(yaml('links:', '  - item: A-1', 'links:', '  - item: A-2'), ENTRY)), /does not parse/);
  });

  it('refuses a file whose top level or links are not what the format says', () => {
    assert.match(errorOf(appendLinkEntry(yaml('- item: CHK-210', '  path: src/**'), ENTRY)), /must hold a mapping with a 'links:' list/);
    assert.match(errorOf(appendLinkEntry('links: src/**\n', ENTRY)), /'links:' in \.customer-lens\/links\.yaml is not a list/);
    assert.match(errorOf(appendLinkEntry(yaml('links:', '  item: CHK-210'), ENTRY)), /is not a list/);
  });

  it('refuses an identical entry, however its path and key are written', () => {
    for (const existing of [
      yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts', '    symbol: CheckoutController.submit'),
      yaml('links:', '  - symbol: CheckoutController.submit', '    item: "CHK-215"', '    path: ./src/payments/checkout.ts'),
    ]) {
      assert.equal(errorOf(appendLinkEntry(existing, ENTRY)), 'CHK-215 is already linked to CheckoutController.submit in src/payments/checkout.ts by .customer-lens/links.yaml.');
    }
    const numeric = yaml('links:', '  - item: 101', '    path: src/a.ts', '    symbol: A.b');
    assert.match(errorOf(appendLinkEntry(numeric, { item: '101', path: 'src/a.ts', symbol: 'A.b' })), /already linked/);
  });

  it('adds an entry that differs in symbol, path or item', () => {
    const existing = yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts', '    symbol: CheckoutController.submit');
    for (const entry of [{ ...ENTRY, symbol: 'CheckoutController.applyCoupon' }, { ...ENTRY, path: 'src/other.ts' }, { ...ENTRY, item: 'CHK-204' }]) {
      assert.equal(appendLinkEntry(existing, entry).kind, 'edit', JSON.stringify(entry));
    }
    const globOnly = yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts');
    assert.equal(appendLinkEntry(globOnly, ENTRY).kind, 'edit', 'a glob-only entry is not the same link');
  });
});

describe('globForPath', () => {
  it('escapes glob characters so that the path matches only itself', async () => {
    for (const [file, lookalike] of [
      ['app/[id]/page.tsx', 'app/i/page.tsx'],
      ['src/(group)/layout.ts', 'src/group/layout.ts'],
      ['src/a{b,c}.ts', 'src/ab.ts'],
      ['src/what?.ts', 'src/whatX.ts'],
      ['src/*.ts', 'src/x.ts'],
      ['src/!not.ts', 'src/not.ts'],
    ] as const) {
      const glob = globForPath(file);
      const text = newText(appendLinkEntry(undefined, { item: 'A-1', path: glob, symbol: 'S' }));
      const [rule] = await mappingsOf(text);
      assert.ok(rule, text);
      const rules = new MappingRules([{ itemKey: 'A-1', glob: rule.glob, file: '/ws/.customer-lens/links.yaml', line: 1 }]);
      assert.equal(rules.forFile(file).length, 1, `${glob} matches ${file}`);
      assert.equal(rules.forFile(lookalike).length, 0, `${glob} does not match ${lookalike}`);
    }
  });

  it('leaves ordinary paths alone', () => {
    assert.equal(globForPath('src/payments/checkout.ts'), 'src/payments/checkout.ts');
    assert.equal(globForPath('clients/go/payments/client_v2-beta.go'), 'clients/go/payments/client_v2-beta.go');
  });
});

describe('planLinkToSymbol', () => {
  // class CheckoutController (0-60) { submit (29-49, TSDoc from 29, name on 34), applyCoupon (51-58) }
  const controller = codeSymbol({ qualifiedName: 'CheckoutController', kind: 'class', nameRange: range(0, 13, 0, 31), range: range(0, 0, 60, 1) });
  const submit = codeSymbol({ qualifiedName: 'CheckoutController.submit', nameRange: range(34, 8, 34, 14), range: range(29, 2, 49, 3) });
  const applyCoupon = codeSymbol({ qualifiedName: 'CheckoutController.applyCoupon', nameRange: range(52, 2, 52, 13), range: range(51, 2, 58, 3) });
  const input = (overrides: Partial<LinkToSymbolInput> = {}): LinkToSymbolInput => ({
    key: 'CHK-215',
    itemKnown: true,
    relativePath: 'src/payments/checkout.ts',
    symbols: [controller, submit, applyCoupon],
    line: 40,
    character: 6,
    linksText: undefined,
    linksFileUri: 'file:///ws/.customer-lens/links.yaml',
    ...overrides,
  });

  it('links the innermost symbol at the position, from anywhere inside it', () => {
    for (const [line, character] of [
      [40, 6],
      [34, 10],
      [30, 5], // the TSDoc above it
    ] as const) {
      const result = planLinkToSymbol(input({ line, character }));
      assert.deepEqual(result, {
        kind: 'edit',
        linksFileUri: 'file:///ws/.customer-lens/links.yaml',
        created: true,
        newText: yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts', '    symbol: CheckoutController.submit'),
        symbol: 'CheckoutController.submit',
        path: 'src/payments/checkout.ts',
      });
    }
    const between = planLinkToSymbol(input({ line: 50, character: 0 }));
    assert.equal(between.kind === 'edit' && between.symbol, 'CheckoutController', 'between methods: the class');
  });

  it('writes the glob-escaped path but reports the path itself', () => {
    const result = planLinkToSymbol(input({ relativePath: 'app/[id]/page.tsx' }));
    assert.ok(result.kind === 'edit');
    assert.equal(result.path, 'app/[id]/page.tsx');
    assert.match(result.newText, /path: app\/\\\[id\\\]\/page\.tsx/);
  });

  it('appends to an existing links.yaml', () => {
    const result = planLinkToSymbol(input({ linksText: yaml('# reviewed', 'links:', '  - item: CHK-210', '    path: src/**') }));
    assert.ok(result.kind === 'edit');
    assert.equal(result.created, false);
    assert.match(result.newText, /^# reviewed\nlinks:\n {2}- item: CHK-210\n {4}path: src\/\*\*\n {2}- item: CHK-215\n/);
  });

  it('refuses an unknown item', () => {
    assert.deepEqual(planLinkToSymbol(input({ key: 'NOPE-1', itemKnown: false })), { kind: 'error', message: "Unknown friction item 'NOPE-1': this workspace folder has no such item." });
  });

  it('refuses a position outside every symbol, suggesting an annotation', () => {
    const message = errorOf(planLinkToSymbol(input({ line: 70, character: 0 })));
    assert.match(message, /No function, method or class at line 71 of src\/payments\/checkout\.ts/);
    assert.match(message, /'friction: CHK-215'/);
  });

  it('refuses a file without symbols (no grammar), suggesting an annotation', () => {
    const message = errorOf(planLinkToSymbol(input({ relativePath: 'db/migrations/004.sql', symbols: undefined })));
    assert.match(message, /no symbols in db\/migrations\/004\.sql/);
    assert.match(message, /'friction: CHK-215'/);
  });

  it('passes on the errors of the edit', () => {
    const existing = yaml('links:', '  - item: CHK-215', '    path: src/payments/checkout.ts', '    symbol: CheckoutController.submit');
    assert.match(errorOf(planLinkToSymbol(input({ linksText: existing }))), /already linked/);
    assert.match(errorOf(planLinkToSymbol(input({ linksText: 'links: [\n' }))), /does not parse/);
  });
});
