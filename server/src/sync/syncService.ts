import type { Connection } from 'vscode-languageserver';
import {
  CheckTrackerRequest,
  ListTrackersRequest,
  SyncNowRequest,
  SyncStatusNotification,
  TokensChangedNotification,
  WorkspaceTrustedNotification,
  type InitializationOptions,
  type TrackerStatus,
} from '../protocol';
import { SnapshotStore } from '../trackers/snapshotStore';
import { originOf, tokenVariable } from '../trackers/trackerConfig';
import { createTrackers, environmentTokens, type HttpOptions } from '../trackers/trackerSet';
import type { FolderModel } from '../workspace/folderModel';
import { FolderSync, type SyncLog } from './folderSync';
import { snapshotFolder } from './snapshotFolder';
import { clientTokens, fromSyncSource, type AsyncTokenSource } from './tokenSources';

export interface SyncServiceOptions {
  readonly connection: Connection;
  readonly init: InitializationOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: SyncLog;
  /** `customerLens.sync.intervalMinutes` (0: no background sync). */
  readonly intervalMinutes: () => Promise<number>;
  /** `http.proxy` / `http.proxyStrictSSL` from the editor; the environment's HTTPS_PROXY otherwise. */
  readonly http: () => Promise<HttpOptions>;
  /** A folder's catalog changed because tracker records did. */
  readonly onCatalogChanged: (folder: FolderModel) => void;
}

/** A Connect Tracker… test call gives up after this long. */
const CHECK_TIMEOUT_MS = 20_000;

/**
 * The trackers of every workspace folder: a `FolderSync` each, background syncs on an interval,
 * and the custom requests about them (Sync Now, the tracker list, Connect Tracker…'s test call).
 * Nothing touches the network before the client said the workspace is trusted.
 */
export class SyncService {
  private readonly syncs = new Map<FolderModel, FolderSync>();
  private trusted: boolean;
  private readonly tokens: AsyncTokenSource;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: SyncServiceOptions) {
    // The standalone server is started by the user on their own workspace: trusted.
    this.trusted = options.init.workspaceTrusted !== false;
    this.tokens = options.init.tokensFromClient ? clientTokens(options.connection) : fromSyncSource(environmentTokens(options.env));
  }

  register(): void {
    const { connection } = this.options;
    connection.onRequest(ListTrackersRequest.type, () => this.status());
    connection.onRequest(SyncNowRequest.type, async (params) => {
      await this.syncAll(params.full === true);
      return this.status();
    });
    connection.onRequest(CheckTrackerRequest.type, (params, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return this.check(params, controller).finally(() => subscription.dispose());
    });
    connection.onNotification(TokensChangedNotification.type, () => {
      this.options.log.info('Tracker tokens changed: syncing.');
      void this.syncAll(false);
    });
    connection.onNotification(WorkspaceTrustedNotification.type, () => {
      if (this.trusted) return;
      this.trusted = true;
      this.options.log.info('Workspace trusted: trackers may be synced now.');
      void this.syncAll(false);
    });
  }

  /**
   * After a folder's local files were (re)loaded: takes its `trackers:` entries, loads their
   * snapshots before any network call and, when the entries changed, starts a sync.
   */
  async configure(folder: FolderModel): Promise<void> {
    let sync = this.syncs.get(folder);
    if (!sync) {
      sync = this.createSync(folder);
      this.syncs.set(folder, sync);
    }
    if (await sync.configure(folder.trackerEntries)) {
      void sync.sync(false);
      this.scheduleNext();
    }
  }

  remove(folder: FolderModel): void {
    this.syncs.get(folder)?.dispose();
    this.syncs.delete(folder);
    this.sendStatus();
  }

  status(): TrackerStatus[] {
    return [...this.syncs.values()].flatMap((sync) => sync.status());
  }

  async syncAll(full: boolean): Promise<void> {
    await Promise.all([...this.syncs.values()].map((sync) => sync.sync(full)));
    this.scheduleNext();
  }

  /** The interval setting may have changed. */
  settingsChanged(): void {
    this.scheduleNext();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const sync of this.syncs.values()) sync.dispose();
  }

  private createSync(folder: FolderModel): FolderSync {
    const editor = this.options.init.tokensFromClient === true;
    return new FolderSync({
      folderUri: folder.uri,
      store: new SnapshotStore(snapshotFolder(folder.root, this.options.init.storagePath, this.options.env)),
      tokens: this.tokens,
      trusted: () => this.trusted,
      http: this.options.http,
      log: this.options.log,
      missingTokenHint: (config) => (editor ? 'run Customer Lens: Connect Tracker…' : `set ${tokenVariable(config.name)}`),
      onRecords: (sources) => {
        folder.setTrackerSources(sources);
        this.options.onCatalogChanged(folder);
      },
      onStatus: () => this.sendStatus(),
    });
  }

  private sendStatus(): void {
    void this.options.connection.sendNotification(SyncStatusNotification.type, { trackers: this.status() });
  }

  /** The next background sync, per the setting; restarted after every sync-all. */
  private scheduleNext(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || ![...this.syncs.values()].some((sync) => sync.hasTrackers)) return;
    this.options
      .intervalMinutes()
      .then((minutes) => {
        if (this.disposed || minutes <= 0) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.syncAll(false), minutes * 60_000);
        this.timer.unref();
      })
      .catch(() => undefined);
  }

  private async check(params: CheckTrackerRequest.Params, controller: AbortController): Promise<CheckTrackerRequest.Result> {
    const folder = [...this.syncs.keys()].find((candidate) => candidate.uri === params.folderUri);
    if (!folder) return { ok: false, message: `no workspace folder ${params.folderUri}` };
    if (!this.trusted) return { ok: false, message: 'the workspace is not trusted: no tracker is contacted in Restricted Mode' };
    const entry = folder.trackerEntries.find((candidate) => typeof candidate === 'object' && candidate !== null && 'name' in candidate && candidate.name === params.name);
    if (entry === undefined) return { ok: false, message: `no tracker named '${params.name}' in .customer-lens/config.yaml` };
    // The candidate token is offered for the entry's own origin only, so it can go nowhere else.
    const set = createTrackers([entry], (config) => ({ token: params.token, origin: originOf(config) }), { ...(await this.options.http()), timeoutMs: CHECK_TIMEOUT_MS });
    const adapter = set.adapters[0];
    if (!adapter) return { ok: false, message: set.problems[0]?.message ?? 'invalid tracker config' };
    const timeout = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
    try {
      const account = await adapter.check(controller.signal);
      this.options.log.info(`${params.name}: token accepted by ${adapter.origin} (${account}).`);
      return { ok: true, account };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const text = message.split(params.token).join('***');
      this.options.log.warn(`${params.name}: token check against ${adapter.origin} failed: ${text}`);
      return { ok: false, message: text };
    } finally {
      clearTimeout(timeout);
    }
  }
}
