/** How a piece of code came to be linked to a friction item (DESIGN.md, "How code gets linked"). */
export type LinkOrigin = 'annotation' | 'mapping' | 'tracker-ref' | 'pr';

/** Zero-based, end-exclusive, like LSP. */
export interface TextRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

export interface Link {
  /** The item's key: items with the same key from several sources are one item. */
  readonly itemKey: string;
  readonly uri: string;
  readonly range: TextRange;
  /** Qualified name of the enclosing symbol (e.g. `RefundService.issue`); absent for file-level links. */
  readonly symbol?: string;
  readonly origin: LinkOrigin;
}
