import { startVendorFake, type FakeVendor, type StartedVendorFake } from '../test/fakes/startVendorFake';
import type { VendorFake } from '../test/fakes/vendorFake';

/**
 * One tracker fake in a process of its own, driven over IPC by syncBench.ts: the tracker is
 * another machine, so its work (rendering and serializing answers, its garbage) must not run on
 * the thread that syncs. Messages: `start` → `started`; `latency`, `log`, `close`.
 */

export type HostCommand =
  | { readonly type: 'start'; readonly vendor: FakeVendor; readonly records: number }
  | { readonly type: 'latency'; readonly ms: number }
  | { readonly type: 'log'; readonly from: number }
  | { readonly type: 'close' };

export interface LoggedAnswer {
  readonly method: string;
  readonly path: string;
  /** The query string, without `?`. */
  readonly query: string;
  readonly status?: number;
}

export type HostReply =
  | { readonly type: 'started'; readonly origin: string; readonly base: string; readonly token: string; readonly detail?: string }
  | { readonly type: 'ok' }
  | { readonly type: 'log'; readonly requests: readonly LoggedAnswer[]; readonly total: number; readonly busyMs: number }
  | { readonly type: 'error'; readonly message: string };

/** What the fake holds besides its records, in words: the Linear issues' customer needs. */
function detailOf(started: StartedVendorFake): string | undefined {
  if (started.vendor !== 'linear') return undefined;
  const needs = started.fake.issues.reduce((sum, issue) => sum + issue.needs.length, 0);
  return `the issues have ${needs.toLocaleString('en-US')} customer needs`;
}

let current: VendorFake | undefined;

async function handle(command: HostCommand): Promise<HostReply> {
  if (command.type === 'start') {
    const started = await startVendorFake(command.vendor, command.records);
    current = started.fake;
    const detail = detailOf(started);
    return { type: 'started', origin: started.fake.origin, base: started.base, token: started.token, ...(detail !== undefined && { detail }) };
  }
  if (!current) return { type: 'error', message: 'no fake started' };
  switch (command.type) {
    case 'latency':
      current.latencyMs = command.ms;
      return { type: 'ok' };
    case 'log':
      return {
        type: 'log',
        requests: current.requests.slice(command.from).map((request) => ({ method: request.method, path: request.path, query: request.query.toString(), ...(request.status !== undefined && { status: request.status }) })),
        total: current.requests.length,
        busyMs: current.busyMs,
      };
    case 'close':
      await current.close();
      current = undefined;
      return { type: 'ok' };
  }
}

if (require.main === module) {
  process.on('message', (command: HostCommand) => {
    handle(command)
      .catch((error: unknown): HostReply => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
      .then((reply) => {
        process.send?.(reply);
        if (command.type === 'close') process.disconnect();
      })
      .catch(() => process.exit(1));
  });
}
