import type { FrictionStatus, Severity } from '../../../../server/src/domain/frictionItem';
import type { ItemSummary } from '../../../../server/src/protocol';

/**
 * Which items the Friction view shows. Within one dimension any picked value matches; across
 * dimensions all must match; an empty dimension does not filter.
 */
export interface FrictionFilter {
  readonly statuses: readonly FrictionStatus[];
  readonly severities: readonly Severity[];
  readonly labels: readonly string[];
}

export const NO_FILTER: FrictionFilter = { statuses: [], severities: [], labels: [] };

export function isFiltering(filter: FrictionFilter): boolean {
  return filter.statuses.length > 0 || filter.severities.length > 0 || filter.labels.length > 0;
}

export function matchesFilter(item: ItemSummary, filter: FrictionFilter): boolean {
  return (
    (filter.statuses.length === 0 || filter.statuses.includes(item.status)) &&
    (filter.severities.length === 0 || filter.severities.includes(item.severity)) &&
    (filter.labels.length === 0 || item.labels.some((label) => filter.labels.includes(label)))
  );
}

/** Keeps the server's ranking: filtering never reorders. */
export function applyFilter(items: readonly ItemSummary[], filter: FrictionFilter): readonly ItemSummary[] {
  return isFiltering(filter) ? items.filter((item) => matchesFilter(item, filter)) : items;
}

/** The view's `description`, e.g. `open, in-progress · critical · #refunds`; `undefined` when unfiltered. */
export function describeFilter(filter: FrictionFilter): string | undefined {
  const parts = [
    filter.statuses.join(', '),
    filter.severities.join(', '),
    filter.labels.map((label) => `#${label}`).join(', '),
  ].filter((part) => part !== '');
  return parts.length === 0 ? undefined : parts.join(' · ');
}
