import { commands, Uri, window, workspace, type LogOutputChannel } from 'vscode';
import { CommandIds } from '../commandIds';
import { fileExists } from '../config/fileExists';
import { CONFIG_FILE, CONFIG_FOLDER } from '../config/configTemplate';
import { errorMessage } from '../util/errors';

/**
 * The follow-up messages of the tracker commands. None is awaited by a command: a command
 * finishes when its work is done, not when the user gets round to a notification. A button
 * that leads to another command runs it as a command, so its failures are reported like any.
 */
const OPEN_CONFIG = `Open ${CONFIG_FILE}`;
const CREATE_CONFIG = 'Create from Template';
const MANAGE_TRUST = 'Manage Workspace Trust';
const RECONNECT = 'Reconnect';
const TRY_AGAIN = 'Try Again';

/** VS Code's own command for the workspace trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

function followUp(log: LogOutputChannel, action: Thenable<unknown>): void {
  Promise.resolve(action).catch((error: unknown) => {
    log.error(`Tracker message action failed: ${errorMessage(error)}`);
  });
}

/** The first workspace folder's config.yaml that exists, if any. */
async function findConfigFile(): Promise<Uri | undefined> {
  for (const folder of workspace.workspaceFolders ?? []) {
    const uri = Uri.joinPath(folder.uri, CONFIG_FOLDER, CONFIG_FILE);
    if (await fileExists(uri)) {
      return uri;
    }
  }
  return undefined;
}

/** No tracker is configured: offers the config file to add one to, or the template to start from. */
export async function offerTrackerSetup(log: LogOutputChannel): Promise<void> {
  const config = await findConfigFile();
  const message = `Customer Lens: no tracker is configured. Add one under "trackers:" in ${CONFIG_FOLDER}/${CONFIG_FILE}.`;
  followUp(
    log,
    window.showInformationMessage(message, config === undefined ? CREATE_CONFIG : OPEN_CONFIG).then((choice) => {
      if (choice === OPEN_CONFIG && config !== undefined) {
        return window.showTextDocument(config);
      }
      return choice === CREATE_CONFIG ? commands.executeCommand(CommandIds.createConfig) : undefined;
    }),
  );
}

/** An entry the server could not read: its folder's config.yaml is where to fix it. */
export function offerConfigFix(log: LogOutputChannel, message: string, folder: Uri): void {
  followUp(
    log,
    window.showErrorMessage(message, OPEN_CONFIG).then((choice) =>
      choice === OPEN_CONFIG ? window.showTextDocument(Uri.joinPath(folder, CONFIG_FOLDER, CONFIG_FILE)) : undefined,
    ),
  );
}

export function offerWorkspaceTrust(log: LogOutputChannel, message: string): void {
  followUp(
    log,
    window.showInformationMessage(message, MANAGE_TRUST).then((choice) => (choice === MANAGE_TRUST ? commands.executeCommand(MANAGE_TRUST_COMMAND) : undefined)),
  );
}

/** A tracker rejected its token: a warning whose button connects that tracker again. */
export function offerReconnect(log: LogOutputChannel, message: string, trackerName: string): void {
  followUp(
    log,
    window.showWarningMessage(message, RECONNECT).then((choice) => (choice === RECONNECT ? commands.executeCommand(CommandIds.connectTracker, trackerName) : undefined)),
  );
}

/** A candidate token failed its check: the exact reason, and a button to enter another. */
export function offerTryAgain(log: LogOutputChannel, message: string, trackerName: string): void {
  followUp(
    log,
    window.showErrorMessage(message, TRY_AGAIN).then((choice) => (choice === TRY_AGAIN ? commands.executeCommand(CommandIds.connectTracker, trackerName) : undefined)),
  );
}
