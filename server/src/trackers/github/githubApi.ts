import { z } from 'zod';
import { TrackerError } from '../trackerErrors';
import type { TrackerHttp } from '../trackerHttp';
import { parseLinkHeader, type LinkRelations } from './linkHeader';

/** Pinned, so a GitHub release cannot change the shapes under us (GHES supports it from 3.9). */
export const GITHUB_API_VERSION = '2022-11-28';
/** GitHub's maximum: the fewest requests, hence the least rate limit, per sync. */
export const PER_PAGE = 100;

/**
 * The first page of a repo's issues: every state, only the configured labels (GitHub ANDs them),
 * changed at or after `since`, newest first. Newest first matters for a list paged by number
 * while it changes: a record updated mid-sync moves to page 1, so the later pages shift towards
 * the end and repeat a record (merged by id) instead of skipping one; the moved record itself is
 * newer than the run's start, so the next run gets it (see GithubCursor.until).
 */
export function firstPageUrl(base: string, repo: string, labels: readonly string[], since: string | undefined): string {
  const [owner = '', name = ''] = repo.split('/');
  const query = new URLSearchParams({ state: 'all', sort: 'updated', direction: 'desc', per_page: String(PER_PAGE) });
  if (labels.length > 0) query.set('labels', labels.join(','));
  if (since !== undefined) query.set('since', since);
  return `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/issues?${query.toString()}`;
}

export function githubHeaders(etag?: string): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': GITHUB_API_VERSION,
    ...(etag !== undefined && { 'If-None-Match': etag }),
  };
}

export interface IssueList {
  readonly url: string;
  /** 200, or 304 when the `etag` offered still holds. */
  readonly status: number;
  /** The raw records (validated one by one by the mapper); empty for a 304. */
  readonly records: readonly unknown[];
  readonly links: LinkRelations;
  readonly etag?: string;
  /** The server's `Date`, as an ISO time without milliseconds (GitHub's own format). */
  readonly serverTime?: string;
}

const listSchema = z.array(z.unknown());

/** One page of an issues list; `etag` makes it conditional. */
export async function fetchIssueList(http: TrackerHttp, url: string, etag: string | undefined, signal: AbortSignal): Promise<IssueList> {
  const response = await http.request({ url, headers: githubHeaders(etag), schema: listSchema, signal });
  if (response.status === 304 && etag === undefined) throw new TrackerError('bad-response', `${new URL(url).pathname} answered 304 to an unconditional request`, undefined, 304);
  const answeredEtag = response.header('etag') ?? (response.status === 304 ? etag : undefined);
  const serverTime = isoSeconds(response.header('date'));
  return {
    url,
    status: response.status,
    records: response.data ?? [],
    links: parseLinkHeader(response.header('link')),
    ...(answeredEtag !== undefined && { etag: answeredEtag }),
    ...(serverTime !== undefined && { serverTime }),
  };
}

export function isoSeconds(httpDate: string | undefined): string | undefined {
  const time = httpDate === undefined ? NaN : Date.parse(httpDate);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
