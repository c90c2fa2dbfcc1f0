import { FileSystemError, FileType, Uri, workspace, type Disposable, type LogOutputChannel } from 'vscode';
import { ContextKeys, setContext } from '../contextKeys';
import { debounce } from '../util/debounce';
import { errorMessage } from '../util/errors';
import { CONFIG_FOLDER } from './configTemplate';

/**
 * Keeps `customerLens.hasConfig` true while a workspace folder has a `.customer-lens/` folder;
 * the views' welcome content offers to create one otherwise. Re-checked when such a folder
 * appears or goes, and when workspace folders change.
 */
export class ConfigPresence implements Disposable {
  private readonly subscriptions: Disposable[];
  private readonly scheduleCheck = debounce(() => {
    void this.check();
  }, 100);

  constructor(private readonly log: LogOutputChannel) {
    const watcher = workspace.createFileSystemWatcher(`{**/${CONFIG_FOLDER},**/${CONFIG_FOLDER}/**}`, false, true, false);
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(() => this.scheduleCheck()),
      watcher.onDidDelete(() => this.scheduleCheck()),
      workspace.onDidChangeWorkspaceFolders(() => this.scheduleCheck()),
    ];
    void this.check();
  }

  async check(): Promise<boolean> {
    const folders = workspace.workspaceFolders ?? [];
    const found = await Promise.all(folders.map((folder) => this.isDirectory(Uri.joinPath(folder.uri, CONFIG_FOLDER))));
    const hasConfig = found.some(Boolean);
    this.log.debug(`${CONFIG_FOLDER} folder ${hasConfig ? 'found' : 'not found'} in the workspace folders.`);
    setContext(ContextKeys.hasConfig, hasConfig);
    return hasConfig;
  }

  private async isDirectory(uri: Uri): Promise<boolean> {
    try {
      return ((await workspace.fs.stat(uri)).type & FileType.Directory) !== 0;
    } catch (error) {
      // Not found is the common answer; anything else is worth a line in the log.
      if (!(error instanceof FileSystemError && error.code === 'FileNotFound')) {
        this.log.debug(`Could not check ${uri.toString()}: ${errorMessage(error)}`);
      }
      return false;
    }
  }

  dispose(): void {
    this.scheduleCheck.cancel();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
