/** Customer friction as Customer Lens models it, whatever tracker it came from (DESIGN.md, "Domain model"). */

export const FRICTION_STATUSES = ['open', 'in-progress', 'resolved'] as const;
export type FrictionStatus = (typeof FRICTION_STATUSES)[number];

/** Most severe first: the order is used for ranking. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CustomerQuote {
  readonly text: string;
  readonly customer?: string;
  /** ISO date (YYYY-MM-DD) as written by the source. */
  readonly date?: string;
}

export interface Impact {
  readonly customers: number;
  readonly tickets: number;
  readonly votes: number;
  readonly arr?: number;
}

export interface FrictionItem {
  /** `<source>:<key>`, e.g. `local:PAY-101`, `jira:PAY-101`. */
  readonly id: string;
  readonly source: string;
  /** The join key across sources and the text people write in annotations. */
  readonly key: string;
  readonly title: string;
  /** Plain text; never rendered as markup. */
  readonly summary: string;
  readonly url?: string;
  readonly status: FrictionStatus;
  /** The tracker's own status name, for display. */
  readonly rawStatus: string;
  readonly severity: Severity;
  readonly impact: Impact;
  readonly journey?: string;
  readonly labels: readonly string[];
  readonly quotes: readonly CustomerQuote[];
  /** Code references kept on the tracker side: paths, `path#Symbol`, permalinks. */
  readonly codeRefs: readonly string[];
  readonly updatedAt?: string;
}

const severityRank = new Map<Severity, number>(SEVERITIES.map((severity, index) => [severity, index]));

/** What ranking looks at; item summaries have these fields too. */
export interface Rankable {
  readonly key: string;
  readonly severity: Severity;
  readonly customers: number;
  readonly tickets: number;
}

/** Most severe first, then most customers, then tickets, then key for a stable order. */
export function compareRankable(a: Rankable, b: Rankable): number {
  return (
    (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
    b.customers - a.customers ||
    b.tickets - a.tickets ||
    a.key.localeCompare(b.key)
  );
}

export function compareByImpact(a: FrictionItem, b: FrictionItem): number {
  return compareRankable(
    { key: a.key, severity: a.severity, customers: a.impact.customers, tickets: a.impact.tickets },
    { key: b.key, severity: b.severity, customers: b.impact.customers, tickets: b.impact.tickets },
  );
}
