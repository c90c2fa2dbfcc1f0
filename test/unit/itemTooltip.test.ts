import assert from 'node:assert/strict';
import { itemTooltipLines, writeTooltip, type TextOnlyMarkdown } from '../../client/src/items/itemTooltip';
import { describeFrictionNode } from '../../client/src/views/friction/frictionNodes';
import { HOSTILE_TEXTS, describeUri, itemSummary } from '../support/clientBuilders';

/**
 * `vscode.MarkdownString.appendText` as VS Code implements it (src/vs/base/common/htmlContent.ts):
 * Markdown syntax characters and `>` are backslash-escaped, spaces kept, newlines become
 * paragraphs. Good enough to show what the tooltip's Markdown source looks like.
 */
class EscapingMarkdown implements TextOnlyMarkdown {
  value = '';
  appends = 0;

  appendText(text: string): this {
    this.appends++;
    this.value += text
      .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
      .replace(/([ \t]+)/g, (_match, spaces: string) => '&nbsp;'.repeat(spaces.length))
      .replace(/>/gm, '\\>')
      .replace(/\n/g, '\n\n');
    return this;
  }
}

describe('item tooltips', () => {
  it('say key, title, status, severity, impact, journey, labels, links and source in plain text', () => {
    const lines = itemTooltipLines(
      itemSummary({ key: 'PAY-110', title: 'Paid twice', status: 'in-progress', severity: 'critical', customers: 1240, tickets: 1, journey: 'checkout > refund', labels: ['refunds', 'duplicate'], linkCount: 2 }),
    );
    assert.deepEqual(lines, [
      'PAY-110: Paid twice',
      'In progress · critical severity · 1,240 customers · 1 ticket',
      'Journey: checkout > refund',
      'Labels: refunds, duplicate',
      'Linked in 2 files of this workspace',
      'Source: local',
    ]);
    assert.ok(itemTooltipLines(itemSummary({ linkCount: 0 })).includes('Not linked to code yet'));
  });

  it('keep hostile tracker text as text, and only ever append it as text', () => {
    for (const hostile of HOSTILE_TEXTS) {
      const item = itemSummary({ title: hostile, journey: hostile, labels: [hostile] });
      const lines = itemTooltipLines(item);
      assert.ok(lines.some((line) => line.includes(hostile)), 'the text is shown, not dropped');
      const markdown = new EscapingMarkdown();
      writeTooltip(markdown, lines);
      assert.equal(markdown.appends, 1);
      // No live link or command: every `[`, `]`, `(` and `)` of the source is escaped.
      assert.doesNotMatch(markdown.value, /(?<!\\)[[\]()]/, hostile);
      assert.doesNotMatch(markdown.value, /(?<!\\)\]\\?\(/);
    }
  });

  it('are what tree rows carry, so the tree adapter writes them with appendText', () => {
    const hostile = '[x](command:workbench.action.openSettings)';
    const node = describeFrictionNode({ kind: 'item', id: 'i', item: itemSummary({ title: hostile }) }, describeUri);
    assert.equal(node.tooltip?.[0], `PAY-101: ${hostile}`);
    assert.equal(node.label, `PAY-101 ${hostile}`, 'tree labels are plain text in VS Code');
  });
});
