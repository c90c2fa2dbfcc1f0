import { ProgressLocation, window } from 'vscode';
import type { Container } from '../container';
import { syncOutcome } from '../trackers/syncOutcome';
import { offerReconnect, offerTrackerSetup, offerWorkspaceTrust } from '../trackers/trackerMessages';

/** Status bar messages this long are read, then get out of the way. */
const DONE_MESSAGE_MS = 4000;

/**
 * Sync Now: the server syncs every tracker of every folder and answers when all are done. A
 * rejected token is worth a warning (only the user can fix it); everything else the sync
 * status bar item already says.
 */
export async function syncNow(container: Container): Promise<void> {
  const trackers = await window.withProgress(
    { location: ProgressLocation.Window, title: 'Customer Lens: syncing trackers…' },
    () => container.server.syncNow({}),
  );
  const outcome = syncOutcome(trackers);
  switch (outcome.kind) {
    case 'no-trackers':
      await offerTrackerSetup(container.log);
      return;
    case 'auth-failed':
      offerReconnect(container.log, `Customer Lens: ${outcome.message}`, outcome.trackerName);
      return;
    case 'untrusted':
      offerWorkspaceTrust(container.log, 'Customer Lens: trackers are paused in Restricted Mode. Trust this workspace to sync them.');
      return;
    case 'done':
      window.setStatusBarMessage(`$(check) Customer Lens: ${outcome.message}`, DONE_MESSAGE_MS);
      return;
  }
}
