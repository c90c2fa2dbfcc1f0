import assert from 'node:assert/strict';
import { originOf, tokenVariable, trackerConfigSchema } from '../../server/src/trackers/trackerConfig';

describe('tracker configuration', () => {
  it('accepts the DESIGN.md examples, with defaults for Linear and GitHub URLs', () => {
    const jira = trackerConfigSchema.parse({ name: 'jira', type: 'jira', url: 'https://acme.atlassian.net/', email: 'dev@acme.com', jql: 'project = PAY' });
    assert.equal(jira.type === 'jira' && jira.url, 'https://acme.atlassian.net');
    const github = trackerConfigSchema.parse({ name: 'gh', type: 'github', repos: ['acme/payments'], labels: ['customer-friction'] });
    assert.equal(github.type === 'github' && github.url, 'https://api.github.com');
    const linear = trackerConfigSchema.parse({ name: 'linear', type: 'linear', teams: ['PAY'] });
    assert.equal(originOf(linear), 'https://api.linear.app');
    const zendesk = trackerConfigSchema.parse({ name: 'zendesk', type: 'zendesk', url: 'https://acme.zendesk.com', email: 'dev@acme.com' });
    assert.equal(zendesk.type === 'zendesk' && zendesk.tagPrefix, 'friction-');
  });

  it('rejects unknown types, non-http URLs, bad repos and custom fields', () => {
    assert.equal(trackerConfigSchema.safeParse({ name: 'x', type: 'trello', url: 'https://t.example' }).success, false);
    assert.equal(trackerConfigSchema.safeParse({ name: 'j', type: 'jira', url: 'file:///etc/passwd', jql: 'x' }).success, false);
    assert.equal(trackerConfigSchema.safeParse({ name: 'g', type: 'github', repos: ['not a repo'] }).success, false);
    assert.equal(trackerConfigSchema.safeParse({ name: 'j', type: 'jira', url: 'https://a.atlassian.net', jql: 'x', customersField: 'votes' }).success, false);
  });

  it('names each tracker’s token variable and binds it to the tracker’s origin', () => {
    assert.equal(tokenVariable('jira'), 'CUSTOMER_LENS_JIRA_TOKEN');
    assert.equal(tokenVariable('gh-enterprise'), 'CUSTOMER_LENS_GH_ENTERPRISE_TOKEN');
    const ghes = trackerConfigSchema.parse({ name: 'ghe', type: 'github', url: 'https://ghe.acme.com:8443/api/v3', repos: ['a/b'] });
    assert.equal(originOf(ghes), 'https://ghe.acme.com:8443');
  });
});
