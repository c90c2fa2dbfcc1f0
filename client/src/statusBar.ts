import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CommandIds } from './commandIds';
import type { ServerEvents } from './lsp/serverEvents';
import { describeIndexStatus, STARTING_STATE, STOPPED_STATE, type StatusBarState } from './statusBarState';

/** Index progress and counts from the server, in one status bar item that opens the search. */
export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly subscriptions: Disposable[];

  constructor(client: LanguageClient, events: ServerEvents) {
    this.item = window.createStatusBarItem('customerLens.status', StatusBarAlignment.Left, 0);
    this.item.name = 'Customer Lens';
    this.render(STARTING_STATE);
    this.item.show();
    this.subscriptions = [
      events.onDidChangeIndexStatus((status) => {
        this.render(describeIndexStatus(status));
      }),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Stopped) {
          this.render(STOPPED_STATE);
        } else if (newState === State.Starting) {
          this.render(STARTING_STATE);
        }
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.item.dispose();
  }

  private render(state: StatusBarState): void {
    this.item.text = state.text;
    this.item.tooltip = state.tooltip;
    this.item.accessibilityInformation = { label: state.accessibilityLabel, role: 'button' };
    this.item.backgroundColor = state.warning ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = state.stopped ? CommandIds.showOutput : CommandIds.searchFrictionItems;
  }
}
