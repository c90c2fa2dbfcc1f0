import { FRICTION_STATUSES, SEVERITIES, type FrictionStatus, type Severity } from '../../../../server/src/domain/frictionItem';
import type { ItemSummary } from '../../../../server/src/protocol';
import { statusLabel } from '../../items/itemText';
import type { FrictionFilter } from './frictionFilter';

export type FilterChoice =
  | { readonly dimension: 'status'; readonly value: FrictionStatus }
  | { readonly dimension: 'severity'; readonly value: Severity }
  | { readonly dimension: 'label'; readonly value: string };

/** A row of the filter picker; structurally close to `vscode.QuickPickItem`. */
export type FilterPickRow =
  | { readonly kind: 'separator'; readonly label: string }
  | { readonly kind: 'choice'; readonly label: string; readonly description: string; readonly picked: boolean; readonly choice: FilterChoice };

function countOf(items: readonly ItemSummary[], matches: (item: ItemSummary) => boolean): string {
  const count = items.filter(matches).length;
  return `${count} ${count === 1 ? 'item' : 'items'}`;
}

/**
 * Every status and severity, and the labels the items have (plus any still in the filter, so
 * a label whose items went away can be unpicked), each with how many items carry it.
 */
export function filterPickRows(items: readonly ItemSummary[], filter: FrictionFilter): readonly FilterPickRow[] {
  const labels = [...new Set([...items.flatMap((item) => item.labels), ...filter.labels])].sort((a, b) => a.localeCompare(b));
  const rows: FilterPickRow[] = [{ kind: 'separator', label: 'Status' }];
  for (const status of FRICTION_STATUSES) {
    rows.push({
      kind: 'choice',
      label: statusLabel(status),
      description: countOf(items, (item) => item.status === status),
      picked: filter.statuses.includes(status),
      choice: { dimension: 'status', value: status },
    });
  }
  rows.push({ kind: 'separator', label: 'Severity' });
  for (const severity of SEVERITIES) {
    rows.push({
      kind: 'choice',
      label: severity,
      description: countOf(items, (item) => item.severity === severity),
      picked: filter.severities.includes(severity),
      choice: { dimension: 'severity', value: severity },
    });
  }
  if (labels.length > 0) {
    rows.push({ kind: 'separator', label: 'Label' });
  }
  for (const label of labels) {
    rows.push({
      kind: 'choice',
      label: `#${label}`,
      description: countOf(items, (item) => item.labels.includes(label)),
      picked: filter.labels.includes(label),
      choice: { dimension: 'label', value: label },
    });
  }
  return rows;
}

export function filterFromChoices(choices: readonly FilterChoice[]): FrictionFilter {
  const statuses: FrictionStatus[] = [];
  const severities: Severity[] = [];
  const labels: string[] = [];
  for (const choice of choices) {
    if (choice.dimension === 'status') {
      statuses.push(choice.value);
    } else if (choice.dimension === 'severity') {
      severities.push(choice.value);
    } else {
      labels.push(choice.value);
    }
  }
  return { statuses, severities, labels };
}
