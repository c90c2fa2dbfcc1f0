import { Uri, type WebviewOptions, type WebviewPanelOptions } from 'vscode';
import { PANEL_RESOURCE_FOLDERS } from './panelResources';

/**
 * Scripts on (the bundle is the panel), command URIs off (tracker text must not run commands),
 * and local resources only from the bundle and media folders. The page is torn down when hidden
 * (`retainContextWhenHidden: false`) and rebuilt from the state the extension posts.
 */
export function panelWebviewOptions(extensionUri: Uri): WebviewOptions & WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: PANEL_RESOURCE_FOLDERS.map((folder) => Uri.joinPath(extensionUri, folder)),
  };
}
