import { seededRandom } from '../seededRandom';

/**
 * The GitHub fake's records and how it renders them: issues and pull requests in GitHub's REST
 * shape (`GET /repos/{owner}/{repo}/issues`, API version 2022-11-28), generated from a seed so
 * that every run of a test sees the same data.
 */

export const REACTION_NAMES = ['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes'] as const;
export type Reactions = Record<(typeof REACTION_NAMES)[number], number>;

export interface FakeIssue {
  readonly repo: string;
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  reactions: Reactions;
  comments: number;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** GitHub lists pull requests as issues too, with a `pull_request` member. */
  readonly pullRequest: boolean;
  /** Served in a shape that violates GitHub's schema (a fault switch). */
  corrupt?: boolean;
}

export interface SeedOptions {
  readonly repos: readonly string[];
  readonly issuesPerRepo: number;
  readonly pullRequestsPerRepo: number;
  readonly seed: number;
  /** The label most issues (and some pull requests) carry: what a tracker config filters on. */
  readonly frictionLabel: string;
}

/** Every seeded record was last updated in the first half of 2026, in the fake's past. */
const SEED_START = Date.parse('2026-01-05T09:00:00Z');
const EXTRA_LABELS = ['bug', 'enhancement', 'severity:critical', 'severity:high', 'severity:low', 'P0', 'P1', 'P2', 'P3', 'customers:12', 'customers:250'];
const WORDS = ['refund', 'checkout', 'invoice', 'timeout', 'card', 'export', 'login', 'search', 'webhook', 'retry', 'currency', 'receipt'];


export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function seedIssues(options: SeedOptions): FakeIssue[] {
  const next = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const issues: FakeIssue[] = [];
  let clock = SEED_START;
  const total = options.issuesPerRepo + options.pullRequestsPerRepo;
  // Pull requests are spread among the issues, as they share one numbering on GitHub.
  const pullNumbers = new Set(Array.from({ length: options.pullRequestsPerRepo }, (_, index) => Math.floor(((index + 0.5) * total) / options.pullRequestsPerRepo) + 1));
  // Repos take turns, so their update times interleave as they would in an organisation.
  for (let number = 1; number <= total; number++) {
    for (const repo of options.repos) {
      clock += 60_000 + Math.floor(next() * 3_600_000);
      const closed = next() < 0.3;
      const labels = [...(next() < 0.75 ? [options.frictionLabel] : []), ...(next() < 0.6 ? [pick(EXTRA_LABELS)] : [])];
      const reactions = Object.fromEntries(REACTION_NAMES.map((name) => [name, next() < 0.4 ? Math.floor(next() * 9) : 0])) as Reactions;
      const [a, b] = [pick(WORDS), pick(WORDS)];
      issues.push({
        repo,
        number,
        title: `${a[0]?.toUpperCase()}${a.slice(1)} ${b} fails for some customers (${repo}#${number})`,
        body: next() < 0.1 ? null : sampleBody(repo, a, b, next),
        state: closed ? 'closed' : 'open',
        stateReason: closed ? (next() < 0.3 ? 'not_planned' : 'completed') : null,
        labels,
        reactions,
        comments: Math.floor(next() * 12),
        createdAt: isoSeconds(clock - 86_400_000 * (1 + Math.floor(next() * 30))),
        updatedAt: isoSeconds(clock),
        closedAt: closed ? isoSeconds(clock) : null,
        pullRequest: pullNumbers.has(number),
      });
    }
  }
  return issues;
}

function sampleBody(repo: string, a: string, b: string, next: () => number): string {
  const lines = [
    `## What happens`,
    `When a customer tries to ${a} during **${b}**, it fails. See [the dashboard](https://status.example.com/${a}).`,
    `![screenshot](https://user-images.githubusercontent.com/1/${b}.png)`,
  ];
  if (next() < 0.5) lines.push('```', `Error: ${a} ${b} timed out after 30000ms`, '    at RefundService.issue (src/payments/refund.ts:42:7)', '```');
  if (next() < 0.3) lines.push(`Probably here: [refund.ts](https://github.com/${repo}/blob/4f2c1d9/src/payments/refund.ts#L10-L20)`);
  lines.push('<!-- Please fill in the template -->', `> "I ${a} every week and it never works" — a customer`);
  return lines.join('\r\n');
}

export interface RenderContext {
  /** Where the API lives: the fake's origin, plus `/api/v3` for GHES. */
  readonly apiBase: string;
  /** Where the web UI lives (`html_url`). */
  readonly webBase: string;
  readonly repoId: (repo: string) => number;
}

const user = (context: RenderContext, login: string, id: number) => ({
  login,
  id,
  node_id: `MDQ6VXNlcj${id}`,
  avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
  url: `${context.apiBase}/users/${login}`,
  html_url: `${context.webBase}/${login}`,
  type: 'User',
  site_admin: false,
});

/** An issue (or pull request) as GitHub's list answers it. */
export function renderIssue(issue: FakeIssue, context: RenderContext): Record<string, unknown> {
  const repoUrl = `${context.apiBase}/repos/${issue.repo}`;
  const id = context.repoId(issue.repo) * 100_000 + issue.number;
  const rendered: Record<string, unknown> = {
    url: `${repoUrl}/issues/${issue.number}`,
    repository_url: repoUrl,
    labels_url: `${repoUrl}/issues/${issue.number}/labels{/name}`,
    comments_url: `${repoUrl}/issues/${issue.number}/comments`,
    events_url: `${repoUrl}/issues/${issue.number}/events`,
    html_url: `${context.webBase}/${issue.repo}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
    id,
    node_id: `I_kwDO${id}`,
    number: issue.number,
    title: issue.title,
    user: user(context, 'octocat', 1),
    labels: issue.labels.map((name, index) => ({
      id: 208045946 + index,
      node_id: `LA_kwDO${index}`,
      url: `${repoUrl}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'f29513',
      default: false,
      description: null,
    })),
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: issue.comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'MEMBER',
    active_lock_reason: null,
    body: issue.body,
    reactions: { url: `${repoUrl}/issues/${issue.number}/reactions`, total_count: REACTION_NAMES.reduce((sum, name) => sum + issue.reactions[name], 0), ...issue.reactions },
    timeline_url: `${repoUrl}/issues/${issue.number}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
  if (issue.pullRequest) {
    rendered['draft'] = false;
    rendered['pull_request'] = {
      url: `${repoUrl}/pulls/${issue.number}`,
      html_url: `${context.webBase}/${issue.repo}/pull/${issue.number}`,
      diff_url: `${context.webBase}/${issue.repo}/pull/${issue.number}.diff`,
      patch_url: `${context.webBase}/${issue.repo}/pull/${issue.number}.patch`,
      merged_at: null,
    };
  }
  // A record that breaks the schema: the state is not one GitHub has, the date is not a date.
  if (issue.corrupt) Object.assign(rendered, { state: 'archived', updated_at: 'yesterday' });
  return rendered;
}
