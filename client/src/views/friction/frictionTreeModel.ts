import type { ItemLocation, ItemSummary } from '../../../../server/src/protocol';
import type { CustomerLensServer } from '../../lsp/customerLensServer';
import { criticalBadge, type CountBadge } from './frictionBadge';
import { applyFilter, describeFilter, isFiltering, NO_FILTER, type FrictionFilter } from './frictionFilter';
import { groupByFile, groupByJourney } from './frictionGrouping';
import { itemNode, locationNode, type FrictionNode } from './frictionNodes';

export type FrictionGrouping = 'journey' | 'file';

/**
 * The Friction view's data and shape: the server's ranked items, filtered, grouped by journey
 * or by file, with linked code locations as children. Free of `vscode`; the tree provider
 * only adapts it.
 */
export class FrictionTreeModel {
  grouping: FrictionGrouping = 'journey';
  filter: FrictionFilter = NO_FILTER;
  private items: readonly ItemSummary[] | undefined;
  private readonly locations = new Map<string, Promise<readonly ItemLocation[]>>();
  private latestLoad: Promise<ItemSummary[]> | undefined;

  constructor(private readonly server: Pick<CustomerLensServer, 'listItems' | 'itemLocations'>) {}

  /** Fetches the list again and forgets cached locations. A load overtaken by a newer one changes nothing. */
  async load(): Promise<void> {
    const request = this.server.listItems();
    this.latestLoad = request;
    const items = await request;
    if (this.latestLoad !== request) {
      return;
    }
    this.items = items;
    this.locations.clear();
  }

  get isLoaded(): boolean {
    return this.items !== undefined;
  }

  /** Every item the server knows, ranked, before filtering. */
  get allItems(): readonly ItemSummary[] {
    return this.items ?? [];
  }

  get visibleItems(): readonly ItemSummary[] {
    return applyFilter(this.allItems, this.filter);
  }

  /** Filtering hid every item: the view says so instead of looking empty. */
  get filteredOutEverything(): boolean {
    return isFiltering(this.filter) && this.allItems.length > 0 && this.visibleItems.length === 0;
  }

  async roots(): Promise<readonly FrictionNode[]> {
    if (this.items === undefined) {
      await this.load();
    }
    const items = this.visibleItems;
    if (this.grouping === 'journey') {
      return groupByJourney(items).map(({ journey, items: grouped }) => ({
        kind: 'journey',
        id: journey === undefined ? 'no-journey' : `journey:${journey}`,
        journey,
        items: grouped,
      }));
    }
    const linked = await Promise.all(items.map(async (item) => ({ item, locations: await this.locationsOf(item) })));
    const { files, unlinked } = groupByFile(linked);
    const nodes: FrictionNode[] = files.map(({ uri, entries }) => ({ kind: 'file', id: `file:${uri}`, uri, entries }));
    if (unlinked.length > 0) {
      nodes.push({ kind: 'unlinked', id: 'unlinked', items: unlinked });
    }
    return nodes;
  }

  async children(node: FrictionNode): Promise<readonly FrictionNode[]> {
    switch (node.kind) {
      case 'journey':
      case 'unlinked':
        return node.items.map((item) => itemNode(node.id, item));
      case 'file':
        return node.entries.map(({ item, locations }) => itemNode(node.id, item, locations));
      case 'item': {
        const locations = node.locations ?? (await this.locationsOf(node.item));
        return locations.map((location) => locationNode(node.id, node.item.key, location));
      }
      case 'location':
        return [];
    }
  }

  badge(): CountBadge | undefined {
    // Over all items, not the filtered ones: the badge is about the workspace, not the view.
    return criticalBadge(this.allItems);
  }

  description(): string | undefined {
    return describeFilter(this.filter);
  }

  /** A hint above the tree when there are items but no code is linked to any of them. */
  message(): string | undefined {
    const [first] = this.allItems;
    if (first === undefined || this.allItems.some((item) => item.linkCount > 0)) {
      return undefined;
    }
    return `No code is linked to these items yet. Write a key in a comment next to the code, e.g. // friction: ${first.key}, or add a rule to .customer-lens/links.yaml.`;
  }

  private locationsOf(item: ItemSummary): Promise<readonly ItemLocation[]> {
    // linkCount counts linked files of every origin, so zero means there is nothing to ask for.
    if (item.linkCount === 0) {
      return Promise.resolve([]);
    }
    let locations = this.locations.get(item.key);
    if (locations === undefined) {
      locations = this.server.itemLocations({ key: item.key }).then((result) => result.locations);
      this.locations.set(item.key, locations);
      // A failed request is not cached: the next expansion asks again.
      locations.catch(() => this.locations.delete(item.key));
    }
    return locations;
  }
}
