import assert from 'node:assert/strict';
import { extensions } from 'vscode';
import { at, EXTENSION_ID, fileUri, hoverText, waitFor } from './sampleWorkspace';

/**
 * Root hook: every test needs Customer Lens active and its index ready. Ready means our hover
 * shows on RefundService.issue, the first thing the sample workspace links.
 */
before(async function () {
  this.timeout(120_000);
  const extension = extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) {
    const ids = extensions.all.filter((candidate) => !candidate.id.startsWith('vscode.')).map((candidate) => candidate.id);
    assert.fail(`${EXTENSION_ID} is not installed in this VS Code (others: ${ids.join(', ') || 'none'})`);
  }
  await extension.activate();
  await waitFor(
    'the Customer Lens hover on RefundService.issue (index ready)',
    async () => ((await hoverText(fileUri('src/payments/refund.ts'), at(36, 9))).includes('PAY-101') ? true : undefined),
    90_000,
    500,
  );
});
