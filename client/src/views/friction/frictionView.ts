import { window, type Disposable, type LogOutputChannel, type TreeView } from 'vscode';
import { CommandIds, ViewIds } from '../../commandIds';
import { registerCommand } from '../../commands/registerCommand';
import { ContextKeys, setContext } from '../../contextKeys';
import type { CustomerLensServer } from '../../lsp/customerLensServer';
import type { ServerEvents } from '../../lsp/serverEvents';
import type { UriConverter } from '../../lsp/uriConverter';
import { debounce } from '../../util/debounce';
import { errorMessage } from '../../util/errors';
import { NO_FILTER, isFiltering, type FrictionFilter } from './frictionFilter';
import type { FrictionNode } from './frictionNodes';
import { FrictionTreeModel, type FrictionGrouping } from './frictionTreeModel';
import { FrictionTreeProvider } from './frictionTreeProvider';
import { pickFrictionFilter } from './pickFrictionFilter';

export interface FrictionViewOptions {
  readonly server: CustomerLensServer;
  readonly events: ServerEvents;
  readonly uris: UriConverter;
  readonly log: LogOutputChannel;
}

/** Index updates come in bursts while a workspace is scanned; one list request per burst is enough. */
const REFRESH_DELAY_MS = 300;

/**
 * The Friction view: ranked items with their linked code, its toolbar (group by, filter), and
 * the activity bar badge. The list is fetched on every change even while the view is hidden,
 * because the badge shows on the activity bar regardless.
 */
export class FrictionView implements Disposable {
  private readonly model: FrictionTreeModel;
  private readonly provider: FrictionTreeProvider;
  private readonly treeView: TreeView<FrictionNode>;
  private readonly disposables: Disposable[] = [];
  private loadError: string | undefined;

  constructor(private readonly options: FrictionViewOptions) {
    this.model = new FrictionTreeModel(options.server);
    this.provider = new FrictionTreeProvider(this.model, options.uris, {
      onRoots: () => {
        this.updateChrome();
      },
      onError: (error) => {
        this.showLoadError(error);
      },
    });
    this.treeView = window.createTreeView(ViewIds.friction, { treeDataProvider: this.provider, showCollapseAll: true });
    const scheduleRefresh = debounce(() => {
      void this.refresh();
    }, REFRESH_DELAY_MS);
    const { log } = options;
    this.disposables.push(
      this.treeView,
      this.provider,
      { dispose: () => scheduleRefresh.cancel() },
      options.events.onDidChangeItems(() => scheduleRefresh()),
      options.events.onDidChangeIndexStatus((status) => {
        // Counts move while indexing; the list is only worth fetching once an index is ready.
        if (status.state === 'ready') {
          scheduleRefresh();
        }
      }),
      registerCommand(CommandIds.frictionRefresh, log, () => this.refresh()),
      registerCommand(CommandIds.frictionGroupByFile, log, () => {
        this.setGrouping('file');
      }),
      registerCommand(CommandIds.frictionGroupByJourney, log, () => {
        this.setGrouping('journey');
      }),
      registerCommand(CommandIds.frictionFilter, log, () => this.pickFilter()),
      registerCommand(CommandIds.frictionClearFilter, log, () => {
        this.setFilter(NO_FILTER);
      }),
    );
    setContext(ContextKeys.frictionGroupBy, this.model.grouping);
    setContext(ContextKeys.frictionFiltered, false);
  }

  /** Fetches the list again; the tree, badge and hints follow. */
  async refresh(): Promise<void> {
    try {
      await this.model.load();
      this.loadError = undefined;
    } catch (error) {
      this.showLoadError(error);
    }
    this.provider.refresh();
    this.updateChrome();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) {
      disposable.dispose();
    }
  }

  private setGrouping(grouping: FrictionGrouping): void {
    this.model.grouping = grouping;
    setContext(ContextKeys.frictionGroupBy, grouping);
    this.provider.refresh();
  }

  private async pickFilter(): Promise<void> {
    if (!this.model.isLoaded) {
      await this.refresh();
    }
    const filter = await pickFrictionFilter(this.model.allItems, this.model.filter);
    if (filter !== undefined) {
      this.setFilter(filter);
    }
  }

  private setFilter(filter: FrictionFilter): void {
    this.model.filter = filter;
    setContext(ContextKeys.frictionFiltered, isFiltering(filter));
    this.provider.refresh();
    this.updateChrome();
  }

  private showLoadError(error: unknown): void {
    const message = errorMessage(error);
    if (message !== this.loadError) {
      this.options.log.warn(`Friction view: could not load items: ${message}`);
    }
    this.loadError = message;
    this.updateChrome();
  }

  private updateChrome(): void {
    this.treeView.badge = this.model.badge();
    this.treeView.description = this.model.description();
    this.treeView.message = this.loadError === undefined ? this.model.message() : `Could not load friction items: ${this.loadError}`;
  }
}
