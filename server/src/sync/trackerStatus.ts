import type { TrackerState, TrackerStatus } from '../protocol';
import type { SourceSyncResult } from '../trackers/sourceSync';
import type { StoredSnapshot } from '../trackers/storedSnapshot';
import { originOf, type TrackerConfig } from '../trackers/trackerConfig';
import type { TrackerFailureKind } from '../trackers/trackerErrors';
import type { TrackerProblem } from '../trackers/trackerSet';

/** What a status tells of the snapshot in force. */
type SnapshotFacts = Pick<StoredSnapshot, 'syncedAt' | 'records'>;

/** The status of a configured tracker before or without a run: what its snapshot says. */
export function idleStatus(folderUri: string, config: TrackerConfig, state: TrackerState, snapshot: SnapshotFacts | undefined, message?: string): TrackerStatus {
  return {
    folderUri,
    name: config.name,
    type: config.type,
    origin: originOf(config),
    state,
    ...(snapshot && { syncedAt: snapshot.syncedAt }),
    records: snapshot?.records ?? 0,
    ...(message !== undefined && { message }),
  };
}

/** A tracker that could not be built: an invalid entry, or one the user has not connected. */
export function problemStatus(folderUri: string, problem: TrackerProblem, snapshot: SnapshotFacts | undefined): TrackerStatus {
  if (!problem.config) return { folderUri, name: problem.tracker, type: '', origin: '', state: 'error', records: 0, message: problem.message };
  return idleStatus(folderUri, problem.config, problem.kind === 'invalid' ? 'error' : 'not-connected', snapshot, problem.message);
}

const FAILURE_STATE: Record<TrackerFailureKind, TrackerState> = {
  'rate-limited': 'offline',
  transient: 'offline',
  'bad-response': 'offline',
  auth: 'auth-failed',
  config: 'error',
  cancelled: 'offline',
};

/** After a run: synced, or why not (the snapshot in force is the last good one). */
export function resultStatus(folderUri: string, config: TrackerConfig, result: SourceSyncResult): TrackerStatus {
  if (result.outcome === 'synced') return idleStatus(folderUri, config, 'synced', result.snapshot);
  const kind = result.error?.kind ?? 'transient';
  const detail = result.error?.message ?? result.outcome;
  const message = kind === 'auth' ? `token rejected — reconnect (${detail})` : detail;
  return idleStatus(folderUri, config, FAILURE_STATE[kind], result.snapshot, message);
}
