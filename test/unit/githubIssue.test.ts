import assert from 'node:assert/strict';
import { mapIssues } from '../../server/src/trackers/github/githubIssue';

/** An issue as GitHub's list answers it, trimmed to what matters plus a few fields we ignore. */
const issue = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  url: 'https://api.github.com/repos/acme/app/issues/17',
  html_url: 'https://github.com/acme/app/issues/17',
  id: 1,
  number: 17,
  title: 'Refunds take 10 days',
  user: { login: 'octocat' },
  labels: [{ id: 1, name: 'customer-friction', color: 'f29513' }, { id: 2, name: 'P1' }],
  state: 'open',
  state_reason: null,
  comments: 9,
  body: 'Customers wait **two weeks**. See [refund.ts](https://github.com/acme/app/blob/4f2c1d9/src/refund.ts#L10-L20).',
  reactions: { url: 'x', total_count: 14, '+1': 11, '-1': 0, laugh: 0, hooray: 1, confused: 0, heart: 2, rocket: 0, eyes: 0 },
  created_at: '2026-10-01T09:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  ...overrides,
});

describe('GitHub issue → friction item', () => {
  it('maps the issue: key, id, plain-text summary, status, severity, demand signals, labels, permalinks', () => {
    const { items, skipped, newest } = mapIssues('acme/app', [issue()]);
    assert.deepEqual(skipped, []);
    assert.deepEqual(items, [
      {
        id: 'github:acme/app#17',
        source: 'github',
        key: 'acme/app#17',
        title: 'Refunds take 10 days',
        summary: 'Customers wait two weeks. See refund.ts.',
        url: 'https://github.com/acme/app/issues/17',
        status: 'open',
        rawStatus: 'open',
        severity: 'high',
        impact: { customers: 14, tickets: 0, votes: 11 },
        labels: ['customer-friction', 'P1'],
        quotes: [],
        codeRefs: ['https://github.com/acme/app/blob/4f2c1d9/src/refund.ts#L10-L20'],
        updatedAt: '2026-11-01T10:00:00Z',
      },
    ]);
    assert.equal(newest, '2026-11-01T10:00:00Z');
  });

  it('resolves closed issues, completed or not planned, and keeps the raw state', () => {
    const { items } = mapIssues('acme/app', [issue({ state: 'closed', state_reason: 'completed' }), issue({ number: 18, state: 'closed', state_reason: 'not_planned' })]);
    assert.deepEqual(items.map((item) => [item.status, item.rawStatus]), [['resolved', 'closed'], ['resolved', 'closed']]);
  });

  it('takes customers from a customers:N label over reactions, and copes with bare label names, no body, no reactions', () => {
    const [labelled] = mapIssues('acme/app', [issue({ labels: ['customers:250', 'severity:critical'] })]).items;
    assert.equal(labelled?.impact.customers, 250);
    assert.equal(labelled?.severity, 'critical');
    const [bare] = mapIssues('acme/app', [issue({ body: null, reactions: undefined, labels: [{ name: null }, { name: 'bug' }] })]).items;
    assert.deepEqual([bare?.summary, bare?.impact, bare?.labels, bare?.severity], ['', { customers: 0, tickets: 0, votes: 0 }, ['bug'], 'medium']);
  });

  it('never keeps a link that is not https', () => {
    const [item] = mapIssues('acme/app', [issue({ html_url: 'javascript:alert(1)' })]).items;
    assert.equal(item?.url, undefined);
    assert.equal(mapIssues('acme/app', [issue({ html_url: 'http://github.com/acme/app/issues/17' })]).items[0]?.url, undefined);
  });

  it('leaves out pull requests, but counts their update time towards the watermark', () => {
    const pull = issue({ number: 20, pull_request: { url: 'x', html_url: 'y' }, updated_at: '2026-11-05T00:00:00Z' });
    const { items, skipped, newest } = mapIssues('acme/app', [issue(), pull]);
    assert.deepEqual(items.map((item) => item.key), ['acme/app#17']);
    assert.deepEqual(skipped, []);
    assert.equal(newest, '2026-11-05T00:00:00Z');
  });

  it('skips and reports an issue that violates the schema, keeping the rest of the page', () => {
    const { items, skipped, newest } = mapIssues('acme/app', [issue({ number: 3, state: 'archived' }), issue(), issue({ number: 4, updated_at: 'yesterday' }), 'junk']);
    assert.deepEqual(items.map((item) => item.key), ['acme/app#17']);
    assert.deepEqual(skipped.map((entry) => entry.id), ['github:acme/app#3', 'github:acme/app#4', 'github:acme/app#?']);
    assert.match(skipped[0]?.reason ?? '', /^state: /);
    assert.match(skipped[1]?.reason ?? '', /^updated_at: /);
    assert.equal(newest, '2026-11-01T10:00:00Z', 'bad records do not move the watermark');
  });
});
