import type { TrackerStatus } from '../../../server/src/protocol';
import { describeTrackerTarget, labelSafe, TRACKER_STATE_TEXT } from './trackerStateText';

/** A Connect/Disconnect Tracker… row; a plain object so it can be unit tested. */
export interface TrackerPickItem {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly tracker: TrackerStatus;
}

/** `folderName` only in a multi-root workspace, where two folders may configure the same name. */
export function toTrackerPickItem(tracker: TrackerStatus, folderName?: string): TrackerPickItem {
  const { icon, label } = TRACKER_STATE_TEXT[tracker.state];
  return {
    label: `${icon} ${labelSafe(tracker.name)}`,
    description: labelSafe(describeTrackerTarget(tracker)),
    detail: labelSafe([folderName, label, tracker.message].filter((part) => part !== undefined && part !== '').join(' · ')),
    tracker,
  };
}

/** An entry the server could not read has no type or origin: there is nothing a token could be approved for. */
export function isConnectable(tracker: TrackerStatus): boolean {
  return tracker.type !== '' && tracker.origin !== '';
}

/** The tracker a command argument names; the first folder's when several folders use the name. */
export function findTracker(trackers: readonly TrackerStatus[], name: string): TrackerStatus | undefined {
  return trackers.find((tracker) => tracker.name === name);
}

/** A tracker name passed as a command argument; anything else (a tree node, nothing) is no name. */
export function trackerNameArg(arg: unknown): string | undefined {
  return typeof arg === 'string' && arg.trim() !== '' ? arg.trim() : undefined;
}
