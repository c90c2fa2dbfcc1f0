import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ItemLocationsRequest, ListItemsRequest } from '../../server/src/protocol';
import { waitFor } from '../support/lspClient';
import { hoverKeys, markdownOf, plainText } from '../support/lspHover';
import { at, lineOf } from '../support/lspWorkspace';
import { useSampleServer } from '../support/sampleServer';

/** How long an update may take to show, without any restart. */
const UPDATE_DEADLINE_MS = 2000;

describe('LSP: updates without a restart', () => {
  const server = useSampleServer('test');

  const keysAt = async (file: string, line: number, col: number): Promise<string[]> => {
    const hover = await server.session.hover(file, at(line, col));
    return hover ? hoverKeys(markdownOf(hover)) : [];
  };

  it('(a) picks up `// friction: CHK-215` typed above a function in an open document', async () => {
    const file = 'src/util/dates.ts';
    const line = lineOf(file, 'export function formatDate');
    await server.session.openDocument(file);
    assert.equal(await server.session.hover(file, at(line, 17)), null, 'formatDate has no link yet');
    assert.deepEqual(await server.session.codeLens(file), []);

    await server.session.editDocument(file, { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } }, '// friction: CHK-215\n');

    // The function moved one line down.
    const keys = await waitFor(async () => {
      const found = await keysAt(file, line + 1, 17);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'a hover on formatDate' });
    assert.deepEqual(keys, ['CHK-215']);
    const text = plainText(markdownOf(await server.session.hover(file, at(line + 1, 17))));
    assert.ok(text.includes('3-D Secure challenge empties the cart on mobile Safari'), text);
    assert.ok(text.includes('870 customers'), text);

    const lenses = await waitFor(async () => {
      const found = await server.session.codeLens(file);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'a CodeLens on formatDate' });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]?.range.start.line, line);
    assert.equal(lenses[0]?.command?.title, '1 friction item · 870 customers');
    assert.deepEqual(lenses[0]?.command?.arguments, [['CHK-215']]);

    // The key itself hovers and links.
    assert.deepEqual(await keysAt(file, line, 14), ['CHK-215']);
    const links = await server.session.documentLinks(file);
    assert.deepEqual(links.map((link) => [link.range.start.line, link.range.start.character, link.target]), [[line - 1, 13, 'https://tracker.example.com/browse/CHK-215']]);

    // Undoing the edit removes the link again.
    await server.session.editDocument(file, { start: { line: line - 1, character: 0 }, end: { line, character: 0 } }, '');
    await waitFor(async () => (await server.session.hover(file, at(line, 17))) === null, { timeoutMs: UPDATE_DEADLINE_MS, what: 'the link to go away' });
    assert.deepEqual(await server.session.codeLens(file), []);
  });

  it('(b) shows a title changed in friction.yaml on disk after didChangeWatchedFiles', async () => {
    await server.session.openDocument('src/payments/refund.ts');
    const friction = '.customer-lens/friction.yaml';
    const before = server.workspace.read(friction);
    assert.ok(before.includes('title: Refunds take 10 days to reach the card'));
    server.workspace.write(friction, before.replace('title: Refunds take 10 days to reach the card', 'title: Refunds now reach the card in 3 days'));
    await server.session.watchedFilesChanged([friction, FileChangeType.Changed]);

    const text = await waitFor(async () => {
      const found = plainText(markdownOf(await server.session.hover('src/payments/refund.ts', at(36, 9))));
      return found.includes('Refunds now reach the card in 3 days') ? found : undefined;
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'the new title in the hover' });
    assert.ok(!text.includes('Refunds take 10 days'), text);
    const items = await server.session.connection.sendRequest(ListItemsRequest.type, {});
    assert.equal(items.find((item) => item.key === 'PAY-101')?.title, 'Refunds now reach the card in 3 days');
    assert.equal(items.length, 20);
  });

  it('(c) applies a mapping typed into links.yaml before it is saved, and drops it on close without saving', async () => {
    const file = 'src/util/dates.ts';
    const line = lineOf(file, 'export function formatDate');
    await server.session.openDocument(file);
    const links = '.customer-lens/links.yaml';
    const saved = server.workspace.read(links);
    await server.session.openDocument(links, saved);
    await server.session.changeDocument(links, `${saved}\n  - item: CHK-215\n    path: src/util/*.ts\n    symbol: formatDate\n`);

    const keys = await waitFor(async () => {
      const found = await keysAt(file, line, 17);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'the unsaved mapping to link formatDate' });
    assert.deepEqual(keys, ['CHK-215']);
    const lenses = await server.session.codeLens(file);
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.arguments]), [[line - 1, [['CHK-215']]]]);
    assert.equal(server.workspace.read(links), saved, 'nothing was written to disk');
    // Only the named symbol links, not the rest of the file.
    assert.equal(await server.session.hover(file, at(lineOf(file, 'export function addBusinessDays'), 17)), null);

    await server.session.closeDocument(links);
    await waitFor(async () => (await server.session.hover(file, at(line, 17))) === null, { timeoutMs: UPDATE_DEADLINE_MS, what: 'the disk version of links.yaml to apply again' });
  });

  it('(d) links the annotation of a file created on disk, and forgets it when deleted', async () => {
    const file = 'src/payments/refundStatus.ts';
    server.workspace.write(file, ['export class RefundStatusPoller {', '  // friction: PAY-120', '  poll(id: string): string {', '    return id;', '  }', '}', ''].join('\n'));
    await server.session.watchedFilesChanged([file, FileChangeType.Created]);

    const location = await waitFor(async () => {
      const result = await server.session.connection.sendRequest(ItemLocationsRequest.type, { key: 'PAY-120' });
      return result.locations.find((candidate) => candidate.uri === server.session.uri(file));
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'PAY-120 to be located in the new file' });
    assert.equal(location.origin, 'annotation');
    assert.equal(location.symbol, 'RefundStatusPoller.poll');
    assert.deepEqual(location.range, { startLine: 1, startCharacter: 15, endLine: 1, endCharacter: 22 });

    await server.session.openDocument(file);
    assert.deepEqual(await keysAt(file, 3, 3), ['PAY-120']);
    const links = await server.session.documentLinks(file);
    assert.equal(links[0]?.target, 'https://tracker.example.com/browse/PAY-120');
    await server.session.closeDocument(file);

    rmSync(server.workspace.file(file));
    await server.session.watchedFilesChanged([file, FileChangeType.Deleted]);
    await waitFor(async () => {
      const result = await server.session.connection.sendRequest(ItemLocationsRequest.type, { key: 'PAY-120' });
      return result.locations.every((candidate) => candidate.uri !== server.session.uri(file));
    }, { timeoutMs: UPDATE_DEADLINE_MS, what: 'the deleted file to be forgotten' });
  });
});
