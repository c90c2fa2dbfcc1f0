import type { TextRange } from '../../../server/src/domain/link';

/**
 * What to select when opening a linked range. A symbol's range can span a whole function;
 * selecting all of it would be in the way, so multi-line ranges only place the cursor.
 */
export function locationSelection(range: TextRange): TextRange {
  if (range.startLine === range.endLine) {
    return range;
  }
  return { startLine: range.startLine, startCharacter: range.startCharacter, endLine: range.startLine, endCharacter: range.startCharacter };
}
