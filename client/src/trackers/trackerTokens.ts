import { authentication, type AuthenticationSession, type SecretStorage } from 'vscode';
import type { TrackerTokenRequest } from '../../../server/src/protocol';
import { answerTokenRequest, type TokenAnswer } from './tokenAnswer';
import { serializeTrackerSecret, trackerSecretKey, type TrackerSecret } from './trackerSecret';

/** The built-in provider, and the scope that reads issues of private repositories too. */
export const GITHUB_PROVIDER_ID = 'github';
export const GITHUB_SCOPES: readonly string[] = ['repo'];

/**
 * Tracker tokens in VS Code's SecretStorage, each bound to the origin it was approved for, and
 * the `github` provider's session for api.github.com. Nothing here logs or returns a token
 * except as the answer the server asked for.
 */
export class TrackerTokens {
  constructor(private readonly secrets: SecretStorage) {}

  answer(params: TrackerTokenRequest.Params): Promise<TokenAnswer> {
    return answerTokenRequest(params, {
      readSecret: (key) => Promise.resolve(this.secrets.get(key)),
      githubSession: async () => (await authentication.getSession(GITHUB_PROVIDER_ID, GITHUB_SCOPES, { silent: true }))?.accessToken,
    });
  }

  /** Signs in to GitHub if needed (VS Code asks the user); rejects when the user declines. */
  signInToGithub(): Promise<AuthenticationSession> {
    return Promise.resolve(authentication.getSession(GITHUB_PROVIDER_ID, GITHUB_SCOPES, { createIfNone: true }));
  }

  async has(trackerName: string): Promise<boolean> {
    return (await this.secrets.get(trackerSecretKey(trackerName))) !== undefined;
  }

  store(trackerName: string, secret: TrackerSecret): Promise<void> {
    return Promise.resolve(this.secrets.store(trackerSecretKey(trackerName), serializeTrackerSecret(secret)));
  }

  remove(trackerName: string): Promise<void> {
    return Promise.resolve(this.secrets.delete(trackerSecretKey(trackerName)));
  }
}
