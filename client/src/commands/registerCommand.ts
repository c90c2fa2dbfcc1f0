import { CancellationError, commands, window, type Disposable, type LogOutputChannel } from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';

/**
 * Registers a command whose failures end up in the log and in one error message, instead of
 * in an unhandled rejection the user never sees.
 */
export function registerCommand(
  id: string,
  log: LogOutputChannel,
  run: (...args: unknown[]) => Promise<void> | void,
): Disposable {
  return commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      await run(...args);
    } catch (error) {
      if (error instanceof CancellationError) {
        return;
      }
      const message = describeError(error);
      log.error(`${id} failed: ${message}`);
      const choice = await window.showErrorMessage(`Customer Lens: ${message}`, 'Show Output');
      if (choice === 'Show Output') {
        log.show();
      }
    }
  });
}

function describeError(error: unknown): string {
  if (error instanceof ResponseError && error.code === ErrorCodes.ConnectionInactive) {
    return 'the language server is not running. Try "Customer Lens: Restart Language Server".';
  }
  return error instanceof Error ? error.message : String(error);
}
