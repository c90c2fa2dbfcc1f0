import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalogEntries } from '../catalog/catalogEntry';
import { recordsInMemory, type RecordSource } from '../catalog/recordSource';
import { compareByImpact, type FrictionItem } from '../domain/frictionItem';
import { loadLocalData, type LocalConfig } from '../local/localData';
import type { ConfigProblem } from '../local/problems';
import { LOCAL_FOLDER } from '../local/schemas';
import { snapshotFolder } from '../sync/snapshotFolder';
import { SnapshotStore } from '../trackers/snapshotStore';
import type { StoredSnapshot } from '../trackers/storedSnapshot';
import type { TrackerConfig } from '../trackers/trackerConfig';
import { createTrackers, environmentTokens, syncAll } from '../trackers/trackerSet';

export const USAGE = `Usage: customer-lens items [--json] [--source <name|type|local>] [--root <dir>] [--full] [--cache <dir>]

Lists the friction items of a workspace's .customer-lens/ files merged with its configured
trackers (.customer-lens/config.yaml), most impact first. Tokens come from the environment:
CUSTOMER_LENS_<NAME>_TOKEN (optionally CUSTOMER_LENS_<NAME>_ORIGIN to bind it to an origin).

  --json            print a JSON array of items
  --source <s>      only items from the tracker with this name or type ('local' for local files)
  --root <dir>      the workspace folder (default: the current directory)
  --full            ignore the sync watermarks and fetch everything
  --cache <dir>     where snapshots are kept (default: $XDG_CACHE_HOME/customer-lens/<hash of root>)
  -h, --help        show this help

Exit status: 0 ok, 1 failure (one line on stderr), 2 usage error. When a tracker cannot be
synced (no token, a refused token, a network fault…) the items are still listed, that
tracker's from its last good sync, and the exit status is 1.`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

class UsageError extends Error {}
class Failure extends Error {}

interface ItemsArgs {
  readonly json: boolean;
  readonly source?: string;
  readonly root: string;
  readonly full: boolean;
  readonly cache?: string;
}

function parse(argv: readonly string[], cwd: string): ItemsArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        source: { type: 'string' },
        root: { type: 'string' },
        full: { type: 'boolean' },
        cache: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('missing command');
  if (positionals[0] !== 'items') throw new UsageError(`unknown command '${positionals[0]}'`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  for (const key of ['source', 'root', 'cache'] as const) if (values[key] === '') throw new UsageError(`--${key} needs a value`);
  return {
    json: values.json ?? false,
    ...(values.source !== undefined && { source: values.source }),
    root: path.resolve(cwd, values.root ?? '.'),
    full: values.full ?? false,
    ...(values.cache !== undefined && { cache: path.resolve(cwd, values.cache) }),
  };
}

const readText = async (filePath: string): Promise<string | undefined> => {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** A tracker entry as config.yaml has it: is it the one `--source` names? */
function selects(source: string | undefined, entry: { name?: unknown; type?: unknown }): boolean {
  if (source === undefined) return true;
  const type = typeof entry.type === 'string' ? entry.type : '';
  return entry.name === source || type === source || (source === 'jira' && type === 'jira-dc');
}

/** Tokens never reach the output, even if a tracker echoed one back. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function formatTable(items: readonly FrictionItem[]): string {
  const rows = items.map((item) => [item.key, item.severity, item.status, `${item.impact.customers} ${item.impact.customers === 1 ? 'customer' : 'customers'}`, oneLine(item.title)]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(0, ...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : column === 3 ? cell.padStart(widths[3] ?? 0) : cell)).join('  ')).join('\n');
}

/** A problem's place as the user reads it: relative to the workspace, one-based line. */
function where(problem: ConfigProblem, root: string): string {
  return `${path.relative(root, problem.file) || problem.file}:${problem.line + 1}: ${oneLine(problem.message)}`;
}

/** What one configured tracker contributes to this run, and what went wrong with it. */
interface TrackerOutcome {
  readonly name: string;
  /** Freshly synced, or the last good snapshot when this run could not sync it. */
  readonly snapshot?: StoredSnapshot;
  readonly problems: readonly string[];
  /** This run did not sync it: `snapshot`, if any, is from an earlier run. */
  readonly stale: boolean;
}

/**
 * Syncs the trackers that could be built and, for those that could not (no token, a token bound
 * to another origin, an invalid entry), loads what an earlier run stored. One outcome per tracker
 * name, in config order.
 */
async function syncTrackers(entries: LocalConfig['trackers'], args: ItemsArgs, io: CliIo, secrets: string[]): Promise<TrackerOutcome[]> {
  const tokenSource = environmentTokens(io.env);
  const set = createTrackers(entries, (config: TrackerConfig) => {
    const approved = tokenSource(config);
    if (approved) secrets.push(approved.token);
    return approved;
  });
  const store = new SnapshotStore(args.cache ?? snapshotFolder(args.root, undefined, io.env));
  const results = await syncAll(set.adapters, store, { signal: new AbortController().signal, full: args.full });
  // The local schema requires every entry's name, so createTrackers names each problem by it.
  const names = [...new Set(entries.map((entry) => entry.name))];
  return Promise.all(
    names.map(async (name): Promise<TrackerOutcome> => {
      const problems = set.problems.filter((problem) => problem.tracker === name).map((problem) => problem.message);
      const result = results.find((candidate) => candidate.tracker === name);
      if (!result) {
        const snapshot = await store.open(name);
        return { name, ...(snapshot && { snapshot }), problems, stale: true };
      }
      const failed = result.outcome !== 'synced';
      if (failed) problems.push(result.error?.message ?? result.outcome);
      return { name, ...(result.snapshot && { snapshot: result.snapshot }), problems, stale: failed };
    }),
  );
}

/** The one-line reason for a run that could not sync every tracker, naming each and what is shown for it. */
function failureReason(outcomes: readonly TrackerOutcome[]): string | undefined {
  const failed = outcomes.filter((outcome) => outcome.problems.length > 0);
  if (failed.length === 0) return undefined;
  return failed
    .map((outcome) => {
      const shown = !outcome.stale ? '' : outcome.snapshot ? ` (data shown is from the last good sync at ${outcome.snapshot.syncedAt})` : ' (no good sync yet: none of its items shown)';
      return `${outcome.name}: ${outcome.problems.map(oneLine).join('; ')}${shown}`;
    })
    .join('; ');
}

/** Lists the items; resolves to the exit status (a failure before any output throws `Failure`). */
async function items(args: ItemsArgs, io: CliIo): Promise<number> {
  try {
    if (!(await stat(path.join(args.root, LOCAL_FOLDER))).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new Failure(`no ${LOCAL_FOLDER} folder in ${args.root}`);
  }
  const local = await loadLocalData(args.root, readText);
  // Warnings (an unknown field, say) are worth seeing but do not make the run fail.
  for (const warning of local.problems.filter((problem) => problem.severity === 'warning')) io.stderr(`customer-lens: warning: ${where(warning, args.root)}\n`);
  const error = local.problems.find((problem) => problem.severity === 'error');
  if (error) throw new Failure(where(error, args.root));

  const entries = local.config.trackers;
  const knownSource = args.source === undefined || args.source === 'local' || entries.some((entry) => selects(args.source, entry));
  if (!knownSource) throw new Failure(`no source '${args.source}': configured are local${entries.map((entry) => `, ${entry.name}`).join('')}`);
  const selected = args.source === 'local' ? [] : entries.filter((entry) => selects(args.source, entry));

  const secrets: string[] = [];
  const outcomes = selected.length > 0 ? await syncTrackers(selected, args, io, secrets) : [];
  // Sources in merge priority: the trackers, in config order, then the local files. The tracker is
  // the source of truth for an item's title, status and severity (it is where the work is
  // tracked); local files fill the gaps and add quotes and code references. The language server
  // merges in the same order.
  const sources: RecordSource[] = outcomes.flatMap((outcome) => outcome.snapshot ?? []);
  if (args.source === undefined || args.source === 'local') sources.push(recordsInMemory('local', local.items));

  const merged = catalogEntries(sources)
    .map((entry) => entry.item())
    .sort(compareByImpact);
  for (const outcome of outcomes) outcome.snapshot?.close();
  io.stdout(args.json ? `${JSON.stringify(merged, null, 2)}\n` : merged.length > 0 ? `${formatTable(merged)}\n` : '');
  const reason = failureReason(outcomes);
  if (reason === undefined) return 0;
  io.stderr(`customer-lens: ${oneLine(redact(reason, secrets))}\n`);
  return 1;
}

/** Runs the CLI; resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parse(argv, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`customer-lens: ${error.message}\n${USAGE.split('\n')[0] ?? ''}\nRun 'customer-lens --help' for details.\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    return await items(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`customer-lens: ${oneLine(message)}\n`);
    return 1;
  }
}
