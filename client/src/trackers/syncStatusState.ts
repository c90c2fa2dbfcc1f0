import type { TrackerState, TrackerStatus } from '../../../server/src/protocol';
import { count } from '../util/count';
import { formatSyncAge, formatSyncClock, formatSyncMoment, oldest, parseSyncedAt } from './syncTime';
import { describeTrackerTarget, labelSafe, TRACKER_STATE_TEXT } from './trackerStateText';

/** What a click on the sync item does. */
export type SyncClick =
  | { readonly kind: 'connect'; readonly trackerName: string }
  | { readonly kind: 'syncNow' }
  /** Syncing cannot help in Restricted Mode; trusting the workspace does. */
  | { readonly kind: 'manageTrust' };

/** What the sync status bar item shows; kept free of `vscode` so it can be unit tested. */
export interface SyncStatusBarState {
  /** Only workspaces with a configured tracker have something to say about syncing. */
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly accessibilityLabel: string;
  readonly background: 'warning' | 'error' | undefined;
  readonly click: SyncClick;
}

/**
 * When trackers disagree, the item shows the state that most needs the user: something they
 * must fix first, then what limits the data shown, then progress, then all is well.
 */
export const SYNC_STATE_PRECEDENCE: readonly TrackerState[] = ['auth-failed', 'error', 'not-connected', 'offline', 'syncing', 'untrusted', 'synced'];

export const HIDDEN_SYNC_STATE: SyncStatusBarState = {
  visible: false,
  text: '',
  tooltip: '',
  accessibilityLabel: '',
  background: undefined,
  click: { kind: 'syncNow' },
};

type Headline = Omit<SyncStatusBarState, 'visible' | 'tooltip' | 'accessibilityLabel'> & { readonly hint: string };

export function describeSyncStatus(trackers: readonly TrackerStatus[], now: Date): SyncStatusBarState {
  const state = SYNC_STATE_PRECEDENCE.find((candidate) => trackers.some((tracker) => tracker.state === candidate));
  if (state === undefined) {
    return HIDDEN_SYNC_STATE;
  }
  const inState = trackers.filter((tracker) => tracker.state === state);
  const headline = describeHeadline(state, inState, now);
  // Every headline starts with its icon, which a screen reader should not spell out.
  const plainText = headline.text.replace(/^\$\([\w~-]+\)\s*/, '');
  return {
    visible: true,
    text: headline.text,
    tooltip: [...trackers.map((tracker) => describeTracker(tracker, now)), headline.hint].join('\n\n'),
    accessibilityLabel: `Customer Lens trackers: ${plainText}. ${headline.hint}`,
    background: headline.background,
    click: headline.click,
  };
}

function describeHeadline(state: TrackerState, inState: readonly TrackerStatus[], now: Date): Headline {
  // `inState` is never empty: the state was picked because a tracker has it.
  const first = inState[0]?.name ?? '';
  const shownFirst = labelSafe(first);
  const syncNow = { click: { kind: 'syncNow' }, hint: 'Click to sync now.' } as const;
  const connect = { click: { kind: 'connect', trackerName: first }, hint: `Click to connect ${first}.` } as const;
  switch (state) {
    case 'auth-failed':
      return { text: `$(warning) ${shownFirst}: token rejected — reconnect`, background: 'warning', ...connect };
    case 'error':
      return { text: `$(error) ${shownFirst}: ${labelSafe(inState[0]?.message ?? 'error')}`, background: 'error', ...syncNow };
    case 'not-connected':
      return { text: `$(plug) ${shownFirst}: not connected`, background: undefined, ...connect };
    case 'offline': {
      const since = oldest(inState.map((tracker) => parseSyncedAt(tracker.syncedAt)));
      const data = since === undefined ? 'no data yet' : `showing data from ${formatSyncClock(since, now)}`;
      return { text: `$(cloud-offline) offline — ${data}`, background: undefined, ...syncNow };
    }
    case 'syncing':
      return { text: `$(sync~spin) Syncing ${inState.length === 1 ? shownFirst : count(inState.length, 'tracker')}…`, background: undefined, ...syncNow };
    case 'untrusted':
      return { text: '$(shield) Trackers paused (Restricted Mode)', background: undefined, click: { kind: 'manageTrust' }, hint: 'Trust this workspace to sync its trackers.' };
    case 'synced': {
      const since = oldest(inState.map((tracker) => parseSyncedAt(tracker.syncedAt)));
      return { text: `$(check) synced${since === undefined ? '' : ` ${formatSyncAge(since, now)}`}`, background: undefined, ...syncNow };
    }
  }
}

/** One tracker in the tooltip: what it is, its state, its data, and the server's message. */
function describeTracker(tracker: TrackerStatus, now: Date): string {
  const syncedAt = parseSyncedAt(tracker.syncedAt);
  // Plain text: a string tooltip shows `$(icon)` literally.
  const facts = [
    TRACKER_STATE_TEXT[tracker.state].label,
    count(tracker.records, 'record'),
    syncedAt === undefined ? 'never synced' : `synced ${formatSyncMoment(syncedAt, now)}`,
  ];
  const lines = [`${tracker.name} — ${describeTrackerTarget(tracker)}`, facts.join(' · ')];
  if (tracker.message !== undefined && tracker.message !== '') {
    lines.push(tracker.message);
  }
  return lines.join('\n');
}
