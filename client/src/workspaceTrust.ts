import { workspace, type Disposable, type LogOutputChannel } from 'vscode';

/**
 * Restricted Mode does not stop the client: this version only reads local files and makes no
 * network call, so an untrusted workspace is served too. The trust state is logged so a
 * support conversation can tell which mode the user was in.
 */
export function watchWorkspaceTrust(log: LogOutputChannel): Disposable {
  log.info(
    workspace.isTrusted
      ? 'Workspace is trusted.'
      : 'Workspace is not trusted (Restricted Mode): Customer Lens reads local files only.',
  );
  return workspace.onDidGrantWorkspaceTrust(() => {
    log.info('Workspace trust granted.');
  });
}
