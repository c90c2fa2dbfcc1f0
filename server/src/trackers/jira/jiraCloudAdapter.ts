import { z } from 'zod';
import { lazyPage, type PageRequest, type TrackerAdapter, type TrackerPage } from '../trackerAdapter';
import type { jiraTrackerSchema } from '../trackerConfig';
import { TrackerError } from '../trackerErrors';
import type { TrackerHttp } from '../trackerHttp';
import { adfToText } from './adf';
import { mapJiraIssues, searchFields, type JiraMapping } from './jiraIssue';
import { searchJql } from './jiraJql';
import { JiraUser } from './jiraUser';

export type JiraCloudConfig = z.infer<typeof jiraTrackerSchema>;

export interface JiraAdapterOptions {
  /** Issues asked for per page; Jira may answer fewer (it caps pages by the fields asked for). */
  readonly pageSize?: number;
  /** The Jira user's time zone when known in advance; otherwise asked of `/myself` once. */
  readonly timeZone?: string;
}

export const DEFAULT_PAGE_SIZE = 100;

/** The enhanced search's page: `nextPageToken` is absent on the last page (and `isLast` true). */
const searchPageSchema = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/**
 * Jira Cloud, REST v3 (DESIGN.md, "Trackers"): `GET /rest/api/3/search/jql` with the configured
 * JQL narrowed by an `updated >=` watermark, explicit `fields`, `nextPageToken` paging (the old
 * `/search` answers 410), ADF descriptions as plain text.
 */
export class JiraCloudAdapter implements TrackerAdapter {
  readonly source = 'jira';
  readonly name: string;
  private readonly mapping: JiraMapping;
  private readonly user: JiraUser;
  private readonly pageSize: number;

  constructor(
    private readonly config: JiraCloudConfig,
    private readonly http: TrackerHttp,
    options: JiraAdapterOptions = {},
  ) {
    this.name = config.name;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.mapping = { site: config.url, ...(config.customersField && { customersField: config.customersField }), descriptionText: adfToText };
    this.user = new JiraUser(http, `${config.url}/rest/api/3/myself`, options.timeZone);
  }

  get origin(): string {
    return this.http.origin;
  }

  async page(request: PageRequest): Promise<TrackerPage> {
    // JQL date literals are read in the user's zone: only an incremental search needs it.
    const jql = searchJql(this.config.jql, request.since, request.since === undefined ? 'UTC' : await this.user.timeZone(request.signal));
    try {
      return await this.search(jql, request.cursor, request.signal);
    } catch (error) {
      // A page token Jira no longer takes (they expire after 7 days, and a persisted one can
      // outlive that): list again from the start. Records merge by id, so a page seen twice
      // duplicates nothing, and a sync is never stuck on a dead token.
      if (request.cursor !== undefined && error instanceof TrackerError && error.kind === 'config' && error.status === 400) return this.search(jql, undefined, request.signal);
      throw error;
    }
  }

  check(signal: AbortSignal): Promise<string> {
    return this.user.describe(signal);
  }

  private async search(jql: string, token: string | undefined, signal: AbortSignal): Promise<TrackerPage> {
    const response = await this.http.request({
      url: `${this.config.url}/rest/api/3/search/jql`,
      params: { jql, fields: searchFields(this.config.customersField), maxResults: this.pageSize, nextPageToken: token },
      schema: searchPageSchema,
      signal,
    });
    const data = response.data ?? { issues: [] };
    const next = data.isLast === true ? undefined : (data.nextPageToken ?? undefined);
    if (next !== undefined && next === token) throw new TrackerError('bad-response', `${this.origin}: Jira answered the same nextPageToken again`, undefined, response.status);
    // The issues are validated and mapped when the engine asks, once the next page is on its way.
    return lazyPage(next !== undefined && next !== '' ? { cursor: next } : {}, () => {
      const mapped = mapJiraIssues(data.issues, this.mapping);
      return { items: mapped.items, evidence: [], skipped: mapped.skipped, ...(mapped.newestUpdate !== undefined && { newestUpdate: mapped.newestUpdate }) };
    });
  }
}
