import type { TrackerTokenRequest } from '../../../server/src/protocol';
import { normalOrigin, parseTrackerSecret, trackerSecretKey } from './trackerSecret';

/** The only origin the built-in `github` provider's tokens are for (GitHub Enterprise Server is not). */
export const GITHUB_API_ORIGIN = 'https://api.github.com';

/** Where an answer came from, for the log: the answer itself (a token) is never logged. */
export type TokenAnswerSource = 'secret' | 'bound-elsewhere' | 'damaged-secret' | 'github-session' | 'none';

export interface TokenAnswer {
  readonly result: TrackerTokenRequest.Result;
  readonly source: TokenAnswerSource;
}

/** What answers need from VS Code; injected so the decision runs in unit tests. */
export interface TokenSources {
  readSecret(key: string): Promise<string | undefined>;
  /** The access token of a `github` session the user already has, without prompting; `undefined` if none. */
  githubSession(): Promise<string | undefined>;
}

/** Signing in to GitHub approves api.github.com, and only that: the provider's tokens are for it. */
export function usesGithubSession(type: string, origin: string): boolean {
  return type === 'github' && normalOrigin(origin) === GITHUB_API_ORIGIN;
}

/**
 * What a stored secret answers for a requested origin; `undefined` when nothing is stored. The
 * token goes out only for exactly the origin it was approved for; for any other the server only
 * learns where it is bound, so it can tell the user why the tracker is not connected.
 */
export function answerFromSecret(stored: string | undefined, requestedOrigin: string): TokenAnswer | undefined {
  if (stored === undefined) {
    return undefined;
  }
  const secret = parseTrackerSecret(stored);
  if (secret === undefined) {
    return { result: {}, source: 'damaged-secret' };
  }
  return secret.origin === normalOrigin(requestedOrigin)
    ? { result: { token: secret.token }, source: 'secret' }
    : { result: { boundOrigin: secret.origin }, source: 'bound-elsewhere' };
}

/** The answer to the server's `TrackerTokenRequest`: a stored secret first, then a silent `github` session. */
export async function answerTokenRequest(params: TrackerTokenRequest.Params, sources: TokenSources): Promise<TokenAnswer> {
  const fromSecret = answerFromSecret(await sources.readSecret(trackerSecretKey(params.name)), params.origin);
  if (fromSecret !== undefined) {
    return fromSecret;
  }
  if (usesGithubSession(params.type, params.origin)) {
    const token = await sources.githubSession();
    if (token !== undefined) {
      return { result: { token }, source: 'github-session' };
    }
  }
  return { result: {}, source: 'none' };
}
