import { z } from 'zod';
import { lazyPage, type PageRequest, type TrackerAdapter, type TrackerPage } from '../trackerAdapter';
import type { jiraDataCenterTrackerSchema } from '../trackerConfig';
import { TrackerError } from '../trackerErrors';
import type { TrackerHttp } from '../trackerHttp';
import { DEFAULT_PAGE_SIZE, type JiraAdapterOptions } from './jiraCloudAdapter';
import { mapJiraIssues, searchFields, type JiraMapping } from './jiraIssue';
import { searchJql } from './jiraJql';
import { JiraUser } from './jiraUser';
import { wikiMarkupToText } from './wikiMarkup';

export type JiraDataCenterConfig = z.infer<typeof jiraDataCenterTrackerSchema>;

const searchPageSchema = z.object({
  startAt: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(z.unknown()),
});

/**
 * Jira Data Center / Server, REST v2 (DESIGN.md, "Trackers"): `GET /rest/api/2/search` with
 * `startAt`/`maxResults` paging to `total`, a Bearer personal access token, wiki-markup
 * descriptions as plain text. The site may have a context path (`https://host/jira`).
 */
export class JiraDataCenterAdapter implements TrackerAdapter {
  readonly source = 'jira';
  readonly name: string;
  private readonly mapping: JiraMapping;
  private readonly user: JiraUser;
  private readonly pageSize: number;

  constructor(
    private readonly config: JiraDataCenterConfig,
    private readonly http: TrackerHttp,
    options: JiraAdapterOptions = {},
  ) {
    this.name = config.name;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.mapping = { site: config.url, ...(config.customersField && { customersField: config.customersField }), descriptionText: wikiMarkupToText };
    this.user = new JiraUser(http, `${config.url}/rest/api/2/myself`, options.timeZone);
  }

  get origin(): string {
    return this.http.origin;
  }

  async page(request: PageRequest): Promise<TrackerPage> {
    const jql = searchJql(this.config.jql, request.since, request.since === undefined ? 'UTC' : await this.user.timeZone(request.signal));
    // The cursor is the next `startAt`; anything else (a cursor from another version) starts over,
    // which is harmless: records merge by id.
    const startAt = request.cursor !== undefined && /^\d{1,9}$/.test(request.cursor) ? Number(request.cursor) : 0;
    let response;
    try {
      response = await this.http.request({
        url: `${this.config.url}/rest/api/2/search`,
        params: { jql, startAt, maxResults: this.pageSize, fields: searchFields(this.config.customersField) },
        schema: searchPageSchema,
        signal: request.signal,
      });
    } catch (error) {
      // Jira Cloud answers the v2 search with 410: the configuration names the wrong kind of Jira.
      if (error instanceof TrackerError && error.status === 410) throw new TrackerError('config', `${error.message} (this looks like Jira Cloud: use \`type: jira\`)`, undefined, 410);
      throw error;
    }
    const data = response.data ?? { startAt, total: 0, issues: [] };
    // From what the server says it returned: it may cap `maxResults` below what was asked.
    const next = data.startAt + data.issues.length;
    const more = data.issues.length > 0 && next < data.total;
    // The issues are validated and mapped when the engine asks, once the next page is on its way.
    return lazyPage(more ? { cursor: String(next) } : {}, () => {
      const mapped = mapJiraIssues(data.issues, this.mapping);
      return { items: mapped.items, evidence: [], skipped: mapped.skipped, ...(mapped.newestUpdate !== undefined && { newestUpdate: mapped.newestUpdate }) };
    });
  }

  check(signal: AbortSignal): Promise<string> {
    return this.user.describe(signal);
  }
}
