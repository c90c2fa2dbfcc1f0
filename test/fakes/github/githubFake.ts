import { createHash } from 'node:crypto';
import { FakeServer, type FakeReply, type FakeRequest, type LoggedRequest } from '../fakeServer';
import { VendorFake } from '../vendorFake';
import { isoSeconds, renderIssue, seedIssues, type FakeIssue, type RenderContext } from './githubFakeData';
import { FakeRateLimit } from './githubFakeRateLimit';

export interface GithubFakeOptions {
  readonly repos?: readonly string[];
  readonly issuesPerRepo?: number;
  readonly pullRequestsPerRepo?: number;
  readonly seed?: number;
  /** The one token the fake accepts (as `Bearer` or `token`). */
  readonly token?: string;
  /** GitHub Enterprise Server: the API under `/api/v3`. */
  readonly enterprise?: boolean;
  readonly rateLimit?: number;
  readonly frictionLabel?: string;
}

export const FAKE_TOKEN = 'ghp_fake0123456789';
const API_VERSIONS = ['2022-11-28'];
const DOCS = 'https://docs.github.com/rest';
const LIST_DOCS = 'https://docs.github.com/rest/issues/issues#list-repository-issues';
/** Both spellings of a repo's issues list: the one clients build and the one `Link` headers use. */
const ISSUES_PATH = /\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)\/issues$/;

/**
 * A stateful fake of GitHub's REST API for issues (github.com, or GHES under `/api/v3`): the list
 * with `state`/`labels`/`since`/`sort`/`direction`/`per_page`/`page`, `Link` pagination as GitHub
 * writes it (`/repositories/<id>/issues?…&page=N`; prev, next, last, first), weak ETags and
 * `If-None-Match` → 304 (free of rate limit), the primary rate limit and its headers, secondary
 * limits, GitHub's error bodies, and `GET /user`. Faults: the shared switches of `FakeServer`
 * (5xx, timeouts, resets, truncated JSON) and GitHub's own (below).
 */
export class GithubFake extends VendorFake {
  readonly token: string;
  readonly rateLimit: FakeRateLimit;
  /** Every `Link` URL points to this origin instead (a hostile or misconfigured server). */
  foreignLinkOrigin: string | undefined;
  private readonly issueList: FakeIssue[];
  private readonly repoIds = new Map<string, number>();
  private newestMs: number;
  /** Query results by query; cleared by every change to the data. */
  private readonly listings = new Map<string, FakeIssue[]>();

  private constructor(
    server: FakeServer,
    private readonly prefix: string,
    private readonly webBase: string,
    options: GithubFakeOptions,
  ) {
    super(server);
    this.token = options.token ?? FAKE_TOKEN;
    const repos = options.repos ?? ['acme/payments', 'acme/checkout'];
    repos.forEach((repo, index) => this.repoIds.set(repo, 1_296_269 + index));
    this.issueList = seedIssues({
      repos,
      issuesPerRepo: options.issuesPerRepo ?? 120,
      pullRequestsPerRepo: options.pullRequestsPerRepo ?? 8,
      seed: options.seed ?? 7,
      frictionLabel: options.frictionLabel ?? 'customer-friction',
    });
    this.newestMs = Math.max(...this.issueList.map((issue) => Date.parse(issue.updatedAt)));
    this.rateLimit = new FakeRateLimit(options.rateLimit ?? 5_000, () => Date.now());
  }

  static async start(options: GithubFakeOptions = {}): Promise<GithubFake> {
    const prefix = options.enterprise ? '/api/v3' : '';
    const server = await FakeServer.start({ notFound: () => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }) });
    const fake = new GithubFake(server, prefix, options.enterprise ? 'https://ghe.example.com' : 'https://github.com', options);
    const at = (path: string) => new RegExp(`^${prefix}${path}$`);
    server.route('GET', at('/repos/([^/]+)/([^/]+)/issues'), (request, match) => fake.authorized(request, () => fake.list(request, `${match[1]}/${match[2]}`)));
    server.route('GET', at(String.raw`/repositories/(\d+)/issues`), (request, match) => fake.authorized(request, () => fake.list(request, fake.repoOfId(Number(match[1])))));
    server.route('GET', at('/user'), (request) => fake.authorized(request, () => ({ status: 200, body: { login: 'octocat', id: 1, type: 'User', site_admin: false } })));
    return fake;
  }

  /** The configured `url` of a tracker pointing here: the origin, plus `/api/v3` for GHES. */
  get apiBase(): string {
    return `${this.server.origin}${this.prefix}`;
  }

  /** Requests to issues lists (either spelling), in arrival order. */
  listRequests(): LoggedRequest[] {
    return this.server.requestsTo(ISSUES_PATH);
  }

  /** Copies of the records, pull requests included. */
  issues(): FakeIssue[] {
    return this.issueList.map((issue) => ({ ...issue, labels: [...issue.labels], reactions: { ...issue.reactions } }));
  }

  /** The issues (not pull requests) a sync filtering on `labels` must end up with. */
  expectedIssues(repos: readonly string[], labels: readonly string[]): FakeIssue[] {
    return this.issues().filter((issue) => !issue.pullRequest && repos.includes(issue.repo) && hasLabels(issue, labels));
  }

  /** Edits an issue as a user would; GitHub then bumps `updated_at`. */
  updateIssue(repo: string, number: number, patch: Partial<Pick<FakeIssue, 'title' | 'body' | 'state' | 'stateReason' | 'labels' | 'reactions' | 'comments'>>): FakeIssue {
    const issue = this.find(repo, number);
    if (patch.state !== undefined && patch.state !== issue.state) issue.closedAt = patch.state === 'closed' ? this.tick() : null;
    Object.assign(issue, patch, { updatedAt: this.tick() });
    this.listings.clear();
    return { ...issue };
  }

  addIssue(repo: string, fields: Partial<Pick<FakeIssue, 'title' | 'body' | 'labels'>> = {}): FakeIssue {
    const number = Math.max(0, ...this.issueList.filter((issue) => issue.repo === repo).map((issue) => issue.number)) + 1;
    const now = this.tick();
    const issue: FakeIssue = {
      repo,
      number,
      title: fields.title ?? `New issue ${number}`,
      body: fields.body ?? null,
      state: 'open',
      stateReason: null,
      labels: fields.labels ?? [],
      reactions: { '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      comments: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      pullRequest: false,
    };
    this.issueList.push(issue);
    this.listings.clear();
    return { ...issue };
  }

  /** From now on the issue is served in a shape that violates GitHub's schema. */
  corruptIssue(repo: string, number: number): void {
    this.find(repo, number).corrupt = true;
  }

  /** The primary limit is spent until `resetInMs` from now: 403, `x-ratelimit-remaining: 0`. */
  exhaustRateLimit(resetInMs: number): void {
    this.rateLimit.exhaust(resetInMs);
  }

  /** The next `count` issues-list requests hit a secondary limit: 403 with `retry-after`. */
  secondaryRateLimit(count: number, retryAfterSeconds = 1): void {
    this.server.faults.next(
      count,
      {
        status: 403,
        headers: { 'retry-after': String(retryAfterSeconds), ...this.rateLimit.headers() },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0440:2E7E:1A2B3C:4D5E6F:67890ABC.',
          documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
      },
      { path: ISSUES_PATH },
    );
  }

  /** The next `count` issues-list requests fail with a 5xx, as GitHub does under load. */
  serverErrors(count: number, status = 502): void {
    this.server.faults.next(count, { status, body: { message: 'Server Error' } }, { path: ISSUES_PATH });
  }

  /** The next `count` issues-list requests are never answered. */
  timeouts(count: number): void {
    this.server.faults.next(count, 'timeout', { path: ISSUES_PATH });
  }

  /** The next `count` issues-list requests are cut off halfway through the body. */
  resetsMidBody(count: number): void {
    this.server.faults.next(count, 'reset-mid-body', { path: ISSUES_PATH });
  }

  /** The next `count` issues-list requests get a 200 with truncated JSON. */
  malformedJson(count: number): void {
    this.server.faults.next(count, 'malformed-json', { path: ISSUES_PATH });
  }

  private async authorized(request: FakeRequest, handle: () => FakeReply | Promise<FakeReply>): Promise<FakeReply> {
    const credentials = /^(?:bearer|token)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (credentials === undefined) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS, status: '401' } };
    if (credentials !== this.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
    const version = request.headers['x-github-api-version'];
    if (typeof version === 'string' && !API_VERSIONS.includes(version)) {
      return { status: 400, body: { message: `Unsupported 'X-GitHub-Api-Version' header. Supported versions are: ${API_VERSIONS.join(', ')}`, documentation_url: DOCS, status: '400' } };
    }
    if (this.rateLimit.exhausted) {
      return {
        status: 403,
        headers: { ...this.rateLimit.headers(), date: this.date() },
        body: { message: 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID 0440:2E7E:1A2B3C:4D5E6F:67890ABC.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' },
      };
    }
    const reply = await handle();
    // A 304 to a conditional request is free (GitHub: "does not count against your primary rate limit").
    if (reply.status !== 304) this.rateLimit.spend();
    return { ...reply, headers: { ...reply.headers, ...this.rateLimit.headers(), date: this.date() } };
  }

  private list(request: FakeRequest, repo: string | undefined): FakeReply {
    if (repo === undefined || !this.repoIds.has(repo)) return { status: 404, body: { message: 'Not Found', documentation_url: LIST_DOCS, status: '404' } };
    const query = request.query;
    const state = query.get('state') ?? 'open';
    const sort = query.get('sort') ?? 'created';
    const direction = query.get('direction') ?? 'desc';
    const since = query.get('since');
    const sinceMs = since === null ? undefined : Date.parse(since);
    if (!['open', 'closed', 'all'].includes(state) || !['created', 'updated', 'comments'].includes(sort) || !['asc', 'desc'].includes(direction) || Number.isNaN(sinceMs)) {
      return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'invalid' }], documentation_url: LIST_DOCS, status: '422' } };
    }
    const labels = (query.get('labels') ?? '').split(',').map((label) => label.trim()).filter((label) => label !== '');
    const matching = this.matching(repo, state, labels, sinceMs, sort, direction);
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Math.floor(Number(query.get('page') ?? 1)) || 1);
    // Serialized once here: the ETag is a hash of exactly the bytes sent.
    const body = JSON.stringify(matching.slice((page - 1) * perPage, page * perPage).map((issue) => renderIssue(issue, this.context())));
    const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const link = this.linkHeader(repo, query, page, Math.ceil(matching.length / perPage));
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      etag,
      'cache-control': 'private, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      ...(link && { link }),
    };
    if (etagMatches(request.headers['if-none-match'], etag)) return { status: 304, headers };
    return { status: 200, headers, body };
  }

  /**
   * The issues a query selects, in order. Cached until the data changes: a sync asks the same
   * query page after page, and the benchmark's 10,000 issues must not make the fake the bottleneck.
   */
  private matching(repo: string, state: string, labels: readonly string[], sinceMs: number | undefined, sort: string, direction: string): FakeIssue[] {
    const cacheKey = JSON.stringify([repo, state, labels, sinceMs, sort, direction]);
    const cached = this.listings.get(cacheKey);
    if (cached) return cached;
    const key = (issue: FakeIssue): number => (sort === 'created' ? Date.parse(issue.createdAt) : sort === 'updated' ? Date.parse(issue.updatedAt) : issue.comments);
    const sign = direction === 'asc' ? 1 : -1;
    const matching = this.issueList
      .filter((issue) => issue.repo === repo && (state === 'all' || issue.state === state) && hasLabels(issue, labels) && (sinceMs === undefined || Date.parse(issue.updatedAt) >= sinceMs))
      .map((issue) => ({ issue, key: key(issue) }))
      .sort((a, b) => sign * (a.key - b.key || a.issue.number - b.issue.number))
      .map(({ issue }) => issue);
    this.listings.set(cacheKey, matching);
    return matching;
  }

  /** As GitHub writes it: prev, next, last, first; the query as sent with `page` moved to the end. */
  private linkHeader(repo: string, query: URLSearchParams, page: number, pages: number): string | undefined {
    if (pages <= 1 && page <= 1) return undefined;
    const base = `${this.foreignLinkOrigin ?? this.server.origin}${this.prefix}/repositories/${this.repoIds.get(repo) ?? 0}/issues`;
    const at = (target: number): string => {
      const params = new URLSearchParams(query);
      params.delete('page');
      params.append('page', String(target));
      return `${base}?${params.toString()}`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${at(Math.min(page - 1, Math.max(pages, 1)))}>; rel="prev"`);
    if (page < pages) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(pages)}>; rel="last"`);
    if (page > 1) links.push(`<${at(1)}>; rel="first"`);
    return links.join(', ');
  }

  private context(): RenderContext {
    return { apiBase: this.apiBase, webBase: this.webBase, repoId: (repo) => this.repoIds.get(repo) ?? 0 };
  }

  private repoOfId(id: number): string | undefined {
    return [...this.repoIds].find(([, repoId]) => repoId === id)?.[0];
  }

  private find(repo: string, number: number): FakeIssue {
    const issue = this.issueList.find((candidate) => candidate.repo === repo && candidate.number === number);
    if (!issue) throw new Error(`the fake has no issue ${repo}#${number}`);
    return issue;
  }

  /** A new update time: now, but always after every earlier one (timestamps have whole seconds). */
  private tick(): string {
    this.newestMs = Math.max(Math.floor(Date.now() / 1000) * 1000, this.newestMs + 1000);
    return isoSeconds(this.newestMs);
  }

  /** The server's clock never runs behind its own records' update times. */
  private date(): string {
    return new Date(Math.max(Date.now(), this.newestMs)).toUTCString();
  }
}

function hasLabels(issue: FakeIssue, labels: readonly string[]): boolean {
  return labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label.toLowerCase()));
}

/** `If-None-Match` uses the weak comparison: `W/"x"` matches `"x"`; `*` matches anything. */
function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}
