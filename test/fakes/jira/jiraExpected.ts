import type { FrictionItem } from '../../../server/src/domain/frictionItem';
import { plainText, type FakeJiraIssue } from './jiraData';

/**
 * What an adapter must make of a fake issue, written from Jira's rules (DESIGN.md, "Trackers";
 * the priority and status-category tables), not from the adapter's code.
 */
const SEVERITY: Readonly<Record<string, FrictionItem['severity']>> = {
  Highest: 'critical',
  Blocker: 'critical',
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Major: 'medium',
  Low: 'low',
  Lowest: 'low',
  Minor: 'low',
  Trivial: 'low',
};
const STATUS = { new: 'open', indeterminate: 'in-progress', done: 'resolved' } as const;

export type ItemFacts = Pick<FrictionItem, 'id' | 'source' | 'key' | 'title' | 'summary' | 'url' | 'status' | 'rawStatus' | 'severity' | 'impact' | 'labels' | 'quotes' | 'codeRefs' | 'updatedAt'>;

export function expectedItem(issue: FakeJiraIssue, site: string, options: { readonly customersField?: boolean } = {}): ItemFacts {
  return {
    id: `jira:${issue.key}`,
    source: 'jira',
    key: issue.key,
    title: issue.summary,
    summary: plainText(issue.description),
    url: `${site}/browse/${issue.key}`,
    status: STATUS[issue.status.category],
    rawStatus: issue.status.name,
    severity: (issue.priority !== null && SEVERITY[issue.priority]) || 'medium',
    impact: { customers: options.customersField !== false && issue.customers !== null ? issue.customers : issue.votes, tickets: 0, votes: issue.votes },
    labels: issue.labels,
    quotes: [],
    codeRefs: [],
    updatedAt: new Date(issue.updated).toISOString(),
  };
}

/** The same facts of an item the adapter produced, for `deepEqual`. */
export function factsOf(item: FrictionItem): ItemFacts {
  const { id, source, key, title, summary, url, status, rawStatus, severity, impact, labels, quotes, codeRefs, updatedAt } = item;
  return { id, source, key, title, summary, url, status, rawStatus, severity, impact, labels, quotes, codeRefs, updatedAt };
}
