import assert from 'node:assert/strict';
import { adfToText } from '../../server/src/trackers/jira/adf';
import { jiraAuthorization } from '../../server/src/trackers/jira/jiraAdapters';
import { jiraTimestampToIso, jqlDateLiteral } from '../../server/src/trackers/jira/jiraDates';
import { mapJiraIssues, severityOf, statusOf } from '../../server/src/trackers/jira/jiraIssue';
import { searchJql, withoutOrderBy } from '../../server/src/trackers/jira/jiraJql';

const issue = (key: string, fields: Record<string, unknown> = {}) => ({
  id: '10001',
  key,
  fields: { summary: `Summary of ${key}`, description: null, status: { name: 'In Review', statusCategory: { key: 'indeterminate' } }, priority: { name: 'High' }, labels: ['customer-friction'], votes: { votes: 4 }, updated: '2026-11-01T11:00:00.000+0100', ...fields },
});
const mapping = { site: 'https://acme.atlassian.net', customersField: 'customfield_10042', descriptionText: adfToText };

describe('Jira mapping', () => {
  it('maps priorities to severities and status categories to statuses', () => {
    const severities = ['Highest', 'Blocker', 'critical', 'High', 'Medium', 'Major', 'Low', 'Lowest', ' minor ', 'Trivial', 'P1 - Custom', undefined].map(severityOf);
    assert.deepEqual(severities, ['critical', 'critical', 'critical', 'high', 'medium', 'medium', 'low', 'low', 'low', 'low', 'medium', 'medium']);
    assert.deepEqual(['new', 'indeterminate', 'done', 'undefined', undefined].map(statusOf), ['open', 'in-progress', 'resolved', 'open', 'open']);
  });

  it('maps an issue: browse URL, raw status, customers from the custom field else votes, UTC updatedAt', () => {
    const { items, skipped, newestUpdate } = mapJiraIssues([issue('PAY-1', { customfield_10042: 12 }), issue('PAY-2', { customfield_10042: null, updated: '2026-11-02T09:00:00.000-0500' })], mapping);
    assert.deepEqual(skipped, []);
    assert.deepEqual(items[0], {
      id: 'jira:PAY-1',
      source: 'jira',
      key: 'PAY-1',
      title: 'Summary of PAY-1',
      summary: '',
      url: 'https://acme.atlassian.net/browse/PAY-1',
      status: 'in-progress',
      rawStatus: 'In Review',
      severity: 'high',
      impact: { customers: 12, tickets: 0, votes: 4 },
      labels: ['customer-friction'],
      quotes: [],
      codeRefs: [],
      updatedAt: '2026-11-01T10:00:00.000Z',
    });
    assert.equal(items[1]?.impact.customers, 4, 'an unset customers field falls back to votes');
    assert.equal(newestUpdate, '2026-11-02T14:00:00.000Z');
  });

  it('skips an invalid issue with its key and the reason, and keeps the rest of the page', () => {
    const { items, skipped, newestUpdate } = mapJiraIssues(
      [issue('PAY-1'), issue('PAY-2', { summary: 42, updated: '2027-01-01T00:00:00.000+0000' }), { id: '77', fields: {} }, 'junk', issue('PAY-3', { customfield_10042: 'lots' }), issue('PAY-4', { updated: 'yesterday' })],
      mapping,
    );
    assert.deepEqual(items.map((item) => item.key), ['PAY-1']);
    assert.deepEqual(skipped.map((skip) => skip.id), ['jira:PAY-2', 'jira:id=77', 'jira:#3', 'jira:PAY-3', 'jira:PAY-4']);
    assert.match(skipped[0]?.reason ?? '', /^fields\.summary: .*string/);
    assert.match(skipped[3]?.reason ?? '', /^fields\.customfield_10042: /);
    assert.match(skipped[4]?.reason ?? '', /not a Jira timestamp/);
    assert.equal(newestUpdate, '2026-11-01T10:00:00.000Z', 'a skipped issue does not move the watermark');
  });

  it('reads Jira timestamps with colon-less offsets', () => {
    assert.equal(jiraTimestampToIso('2026-11-01T21:00:00.000+1100'), '2026-11-01T10:00:00.000Z');
    assert.equal(jiraTimestampToIso('2026-11-01T04:30:00.123-0530'), '2026-11-01T10:00:00.123Z');
    assert.equal(jiraTimestampToIso('2026-11-01T10:00:00Z'), '2026-11-01T10:00:00.000Z');
    assert.equal(jiraTimestampToIso('2026-11-01'), undefined);
    assert.equal(jiraTimestampToIso('garbage'), undefined);
  });

  it('writes the watermark as a JQL literal in the user’s zone, floored to the minute', () => {
    assert.equal(jqlDateLiteral('2026-11-10T10:07:59.999Z', 'UTC'), '2026/11/10 10:07');
    assert.equal(jqlDateLiteral('2026-11-10T10:07:00Z', 'America/New_York'), '2026/11/10 05:07');
    assert.equal(jqlDateLiteral('2026-11-10T10:07:00Z', 'Asia/Kolkata'), '2026/11/10 15:37');
    assert.equal(jqlDateLiteral('2026-11-10T10:07:00Z', 'Not/AZone'), '2026/11/09 22:07', 'an unknown zone is read as UTC-12: never later than the watermark');
    assert.equal(jqlDateLiteral('not a date', 'UTC'), undefined);
  });

  it('moves the literal an hour earlier just before clocks go back, where the wall time repeats', () => {
    // New York falls back at 2026-11-01 06:00Z (02:00 EDT → 01:00 EST).
    assert.equal(jqlDateLiteral('2026-11-01T05:30:00Z', 'America/New_York'), '2026/11/01 00:30');
    assert.equal(jqlDateLiteral('2026-11-01T07:30:00Z', 'America/New_York'), '2026/11/01 02:30');
  });

  it('builds the search JQL: configured query in parentheses, watermark, stable order', () => {
    assert.equal(searchJql('project = PAY AND labels = customer-friction', undefined, 'UTC'), '(project = PAY AND labels = customer-friction) ORDER BY updated ASC, key ASC');
    assert.equal(searchJql('project = PAY OR project = OPS ORDER BY priority DESC', '2026-11-10T10:07:30Z', 'UTC'), '(project = PAY OR project = OPS) AND updated >= "2026/11/10 10:07" ORDER BY updated ASC, key ASC');
  });

  it('finds the configured ORDER BY only outside quoted values', () => {
    assert.equal(withoutOrderBy('summary ~ "order by date" order   by rank'), 'summary ~ "order by date" ');
    assert.equal(withoutOrderBy("labels = 'x' AND summary ~ 'a \\' order by'"), "labels = 'x' AND summary ~ 'a \\' order by'");
    assert.equal(withoutOrderBy('project = PAY'), 'project = PAY');
    assert.equal(withoutOrderBy('bordered = 1'), 'bordered = 1');
  });

  it('authenticates with Basic email:token on Cloud and Bearer otherwise', () => {
    assert.equal(jiraAuthorization('t0k', 'dev@acme.com'), `Basic ${Buffer.from('dev@acme.com:t0k').toString('base64')}`);
    assert.equal(jiraAuthorization('t0k'), 'Bearer t0k');
    assert.equal(jiraAuthorization(undefined, 'dev@acme.com'), undefined);
  });
});
