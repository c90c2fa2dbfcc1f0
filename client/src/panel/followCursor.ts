import type { SymbolItemsRequest } from '../../../server/src/protocol';
import type { PanelSubject } from '../../../webview/src/protocol';

/** What the panel shows now, as far as following the cursor is concerned. */
export interface FollowState {
  readonly pinned: boolean;
  /** The keys last asked for (shown, or on their way). */
  readonly keys: readonly string[];
  readonly subject: PanelSubject;
}

/** Where the cursor is: the file's URI and its workspace-relative path. */
export interface CursorFile {
  readonly uri: string;
  readonly label: string;
}

export type FollowDecision =
  /** Pinned, or nothing changed: post nothing. */
  | { readonly kind: 'none' }
  /** The same items for another symbol: a new subject, no new request. */
  | { readonly kind: 'retarget'; readonly subject: PanelSubject }
  /** Other items: fetch their details, then post. */
  | { readonly kind: 'show'; readonly keys: readonly string[]; readonly subject: PanelSubject }
  /** Nothing linked here and nothing shown before: say the panel is empty. */
  | { readonly kind: 'clear' };

export const EMPTY_SUBJECT: PanelSubject = { kind: 'empty' };

export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  const set = new Set(a);
  return b.every((key) => set.has(key));
}

export function sameSubject(a: PanelSubject, b: PanelSubject): boolean {
  if (a.kind === 'symbol' && b.kind === 'symbol') {
    return a.symbol === b.symbol && a.uri === b.uri;
  }
  return a.kind === b.kind;
}

/** The subject for the server's answer: a symbol, or the items of a key in a comment. */
export function subjectOf(found: NonNullable<SymbolItemsRequest.Result>, at: CursorFile): PanelSubject {
  return found.symbol === undefined ? { kind: 'items' } : { kind: 'symbol', symbol: found.symbol, uri: at.uri, label: at.label };
}

/**
 * Whether the cursor's new place changes what an unpinned panel shows. Moving off linked code
 * keeps the last items on screen instead of flashing an empty panel, so one can read while
 * moving around; only a panel that shows nothing yet is told it is empty.
 */
export function decideFollow(current: FollowState, found: SymbolItemsRequest.Result, at: CursorFile): FollowDecision {
  if (current.pinned) {
    return { kind: 'none' };
  }
  if (found === null || found.keys.length === 0) {
    return current.keys.length === 0 && current.subject.kind !== 'empty' ? { kind: 'clear' } : { kind: 'none' };
  }
  const subject = subjectOf(found, at);
  if (sameKeys(current.keys, found.keys)) {
    return sameSubject(current.subject, subject) ? { kind: 'none' } : { kind: 'retarget', subject };
  }
  return { kind: 'show', keys: found.keys, subject };
}
