import type { FileItemsRequest, ItemSummary } from '../../../../server/src/protocol';
import { symbolCodicon } from '../../locations/locationPickItem';
import { describeItem } from '../friction/frictionNodes';
import type { NodeModel } from '../viewNode';

/** Rows of the This File view: linked symbols, each with its ranked items. */
export type ThisFileNode =
  | { readonly kind: 'symbol'; readonly id: string; readonly uri: string; readonly group: FileItemsRequest.SymbolGroup }
  | { readonly kind: 'item'; readonly id: string; readonly item: ItemSummary };

function count(value: number, singular: string): string {
  return `${value} ${value === 1 ? singular : `${singular}s`}`;
}

export function describeThisFileNode(node: ThisFileNode): NodeModel {
  if (node.kind === 'item') {
    // Items here are leaves: a click opens the panel on the item, the context menu offers the rest.
    return { ...describeItem(node.id, node.item, 'none'), action: { kind: 'openItems', keys: [node.item.key] } };
  }
  const { group } = node;
  const label = group.symbol ?? 'Whole file';
  const line = `line ${group.range.startLine + 1}`;
  const items = count(group.items.length, 'item');
  return {
    id: node.id,
    label,
    description: `${line} · ${items}`,
    tooltip: [group.symbol === undefined ? `File-level links · ${items}` : `${group.symbol} (${line}) · ${items}`],
    icon: { id: group.symbol === undefined ? 'file' : symbolCodicon(group.symbol) },
    collapsible: 'expanded',
    action: { kind: 'openLocation', uri: node.uri, range: group.range },
    accessibilityLabel: `${label}, ${line}, ${items}`,
  };
}
