import { window } from 'vscode';
import type { TrackerStatus } from '../../../server/src/protocol';
import type { Container } from '../container';
import { pickTracker } from '../trackers/pickTracker';
import { usesGithubSession } from '../trackers/tokenAnswer';
import { trackerNameArg } from '../trackers/trackerPickItem';

/**
 * Disconnect Tracker…: removes a tracker's token from SecretStorage. Only trackers with a stored
 * token are offered; a GitHub session belongs to VS Code's Accounts menu, not to us. Removing
 * fires SecretStorage's change event, which tells the server. Argument: an optional tracker name.
 */
export async function disconnectTracker(container: Container, arg: unknown): Promise<void> {
  const trackers = await container.server.listTrackers();
  const connected = await withStoredToken(container, trackers);
  if (connected.length === 0) {
    const github = trackers.some((tracker) => usesGithubSession(tracker.type, tracker.origin));
    void window.showInformationMessage(
      `Customer Lens: no tracker has a token stored in VS Code.${github ? ' GitHub trackers use your GitHub account: sign out of it in the Accounts menu.' : ''}`,
    );
    return;
  }
  const tracker = await pickTracker(container.uris, connected, {
    title: 'Customer Lens: Disconnect Tracker',
    placeHolder: 'Tracker whose token to remove',
    name: trackerNameArg(arg),
  });
  if (tracker === undefined) {
    return;
  }
  await container.trackerTokens.remove(tracker.name);
  container.log.info(`Removed the stored token of ${tracker.name}.`);
  void window.showInformationMessage(`Disconnected ${tracker.name}: its token was removed from VS Code's secret storage.`);
}

/** One entry per name: the token is stored by tracker name, whichever folders configure it. */
async function withStoredToken(container: Container, trackers: readonly TrackerStatus[]): Promise<TrackerStatus[]> {
  const unique = [...new Map(trackers.map((tracker) => [tracker.name, tracker])).values()];
  const stored = await Promise.all(unique.map((tracker) => container.trackerTokens.has(tracker.name)));
  return unique.filter((_, index) => stored[index] === true);
}
