import type { ItemCatalog } from '../catalog/itemCatalog';
import type { FrictionItem, Rankable } from '../domain/frictionItem';
import { ClientCommands } from '../protocol';
import { plural, severityMark } from './itemText';
import { commandLink, escapeMarkdown, safeUrl, truncate } from './markdown';
import { redactPii } from './redact';

export interface HoverOptions {
  readonly maxItems: number;
  readonly redact: boolean;
}

const QUOTE_LENGTH = 160;

/** The hover for ranked keys: the top `maxItems`, read whole from the catalog, then `+N more`. */
export function renderItemsHover(keys: readonly string[], catalog: ItemCatalog, options: HoverOptions): string {
  const shown = keys.slice(0, options.maxItems).flatMap((key) => catalog.get(key) ?? []);
  const sections = shown.map((item) => renderItem(item, catalog, options));
  const rest = keys.length - shown.length;
  if (rest > 0) {
    sections.push(`${commandLink(`+${rest} more`, ClientCommands.openItem, [[...keys]], 'Show all linked friction items')}`);
  }
  return sections.join('\n\n---\n\n');
}

function renderItem(item: FrictionItem, catalog: ItemCatalog, options: HoverOptions): string {
  const clean = (text: string) => escapeMarkdown(options.redact ? redactPii(text) : text);
  const url = safeUrl(item.url);
  const heading = url ? `[${escapeMarkdown(item.key)}](${url})` : escapeMarkdown(item.key);
  const touchpoints = catalog.touchpointsAbout(item.key).length;
  const facts = [
    `${severityMark(item.severity)} ${item.severity}`,
    item.status,
    plural(item.impact.customers, 'customer'),
    plural(item.impact.tickets, 'ticket'),
    ...(touchpoints > 0 ? [plural(touchpoints, 'touchpoint insight')] : []),
  ];
  // Two trailing spaces make a line break inside one markdown paragraph.
  const blocks = [`**${heading}** ${clean(item.title)}  \n${facts.join(' · ')}`];
  const quote = item.quotes[0];
  if (quote) {
    const by = [quote.customer, quote.date].filter(Boolean).join(', ');
    blocks.push(`> “${clean(truncate(quote.text, QUOTE_LENGTH))}”${by ? ` — ${clean(by)}` : ''}`);
  }
  blocks.push(commandLink('Open in Customer Lens', ClientCommands.openItem, [[item.key]], 'Show this item in Customer Lens'));
  return blocks.join('\n\n');
}

/** `3 friction items · 412 customers`, from the ranking fields (no whole record is needed). */
export function codeLensTitle(items: readonly Pick<Rankable, 'customers'>[]): string {
  const customers = items.reduce((sum, item) => sum + item.customers, 0);
  return `${plural(items.length, 'friction item')} · ${plural(customers, 'customer')}`;
}
