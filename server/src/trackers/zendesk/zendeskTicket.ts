import { z } from 'zod';
import type { Evidence } from '../../domain/evidence';
import type { CustomerQuote } from '../../domain/frictionItem';
import { ticketItemKeys, type KeyMapping } from './zendeskKeys';

/**
 * A time as Zendesk writes it (`2026-11-20T00:46:33Z`) on a day every month has: valid, and what
 * `toISOString` makes of it is the same with `.000` added, so it is read without a Date (two per
 * ticket, a thousand tickets a page).
 */
const ZENDESK_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

const isoTime = z.string().transform((value, context) => {
  if (ZENDESK_TIME.test(value)) return `${value.slice(0, 19)}.000Z`;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: `not a timestamp: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const id = z.number().int().positive();

/** A ticket as the incremental export returns it: only what the mapping reads. */
const ticketSchema = z.object({
  id,
  status: z.string(),
  subject: z.string().nullish(),
  description: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  custom_fields: z.array(z.object({ id: z.number(), value: z.unknown() })).nullish(),
  requester_id: id.nullish(),
  organization_id: id.nullish(),
  created_at: isoTime,
  updated_at: isoTime,
});

/** Deleted tickets come back with little more than this. */
const deletedSchema = z.object({ id, status: z.literal('deleted'), updated_at: isoTime });

/** Sideloaded (`include=users,organizations`): names for the page's requesters and organizations. */
export const namedSchema = z.object({ id: z.number(), name: z.string().nullish() });

export interface TicketMapping extends KeyMapping {
  /** The Zendesk account as configured: agent URLs start here. */
  readonly site: string;
  /**
   * An incremental run merges into the last snapshot by id: a ticket that was evidence and is now
   * deleted or unlinked must overwrite it, so it comes back with no item keys (a tombstone). A
   * full run replaces the snapshot, so there it is simply left out.
   */
  readonly tombstones: boolean;
}

export interface Sideloads {
  readonly users: ReadonlyMap<number, string>;
  readonly organizations: ReadonlyMap<number, string>;
}

export interface MappedTickets {
  readonly evidence: Evidence[];
  readonly skipped: { readonly id: string; readonly reason: string }[];
  /** The newest `updated_at` of every readable ticket, linked or not: the export is by time over all tickets. */
  readonly newestUpdate?: string;
}

export const QUOTE_LIMIT = 300;

/** Maps a page's tickets one by one: a ticket that fails validation is skipped and reported, the rest kept. */
export function mapTickets(tickets: readonly unknown[], sideloads: Sideloads, mapping: TicketMapping): MappedTickets {
  const evidence: Evidence[] = [];
  const skipped: { id: string; reason: string }[] = [];
  let newestUpdate: string | undefined;
  const seen = (updatedAt: string) => {
    if (newestUpdate === undefined || updatedAt > newestUpdate) newestUpdate = updatedAt;
  };
  tickets.forEach((raw, index) => {
    // Only a ticket whose status says so can pass as deleted: the others skip that parse (a
    // failed parse costs more than a successful one).
    const deleted = isDeleted(raw) ? deletedSchema.safeParse(raw) : undefined;
    if (deleted?.success) {
      seen(deleted.data.updated_at);
      if (mapping.tombstones) evidence.push(tombstone(deleted.data.id, deleted.data.updated_at));
      return;
    }
    const parsed = ticketSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ id: skippedId(raw, index), reason: reasonOf(parsed.error) });
      return;
    }
    const ticket = parsed.data;
    seen(ticket.updated_at);
    const itemKeys = ticketItemKeys({ tags: ticket.tags ?? [], customFields: ticket.custom_fields ?? [] }, mapping);
    if (itemKeys.length === 0) {
      if (mapping.tombstones) evidence.push(tombstone(ticket.id, ticket.updated_at));
      return;
    }
    const organizationId = ticket.organization_id ?? undefined;
    const requesterId = ticket.requester_id ?? undefined;
    const organization = organizationId === undefined ? undefined : sideloads.organizations.get(organizationId);
    const requester = requesterId === undefined ? undefined : sideloads.users.get(requesterId);
    const named = clean(organization) ?? clean(requester);
    // Without a name, an opaque identity still lets distinct customers be counted.
    const customer = named ?? (organizationId !== undefined ? `zendesk-org:${organizationId}` : requesterId !== undefined ? `zendesk-user:${requesterId}` : undefined);
    const text = firstParagraph(ticket.description ?? '');
    const quote: CustomerQuote | undefined = text === '' ? undefined : { text, ...(named !== undefined && { customer: named }), date: ticket.created_at.slice(0, 10) };
    evidence.push({
      id: `zendesk:${ticket.id}`,
      source: 'zendesk',
      itemKeys,
      ...(customer !== undefined && { customer }),
      ...(quote && { quote }),
      url: `${mapping.site}/agent/tickets/${ticket.id}`,
      updatedAt: ticket.updated_at,
    });
  });
  return { evidence, skipped, ...(newestUpdate !== undefined && { newestUpdate }) };
}

function isDeleted(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { status?: unknown }).status === 'deleted';
}

function tombstone(ticketId: number, updatedAt: string): Evidence {
  return { id: `zendesk:${ticketId}`, source: 'zendesk', itemKeys: [], updatedAt };
}

/** A blank line between paragraphs, whichever line ends it uses (`\r\n`, `\r` or `\n`: a `\r\n` is one). */
const PARAGRAPH_BREAK = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r|\n)/g;
/** Runs of white space and control characters, each to become one space. */
const BLANKS = /[\s\p{Cc}]+/gu;

/** The description's first paragraph as one line of plain text, at most QUOTE_LIMIT characters. */
export function firstParagraph(description: string): string {
  let paragraph: string | undefined;
  // Only up to the first paragraph with text is looked at: a long email's others never are.
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let start = 0; paragraph === undefined; ) {
    const found = PARAGRAPH_BREAK.exec(description);
    const text = description.slice(start, found?.index).replace(BLANKS, ' ').trim();
    if (text !== '') paragraph = text;
    else if (found === null) return '';
    else start = found.index + found[0].length;
  }
  if (paragraph.length <= QUOTE_LIMIT) return paragraph;
  const cut = paragraph.slice(0, QUOTE_LIMIT - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_LIMIT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function clean(name: string | undefined): string | undefined {
  const flat = name?.replace(/\p{Cc}/gu, '').trim();
  return flat ? flat.slice(0, 200) : undefined;
}

function skippedId(raw: unknown, index: number): string {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const value = record['id'];
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? `zendesk:${String(value).slice(0, 32)}` : `zendesk:#${index}`;
}

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
