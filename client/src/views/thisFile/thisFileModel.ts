import type { FileItemsRequest } from '../../../../server/src/protocol';
import type { CustomerLensServer } from '../../lsp/customerLensServer';
import type { ThisFileNode } from './thisFileNodes';

/**
 * The This File view's data: the items linked to the active file's symbols. Free of `vscode`;
 * the view tells it which file is active.
 */
export class ThisFileModel {
  private uri: string | undefined;
  private groups: readonly FileItemsRequest.SymbolGroup[] = [];
  private latestLoad: Promise<FileItemsRequest.Result> | undefined;

  constructor(private readonly server: Pick<CustomerLensServer, 'fileItems'>) {}

  get fileUri(): string | undefined {
    return this.uri;
  }

  /** Loads the groups of `uri`, or clears the view when there is no file. A load overtaken by a newer one changes nothing. */
  async load(uri: string | undefined): Promise<void> {
    if (uri === undefined) {
      this.latestLoad = undefined;
      this.uri = undefined;
      this.groups = [];
      return;
    }
    const request = this.server.fileItems({ uri });
    this.latestLoad = request;
    const groups = await request;
    if (this.latestLoad !== request) {
      return;
    }
    this.uri = uri;
    // A symbol without items would be an empty branch; the server should not send one, but a row that expands to nothing is worse than none.
    this.groups = groups.filter((group) => group.items.length > 0);
  }

  roots(): readonly ThisFileNode[] {
    const { uri } = this;
    if (uri === undefined) {
      return [];
    }
    return this.groups.map((group) => ({
      kind: 'symbol',
      id: `symbol:${group.symbol ?? ''}@${group.range.startLine}:${group.range.startCharacter}`,
      uri,
      group,
    }));
  }

  children(node: ThisFileNode): readonly ThisFileNode[] {
    if (node.kind === 'item') {
      return [];
    }
    return node.group.items.map((item) => ({ kind: 'item', id: `${node.id}/item:${item.key}`, item }));
  }
}
