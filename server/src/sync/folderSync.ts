import type { RecordSource } from '../catalog/recordSource';
import type { TrackerStatus } from '../protocol';
import { mapWithLimit } from '../trackers/mapWithLimit';
import type { SnapshotStore } from '../trackers/snapshotStore';
import { syncSource, type SourceSyncResult } from '../trackers/sourceSync';
import type { StoredSnapshot } from '../trackers/storedSnapshot';
import type { TrackerAdapter } from '../trackers/trackerAdapter';
import { originOf, type TrackerConfig } from '../trackers/trackerConfig';
import { createTrackers, type ApprovedToken, type HttpOptions, type TrackerProblem } from '../trackers/trackerSet';
import type { AsyncTokenSource } from './tokenSources';
import { idleStatus, problemStatus, resultStatus } from './trackerStatus';

export interface SyncLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface FolderSyncOptions {
  readonly folderUri: string;
  readonly store: SnapshotStore;
  readonly tokens: AsyncTokenSource;
  /** Read before every run: Restricted Mode can end while the server runs. */
  readonly trusted: () => boolean;
  readonly http: () => Promise<HttpOptions>;
  readonly log: SyncLog;
  /** How a user gets a token where there is none (the editor: Connect Tracker…; else an env variable). */
  readonly missingTokenHint?: (config: TrackerConfig) => string;
  /** The records in force changed (a run completed, snapshots loaded or a tracker left the config). */
  readonly onRecords: (sources: RecordSource[]) => void;
  readonly onStatus: () => void;
  /** Trackers synced at once. */
  readonly concurrency?: number;
}

/** At most this many skipped records are logged one by one per run; the rest are counted. */
const SKIPPED_LOGGED = 5;

/**
 * The trackers of one workspace folder: their snapshots (loaded before any network call, so
 * hovers answer from the last good data at once), one sync run at a time, and a status per
 * tracker. A run that fails keeps the last good snapshot in force and says why.
 */
export class FolderSync {
  private entries: readonly unknown[] = [];
  private entriesKey = '[]';
  private configs: TrackerConfig[] = [];
  private invalid: TrackerProblem[] = [];
  /** Open snapshots: the catalog reads whole records from them when an item is shown. */
  private readonly snapshots = new Map<string, StoredSnapshot>();
  private statuses = new Map<string, TrackerStatus>();
  /** Adapters kept across runs: Jira reads the user's time zone once per instance. */
  private readonly adapters = new Map<string, TrackerAdapter>();
  private readonly controller = new AbortController();
  private running: Promise<void> | undefined;
  private queued: { full: boolean; promise: Promise<void> } | undefined;

  constructor(private readonly options: FolderSyncOptions) {}

  get hasTrackers(): boolean {
    return this.configs.length + this.invalid.length > 0;
  }

  /** Every configured tracker, in config order (invalid entries too). */
  status(): TrackerStatus[] {
    return [...this.statuses.values()];
  }

  /** The records in force, trackers in config order: the catalog puts them before local files. */
  records(): RecordSource[] {
    return this.configs.flatMap((config) => this.snapshots.get(config.name) ?? []);
  }

  /**
   * Takes the folder's `trackers:` entries and loads the snapshots of newly named trackers (disk
   * only, no network). Resolves to whether the entries changed, i.e. whether a sync is due.
   */
  async configure(entries: readonly unknown[]): Promise<boolean> {
    const key = JSON.stringify(entries);
    if (key === this.entriesKey) return false;
    this.entriesKey = key;
    this.entries = entries;
    // Validation only: without tokens nothing is built, each valid entry comes back as 'no-token'.
    const probe = createTrackers(entries, () => undefined);
    this.invalid = probe.problems.filter((problem) => problem.kind === 'invalid');
    this.configs = probe.problems.flatMap((problem) => (problem.kind !== 'invalid' && problem.config ? [problem.config] : []));
    for (const problem of this.invalid) this.options.log.warn(`Tracker ${problem.tracker} in ${this.options.folderUri}: ${problem.message}`);

    const names = new Set(this.configs.map((config) => config.name));
    for (const name of this.snapshots.keys()) if (!names.has(name)) this.snapshots.delete(name);
    await Promise.all(
      this.configs
        .filter((config) => !this.snapshots.has(config.name))
        .map(async (config) => {
          const snapshot = await this.options.store.open(config.name, (reason) =>
            this.options.log.warn(`${config.name}: its snapshot ${this.options.store.fileOf(config.name)} cannot be used (${reason}); the next sync fetches everything again`),
          );
          if (snapshot) this.snapshots.set(config.name, snapshot);
        }),
    );
    const previous = this.statuses;
    this.statuses = new Map();
    for (const config of this.configs) {
      const earlier = previous.get(config.name);
      const unchanged = earlier && earlier.type === config.type && earlier.origin === originOf(config);
      // A new tracker is synced right away (the caller starts a run when this resolves true).
      this.statuses.set(config.name, unchanged ? earlier : this.idle(config, this.options.trusted() ? 'syncing' : 'untrusted'));
    }
    for (const problem of this.invalid) this.statuses.set(problem.tracker, problemStatus(this.options.folderUri, problem, undefined));
    this.options.onRecords(this.records());
    this.options.onStatus();
    return true;
  }

  /**
   * Syncs every tracker, a few at once. One run at a time: a request during a run is queued
   * (once, however many arrive) and resolves when that next run is done.
   */
  sync(full = false): Promise<void> {
    if (!this.running) return this.start(full);
    if (this.queued) {
      this.queued.full ||= full;
      return this.queued.promise;
    }
    const next: { full: boolean; promise: Promise<void> } = { full, promise: Promise.resolve() };
    next.promise = this.running.then(() => {
      this.queued = undefined;
      return this.running ?? this.start(next.full);
    });
    this.queued = next;
    return next.promise;
  }

  private start(full: boolean): Promise<void> {
    const run = this.run(full)
      .catch((error: unknown) => this.options.log.error(`Syncing the trackers of ${this.options.folderUri} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** Cancels a run in progress; its trackers keep their last good snapshots. */
  dispose(): void {
    this.controller.abort();
  }

  private async run(full: boolean): Promise<void> {
    if (this.configs.length === 0 || this.controller.signal.aborted) return;
    if (!this.options.trusted()) {
      for (const config of this.configs) this.setStatus(this.idle(config, 'untrusted'));
      this.options.onStatus();
      return;
    }
    const configs = this.configs;
    const tokens = new Map<string, ApprovedToken | undefined>();
    for (const config of configs) {
      tokens.set(
        config.name,
        await this.options.tokens(config).catch((error: unknown) => {
          this.options.log.warn(`${config.name}: could not get its token: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }),
      );
    }
    const http = await this.options.http();
    const set = createTrackers(this.entries, (config) => tokens.get(config.name), {
      ...http,
      reuse: this.adapters,
      ...(this.options.missingTokenHint && { missingTokenHint: this.options.missingTokenHint }),
    });
    for (const problem of set.problems) {
      if (problem.kind === 'invalid') continue;
      const status = problemStatus(this.options.folderUri, problem, this.snapshots.get(problem.tracker));
      if (this.statuses.get(problem.tracker)?.message !== status.message) this.options.log.info(`${problem.tracker}: ${problem.message}`);
      this.setStatus(status);
    }
    set.adapters.forEach((adapter, index) => {
      const config = set.configs[index] as TrackerConfig;
      this.setStatus(this.idle(config, 'syncing'));
    });
    this.options.onStatus();

    const signal = this.controller.signal;
    await mapWithLimit(set.adapters, this.options.concurrency ?? 3, async (adapter) => {
      const config = set.configs[set.adapters.indexOf(adapter)] as TrackerConfig;
      const result = await this.syncOne(adapter, full, signal);
      // The config may have changed during the run: a tracker no longer configured is forgotten.
      if (!this.configs.some((current) => current.name === config.name)) return;
      this.apply(config, result, full);
    });
  }

  /** syncSource reports every failure in its result, a local one (the disk is full) too. */
  private syncOne(adapter: TrackerAdapter, full: boolean, signal: AbortSignal): Promise<SourceSyncResult> {
    const log = this.options.log;
    return syncSource(adapter, this.options.store, {
      signal,
      full,
      onRetry: (error, delayMs, attempt) =>
        log.warn(`${adapter.name}: ${error.kind}${error.status !== undefined ? ` (HTTP ${error.status})` : ''}, retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt}): ${error.message}`),
    });
  }

  private apply(config: TrackerConfig, result: SourceSyncResult, full: boolean): void {
    const log = this.options.log;
    const previous = this.snapshots.get(config.name);
    const seconds = (result.milliseconds / 1000).toFixed(1);
    if (result.outcome === 'synced' && result.snapshot) {
      const records = result.snapshot.records;
      const mode = full || previous?.watermark === undefined ? 'full' : `since ${previous.watermark}`;
      log.info(
        `${config.name} (${config.type}, ${originOf(config)}): synced ${result.fetched} changed records in ${result.pages} pages, ${seconds} s (${mode}${result.resumed ? ', resumed' : ''}); ${records} records in total` +
          (result.skipped.length > 0 ? `; ${result.skipped.length} skipped` : ''),
      );
      for (const skipped of result.skipped.slice(0, SKIPPED_LOGGED)) log.warn(`${config.name}: skipped ${skipped.id}: ${skipped.reason}`);
      if (result.skipped.length > SKIPPED_LOGGED) log.warn(`${config.name}: … and ${result.skipped.length - SKIPPED_LOGGED} more skipped records`);
      this.snapshots.set(config.name, result.snapshot);
      // A run that changed no record (it only noted its time): the catalog need not be rebuilt.
      if (result.changed !== false || previous === undefined) this.options.onRecords(this.records());
    } else if (result.outcome === 'failed') {
      const kept = result.snapshot ? `showing data from ${result.snapshot.syncedAt}` : 'no earlier data';
      const error = result.error;
      log.error(`${config.name}: sync failed after ${seconds} s (${error?.kind ?? 'error'}${error?.status !== undefined ? `, HTTP ${error.status}` : ''}): ${error?.message ?? 'unknown error'}; ${kept}`);
    } else {
      log.info(`${config.name}: sync cancelled after ${seconds} s; the next run resumes where it stopped`);
    }
    this.setStatus(resultStatus(this.options.folderUri, config, result));
    this.options.onStatus();
    // A run that did not complete hands back the last good snapshot it opened itself; the folder
    // goes on with the one it has open.
    if (result.outcome !== 'synced' && result.snapshot && result.snapshot !== this.snapshots.get(config.name)) result.snapshot.close();
  }

  private idle(config: TrackerConfig, state: 'syncing' | 'untrusted'): TrackerStatus {
    const message = state === 'untrusted' ? 'Restricted Mode: trust the workspace to sync' : undefined;
    return idleStatus(this.options.folderUri, config, state, this.snapshots.get(config.name), message);
  }

  private setStatus(status: TrackerStatus): void {
    if (this.statuses.has(status.name)) this.statuses.set(status.name, status);
  }
}
