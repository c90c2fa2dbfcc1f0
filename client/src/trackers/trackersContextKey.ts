import type { Disposable } from 'vscode';
import { ContextKeys, setContext } from '../contextKeys';
import type { TrackerStatuses } from './trackerStatuses';

/** Keeps `customerLens.hasTrackers` in step with the server's tracker list (menus show Sync Now on it). */
export function trackTrackersContextKey(statuses: TrackerStatuses): Disposable {
  let hasTrackers = false;
  setContext(ContextKeys.hasTrackers, hasTrackers);
  return statuses.onDidChange((trackers) => {
    // Status changes are frequent while syncing; the key only changes when trackers come or go.
    if (hasTrackers !== trackers.length > 0) {
      hasTrackers = trackers.length > 0;
      setContext(ContextKeys.hasTrackers, hasTrackers);
    }
  });
}
