import type { ItemSummary } from '../../../server/src/protocol';
import { formatCustomers } from './itemPickItem';
import { statusLabel } from './itemText';

/**
 * The only part of `vscode.MarkdownString` a tooltip may use. `appendText` escapes Markdown,
 * so tracker text (titles, labels, journeys) can never become a link, a command or HTML.
 */
export interface TextOnlyMarkdown {
  appendText(value: string): unknown;
}

const numberFormat = new Intl.NumberFormat('en-US');

/** The tooltip of an item row as plain-text paragraphs. */
export function itemTooltipLines(item: ItemSummary): readonly string[] {
  const tickets = `${numberFormat.format(item.tickets)} ${item.tickets === 1 ? 'ticket' : 'tickets'}`;
  const files = `${numberFormat.format(item.linkCount)} ${item.linkCount === 1 ? 'file' : 'files'}`;
  const lines = [
    `${item.key}: ${item.title}`,
    `${statusLabel(item.status)} · ${item.severity} severity · ${formatCustomers(item.customers)} · ${tickets}`,
  ];
  if (item.journey !== undefined && item.journey !== '') {
    lines.push(`Journey: ${item.journey}`);
  }
  if (item.labels.length > 0) {
    lines.push(`Labels: ${item.labels.join(', ')}`);
  }
  lines.push(item.linkCount > 0 ? `Linked in ${files} of this workspace` : 'Not linked to code yet');
  lines.push(`Source: ${item.source}`);
  return lines;
}

/** Writes plain-text paragraphs through `appendText` only; each line becomes a paragraph. */
export function writeTooltip(target: TextOnlyMarkdown, lines: readonly string[]): void {
  target.appendText(lines.join('\n'));
}
