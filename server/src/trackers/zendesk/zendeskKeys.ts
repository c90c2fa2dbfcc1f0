/**
 * How a Zendesk ticket names the friction items it is evidence for (DESIGN.md, "Trackers"):
 * - a tag `<tagPrefix><key>`: Zendesk stores tags lower-cased, so `friction-pay-101` names
 *   `PAY-101` (keys are upper-cased back; the `-` is kept);
 * - the custom field `keyField`: a text field holding one or several keys separated by commas,
 *   semicolons or white space (`PAY-101, pay-102`), or a drop-down/multi-select whose option
 *   values are tags (`friction-pay-101`, `pay-101`).
 * A "Jira link" is one of these two: Zendesk's Jira integration keeps its links in its own
 * service, not in the ticket export, so a trigger (or the agent) sets the tag or the field.
 * Anything that is not a Jira-style key (`ABC-123`) is ignored, never guessed at.
 */

const KEY = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;

export interface KeySources {
  readonly tags: readonly string[];
  readonly customFields: readonly { readonly id: number; readonly value?: unknown }[];
}

export interface KeyMapping {
  readonly tagPrefix: string;
  readonly keyField?: number;
}

/** The item keys a ticket names, upper-cased, each once, in the order found (tags first). */
export function ticketItemKeys(ticket: KeySources, mapping: KeyMapping): string[] {
  const keys = new Set<string>();
  const prefix = mapping.tagPrefix.toLowerCase();
  for (const tag of ticket.tags) {
    const lower = tag.trim().toLowerCase();
    if (prefix !== '' && lower.startsWith(prefix)) add(keys, lower.slice(prefix.length));
  }
  if (mapping.keyField !== undefined) {
    for (const field of ticket.customFields) {
      if (field.id === mapping.keyField) for (const token of fieldTokens(field.value)) add(keys, stripPrefix(token, prefix));
    }
  }
  return [...keys];
}

/** A custom field's value as candidate keys: text split on separators, or a multi-select's list. */
function fieldTokens(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,;]+/).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((entry) => (typeof entry === 'string' ? fieldTokens(entry) : []));
  return [];
}

function stripPrefix(token: string, prefix: string): string {
  return prefix !== '' && token.toLowerCase().startsWith(prefix) ? token.slice(prefix.length) : token;
}

function add(keys: Set<string>, candidate: string): void {
  if (KEY.test(candidate)) keys.add(candidate.toUpperCase());
}
