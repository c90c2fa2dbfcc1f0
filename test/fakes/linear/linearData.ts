/**
 * Seeded, deterministic Linear data for the fake: teams, customers (with tiers and revenue),
 * issues and their customer needs. Each description is stored with the plain text a reader sees,
 * so the expected items are written from the data, not from the adapter's code.
 */

export interface FakeCustomer {
  readonly id: string;
  readonly name: string;
  readonly revenue: number | null;
  readonly tier: string | null;
}

export interface FakeNeed {
  readonly id: string;
  /** Markdown typed on the need, or null when its text comes from an attached source. */
  body: string | null;
  /** The attached source's text (`content` falls back to it). */
  readonly attachmentText: string | null;
  /** Plain text of `body ?? attachmentText`. */
  text: string;
  customerId: string | null;
  readonly createdAt: number;
  updatedAt: number;
}

export type StateType = 'triage' | 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled' | 'duplicate';

export interface FakeLinearIssue {
  readonly id: string;
  readonly team: string;
  readonly number: number;
  title: string;
  description: string | null;
  /** What a reader sees of `description`. */
  descriptionText: string;
  priority: 0 | 1 | 2 | 3 | 4;
  state: { readonly type: StateType; readonly name: string };
  labels: string[];
  customerTicketCount: number;
  needs: FakeNeed[];
  readonly createdAt: number;
  updatedAt: number;
}

export const TEAMS = [
  { key: 'PAY', name: 'Payments' },
  { key: 'OPS', name: 'Operations' },
  { key: 'WEB', name: 'Web' },
] as const;

export const CUSTOMERS: readonly FakeCustomer[] = [
  { id: 'cust-northwind', name: 'Northwind Traders', revenue: 1_200_000, tier: 'Enterprise' },
  { id: 'cust-contoso', name: 'Contoso', revenue: 450_000, tier: 'Pro' },
  { id: 'cust-fabrikam', name: 'Fabrikam', revenue: null, tier: null },
  { id: 'cust-tailspin', name: 'Tailspin Toys', revenue: 80_000, tier: 'Pro' },
  { id: 'cust-wingtip', name: 'Wingtip', revenue: null, tier: 'Free' },
];

const STATES: readonly { type: StateType; name: string }[] = [
  { type: 'triage', name: 'Triage' },
  { type: 'backlog', name: 'Backlog' },
  { type: 'unstarted', name: 'Todo' },
  { type: 'started', name: 'In Progress' },
  { type: 'completed', name: 'Done' },
  { type: 'canceled', name: 'Canceled' },
  { type: 'duplicate', name: 'Duplicate' },
];
const LABEL_SETS: readonly string[][] = [['customer-friction'], ['customer-friction', 'refunds'], ['bug'], [], ['refunds'], ['customer-friction', 'bug']];
const TOPICS = ['refunds', 'checkout', 'invoices', 'login', 'exports', 'webhooks', 'search'];

export const EPOCH = Date.parse('2026-10-01T08:00:00.000Z');
/** Seeded updates are a minute apart; later updates move past every earlier one. */
export const STEP_MS = 60_000;

function uuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function description(i: number, topic: string): { markdown: string | null; text: string } {
  switch (i % 4) {
    case 0:
      return { markdown: null, text: '' };
    case 1:
      return {
        markdown: `Customers report **slow ${topic}** in \`RefundService.issue\`.\n\nSee [the runbook](https://example.com/runbook/${i}).`,
        text: `Customers report slow ${topic} in RefundService.issue.\n\nSee the runbook.`,
      };
    case 2:
      return { markdown: `## ${topic}\n\n- step one\n- step two`, text: `${topic}\n\n- step one\n- step two` };
    default:
      return { markdown: `Plain ${topic} text with ~~no~~ markup & more.`, text: `Plain ${topic} text with no markup & more.` };
  }
}

/** `count` issues spread over the teams, oldest change first; every third has needs. */
export function generateIssues(count: number): FakeLinearIssue[] {
  const issues: FakeLinearIssue[] = [];
  let needNumber = 0;
  for (let i = 0; i < count; i++) {
    const team = TEAMS[i % TEAMS.length]?.key ?? 'PAY';
    const topic = TOPICS[i % TOPICS.length] ?? 'refunds';
    const { markdown, text } = description(i, topic);
    const updatedAt = EPOCH + i * STEP_MS;
    const needs: FakeNeed[] = [];
    for (let n = 0; n < i % 4; n++) {
      needNumber++;
      const customer = CUSTOMERS[(i + n) % CUSTOMERS.length];
      const attached = needNumber % 5 === 0;
      const body = attached ? null : `We keep hitting the **${topic}** problem (${needNumber}).`;
      needs.push({
        id: uuid('need', needNumber),
        body,
        attachmentText: attached ? `Ticket #${needNumber}: ${topic} broken again` : null,
        text: attached ? `Ticket #${needNumber}: ${topic} broken again` : `We keep hitting the ${topic} problem (${needNumber}).`,
        // Now and then a need nobody has tied to a customer yet.
        customerId: needNumber % 7 === 0 ? null : (customer?.id ?? null),
        createdAt: updatedAt - 3_600_000,
        updatedAt: updatedAt - 1_800_000,
      });
    }
    issues.push({
      id: uuid('issue', i + 1),
      team,
      number: Math.floor(i / TEAMS.length) + 101,
      title: `${topic[0]?.toUpperCase()}${topic.slice(1)} friction #${i + 1}`,
      description: markdown,
      descriptionText: text,
      priority: (i % 5) as 0 | 1 | 2 | 3 | 4,
      state: STATES[i % STATES.length] ?? { type: 'backlog', name: 'Backlog' },
      labels: [...(LABEL_SETS[i % LABEL_SETS.length] ?? [])],
      customerTicketCount: (i * 3) % 11,
      needs,
      createdAt: EPOCH - 86_400_000 + i * STEP_MS,
      updatedAt,
    });
  }
  return issues;
}

export function identifierOf(issue: FakeLinearIssue): string {
  return `${issue.team}-${issue.number}`;
}
