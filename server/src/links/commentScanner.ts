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
  /** Standard SQL doubles quotes to escape them; a backslash is an ordinary character. */
  readonly noBackslashEscapes?: boolean;
}

const SYNTAX: Record<CommentStyle, Syntax> = {
  c: { line: ['//'], block: [['/*', '*/']], quotes: '"\'`' },
  hash: { line: ['#'], block: [], quotes: '"\'', hashAtWordStart: true },
  shell: { line: ['#'], block: [], quotes: '"\'', hashAtWordStart: true },
  python: { line: ['#'], block: [], quotes: '"\'', docstrings: true },
  ruby: { line: ['#'], block: [], quotes: '"\'', rubyBlocks: true },
  sql: { line: ['--'], block: [['/*', '*/']], quotes: '\'"', noBackslashEscapes: true },
  lua: { line: ['--'], block: [['--[[', ']]'], ['{-', '-}']], quotes: '"\'' },
  css: { line: [], block: [['/*', '*/']], quotes: '"\'' },
  // Prose and attribute values are full of apostrophes: markup has comments but no strings.
  markup: { line: [], block: [['<!--', '-->']], quotes: '' },
};

const escapeClass = (chars: string) => chars.replace(/[\\\]^-]/g, '\\$&');

/** For each style, a regex finding the next character that could open a comment or a string. */
const NEXT_TOKEN: Record<CommentStyle, RegExp> = Object.fromEntries(
  Object.entries(SYNTAX).map(([style, syntax]) => {
    const starts = new Set([...syntax.line, ...syntax.block.map(([open]) => open)].map((token) => token[0] as string));
    for (const quote of syntax.quotes) starts.add(quote);
    if (syntax.rubyBlocks) starts.add('=');
    return [style, new RegExp(`[${escapeClass([...starts].join(''))}]`, 'g')];
  }),
) as Record<CommentStyle, RegExp>;

/** Ends of ordinary strings per quote: the quote itself, an escape, or a line break. */
const STRING_END: Record<string, RegExp> = {
  '"': /["\\\n]/g,
  "'": /['\\\n]/g,
  '`': /[`\\]/g,
};

/**
 * Finds the comments of a text, skipping string literals so that `"// not a comment"` and
 * `"PAY-101"` in code stay code. It is a lexer, not a parser: good enough to tell comments
 * from code in every language we scan. It jumps from one possible token start to the next
 * with a native regex search, so most characters are never looked at in JavaScript.
 * Scanning stops once `until` is passed, since callers only care about earlier offsets.
 */
export function findComments(text: string, language: LanguageInfo, until = text.length): CommentSpan[] {
  const syntax = SYNTAX[language.comments];
  const next = NEXT_TOKEN[language.comments];
  const spans: CommentSpan[] = [];
  const length = text.length;
  let i = 0;
  while (i < length && i <= until) {
    next.lastIndex = i;
    const found = next.exec(text);
    if (!found) break;
    i = found.index;
    if (i > until) break;
    if (syntax.rubyBlocks && text.startsWith('=begin', i) && (i === 0 || text[i - 1] === '\n')) {
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
    const quote = text[i] as string;
    if (!syntax.quotes.includes(quote)) {
      i++;
      continue;
    }
    if (syntax.docstrings && text.startsWith(quote.repeat(3), i)) {
      const close = text.indexOf(quote.repeat(3), i + 3);
      const end = close < 0 ? length : close + 3;
      if (startsStatement(text, i)) spans.push({ start: i, end });
      i = end;
      continue;
    }
    if (quote === "'" && language.charLiterals) i = skipCharLiteral(text, i);
    else if (syntax.noBackslashEscapes) i = skipPlainString(text, i, quote);
    else i = skipString(text, i, quote);
  }
  return spans;
}

function skipString(text: string, start: number, quote: string): number {
  const end = STRING_END[quote] as RegExp;
  end.lastIndex = start + 1;
  for (let found = end.exec(text); found; found = end.exec(text)) {
    const c = found[0];
    if (c === '\\') end.lastIndex = found.index + 2;
    else return c === '\n' ? found.index : found.index + 1;
  }
  return text.length;
}

/** A string without escapes: it ends at the next quote or line break. */
function skipPlainString(text: string, start: number, quote: string): number {
  const close = text.indexOf(quote, start + 1);
  const newline = text.indexOf('\n', start + 1);
  if (close < 0) return newline < 0 ? text.length : newline;
  return newline >= 0 && newline < close ? newline : close + 1;
}

/** `'a'`, `'\n'`, `'\u{1F600}'` are literals; anything else (a Rust lifetime `'a`) is not a string. */
function skipCharLiteral(text: string, start: number): number {
  const close = text.indexOf("'", start + 1);
  const limit = text.charCodeAt(start + 1) === 92 /* \ */ ? 12 : 3;
  return close > start && close - start <= limit && !text.slice(start + 1, close).includes('\n') ? close + 1 : start + 1;
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
