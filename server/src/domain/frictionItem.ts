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

/** Most severe first, then most customers, then tickets, then key for a stable order. */
export function compareByImpact(a: FrictionItem, b: FrictionItem): number {
  return (
    (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9) ||
    b.impact.customers - a.impact.customers ||
    b.impact.tickets - a.impact.tickets ||
    a.key.localeCompare(b.key)
  );
}
