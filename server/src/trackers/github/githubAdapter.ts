import { z } from 'zod';
import type { FrictionItem } from '../../domain/frictionItem';
import { mapWithLimit } from '../mapWithLimit';
import { lazyPage, mappedPage, type PageLinks, type PageRecords, type PageRequest, type TrackerAdapter, type TrackerPage } from '../trackerAdapter';
import { originOf, type githubTrackerSchema } from '../trackerConfig';
import { TrackerHttp, type TrackerHttpOptions } from '../trackerHttp';
import { fetchIssueList, firstPageUrl, githubHeaders, type IssueList } from './githubApi';
import { decodeCursor, encodeCursor, type CursorPage, type GithubCursor } from './githubCursor';
import { mapIssues } from './githubIssue';
import { pagesUpToLast } from './linkHeader';

export type GithubTrackerConfig = z.infer<typeof githubTrackerSchema>;

/** First pages of several repos at once, no more: GitHub's secondary limits punish bursts. */
const FIRST_PAGE_CONCURRENCY = 4;
const userSchema = z.object({ login: z.string() });

/**
 * GitHub Issues (github.com, or GHES at `https://HOST/api/v3`) as friction items.
 *
 * The first call fetches the first page of every configured repo (conditionally, with the ETag
 * the last run saw: an unchanged repo answers 304, which costs no rate limit). Each first page's
 * `Link: rel="last"` lists the repo's other pages, which are returned as `remainingCursors` for
 * the engine to fetch in parallel. Asking for all repos up front is what lets one plan cover them
 * all: the engine follows no cursor after a parallel batch.
 */
export class GithubAdapter implements TrackerAdapter {
  readonly source = 'github';
  readonly name: string;
  readonly origin: string;

  constructor(
    private readonly config: GithubTrackerConfig,
    private readonly http: TrackerHttp,
  ) {
    if (http.origin !== originOf(config)) throw new Error(`the HTTP client of tracker ${config.name} is bound to ${http.origin}, not ${originOf(config)}`);
    this.name = config.name;
    this.origin = http.origin;
  }

  async page(request: PageRequest): Promise<TrackerPage> {
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    // An unreadable cursor (another version's journal) starts over; records are merged by id.
    return cursor ? this.continuePage(cursor, request.signal) : this.firstPages(request);
  }

  async check(signal: AbortSignal): Promise<string> {
    const response = await this.http.request({ url: `${this.config.url}/user`, headers: githubHeaders(), schema: userSchema, signal });
    return `connected as ${response.data?.login ?? 'unknown'}`;
  }

  private async firstPages(request: PageRequest): Promise<TrackerPage> {
    const lists = await mapWithLimit(this.config.repos, FIRST_PAGE_CONCURRENCY, async (repo) => {
      const url = firstPageUrl(this.config.url, repo, this.config.labels, request.since);
      return { repo, list: await fetchIssueList(this.http, url, request.etags?.[url], request.signal) };
    });
    // The earliest answer is the run's start: see GithubCursor.until.
    const until = lists
      .map(({ list }) => list.serverTime)
      .filter((time): time is string => time !== undefined)
      .sort()
      .at(0);
    const etags: Record<string, string> = {};
    const planned: CursorPage[] = [];
    const walked: CursorPage[] = [];
    for (const { repo, list } of lists) {
      // An ETag covers the whole answer only when it is one page; a change on a later page would not show on the first.
      if (list.etag !== undefined && (list.status === 304 || !list.links.has('next'))) etags[list.url] = list.etag;
      const next = list.links.get('next');
      if (list.status === 304 || next === undefined) continue;
      const rest = pagesUpToLast(list.links.get('last') ?? '');
      if (rest) planned.push(...rest.map((url) => ({ repo, url })));
      else walked.push({ repo, url: next, follow: true });
    }
    let links: PageLinks;
    if (walked.length > 0) {
      // Some repo cannot be planned: walk everything one page at a time (the engine would not
      // follow a cursor after a parallel batch).
      links = { etags, cursor: encodeCursor({ pages: [...walked, ...planned], ...(until !== undefined && { until }) }) };
    } else {
      const remainingCursors = planned.map((entry) => encodeCursor({ pages: [entry], ...(until !== undefined && { until }) }));
      links = { etags, ...(remainingCursors.length > 0 && { remainingCursors }) };
    }
    // The issues are validated and mapped when the engine asks, once the next pages are on their way.
    return lazyPage(links, () => this.recordsOf(lists, until));
  }

  private async continuePage(cursor: GithubCursor, signal: AbortSignal): Promise<TrackerPage> {
    const [head, ...tail] = cursor.pages;
    if (head === undefined) return mappedPage({ items: [], evidence: [], skipped: [] });
    // A repo removed from the configuration since the cursor was written is not fetched any more.
    const list = this.config.repos.includes(head.repo) ? await fetchIssueList(this.http, head.url, undefined, signal) : undefined;
    const next = list?.links.get('next');
    const pages = head.follow && next !== undefined ? [{ ...head, url: next }, ...tail] : tail;
    return lazyPage(pages.length > 0 ? { cursor: encodeCursor({ ...cursor, pages }) } : {}, () => this.recordsOf(list ? [{ repo: head.repo, list }] : [], cursor.until));
  }

  private recordsOf(lists: readonly { repo: string; list: IssueList }[], until: string | undefined): PageRecords {
    const items: FrictionItem[] = [];
    const skipped: { id: string; reason: string }[] = [];
    let newest: string | undefined;
    for (const { repo, list } of lists) {
      const mapped = mapIssues(repo, list.records);
      items.push(...mapped.items);
      skipped.push(...mapped.skipped);
      if (mapped.newest !== undefined && (newest === undefined || Date.parse(mapped.newest) > Date.parse(newest))) newest = mapped.newest;
    }
    const newestUpdate = newest !== undefined && until !== undefined && Date.parse(until) < Date.parse(newest) ? until : newest;
    return { items, evidence: [], skipped, ...(newestUpdate !== undefined && { newestUpdate }) };
  }
}

export interface GithubAdapterOptions extends Omit<TrackerHttpOptions, 'origin' | 'authorization'> {
  /** The token (VS Code's `github` session, or the environment for the CLI), read per request. */
  readonly token: () => string | undefined;
}

/** The adapter with its own origin-bound client: the token goes to the configured origin only. */
export function createGithubAdapter(config: GithubTrackerConfig, options: GithubAdapterOptions): GithubAdapter {
  const { token, ...http } = options;
  return new GithubAdapter(
    config,
    new TrackerHttp({
      ...http,
      origin: originOf(config),
      authorization: () => {
        const value = token();
        return value ? `Bearer ${value}` : undefined;
      },
    }),
  );
}
