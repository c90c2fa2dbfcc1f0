import { createHash } from 'node:crypto';
import { GraphQLError, execute, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import { FakeServer, type FakeReply, type FakeRequest, type LoggedRequest } from '../fakeServer';
import { VendorFake } from '../vendorFake';
import { CUSTOMERS, STEP_MS, TEAMS, generateIssues, identifierOf, type FakeCustomer, type FakeLinearIssue, type FakeNeed } from './linearData';
import { linearSchema } from './linearSchema';

/**
 * A stateful Linear over real HTTP (DESIGN.md, "Tests"): `POST /graphql` only.
 * - Every query is parsed and validated against Linear's schema; one it rejects gets HTTP 400
 *   with GraphQL's errors (`GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`), as Linear does.
 * - Valid queries run with graphql's `execute` over resolvers backed by the fake's data, so
 *   answers have exactly the schema's shape (and non-null rules).
 * - `issues`: the `IssueFilter` subset an adapter needs (team/labels/needs/updatedAt, `and`/`or`,
 *   string `eq`/`in`, date `eq`/`gt`/`gte`/`lt`/`lte`); anything else is an error, so a filter the
 *   fake does not understand can never pass silently. `orderBy` createdAt (default) or updatedAt,
 *   newest first; `first`/`after` with opaque keyset cursors (stable while data changes).
 * - Auth: `Authorization: <personal key>` or `Bearer <OAuth token>`; anything else is answered
 *   as Linear does: HTTP 400 with `AUTHENTICATION_ERROR` (status switchable, see `authErrorStatus`).
 * - Rate-limit headers on every answer; `linearFaults` for RATELIMITED and other vendor replies.
 */

export const FAKE_API_KEY = 'lin_api_fakeFakeFakeFakeFakeFakeFakeFake0000';
export const FAKE_OAUTH_TOKEN = 'lin_oauth_fake0000';
export const GRAPHQL_PATH = '/graphql';
export const VIEWER = { id: 'user-dana', name: 'Dana Scully', displayName: 'dana', email: 'dana@acme.com' };
const MAX_FIRST = 250;
const DEFAULT_FIRST = 50;

function errorReply(status: number, message: string, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): FakeReply {
  return { status, headers, body: { errors: [{ message, extensions: { code, ...extra } }] } };
}

/** Replies as Linear sends them, for the fault switches. */
export const linearFaults = {
  /** HTTP 400 with `RATELIMITED`; `x-ratelimit-requests-reset` is epoch milliseconds. */
  rateLimited(resetInMs = 50, now = Date.now()): FakeReply {
    return errorReply(400, 'Rate limit exceeded', 'RATELIMITED', { type: 'ratelimited', statusCode: 429, userError: true }, {
      'X-RateLimit-Requests-Limit': '1500',
      'X-RateLimit-Requests-Remaining': '0',
      'X-RateLimit-Requests-Reset': String(now + resetInMs),
    });
  },
  /** The same, but in an HTTP 200 (some gateways and older API versions do this). */
  rateLimitedIn200(resetInMs = 50, now = Date.now()): FakeReply {
    return { ...linearFaults.rateLimited(resetInMs, now), status: 200 };
  },
  /** A 200 whose body is only GraphQL errors. */
  internalErrorIn200(): FakeReply {
    return { status: 200, body: { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
  },
  serverError(status = 503): FakeReply {
    return { status, body: status === 503 ? 'Service Unavailable' : { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
  },
};

export interface LoggedQuery {
  readonly operationName: string | undefined;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Whether the query parsed and validated against the schema. */
  readonly valid: boolean;
  readonly errors: readonly string[];
}

export interface LinearFakeOptions {
  readonly issues?: number | readonly FakeLinearIssue[];
  readonly apiKey?: string;
  readonly oauthToken?: string;
}

export class LinearFake extends VendorFake {
  readonly issues: FakeLinearIssue[];
  readonly customers: FakeCustomer[] = CUSTOMERS.map((customer) => ({ ...customer }));
  /** Every GraphQL request that reached the schema (i.e. was authenticated), in order. */
  readonly queries: LoggedQuery[] = [];
  /** HTTP status of an authentication failure: Linear sends 400; 401 to test the other path. */
  authErrorStatus = 400;
  private apiKey: string;
  private readonly overrides = new Map<string, Record<string, unknown>>();
  private clock: number;
  private needNumber = 10_000;

  private constructor(
    server: FakeServer,
    private readonly options: LinearFakeOptions,
  ) {
    super(server);
    const seeded = options.issues ?? 40;
    this.issues = typeof seeded === 'number' ? generateIssues(seeded) : seeded.map((issue) => ({ ...issue }));
    this.apiKey = options.apiKey ?? FAKE_API_KEY;
    this.clock = Math.max(0, ...this.issues.flatMap((issue) => [issue.updatedAt, ...issue.needs.map((need) => need.updatedAt)]));
  }

  static async start(options: LinearFakeOptions = {}): Promise<LinearFake> {
    linearSchema();
    const server = await FakeServer.start({ notFound: (request) => ({ status: 404, body: `Cannot ${request.method} ${request.path}` }) });
    const fake = new LinearFake(server, options);
    server.route('POST', GRAPHQL_PATH, (request) => fake.graphql(request));
    return fake;
  }

  /** The GraphQL requests, in order. */
  graphqlRequests(): LoggedRequest[] {
    return this.server.requestsTo(GRAPHQL_PATH);
  }

  issue(identifier: string): FakeLinearIssue {
    const issue = this.issues.find((candidate) => identifierOf(candidate) === identifier);
    if (!issue) throw new Error(`the fake has no issue ${identifier}`);
    return issue;
  }

  customer(id: string | null): FakeCustomer | undefined {
    return id === null ? undefined : this.customers.find((customer) => customer.id === id);
  }

  /** Changes an issue as a user would: its `updatedAt` moves past every earlier update. */
  updateIssue(identifier: string, changes: Partial<Pick<FakeLinearIssue, 'title' | 'description' | 'descriptionText' | 'priority' | 'state' | 'labels' | 'customerTicketCount'>> = {}): FakeLinearIssue {
    const issue = Object.assign(this.issue(identifier), changes);
    this.clock += STEP_MS;
    issue.updatedAt = this.clock;
    return issue;
  }

  /** A customer asks on an issue (`text`: what a reader sees of `body`): a new need, whose time moves on; the issue's own `updatedAt` does not. */
  addNeed(identifier: string, customerId: string | null, body: string, text = body): FakeNeed {
    this.clock += STEP_MS;
    const need: FakeNeed = { id: `need-added-${++this.needNumber}`, body, attachmentText: null, text, customerId, createdAt: this.clock, updatedAt: this.clock };
    this.issue(identifier).needs.push(need);
    return need;
  }

  /** Serves raw field values for an issue node from now on (e.g. `{ title: null }`): a schema violation. */
  corruptIssue(identifier: string, fields: Record<string, unknown>): void {
    const issue = this.issue(identifier);
    this.overrides.set(issue.id, { ...this.overrides.get(issue.id), ...fields });
  }

  /** The key stops working until `restoreKey`. */
  revokeKey(): void {
    this.apiKey = `revoked-${this.apiKey}`;
  }

  restoreKey(): void {
    this.apiKey = this.options.apiKey ?? FAKE_API_KEY;
  }

  /**
   * The issues a filter selects, newest change first: what a complete sync ends up with.
   * (`teams`/`labels` as the adapter's config names them.)
   */
  select(teams: readonly string[], labels: readonly string[] = []): FakeLinearIssue[] {
    return this.issues.filter((issue) => teams.includes(issue.team) && (labels.length === 0 || issue.labels.some((label) => labels.includes(label)))).sort(byUpdatedDesc);
  }

  private graphql(request: FakeRequest): FakeReply {
    const authorization = request.headers.authorization ?? '';
    if (authorization !== this.apiKey && authorization !== `Bearer ${this.options.oauthToken ?? FAKE_OAUTH_TOKEN}`) {
      return errorReply(this.authErrorStatus, 'Authentication required, not authenticated', 'AUTHENTICATION_ERROR', {
        type: 'authentication error',
        statusCode: 401,
        userError: true,
        userPresentableMessage: 'You need to authenticate to access this operation.',
      });
    }
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(request.body) as typeof payload;
    } catch {
      return errorReply(400, 'POST body sent invalid JSON.', 'BAD_REQUEST');
    }
    const query = typeof payload.query === 'string' ? payload.query : '';
    const variables = typeof payload.variables === 'object' && payload.variables !== null ? (payload.variables as Record<string, unknown>) : {};
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    const log = (valid: boolean, errors: readonly { message: string }[]) => this.queries.push({ operationName, query, variables, valid, errors: errors.map((error) => error.message) });
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(false, [{ message }]);
      return errorReply(400, message, 'GRAPHQL_PARSE_FAILED');
    }
    const invalid = validate(linearSchema(), document);
    if (invalid.length > 0) {
      log(false, invalid);
      return { status: 400, headers: rateHeaders(), body: { errors: invalid.map((error) => ({ ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) } };
    }
    const result = execute({ schema: linearSchema(), document, rootValue: this.root(), variableValues: variables, ...(operationName && { operationName }) }) as ExecutionResult;
    log(true, result.errors ?? []);
    if (result.errors && (result.data === null || result.data === undefined)) {
      // Bad variables or a filter the fake refuses: Linear answers 400.
      return { status: 400, headers: rateHeaders(), body: { errors: result.errors.map((error) => ({ ...error.toJSON(), extensions: { code: 'INVALID_INPUT', ...error.extensions } })) } };
    }
    return { status: 200, headers: rateHeaders(), body: this.corrupt(result) };
  }

  /** Overrides are applied after execution: a schema-violating node, as a buggy server would send it. */
  private corrupt(result: ExecutionResult): unknown {
    const json = JSON.parse(JSON.stringify(result)) as { data?: { issues?: { nodes?: Record<string, unknown>[] } } };
    for (const node of json.data?.issues?.nodes ?? []) {
      const override = typeof node['id'] === 'string' ? this.overrides.get(node['id']) : undefined;
      if (override) Object.assign(node, override);
    }
    return json;
  }

  private root(): Record<string, unknown> {
    return {
      viewer: () => ({ ...VIEWER, active: true, admin: false }),
      issues: (args: ConnectionArgs & { filter?: Record<string, unknown> | null; orderBy?: string | null }) => {
        const order = args.orderBy === 'updatedAt' ? 'updatedAt' : 'createdAt';
        const selected = this.issues.filter((issue) => matchesIssue(args.filter ?? {}, issue, this)).sort((a, b) => b[order] - a[order] || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
        return connection(selected, args, (issue) => [issue[order], issue.id], (issue) => this.issueNode(issue));
      },
    };
  }

  private issueNode(issue: FakeLinearIssue): Record<string, unknown> {
    const team = TEAMS.find((candidate) => candidate.key === issue.team);
    return {
      id: issue.id,
      identifier: identifierOf(issue),
      number: issue.number,
      title: issue.title,
      description: issue.description,
      url: `https://linear.app/acme/issue/${identifierOf(issue).toLowerCase()}/${slug(issue.title)}`,
      priority: issue.priority,
      priorityLabel: ['No priority', 'Urgent', 'High', 'Medium', 'Low'][issue.priority],
      createdAt: iso(issue.createdAt),
      updatedAt: iso(issue.updatedAt),
      customerTicketCount: issue.customerTicketCount,
      state: { id: `state-${issue.state.type}`, type: issue.state.type, name: issue.state.name },
      team: { id: `team-${issue.team}`, key: issue.team, name: team?.name ?? issue.team },
      labels: (args: ConnectionArgs) => connection(issue.labels, args, (label) => [0, label], (name) => ({ id: `label-${name}`, name })),
      needs: (args: ConnectionArgs) => connection(issue.needs, args, (need) => [need.createdAt, need.id], (need) => this.needNode(need)),
    };
  }

  private needNode(need: FakeNeed): Record<string, unknown> {
    const customer = this.customer(need.customerId);
    return {
      id: need.id,
      body: need.body,
      content: need.body ?? need.attachmentText,
      priority: 0,
      createdAt: iso(need.createdAt),
      updatedAt: iso(need.updatedAt),
      customer: customer && {
        id: customer.id,
        name: customer.name,
        revenue: customer.revenue,
        tier: customer.tier && { id: `tier-${customer.tier}`, name: customer.tier.toLowerCase(), displayName: customer.tier },
      },
    };
  }
}

interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

/** A Relay connection over `list` (already in order); cursors are opaque keysets, valid while data changes. */
function connection<T>(list: readonly T[], args: ConnectionArgs, key: (item: T) => [number, string], node: (item: T) => unknown): Record<string, unknown> {
  if (args.last !== undefined && args.last !== null) throw new GraphQLError('The fake pages forward only (first/after).');
  const first = args.first ?? DEFAULT_FIRST;
  if (first < 0) throw new GraphQLError('Argument first must be non-negative.', { extensions: { code: 'INVALID_INPUT' } });
  let start = 0;
  if (args.after !== undefined && args.after !== null) {
    const after = readCursor(args.after);
    if (!after) throw new GraphQLError('Invalid cursor.', { extensions: { code: 'INVALID_INPUT' } });
    const index = list.findIndex((item) => key(item)[0] === after[0] && key(item)[1] === after[1]);
    // The cursor's node moved (updated) or went away: continue from where it was in the order.
    start = index >= 0 ? index + 1 : list.findIndex((item) => isAfter(key(item), after, list, key));
    if (start < 0) start = list.length;
  }
  const page = list.slice(start, start + Math.min(first, MAX_FIRST));
  const cursors = page.map((item) => makeCursor(key(item)));
  return {
    nodes: page.map(node),
    edges: page.map((item, index) => ({ node: node(item), cursor: cursors[index] })),
    pageInfo: { hasNextPage: start + page.length < list.length, hasPreviousPage: start > 0, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
  };
}

/** Whether `candidate` comes after `cursor` in the list's order (detected from the order's direction). */
function isAfter<T>(candidate: [number, string], cursor: [number, string], list: readonly T[], key: (item: T) => [number, string]): boolean {
  const descending = list.length < 2 || key(list[0] as T)[0] >= key(list[list.length - 1] as T)[0];
  const compare = candidate[0] - cursor[0] || (candidate[1] < cursor[1] ? -1 : candidate[1] > cursor[1] ? 1 : 0);
  return descending ? compare < 0 : compare > 0;
}

function makeCursor([time, id]: [number, string]): string {
  return Buffer.from(JSON.stringify([time, id, createHash('sha1').update(id).digest('hex').slice(0, 6)])).toString('base64url');
}

function readCursor(cursor: string): [number, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string' ? [value[0], value[1]] : undefined;
  } catch {
    return undefined;
  }
}

function byUpdatedDesc(a: FakeLinearIssue, b: FakeLinearIssue): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function matchesIssue(filter: Record<string, unknown>, issue: FakeLinearIssue, fake: LinearFake): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    switch (field) {
      case 'and':
        return (condition as Record<string, unknown>[]).every((part) => matchesIssue(part, issue, fake));
      case 'or':
        return (condition as Record<string, unknown>[]).some((part) => matchesIssue(part, issue, fake));
      case 'team':
        return matchesObject(condition, { key: issue.team, name: TEAMS.find((team) => team.key === issue.team)?.name ?? '' });
      case 'updatedAt':
        return compareDate(condition, issue.updatedAt);
      case 'createdAt':
        return compareDate(condition, issue.createdAt);
      case 'labels':
        return collection(condition, issue.labels, (label, part) => matchesObject(part, { name: label }));
      case 'needs':
        return collection(condition, issue.needs, (need, part) => Object.entries(part).every(([needField, needCondition]) => {
          if (needField === 'updatedAt') return compareDate(needCondition, need.updatedAt);
          if (needField === 'createdAt') return compareDate(needCondition, need.createdAt);
          throw unsupported(`needs.${needField}`);
        }));
      default:
        throw unsupported(field);
    }
  });
}

function collection<T>(condition: unknown, items: readonly T[], matches: (item: T, part: Record<string, unknown>) => boolean): boolean {
  return Object.entries(condition as Record<string, unknown>).every(([quantifier, part]) => {
    if (quantifier === 'some') return items.some((item) => matches(item, part as Record<string, unknown>));
    if (quantifier === 'every') return items.every((item) => matches(item, part as Record<string, unknown>));
    throw unsupported(`collection ${quantifier}`);
  });
}

function matchesObject(condition: unknown, values: Record<string, string>): boolean {
  return Object.entries(condition as Record<string, unknown>).every(([field, comparator]) => {
    const value = values[field];
    if (value === undefined) throw unsupported(field);
    return Object.entries(comparator as Record<string, unknown>).every(([operator, operand]) => {
      if (operator === 'eq') return value === operand;
      if (operator === 'in') return (operand as string[]).includes(value);
      if (operator === 'neq') return value !== operand;
      if (operator === 'nin') return !(operand as string[]).includes(value);
      throw unsupported(`${field}.${operator}`);
    });
  });
}

function compareDate(condition: unknown, time: number): boolean {
  return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
    const at = Date.parse(String(operand));
    if (Number.isNaN(at)) throw unsupported(`date ${String(operand)} (ISO times only)`);
    if (operator === 'eq') return time === at;
    if (operator === 'gt') return time > at;
    if (operator === 'gte') return time >= at;
    if (operator === 'lt') return time < at;
    if (operator === 'lte') return time <= at;
    throw unsupported(`date ${operator}`);
  });
}

function unsupported(what: string): GraphQLError {
  return new GraphQLError(`The Linear fake does not implement the filter ${what}.`, { extensions: { code: 'INVALID_INPUT' } });
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Linear reports its request budget on every answer. */
function rateHeaders(): Record<string, string> {
  return { 'X-RateLimit-Requests-Limit': '1500', 'X-RateLimit-Requests-Remaining': '1499', 'X-RateLimit-Requests-Reset': String(Date.now() + 3_600_000) };
}
