import { QuickPickItemKind, window, type QuickPickItem } from 'vscode';
import type { ItemSummary } from '../../../../server/src/protocol';
import { filterFromChoices, filterPickRows, type FilterChoice } from './filterPick';
import type { FrictionFilter } from './frictionFilter';

interface ChoiceItem extends QuickPickItem {
  readonly choice?: FilterChoice;
}

/** A multi-select picker of statuses, severities and labels; `undefined` when dismissed. */
export async function pickFrictionFilter(items: readonly ItemSummary[], current: FrictionFilter): Promise<FrictionFilter | undefined> {
  const rows: ChoiceItem[] = filterPickRows(items, current).map((row) =>
    row.kind === 'separator'
      ? { label: row.label, kind: QuickPickItemKind.Separator }
      : { label: row.label, description: row.description, picked: row.picked, choice: row.choice },
  );
  const picked = await window.showQuickPick(rows, {
    title: 'Customer Lens: Filter Friction Items',
    placeHolder: 'Pick statuses, severities and labels to show (none picked shows all)',
    canPickMany: true,
    matchOnDescription: false,
  });
  if (picked === undefined) {
    return undefined;
  }
  return filterFromChoices(picked.flatMap((row) => (row.choice === undefined ? [] : [row.choice])));
}
