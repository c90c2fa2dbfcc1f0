import { FakeServer, type FakeReply, type FakeRequest, type LoggedRequest } from '../fakeServer';
import { VendorFake } from '../vendorFake';
import { generateTickets, KEY_FIELD, ORGANIZATIONS, userOf, type FakeZendeskTicket } from './zendeskFakeData';

/**
 * A stateful Zendesk Support over real HTTP (DESIGN.md, "Tests"):
 * - `GET /api/v2/incremental/tickets/cursor.json`: `start_time` (unix seconds, compared with each
 *   ticket's `generated_timestamp`, refused inside the most recent minute) on the first request,
 *   `cursor` after; tickets ordered by `generated_timestamp` then id; `per_page` up to 1000 (the
 *   default); `after_cursor`/`after_url`/`before_cursor`/`before_url`/`end_of_stream`;
 *   `include=users,organizations` sideloads the page's requesters and organizations. A cursor
 *   is a position in that order, so a ticket updated mid-export moves behind it and comes again.
 * - `GET /api/v2/users/me.json`: the token's user, or the anonymous user without credentials.
 * - Basic `{email}/token:{token}` only; anything else answers 401 `{"error":"Couldn't authenticate you"}`.
 * Faults come from the shared switches (`faults`) and `zendeskFaults`. Error texts other than the
 * 401 and the 429 are modelled on Zendesk's `{error, description}` shape, not copied from it.
 */

export const FAKE_EMAIL = 'agent@acme.com';
export const FAKE_TOKEN = 'fake-zendesk-token';
export const EXPORT_PATH = '/api/v2/incremental/tickets/cursor.json';
export const ME_PATH = '/api/v2/users/me.json';
export const PAGE_CAP = 1000;
const UPDATE_STEP_MS = 90_000;

export const zendeskFaults = {
  /** Zendesk's 429: `Retry-After` in seconds (absent when undefined) and a text/plain body. */
  rateLimited(retryAfterSeconds?: number): FakeReply {
    return { status: 429, headers: retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) }, body: 'Too Many Requests' };
  },
  serverError(status = 503): FakeReply {
    return { status, body: { error: status === 503 ? 'ServiceUnavailable' : 'InternalError', description: status === 503 ? 'Service temporarily unavailable' : 'Internal server error' } };
  },
};

export interface ZendeskFakeOptions {
  readonly tickets?: number | readonly FakeZendeskTicket[];
  readonly email?: string;
  readonly token?: string;
  /** The fake's "now" (epoch ms): the most recent minute is left out of exports. */
  readonly now?: () => number;
}

export class ZendeskFake extends VendorFake {
  readonly tickets: FakeZendeskTicket[];
  private token: string;
  private clock: number;
  private readonly overrides = new Map<number, Record<string, unknown>>();
  /**
   * The tickets in export order, kept until a ticket changes through this class: an export asks
   * for the next page of the same order a hundred times, and the benchmark's 100,000 tickets must
   * not make the fake the bottleneck.
   */
  private order: FakeZendeskTicket[] | undefined;

  private constructor(
    server: FakeServer,
    private readonly options: ZendeskFakeOptions,
  ) {
    super(server);
    const seeded = options.tickets ?? 50;
    this.tickets = typeof seeded === 'number' ? generateTickets(seeded) : seeded.map((ticket) => ({ ...ticket }));
    this.token = options.token ?? FAKE_TOKEN;
    this.clock = Math.max(0, ...this.tickets.map((ticket) => ticket.updated));
  }

  static async start(options: ZendeskFakeOptions = {}): Promise<ZendeskFake> {
    const server = await FakeServer.start({ notFound: () => ({ status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } }) });
    const fake = new ZendeskFake(server, options);
    server
      .route('GET', EXPORT_PATH, (request) => fake.authorized(request, () => fake.exportPage(request)))
      .route('GET', ME_PATH, (request) => (request.headers.authorization === undefined ? fake.anonymous() : fake.authorized(request, () => fake.me())));
    return fake;
  }

  exports(): LoggedRequest[] {
    return this.server.requestsTo(EXPORT_PATH);
  }

  ticket(id: number): FakeZendeskTicket {
    const ticket = this.tickets.find((candidate) => candidate.id === id);
    if (!ticket) throw new Error(`the fake has no ticket ${id}`);
    return ticket;
  }

  /** The tickets a complete sync must hold as evidence: linked and not deleted. */
  linked(): FakeZendeskTicket[] {
    return this.tickets.filter((ticket) => ticket.status !== 'deleted' && ticket.keys.length > 0 && !this.overrides.has(ticket.id));
  }

  /** Changes a ticket as an agent would: `updated_at` moves past every earlier update (90 s later). */
  updateTicket(id: number, changes: Partial<Omit<FakeZendeskTicket, 'id' | 'created' | 'updated'>> = {}): FakeZendeskTicket {
    const ticket = Object.assign(this.ticket(id), changes);
    this.clock += UPDATE_STEP_MS;
    ticket.updated = this.clock;
    this.order = undefined;
    return ticket;
  }

  /** Serves raw values for a ticket from now on (e.g. `{ tags: 'x' }`): a schema violation. */
  corruptTicket(id: number, fields: Record<string, unknown>): void {
    this.ticket(id);
    this.overrides.set(id, { ...this.overrides.get(id), ...fields });
  }

  expireToken(): void {
    this.token = `expired-${this.token}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private authorized(request: FakeRequest, answer: () => FakeReply): FakeReply {
    const expected = `Basic ${Buffer.from(`${this.options.email ?? FAKE_EMAIL}/token:${this.token}`).toString('base64')}`;
    return request.headers.authorization === expected ? answer() : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Web Password"' }, body: { error: "Couldn't authenticate you" } };
  }

  private exportPage(request: FakeRequest): FakeReply {
    const cursorParam = request.query.get('cursor');
    const startParam = request.query.get('start_time');
    let position: Position | undefined;
    if (cursorParam !== null) {
      position = readCursor(cursorParam);
      if (!position) return invalid('InvalidPaginationParameter', 'cursor is invalid');
    } else if (startParam !== null) {
      const start = Number(startParam);
      if (!Number.isInteger(start) || start < 0) return invalid('InvalidValue', 'start_time must be a unix timestamp');
      if (start > Math.floor(this.now() / 1000) - 60) return invalid('InvalidValue', 'Too recent start_time. Use a start_time older than 1 minute.');
      position = { time: start, id: 0 };
    } else {
      return invalid('InvalidValue', 'start_time or cursor is required');
    }
    const asked = request.query.get('per_page');
    const size = asked === null ? PAGE_CAP : Math.min(PAGE_CAP, Math.max(1, Number(asked) || PAGE_CAP));
    const from = position;
    // The export leaves out the most recent minute.
    const horizon = Math.floor(this.now() / 1000) - 60;
    const order = this.exportOrder();
    // The tickets after the position and not inside the most recent minute: a run of the order.
    const start = firstIndex(order, (ticket) => after({ time: generated(ticket), id: ticket.id }, from));
    const end = Math.max(start, firstIndex(order, (ticket) => generated(ticket) > horizon));
    const page = order.slice(start, Math.min(end, start + size));
    const last = page.at(-1);
    const afterPosition = last ? { time: generated(last), id: last.id } : from;
    const first = page[0];
    const include = new Set((request.query.get('include') ?? '').split(',').map((entry) => entry.trim()));
    const afterCursor = makeCursor(afterPosition);
    const origin = this.origin;
    const body: Record<string, unknown> = {
      tickets: page.map((ticket) => this.render(ticket, origin)),
      after_url: `${origin}${EXPORT_PATH}?cursor=${afterCursor}`,
      after_cursor: afterCursor,
      before_url: first && cursorParam !== null ? `${origin}${EXPORT_PATH}?cursor=${makeCursor({ time: generated(first), id: first.id - 1 })}` : null,
      before_cursor: first && cursorParam !== null ? makeCursor({ time: generated(first), id: first.id - 1 }) : null,
      end_of_stream: end - start <= size,
    };
    if (include.has('users')) body['users'] = unique(page.map((ticket) => ticket.requesterId)).map((id) => ({ ...userOf(id), role: 'end-user', active: true }));
    if (include.has('organizations')) body['organizations'] = unique(page.flatMap((ticket) => (ticket.organizationId === undefined ? [] : [ticket.organizationId]))).map((id) => ORGANIZATIONS.find((organization) => organization.id === id));
    return { status: 200, headers: { 'X-Rate-Limit': '10', 'X-Rate-Limit-Remaining': '9' }, body };
  }

  /** Every ticket by `generated_timestamp`, then id: the export's order. */
  private exportOrder(): readonly FakeZendeskTicket[] {
    if (this.order === undefined || this.order.length !== this.tickets.length) this.order = [...this.tickets].sort((a, b) => generated(a) - generated(b) || a.id - b.id);
    return this.order;
  }

  private render(ticket: FakeZendeskTicket, origin: string): Record<string, unknown> {
    return {
      url: `${origin}/api/v2/tickets/${ticket.id}.json`,
      id: ticket.id,
      external_id: null,
      via: { channel: 'email' },
      created_at: stamp(ticket.created),
      updated_at: stamp(ticket.updated),
      generated_timestamp: generated(ticket),
      type: 'incident',
      subject: ticket.subject,
      raw_subject: ticket.subject,
      description: ticket.description,
      priority: 'normal',
      status: ticket.status,
      requester_id: ticket.requesterId,
      submitter_id: ticket.requesterId,
      assignee_id: 7001,
      organization_id: ticket.organizationId ?? null,
      group_id: 88,
      tags: ticket.tags,
      custom_fields: [
        { id: 360000000001, value: 'web' },
        { id: KEY_FIELD, value: ticket.keyField ?? null },
      ],
      ...this.overrides.get(ticket.id),
    };
  }

  private me(): FakeReply {
    return { status: 200, body: { user: { id: 7001, name: 'Alex Agent', email: this.options.email ?? FAKE_EMAIL, role: 'admin', active: true } } };
  }

  private anonymous(): FakeReply {
    return { status: 200, body: { user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' } } };
  }
}

interface Position {
  readonly time: number;
  readonly id: number;
}

function generated(ticket: FakeZendeskTicket): number {
  return Math.floor(ticket.updated / 1000);
}

/** The first index whose ticket satisfies `test` in a list where it holds for a suffix (binary search). */
function firstIndex(order: readonly FakeZendeskTicket[], test: (ticket: FakeZendeskTicket) => boolean): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(order[middle] as FakeZendeskTicket)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function after(candidate: Position, position: Position): boolean {
  return candidate.time > position.time || (candidate.time === position.time && candidate.id > position.id);
}

/** Zendesk's cursors look like base64 of `<seconds>.0||<id>|`; clients treat them as opaque. */
function makeCursor(position: Position): string {
  return Buffer.from(`${position.time}.0||${position.id}|`).toString('base64');
}

function readCursor(cursor: string): Position | undefined {
  const match = /^(\d+)\.0\|\|(-?\d+)\|$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? { time: Number(match[1]), id: Number(match[2]) } : undefined;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

function invalid(error: string, description: string): FakeReply {
  return { status: 400, body: { error, description } };
}
