import { window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandIds } from './commandIds';
import { createConfig } from './commands/createConfig';
import { connectTracker } from './commands/connectTracker';
import { disconnectTracker } from './commands/disconnectTracker';
import { copyKey, openInPanel, openInTracker } from './commands/itemActions';
import { openItem } from './commands/openItem';
import { registerCommand } from './commands/registerCommand';
import { restartServer } from './commands/restartServer';
import { searchFrictionItems } from './commands/searchFrictionItems';
import { showCustomerContext } from './commands/showCustomerContext';
import { showOutput } from './commands/showOutput';
import { syncNow } from './commands/syncNow';
import { ConfigPresence } from './config/configPresence';
import { LastTextEditor } from './editors/lastTextEditor';
import { createLanguageClient } from './languageClient';
import type { CustomerLensServer } from './lsp/customerLensServer';
import { languageServerApi } from './lsp/languageServerApi';
import { ServerEvents } from './lsp/serverEvents';
import { uriConverter, type UriConverter } from './lsp/uriConverter';
import { CustomerLensPanel } from './panel/customerLensPanel';
import { registerPanelSerializer } from './panel/panelSerializer';
import { StatusBar } from './statusBar';
import { SyncStatusBar } from './trackers/syncStatusBar';
import { TokenProvider } from './trackers/tokenProvider';
import { trackTrackersContextKey } from './trackers/trackersContextKey';
import { TrackerStatuses } from './trackers/trackerStatuses';
import { TrackerTokens } from './trackers/trackerTokens';
import { FrictionView } from './views/friction/frictionView';
import { ThisFileView } from './views/thisFile/thisFileView';
import { watchWorkspaceTrust } from './workspaceTrust';

/**
 * Owns every long-lived object of the extension and everything that must be disposed, so
 * that nothing leaks on deactivation and features reach their collaborators in one place.
 */
export class Container implements Disposable {
  readonly log: LogOutputChannel;
  readonly client: LanguageClient;
  /** The server's custom requests; features use this rather than the client. */
  readonly server: CustomerLensServer;
  readonly events: ServerEvents;
  readonly uris: UriConverter;
  readonly lastEditor: LastTextEditor;
  readonly configPresence: ConfigPresence;
  readonly panel: CustomerLensPanel;
  readonly trackerTokens: TrackerTokens;
  readonly tokenProvider: TokenProvider;
  readonly trackerStatuses: TrackerStatuses;
  private readonly disposables: Disposable[] = [];

  constructor(context: ExtensionContext) {
    this.log = this.track(window.createOutputChannel('Customer Lens', { log: true }));
    this.client = createLanguageClient(context, this.log);
    this.track({
      dispose: () => {
        this.client.dispose().catch((error: unknown) => {
          this.logError('dispose', error);
        });
      },
    });
    this.server = languageServerApi(this.client);
    this.uris = uriConverter(this.client);
    // Before any feature: it registers the client's only handler for each notification.
    this.events = this.track(new ServerEvents(this.client));
    this.lastEditor = this.track(new LastTextEditor());
    this.track(watchWorkspaceTrust(this.client, this.log));
    this.configPresence = this.track(new ConfigPresence(this.log));
    this.track(new StatusBar(this.client, this.events));
    this.trackerTokens = new TrackerTokens(context.secrets);
    // Before `start()`, like the events: the server asks for tokens as soon as it has trackers.
    this.tokenProvider = this.track(new TokenProvider(this.client, context.secrets, this.trackerTokens, this.log));
    this.trackerStatuses = this.track(new TrackerStatuses(this.client, this.events));
    this.track(trackTrackersContextKey(this.trackerStatuses));
    this.track(new SyncStatusBar(this.trackerStatuses));

    const views = { server: this.server, events: this.events, uris: this.uris, log: this.log };
    this.track(new FrictionView(views));
    this.track(new ThisFileView(views));
    this.panel = this.track(new CustomerLensPanel({ ...views, extensionUri: context.extensionUri, lastEditor: this.lastEditor }));
    // During activation, so a panel open before a reload comes back.
    this.track(registerPanelSerializer(this.panel));

    this.track(registerCommand(CommandIds.searchFrictionItems, this.log, () => searchFrictionItems(this)));
    this.track(registerCommand(CommandIds.openItem, this.log, (...args) => openItem(this, args)));
    this.track(registerCommand(CommandIds.showCustomerContext, this.log, () => showCustomerContext(this)));
    this.track(registerCommand(CommandIds.createConfig, this.log, () => createConfig(this)));
    this.track(registerCommand(CommandIds.openInPanel, this.log, (arg) => openInPanel(this, CommandIds.openInPanel, arg)));
    this.track(registerCommand(CommandIds.openInTracker, this.log, (arg) => openInTracker(this, CommandIds.openInTracker, arg)));
    this.track(registerCommand(CommandIds.copyKey, this.log, (arg) => copyKey(this, CommandIds.copyKey, arg)));
    this.track(registerCommand(CommandIds.showOutput, this.log, () => {
      showOutput(this);
    }));
    this.track(registerCommand(CommandIds.restartServer, this.log, () => restartServer(this)));
    this.track(registerCommand(CommandIds.connectTracker, this.log, (arg) => connectTracker(this, arg)));
    this.track(registerCommand(CommandIds.disconnectTracker, this.log, (arg) => disconnectTracker(this, arg)));
    this.track(registerCommand(CommandIds.syncNow, this.log, () => syncNow(this)));
  }

  /** Not awaited by activation: requests wait for the connection themselves. */
  start(): void {
    // The client already reports a failed start in the output and a notification.
    this.client.start().catch((error: unknown) => {
      this.logError('start', error);
    });
  }

  /** Awaited by `deactivate` so the server gets its shutdown before the host goes away. */
  async stop(): Promise<void> {
    if (this.client.needsStop()) {
      await this.client.stop().catch((error: unknown) => {
        this.logError('stop', error);
      });
    }
  }

  dispose(): void {
    // Reverse order: features go before the client they use, and the log goes last.
    for (const disposable of this.disposables.splice(0).reverse()) {
      disposable.dispose();
    }
  }

  private track<T extends Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  private logError(action: string, error: unknown): void {
    this.log.error(`Language client ${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
