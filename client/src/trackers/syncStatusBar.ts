import { StatusBarAlignment, ThemeColor, window, type Command, type Disposable, type StatusBarItem } from 'vscode';
import { CommandIds } from '../commandIds';
import { describeSyncStatus, type SyncClick } from './syncStatusState';
import { MANAGE_TRUST_COMMAND } from './trackerMessages';
import type { TrackerStatuses } from './trackerStatuses';

/** Often enough that "2 min ago" stays true. */
const REFRESH_MS = 30_000;

/**
 * The trackers' sync state in a second status bar item, next to the index item; shown only
 * while a tracker is configured. Its click leads to what the state needs: reconnect, sync, or
 * trust the workspace.
 */
export class SyncStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscription: Disposable;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly statuses: TrackerStatuses) {
    // Just right of the index item (priority 0): a lower priority sits further right.
    this.item = window.createStatusBarItem('customerLens.sync', StatusBarAlignment.Left, -1);
    this.item.name = 'Customer Lens Sync';
    this.subscription = statuses.onDidChange(() => {
      this.render();
    });
    this.render();
  }

  dispose(): void {
    this.stopTimer();
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(): void {
    const state = describeSyncStatus(this.statuses.trackers, new Date());
    if (!state.visible) {
      this.stopTimer();
      this.item.hide();
      return;
    }
    this.item.text = state.text;
    this.item.tooltip = state.tooltip;
    this.item.accessibilityInformation = { label: state.accessibilityLabel, role: 'button' };
    this.item.backgroundColor = state.background === undefined ? undefined : new ThemeColor(`statusBarItem.${state.background}Background`);
    this.item.command = toCommand(state.click);
    this.item.show();
    this.timer ??= setInterval(() => {
      this.render();
    }, REFRESH_MS);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function toCommand(click: SyncClick): Command {
  switch (click.kind) {
    case 'connect':
      return { title: `Connect ${click.trackerName}`, command: CommandIds.connectTracker, arguments: [click.trackerName] };
    case 'syncNow':
      return { title: 'Sync Now', command: CommandIds.syncNow };
    case 'manageTrust':
      return { title: 'Manage Workspace Trust', command: MANAGE_TRUST_COMMAND };
  }
}
