import type { ItemSummary } from '../../../server/src/protocol';
import { severityIcon } from './severityIcon';

/** A friction item as a quick pick row; structurally a `vscode.QuickPickItem`. */
export interface ItemPickItem {
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
  readonly item: ItemSummary;
}

// A fixed locale keeps the figures identical to the server's CodeLens text and to tests.
const numberFormat = new Intl.NumberFormat('en-US');

export function formatCustomers(customers: number): string {
  return `${numberFormat.format(customers)} ${customers === 1 ? 'customer' : 'customers'}`;
}

export function toItemPickItem(item: ItemSummary): ItemPickItem {
  const detail = [item.journey, item.labels.join(', ')].filter((part) => part !== undefined && part !== '').join(' · ');
  return {
    label: `${severityIcon(item.severity)} ${item.key}  ${item.title}`,
    description: `${item.severity} · ${formatCustomers(item.customers)} · ${item.status}`,
    ...(detail === '' ? {} : { detail }),
    item,
  };
}
