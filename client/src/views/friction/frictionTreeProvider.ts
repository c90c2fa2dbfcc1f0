import { EventEmitter, type Disposable, type Event, type TreeDataProvider, type TreeItem } from 'vscode';
import type { UriConverter } from '../../lsp/uriConverter';
import { toTreeItem } from '../treeItemAdapter';
import { describeFrictionNode, type FrictionNode } from './frictionNodes';
import type { FrictionTreeModel } from './frictionTreeModel';

/** Adapts `FrictionTreeModel` to VS Code; all decisions are the model's. */
export class FrictionTreeProvider implements TreeDataProvider<FrictionNode>, Disposable {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeTreeData: Event<void> = this.changed.event;

  constructor(
    private readonly model: FrictionTreeModel,
    private readonly uris: UriConverter,
    private readonly hooks: { readonly onRoots: () => void; readonly onError: (error: unknown) => void },
  ) {}

  getTreeItem(node: FrictionNode): TreeItem {
    return toTreeItem(describeFrictionNode(node, (uri) => this.uris.describe(uri)), (uri) => this.uris.toCode(uri));
  }

  async getChildren(node?: FrictionNode): Promise<FrictionNode[]> {
    try {
      if (node !== undefined) {
        return [...(await this.model.children(node))];
      }
      const roots = await this.model.roots();
      // The first expansion may have loaded the list: badge, description and hints follow it.
      this.hooks.onRoots();
      return [...roots];
    } catch (error) {
      // A rejected getChildren shows a bare error in the view; the view explains it in its message instead.
      this.hooks.onError(error);
      return [];
    }
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
