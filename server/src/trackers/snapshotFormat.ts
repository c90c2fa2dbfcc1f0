import { z } from 'zod';
import { FRICTION_STATUSES, SEVERITIES } from '../domain/frictionItem';

/**
 * A tracker snapshot on disk (DESIGN.md, "Sync engine"): JSON lines, written atomically.
 *
 *   1. meta: version, an id of this write, tracker, watermark, ETags, syncedAt, record counts,
 *      index line lengths
 *   2. ranking index: what lookups, ranking and linking need, column by column
 *   3. list index: what a list of items shows (title, status, labels, url), read when first listed
 *   4. evidence index: what merging evidence into items needs
 *   5. one line per item, then one per evidence record: whole records, read one at a time
 *
 * The server parses lines 1, 2 and 4 at start-up (for 100,000 items a few MB instead of the
 * 60 MB of whole records) and reads a record when an item is shown. Columns instead of one
 * object per item make those lines small and quick to parse.
 */
export const SNAPSHOT_VERSION = 2;

export const metaSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  /** Random per write: what a sync note (below) names to say which snapshot it brings up to date. */
  id: z.string().min(1),
  tracker: z.string(),
  watermark: z.string().optional(),
  etags: z.record(z.string(), z.string()),
  syncedAt: z.string(),
  items: z.number().int().nonnegative(),
  evidence: z.number().int().nonnegative(),
  /** Byte lengths of lines 2 to 4, newline included. */
  sections: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
});
export type SnapshotMeta = z.infer<typeof metaSchema>;

/**
 * A sync note, in a small file beside the snapshot: a run that changed no record writes its time,
 * watermark and ETags here instead of rewriting a snapshot of many MB. It applies only to the
 * snapshot whose id it names; writing a new snapshot removes it.
 */
export const syncNoteSchema = z.object({
  of: z.string(),
  syncedAt: z.string(),
  watermark: z.string().optional(),
  etags: z.record(z.string(), z.string()),
});
export type SyncNote = z.infer<typeof syncNoteSchema>;

export interface RankColumns {
  readonly key: readonly string[];
  /** One digit per item: its index in SEVERITIES. */
  readonly severity: string;
  readonly customers: readonly number[];
  readonly tickets: readonly number[];
  /** Byte length of each item's record line, without the newline. */
  readonly bytes: readonly number[];
  /** Code references by item position, for the items that have any (see RecordSource.codeRefs). */
  readonly refs: Readonly<Record<string, readonly string[]>>;
}

export interface ListColumns {
  readonly id: readonly string[];
  readonly source: readonly string[];
  readonly title: readonly string[];
  /** One digit per item: its index in FRICTION_STATUSES. */
  readonly status: string;
  readonly labels: readonly (readonly string[])[];
  readonly url: readonly (string | null)[];
  readonly journey: readonly (string | null)[];
}

export interface EvidenceColumns {
  readonly id: readonly string[];
  readonly keys: readonly (readonly string[])[];
  readonly customer: readonly (string | null)[];
  readonly bytes: readonly number[];
}

export const severityDigit = (severity: string): string => String(Math.max(0, SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number])));
export const statusDigit = (status: string): string => String(Math.max(0, FRICTION_STATUSES.indexOf(status as (typeof FRICTION_STATUSES)[number])));

const isArrayOf = (value: unknown, length: number, check: (element: unknown) => boolean): boolean => {
  if (!Array.isArray(value) || value.length !== length) return false;
  // A plain loop: a schema pass over 100,000 elements would cost the cold start more than the parse.
  for (const element of value) if (!check(element)) return false;
  return true;
};
const isString = (value: unknown): boolean => typeof value === 'string';
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isStrings = (value: unknown): boolean => Array.isArray(value) && value.every(isString);
const isOptionalString = (value: unknown): boolean => value === null || typeof value === 'string';
const isDigits = (value: unknown, length: number, of: number): boolean => typeof value === 'string' && value.length === length && new RegExp(`^[0-${of - 1}]*$`).test(value);

export function isRankColumns(value: unknown, items: number): value is RankColumns {
  if (typeof value !== 'object' || value === null) return false;
  const columns = value as Record<string, unknown>;
  const refs = columns['refs'];
  return (
    isArrayOf(columns['key'], items, isString) &&
    isDigits(columns['severity'], items, SEVERITIES.length) &&
    isArrayOf(columns['customers'], items, isCount) &&
    isArrayOf(columns['tickets'], items, isCount) &&
    isArrayOf(columns['bytes'], items, isCount) &&
    typeof refs === 'object' &&
    refs !== null &&
    !Array.isArray(refs) &&
    Object.values(refs).every(isStrings)
  );
}

export function isListColumns(value: unknown, items: number): value is ListColumns {
  if (typeof value !== 'object' || value === null) return false;
  const columns = value as Record<string, unknown>;
  return (
    isArrayOf(columns['id'], items, isString) &&
    isArrayOf(columns['source'], items, isString) &&
    isArrayOf(columns['title'], items, isString) &&
    isDigits(columns['status'], items, FRICTION_STATUSES.length) &&
    isArrayOf(columns['labels'], items, isStrings) &&
    isArrayOf(columns['url'], items, isOptionalString) &&
    isArrayOf(columns['journey'], items, isOptionalString)
  );
}

export function isEvidenceColumns(value: unknown, records: number): value is EvidenceColumns {
  if (typeof value !== 'object' || value === null) return false;
  const columns = value as Record<string, unknown>;
  return (
    isArrayOf(columns['id'], records, isString) &&
    isArrayOf(columns['keys'], records, isStrings) &&
    isArrayOf(columns['customer'], records, isOptionalString) &&
    isArrayOf(columns['bytes'], records, isCount)
  );
}
