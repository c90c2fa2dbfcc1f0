import { ProgressLocation, window, workspace } from 'vscode';
import type { TrackerStatus } from '../../../server/src/protocol';
import type { Container } from '../container';
import { pickTracker } from '../trackers/pickTracker';
import { usesGithubSession } from '../trackers/tokenAnswer';
import { tokenPrompt, validateToken } from '../trackers/tokenPrompt';
import { offerConfigFix, offerTrackerSetup, offerTryAgain, offerWorkspaceTrust } from '../trackers/trackerMessages';
import { isConnectable, trackerNameArg } from '../trackers/trackerPickItem';
import { normalOrigin } from '../trackers/trackerSecret';
import { errorMessage } from '../util/errors';

/** A token to check, and whether it is ours to store (a GitHub session's is the provider's). */
interface Candidate {
  readonly token: string;
  readonly store: boolean;
}

/**
 * Connect Tracker…: asks for a tracker's token (or signs in to GitHub for api.github.com), has
 * the server make one authenticated call with it, and stores it bound to the tracker's origin
 * only if that call succeeded. Storing fires SecretStorage's change event, which tells the
 * server to use it. Argument: an optional tracker name (from the sync status bar item).
 */
export async function connectTracker(container: Container, arg: unknown): Promise<void> {
  const { log } = container;
  if (!workspace.isTrusted) {
    // The workspace's config names the host a token would go to; only a trusted one may.
    offerWorkspaceTrust(log, 'Customer Lens connects trackers only in a trusted workspace, since its config chooses where a token is sent.');
    return;
  }
  const trackers = await container.server.listTrackers();
  if (trackers.length === 0) {
    await offerTrackerSetup(log);
    return;
  }
  const tracker = await pickTracker(container.uris, trackers, {
    title: 'Customer Lens: Connect Tracker',
    placeHolder: 'Tracker to connect',
    name: trackerNameArg(arg),
  });
  if (tracker === undefined) {
    return;
  }
  const origin = normalOrigin(tracker.origin);
  if (!isConnectable(tracker) || origin === undefined) {
    offerConfigFix(log, `Customer Lens: ${tracker.name} cannot be connected: ${tracker.message ?? 'its entry in config.yaml is invalid'}`, container.uris.toCode(tracker.folderUri));
    return;
  }
  const candidate = usesGithubSession(tracker.type, origin) ? await signInToGithub(container) : await askForToken(tracker);
  if (candidate === undefined) {
    return;
  }
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Customer Lens: connecting ${tracker.name}…`, cancellable: false },
    () => container.server.checkTracker({ folderUri: tracker.folderUri, name: tracker.name, token: candidate.token }),
  );
  if (!result.ok) {
    // A failing token is never stored.
    log.warn(`Connecting ${tracker.name} failed: ${result.message}`);
    offerTryAgain(log, `Customer Lens: could not connect ${tracker.name}: ${result.message}`, tracker.name);
    return;
  }
  if (candidate.store) {
    await container.trackerTokens.store(tracker.name, { token: candidate.token, origin });
  }
  // The account reads "connected as Dana Scully" (TrackerAdapter.check).
  log.info(`${tracker.name} (${tracker.type} at ${origin}): ${result.account}.`);
  void window.showInformationMessage(`Customer Lens: ${tracker.name} ${result.account}.`);
}

async function askForToken(tracker: TrackerStatus): Promise<Candidate | undefined> {
  const prompt = tokenPrompt(tracker);
  const token = await window.showInputBox({ ...prompt, password: true, ignoreFocusOut: true, validateInput: validateToken });
  return token === undefined ? undefined : { token: token.trim(), store: true };
}

/** The `github` provider holds the session; the server is told so it asks for the token again. */
async function signInToGithub(container: Container): Promise<Candidate | undefined> {
  try {
    const session = await container.trackerTokens.signInToGithub();
    container.tokenProvider.tokensChanged();
    return { token: session.accessToken, store: false };
  } catch (error) {
    // The user closed the sign-in dialog (or the provider failed): nothing to connect with.
    container.log.info(`GitHub sign-in did not complete: ${errorMessage(error)}`);
    return undefined;
  }
}
