import { EventEmitter, window, type Disposable, type Event, type LogOutputChannel, type TreeDataProvider, type TreeItem, type TreeView } from 'vscode';
import { CommandIds, ViewIds } from '../../commandIds';
import { registerCommand } from '../../commands/registerCommand';
import { isFileEditor } from '../../editors/lastTextEditor';
import type { CustomerLensServer } from '../../lsp/customerLensServer';
import type { ServerEvents } from '../../lsp/serverEvents';
import type { UriConverter } from '../../lsp/uriConverter';
import { debounce } from '../../util/debounce';
import { errorMessage } from '../../util/errors';
import { toTreeItem } from '../treeItemAdapter';
import { ThisFileModel } from './thisFileModel';
import { describeThisFileNode, type ThisFileNode } from './thisFileNodes';

export interface ThisFileViewOptions {
  readonly server: CustomerLensServer;
  readonly events: ServerEvents;
  readonly uris: UriConverter;
  readonly log: LogOutputChannel;
}

/** Switching tabs quickly should not send a request per tab. */
const SWITCH_DELAY_MS = 150;

/**
 * The This File view: the items linked to the active file's symbols. Focusing a view or the
 * panel leaves no active editor; the view then keeps the last file instead of going blank.
 * While hidden it only notes that it is stale.
 */
export class ThisFileView implements TreeDataProvider<ThisFileNode>, Disposable {
  private readonly model: ThisFileModel;
  private readonly treeView: TreeView<ThisFileNode>;
  private readonly changed = new EventEmitter<void>();
  private readonly disposables: Disposable[] = [];
  private stale = true;
  private lastError: string | undefined;

  readonly onDidChangeTreeData: Event<void> = this.changed.event;

  constructor(private readonly options: ThisFileViewOptions) {
    this.model = new ThisFileModel(options.server);
    this.treeView = window.createTreeView(ViewIds.thisFile, { treeDataProvider: this });
    const scheduleReload = debounce(() => {
      void this.reload();
    }, SWITCH_DELAY_MS);
    this.disposables.push(
      this.treeView,
      this.changed,
      { dispose: () => scheduleReload.cancel() },
      window.onDidChangeActiveTextEditor(() => scheduleReload()),
      window.onDidChangeVisibleTextEditors(() => scheduleReload()),
      options.events.onDidChangeItems(() => scheduleReload()),
      this.treeView.onDidChangeVisibility(({ visible }) => {
        if (visible && this.stale) {
          void this.reload();
        }
      }),
      registerCommand(CommandIds.thisFileRefresh, options.log, () => this.reload()),
    );
  }

  getTreeItem(node: ThisFileNode): TreeItem {
    return toTreeItem(describeThisFileNode(node), (uri) => this.options.uris.toCode(uri));
  }

  getChildren(node?: ThisFileNode): ThisFileNode[] {
    return [...(node === undefined ? this.model.roots() : this.model.children(node))];
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) {
      disposable.dispose();
    }
  }

  private async reload(): Promise<void> {
    if (!this.treeView.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const uri = this.currentFile();
    try {
      await this.model.load(uri);
      this.lastError = undefined;
      this.treeView.message = undefined;
    } catch (error) {
      const message = errorMessage(error);
      if (message !== this.lastError) {
        this.options.log.warn(`This File view: could not load items: ${message}`);
      }
      this.lastError = message;
      this.treeView.message = `Could not load the items of this file: ${message}`;
    }
    const shown = this.model.fileUri;
    this.treeView.description = shown === undefined ? undefined : this.options.uris.describe(shown);
    this.changed.fire();
  }

  /** The active file; the last one while focus is elsewhere (a view, the panel, the output); none once no file is visible. */
  private currentFile(): string | undefined {
    const editor = window.activeTextEditor;
    if (isFileEditor(editor)) {
      return this.options.uris.toProtocol(editor.document.uri);
    }
    return window.visibleTextEditors.some(isFileEditor) ? this.model.fileUri : undefined;
  }
}
