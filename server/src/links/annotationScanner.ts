import type { LanguageInfo } from '../languages';
import { findComments } from './commentScanner';

/**
 * A key written in a comment. Whether it links is decided later against the item catalog
 * (see `resolveFileLinks`), so the scan never has to run again when items change.
 */
export interface KeyMention {
  readonly key: string;
  /** Written as `friction: KEY` or `@friction KEY`, rather than a bare key. */
  readonly explicit: boolean;
  readonly line: number;
  readonly startCharacter: number;
  readonly endCharacter: number;
}

const KEY = String.raw`[A-Za-z0-9](?:[\w./-]*[A-Za-z0-9])?(?:#\d+)?`;
/** `friction: PAY-101`, `friction: PAY-101, PAY-102`, `@friction PAY-101`, `@friction: PAY-101`. */
const EXPLICIT = new RegExp(String.raw`(?:@friction\b:?|\bfriction:)[ \t]*(${KEY}(?:[ \t]*,[ \t]*${KEY})*)`, 'g');
const EXPLICIT_KEY = new RegExp(KEY, 'g');
/** A bare Jira/Linear-style key. Prefix must start with a letter: `2026-08` never matches. */
const BARE = /\b[A-Z][A-Z0-9_]*-\d+\b/g;
/** Where a key could start: cheap, and run before any lexing. */
const CANDIDATE = /friction|[A-Z][A-Z0-9_]*-\d/g;

/** Files larger than this are not scanned (minified bundles, generated code, data). */
export const MAX_SCANNED_FILE_BYTES = 1024 * 1024;

/** Every key mentioned inside a comment of `text`; keys in code and string literals are ignored. */
export function scanKeyMentions(text: string, language: LanguageInfo): KeyMention[] {
  const candidates: number[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) candidates.push(match.index);
  if (candidates.length === 0) return [];
  const comments = findComments(text, language, candidates[candidates.length - 1]);
  let lines: LineIndex | undefined;
  const mentions: KeyMention[] = [];
  let next = 0;
  for (const comment of comments) {
    // Only comments holding a candidate are searched with the full patterns.
    while (next < candidates.length && (candidates[next] as number) < comment.start) next++;
    if (next >= candidates.length) break;
    if ((candidates[next] as number) >= comment.end) continue;
    lines ??= new LineIndex(text);
    const body = text.slice(comment.start, comment.end);
    const explicitRanges: [number, number][] = [];
    for (const match of body.matchAll(EXPLICIT)) {
      const listStart = (match.index ?? 0) + match[0].length - (match[1]?.length ?? 0);
      explicitRanges.push([match.index ?? 0, listStart + (match[1]?.length ?? 0)]);
      for (const keyMatch of (match[1] ?? '').matchAll(EXPLICIT_KEY)) {
        mentions.push(lines.mention(keyMatch[0], true, comment.start + listStart + (keyMatch.index ?? 0)));
      }
    }
    for (const match of body.matchAll(BARE)) {
      const offset = match.index ?? 0;
      if (explicitRanges.some(([start, end]) => offset >= start && offset < end)) continue;
      mentions.push(lines.mention(match[0], false, comment.start + offset));
    }
  }
  return mentions;
}

/** Offsets to line/character, computed once per scanned file and only for files with mentions. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  mention(key: string, explicit: boolean, offset: number): KeyMention {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    const character = offset - (this.starts[low] as number);
    return { key, explicit, line: low, startCharacter: character, endCharacter: character + key.length };
  }
}
