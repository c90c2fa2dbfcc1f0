import type { LinkOrigin } from '../../../server/src/domain/link';
import type { ItemLocation } from '../../../server/src/protocol';

/** A linked code location as a quick pick row; structurally a `vscode.QuickPickItem`. */
export interface LocationPickItem {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly location: ItemLocation;
}

const ORIGINS: Record<LinkOrigin, string> = {
  annotation: 'Annotation in a comment',
  mapping: 'Mapping in .customer-lens/links.yaml',
  'tracker-ref': 'Code reference in the tracker item',
  pr: 'Pull request',
};

export function describeOrigin(origin: LinkOrigin): string {
  return ORIGINS[origin];
}

/**
 * The symbol's likely kind from its qualified name alone: the server sends no kind, and a
 * wrong guess only costs an icon.
 */
export function symbolIcon(symbol: string): string {
  return `$(${symbolCodicon(symbol)})`;
}

/** The codicon id behind `symbolIcon`, for tree items that take a `ThemeIcon`. */
export function symbolCodicon(symbol: string): string {
  if (symbol.includes('.')) {
    return 'symbol-method';
  }
  return /^[A-Z]/.test(symbol) ? 'symbol-class' : 'symbol-function';
}

/** `relativePath` is the workspace-relative path of `location.uri`, which only VS Code can compute. */
export function toLocationPickItem(location: ItemLocation, relativePath: string): LocationPickItem {
  const fileName = relativePath.split(/[\\/]/).pop() ?? relativePath;
  return {
    label: location.symbol === undefined ? `$(file) ${fileName}` : `${symbolIcon(location.symbol)} ${location.symbol}`,
    // Ranges are zero-based like LSP; people count lines from one.
    description: `${relativePath}:${location.range.startLine + 1}`,
    detail: describeOrigin(location.origin),
    location,
  };
}
