import { z } from 'zod';

/**
 * The `trackers:` entries of `.customer-lens/config.yaml` (a contract, DESIGN.md): one schema per
 * type, each with the fields its adapter needs. Tokens are never here.
 */
const name = z.string().regex(/^[A-Za-z][\w-]*$/, 'letters, digits, - and _ only');
const httpsUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL')
  .transform((url) => url.replace(/\/+$/, ''));

export const jiraTrackerSchema = z.object({
  name,
  type: z.literal('jira'),
  url: httpsUrl,
  /** Jira Cloud basic auth user; without it the token is sent as a Bearer token. */
  email: z.string().email().optional(),
  jql: z.string().min(1),
  /** A custom field holding "customers affected" (e.g. `customfield_10042`); votes otherwise. */
  customersField: z.string().regex(/^customfield_\d+$/).optional(),
});

export const jiraDataCenterTrackerSchema = jiraTrackerSchema.omit({ type: true, email: true }).extend({ type: z.literal('jira-dc') });

export const linearTrackerSchema = z.object({
  name,
  type: z.literal('linear'),
  url: httpsUrl.default('https://api.linear.app'),
  teams: z.array(z.string().min(1)).min(1),
  labels: z.array(z.string().min(1)).default([]),
});

export const githubTrackerSchema = z.object({
  name,
  type: z.literal('github'),
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  url: httpsUrl.default('https://api.github.com'),
  repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name')).min(1),
  labels: z.array(z.string().min(1)).default([]),
});

export const zendeskTrackerSchema = z.object({
  name,
  type: z.literal('zendesk'),
  url: httpsUrl,
  email: z.string().email(),
  /** Tickets name their friction item by a tag `<tagPrefix><KEY>` (e.g. `friction-pay-101`)… */
  tagPrefix: z.string().default('friction-'),
  /** …or by a custom field holding the key. */
  keyField: z.number().int().positive().optional(),
});

export const trackerConfigSchema = z.discriminatedUnion('type', [jiraTrackerSchema, jiraDataCenterTrackerSchema, linearTrackerSchema, githubTrackerSchema, zendeskTrackerSchema]);
export type TrackerConfig = z.infer<typeof trackerConfigSchema>;
export type TrackerType = TrackerConfig['type'];

/** One `trackers:` entry checked: its config, or what is wrong with it and where in the entry. */
export type CheckedTrackerEntry =
  | { readonly tracker: string; readonly config: TrackerConfig }
  | { readonly tracker: string; readonly problem: string; readonly path: readonly (string | number)[] };

/**
 * Checks the `trackers:` entries in order: the schema of each, and names unique across them (a
 * later entry with a taken name is the one ignored). The sync builds trackers from the valid
 * ones; the local files report the others as problems on the lines they name.
 */
export function checkTrackerEntries(entries: readonly unknown[]): CheckedTrackerEntry[] {
  const names = new Set<string>();
  return entries.map((entry, index) => {
    const tracker = entryName(entry, index);
    const parsed = trackerConfigSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = (issue?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol');
      // zod says "Invalid input: expected array, received undefined" for a field left out.
      const message = path.length > 0 && valueAt(entry, path) === undefined ? 'required' : (issue?.message ?? 'invalid');
      return { tracker, path, problem: `invalid tracker config: ${path.length > 0 ? `${path.join('.')}: ` : ''}${message}` };
    }
    if (names.has(parsed.data.name)) return { tracker, path: ['name'], problem: `duplicate tracker name '${parsed.data.name}': this entry is ignored` };
    names.add(parsed.data.name);
    return { tracker, config: parsed.data };
  });
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[part] : undefined), value);
}

function entryName(entry: unknown, index: number): string {
  if (typeof entry === 'object' && entry !== null && 'name' in entry && typeof entry.name === 'string' && entry.name !== '') return entry.name;
  return `trackers[${index}]`;
}

/** The environment variable holding a tracker's token for the CLI and standalone server. */
export function tokenVariable(trackerName: string): string {
  return `CUSTOMER_LENS_${trackerName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN`;
}

/** The origin a tracker's token is bound to (scheme, host, port). */
export function originOf(config: TrackerConfig): string {
  return new URL(config.url).origin;
}
