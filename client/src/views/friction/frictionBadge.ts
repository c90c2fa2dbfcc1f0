import type { ItemSummary } from '../../../../server/src/protocol';

/** Structurally a `vscode.ViewBadge`. */
export interface CountBadge {
  readonly value: number;
  readonly tooltip: string;
}

/**
 * Open critical items that are linked to code in this workspace: the ones an engineer here can
 * act on today. "Open" means not resolved: an item in progress still hurts customers.
 * `undefined` (no badge) when there are none.
 */
export function criticalBadge(items: readonly ItemSummary[]): CountBadge | undefined {
  const value = items.filter((item) => item.severity === 'critical' && item.status !== 'resolved' && item.linkCount > 0).length;
  if (value === 0) {
    return undefined;
  }
  return {
    value,
    tooltip: `${value} open critical friction ${value === 1 ? 'item is' : 'items are'} linked to code in this workspace`,
  };
}
