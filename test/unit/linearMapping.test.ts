import assert from 'node:assert/strict';
import { parse, validate } from 'graphql';
import { linearAuthorization } from '../../server/src/trackers/linear/linearAdapter';
import { issueToItem, mapIssues, severityOf, statusOf, type LinearIssue } from '../../server/src/trackers/linear/linearIssue';
import { ISSUES_QUERY, VIEWER_QUERY, issueFilter } from '../../server/src/trackers/linear/linearQuery';
import { linearSchema } from '../fakes/linear/linearSchema';

const issue = (overrides: Partial<LinearIssue> = {}): LinearIssue => ({
  id: 'issue-1',
  identifier: 'PAY-123',
  title: 'Refunds take 10 days',
  description: 'Refunds are **slow**; see [the code](https://github.com/acme/app/blob/main/src/refund.ts#L10).',
  url: 'https://linear.app/acme/issue/pay-123/refunds',
  priority: 2,
  updatedAt: '2026-11-01T10:00:00.000Z',
  customerTicketCount: 7,
  state: { type: 'started', name: 'In Progress' },
  labels: { nodes: [{ name: 'customer-friction' }, { name: 'refunds' }] },
  needs: { nodes: [] },
  ...overrides,
});
const need = (id: string, customer: { id: string; name: string; revenue?: number | null } | null, body: string | null, content: string | null = body) => ({
  id,
  body,
  content,
  createdAt: '2026-10-02T09:00:00.000Z',
  updatedAt: '2026-10-03T09:00:00.000Z',
  customer,
});

describe('Linear mapping', () => {
  it('priority 0–4 → severity: none is medium, urgent critical, high, medium, low', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 7].map(severityOf), ['medium', 'critical', 'high', 'medium', 'low', 'medium']);
  });

  it('WorkflowState.type → status: triage/backlog/unstarted open, started in progress, completed/canceled/duplicate resolved', () => {
    assert.deepEqual(
      ['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled', 'duplicate', 'something-new'].map(statusOf),
      ['open', 'open', 'open', 'in-progress', 'resolved', 'resolved', 'resolved', 'open'],
    );
  });

  it('maps an issue: key, plain-text summary, permalinks as code refs, raw state, labels', () => {
    const item = issueToItem(issue());
    assert.equal(item.id, 'linear:PAY-123');
    assert.equal(item.key, 'PAY-123');
    assert.equal(item.summary, 'Refunds are slow; see the code.');
    assert.deepEqual(item.codeRefs, ['https://github.com/acme/app/blob/main/src/refund.ts#L10']);
    assert.equal(item.status, 'in-progress');
    assert.equal(item.rawStatus, 'In Progress');
    assert.equal(item.severity, 'high');
    assert.deepEqual(item.labels, ['customer-friction', 'refunds']);
    assert.deepEqual(item.impact, { customers: 0, tickets: 7, votes: 0 });
    assert.deepEqual(item.quotes, []);
  });

  it('needs → quotes and impact: distinct customers, ticket count, needs as votes, ARR from revenue', () => {
    const northwind = { id: 'c1', name: 'Northwind', revenue: 1000 };
    const item = issueToItem(
      issue({
        needs: {
          nodes: [
            need('n1', northwind, 'We were charged **twice**.'),
            need('n2', northwind, 'Still waiting.'),
            need('n3', { id: 'c2', name: 'Contoso', revenue: null }, null, 'From Intercom: refund stuck'),
            need('n4', null, 'Anonymous feedback'),
            need('n5', { id: 'c3', name: 'Fabrikam', revenue: 250 }, null, null),
          ],
        },
      }),
    );
    assert.deepEqual(item.impact, { customers: 3, tickets: 7, votes: 5, arr: 1250 });
    assert.deepEqual(item.quotes, [
      { text: 'We were charged twice.', customer: 'Northwind', date: '2026-10-02' },
      { text: 'Still waiting.', customer: 'Northwind', date: '2026-10-02' },
      { text: 'From Intercom: refund stuck', customer: 'Contoso', date: '2026-10-02' },
      { text: 'Anonymous feedback', date: '2026-10-02' },
    ]);
  });

  it('no ARR when no customer has revenue; a non-https url is dropped', () => {
    const item = issueToItem(issue({ url: 'javascript:alert(1)', needs: { nodes: [need('n1', { id: 'c1', name: 'A' }, 'x')] } }));
    assert.equal(item.impact.arr, undefined);
    assert.equal('arr' in item.impact, false);
    assert.equal(item.url, undefined);
  });

  it('mapIssues skips an invalid node, reports it by identifier, and takes the watermark from issue times only', () => {
    const good = issue({ needs: { nodes: [{ ...need('n1', null, 'x'), updatedAt: '2026-12-01T00:00:00.000Z' }] } });
    const mapped = mapIssues([good, { ...issue({ identifier: 'PAY-9' }), title: null }, 42, { ...issue({ identifier: 'PAY-10', updatedAt: '2026-11-02T00:00:00.000Z' }) }]);
    assert.deepEqual(mapped.items.map((item) => item.key), ['PAY-123', 'PAY-10']);
    assert.deepEqual(mapped.skipped.map((skip) => skip.id), ['linear:PAY-9', 'linear:?']);
    assert.match(mapped.skipped[0]?.reason ?? '', /^title:/);
    assert.equal(mapped.newest, '2026-11-02T00:00:00.000Z');
  });

  it('personal keys go bare, OAuth tokens as Bearer, nothing when empty', () => {
    assert.equal(linearAuthorization('lin_api_abc'), 'lin_api_abc');
    assert.equal(linearAuthorization('oauth-token'), 'Bearer oauth-token');
    assert.equal(linearAuthorization(' '), undefined);
    assert.equal(linearAuthorization(undefined), undefined);
  });

  it('builds the filter: teams, labels when configured, updated-or-needs-updated since the watermark', () => {
    assert.deepEqual(issueFilter({ teams: ['PAY'], labels: [] }), { team: { key: { in: ['PAY'] } } });
    assert.deepEqual(issueFilter({ teams: ['PAY', 'OPS'], labels: ['bug'], since: '2026-11-01T00:00:00Z' }), {
      team: { key: { in: ['PAY', 'OPS'] } },
      labels: { some: { name: { in: ['bug'] } } },
      or: [{ updatedAt: { gte: '2026-11-01T00:00:00Z' } }, { needs: { some: { updatedAt: { gte: '2026-11-01T00:00:00Z' } } } }],
    });
  });

  it('the queries are valid against Linear’s published schema', () => {
    for (const query of [ISSUES_QUERY, VIEWER_QUERY]) assert.deepEqual(validate(linearSchema(), parse(query)).map((error) => error.message), []);
  });
});
