import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode';
import { codeLenses, fileUri } from './sampleWorkspace';

function ours(lenses: readonly CodeLens[]): CodeLens[] {
  return lenses.filter((lens) => lens.command?.command === 'customerLens.openItem');
}

describe('CodeLens (vscode.executeCodeLensProvider)', () => {
  it('puts `1 friction item · 412 customers` above RefundService.issue, opening PAY-101', async () => {
    const lenses = ours(await codeLenses(fileUri('src/payments/refund.ts')));
    const issue = lenses.find((lens) => lens.range.start.line === 35);
    assert.ok(issue, `no lens of ours on line 36; ours: ${lenses.map((lens) => `${lens.range.start.line + 1}: ${lens.command?.title ?? ''}`).join(', ')}`);
    assert.equal(issue.command?.title, '1 friction item · 412 customers');
    assert.deepEqual(issue.command?.arguments, [['PAY-101']]);
  });

  it('sums the customers of every item on RefundService.submitToNetwork', async () => {
    const lenses = ours(await codeLenses(fileUri('src/payments/refund.ts')));
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes('2 friction items · 672 customers'), `titles: ${titles.join(' | ')}`);
    assert.ok(titles.includes('1 friction item · 1,240 customers') || titles.includes('1 friction item · 1240 customers'), `titles: ${titles.join(' | ')}`);
  });

  it('adds none to a file with no links', async () => {
    assert.deepEqual(ours(await codeLenses(fileUri('src/util/dates.ts'))), []);
  });
});
