import { seededRandom } from '../seededRandom';

/**
 * The Jira fake's data: issues with structured descriptions, so that one description renders as
 * ADF (Cloud), as wiki markup (Data Center) and as the plain text both must convert to.
 * Generated deterministically from a seed.
 */

export type Inline =
  | { readonly text: string; readonly strong?: boolean; readonly href?: string }
  | { readonly mention: string }
  | { readonly emoji: string }
  | { readonly hardBreak: true };

export type Block =
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | { readonly kind: 'bullets'; readonly items: readonly string[] }
  | { readonly kind: 'numbered'; readonly items: readonly string[] }
  | { readonly kind: 'code'; readonly language?: string; readonly text: string };

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface FakeJiraIssue {
  readonly id: string;
  readonly key: string;
  readonly project: string;
  summary: string;
  description: readonly Block[] | null;
  status: { readonly name: string; readonly category: StatusCategory };
  /** `null`: the priority field is hidden or unset. */
  priority: string | null;
  labels: string[];
  votes: number;
  /** The "customers affected" number custom field; `null` when unset. */
  customers: number | null;
  readonly created: number;
  updated: number;
}

export const FRICTION_LABEL = 'customer-friction';
export const STATUSES: readonly FakeJiraIssue['status'][] = [
  { name: 'To Do', category: 'new' },
  { name: 'Backlog', category: 'new' },
  { name: 'In Progress', category: 'indeterminate' },
  { name: 'In Review', category: 'indeterminate' },
  { name: 'Done', category: 'done' },
  { name: "Won't Fix", category: 'done' },
];
export const PRIORITIES: readonly (string | null)[] = ['Highest', 'High', 'Medium', 'Low', 'Lowest', 'Blocker', 'Critical', 'Major', 'Minor', 'Trivial', 'P1 - Custom', null];
const WORDS = ['refund', 'checkout', 'card', 'timeout', 'invoice', 'customers', 'waiting', 'charged', 'twice', 'export', 'slow', 'login', 'mobile', 'dashboard', 'report', 'retry', 'payment', 'support', 'agents', 'hand'];
const PEOPLE = ['dana', 'lee', 'sam', 'ari'];
const EMOJI = ['smile', 'warning', 'fire'];
const CODE_REFS = ['src/payments/refund.ts#RefundService.issue', 'src/checkout/cart.ts', 'https://github.com/acme/app/blob/0a1b2c3/src/payments/refund.ts#L10-L20'];

/** Epoch of the generated history: all issues are updated after this, 7 minutes apart. */
export const HISTORY_START = Date.parse('2026-10-01T00:00:00Z');
export const UPDATE_SPACING_MS = 7 * 60_000;


export interface GenerateOptions {
  readonly seed?: number;
  /** Share of issues in project PAY (the rest are in OPS). */
  readonly payShare?: number;
  /** Share of issues labelled `customer-friction`. */
  readonly frictionShare?: number;
}

/**
 * `count` issues: keys per project in creation order, `updated` times 7 minutes apart (so each
 * minute holds at most one) but shuffled against the keys, so "ORDER BY updated" is not key order.
 */
export function generateIssues(count: number, options: GenerateOptions = {}): FakeJiraIssue[] {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const slots = Array.from({ length: count }, (_, index) => index);
  for (let index = slots.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [slots[index], slots[other]] = [slots[other] as number, slots[index] as number];
  }
  const numbers = new Map<string, number>();
  return slots.map((slot, index) => {
    const project = random() < (options.payShare ?? 0.8) ? 'PAY' : 'OPS';
    const number = (numbers.get(project) ?? 100) + 1;
    numbers.set(project, number);
    const labels = [...(random() < (options.frictionShare ?? 0.85) ? [FRICTION_LABEL] : []), ...(random() < 0.3 ? [pick(['refunds', 'mobile', 'exports'])] : [])];
    return {
      id: String(10_000 + index),
      key: `${project}-${number}`,
      project,
      summary: sentence(random, pick, 4 + Math.floor(random() * 5)),
      description: random() < 0.1 ? null : description(random, pick),
      status: pick(STATUSES),
      priority: pick(PRIORITIES),
      labels,
      votes: Math.floor(random() * 50),
      customers: random() < 0.3 ? null : Math.floor(random() * 500),
      created: HISTORY_START - 86_400_000 + index * 1_000,
      updated: HISTORY_START + slot * UPDATE_SPACING_MS + Math.floor(random() * 59_000),
    };
  });
}

function sentence(random: () => number, pick: <T>(list: readonly T[]) => T, words: number): string {
  const text = Array.from({ length: words }, () => pick(WORDS)).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function description(random: () => number, pick: <T>(list: readonly T[]) => T): Block[] {
  const blocks: Block[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let index = 0; index < count; index++) {
    const kind = pick(['paragraph', 'paragraph', 'heading', 'bullets', 'numbered', 'code'] as const);
    if (kind === 'paragraph') {
      const inlines: Inline[] = [{ text: `${sentence(random, pick, 3)} ` }];
      if (random() < 0.4) inlines.push({ text: pick(WORDS), strong: true }, { text: ' ' });
      if (random() < 0.3) inlines.push({ text: 'see the runbook', href: 'https://wiki.acme.com/runbook' }, { text: ' ' });
      if (random() < 0.3) inlines.push({ mention: pick(PEOPLE) }, { text: ' ' });
      if (random() < 0.2) inlines.push({ emoji: pick(EMOJI) }, { text: ' ' });
      if (random() < 0.3) inlines.push({ hardBreak: true }, { text: sentence(random, pick, 2) });
      else inlines.push({ text: 'end' });
      blocks.push({ kind, inlines });
    } else if (kind === 'heading') {
      blocks.push({ kind, level: 1 + Math.floor(random() * 3), text: sentence(random, pick, 2) });
    } else if (kind === 'code') {
      blocks.push({ kind, language: 'text', text: `// where it hurts\n${pick(CODE_REFS)}` });
    } else {
      blocks.push({ kind, items: Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentence(random, pick, 3)) });
    }
  }
  return blocks;
}

/** The plain text an adapter must make of a description, whatever its markup: one line per block or list item. */
export function plainText(blocks: readonly Block[] | null): string {
  if (!blocks) return '';
  const lines = blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'paragraph':
        return block.inlines.map(inlinePlain).join('').split('\n');
      case 'heading':
        return [block.text];
      case 'bullets':
        return block.items.map((item) => `- ${item}`);
      case 'numbered':
        return block.items.map((item, index) => `${index + 1}. ${item}`);
      case 'code':
        return block.text.split('\n');
    }
  });
  return lines
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
}

function inlinePlain(inline: Inline): string {
  if ('mention' in inline) return `@${inline.mention}`;
  if ('emoji' in inline) return `:${inline.emoji}:`;
  if ('hardBreak' in inline) return '\n';
  return inline.text;
}
