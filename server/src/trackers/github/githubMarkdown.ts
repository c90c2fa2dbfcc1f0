/**
 * Issue bodies are GitHub-flavoured markdown with HTML; items carry plain text (it is rendered
 * escaped, never as markup). This keeps what a reader would see: link text, code, quotes; it
 * drops images, HTML tags and template comments. Link targets are returned so that permalinks
 * into the code are not lost with the markup.
 */
export interface PlainText {
  readonly text: string;
  /** The targets of the links that were reduced to their text. */
  readonly links: readonly string[];
}

/** Long bodies (logs, stack traces) are cut: a summary is for hovers and the panel. */
export const MAX_SUMMARY_LENGTH = 4_000;

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
const INLINE_CODE = /(`+)([\s\S]*?[^`])\1(?!`)/g;
const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)/g;
const LINK = /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const REFERENCE_LINK = /\[([^\]\n]+)\]\[[^\]\n]*\]/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/gm;
const AUTOLINK = /<((?:https?|mailto):[^\s<>]+)>/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** Only the tags GitHub renders; `Array<string>` in prose is text. */
const HTML_TAG = /<\/?(?:a|abbr|b|blockquote|br|code|dd|del|details|div|dl|dt|em|h[1-6]|hr|i|img|ins|kbd|li|ol|p|picture|pre|q|s|samp|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var|video)\b[^<>]*>/gi;

export function markdownToText(markdown: string): PlainText {
  const links: string[] = [];
  const code: string[] = [];
  // Code is set aside first (kept verbatim: stack traces and snippets are often the most useful
  // part), so that no markdown rule below touches it; a private-use placeholder marks its place.
  const hold = (content: string): string => `${OPEN}${code.push(content) - 1}${CLOSE}`;
  let source = markdown.replace(/[\uE000\uE001]/g, '').replace(/\r\n?/g, '\n');
  // Each rule is a pass over the whole body: those whose marker character is absent are skipped.
  if (source.includes('`') || source.includes('~')) {
    source = source.replace(FENCE, (_, _fence: string, content: string) => hold(content.replace(/\n$/, ''))).replace(INLINE_CODE, (_, _ticks: string, content: string) => hold(content.trim()));
  }
  if (source.includes('<')) source = source.replace(HTML_COMMENT, '');
  let stripped = stripMarkup(source, links);
  if (code.length > 0) stripped = stripped.replace(PLACEHOLDER, (_, index: string) => code[Number(index)] ?? '');
  const text = stripped
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH - 1).trimEnd()}…` : text, links };
}

/** The entities GitHub's editors write, decoded in one pass (`&amp;lt;` stays `&lt;`). */
const ENTITY = /&(nbsp|lt|gt|quot|#39|amp);/g;
const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Everything but code: markup goes, what it labelled stays. */
function stripMarkup(markup: string, links: string[]): string {
  let text = markup;
  if (text.includes('[')) {
    text = text
      .replace(IMAGE, '')
      .replace(REFERENCE_DEFINITION, (_, target: string) => {
        links.push(target);
        return '';
      })
      .replace(LINK, (_, label: string, target: string) => {
        if (target) links.push(target);
        return label;
      })
      .replace(REFERENCE_LINK, '$1');
  }
  if (text.includes('<')) text = text.replace(AUTOLINK, '$1').replace(HTML_TAG, '');
  text = text
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm, '$1')
    .replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^ {0,3}>[ \t]?/gm, '')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, '$1');
  if (text.includes('\\')) text = text.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
  return text.includes('&') ? text.replace(ENTITY, (_, name: string) => ENTITIES[name] ?? '') : text;
}
