/**
 * Seeded Zendesk tickets for the fake: deterministic, with every way a ticket names (or does
 * not name) a friction item, so a contract test can say exactly which tickets are evidence.
 */

export interface FakeZendeskTicket {
  readonly id: number;
  subject: string;
  /** Plain text; its first paragraph is `quote`. */
  description: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';
  requesterId: number;
  organizationId?: number;
  tags: string[];
  /** The value of the key custom field, as Zendesk holds it (text, or a multi-select's tags). */
  keyField?: string | string[] | null;
  /** The keys the tags and field above name: the truth a sync must arrive at. */
  keys: string[];
  /** The first paragraph of `description`, as a quote shows it. */
  quote: string;
  /** Epoch milliseconds, whole seconds (Zendesk writes seconds). */
  readonly created: number;
  updated: number;
}

export interface FakeUser {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export interface FakeOrganization {
  readonly id: number;
  readonly name: string;
}

export const KEY_FIELD = 360001234567;
export const TAG_PREFIX = 'friction-';
/** Seeded tickets were updated 37 s apart (distinct seconds), the newest a day before now. */
export const SEED_STEP_MS = 37_000;

export const ORGANIZATIONS: readonly FakeOrganization[] = [
  { id: 501, name: 'Northwind Traders' },
  { id: 502, name: 'Contoso' },
  { id: 503, name: 'Fabrikam' },
];

export function userOf(requesterId: number): FakeUser {
  const n = requesterId - 9000;
  return { id: requesterId, name: `Customer ${n}`, email: `customer${n}@example.com` };
}

const KEYS = ['PAY-101', 'PAY-102', 'PAY-103', 'OPS-7', 'CHECKOUT-42'];
const key = (i: number) => KEYS[i % KEYS.length] ?? 'PAY-101';
const tagOf = (itemKey: string) => `${TAG_PREFIX}${itemKey.toLowerCase()}`;

/**
 * `count` tickets, by `id % 10`:
 * 0, 5 linked by a tag; 1, 6 by the key field (text); 2 by tag and field, two keys;
 * 3 by a multi-select field; 4 deleted (it had a tag); 7, 9 unlinked (other tags, garbage in the
 * field); 8 linked by tag, upper-case in the field too (the same key once).
 */
export function generateTickets(count: number, now = Date.now()): FakeZendeskTicket[] {
  const start = Math.floor((now - 86_400_000 - count * SEED_STEP_MS) / 1000) * 1000;
  const tickets: FakeZendeskTicket[] = [];
  for (let i = 0; i < count; i++) {
    const id = 1000 + i;
    const kind = id % 10;
    const a = key(i);
    const b = key(i + 2);
    let tags = ['web', i % 3 === 0 ? 'vip' : 'standard'];
    let keyField: string | string[] | null | undefined;
    let keys: string[] = [];
    let status: FakeZendeskTicket['status'] = (['new', 'open', 'pending', 'solved'] as const)[i % 4] ?? 'open';
    if (kind === 0 || kind === 5) {
      tags = [...tags, tagOf(a)];
      keys = [a];
    } else if (kind === 1 || kind === 6) {
      keyField = a.toLowerCase();
      keys = [a];
    } else if (kind === 2) {
      tags = [...tags, tagOf(a)];
      keyField = `${b}, ${a}`;
      keys = a === b ? [a] : [a, b];
    } else if (kind === 3) {
      keyField = [tagOf(a)];
      keys = [a];
    } else if (kind === 4) {
      tags = [...tags, tagOf(a)];
      status = 'deleted';
    } else if (kind === 7) {
      tags = [...tags, 'billing', 'friction-', 'friction-not-a-key'];
    } else if (kind === 8) {
      tags = [...tags, tagOf(a)];
      keyField = a;
      keys = [a];
    } else {
      keyField = 'n/a';
    }
    const organization = i % 4 === 3 ? undefined : ORGANIZATIONS[i % ORGANIZATIONS.length];
    const quote = `Ticket ${id}: the refund took ${(i % 12) + 3} days and nobody told us why.`;
    const created = start - 86_400_000 + i * 1000;
    tickets.push({
      id,
      subject: `Problem ${id}`,
      description: `${quote}\nOrder ${50_000 + i}.\n\nSecond paragraph with account details that must not be quoted.`,
      status,
      requesterId: 9000 + (i % 40),
      ...(organization && { organizationId: organization.id }),
      tags,
      ...(keyField !== undefined && { keyField }),
      keys,
      quote: `${quote} Order ${50_000 + i}.`,
      created,
      updated: start + i * SEED_STEP_MS,
    });
  }
  return tickets;
}
