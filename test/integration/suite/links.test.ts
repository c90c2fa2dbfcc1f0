import assert from 'node:assert/strict';
import { documentLinks, fileUri } from './sampleWorkspace';

describe('document links (vscode.executeLinkProvider)', () => {
  it('links the key in `// friction: PAY-101` to the tracker', async () => {
    const links = await documentLinks(fileUri('src/payments/refund.ts'));
    const link = links.find((candidate) => candidate.target?.toString(true) === 'https://tracker.example.com/browse/PAY-101');
    assert.ok(link, `targets: ${links.map((candidate) => candidate.target?.toString(true)).join(', ')}`);
    assert.equal(link.range.start.line, 34);
    assert.equal(link.range.start.character, 15);
  });

  it('does not link a known key in a string literal or a date in a comment', async () => {
    const refund = await documentLinks(fileUri('src/payments/refund.ts'));
    assert.equal(refund.filter((link) => link.range.start.line === 61).length, 0, 'a link on refund.ts line 62 ("PAY-101" in a string)');
    const checkout = await documentLinks(fileUri('src/payments/checkout.ts'));
    assert.equal(checkout.filter((link) => link.range.start.line === 51).length, 0, 'a link on checkout.ts line 52 (2026-08)');
  });
});
