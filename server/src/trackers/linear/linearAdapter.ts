import { z } from 'zod';
import { lazyPage, type PageRequest, type TrackerAdapter, type TrackerPage } from '../trackerAdapter';
import { originOf, type linearTrackerSchema } from '../trackerConfig';
import { TrackerError } from '../trackerErrors';
import { TrackerHttp, type TrackerHttpOptions } from '../trackerHttp';
import { waitFromHeaders, type HeaderLookup } from '../rateLimit';
import { mapIssues } from './linearIssue';
import { ISSUES_PER_PAGE, ISSUES_QUERY, VIEWER_QUERY, issueVariables } from './linearQuery';

export type LinearTrackerConfig = z.infer<typeof linearTrackerSchema>;

const graphqlError = z.object({ message: z.string().optional(), extensions: z.looseObject({ code: z.string().optional() }).optional() });
/** A GraphQL response: `data`, `errors`, or both. Nodes are validated one by one by the mapper. */
const envelope = <D extends z.ZodType>(data: D) => z.object({ data: data.nullish(), errors: z.array(graphqlError).optional() });
const issuesEnvelope = envelope(
  z.object({
    issues: z.object({
      nodes: z.array(z.unknown()),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    }),
  }),
);
const viewerEnvelope = envelope(z.object({ viewer: z.object({ name: z.string(), email: z.string().nullish() }) }));

/** Codes meaning the query or its input is wrong: retrying the same request cannot help. */
const CONFIG_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'INVALID_INPUT', 'INPUT_ERROR']);
const AUTH_CODES = new Set(['AUTHENTICATION_ERROR', 'FORBIDDEN']);

/**
 * Linear issues of the configured teams (and labels, any of them) as friction items, with their
 * customer needs as quotes and impact (see linearIssue.ts). One GraphQL request per page, ordered
 * by `updatedAt` (newest first, as Linear orders it), following Relay's `pageInfo.endCursor`;
 * incrementally, only issues updated, or with a need updated, at or after the watermark.
 */
export class LinearAdapter implements TrackerAdapter {
  readonly source = 'linear';
  readonly name: string;
  readonly origin: string;

  constructor(
    private readonly config: LinearTrackerConfig,
    private readonly http: TrackerHttp,
    private readonly pageSize = ISSUES_PER_PAGE,
  ) {
    if (http.origin !== originOf(config)) throw new Error(`the HTTP client of tracker ${config.name} is bound to ${http.origin}, not ${originOf(config)}`);
    this.name = config.name;
    this.origin = http.origin;
  }

  async page(request: PageRequest): Promise<TrackerPage> {
    const variables = issueVariables({ teams: this.config.teams, labels: this.config.labels, ...(request.since !== undefined && { since: request.since }) }, request.cursor, this.pageSize);
    const data = await this.query(ISSUES_QUERY, variables, issuesEnvelope, request.signal);
    const { nodes, pageInfo } = data.issues;
    const cursor = pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined;
    if (pageInfo.hasNextPage && !cursor) throw new TrackerError('bad-response', `${this.where} said there is a next page but gave no endCursor`);
    // The nodes are validated and mapped when the engine asks, once the next page is on its way.
    return lazyPage(cursor === undefined ? {} : { cursor }, () => {
      const mapped = mapIssues(nodes);
      return { items: mapped.items, evidence: [], skipped: mapped.skipped, ...(mapped.newest !== undefined && { newestUpdate: mapped.newest }) };
    });
  }

  async check(signal: AbortSignal): Promise<string> {
    const data = await this.query(VIEWER_QUERY, {}, viewerEnvelope, signal);
    return `connected as ${data.viewer.name}`;
  }

  private get where(): string {
    return `${this.config.url}/graphql`;
  }

  /** One GraphQL request; GraphQL errors, in a 400 or in a 200, become typed TrackerErrors. */
  private async query<D>(query: string, variables: Record<string, unknown>, schema: z.ZodType<{ data?: D | null | undefined; errors?: z.infer<typeof graphqlError>[] | undefined }>, signal: AbortSignal): Promise<D> {
    let response;
    try {
      response = await this.http.request({ method: 'POST', url: this.where, body: { query, variables }, schema, signal });
    } catch (error) {
      // Linear answers a missing or wrong key with HTTP 400 and AUTHENTICATION_ERROR: that is the token, not the config.
      if (error instanceof TrackerError && error.kind === 'config' && error.status === 400 && /authenticat/i.test(error.message)) throw new TrackerError('auth', error.message, undefined, error.status);
      throw error;
    }
    const body = response.data;
    if (body?.errors && body.errors.length > 0) throw graphqlFailure(this.where, response.status, body.errors, response.header);
    if (body?.data === undefined || body.data === null) throw new TrackerError('bad-response', `${this.where} answered ${response.status} without data`, undefined, response.status);
    return body.data;
  }
}

/** GraphQL errors in a successful HTTP answer, by their `extensions.code`, quoting Linear's messages. */
function graphqlFailure(where: string, status: number, errors: readonly z.infer<typeof graphqlError>[], header: HeaderLookup): TrackerError {
  const codes = errors.map((error) => error.extensions?.code).filter((code): code is string => code !== undefined);
  const message = `${where} answered ${status} with errors: ${errors
    .map((error) => error.message ?? error.extensions?.code ?? 'unknown')
    .join('; ')
    .replace(/\s+/g, ' ')
    .slice(0, 200)}`;
  if (codes.includes('RATELIMITED')) return new TrackerError('rate-limited', `${where} is rate limiting (RATELIMITED)`, waitFromHeaders(header, Date.now()), status);
  if (codes.some((code) => AUTH_CODES.has(code))) return new TrackerError('auth', message, undefined, status);
  if (codes.some((code) => CONFIG_CODES.has(code))) return new TrackerError('config', message, undefined, status);
  return new TrackerError('bad-response', message, undefined, status);
}

export interface LinearAdapterOptions extends Omit<TrackerHttpOptions, 'origin' | 'authorization'> {
  /** A personal API key (`lin_api_…`) or an OAuth access token, read per request. */
  readonly token: () => string | undefined;
  /** Issues per page (tests use small pages). */
  readonly pageSize?: number;
}

/** Personal API keys go bare in `Authorization`; OAuth access tokens as `Bearer`. */
export function linearAuthorization(token: string | undefined): string | undefined {
  const value = token?.trim();
  if (!value) return undefined;
  return value.startsWith('lin_api_') ? value : `Bearer ${value}`;
}

/** The adapter with its own origin-bound client: the token goes to the configured origin only. */
export function createLinearAdapter(config: LinearTrackerConfig, options: LinearAdapterOptions): LinearAdapter {
  const { token, pageSize, ...http } = options;
  return new LinearAdapter(config, new TrackerHttp({ ...http, origin: originOf(config), authorization: () => linearAuthorization(token()) }), pageSize);
}
