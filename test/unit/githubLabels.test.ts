import assert from 'node:assert/strict';
import { customersFromLabels, severityFromLabels } from '../../server/src/trackers/github/githubLabels';

describe('GitHub labels → severity and customers', () => {
  it('reads severity labels in their usual spellings, case-insensitively', () => {
    assert.equal(severityFromLabels(['severity:critical']), 'critical');
    assert.equal(severityFromLabels(['Severity: High']), 'high');
    assert.equal(severityFromLabels(['severity/low']), 'low');
    assert.equal(severityFromLabels(['severity-medium']), 'medium');
  });

  it('maps priority labels P0…P3 to critical…low', () => {
    assert.deepEqual(['P0', 'P1', 'P2', 'P3'].map((label) => severityFromLabels([label])), ['critical', 'high', 'medium', 'low']);
    assert.equal(severityFromLabels(['priority: p1']), 'high');
  });

  it('takes the most severe when labels disagree, and medium when none says', () => {
    assert.equal(severityFromLabels(['P3', 'bug', 'severity:high']), 'high');
    assert.equal(severityFromLabels(['severity:low', 'P0']), 'critical');
    assert.equal(severityFromLabels(['bug', 'P4', 'severity:urgent', 'P10', 'aP1']), 'medium');
    assert.equal(severityFromLabels([]), 'medium');
  });

  it('reads customers:N (the largest if several), else nothing', () => {
    assert.equal(customersFromLabels(['customers:412']), 412);
    assert.equal(customersFromLabels(['Customers: 3', 'customer=40']), 40);
    assert.equal(customersFromLabels(['customers:many', 'bug']), undefined);
    assert.equal(customersFromLabels([]), undefined);
  });
});
