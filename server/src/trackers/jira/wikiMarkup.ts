import { finish } from './adf';

/**
 * Jira wiki markup (Jira Data Center descriptions, REST v2) to plain text, with the same
 * conventions as `adfToText` (one line per block, `- ` and `1. ` list markers, nested items
 * indented) so an item reads the same from Cloud and Data Center. Code and noformat content is
 * kept verbatim: that is where code references live. Untrusted input: never throws.
 */

// `{code}`, `{code:java}`, `{code:title=A.java|borderStyle=solid}`, `{noformat}`; an unclosed block runs to the end.
const CODE_BLOCK = /\{(code|noformat)(?::[^}\n]*)?\}([\s\S]*?)(?:\{\1\}|$)/gi;
// Formatting macros whose markers go and whose content stays.
const MACRO_MARKER = /\{(?:color|panel|quote|section|column|expand|tip|info|note|warning|anchor|status)(?::[^}\n]*)?\}/gi;
// `!screenshot.png!`, `!screenshot.png|thumbnail!`, `!https://host/a.gif!`: images carry no text.
const IMAGE = /!(?:[^\s!|]+\.[A-Za-z0-9]{2,5}|https?:\/\/[^\s!|]+)(?:\|[^!\n]*)?!/g;
const EMPHASIS_MARKERS = ['*', '_', '-', '+', '^', '~'];
const EMPHASIS = EMPHASIS_MARKERS.map((marker) => {
  const m = `\\${marker}`;
  // Only a marker pair that opens after a non-word character and closes before one: `re-issue`,
  // `snake_case_name` and `a*b*c` are left alone.
  return new RegExp(`(^|[^\\w${m}])${m}(\\S(?:[^${m}\\n]*?\\S)?)${m}(?=$|[^\\w${m}])`, 'g');
});

export function wikiMarkupToText(markup: unknown): string {
  if (typeof markup !== 'string') return '';
  try {
    const lines: string[] = [];
    let last = 0;
    for (const match of markup.matchAll(CODE_BLOCK)) {
      lines.push(...markupLines(markup.slice(last, match.index)));
      lines.push(...(match[2] ?? '').split(/\r?\n/));
      last = match.index + match[0].length;
    }
    lines.push(...markupLines(markup.slice(last)));
    return finish(lines);
  } catch {
    return finish(markup.split('\n'));
  }
}

function markupLines(text: string): string[] {
  const out: string[] = [];
  // Numbering of `#` lists, per nesting depth; any other line ends the list.
  let counters: number[] = [];
  // `\\` is a forced line break.
  for (const raw of text.replace(/\\\\/g, '\n').split(/\r?\n/)) {
    const line = raw.trim();
    if (/^-{4,}$/.test(line)) {
      counters = [];
      continue;
    }
    const block = /^(?:h[1-6]|bq)\.\s+(.*)$/.exec(line);
    if (block) {
      counters = [];
      out.push(inline(block[1] ?? ''));
      continue;
    }
    const list = /^([*#]+|-)\s+(.*)$/.exec(line);
    if (list) {
      const markers = list[1] ?? '*';
      const depth = markers.length;
      counters = counters.slice(0, depth);
      while (counters.length < depth) counters.push(0);
      let marker = '- ';
      if (markers.endsWith('#')) {
        counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
        marker = `${counters[depth - 1]}. `;
      }
      out.push(`${'  '.repeat(depth - 1)}${marker}${inline(list[2] ?? '')}`);
      continue;
    }
    counters = [];
    if (line.startsWith('|')) {
      // `||head||head||` and `|cell|cell|`; links inside cells lose their `|` in `inline` first.
      out.push(
        inline(line)
          .split(/\|{1,2}/)
          .map((cell) => cell.trim())
          .filter(Boolean)
          .join(' | '),
      );
      continue;
    }
    out.push(inline(line));
  }
  return out;
}

function inline(text: string): string {
  let result = text
    .replace(MACRO_MARKER, '')
    .replace(IMAGE, '')
    .replace(/\[~(?:accountid:)?([^\]\n]+)\]/g, '@$1')
    .replace(/\[\^([^\]\n]+)\]/g, '$1')
    .replace(/\[#([^\]|\n]+)\]/g, '$1')
    .replace(/\[([^\]|\n]*)\|([^\]\n]*)\]/g, (_, label: string, target: string) => label.trim() || target.trim())
    .replace(/\[((?:https?|mailto|file|ftp):[^\]\n]+)\]/g, '$1')
    .replace(/\{\{(.*?)\}\}/g, '$1')
    .replace(/\?\?(.+?)\?\?/g, '$1');
  for (const emphasis of EMPHASIS) result = result.replace(emphasis, '$1$2');
  // A backslash escapes a markup character.
  return result.replace(/\\([*_?\-+^~{}[\]!|#])/g, '$1');
}
