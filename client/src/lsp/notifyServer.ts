import type { LogOutputChannel } from 'vscode';
import { State, type BaseLanguageClient, type NotificationType } from 'vscode-languageclient/node';
import { errorMessage } from '../util/errors';

/**
 * Sends a notification without parameters to a server that is running or starting (the client queues it until the
 * connection is up). A stopped server gets nothing: it learns the current state when it starts
 * again (initialization options, token requests), and sending would start it.
 */
export function notifyServer(client: BaseLanguageClient, log: LogOutputChannel, type: NotificationType<Record<string, never>>): void {
  if (client.state === State.Stopped) {
    log.debug(`Not sending ${type.method}: the language server is not running.`);
    return;
  }
  client.sendNotification(type, {}).catch((error: unknown) => {
    log.warn(`Could not send ${type.method}: ${errorMessage(error)}`);
  });
}
