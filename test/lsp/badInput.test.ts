import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ListItemsRequest } from '../../server/src/protocol';
import { waitFor, type LspSession } from '../support/lspClient';
import { hoverKeys, markdownOf, plainText } from '../support/lspHover';
import { at } from '../support/lspWorkspace';
import { useSampleServer } from '../support/sampleServer';

const ERROR = 1;
const WARNING = 2;
const FRICTION = '.customer-lens/friction.yaml';
const LINKS = '.customer-lens/links.yaml';
const DEADLINE_MS = 3000;

/** 0-based line of the first line of `text` that contains `needle`. */
function zeroBasedLine(text: string, needle: string, from = 0): number {
  const index = text.split('\n').findIndex((line, i) => i >= from && line.includes(needle));
  assert.ok(index >= 0, `'${needle}' not in text`);
  return index;
}

/** friction.yaml with an unknown field in PAY-102 and a second, duplicate PAY-130 at the end. */
function partlyBadFriction(original: string, pay102Title = 'Partial refunds cannot be issued from the dashboard'): string {
  const withUnknown = original.replace(
    '    title: Partial refunds cannot be issued from the dashboard\n',
    `    title: ${pay102Title}\n    priority: P1\n`,
  );
  assert.notEqual(withUnknown, original);
  return `${withUnknown.trimEnd()}\n\n  - key: PAY-130\n    title: A second PAY-130 that must be ignored\n    severity: critical\n`;
}

describe('LSP: bad input', () => {
  // Each test writes its bad files first, then starts the server.
  const server = useSampleServer('test', false);
  const start = (): Promise<LspSession> => server.start();

  const diagnosticsOf = (s: LspSession, relativePath: string) => s.diagnostics.get(s.uri(relativePath)) ?? [];

  const waitForDiagnostic = (s: LspSession, relativePath: string, pattern: RegExp) =>
    waitFor(() => diagnosticsOf(s, relativePath).find((d) => pattern.test(d.message)), { timeoutMs: DEADLINE_MS, what: `a diagnostic matching ${pattern} on ${relativePath} (have: ${JSON.stringify(diagnosticsOf(s, relativePath))})` });

  it('reports an unknown field and a duplicate key in friction.yaml at their lines, and keeps every other item', async () => {
    const s = await start();
    await s.openDocument('src/payments/refund.ts');
    await s.openDocument('worker/settlement.py');
    const text = partlyBadFriction(server.workspace.read(FRICTION));
    server.workspace.write(FRICTION, text);
    await s.watchedFilesChanged([FRICTION, FileChangeType.Changed]);

    const unknown = await waitForDiagnostic(s, FRICTION, /unknown field 'priority'/);
    assert.equal(unknown.line, zeroBasedLine(text, 'priority: P1'));
    assert.equal(unknown.severity, WARNING, 'an unknown field is ignored, leaving room for the format to grow');
    const duplicate = await waitForDiagnostic(s, FRICTION, /duplicate key 'PAY-130'/);
    assert.equal(duplicate.line, zeroBasedLine(text, '- key: PAY-130', zeroBasedLine(text, '- key: PAY-130') + 1));
    assert.equal(duplicate.severity, ERROR);
    assert.match(duplicate.message, new RegExp(`first defined on line ${zeroBasedLine(text, '- key: PAY-130') + 1}\\b`));

    // Everything else still answers.
    const items = await s.connection.sendRequest(ListItemsRequest.type, {});
    assert.equal(items.length, 20);
    assert.equal(items.find((item) => item.key === 'PAY-102')?.title, 'Partial refunds cannot be issued from the dashboard');
    assert.deepEqual(hoverKeys(markdownOf(await s.hover('src/payments/refund.ts', at(36, 9)))), ['PAY-101']);
    const pay130 = plainText(markdownOf(await s.hover('worker/settlement.py', at(39, 5))));
    assert.ok(pay130.includes('Merchant payouts land a day late'), 'the first PAY-130 wins');
    assert.ok(!pay130.includes('must be ignored'), pay130);
    // The index status counts the problems too (the PAY-140 missing file, plus these two).
    await waitFor(() => (s.statuses.at(-1)?.problems ?? 0) >= 3, { timeoutMs: DEADLINE_MS, what: `the status to count 3 problems (${JSON.stringify(s.statuses.at(-1))})` });
  });

  it('reports a YAML syntax error as an Error at its line, and still answers hovers', async () => {
    const s = await start();
    await s.openDocument('src/payments/refund.ts');
    const original = server.workspace.read(FRICTION);
    const text = original.replace('    title: Merchant payouts land a day late\n', '    title: "Merchant payouts land a day late\n');
    assert.notEqual(text, original);
    server.workspace.write(FRICTION, text);
    await s.watchedFilesChanged([FRICTION, FileChangeType.Changed]);

    const syntax = await waitFor(() => diagnosticsOf(s, FRICTION).find((d) => d.severity === ERROR), { timeoutMs: DEADLINE_MS, what: 'an error on friction.yaml' });
    assert.equal(syntax.line, zeroBasedLine(text, 'title: "Merchant payouts'));
    assert.ok(!s.exited);
    assert.deepEqual(hoverKeys(markdownOf(await s.hover('src/payments/refund.ts', at(36, 9)))), ['PAY-101']);
  });

  it('survives a friction.yaml that does not parse at all, and recovers when it is fixed', async () => {
    const s = await start();
    await s.openDocument('src/payments/refund.ts');
    const original = server.workspace.read(FRICTION);
    server.workspace.write(FRICTION, 'items:\n  - key: PAY-101\n    title: [unclosed\n  : : :\n\t- nope\n');
    await s.watchedFilesChanged([FRICTION, FileChangeType.Changed]);
    await waitFor(() => diagnosticsOf(s, FRICTION).find((d) => d.severity === ERROR), { timeoutMs: DEADLINE_MS, what: 'an error on friction.yaml' });
    assert.ok(!s.exited);
    // Whatever survived, the server answers (a hover or null), it does not fail the request.
    await s.hover('src/payments/refund.ts', at(36, 9));
    assert.ok(Array.isArray(await s.codeLens('src/payments/refund.ts')));

    server.workspace.write(FRICTION, original);
    await s.watchedFilesChanged([FRICTION, FileChangeType.Changed]);
    await waitFor(async () => {
      const hover = await s.hover('src/payments/refund.ts', at(36, 9));
      return hover && plainText(markdownOf(hover)).includes('Refunds take 10 days to reach the card');
    }, { timeoutMs: DEADLINE_MS, what: 'PAY-101 to hover again' });
    await waitFor(() => !diagnosticsOf(s, FRICTION).some((d) => d.severity === ERROR), { timeoutMs: DEADLINE_MS, what: 'the error to be cleared' });
  });

  it('warns at the line of a links.yaml entry to an unknown item and of one naming a missing symbol', async () => {
    const s = await start();
    await s.openDocument('src/payments/checkout.ts');
    const text = `${server.workspace.read(LINKS).trimEnd()}\n\n  - item: ZZZ-999\n    path: src/**\n\n  - item: PAY-101\n    path: src/payments/refund.ts\n    symbol: RefundService.vanished\n`;
    server.workspace.write(LINKS, text);
    await s.watchedFilesChanged([LINKS, FileChangeType.Changed]);

    const unknownItem = await waitForDiagnostic(s, LINKS, /unknown item 'ZZZ-999'/);
    assert.equal(unknownItem.line, zeroBasedLine(text, '- item: ZZZ-999'));
    assert.equal(unknownItem.severity, WARNING);
    const missingSymbol = await waitForDiagnostic(s, LINKS, /RefundService\.vanished/);
    assert.equal(missingSymbol.line, zeroBasedLine(text, '- item: PAY-101'));
    assert.equal(missingSymbol.severity, WARNING);
    // The valid mappings still apply.
    assert.deepEqual(hoverKeys(markdownOf(await s.hover('src/payments/checkout.ts', at(53, 3)))), ['CHK-210']);
    assert.equal(diagnosticsOf(s, LINKS).length, 2, JSON.stringify(diagnosticsOf(s, LINKS)));
  });

  it('warns on links.yaml when the code drops a mapped symbol (CheckoutController.applyCoupon renamed on disk)', async () => {
    const s = await start();
    assert.deepEqual(diagnosticsOf(s, LINKS), [], 'the fixture mappings are all valid');
    const file = 'src/payments/checkout.ts';
    const original = server.workspace.read(file);
    server.workspace.write(file, original.replace('  applyCoupon(cart: Cart', '  applyPromotion(cart: Cart'));
    await s.watchedFilesChanged([file, FileChangeType.Changed]);

    // The link is gone from the code...
    await s.openDocument(file);
    await waitFor(async () => (await s.hover(file, at(53, 3))) === null, { timeoutMs: DEADLINE_MS, what: 'the renamed method to lose CHK-210' });
    // ...so M1 (line 2 of links.yaml) points at a symbol that no longer exists.
    const stale = await waitForDiagnostic(s, LINKS, /CheckoutController\.applyCoupon/);
    assert.equal(stale.line, zeroBasedLine(server.workspace.read(LINKS), '- item: CHK-210'));
    assert.equal(stale.severity, WARNING);
  });

  it('reaches ready with a 50 MB minified .js and a binary file in the workspace, stays alive and answers', async function () {
    this.timeout(60_000);
    const chunk = Buffer.from('var a=1,b=function(c){return c+1};/* friction: PAY-101 */'.repeat(1024));
    const fd = openSync(server.workspace.file('src/vendor.min.js'), 'w');
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const binary = Buffer.alloc(64 * 1024);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) & 0xff;
    server.workspace.write('src/payments/logo.ts', Buffer.concat([Buffer.from('// friction: PAY-101\n'), binary]));

    const s = await start();
    const status = await s.ready;
    assert.equal(status.items, 20);
    assert.ok(!s.exited, 'the server process is alive');
    await s.openDocument('src/payments/refund.ts');
    assert.deepEqual(hoverKeys(markdownOf(await s.hover('src/payments/refund.ts', at(36, 9)))), ['PAY-101']);
    assert.ok(s.log.some((line) => /2 skipped as large or binary/.test(line)), s.log.join('\n'));
    // Neither file links PAY-101.
    const locations = await s.connection.sendRequest('customerLens/itemLocations', { key: 'PAY-101' });
    const uris = (locations as { locations: { uri: string }[] }).locations.map((location) => location.uri);
    assert.ok(!uris.includes(s.uri('src/vendor.min.js')) && !uris.includes(s.uri('src/payments/logo.ts')), uris.join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(!s.exited, 'the server process is still alive');
  });

  it('logs the same problem once, however often the files are reloaded', async () => {
    const s = await start();
    const original = server.workspace.read(FRICTION);
    const logBefore = s.log.length;
    for (const title of ['Partial refunds v1', 'Partial refunds v2', 'Partial refunds v3']) {
      // Each reload changes an unrelated title (same lines), so the problems stay the same.
      server.workspace.write(FRICTION, partlyBadFriction(original, title));
      await s.watchedFilesChanged([FRICTION, FileChangeType.Changed]);
      await waitFor(async () => (await s.connection.sendRequest(ListItemsRequest.type, {})).find((item) => item.key === 'PAY-102')?.title === title, {
        timeoutMs: DEADLINE_MS,
        what: `the reload with '${title}'`,
      });
      await waitForDiagnostic(s, FRICTION, /unknown field 'priority'/);
    }
    const unknown = s.log.filter((line) => line.includes("unknown field 'priority'"));
    const duplicate = s.log.filter((line) => line.includes("duplicate key 'PAY-130'"));
    assert.equal(unknown.length, 1, unknown.join('\n'));
    assert.equal(duplicate.length, 1, duplicate.join('\n'));
    assert.match(unknown[0] ?? '', /friction\.yaml:\d+:\d+: /, 'the log names the file and line');
    // PAY-140's missing code reference moved one line down with the first reload: logged once
    // more for its new line, not once per reload.
    const missingFile = s.log.slice(logBefore).filter((line) => line.includes("code reference 'services/ledger/fx_reconcile.py'"));
    assert.equal(missingFile.length, 1, missingFile.join('\n'));
  });
});
