import type { Connection } from 'vscode-languageserver';
import { TrackerTokenRequest } from '../protocol';
import type { TrackerConfig } from '../trackers/trackerConfig';
import { originOf } from '../trackers/trackerConfig';
import type { ApprovedToken, TokenSource } from '../trackers/trackerSet';

/** A token source that may have to ask someone (the editor's SecretStorage): asked once per sync. */
export type AsyncTokenSource = (config: TrackerConfig) => Promise<ApprovedToken | undefined>;

export function fromSyncSource(source: TokenSource): AsyncTokenSource {
  return (config) => Promise.resolve(source(config));
}

/**
 * Tokens from the editor: the client answers with the token only when the user approved it for
 * the origin the config names. When it is bound elsewhere the answer names that origin and no
 * token, which `createTrackers` reports as a mismatch without anything being sent.
 */
export function clientTokens(connection: Connection): AsyncTokenSource {
  return async (config) => {
    const origin = originOf(config);
    const answer = await connection.sendRequest(TrackerTokenRequest.type, { name: config.name, type: config.type, origin });
    if (answer.token) return { token: answer.token, origin };
    if (answer.boundOrigin) return { token: '', origin: answer.boundOrigin };
    return undefined;
  };
}
