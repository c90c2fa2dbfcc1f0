import { workspace, type Disposable, type LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import { WorkspaceTrustedNotification } from '../../server/src/protocol';
import { notifyServer } from './lsp/notifyServer';

/**
 * Restricted Mode does not stop the client: local files are served either way. What it stops
 * is tracker traffic, since an untrusted config could name any host: the server starts with
 * `workspaceTrusted: false` and makes no network call until this tells it trust was granted
 * (VS Code never revokes trust without a reload). The state is logged so a support
 * conversation can tell which mode the user was in.
 */
export function watchWorkspaceTrust(client: BaseLanguageClient, log: LogOutputChannel): Disposable {
  log.info(
    workspace.isTrusted
      ? 'Workspace is trusted.'
      : 'Workspace is not trusted (Restricted Mode): Customer Lens reads local files only and contacts no tracker.',
  );
  return workspace.onDidGrantWorkspaceTrust(() => {
    log.info('Workspace trust granted: trackers may sync.');
    notifyServer(client, log, WorkspaceTrustedNotification.type);
  });
}
