import assert from 'node:assert/strict';
import { mergeSources } from '../../server/src/catalog/mergeSources';
import type { Evidence } from '../../server/src/domain/evidence';
import { frictionItem } from '../support/builders';

const ticket = (id: number, keys: string[], customer?: string, quote?: string): Evidence => ({
  id: `zendesk:${id}`,
  source: 'zendesk',
  itemKeys: keys,
  ...(customer !== undefined && { customer }),
  ...(quote !== undefined && { quote: { text: quote, ...(customer !== undefined && { customer }) } }),
  updatedAt: '2026-11-20T00:00:00Z',
});

describe('mergeSources', () => {
  // A local item with no url, so the tracker's fills the gap.
  const local = frictionItem({ url: undefined, id: 'local:PAY-101', source: 'local', key: 'PAY-101', title: 'Local title', summary: '', labels: ['refunds'], quotes: [{ text: 'Two weeks for a refund.' }], codeRefs: ['src/a.ts'] });
  const jira = frictionItem({
    id: 'jira:PAY-101',
    source: 'jira',
    key: 'PAY-101',
    title: 'Jira title',
    summary: 'From Jira',
    url: 'https://acme.atlassian.net/browse/PAY-101',
    labels: ['refunds', 'card-network'],
    quotes: [{ text: 'Two weeks for a refund.' }, { text: 'Where is my money?' }],
    codeRefs: ['src/a.ts', 'src/b.ts'],
    impact: { customers: 300, tickets: 10, votes: 7 },
    updatedAt: '2026-11-10T00:00:00Z',
  });

  it('makes one item per key: the first source gives identity, later ones fill gaps and add', () => {
    const [merged, ...rest] = mergeSources([
      { source: 'local', items: [{ ...local, impact: { customers: 412, tickets: 57, votes: 0 } }], evidence: [] },
      { source: 'jira', items: [jira], evidence: [] },
    ]);
    assert.equal(rest.length, 0);
    assert.equal(merged?.id, 'local:PAY-101');
    assert.equal(merged?.title, 'Local title');
    assert.equal(merged?.summary, 'From Jira', 'an empty summary is filled');
    assert.equal(merged?.url, 'https://acme.atlassian.net/browse/PAY-101');
    assert.deepEqual(merged?.labels, ['refunds', 'card-network']);
    assert.deepEqual(merged?.quotes.map((q) => q.text), ['Two weeks for a refund.', 'Where is my money?']);
    assert.deepEqual(merged?.codeRefs, ['src/a.ts', 'src/b.ts']);
    assert.deepEqual(merged?.impact, { customers: 412, tickets: 57, votes: 7 }, 'the largest figure of each');
  });

  it('adds evidence: one ticket per record, one customer per distinct customer, quotes appended', () => {
    const [merged] = mergeSources([
      { source: 'jira', items: [jira], evidence: [] },
      { source: 'zendesk', items: [], evidence: [ticket(1, ['PAY-101'], 'Contoso', 'Refund still pending'), ticket(2, ['PAY-101'], 'Contoso'), ticket(3, ['PAY-101'], 'Fabrikam')] },
    ]);
    assert.equal(merged?.impact.tickets, 10 + 3);
    assert.equal(merged?.impact.customers, 300 + 2);
    assert.deepEqual(merged?.quotes.map((q) => q.text).at(-1), 'Refund still pending');
  });

  it('drops evidence for keys no source has, ignores tombstones and counts a record once', () => {
    const [merged, ...rest] = mergeSources([
      { source: 'jira', items: [jira], evidence: [] },
      { source: 'zendesk', items: [], evidence: [ticket(1, ['NOPE-1'], 'Contoso'), ticket(2, [], 'Contoso'), ticket(3, ['PAY-101'], 'Tailspin')] },
      { source: 'zendesk-copy', items: [], evidence: [ticket(3, ['PAY-101'], 'Tailspin')] },
    ]);
    assert.equal(rest.length, 0, 'a ticket alone is not a friction item');
    assert.equal(merged?.impact.tickets, 11);
    assert.equal(merged?.impact.customers, 301);
  });

  it('keeps items of different keys apart and leaves a lone item as it was', () => {
    const other = frictionItem({ id: 'github:acme/app#17', source: 'github', key: 'acme/app#17', title: 'GitHub item' });
    const merged = mergeSources([{ source: 'github', items: [other], evidence: [] }, { source: 'jira', items: [jira], evidence: [] }]);
    assert.deepEqual(merged.map((item) => item.key), ['acme/app#17', 'PAY-101']);
    assert.deepEqual(merged[1], jira);
  });
});
