import { createHash } from 'node:crypto';
import { FakeServer, type FakeReply, type FakeRequest, type LoggedRequest } from '../fakeServer';
import { VendorFake } from '../vendorFake';
import { generateIssues, type FakeJiraIssue, type GenerateOptions } from './jiraData';
import { JqlError, parseJql, type JqlQuery } from './jiraJql';
import { renderIssue } from './jiraRender';

/**
 * A stateful Jira, Cloud or Data Center, over real HTTP (DESIGN.md, "Tests"):
 * - Cloud: `GET /rest/api/3/search/jql` with an opaque `nextPageToken` bound to its query (a
 *   token from another query is refused with 400), `isLast`, no `total`; the old
 *   `/rest/api/3/search` and `/rest/api/2/search` answer 410 with Jira's own text.
 * - Data Center: `GET {context}/rest/api/2/search` with `startAt`/`maxResults`/`total`.
 * - Both: a real JQL subset (see jiraJql.ts), `fields` honoured, `maxResults` capped as Jira
 *   does, `/myself`, 401 with Jira's body for a wrong or expired token, dates in the user's zone.
 * Faults come from the shared fault switches (`faults`) and `jiraFaults` below.
 */

export interface JiraFakeOptions {
  readonly flavour: 'cloud' | 'data-center';
  /** Seeded issues: a count to generate, or the issues themselves. */
  readonly issues?: number | readonly FakeJiraIssue[];
  readonly generate?: GenerateOptions;
  /** Cloud basic auth user; without it only `Bearer <token>` is accepted. */
  readonly email?: string;
  readonly token?: string;
  /** The Jira user's zone: JQL date literals are read in it and timestamps written in it. */
  readonly timeZone?: string;
  readonly customersField?: string;
  /** Data Center installs can live under a path (`/jira`). */
  readonly contextPath?: string;
}

export const FAKE_TOKEN = 'fake-jira-token';
export const FAKE_EMAIL = 'dev@acme.com';
export const CUSTOMERS_FIELD = 'customfield_10042';
/** Jira Cloud's page caps for search/jql: larger pages only when asking for ids and keys alone. */
export const CLOUD_PAGE_CAP = 100;
export const CLOUD_KEYS_ONLY_PAGE_CAP = 5000;
export const DEFAULT_PAGE = 50;
/** Data Center's default `jira.search.views.default.max`. */
export const DATA_CENTER_PAGE_CAP = 1000;

/** Each update lands 90 s after the previous one: in a later minute, as JQL sees time. */
const UPDATE_STEP_MS = 90_000;

export const CLOUD_SEARCH_PATH = '/rest/api/3/search/jql';
const GONE_V3 = 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';
const GONE_V2 = 'The requested API has been removed. Please use the newer, enhanced search-based API instead. Deprecation details are available at https://developer.atlassian.com/changelog/#CHANGE-2046.';
/** Jira does not document this text; the status and shape are what matter. */
const BAD_TOKEN = 'The provided next page token is invalid or expired.';

/** Replies as Jira sends them, for the fault switches. */
export const jiraFaults = {
  /** 429 with `Retry-After` (seconds) and `X-RateLimit-Reset` (ISO, minute precision); without both when `retryAfterSeconds` is undefined. */
  rateLimited(retryAfterSeconds?: number, now = Date.now()): FakeReply {
    const wait: Record<string, string> =
      retryAfterSeconds === undefined
        ? {}
        : { 'Retry-After': String(retryAfterSeconds), 'X-RateLimit-Reset': new Date(Math.ceil((now + retryAfterSeconds * 1000) / 60_000) * 60_000).toISOString().slice(0, 16) + 'Z' };
    return { status: 429, headers: { ...wait, 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-NearLimit': 'true', 'RateLimit-Reason': 'jira-burst-based' }, body: errors('Rate limit exceeded.') };
  },
  serverError(status = 503): FakeReply {
    return { status, body: errors(status === 503 ? 'Service Unavailable' : 'Internal server error') };
  },
};

function errors(...messages: string[]): { errorMessages: string[]; errors: Record<string, string> } {
  return { errorMessages: messages, errors: {} };
}

export class JiraFake extends VendorFake {
  readonly issues: FakeJiraIssue[];
  timeZone: string;
  private token: string;
  private readonly overrides = new Map<string, Record<string, unknown>>();
  private clock: number;
  /**
   * Query results by zone and JQL; cleared by every change made through this class. A sync asks
   * the same query page after page, and the benchmark's 10,000 issues must not make the fake the
   * bottleneck.
   */
  private readonly selections = new Map<string, FakeJiraIssue[]>();

  private constructor(
    server: FakeServer,
    private readonly options: JiraFakeOptions,
  ) {
    super(server);
    const seeded = options.issues ?? 25;
    this.issues = typeof seeded === 'number' ? generateIssues(seeded, options.generate) : seeded.map((issue) => ({ ...issue }));
    this.timeZone = options.timeZone ?? 'UTC';
    this.token = options.token ?? FAKE_TOKEN;
    this.clock = Math.max(0, ...this.issues.map((issue) => issue.updated));
  }

  static async start(options: JiraFakeOptions): Promise<JiraFake> {
    const server = await FakeServer.start({ notFound: (request) => ({ status: 404, body: errors(`null for uri: ${request.path}`) }) });
    const fake = new JiraFake(server, options);
    fake.routes();
    return fake;
  }

  /** Where the tracker config's `url` points: the origin plus any context path. */
  get site(): string {
    return `${this.server.origin}${this.options.contextPath ?? ''}`;
  }

  get searchPath(): string {
    return this.options.flavour === 'cloud' ? CLOUD_SEARCH_PATH : `${this.options.contextPath ?? ''}/rest/api/2/search`;
  }

  get customersField(): string {
    return this.options.customersField ?? CUSTOMERS_FIELD;
  }

  /** The search requests, in order (their `query` holds `jql`, `nextPageToken`, `startAt`…). */
  searches(): LoggedRequest[] {
    return this.server.requestsTo(this.searchPath);
  }

  /** The issues a JQL query selects, in its order: what a complete sync must end up with. */
  select(jql: string): FakeJiraIssue[] {
    const query = this.parse(jql);
    return this.issues.filter((issue) => query.matches(issue)).sort((a, b) => query.compare(a, b));
  }

  issue(key: string): FakeJiraIssue {
    const issue = this.issues.find((candidate) => candidate.key === key);
    if (!issue) throw new Error(`the fake has no issue ${key}`);
    return issue;
  }

  /** Changes an issue as a user would: its `updated` moves past every earlier update (90 s later). */
  updateIssue(key: string, changes: Partial<Omit<FakeJiraIssue, 'id' | 'key' | 'project' | 'created' | 'updated'>> = {}): FakeJiraIssue {
    const issue = Object.assign(this.issue(key), changes);
    this.clock += UPDATE_STEP_MS;
    issue.updated = this.clock;
    this.selections.clear();
    return issue;
  }

  /** Serves raw field values for an issue from now on (e.g. `{ summary: 42 }`): a schema violation. */
  corruptIssue(key: string, fields: Record<string, unknown>): void {
    this.issue(key);
    this.overrides.set(key, { ...this.overrides.get(key), ...fields });
  }

  /** The token stops working: every request answers 401 until `restoreToken`. */
  expireToken(): void {
    this.token = `expired-${this.token}`;
  }

  restoreToken(): void {
    this.token = this.options.token ?? FAKE_TOKEN;
  }

  private routes(): void {
    const gone = (message: string) => (): FakeReply => ({ status: 410, body: errors(message) });
    if (this.options.flavour === 'cloud') {
      this.server
        .route('GET', CLOUD_SEARCH_PATH, (request) => this.authorized(request, () => this.searchCloud(request)))
        .route('GET', '/rest/api/3/search', gone(GONE_V3))
        .route('POST', '/rest/api/3/search', gone(GONE_V3))
        .route('GET', '/rest/api/2/search', gone(GONE_V2))
        .route('POST', '/rest/api/2/search', gone(GONE_V2))
        .route('GET', /^\/rest\/api\/[23]\/myself$/, (request) => this.authorized(request, () => this.myself()));
    } else {
      const context = this.options.contextPath ?? '';
      this.server
        .route('GET', `${context}/rest/api/2/search`, (request) => this.authorized(request, () => this.searchDataCenter(request)))
        .route('GET', `${context}/rest/api/2/myself`, (request) => this.authorized(request, () => this.myself()));
    }
  }

  private authorized(request: FakeRequest, answer: () => FakeReply): FakeReply {
    const accepted = [`Bearer ${this.token}`, ...(this.options.flavour === 'cloud' && this.options.email ? [`Basic ${Buffer.from(`${this.options.email}:${this.token}`).toString('base64')}`] : [])];
    if (accepted.includes(request.headers.authorization ?? '')) return this.options.flavour === 'cloud' ? withRateHeaders(answer()) : answer();
    // Cloud answers a bad credential in plain text; Data Center with Jira's error body.
    return this.options.flavour === 'cloud'
      ? { status: 401, headers: { 'WWW-Authenticate': 'OAuth realm="https%3A%2F%2Facme.atlassian.net"' }, body: 'Client must be authenticated to access this resource.' }
      : { status: 401, body: errors('You are not authenticated. Authentication required to perform this operation.') };
  }

  private searchCloud(request: FakeRequest): FakeReply {
    const jql = request.query.get('jql') ?? '';
    const query = this.parseOrReply(jql);
    if ('status' in query) return query;
    // Enhanced search refuses queries that would scan the whole site.
    if (!query.bounded) return { status: 400, body: errors('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.') };
    const fields = requestedFields(request.query);
    const onlyIds = fields !== 'all' && [...fields].every((field) => field === 'id' || field === 'key');
    const size = pageSize(request.query.get('maxResults'), onlyIds ? CLOUD_KEYS_ONLY_PAGE_CAP : CLOUD_PAGE_CAP);
    const token = request.query.get('nextPageToken');
    const offset = token === null ? 0 : readToken(token, jql);
    if (offset === undefined) return { status: 400, body: errors(BAD_TOKEN) };
    const matching = this.selection(jql);
    const page = matching.slice(offset, offset + size);
    const isLast = offset + page.length >= matching.length;
    return {
      status: 200,
      // Jira leaves `nextPageToken` out of the last page rather than sending null (JRACLOUD-92184).
      body: { issues: page.map((issue) => this.render(issue, 'v3', fields)), ...(!isLast && { nextPageToken: makeToken(offset + page.length, jql) }), isLast },
    };
  }

  private searchDataCenter(request: FakeRequest): FakeReply {
    const jql = request.query.get('jql') ?? '';
    const query = this.parseOrReply(jql);
    if ('status' in query) return query;
    const startAt = Math.max(0, Number(request.query.get('startAt') ?? 0) || 0);
    const size = pageSize(request.query.get('maxResults'), DATA_CENTER_PAGE_CAP);
    const fields = requestedFields(request.query);
    const matching = this.selection(jql);
    return {
      status: 200,
      body: { expand: 'schema,names', startAt, maxResults: size, total: matching.length, issues: matching.slice(startAt, startAt + size).map((issue) => this.render(issue, 'v2', fields)) },
    };
  }

  private myself(): FakeReply {
    const user = { displayName: 'Dana Scully', emailAddress: this.options.email ?? FAKE_EMAIL, active: true, timeZone: this.timeZone, locale: 'en_US' };
    return { status: 200, body: this.options.flavour === 'cloud' ? { accountId: '557058:dana', accountType: 'atlassian', ...user } : { name: 'dana', key: 'JIRAUSER10100', ...user } };
  }

  private render(issue: FakeJiraIssue, api: 'v3' | 'v2', fields: ReadonlySet<string> | 'all'): Record<string, unknown> {
    const overrides = this.overrides.get(issue.key);
    return renderIssue(issue, { api, site: this.site, timeZone: this.timeZone, customersField: this.customersField, fields, ...(overrides && { overrides }) });
  }

  private selection(jql: string): readonly FakeJiraIssue[] {
    const key = `${this.timeZone}\n${this.issues.length}\n${jql}`;
    let selected = this.selections.get(key);
    if (!selected) {
      selected = this.select(jql);
      this.selections.set(key, selected);
    }
    return selected;
  }

  private parse(jql: string): JqlQuery {
    return parseJql(jql, { timeZone: this.timeZone, projects: new Set(this.issues.map((issue) => issue.project)) });
  }

  private parseOrReply(jql: string): JqlQuery | FakeReply {
    try {
      return this.parse(jql);
    } catch (error) {
      if (error instanceof JqlError) return { status: 400, body: errors(error.message) };
      throw error;
    }
  }
}

/** `fields=a,b` and `fields=a&fields=b`; `*all` and `*navigable` mean everything; none means ids and keys only. */
function requestedFields(query: URLSearchParams): ReadonlySet<string> | 'all' {
  const fields = query
    .getAll('fields')
    .flatMap((value) => value.split(','))
    .map((field) => field.trim())
    .filter(Boolean);
  return fields.includes('*all') || fields.includes('*navigable') ? 'all' : new Set(fields);
}

/** What was asked for, within the cap; Jira silently answers fewer than asked rather than failing. */
function pageSize(asked: string | null, cap: number): number {
  const size = asked === null ? DEFAULT_PAGE : Number(asked);
  return Number.isInteger(size) && size > 0 ? Math.min(size, cap) : DEFAULT_PAGE;
}

function queryHash(jql: string): string {
  return createHash('sha256').update(jql).digest('hex').slice(0, 16);
}

/** Opaque to clients: the offset and a hash of the query it belongs to. */
function makeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

function readToken(token: string, jql: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    return typeof decoded.o === 'number' && Number.isInteger(decoded.o) && decoded.o >= 0 && decoded.q === queryHash(jql) ? decoded.o : undefined;
  } catch {
    return undefined;
  }
}

/** Jira Cloud reports its rate-limit budget on ordinary answers too. */
function withRateHeaders(reply: FakeReply): FakeReply {
  return { ...reply, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99', ...reply.headers } };
}
