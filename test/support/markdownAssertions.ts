/** Reading hover markdown the way a renderer would, and asserting it can do no harm. */
import assert from 'node:assert/strict';

/** Our only command in hovers. */
export const OPEN_ITEM_COMMAND = 'customerLens.openItem';

/** What a reader sees: CommonMark backslash escapes removed. */
export function plainText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** How often `character` occurs not backslash-escaped (an escaped backslash escapes nothing after it). */
export function countUnescaped(markdown: string, character: string): number {
  let count = 0;
  for (let i = 0; i < markdown.length; i++) {
    if (markdown[i] === '\\') i++;
    else if (markdown[i] === character) count++;
  }
  return count;
}

export interface CommandLink {
  readonly label: string;
  readonly command: string;
  readonly args: unknown;
}

/** Every `[label](command:id?args "title")` link, with decoded JSON arguments. */
export function commandLinksIn(markdown: string): CommandLink[] {
  return [...markdown.matchAll(/\[((?:\\.|[^\]\\])*)\]\(command:([^?\s)]+)(?:\?([^\s)]*))?/g)].map((match) => ({
    label: plainText(match[1] ?? ''),
    command: match[2] ?? '',
    args: match[3] ? (JSON.parse(decodeURIComponent(match[3])) as unknown) : undefined,
  }));
}

/** Keys in hover order: one "Open in Customer Lens" link per item. */
export function keysShown(markdown: string): string[] {
  return commandLinksIn(markdown)
    .filter((link) => link.label === 'Open in Customer Lens')
    .map((link) => (link.args as string[][])[0]?.[0] ?? '?');
}

/** Asserts the markdown can do nothing but show text, link to http(s) and run our own command. */
export function assertInertMarkdown(markdown: string): void {
  assert.equal(countUnescaped(markdown, '<'), 0, `unescaped '<' in:\n${markdown}`);
  const commands = [...markdown.matchAll(/\]\(\s*command:([^?\s)]*)/g)].map((match) => match[1]);
  assert.ok(
    commands.every((command) => command === OPEN_ITEM_COMMAND),
    `foreign command link in:\n${markdown}`,
  );
  assert.doesNotMatch(markdown, /\]\(\s*javascript:/i);
  const schemes = [...markdown.matchAll(/\]\(\s*([a-z][a-z0-9+.-]*):/gi)].map((match) => match[1]?.toLowerCase());
  assert.ok(
    schemes.every((scheme) => scheme === 'https' || scheme === 'http' || scheme === 'command'),
    `unexpected link scheme in:\n${markdown}`,
  );
}
