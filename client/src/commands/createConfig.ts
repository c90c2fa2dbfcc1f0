import { Uri, window, workspace, type WorkspaceFolder } from 'vscode';
import type { Container } from '../container';
import { fileExists } from '../config/fileExists';
import { CONFIG_FOLDER, CONFIG_TEMPLATE, CONFIG_TEMPLATE_OPEN } from '../config/configTemplate';

/**
 * Writes the starter `.customer-lens/` folder into a workspace folder and opens friction.yaml.
 * Files that already exist are kept: the command never overwrites someone's data.
 */
export async function createConfig(container: Container): Promise<void> {
  const folder = await pickFolder();
  if (folder === undefined) {
    return;
  }
  const directory = Uri.joinPath(folder.uri, CONFIG_FOLDER);
  await workspace.fs.createDirectory(directory);
  const written: string[] = [];
  for (const file of CONFIG_TEMPLATE) {
    const uri = Uri.joinPath(directory, file.name);
    if (await fileExists(uri)) {
      continue;
    }
    await workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
    written.push(file.name);
  }
  container.log.info(`Created ${CONFIG_FOLDER} in ${folder.name}: ${written.length === 0 ? 'every file already existed' : written.join(', ')}.`);
  await container.configPresence.check();
  await window.showTextDocument(Uri.joinPath(directory, CONFIG_TEMPLATE_OPEN));
}

async function pickFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void window.showInformationMessage(`Customer Lens: open a folder first; ${CONFIG_FOLDER} is created inside it.`);
    return undefined;
  }
  if (folders.length === 1) {
    return folders[0];
  }
  return window.showWorkspaceFolderPick({ placeHolder: `Workspace folder to create ${CONFIG_FOLDER} in` });
}
