import { window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandIds } from './commandIds';
import { openItem } from './commands/openItem';
import { registerCommand } from './commands/registerCommand';
import { restartServer } from './commands/restartServer';
import { searchFrictionItems } from './commands/searchFrictionItems';
import { showOutput } from './commands/showOutput';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';
import { watchWorkspaceTrust } from './workspaceTrust';

/**
 * Owns every long-lived object of the extension and everything that must be disposed, so
 * that nothing leaks on deactivation and features reach their collaborators in one place.
 */
export class Container implements Disposable {
  readonly log: LogOutputChannel;
  readonly client: LanguageClient;
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
    this.track(watchWorkspaceTrust(this.log));
    this.track(new StatusBar(this.client));
    this.track(registerCommand(CommandIds.searchFrictionItems, this.log, () => searchFrictionItems(this)));
    this.track(registerCommand(CommandIds.openItem, this.log, (...args) => openItem(this, args)));
    this.track(registerCommand(CommandIds.showOutput, this.log, () => {
      showOutput(this);
    }));
    this.track(registerCommand(CommandIds.restartServer, this.log, () => restartServer(this)));
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
