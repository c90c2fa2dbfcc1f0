/**
 * Tracker text is untrusted. Everything it contributes to a hover goes through `escapeMarkdown`,
 * so `[x](command:...)`, `<img onerror>` and `javascript:` stay inert text; only URLs that pass
 * `safeUrl` become links, and the only command links are our own, built here.
 */

/** Backslash-escapes every character CommonMark gives meaning to, and flattens line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"':=$%]/g, '\\$&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** An `http(s)` URL safe to put in a markdown link target, or `undefined`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // Parentheses and spaces would end the link target early.
  return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A command link to one of our own commands, with JSON arguments. */
export function commandLink(label: string, command: string, args: readonly unknown[], tooltip?: string): string {
  // encodeURIComponent leaves parentheses alone, and one `)` would end the link target.
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  // Tooltips are our own words; anything else is stripped so no text can leave the link.
  const title = tooltip?.replace(/[^\w .,-]/g, '').trim();
  return `[${escapeMarkdown(label)}](command:${command}?${encoded}${title ? ` "${title}"` : ''})`;
}

/** Shortens to at most `max` characters on a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
