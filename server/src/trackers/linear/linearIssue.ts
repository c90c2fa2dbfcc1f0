import { z } from 'zod';
import type { CustomerQuote, FrictionItem, FrictionStatus, Severity } from '../../domain/frictionItem';
import { markdownToText } from '../github/githubMarkdown';

const iso = z.iso.datetime({ offset: true });

/** One node of `issues.nodes` as ISSUES_QUERY selects it; validated one by one (a bad node is skipped). */
export const linearIssueSchema = z.object({
  id: z.string(),
  identifier: z.string().min(1),
  title: z.string(),
  description: z.string().nullish(),
  url: z.string(),
  priority: z.number(),
  updatedAt: iso,
  customerTicketCount: z.number().int().nonnegative(),
  state: z.object({ type: z.string(), name: z.string() }),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }),
  needs: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        body: z.string().nullish(),
        content: z.string().nullish(),
        createdAt: iso,
        updatedAt: iso,
        customer: z.object({ id: z.string(), name: z.string(), revenue: z.number().nullish() }).nullish(),
      }),
    ),
  }),
});
export type LinearIssue = z.infer<typeof linearIssueSchema>;

/** `Issue.priority`: 0 = No priority, 1 = Urgent, 2 = High, 3 = Medium, 4 = Low. No priority is the domain's default, medium. */
export function severityOf(priority: number): Severity {
  switch (priority) {
    case 1:
      return 'critical';
    case 2:
      return 'high';
    case 4:
      return 'low';
    default:
      return 'medium';
  }
}

/** `WorkflowState.type`: triage, backlog, unstarted, started, completed, canceled, duplicate. */
export function statusOf(stateType: string): FrictionStatus {
  switch (stateType) {
    case 'started':
      return 'in-progress';
    case 'completed':
    case 'canceled':
    case 'duplicate':
      return 'resolved';
    default:
      // triage, backlog, unstarted, and any type Linear adds later: not being worked on.
      return 'open';
  }
}

export interface MappedIssues {
  readonly items: FrictionItem[];
  readonly skipped: { readonly id: string; readonly reason: string }[];
  /**
   * The newest issue `updatedAt` among the valid nodes. Needs' times are left out on purpose: the
   * list is ordered by issue `updatedAt`, newest first, so an issue changed mid-run moves ahead of
   * the cursor and is not seen; only issue times keep the watermark below such a change. (A need
   * newer than the watermark makes the next run fetch its issue again: harmless, merged by id.)
   */
  readonly newest?: string;
}

const PERMALINK = /^https:\/\/[^/\s]+\/[\w.-]+\/[\w.-]+\/blob\/\S+$/;

/** Maps one page of nodes: each is validated alone; a bad one is skipped and reported, the rest kept. */
export function mapIssues(nodes: readonly unknown[]): MappedIssues {
  const items: FrictionItem[] = [];
  const skipped: { id: string; reason: string }[] = [];
  let newest: string | undefined;
  const seen = (time: string) => {
    if (newest === undefined || Date.parse(time) > Date.parse(newest)) newest = time;
  };
  for (const node of nodes) {
    const parsed = linearIssueSchema.safeParse(node);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ id: `linear:${identifierOf(node) ?? '?'}`, reason: issue ? `${issue.path.join('.') || 'issue'}: ${issue.message}` : 'invalid issue' });
      continue;
    }
    items.push(issueToItem(parsed.data));
    seen(parsed.data.updatedAt);
  }
  return { items, skipped, ...(newest !== undefined && { newest }) };
}

/**
 * Impact from the issue's customer needs (Linear's "customer requests"):
 * - `customers`: the distinct customers among its needs (a need with no customer yet counts none);
 * - `tickets`: `customerTicketCount`, the support-ticket attachments Linear counts;
 * - `votes`: the number of needs, each one customer asking;
 * - `arr`: the sum of those customers' `revenue`, present only when one of them has it.
 * Each need with text becomes a quote: its `body`, else its `content` (the attached source's text).
 */
export function issueToItem(issue: LinearIssue): FrictionItem {
  const body = markdownToText(issue.description ?? '');
  const customers = new Map<string, { name: string; revenue?: number | null | undefined }>();
  const quotes: CustomerQuote[] = [];
  for (const need of issue.needs.nodes) {
    if (need.customer) customers.set(need.customer.id, need.customer);
    const text = markdownToText(need.body ?? need.content ?? '').text;
    if (text !== '') quotes.push({ text, ...(need.customer && { customer: need.customer.name }), date: need.createdAt.slice(0, 10) });
  }
  const revenues = [...customers.values()].map((customer) => customer.revenue).filter((revenue): revenue is number => typeof revenue === 'number');
  return {
    id: `linear:${issue.identifier}`,
    source: 'linear',
    key: issue.identifier,
    title: issue.title,
    summary: body.text,
    ...(isHttps(issue.url) && { url: issue.url }),
    status: statusOf(issue.state.type),
    rawStatus: issue.state.name,
    severity: severityOf(issue.priority),
    impact: {
      customers: customers.size,
      tickets: issue.customerTicketCount,
      votes: issue.needs.nodes.length,
      ...(revenues.length > 0 && { arr: revenues.reduce((sum, revenue) => sum + revenue, 0) }),
    },
    labels: issue.labels.nodes.map((label) => label.name),
    quotes,
    codeRefs: [...new Set(body.links.filter((link) => PERMALINK.test(link)))],
    updatedAt: issue.updatedAt,
  };
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function identifierOf(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const { identifier, id } = node as { identifier?: unknown; id?: unknown };
  return typeof identifier === 'string' && identifier !== '' ? identifier : typeof id === 'string' ? id : undefined;
}
