/**
 * Schemas of the `.customer-lens/*.yaml` files. The format is a contract (DESIGN.md):
 * fields may be added, never removed or redefined. Optional fields carry their defaults
 * here so that a bad optional value can fall back to the default instead of losing the entry.
 */
import { z } from 'zod';
import { FRICTION_STATUSES, SEVERITIES } from '../domain/frictionItem';
import { TOUCHPOINT_FORMATS } from '../domain/touchpoint';

/** YAML may read `date: 2026-10-02` as a string or a timestamp depending on schema; keep text. */
const dateText = z.union([z.string(), z.date().transform((date) => date.toISOString().slice(0, 10))]);
/** Keys such as `101` would arrive as numbers; they are still keys. */
const keyText = z.union([z.string().trim().min(1), z.number().transform(String)]);
const count = z.number().int().nonnegative();
const textList = z.array(z.union([z.string(), z.number().transform(String)]));

const quote = z.union([
  z.string().transform((text) => ({ text })),
  z.object({ text: z.string(), customer: z.string().optional(), date: dateText.optional() }),
]);

export const frictionEntrySchema = z.object({
  key: keyText,
  title: z.string().trim().min(1),
  summary: z.string().default(''),
  status: z.enum(FRICTION_STATUSES).default('open'),
  severity: z.enum(SEVERITIES).default('medium'),
  customers: count.default(0),
  tickets: count.default(0),
  votes: count.default(0),
  arr: z.number().nonnegative().optional(),
  journey: z.string().optional(),
  url: z.string().optional(),
  labels: textList.default([]),
  quotes: z.array(quote).default([]),
  code: textList.default([]),
  updated: dateText.optional(),
});
export type FrictionEntry = z.infer<typeof frictionEntrySchema>;

export const touchpointEntrySchema = z.object({
  id: keyText,
  format: z.enum(TOUCHPOINT_FORMATS).default('other'),
  date: dateText,
  engineer: z.string().min(1),
  customer: z.string().optional(),
  summary: z.string().default(''),
  quotes: z.array(quote.transform((q) => q.text)).default([]),
  friction: z.array(keyText).default([]),
  code: textList.default([]),
});

export const linkEntrySchema = z.object({
  item: keyText,
  path: z.string().trim().min(1),
  symbol: z.string().trim().min(1).optional(),
});

/** Trackers are validated by the tracker adapters; here only what names them. */
const trackerEntry = z.looseObject({ name: z.string().min(1), type: z.string().min(1) });

export const configSchema = z.object({
  /** This repository's `owner/name`, to recognise permalinks; read from the git remote when absent. */
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name').optional(),
  /** Bare keys with these prefixes link in comments even before the item is known. */
  keyPrefixes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected letters and digits')).default([]),
  trackers: z.array(trackerEntry).default([]),
  team: z.unknown().optional(),
  quotas: z.unknown().optional(),
});
export type ConfigEntry = z.infer<typeof configSchema>;

/** The top-level list each file holds. */
export const LOCAL_FILES = {
  friction: { file: 'friction.yaml', list: 'items' },
  touchpoints: { file: 'touchpoints.yaml', list: 'touchpoints' },
  links: { file: 'links.yaml', list: 'links' },
  config: { file: 'config.yaml', list: undefined },
} as const;

export const LOCAL_FOLDER = '.customer-lens';
