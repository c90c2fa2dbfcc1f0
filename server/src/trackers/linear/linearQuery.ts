/**
 * The GraphQL Customer Lens sends to Linear (`POST {url}/graphql`). Field names are those of
 * Linear's public schema (`Issue.needs: CustomerNeedConnection!`, `CustomerNeed.body`/`content`,
 * `Customer.revenue: Int`, `Issue.customerTicketCount: Int!`, `WorkflowState.type`); the contract
 * tests send these exact documents to a fake that validates them against that schema.
 */

/**
 * Issues per page. Linear refuses queries above 10,000 complexity points, and connections
 * multiply their children's cost by `first`: 50 issues × (20 labels + 25 needs with their
 * customer) stays well under it, where 100 × the same would not.
 */
export const ISSUES_PER_PAGE = 50;
export const LABELS_PER_ISSUE = 20;
/** Needs beyond this many on one issue are not seen (their count is; see the report in linearIssue.ts). */
export const NEEDS_PER_ISSUE = 25;

export const ISSUES_QUERY = `query CustomerLensIssues($first: Int!, $after: String, $filter: IssueFilter!) {
  issues(first: $first, after: $after, filter: $filter, orderBy: updatedAt) {
    nodes {
      id
      identifier
      title
      description
      url
      priority
      updatedAt
      customerTicketCount
      state { type name }
      labels(first: ${LABELS_PER_ISSUE}) { nodes { name } }
      needs(first: ${NEEDS_PER_ISSUE}) {
        nodes { id body content createdAt updatedAt customer { id name revenue } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const VIEWER_QUERY = 'query CustomerLensViewer { viewer { name email } }';

export interface IssueQueryOptions {
  readonly teams: readonly string[];
  readonly labels: readonly string[];
  readonly since?: string;
}

/**
 * The `IssueFilter` for the configured teams and labels (any of them). Incrementally, an issue
 * counts as changed when it was updated or when one of its customer needs was: a need added to
 * an issue does not necessarily touch the issue's own `updatedAt`.
 */
export function issueFilter(options: IssueQueryOptions): Record<string, unknown> {
  return {
    team: { key: { in: [...options.teams] } },
    ...(options.labels.length > 0 && { labels: { some: { name: { in: [...options.labels] } } } }),
    ...(options.since !== undefined && { or: [{ updatedAt: { gte: options.since } }, { needs: { some: { updatedAt: { gte: options.since } } } }] }),
  };
}

export function issueVariables(options: IssueQueryOptions, after: string | undefined, first = ISSUES_PER_PAGE): Record<string, unknown> {
  return { first, after: after ?? null, filter: issueFilter(options) };
}
