import { createHash } from 'node:crypto';
import { createGithubAdapter } from './github/githubAdapter';
import { createJiraAdapter } from './jira/jiraAdapters';
import { createLinearAdapter } from './linear/linearAdapter';
import type { SnapshotStore } from './snapshotStore';
import { syncSource, type SourceSyncOptions, type SourceSyncResult } from './sourceSync';
import type { TrackerAdapter } from './trackerAdapter';
import { checkTrackerEntries, originOf, tokenVariable, type TrackerConfig } from './trackerConfig';
import { createZendeskAdapter } from './zendesk/zendeskAdapter';
import { mapWithLimit } from './mapWithLimit';

/** A token and the origin the user approved it for. */
export interface ApprovedToken {
  readonly token: string;
  readonly origin: string;
}

/** Where tokens come from: SecretStorage in the editor, the environment for the CLI. */
export type TokenSource = (tracker: TrackerConfig) => ApprovedToken | undefined;

export interface TrackerProblem {
  /** The configured name, or `trackers[i]` when the entry has none. */
  readonly tracker: string;
  /** `invalid`: the entry is wrong; `no-token` / `origin-mismatch`: the user has to connect it. */
  readonly kind: 'invalid' | 'no-token' | 'origin-mismatch';
  readonly message: string;
  /** The validated entry, when it was valid. */
  readonly config?: TrackerConfig;
}

export interface TrackerSet {
  readonly adapters: TrackerAdapter[];
  readonly configs: TrackerConfig[];
  readonly problems: TrackerProblem[];
}

export interface HttpOptions {
  readonly timeoutMs?: number;
  readonly proxy?: string;
  readonly strictSSL?: boolean;
}

export interface CreateTrackersOptions extends HttpOptions {
  /** How to get a token where there is none (default: the environment variable). */
  readonly missingTokenHint?: (config: TrackerConfig) => string;
  /**
   * Adapters of an earlier call, by fingerprint (entry, token, HTTP options): reused when nothing
   * changed, so per-instance state (Jira's user time zone) survives and a re-sync stays cheap.
   * Filled with what this call builds; entries no longer configured are removed.
   */
  readonly reuse?: Map<string, TrackerAdapter>;
}

/** `CUSTOMER_LENS_<NAME>_ORIGIN`: binds the environment's token to an origin explicitly. */
export function originVariable(trackerName: string): string {
  return tokenVariable(trackerName).replace(/_TOKEN$/, '_ORIGIN');
}

function normalOrigin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
}

/**
 * Tokens from the environment (CLI, standalone server): `CUSTOMER_LENS_<NAME>_TOKEN`, bound to
 * the origin the config names (the user set the variable for this config), or to
 * `CUSTOMER_LENS_<NAME>_ORIGIN` when that is set.
 */
export function environmentTokens(env: Readonly<Record<string, string | undefined>>): TokenSource {
  return (config) => {
    const token = env[tokenVariable(config.name)]?.trim();
    if (!token) return undefined;
    const bound = env[originVariable(config.name)]?.trim();
    return { token, origin: bound ? normalOrigin(bound) : originOf(config) };
  };
}

/**
 * Builds an adapter per valid `trackers:` entry that has a token approved for the origin it
 * names. A bad entry, a missing token, or a token bound to another origin is a problem; that
 * tracker is not built (it gets no token and makes no request), the others still are.
 */
export function createTrackers(configs: readonly unknown[], tokens: TokenSource, options: CreateTrackersOptions = {}): TrackerSet {
  const adapters: TrackerAdapter[] = [];
  const built: TrackerConfig[] = [];
  const problems: TrackerProblem[] = [];
  const fresh = new Map<string, TrackerAdapter>();
  for (const checked of checkTrackerEntries(configs)) {
    const { tracker } = checked;
    if (!('config' in checked)) {
      problems.push({ tracker, kind: 'invalid', message: checked.problem });
      continue;
    }
    const { config } = checked;
    const approved = tokens(config);
    const origin = originOf(config);
    // A token bound elsewhere is reported as such even when it is withheld (empty).
    if (approved && normalOrigin(approved.origin) !== origin) {
      problems.push({ tracker, kind: 'origin-mismatch', config, message: `token for ${config.name} is bound to ${normalOrigin(approved.origin)}, config names ${origin}: not sent` });
      continue;
    }
    if (!approved || approved.token === '') {
      const hint = options.missingTokenHint?.(config) ?? `set ${tokenVariable(config.name)}`;
      problems.push({ tracker, kind: 'no-token', config, message: `no token: ${hint}` });
      continue;
    }
    const http: HttpOptions = {
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.proxy !== undefined && { proxy: options.proxy }),
      ...(options.strictSSL !== undefined && { strictSSL: options.strictSSL }),
    };
    const fingerprint = createHash('sha256').update(JSON.stringify([config, origin, approved.token, http])).digest('hex');
    const adapter = options.reuse?.get(fingerprint) ?? adapterFor(config, origin, () => approved.token, http);
    fresh.set(fingerprint, adapter);
    adapters.push(adapter);
    built.push(config);
  }
  if (options.reuse) {
    options.reuse.clear();
    for (const [fingerprint, adapter] of fresh) options.reuse.set(fingerprint, adapter);
  }
  return { adapters, configs: built, problems };
}

function adapterFor(config: TrackerConfig, origin: string, token: () => string, http: HttpOptions): TrackerAdapter {
  switch (config.type) {
    case 'jira':
    case 'jira-dc':
      return createJiraAdapter(config, { ...http, origin, token });
    case 'github':
      return createGithubAdapter(config, { ...http, token });
    case 'linear':
      return createLinearAdapter(config, { ...http, token });
    case 'zendesk':
      return createZendeskAdapter(config, { ...http, origin, token });
  }
}

export interface SyncAllOptions extends Omit<SourceSyncOptions, 'signal' | 'full'> {
  readonly signal: AbortSignal;
  /** Sources synced at once. */
  readonly concurrency?: number;
  readonly full?: boolean;
}

/** Syncs every source with at most `concurrency` at once; results in the adapters' order. */
export async function syncAll(adapters: readonly TrackerAdapter[], store: SnapshotStore, options: SyncAllOptions): Promise<SourceSyncResult[]> {
  const { concurrency = 3, ...sourceOptions } = options;
  // syncSource reports every failure in its result (the tracker's or the disk's) rather than throwing, so one bad tracker never stops the others.
  return mapWithLimit(adapters, concurrency, (adapter) => syncSource(adapter, store, sourceOptions));
}
