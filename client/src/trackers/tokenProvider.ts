import { authentication, type Disposable, type LogOutputChannel, type SecretStorage } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import { TokensChangedNotification, TrackerTokenRequest } from '../../../server/src/protocol';
import { notifyServer } from '../lsp/notifyServer';
import { debounce } from '../util/debounce';
import { errorMessage } from '../util/errors';
import { isTrackerSecretKey } from './trackerSecret';
import { GITHUB_PROVIDER_ID, type TrackerTokens } from './trackerTokens';

/**
 * The client's side of tracker tokens: answers the server's `TrackerTokenRequest`, and tells it
 * when a token was stored or removed, or a GitHub session came or went, so it rebuilds its
 * trackers. Created before the client starts, so the handler is in place for the first request
 * and survives restarts.
 */
export class TokenProvider implements Disposable {
  private readonly subscriptions: Disposable[];
  // One notification for a burst: storing a token and signing in can each fire several events.
  private readonly notifyChanged = debounce(() => {
    notifyServer(this.client, this.log, TokensChangedNotification.type);
  }, 250);

  constructor(
    private readonly client: BaseLanguageClient,
    secrets: SecretStorage,
    tokens: TrackerTokens,
    private readonly log: LogOutputChannel,
  ) {
    this.subscriptions = [
      client.onRequest(TrackerTokenRequest.type, async (params) => {
        const about = `${params.name} (${params.type} at ${params.origin})`;
        try {
          const { result, source } = await tokens.answer(params);
          // The source, never the answer: the log must not hold a token.
          log.debug(`Token request for ${about}: ${source}.`);
          return result;
        } catch (error) {
          // Secret storage or the account provider failed: the tracker is simply not connected.
          log.warn(`Token request for ${about} failed: ${errorMessage(error)}`);
          return {};
        }
      }),
      secrets.onDidChange(({ key }) => {
        if (isTrackerSecretKey(key)) {
          this.tokensChanged();
        }
      }),
      authentication.onDidChangeSessions(({ provider }) => {
        if (provider.id === GITHUB_PROVIDER_ID) {
          this.tokensChanged();
        }
      }),
    ];
  }

  /** Also called after signing in to GitHub, which fires no event when the session already existed. */
  tokensChanged(): void {
    this.notifyChanged();
  }

  dispose(): void {
    this.notifyChanged.cancel();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
