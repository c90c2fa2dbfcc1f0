import type { FrictionItem } from '../../../server/src/domain/frictionItem';
import type { FakeLinearIssue } from './linearData';
import { identifierOf } from './linearData';
import type { LinearFake } from './linearFake';

/**
 * What an adapter must make of a fake issue, written from Linear's rules (priority 0–4,
 * `WorkflowState.type`) and the data's own plain texts, not from the adapter's code.
 */
const SEVERITY = ['medium', 'critical', 'high', 'medium', 'low'] as const;
const STATUS = { triage: 'open', backlog: 'open', unstarted: 'open', started: 'in-progress', completed: 'resolved', canceled: 'resolved', duplicate: 'resolved' } as const;

export type ItemFacts = Pick<FrictionItem, 'id' | 'source' | 'key' | 'title' | 'summary' | 'url' | 'status' | 'rawStatus' | 'severity' | 'impact' | 'labels' | 'quotes' | 'codeRefs' | 'updatedAt'>;

export function expectedItem(issue: FakeLinearIssue, fake: LinearFake): ItemFacts {
  const key = identifierOf(issue);
  const customers = [...new Set(issue.needs.map((need) => need.customerId).filter((id): id is string => id !== null))].map((id) => fake.customer(id));
  const revenues = customers.map((customer) => customer?.revenue).filter((revenue): revenue is number => typeof revenue === 'number');
  return {
    id: `linear:${key}`,
    source: 'linear',
    key,
    title: issue.title,
    summary: issue.descriptionText,
    url: `https://linear.app/acme/issue/${key.toLowerCase()}/${issue.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
    status: STATUS[issue.state.type],
    rawStatus: issue.state.name,
    severity: SEVERITY[issue.priority],
    impact: { customers: customers.length, tickets: issue.customerTicketCount, votes: issue.needs.length, ...(revenues.length > 0 && { arr: revenues.reduce((a, b) => a + b, 0) }) },
    labels: issue.labels,
    quotes: issue.needs.map((need) => {
      const customer = fake.customer(need.customerId);
      return { text: need.text, ...(customer && { customer: customer.name }), date: new Date(need.createdAt).toISOString().slice(0, 10) };
    }),
    codeRefs: [],
    updatedAt: new Date(issue.updatedAt).toISOString(),
  };
}

export function factsOf(item: FrictionItem): ItemFacts {
  const { id, source, key, title, summary, url, status, rawStatus, severity, impact, labels, quotes, codeRefs, updatedAt } = item;
  return { id, source, key, title, summary, url, status, rawStatus, severity, impact, labels, quotes, codeRefs, updatedAt };
}
