import type { TextRange } from '../../../server/src/domain/link';
import type { ThemedIcon } from '../items/severityTheme';

/** What a click on a row does; the adapter turns it into a `vscode.Command`. */
export type NodeAction =
  | { readonly kind: 'openLocation'; readonly uri: string; readonly range: TextRange }
  | { readonly kind: 'openItems'; readonly keys: readonly string[] };

/**
 * A tree row as plain data, free of `vscode`, so the views' logic is unit tested without an
 * extension host. `treeItemAdapter` is the only place it becomes a `vscode.TreeItem`.
 */
export interface NodeModel {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Plain-text paragraphs, written with `appendText` only: tracker text stays inert. */
  readonly tooltip?: readonly string[];
  readonly icon?: ThemedIcon;
  /** For file rows: the file icon theme picks the icon from this URI. */
  readonly resourceUri?: string;
  readonly contextValue?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly action?: NodeAction;
  readonly accessibilityLabel: string;
}

/** `ItemSummary` rows in either view carry this, so context-menu commands work on both. */
export const FRICTION_ITEM_CONTEXT = 'frictionItem';
