import { MarkdownString, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, type Command, type Uri } from 'vscode';
import { CommandIds } from '../commandIds';
import { writeTooltip } from '../items/itemTooltip';
import { locationSelection } from '../locations/locationSelection';
import { toRange } from '../locations/showLocation';
import type { NodeAction, NodeModel } from './viewNode';

const COLLAPSIBLE: Record<NodeModel['collapsible'], TreeItemCollapsibleState> = {
  none: TreeItemCollapsibleState.None,
  collapsed: TreeItemCollapsibleState.Collapsed,
  expanded: TreeItemCollapsibleState.Expanded,
};

/** The one place a view's node model becomes a `vscode.TreeItem`. */
export function toTreeItem(node: NodeModel, toUri: (uri: string) => Uri): TreeItem {
  const item = new TreeItem(node.label, COLLAPSIBLE[node.collapsible]);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = node.contextValue;
  item.accessibilityInformation = { label: node.accessibilityLabel };
  if (node.tooltip !== undefined) {
    // Tracker text: no HTML, no trusted command links, no theme icons; `appendText` escapes the rest.
    const tooltip = new MarkdownString(undefined, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    writeTooltip(tooltip, node.tooltip);
    item.tooltip = tooltip;
  }
  if (node.resourceUri !== undefined) {
    item.resourceUri = toUri(node.resourceUri);
  }
  if (node.icon !== undefined) {
    // ThemeIcon.File with a resourceUri lets the file icon theme choose the icon.
    item.iconPath =
      node.icon.id === 'file' && node.resourceUri !== undefined
        ? ThemeIcon.File
        : new ThemeIcon(node.icon.id, node.icon.color === undefined ? undefined : new ThemeColor(node.icon.color));
  }
  if (node.action !== undefined) {
    item.command = toCommand(node.action, toUri);
  }
  return item;
}

function toCommand(action: NodeAction, toUri: (uri: string) => Uri): Command {
  if (action.kind === 'openItems') {
    return { command: CommandIds.openItem, title: 'Open in Customer Lens', arguments: [action.keys] };
  }
  return {
    command: 'vscode.open',
    title: 'Open Linked Code',
    arguments: [toUri(action.uri), { selection: toRange(locationSelection(action.range)), preview: true }],
  };
}
