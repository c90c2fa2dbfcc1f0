import type { TrackerStatus } from '../../../server/src/protocol';
import { count } from '../util/count';

/** What Sync Now tells the user once the server answered; the status bar item says the rest. */
export type SyncOutcome =
  | { readonly kind: 'no-trackers' }
  /** A rejected token needs the user: the warning offers to reconnect this tracker. */
  | { readonly kind: 'auth-failed'; readonly trackerName: string; readonly message: string }
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'done'; readonly message: string };

export function syncOutcome(trackers: readonly TrackerStatus[]): SyncOutcome {
  if (trackers.length === 0) {
    return { kind: 'no-trackers' };
  }
  const rejected = trackers.filter((tracker) => tracker.state === 'auth-failed');
  const [first] = rejected;
  if (first !== undefined) {
    const others = rejected.length > 1 ? ` (and ${count(rejected.length - 1, 'other tracker')})` : '';
    return { kind: 'auth-failed', trackerName: first.name, message: `${first.name}${others} rejected its token. Reconnect to enter a new one.` };
  }
  if (trackers.every((tracker) => tracker.state === 'untrusted')) {
    return { kind: 'untrusted' };
  }
  const synced = trackers.filter((tracker) => tracker.state === 'synced').length;
  return {
    kind: 'done',
    message: synced === trackers.length ? `Synced ${count(synced, 'tracker')}` : `Synced ${synced} of ${count(trackers.length, 'tracker')}`,
  };
}
