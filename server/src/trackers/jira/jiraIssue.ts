import { z } from 'zod';
import type { FrictionItem, FrictionStatus, Severity } from '../../domain/frictionItem';
import { jiraTimestampToIso } from './jiraDates';

/** The fields a sync asks for: everything the mapping reads and nothing more (smaller pages). */
export const SEARCH_FIELDS = ['summary', 'description', 'status', 'priority', 'labels', 'votes', 'updated'] as const;

export function searchFields(customersField: string | undefined): string {
  return [...SEARCH_FIELDS, ...(customersField ? [customersField] : [])].join(',');
}

const timestamp = z.string().transform((value, context) => {
  const iso = jiraTimestampToIso(value);
  if (iso === undefined) {
    context.addIssue({ code: 'custom', message: `not a Jira timestamp: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return iso;
});

/** One issue as both APIs return it; `description` is ADF (v3) or wiki markup (v2), read leniently. */
const issueSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, 'not a Jira issue key'),
  fields: z.object({
    summary: z.string(),
    description: z.unknown().optional(),
    status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).nullish() }),
    priority: z.object({ name: z.string() }).nullish(),
    labels: z.array(z.string()).nullish(),
    votes: z.object({ votes: z.number().int().nonnegative() }).nullish(),
    updated: timestamp,
  }),
});

/** A number custom field holds a number or null (unset); anything else is a misconfigured field. */
const customersSchema = z.number().nonnegative().nullish();

export interface JiraMapping {
  /** The site as configured (with any context path): browse URLs start here. */
  readonly site: string;
  readonly customersField?: string;
  readonly descriptionText: (description: unknown) => string;
}

export interface MappedIssues {
  readonly items: FrictionItem[];
  readonly skipped: { readonly id: string; readonly reason: string }[];
  readonly newestUpdate?: string;
}

/** Maps a page's issues one by one: an issue that fails validation is skipped and reported, the rest kept. */
export function mapJiraIssues(issues: readonly unknown[], mapping: JiraMapping): MappedIssues {
  const items: FrictionItem[] = [];
  const skipped: { id: string; reason: string }[] = [];
  issues.forEach((raw, index) => {
    const parsed = issueSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ id: skippedId(raw, index), reason: reasonOf(parsed.error) });
      return;
    }
    const customers = customersSchema.safeParse(mapping.customersField ? customFieldOf(raw, mapping.customersField) : undefined);
    if (!customers.success) {
      skipped.push({ id: `jira:${parsed.data.key}`, reason: `fields.${mapping.customersField}: ${reasonOf(customers.error)}` });
      return;
    }
    const { key, fields } = parsed.data;
    const votes = fields.votes?.votes ?? 0;
    const customerCount = typeof customers.data === 'number' ? Math.round(customers.data) : votes;
    items.push({
      id: `jira:${key}`,
      source: 'jira',
      key,
      title: fields.summary,
      summary: mapping.descriptionText(fields.description),
      url: `${mapping.site}/browse/${key}`,
      status: statusOf(fields.status.statusCategory?.key),
      rawStatus: fields.status.name,
      severity: severityOf(fields.priority?.name),
      // Tickets come from Zendesk evidence; Jira knows votes and, when configured, a customer count.
      impact: { customers: customerCount, tickets: 0, votes },
      labels: fields.labels ?? [],
      // Jira comments are the team's words, not customer verbatims.
      quotes: [],
      // References are found in `summary` by the server's scanner, the same way for every source.
      codeRefs: [],
      updatedAt: fields.updated,
    });
  });
  const newestUpdate = items.reduce<string | undefined>((newest, item) => (item.updatedAt !== undefined && (newest === undefined || item.updatedAt > newest) ? item.updatedAt : newest), undefined);
  return { items, skipped, ...(newestUpdate !== undefined && { newestUpdate }) };
}

/** Jira's status categories are fixed (`new`, `indeterminate`, `done`); the status names are per workflow. */
export function statusOf(categoryKey: string | undefined): FrictionStatus {
  if (categoryKey === 'indeterminate') return 'in-progress';
  if (categoryKey === 'done') return 'resolved';
  return 'open';
}

const SEVERITY_BY_PRIORITY: Readonly<Record<string, Severity>> = {
  highest: 'critical',
  blocker: 'critical',
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  // The old default scheme's middle priority (Blocker, Critical, Major, Minor, Trivial).
  major: 'medium',
  low: 'low',
  lowest: 'low',
  minor: 'low',
  trivial: 'low',
};

/** Default schemes' names; a custom priority name reads as medium. */
export function severityOf(priority: string | undefined): Severity {
  return SEVERITY_BY_PRIORITY[priority?.trim().toLowerCase() ?? ''] ?? 'medium';
}

/** Custom fields are read from the raw issue: their ids are configuration, not part of the schema. */
function customFieldOf(raw: unknown, field: string): unknown {
  const fields = (raw as { fields?: unknown }).fields;
  return typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[field] : undefined;
}

function skippedId(raw: unknown, index: number): string {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (typeof record['key'] === 'string' && record['key'] !== '') return `jira:${record['key'].slice(0, 64)}`;
  if (typeof record['id'] === 'string' && record['id'] !== '') return `jira:id=${record['id'].slice(0, 32)}`;
  return `jira:#${index}`;
}

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
