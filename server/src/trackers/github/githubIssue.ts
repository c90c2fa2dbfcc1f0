import { z } from 'zod';
import type { FrictionItem } from '../../domain/frictionItem';
import { customersFromLabels, severityFromLabels } from './githubLabels';
import { markdownToText } from './githubMarkdown';

const count = z.number().int().nonnegative();

/**
 * The fields of an issue we use, as GitHub's REST description has them (`GET /repos/{owner}/{repo}/issues`).
 * Labels may be bare names or label objects; reactions are absent on some GHES versions.
 */
export const githubIssueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullish(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().nullish() })])),
  reactions: z.object({ total_count: count, '+1': count }).optional(),
  updated_at: z.iso.datetime({ offset: true }),
});
export type GithubIssue = z.infer<typeof githubIssueSchema>;

export interface MappedIssues {
  readonly items: FrictionItem[];
  readonly skipped: { readonly id: string; readonly reason: string }[];
  /** The newest `updated_at` among the valid records, pull requests included. */
  readonly newest?: string;
}

/** A permalink into a repository's files (`https://github.com/o/r/blob/<ref>/path#L1`), on github.com or GHES. */
const PERMALINK = /^https:\/\/[^/\s]+\/[\w.-]+\/[\w.-]+\/blob\/\S+$/;
const updatedSchema = z.object({ updated_at: z.iso.datetime({ offset: true }) });

/**
 * Maps one page of `repo`'s issues list. Pull requests (GitHub lists them as issues, with a
 * `pull_request` member) are not friction and are left out; an issue that fails validation is
 * skipped and reported, and the rest of the page is kept.
 */
export function mapIssues(repo: string, records: readonly unknown[]): MappedIssues {
  const items: FrictionItem[] = [];
  const skipped: { id: string; reason: string }[] = [];
  let newest: string | undefined;
  const seen = (updated: string) => {
    if (newest === undefined || Date.parse(updated) > Date.parse(newest)) newest = updated;
  };
  for (const record of records) {
    if (isPullRequest(record)) {
      // Seen all the same: counting it keeps the watermark from lagging behind a busy PR.
      const updated = updatedSchema.safeParse(record);
      if (updated.success) seen(updated.data.updated_at);
      continue;
    }
    const parsed = githubIssueSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({ id: `github:${repo}#${numberOf(record) ?? '?'}`, reason: issue ? `${issue.path.join('.') || 'issue'}: ${issue.message}` : 'invalid issue' });
      continue;
    }
    items.push(issueToItem(repo, parsed.data));
    seen(parsed.data.updated_at);
  }
  return { items, skipped, ...(newest !== undefined && { newest }) };
}

export function issueToItem(repo: string, issue: GithubIssue): FrictionItem {
  const key = `${repo}#${issue.number}`;
  const labels = issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((name) => name !== '');
  const body = markdownToText(issue.body ?? '');
  return {
    id: `github:${key}`,
    source: 'github',
    key,
    title: issue.title,
    summary: body.text,
    ...(isHttps(issue.html_url) && { url: issue.html_url }),
    // Closed as completed or as not planned, the friction is no longer open work.
    status: issue.state === 'open' ? 'open' : 'resolved',
    rawStatus: issue.state,
    severity: severityFromLabels(labels),
    impact: {
      // An explicit `customers:N` label is triage's count; otherwise every reaction is a demand signal.
      customers: customersFromLabels(labels) ?? issue.reactions?.total_count ?? 0,
      tickets: 0,
      // 👍 is GitHub's voting convention. Comment counts are left out: replies from maintainers and
      // bots would rank a busy thread as demand, and the domain has no field for discussion.
      votes: issue.reactions?.['+1'] ?? 0,
    },
    labels,
    quotes: [],
    // Permalinks hidden behind link text would be lost with the markup; keep them as code references.
    codeRefs: [...new Set(body.links.filter((link) => PERMALINK.test(link)))],
    updatedAt: issue.updated_at,
  };
}

/** Only https links reach hovers and the panel: a tracker's text must not smuggle in `javascript:` or `command:`. */
function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function isPullRequest(record: unknown): boolean {
  const value = typeof record === 'object' && record !== null ? (record as { pull_request?: unknown }).pull_request : undefined;
  return value !== undefined && value !== null;
}

function numberOf(record: unknown): number | undefined {
  const value = typeof record === 'object' && record !== null ? (record as { number?: unknown }).number : undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
