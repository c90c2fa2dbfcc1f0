import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';

/** The markdown of a hover (the server answers MarkupContent). */
export function markdownOf(hover: Hover | null): string {
  if (!hover) throw new Error('expected a hover, got null');
  const contents = hover.contents as MarkupContent;
  if (contents.kind !== 'markdown') throw new Error(`expected markdown hover contents, got ${JSON.stringify(hover.contents)}`);
  return contents.value;
}

/** What a reader sees: CommonMark backslash escapes removed. */
export function plainText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export interface CommandLink {
  readonly label: string;
  readonly command: string;
  readonly args: unknown;
}

/** Every `[label](command:id?args)` link, with its JSON arguments decoded. */
export function commandLinks(markdown: string): CommandLink[] {
  const links: CommandLink[] = [];
  for (const match of markdown.matchAll(/(?<!\\)\[((?:\\.|[^\][\\])*)\]\(command:([^?\s)]+)(?:\?([^\s)]*))?/g)) {
    const rawArgs = match[3];
    links.push({ label: plainText(match[1] ?? ''), command: match[2] ?? '', args: rawArgs ? JSON.parse(decodeURIComponent(rawArgs)) : undefined });
  }
  return links;
}

/** The item keys a hover shows, in order: one "Open in Customer Lens" link per item. */
export function hoverKeys(markdown: string): string[] {
  return commandLinks(markdown)
    .filter((link) => link.label === 'Open in Customer Lens')
    .map((link) => {
      const args = link.args as string[][];
      return args[0]?.[0] ?? '?';
    });
}
