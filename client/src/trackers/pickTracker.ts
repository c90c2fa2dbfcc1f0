import { window, workspace } from 'vscode';
import type { TrackerStatus } from '../../../server/src/protocol';
import type { UriConverter } from '../lsp/uriConverter';
import { findTracker, toTrackerPickItem } from './trackerPickItem';

export interface PickTrackerOptions {
  readonly title: string;
  readonly placeHolder: string;
  /** A tracker name from the command's argument: that tracker is taken without asking. */
  readonly name: string | undefined;
}

/** The tracker a command acts on: the one its argument names, else the user's pick. */
export async function pickTracker(uris: UriConverter, trackers: readonly TrackerStatus[], options: PickTrackerOptions): Promise<TrackerStatus | undefined> {
  const named = options.name === undefined ? undefined : findTracker(trackers, options.name);
  if (named !== undefined) {
    return named;
  }
  // Folder names only help when there are several folders to tell apart.
  const multiRoot = (workspace.workspaceFolders?.length ?? 0) > 1;
  const items = trackers.map((tracker) => toTrackerPickItem(tracker, multiRoot ? workspace.getWorkspaceFolder(uris.toCode(tracker.folderUri))?.name : undefined));
  const picked = await window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.tracker;
}
