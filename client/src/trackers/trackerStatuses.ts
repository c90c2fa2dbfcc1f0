import { EventEmitter, type Disposable, type Event } from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient/node';
import type { TrackerStatus } from '../../../server/src/protocol';
import type { ServerEvents } from '../lsp/serverEvents';

/**
 * The configured trackers as the server last reported them (`SyncStatusNotification`), for the
 * status bar item and the context key. Empty while the server is down: a stopped server syncs
 * nothing, and a restarted one reports afresh.
 */
export class TrackerStatuses implements Disposable {
  private current: readonly TrackerStatus[] = [];
  private readonly changed = new EventEmitter<readonly TrackerStatus[]>();
  private readonly subscriptions: Disposable[];

  readonly onDidChange: Event<readonly TrackerStatus[]> = this.changed.event;

  constructor(client: BaseLanguageClient, events: ServerEvents) {
    this.subscriptions = [
      events.onDidChangeSyncStatus(({ trackers }) => {
        this.update(trackers);
      }),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Stopped) {
          this.update([]);
        }
      }),
    ];
  }

  get trackers(): readonly TrackerStatus[] {
    return this.current;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private update(trackers: readonly TrackerStatus[]): void {
    this.current = trackers;
    this.changed.fire(trackers);
  }
}
