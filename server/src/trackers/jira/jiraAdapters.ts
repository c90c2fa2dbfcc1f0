import { TrackerHttp, type TrackerHttpOptions } from '../trackerHttp';
import { JiraCloudAdapter, type JiraAdapterOptions, type JiraCloudConfig } from './jiraCloudAdapter';
import { JiraDataCenterAdapter, type JiraDataCenterConfig } from './jiraDataCenterAdapter';

export interface JiraConnection extends Omit<TrackerHttpOptions, 'authorization'> {
  /** Read per request, so a token replaced in SecretStorage is used at once. */
  readonly token: () => string | undefined;
}

/**
 * Jira Cloud takes Basic `email:api-token`; without an email (an OAuth access token, or Data
 * Center's personal access token) the token goes as Bearer.
 */
export function jiraAuthorization(token: string | undefined, email?: string): string | undefined {
  if (!token) return undefined;
  return email ? `Basic ${Buffer.from(`${email}:${token}`, 'utf8').toString('base64')}` : `Bearer ${token}`;
}

/**
 * The adapter for a `jira` or `jira-dc` tracker. `connection.origin` is the origin the user
 * approved for the token, not the one the config names: when they differ, no request is sent.
 */
export function createJiraAdapter(config: JiraCloudConfig | JiraDataCenterConfig, connection: JiraConnection, options: JiraAdapterOptions = {}): JiraCloudAdapter | JiraDataCenterAdapter {
  const email = config.type === 'jira' ? config.email : undefined;
  const http = new TrackerHttp({ ...connection, authorization: () => jiraAuthorization(connection.token(), email) });
  return config.type === 'jira' ? new JiraCloudAdapter(config, http, options) : new JiraDataCenterAdapter(config, http, options);
}
