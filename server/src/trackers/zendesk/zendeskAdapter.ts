import { z } from 'zod';
import { lazyPage, type PageRequest, type TrackerAdapter, type TrackerPage } from '../trackerAdapter';
import type { zendeskTrackerSchema } from '../trackerConfig';
import { TrackerError } from '../trackerErrors';
import { TrackerHttp, type TrackerHttpOptions } from '../trackerHttp';
import { mapTickets, namedSchema, type Sideloads } from './zendeskTicket';

export type ZendeskTrackerConfig = z.infer<typeof zendeskTrackerSchema>;

export interface ZendeskAdapterOptions {
  /** Tickets per page: Zendesk's cursor export takes up to 1000 (its default). */
  readonly pageSize?: number;
  readonly now?: () => number;
}

export const MAX_PAGE_SIZE = 1000;
export const EXPORT_PATH = '/api/v2/incremental/tickets/cursor.json';
/** The export leaves out the most recent minute and refuses a `start_time` inside it. */
const RECENT_MINUTE_S = 60;

/** A cursor export page; the records are validated one by one (a bad ticket is skipped, not the page). */
const exportPageSchema = z.object({
  tickets: z.array(z.unknown()),
  after_cursor: z.string().nullish(),
  after_url: z.string().nullish(),
  before_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
  users: z.array(z.unknown()).nullish(),
  organizations: z.array(z.unknown()).nullish(),
});

const meSchema = z.object({ user: z.object({ id: z.number().nullish(), name: z.string().nullish(), email: z.string().nullish() }) });

/** Zendesk API tokens: Basic `{email}/token:{token}`. */
export function zendeskAuthorization(token: string | undefined, email: string): string | undefined {
  return token ? `Basic ${Buffer.from(`${email}/token:${token}`, 'utf8').toString('base64')}` : undefined;
}

export interface ZendeskConnection extends Omit<TrackerHttpOptions, 'authorization'> {
  /** Read per request, so a token replaced in SecretStorage is used at once. */
  readonly token: () => string | undefined;
}

/**
 * The adapter for a `zendesk` tracker. `connection.origin` is the origin the user approved for
 * the token, not the one the config names: when they differ, no request is sent.
 */
export function createZendeskAdapter(config: ZendeskTrackerConfig, connection: ZendeskConnection, options: ZendeskAdapterOptions = {}): ZendeskAdapter {
  const http = new TrackerHttp({ ...connection, authorization: () => zendeskAuthorization(connection.token(), config.email) });
  return new ZendeskAdapter(config, http, options);
}

/**
 * Zendesk Support tickets as evidence (DESIGN.md, "Trackers"): the cursor-based incremental
 * ticket export, `start_time` on the first page, then `cursor=<after_cursor>` until
 * `end_of_stream`, with the page's requesters and organizations sideloaded for customer names.
 *
 * Watermark: Zendesk means the last page's `after_cursor` to be the next export's start. Our
 * engine keeps one watermark per source, an ISO time compared across runs, so the adapter reports
 * the newest `updated_at` it saw and the next run starts with `start_time` at that second. Zendesk
 * compares `start_time` with each ticket's `generated_timestamp`, which is never earlier than its
 * `updated_at`, so nothing changed since is missed; the tickets of that last second come back
 * once more and merge by id. Within a run the cursors are followed (and journaled, so a restart
 * continues the same export).
 */
export class ZendeskAdapter implements TrackerAdapter {
  readonly source = 'zendesk';
  readonly name: string;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly config: ZendeskTrackerConfig,
    private readonly http: TrackerHttp,
    options: ZendeskAdapterOptions = {},
  ) {
    this.name = config.name;
    this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)));
    this.now = options.now ?? Date.now;
  }

  get origin(): string {
    return this.http.origin;
  }

  async page(request: PageRequest): Promise<TrackerPage> {
    try {
      return await this.exportPage(request, request.cursor);
    } catch (error) {
      // A cursor Zendesk no longer takes (a journal from long ago): export again from the
      // watermark. Tickets merge by id, so what is fetched twice duplicates nothing.
      if (request.cursor !== undefined && error instanceof TrackerError && error.kind === 'config' && (error.status === 400 || error.status === 422)) return this.exportPage(request, undefined);
      throw error;
    }
  }

  async check(signal: AbortSignal): Promise<string> {
    const response = await this.http.request({ url: `${this.config.url}/api/v2/users/me.json`, schema: meSchema, signal });
    const user = response.data?.user;
    // Without valid credentials Zendesk may answer 200 with the anonymous user (id null).
    if (user?.id === undefined || user.id === null) throw new TrackerError('auth', `${this.origin}: Zendesk did not accept the credentials (anonymous user)`, undefined, response.status);
    const who = user.name ?? user.email ?? `user ${user.id}`;
    return `connected as ${who.replace(/\p{Cc}/gu, '').slice(0, 100)}`;
  }

  private async exportPage(request: PageRequest, cursor: string | undefined): Promise<TrackerPage> {
    const response = await this.http.request({
      url: `${this.config.url}${EXPORT_PATH}`,
      params: {
        ...(cursor === undefined ? { start_time: this.startTime(request.since) } : { cursor }),
        per_page: this.pageSize,
        include: 'users,organizations',
      },
      schema: exportPageSchema,
      signal: request.signal,
    });
    const data = response.data ?? { tickets: [], end_of_stream: true };
    const next = data.end_of_stream ? undefined : (data.after_cursor ?? undefined);
    if (!data.end_of_stream && (next === undefined || next === '')) throw new TrackerError('bad-response', `${this.origin}${EXPORT_PATH}: the export is not at its end but gave no after_cursor`, undefined, response.status);
    if (next !== undefined && next === cursor && data.tickets.length === 0) throw new TrackerError('bad-response', `${this.origin}${EXPORT_PATH}: Zendesk answered the same cursor again`, undefined, response.status);
    // The tickets are validated and mapped when the engine asks, once the next page is on its way.
    return lazyPage(next === undefined ? {} : { cursor: next }, () => {
      const mapped = mapTickets(data.tickets, sideloads(data.users, data.organizations), {
        site: this.config.url,
        tagPrefix: this.config.tagPrefix,
        ...(this.config.keyField !== undefined && { keyField: this.config.keyField }),
        tombstones: request.since !== undefined,
      });
      return { items: [], evidence: mapped.evidence, skipped: mapped.skipped, ...(mapped.newestUpdate !== undefined && { newestUpdate: mapped.newestUpdate }) };
    });
  }

  /** Unix seconds of the watermark (0 for a full export), never inside the most recent minute. */
  private startTime(since: string | undefined): number {
    if (since === undefined) return 0;
    const ms = Date.parse(since);
    if (Number.isNaN(ms)) return 0;
    return Math.max(0, Math.min(Math.floor(ms / 1000), Math.floor(this.now() / 1000) - RECENT_MINUTE_S));
  }
}

/** Names by id from the sideloads; a malformed entry is ignored (the customer falls back to an id). */
function sideloads(users: readonly unknown[] | null | undefined, organizations: readonly unknown[] | null | undefined): Sideloads {
  const names = (list: readonly unknown[] | null | undefined) => {
    const map = new Map<number, string>();
    for (const entry of list ?? []) {
      const parsed = namedSchema.safeParse(entry);
      if (parsed.success && parsed.data.name) map.set(parsed.data.id, parsed.data.name);
    }
    return map;
  };
  return { users: names(users), organizations: names(organizations) };
}
