/**
 * Atlassian Document Format (Jira Cloud's rich text, REST v3) to plain text. Item summaries are
 * plain text (DESIGN.md, "Domain model") and are scanned for code references, so code blocks,
 * link texts and list items must all survive. Tracker text is untrusted: any shape is accepted,
 * unknown nodes contribute their children's text, and nothing here throws.
 */

/** A summary longer than this is cut: a pasted log must not bloat the snapshot. */
export const MAX_TEXT_LENGTH = 20_000;
/** Deeper nesting is ignored rather than risking the stack on hostile input. */
const MAX_DEPTH = 64;

interface AdfNode {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: unknown;
}

/** Nodes that sit inside a paragraph; consecutive ones form one line of text. */
const INLINE_TYPES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'mediaInline', 'placeholder', 'inlineExtension']);

export function adfToText(document: unknown): string {
  try {
    // Some apps write plain strings into v3 descriptions; take them as they are.
    if (typeof document === 'string') return finish(document.split('\n'));
    const lines: string[] = [];
    renderBlocks(Array.isArray(document) ? document : [document], lines, 0);
    return finish(lines);
  } catch {
    // Unreachable by design; a summary is never worth failing a sync over.
    return '';
  }
}

/** Drops blank lines and trailing spaces, and caps the length. */
export function finish(lines: readonly string[]): string {
  const text = lines
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '')
    .join('\n');
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

function asNode(value: unknown): AdfNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function children(node: AdfNode): readonly unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

function attr(node: AdfNode, name: string): unknown {
  const attrs = asNode(node.attrs) as Record<string, unknown> | undefined;
  return attrs?.[name];
}

function stringAttr(node: AdfNode, name: string): string | undefined {
  const value = attr(node, name);
  return typeof value === 'string' ? value : undefined;
}

function isInline(value: unknown): boolean {
  const node = asNode(value);
  return node !== undefined && typeof node.type === 'string' && INLINE_TYPES.has(node.type);
}

/** Renders block content: runs of inline nodes become lines, block nodes render themselves. */
function renderBlocks(content: readonly unknown[], lines: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  let run: unknown[] = [];
  const flush = () => {
    if (run.length > 0) pushText(lines, inlineText(run, depth));
    run = [];
  };
  for (const child of content) {
    if (isInline(child)) {
      run.push(child);
      continue;
    }
    flush();
    renderBlock(child, lines, depth + 1);
  }
  flush();
}

function pushText(lines: string[], text: string): void {
  lines.push(...text.split('\n'));
}

function renderBlock(value: unknown, lines: string[], depth: number): void {
  const node = asNode(value);
  if (node === undefined || depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      pushText(lines, inlineText(children(node), depth));
      return;
    case 'codeBlock':
      // Kept verbatim: code blocks are where paths and `path#Symbol` references live.
      pushText(lines, children(node).map((child) => textOf(asNode(child))).join(''));
      return;
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
    case 'decisionList':
      renderList(node, lines, depth);
      return;
    case 'table':
      for (const row of children(node)) lines.push(tableRow(asNode(row), depth));
      return;
    case 'blockCard':
    case 'embedCard': {
      const url = stringAttr(node, 'url');
      if (url) lines.push(url);
      return;
    }
    case 'expand':
    case 'nestedExpand': {
      const title = stringAttr(node, 'title');
      if (title) lines.push(title);
      renderBlocks(children(node), lines, depth);
      return;
    }
    case 'rule':
    case 'media':
      return;
    default:
      // doc, blockquote, panel, listItem out of a list, layouts, extensions, and node types
      // that do not exist yet: their children carry the text.
      if (typeof node.text === 'string') lines.push(node.text);
      renderBlocks(children(node), lines, depth);
  }
}

function renderList(list: AdfNode, lines: string[], depth: number): void {
  const ordered = list.type === 'orderedList';
  const order = attr(list, 'order');
  const start = typeof order === 'number' && Number.isInteger(order) && order >= 0 ? order : 1;
  children(list).forEach((child, index) => {
    const item = asNode(child);
    if (!item) return;
    const marker = ordered ? `${start + index}. ` : item.type === 'taskItem' ? (stringAttr(item, 'state') === 'DONE' ? '- [x] ' : '- [ ] ') : '- ';
    const itemLines: string[] = [];
    // Task and decision items hold inline content directly; list items hold blocks.
    renderBlocks(children(item), itemLines, depth + 1);
    const [first, ...rest] = itemLines.filter((line) => line.trim() !== '');
    lines.push(`${marker}${first ?? ''}`);
    // Continuation lines and nested lists are indented under the item.
    for (const line of rest) lines.push(`  ${line}`);
  });
}

function tableRow(row: AdfNode | undefined, depth: number): string {
  if (!row) return '';
  return children(row)
    .map((cell) => {
      const cellLines: string[] = [];
      const node = asNode(cell);
      if (node) renderBlocks(children(node), cellLines, depth + 1);
      return cellLines.map((line) => line.trim()).filter(Boolean).join(' ');
    })
    .join(' | ');
}

function inlineText(content: readonly unknown[], depth: number): string {
  if (depth > MAX_DEPTH) return '';
  return content.map((child) => inlineNode(asNode(child), depth + 1)).join('');
}

function inlineNode(node: AdfNode | undefined, depth: number): string {
  if (!node) return '';
  switch (node.type) {
    case 'text':
      // A link is a mark on a text node: its text is what people read.
      return textOf(node);
    case 'hardBreak':
      return '\n';
    case 'mention': {
      const text = stringAttr(node, 'text');
      if (text) return text.startsWith('@') ? text : `@${text}`;
      const id = stringAttr(node, 'id');
      return id ? `@${id}` : '';
    }
    case 'emoji':
      return stringAttr(node, 'shortName') ?? stringAttr(node, 'text') ?? '';
    case 'inlineCard':
      return stringAttr(node, 'url') ?? '';
    case 'status':
      return stringAttr(node, 'text') ?? '';
    case 'date':
      return dateText(attr(node, 'timestamp'));
    default:
      return typeof node.text === 'string' ? node.text : inlineText(children(node), depth);
  }
}

function textOf(node: AdfNode | undefined): string {
  return node && typeof node.text === 'string' ? node.text : '';
}

/** ADF dates are epoch milliseconds, as a string or a number. */
function dateText(timestamp: unknown): string {
  const ms = typeof timestamp === 'number' ? timestamp : typeof timestamp === 'string' ? Number(timestamp) : NaN;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}
