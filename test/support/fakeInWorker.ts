import { Worker, parentPort, workerData } from 'node:worker_threads';
import { FAKE_GITHUB_REPO, startVendorFake, type FakeVendor, type StartedVendorFake } from '../fakes/startVendorFake';

/**
 * A tracker fake on a thread of its own, counting the requests that reach it in shared memory.
 * The thread that syncs can then block (Atomics.wait) and still see requests arrive: only what it
 * had already sent before blocking can reach the fake meanwhile. That is how a test tells "the
 * next request was in flight before this page was mapped" without mocking time.
 */

/** What the sync under test is configured with. */
export const WORKER_JIRA_JQL = 'project in (PAY, OPS)';
export const WORKER_LINEAR_TEAMS: readonly string[] = ['PAY', 'OPS', 'WEB'];

interface Started {
  readonly origin: string;
  /** The site, API base or origin a tracker entry names. */
  readonly base: string;
  readonly token: string;
  readonly email?: string;
  /** The ids a complete sync must end up with. */
  readonly expectedIds: readonly string[];
}

interface WorkerInput {
  readonly fakeInWorker: true;
  readonly vendor: FakeVendor;
  readonly records: number;
  readonly arrivals: SharedArrayBuffer;
}

export interface FakeOnThread extends Started {
  /** Requests that have reached the fake so far. */
  arrivals(): number;
  /**
   * Blocks this thread until `count` requests have reached the fake, for at most `timeoutMs`;
   * whether they did. Nothing on this thread runs meanwhile: no request can be sent.
   */
  waitForArrivals(count: number, timeoutMs: number): boolean;
  close(): Promise<void>;
}

/** Starts `vendor`'s fake with `records` records on a worker thread. */
export async function startFakeOnThread(vendor: FakeVendor, records: number): Promise<FakeOnThread> {
  const arrivals = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(arrivals);
  const input: WorkerInput = { fakeInWorker: true, vendor, records, arrivals };
  const worker = new Worker(__filename, { workerData: input });
  const started = await new Promise<Started>((resolve, reject) => {
    worker.once('message', (message: Started) => resolve(message));
    worker.once('error', reject);
  });
  return {
    ...started,
    arrivals: () => Atomics.load(counter, 0),
    waitForArrivals: (count, timeoutMs) => {
      const until = performance.now() + timeoutMs;
      for (let seen = Atomics.load(counter, 0); seen < count; seen = Atomics.load(counter, 0)) {
        const left = until - performance.now();
        if (left <= 0) return false;
        Atomics.wait(counter, 0, seen, left);
      }
      return true;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** The ids a complete sync of the fake, configured as above, must end up with. */
function expectedIdsOf(started: StartedVendorFake): string[] {
  switch (started.vendor) {
    case 'jira':
      return started.fake.select(`(${WORKER_JIRA_JQL}) ORDER BY updated ASC, key ASC`).map((issue) => `jira:${issue.key}`);
    case 'github':
      return started.fake.expectedIssues([FAKE_GITHUB_REPO], []).map((issue) => `github:${issue.repo}#${issue.number}`);
    case 'linear':
      return started.fake.select(WORKER_LINEAR_TEAMS).map((issue) => `linear:${issue.team}-${issue.number}`);
    case 'zendesk':
      return started.fake.linked().map((ticket) => `zendesk:${ticket.id}`);
  }
}

function isWorkerInput(data: unknown): data is WorkerInput {
  return typeof data === 'object' && data !== null && (data as { fakeInWorker?: unknown }).fakeInWorker === true;
}

if (parentPort && isWorkerInput(workerData)) {
  const port = parentPort;
  const { vendor, records, arrivals } = workerData;
  const counter = new Int32Array(arrivals);
  void startVendorFake(vendor, records).then((started) => {
    const { fake, base, token, email } = started;
    fake.onRequest = () => {
      Atomics.add(counter, 0, 1);
      Atomics.notify(counter, 0);
    };
    port.once('message', () => {
      void fake.close().then(() => port.close());
    });
    const message: Started = { origin: fake.origin, base, token, ...(email !== undefined && { email }), expectedIds: expectedIdsOf(started) };
    port.postMessage(message);
  });
}
