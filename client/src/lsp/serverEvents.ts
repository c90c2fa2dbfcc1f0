import { EventEmitter, type Disposable, type Event } from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, ItemsChangedNotification, SyncStatusNotification } from '../../../server/src/protocol';

/**
 * The server's notifications as VS Code events. The language client keeps one handler per
 * method (a second `onNotification` replaces the first), so every feature that cares
 * subscribes here instead of registering its own handler.
 */
export class ServerEvents implements Disposable {
  private readonly itemsChanged = new EventEmitter<void>();
  private readonly indexStatus = new EventEmitter<IndexStatusNotification.Params>();
  private readonly syncStatus = new EventEmitter<SyncStatusNotification.Params>();
  private readonly subscriptions: Disposable[];

  /** Items or links changed, or the server (re)started: views and the panel fetch again. */
  readonly onDidChangeItems: Event<void> = this.itemsChanged.event;
  readonly onDidChangeIndexStatus: Event<IndexStatusNotification.Params> = this.indexStatus.event;
  /** Every configured tracker and its state, whenever one changes. */
  readonly onDidChangeSyncStatus: Event<SyncStatusNotification.Params> = this.syncStatus.event;

  constructor(client: BaseLanguageClient) {
    // Handlers registered before `start()` survive restarts: the client re-attaches them.
    this.subscriptions = [
      client.onNotification(ItemsChangedNotification.type, () => {
        this.itemsChanged.fire();
      }),
      client.onNotification(IndexStatusNotification.type, (status) => {
        this.indexStatus.fire(status);
      }),
      client.onNotification(SyncStatusNotification.type, (status) => {
        this.syncStatus.fire(status);
      }),
      client.onDidChangeState(({ newState }) => {
        // A restarted server may know other items than the one before it.
        if (newState === State.Running) {
          this.itemsChanged.fire();
        }
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.itemsChanged.dispose();
    this.indexStatus.dispose();
    this.syncStatus.dispose();
  }
}
