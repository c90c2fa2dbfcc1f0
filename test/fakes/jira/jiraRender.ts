import { jiraTimestamp } from './jiraClock';
import type { Block, FakeJiraIssue, Inline } from './jiraData';

/** How Jira renders one issue for a search answer: which API, which fields, whose clock. */
export interface RenderOptions {
  readonly api: 'v3' | 'v2';
  /** The site with its context path: `self` links start here. */
  readonly site: string;
  readonly timeZone: string;
  readonly customersField: string;
  /** The fields asked for; `all` for `*all` / `*navigable`. */
  readonly fields: ReadonlySet<string> | 'all';
  /** Raw field values that replace the rendered ones (schema-violating issues). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export function renderIssue(issue: FakeJiraIssue, options: RenderOptions): Record<string, unknown> {
  const rest = `${options.site}/rest/api/${options.api === 'v3' ? 3 : 2}`;
  const all: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description === null ? null : options.api === 'v3' ? toAdf(issue.description) : toWiki(issue.description),
    status: {
      self: `${rest}/status/1`,
      description: '',
      iconUrl: `${options.site}/images/icons/statuses/generic.png`,
      name: issue.status.name,
      id: '1',
      statusCategory: { self: `${rest}/statuscategory/${CATEGORY[issue.status.category].id}`, ...CATEGORY[issue.status.category] },
    },
    priority: issue.priority === null ? null : { self: `${rest}/priority/3`, iconUrl: `${options.site}/images/icons/priorities/medium.svg`, name: issue.priority, id: '3' },
    labels: issue.labels,
    votes: { self: `${rest}/issue/${issue.key}/votes`, votes: issue.votes, hasVoted: false },
    updated: jiraTimestamp(issue.updated, options.timeZone),
    created: jiraTimestamp(issue.created, options.timeZone),
    project: { self: `${rest}/project/${issue.project}`, key: issue.project, name: issue.project },
    [options.customersField]: issue.customers,
    ...options.overrides,
  };
  const fields = options.fields === 'all' ? all : Object.fromEntries(Object.entries(all).filter(([name]) => (options.fields as ReadonlySet<string>).has(name)));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${rest}/issue/${issue.id}`,
    key: issue.key,
    ...(options.fields === 'all' || options.fields.size > 0 ? { fields } : {}),
  };
}

/** Atlassian Document Format, as Jira Cloud stores descriptions. */
export function toAdf(blocks: readonly Block[]): unknown {
  return { type: 'doc', version: 1, content: blocks.map(adfBlock) };
}

function adfBlock(block: Block): unknown {
  const text = (value: string) => ({ type: 'text', text: value });
  const item = (value: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [text(value)] }] });
  switch (block.kind) {
    case 'paragraph':
      return { type: 'paragraph', content: block.inlines.map(adfInline) };
    case 'heading':
      return { type: 'heading', attrs: { level: block.level }, content: [text(block.text)] };
    case 'bullets':
      return { type: 'bulletList', content: block.items.map(item) };
    case 'numbered':
      return { type: 'orderedList', attrs: { order: 1 }, content: block.items.map(item) };
    case 'code':
      return { type: 'codeBlock', attrs: { language: block.language ?? 'text' }, content: [text(block.text)] };
  }
}

function adfInline(inline: Inline): unknown {
  if ('mention' in inline) return { type: 'mention', attrs: { id: `557058:${inline.mention}`, text: `@${inline.mention}`, accessLevel: '' } };
  if ('emoji' in inline) return { type: 'emoji', attrs: { shortName: `:${inline.emoji}:`, id: '1f600', text: '😀' } };
  if ('hardBreak' in inline) return { type: 'hardBreak' };
  const marks = [...(inline.strong ? [{ type: 'strong' }] : []), ...(inline.href ? [{ type: 'link', attrs: { href: inline.href } }] : [])];
  return { type: 'text', text: inline.text, ...(marks.length > 0 && { marks }) };
}

/** Jira wiki markup, as Data Center stores descriptions. */
export function toWiki(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return block.inlines.map(wikiInline).join('');
        case 'heading':
          return `h${block.level}. ${block.text}`;
        case 'bullets':
          return block.items.map((item) => `* ${item}`).join('\n');
        case 'numbered':
          return block.items.map((item) => `# ${item}`).join('\n');
        case 'code':
          return `{code:${block.language ?? 'text'}}\n${block.text}\n{code}`;
      }
    })
    .join('\n\n');
}

function wikiInline(inline: Inline): string {
  if ('mention' in inline) return `[~${inline.mention}]`;
  if ('emoji' in inline) return `:${inline.emoji}:`;
  if ('hardBreak' in inline) return '\\\\';
  const text = inline.strong ? `*${inline.text}*` : inline.text;
  return inline.href ? `[${text}|${inline.href}]` : text;
}
