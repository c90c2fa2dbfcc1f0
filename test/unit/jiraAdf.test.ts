import assert from 'node:assert/strict';
import { adfToText, MAX_TEXT_LENGTH } from '../../server/src/trackers/jira/adf';
import { generateIssues, plainText } from '../fakes/jira/jiraData';
import { seededRandom } from '../fakes/seededRandom';
import { toAdf } from '../fakes/jira/jiraRender';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks && { marks }) });
const li = (...content: unknown[]) => ({ type: 'listItem', content });

describe('adfToText (Jira Cloud descriptions)', () => {
  it('puts one block per line and keeps hard breaks', () => {
    assert.equal(adfToText(doc(p(t('Refunds take '), t('ten', [{ type: 'strong' }]), t(' days')), p(t('first'), { type: 'hardBreak' }, t('second')))), 'Refunds take ten days\nfirst\nsecond');
  });

  it('renders headings, bullet, ordered and nested lists with markers', () => {
    const text = adfToText(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [t('Steps')] },
        { type: 'orderedList', attrs: { order: 3 }, content: [li(p(t('open the cart'))), li(p(t('pay')), { type: 'bulletList', content: [li(p(t('by card'))), li(p(t('by wallet')))] })] },
        { type: 'bulletList', content: [li(p(t('done')))] },
      ),
    );
    assert.equal(text, 'Steps\n3. open the cart\n4. pay\n  - by card\n  - by wallet\n- done');
  });

  it('keeps code blocks verbatim, so code references survive for the scanner', () => {
    const text = adfToText(doc({ type: 'codeBlock', attrs: { language: 'ts' }, content: [t('// hurts here\nsrc/payments/refund.ts#RefundService.issue')] }));
    assert.equal(text, '// hurts here\nsrc/payments/refund.ts#RefundService.issue');
  });

  it('reads mentions, emoji short names, link texts, cards, statuses and dates', () => {
    const text = adfToText(
      doc(
        p(
          { type: 'mention', attrs: { id: '557058:abc', text: '@Dana' } },
          t(' says '),
          { type: 'emoji', attrs: { shortName: ':fire:', text: '🔥' } },
          t(' '),
          t('the runbook', [{ type: 'link', attrs: { href: 'https://wiki.acme.com/runbook' } }]),
          t(' '),
          { type: 'inlineCard', attrs: { url: 'https://github.com/acme/app/blob/abc/src/a.ts#L1' } },
          t(' '),
          { type: 'status', attrs: { text: 'BLOCKED', color: 'red' } },
          t(' since '),
          { type: 'date', attrs: { timestamp: '1793527200000' } },
        ),
      ),
    );
    assert.equal(text, '@Dana says :fire: the runbook https://github.com/acme/app/blob/abc/src/a.ts#L1 BLOCKED since 2026-11-01');
  });

  it('writes table rows as lines of cells', () => {
    const cell = (text: string) => ({ type: 'tableCell', content: [p(t(text))] });
    const text = adfToText(doc({ type: 'table', content: [{ type: 'tableRow', content: [cell('customer'), cell('tickets')] }, { type: 'tableRow', content: [cell('Northwind'), cell('12')] }] }));
    assert.equal(text, 'customer | tickets\nNorthwind | 12');
  });

  it('takes the text of node types it does not know from their children', () => {
    const text = adfToText(doc({ type: 'panel', attrs: { panelType: 'info' }, content: [p(t('in a panel'))] }, { type: 'futureBlock', content: [p({ type: 'futureInline', content: [t('still read')] })] }, { type: 'blockquote', content: [p(t('quoted'))] }));
    assert.equal(text, 'in a panel\nstill read\nquoted');
  });

  it('matches the plain text of every description the fake generates', () => {
    for (const issue of generateIssues(200, { seed: 7 })) {
      if (issue.description) assert.equal(adfToText(toAdf(issue.description)), plainText(issue.description), issue.key);
    }
  });

  it('never throws on garbage, and returns text', () => {
    const garbage: unknown[] = [null, undefined, 0, 42, true, 'plain string', [], [null], {}, { type: 7 }, { content: 'not a list' }, { type: 'paragraph', content: [{ type: 'text', text: 5 }] }, { type: 'orderedList', attrs: { order: 'x' }, content: [5, null, { type: 'listItem', content: {} }] }, { type: 'mention', attrs: 'nope' }, { type: 'date', attrs: { timestamp: 'soon' } }, { type: 'table', content: [null, { content: [1] }] }];
    for (const value of garbage) assert.equal(typeof adfToText(value), 'string', JSON.stringify(value));
    assert.equal(adfToText('plain string'), 'plain string');
  });

  it('survives very deep nesting and cycles without overflowing the stack', () => {
    let deep: Record<string, unknown> = t('bottom');
    for (let level = 0; level < 100_000; level++) deep = { type: 'blockquote', content: [deep] };
    assert.equal(typeof adfToText(deep), 'string');
    const cyclic: { type: string; content: unknown[] } = { type: 'doc', content: [] };
    cyclic.content.push(cyclic, p(t('x')));
    assert.equal(typeof adfToText(cyclic), 'string');
  });

  it('survives random trees (seeded)', () => {
    const random = seededRandom(11);
    const types = ['doc', 'paragraph', 'text', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'table', 'tableRow', 'mention', 'emoji', 'hardBreak', 'weird', 5, null];
    const tree = (depth: number): unknown => {
      const roll = random();
      if (depth > 6 || roll < 0.1) return [null, 'str', 3, true, undefined][Math.floor(random() * 5)];
      return { type: types[Math.floor(random() * types.length)], text: random() < 0.5 ? 'txt' : 9, attrs: random() < 0.5 ? { text: 'a', order: -1, shortName: 2 } : 'attrs', content: random() < 0.8 ? Array.from({ length: Math.floor(random() * 4) }, () => tree(depth + 1)) : 'content' };
    };
    for (let run = 0; run < 300; run++) assert.equal(typeof adfToText(tree(0)), 'string');
  });

  it('caps very long descriptions', () => {
    const text = adfToText(doc(p(t('x'.repeat(MAX_TEXT_LENGTH * 2)))));
    assert.equal(text.length, MAX_TEXT_LENGTH + 1);
    assert.ok(text.endsWith('…'));
  });
});
