import type { FrictionStatus } from '../../../server/src/domain/frictionItem';
import type { ItemSummary } from '../../../server/src/protocol';
import { formatCustomers } from './itemPickItem';

const STATUS_LABELS: Record<FrictionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  resolved: 'Resolved',
};

export function statusLabel(status: FrictionStatus): string {
  return STATUS_LABELS[status];
}

/** `PAY-101 Refunds take 10 days`: the key first, so the list scans by key. */
export function itemLabel(item: Pick<ItemSummary, 'key' | 'title'>): string {
  return `${item.key} ${item.title}`;
}

/** `high · 412 customers` */
export function itemDescription(item: Pick<ItemSummary, 'severity' | 'customers'>): string {
  return `${item.severity} · ${formatCustomers(item.customers)}`;
}

/** What a screen reader announces for an item row: the description's `·` reads badly. */
export function itemAccessibilityLabel(item: ItemSummary): string {
  return `${item.key} ${item.title}, ${item.severity} severity, ${formatCustomers(item.customers)}, ${statusLabel(item.status).toLowerCase()}`;
}
