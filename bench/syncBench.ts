import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PER_PAGE as GITHUB_PER_PAGE } from '../server/src/trackers/github/githubApi';
import { DEFAULT_PAGE_SIZE as JIRA_PAGE_SIZE } from '../server/src/trackers/jira/jiraCloudAdapter';
import { ISSUES_PER_PAGE as LINEAR_PER_PAGE } from '../server/src/trackers/linear/linearQuery';
import { mapWithLimit } from '../server/src/trackers/mapWithLimit';
import { SnapshotStore } from '../server/src/trackers/snapshotStore';
import { syncSource, type SourceSyncResult } from '../server/src/trackers/sourceSync';
import type { TrackerAdapter } from '../server/src/trackers/trackerAdapter';
import { createTrackers } from '../server/src/trackers/trackerSet';
import { MAX_PAGE_SIZE as ZENDESK_PER_PAGE } from '../server/src/trackers/zendesk/zendeskAdapter';
import { CLOUD_PAGE_CAP, FAKE_EMAIL as JIRA_EMAIL } from '../test/fakes/jira/jiraFake';
import { FAKE_EMAIL as ZENDESK_EMAIL, PAGE_CAP as ZENDESK_PAGE_CAP } from '../test/fakes/zendesk/zendeskFake';
import { KEY_FIELD } from '../test/fakes/zendesk/zendeskFakeData';
import { FAKE_GITHUB_REPO, type FakeVendor } from '../test/fakes/startVendorFake';
import type { HostCommand, HostReply, LoggedAnswer } from './fakeHost';

/**
 * Full and unchanged re-syncs of each tracker through the real engine (`syncSource`, a
 * SnapshotStore in a temp dir, adapters built by `createTrackers`) against its stateful fake,
 * which runs in a child process (fakeHost.ts) and adds a fixed latency to every answer. Wall time
 * is compared with the lower bound the vendor's pagination allows at that latency: no sync can
 * finish sooner than its chain of dependent requests.
 */

export const LATENCY_MS = 50;
export const BUDGET_RATIO = 1.3;

/**
 * Pages fetched at once for GitHub, whose `Link: rel="last"` lists every page up front. GitHub's
 * secondary rate limits allow at most 100 concurrent requests per user, shared by everything that
 * user runs (REST and GraphQL, other tools included), and its guidance is to avoid concurrent
 * requests altogether: a burst of tens of requests is what those limits answer with a 403 and a
 * `retry-after`. Ten at once keeps well inside that, and a whole 10,000-issue sync (100 requests)
 * far inside the 900 points per minute a REST endpoint allows.
 */
export const GITHUB_PARALLEL_PAGES = 10;
/** What `syncSource` uses when not told (the editor and the CLI do not tell it): measured too, as "GitHub (default)". */
export const ENGINE_DEFAULT_PARALLEL_PAGES = 4;

export interface ResyncFigures {
  readonly requests: number;
  /** What the fake was asked and answered, in order: `GET /path 200`. */
  readonly answered: readonly string[];
  readonly fetched: number;
  readonly wallMs: number;
}

export interface SyncBenchRow {
  readonly vendor: string;
  /** Records the fake holds and a full sync reads. */
  readonly records: number;
  /** Records the saved snapshot holds (items, or evidence: Zendesk keeps the linked tickets). */
  readonly stored: number;
  readonly pages: number;
  readonly requests: number;
  readonly parallel: number;
  readonly wallMs: number;
  /**
   * For pages fetched in parallel: the same requests made by a client that only fetches them, at
   * the same parallelism, bodies read and dropped. What the fake allows, with no sync work at all.
   */
  readonly fetchOnlyMs?: number;
  /** The bound at the parallelism the sync ran with. */
  readonly boundMs: number;
  /** What the bound counts, in words. */
  readonly boundRule: string;
  /** GitHub: the bound with every listed page fetched at once (what the pagination alone allows). */
  readonly unlimitedBoundMs?: number;
  /** Time the fake spent building and sending answers (in its own process), the latency aside. */
  readonly fakeMs: number;
  /** What the fake holds besides its records, in words (Linear: its customer needs). */
  readonly detail?: string;
  readonly outcome: SourceSyncResult['outcome'];
  readonly resyncs: readonly ResyncFigures[];
}

interface VendorCase {
  readonly vendor: string;
  readonly fake: FakeVendor;
  readonly records: number;
  readonly parallel: number;
  /** The `trackers:` entry for a fake at `base` (its site, API base or origin). */
  config(base: string): Record<string, unknown>;
  /** Pages a full sync needs, from the vendor's page size. */
  pages(records: number): number;
  bound(pages: number, latency: number): { ms: number; rule: string; unlimitedMs?: number };
}

const sequential = (pageSize: number, what: string): Pick<VendorCase, 'pages' | 'bound'> => ({
  pages: (records) => Math.max(1, Math.ceil(records / pageSize)),
  bound: (pages, latency) => ({ ms: pages * latency, rule: `${pages} sequential ${what} pages of ${pageSize} × ${latency} ms` }),
});

export function vendorCases(scale = 1): VendorCase[] {
  const github = Math.round(10_000 * scale);
  return [
    {
      vendor: 'Jira Cloud',
      fake: 'jira',
      records: Math.round(10_000 * scale),
      parallel: 1,
      // A full sync asks no time zone of /myself: only an incremental search's JQL date needs it.
      ...sequential(Math.min(JIRA_PAGE_SIZE, CLOUD_PAGE_CAP), 'nextPageToken'),
      config: (site) => ({ name: 'jira', type: 'jira', url: site, email: JIRA_EMAIL, jql: 'project in (PAY, OPS)' }),
    },
    ...[GITHUB_PARALLEL_PAGES, ENGINE_DEFAULT_PARALLEL_PAGES].map(
      (parallel): VendorCase => ({
        vendor: parallel === ENGINE_DEFAULT_PARALLEL_PAGES ? 'GitHub (default)' : 'GitHub',
        fake: 'github',
        records: github,
        parallel,
        pages: (records) => Math.max(1, Math.ceil(records / GITHUB_PER_PAGE)),
        bound: (pages, latency) => {
          const rounds = 1 + Math.ceil((pages - 1) / parallel);
          return { ms: rounds * latency, rule: `first page, then ${pages - 1} pages ${parallel} at a time: ${rounds} rounds × ${latency} ms`, unlimitedMs: (pages > 1 ? 2 : 1) * latency };
        },
        config: (apiBase) => ({ name: 'github', type: 'github', url: apiBase, repos: [FAKE_GITHUB_REPO] }),
      }),
    ),
    {
      vendor: 'Linear',
      fake: 'linear',
      records: Math.round(5_000 * scale),
      parallel: 1,
      ...sequential(LINEAR_PER_PAGE, 'Relay'),
      config: (origin) => ({ name: 'linear', type: 'linear', url: origin, teams: ['PAY', 'OPS', 'WEB'] }),
    },
    {
      vendor: 'Zendesk',
      fake: 'zendesk',
      records: Math.round(100_000 * scale),
      parallel: 1,
      ...sequential(Math.min(ZENDESK_PER_PAGE, ZENDESK_PAGE_CAP), 'cursor export'),
      config: (origin) => ({ name: 'zendesk', type: 'zendesk', url: origin, email: ZENDESK_EMAIL, keyField: KEY_FIELD }),
    },
  ];
}

/** A fake running in a child process (fakeHost.js), one command at a time. */
class HostedFake {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly base: string,
    readonly token: string,
    /** What the fake holds besides its records, in words. */
    readonly detail: string | undefined,
  ) {}

  static async start(vendor: FakeVendor, records: number): Promise<HostedFake> {
    const child = fork(path.join(__dirname, 'fakeHost.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const reply = await send(child, { type: 'start', vendor, records });
    if (reply.type !== 'started') throw new Error(`the ${vendor} fake did not start: ${reply.type === 'error' ? reply.message : reply.type}`);
    return new HostedFake(child, reply.origin, reply.base, reply.token, reply.detail);
  }

  async setLatency(ms: number): Promise<void> {
    await send(this.child, { type: 'latency', ms });
  }

  /** The requests logged from index `from` on, the log's length, and the fake's busy time so far. */
  async log(from: number): Promise<{ requests: readonly LoggedAnswer[]; total: number; busyMs: number }> {
    const reply = await send(this.child, { type: 'log', from });
    if (reply.type !== 'log') throw new Error(`no request log: ${reply.type === 'error' ? reply.message : reply.type}`);
    return reply;
  }

  async close(): Promise<void> {
    if (this.child.connected) await send(this.child, { type: 'close' });
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

function send(child: ChildProcess, command: HostCommand): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the fake's process exited (${code ?? 'signal'})`));
    child.once('exit', onExit);
    child.once('message', (reply: HostReply) => {
      child.off('exit', onExit);
      resolve(reply);
    });
    child.send(command);
  });
}

export interface SyncBenchOptions {
  readonly latencyMs?: number;
  /** Shrinks every record count (a quick look; the README's figures are at scale 1). */
  readonly scale?: number;
  /** Unchanged re-syncs after the full one. */
  readonly resyncs?: number;
  /** Only the vendors whose name starts with one of these. */
  readonly only?: readonly string[];
}

export async function runSyncBench(options: SyncBenchOptions = {}): Promise<SyncBenchRow[]> {
  const latency = options.latencyMs ?? LATENCY_MS;
  const rows: SyncBenchRow[] = [];
  for (const vendor of vendorCases(options.scale)) {
    if (options.only && !options.only.some((name) => vendor.vendor.toLowerCase().startsWith(name.toLowerCase()))) continue;
    rows.push(await runVendor(vendor, latency, options.resyncs ?? 2));
  }
  return rows;
}

async function runVendor(vendor: VendorCase, latency: number, resyncs: number): Promise<SyncBenchRow> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-sync-bench-'));
  const fake = await HostedFake.start(vendor.fake, vendor.records);
  try {
    // Built as the editor and the CLI build them: a validated entry, a token bound to its origin.
    const set = createTrackers([vendor.config(fake.base)], () => ({ token: fake.token, origin: fake.origin }));
    const adapter = set.adapters[0];
    if (!adapter) throw new Error(`${vendor.vendor}: ${set.problems.map((problem) => problem.message).join('; ')}`);
    const store = new SnapshotStore(folder);
    await fake.setLatency(latency);
    const full = await timedSync(fake, adapter, store, { full: true, parallel: vendor.parallel });
    if (full.result.outcome !== 'synced') throw new Error(`${vendor.vendor}: full sync ${full.result.outcome}: ${full.result.error?.message ?? ''}`);
    const bound = vendor.bound(vendor.pages(vendor.records), latency);
    const fetchOnlyMs = vendor.parallel > 1 ? await fetchOnly(fake, full.requests, vendor.parallel) : undefined;
    const again: ResyncFigures[] = [];
    for (let run = 0; run < resyncs; run++) {
      const resync = await timedSync(fake, adapter, store, { full: false, parallel: vendor.parallel });
      if (resync.result.outcome !== 'synced') throw new Error(`${vendor.vendor}: re-sync ${resync.result.outcome}: ${resync.result.error?.message ?? ''}`);
      const answered = resync.requests.map((request) => `${request.method} ${request.path} ${request.status ?? 'unanswered'}`);
      again.push({ requests: resync.requests.length, answered, fetched: resync.result.fetched, wallMs: resync.wallMs });
    }
    const snapshot = full.result.snapshot;
    return {
      vendor: vendor.vendor,
      records: vendor.records,
      stored: snapshot?.records ?? 0,
      pages: full.result.pages,
      requests: full.requests.length,
      parallel: vendor.parallel,
      wallMs: full.wallMs,
      boundMs: bound.ms,
      boundRule: bound.rule,
      ...(bound.unlimitedMs !== undefined && { unlimitedBoundMs: bound.unlimitedMs }),
      fakeMs: full.fakeMs,
      ...(fetchOnlyMs !== undefined && { fetchOnlyMs }),
      ...(fake.detail !== undefined && { detail: fake.detail }),
      outcome: full.result.outcome,
      resyncs: again,
    };
  } finally {
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function timedSync(fake: HostedFake, adapter: TrackerAdapter, store: SnapshotStore, options: { full: boolean; parallel: number }) {
  const before = await fake.log(Number.MAX_SAFE_INTEGER);
  const started = performance.now();
  const result = await syncSource(adapter, store, { signal: new AbortController().signal, full: options.full, parallelPages: options.parallel });
  const wallMs = performance.now() - started;
  const after = await fake.log(before.total);
  return { result, wallMs, requests: after.requests, fakeMs: after.busyMs - before.busyMs };
}

/**
 * The requests a sync made, made again by a client that does nothing but fetch: the first alone
 * (it lists the others), then the rest `parallel` at a time, each body read and dropped.
 */
async function fetchOnly(fake: HostedFake, requests: readonly LoggedAnswer[], parallel: number): Promise<number> {
  const get = async (request: LoggedAnswer): Promise<void> => {
    const response = await fetch(`${fake.origin}${request.path}${request.query === '' ? '' : `?${request.query}`}`, {
      method: request.method,
      headers: { authorization: `Bearer ${fake.token}`, accept: 'application/vnd.github+json' },
    });
    await response.arrayBuffer();
  };
  const [first, ...rest] = requests;
  const started = performance.now();
  if (first) await get(first);
  await mapWithLimit(rest, parallel, get);
  return performance.now() - started;
}

/** The figures as a table, one vendor a row, then what each bound counts and the re-syncs. */
export function formatSyncBench(rows: readonly SyncBenchRow[], latency = LATENCY_MS): string {
  const header = ['vendor', 'records', 'pages', 'requests', 'parallel', 'wall ms', 'bound ms', 'ratio', 'budget', 'verdict', 'fake ms'];
  const body = rows.map((row) => {
    const ratio = row.wallMs / row.boundMs;
    const cells = [row.vendor, row.records.toLocaleString('en-US'), String(row.pages), String(row.requests), String(row.parallel), String(Math.round(row.wallMs)), String(row.boundMs)];
    return [...cells, `${ratio.toFixed(2)}×`, `≤${BUDGET_RATIO}×`, ratio <= BUDGET_RATIO ? 'PASS' : 'OVER', String(Math.round(row.fakeMs))];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const lines = [
    `Sync: a full sync against each fake with ${latency} ms added to every answer; bound = the vendor's chain of dependent requests × ${latency} ms.`,
    `'fake ms': time the fake (another process) spent building answers, on top of the latency; one page after another, it adds to the wall time.`,
    line(header),
    ...body.map(line),
  ];
  for (const row of rows) {
    const notes = [`${row.vendor}: bound = ${row.boundRule}`, ...(row.detail !== undefined ? [row.detail] : []), `snapshot holds ${row.stored.toLocaleString('en-US')} records`];
    if (row.parallel === 1) notes.push(`less the fake's time: ${((row.wallMs - row.fakeMs) / row.boundMs).toFixed(2)}×`);
    if (row.fetchOnlyMs !== undefined) notes.push(`a client only fetching the same pages ${row.parallel} at a time: ${Math.round(row.fetchOnlyMs)} ms (${(row.fetchOnlyMs / row.boundMs).toFixed(2)}×)`);
    if (row.unlimitedBoundMs !== undefined) notes.push(`with every listed page at once the bound would be ${row.unlimitedBoundMs} ms (${(row.wallMs / row.unlimitedBoundMs).toFixed(2)}×)`);
    lines.push(`  ${notes.join('; ')}`);
  }
  for (const row of rows) {
    const runs = row.resyncs.map(
      (resync, index) => `#${index + 1}: ${resync.requests} request${resync.requests === 1 ? '' : 's'} (${resync.answered.join(', ')}), ${resync.fetched} record${resync.fetched === 1 ? '' : 's'} fetched, ${Math.round(resync.wallMs)} ms`,
    );
    lines.push(`Unchanged re-sync, ${row.vendor}: ${runs.join('; ')}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const scale = Number(process.env['CUSTOMER_LENS_SYNC_BENCH_SCALE'] ?? 1);
  const only = process.argv.slice(2);
  runSyncBench({ scale, ...(only.length > 0 && { only }) })
    .then((rows) => console.log(formatSyncBench(rows)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
