import type { ItemLocation, ItemSummary } from '../../../../server/src/protocol';
import { itemAccessibilityLabel, itemDescription, itemLabel } from '../../items/itemText';
import { itemTooltipLines } from '../../items/itemTooltip';
import { severityTheme } from '../../items/severityTheme';
import { describeOrigin, symbolCodicon } from '../../locations/locationPickItem';
import { FRICTION_ITEM_CONTEXT, type NodeModel } from '../viewNode';
import type { LinkedItem } from './frictionGrouping';

/** Rows of the Friction view. Each carries what its children need, so expanding asks little. */
export type FrictionNode =
  | { readonly kind: 'journey'; readonly id: string; readonly journey: string | undefined; readonly items: readonly ItemSummary[] }
  | { readonly kind: 'file'; readonly id: string; readonly uri: string; readonly entries: readonly LinkedItem[] }
  | { readonly kind: 'unlinked'; readonly id: string; readonly items: readonly ItemSummary[] }
  /** `locations` is set under a file row: only that file's locations are children. */
  | { readonly kind: 'item'; readonly id: string; readonly item: ItemSummary; readonly locations?: readonly ItemLocation[] }
  | { readonly kind: 'location'; readonly id: string; readonly itemKey: string; readonly location: ItemLocation };

/** Workspace-relative path of an LSP URI; only VS Code can compute it, so it is injected. */
export type DescribeUri = (uri: string) => string;

function count(value: number, singular: string): string {
  return `${value} ${value === 1 ? singular : `${singular}s`}`;
}

function fileName(relativePath: string): string {
  return relativePath.split(/[\\/]/).pop() ?? relativePath;
}

function parentFolder(relativePath: string): string {
  const parts = relativePath.split(/[\\/]/);
  return parts.slice(0, -1).join('/');
}

export function itemNode(parentId: string, item: ItemSummary, locations?: readonly ItemLocation[]): FrictionNode {
  return { kind: 'item', id: `${parentId}/item:${item.key}`, item, ...(locations === undefined ? {} : { locations }) };
}

export function locationNode(parentId: string, itemKey: string, location: ItemLocation): FrictionNode {
  const { startLine, startCharacter } = location.range;
  return { kind: 'location', id: `${parentId}/loc:${location.uri}#${startLine}:${startCharacter}`, itemKey, location };
}

/** The row for an item in either view: `KEY title`, `severity · N customers`, escaped tooltip. */
export function describeItem(id: string, item: ItemSummary, collapsible: NodeModel['collapsible']): NodeModel {
  return {
    id,
    label: itemLabel(item),
    description: itemDescription(item),
    tooltip: itemTooltipLines(item),
    icon: severityTheme(item.severity),
    contextValue: FRICTION_ITEM_CONTEXT,
    collapsible,
    accessibilityLabel: itemAccessibilityLabel(item),
  };
}

export function describeFrictionNode(node: FrictionNode, describeUri: DescribeUri): NodeModel {
  switch (node.kind) {
    case 'journey': {
      const label = node.journey ?? 'No journey';
      return {
        id: node.id,
        label,
        description: count(node.items.length, 'item'),
        icon: { id: node.journey === undefined ? 'circle-slash' : 'milestone' },
        collapsible: 'expanded',
        accessibilityLabel: `Journey ${label}, ${count(node.items.length, 'item')}`,
      };
    }
    case 'file': {
      const relativePath = describeUri(node.uri);
      return {
        id: node.id,
        label: fileName(relativePath),
        description: parentFolder(relativePath),
        tooltip: [relativePath],
        icon: { id: 'file' },
        resourceUri: node.uri,
        collapsible: 'expanded',
        accessibilityLabel: `File ${relativePath}, ${count(node.entries.length, 'item')}`,
      };
    }
    case 'unlinked':
      return {
        id: node.id,
        label: 'Not linked to code',
        description: count(node.items.length, 'item'),
        tooltip: ['Items no code in this workspace is linked to yet. Link code with a comment such as // friction: KEY.'],
        icon: { id: 'circle-slash' },
        collapsible: 'collapsed',
        accessibilityLabel: `Not linked to code, ${count(node.items.length, 'item')}`,
      };
    case 'item': {
      const hasChildren = node.locations === undefined ? node.item.linkCount > 0 : node.locations.length > 0;
      return describeItem(node.id, node.item, hasChildren ? 'collapsed' : 'none');
    }
    case 'location': {
      const { location } = node;
      const relativePath = describeUri(location.uri);
      // Ranges are zero-based like LSP; people count lines from one.
      const where = `${relativePath}:${location.range.startLine + 1}`;
      const label = location.symbol ?? fileName(relativePath);
      return {
        id: node.id,
        label,
        description: where,
        tooltip: [where, describeOrigin(location.origin)],
        icon: { id: location.symbol === undefined ? 'file' : symbolCodicon(location.symbol) },
        collapsible: 'none',
        action: { kind: 'openLocation', uri: location.uri, range: location.range },
        accessibilityLabel: `${label} at ${where}, ${describeOrigin(location.origin)}`,
      };
    }
  }
}
