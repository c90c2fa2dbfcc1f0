import type { TextRange } from '../domain/link';

export type SymbolKind = 'class' | 'interface' | 'enum' | 'struct' | 'trait' | 'module' | 'function' | 'method' | 'property';

/** A declaration that links attach to. */
export interface CodeSymbol {
  readonly name: string;
  /** Containers joined with dots: `RefundService.issue`, `Client.Refund`, `SettlementWorker.run`. */
  readonly qualifiedName: string;
  readonly kind: SymbolKind;
  /** The declared name: hovering it shows the symbol's items. */
  readonly nameRange: TextRange;
  /** From the first leading comment or decorator to the end of the declaration. */
  readonly range: TextRange;
}

/** The innermost symbol whose range holds the position, if any. */
export function enclosingSymbol(symbols: readonly CodeSymbol[], line: number, character: number): CodeSymbol | undefined {
  let best: CodeSymbol | undefined;
  for (const symbol of symbols) {
    if (contains(symbol.range, line, character) && (!best || contains(best.range, symbol.range.startLine, symbol.range.startCharacter))) {
      best = symbol;
    }
  }
  return best;
}

export function contains(range: TextRange, line: number, character: number): boolean {
  if (line < range.startLine || line > range.endLine) return false;
  if (line === range.startLine && character < range.startCharacter) return false;
  if (line === range.endLine && character > range.endCharacter) return false;
  return true;
}

/** The innermost symbol spanning a whole line (for line-based references such as permalinks). */
export function enclosingSymbolOfLine(symbols: readonly CodeSymbol[], line: number): CodeSymbol | undefined {
  let best: CodeSymbol | undefined;
  for (const symbol of symbols) {
    if (symbol.range.startLine <= line && line <= symbol.range.endLine && (!best || symbol.range.startLine >= best.range.startLine)) best = symbol;
  }
  return best;
}
