import type { CommentStyle, LanguageInfo } from '../languages';

/** Half-open character offsets of one comment (or docstring) in a text. */
export interface CommentSpan {
  readonly start: number;
  readonly end: number;
}

interface Syntax {
  readonly line: readonly string[];
  readonly block: readonly (readonly [string, string])[];
  /** Quote characters that open a string; a string ends at the same quote or, except backtick, at the line end. */
  readonly quotes: string;
  /** Python: a triple-quoted string that starts a line is a docstring and counts as a comment. */
  readonly docstrings?: boolean;
  /** Shell: `#` starts a comment only at a word start (not in `$#` or `${#x}`). */
  readonly hashAtWordStart?: boolean;
  /** Ruby: `=begin` … `=end` at line starts. */
  readonly rubyBlocks?: boolean;
}

const SYNTAX: Record<CommentStyle, Syntax> = {
  c: { line: ['//'], block: [['/*', '*/']], quotes: '"\'`' },
  hash: { line: ['#'], block: [], quotes: '"\'', hashAtWordStart: true },
  shell: { line: ['#'], block: [], quotes: '"\'', hashAtWordStart: true },
  python: { line: ['#'], block: [], quotes: '"\'', docstrings: true },
  ruby: { line: ['#'], block: [], quotes: '"\'', rubyBlocks: true },
  sql: { line: ['--'], block: [['/*', '*/']], quotes: '\'"' },
  lua: { line: ['--'], block: [['--[[', ']]'], ['{-', '-}']], quotes: '"\'' },
  css: { line: [], block: [['/*', '*/']], quotes: '"\'' },
  // Prose and attribute values are full of apostrophes: markup has comments but no strings.
  markup: { line: [], block: [['<!--', '-->']], quotes: '' },
};

const NEWLINE = 10;
const BACKSLASH = 92;

/**
 * Finds the comments of a text, skipping string literals so that `"// not a comment"` and
 * `"PAY-101"` in code stay code. It is a lexer, not a parser: good enough to tell comments
 * from code in every language we scan, and fast enough for a whole-workspace scan.
 * Scanning stops once `until` is passed, since callers only care about earlier offsets.
 */
export function findComments(text: string, language: LanguageInfo, until = text.length): CommentSpan[] {
  const syntax = SYNTAX[language.comments];
  const spans: CommentSpan[] = [];
  const length = text.length;
  let i = 0;
  while (i < length && i <= until) {
    const c = text.charCodeAt(i);
    if (syntax.rubyBlocks && c === 61 /* = */ && atLineStart(text, i) && text.startsWith('=begin', i)) {
      const close = text.indexOf('\n=end', i);
      const end = close < 0 ? length : close + 5;
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    const lineToken = syntax.line.find((token) => text.startsWith(token, i));
    if (lineToken !== undefined && (!syntax.hashAtWordStart || atWordStart(text, i))) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? length : newline;
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    const block = syntax.block.find(([open]) => text.startsWith(open, i));
    if (block !== undefined) {
      const close = text.indexOf(block[1], i + block[0].length);
      const end = close < 0 ? length : close + block[1].length;
      spans.push({ start: i, end });
      i = end;
      continue;
    }
    if (syntax.quotes.length > 0 && syntax.quotes.includes(text[i] ?? '')) {
      const quote = text[i] as string;
      if (syntax.docstrings && text.startsWith(quote.repeat(3), i)) {
        const close = text.indexOf(quote.repeat(3), i + 3);
        const end = close < 0 ? length : close + 3;
        if (startsStatement(text, i)) spans.push({ start: i, end });
        i = end;
        continue;
      }
      if (quote === "'" && language.charLiterals) {
        i = skipCharLiteral(text, i);
        continue;
      }
      i = skipString(text, i, quote);
      continue;
    }
    i++;
  }
  return spans;
}

function skipString(text: string, start: number, quote: string): number {
  const quoteCode = quote.charCodeAt(0);
  const multiline = quote === '`';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quoteCode) return i + 1;
    else if (c === NEWLINE && !multiline) return i;
  }
  return text.length;
}

/** `'a'`, `'\n'`, `'\u{1F600}'` are literals; anything else (a Rust lifetime `'a`) is not a string. */
function skipCharLiteral(text: string, start: number): number {
  const close = text.indexOf("'", start + 1);
  const limit = text.charCodeAt(start + 1) === BACKSLASH ? 12 : 3;
  return close > start && close - start <= limit && !text.slice(start + 1, close).includes('\n') ? close + 1 : start + 1;
}

function atLineStart(text: string, i: number): boolean {
  return i === 0 || text.charCodeAt(i - 1) === NEWLINE;
}

function atWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const previous = text[i - 1] ?? '';
  return previous === ' ' || previous === '\t' || previous === '\n' || previous === '\r' || previous === ';';
}

/** Only whitespace or string prefixes (r, u, b, f) before `i` on its line. */
function startsStatement(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const ch = text[j] as string;
    if (ch === '\n') return true;
    if (ch !== ' ' && ch !== '\t' && !'rRuUbBfF'.includes(ch)) return false;
  }
  return true;
}
