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

/**
 * How lists of items are ordered (the `customerLens.ranking` setting): `severity` puts the most
 * severe first (the default), `customers` the most customers affected first.
 */
export const RANKING_MODES = ['severity', 'customers'] as const;
export type RankingMode = (typeof RANKING_MODES)[number];
export const DEFAULT_RANKING: RankingMode = 'severity';

const bySeverity = (a: Rankable, b: Rankable): number => (severityRank.get(a.severity) ?? 9) - (severityRank.get(b.severity) ?? 9);
// Ties end on the key so that every mode gives one stable order, whatever the input order.
const byRest = (a: Rankable, b: Rankable): number => b.tickets - a.tickets || a.key.localeCompare(b.key);

/** Most severe first, then most customers, then tickets, then key for a stable order. */
export function compareRankable(a: Rankable, b: Rankable): number {
  return bySeverity(a, b) || b.customers - a.customers || byRest(a, b);
}

/** Most customers first, then most severe, then tickets, then key. */
export function compareRankableByCustomers(a: Rankable, b: Rankable): number {
  return b.customers - a.customers || bySeverity(a, b) || byRest(a, b);
}

export function rankableComparator(mode: RankingMode = DEFAULT_RANKING): (a: Rankable, b: Rankable) => number {
  return mode === 'customers' ? compareRankableByCustomers : compareRankable;
}

function rankableOf(item: FrictionItem): Rankable {
  return { key: item.key, severity: item.severity, customers: item.impact.customers, tickets: item.impact.tickets };
}

export function compareByImpact(a: FrictionItem, b: FrictionItem): number {
  return compareRankable(rankableOf(a), rankableOf(b));
}

/** The comparator of full items for a ranking mode. */
export function itemComparator(mode: RankingMode = DEFAULT_RANKING): (a: FrictionItem, b: FrictionItem) => number {
  const compare = rankableComparator(mode);
  return (a, b) => compare(rankableOf(a), rankableOf(b));
}
