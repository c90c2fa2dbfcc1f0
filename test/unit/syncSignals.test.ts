import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGithubAdapter } from '../../server/src/trackers/github/githubAdapter';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource } from '../../server/src/trackers/sourceSync';
import { githubTrackerSchema } from '../../server/src/trackers/trackerConfig';
import { mappedPage, type PageRequest, type TrackerAdapter, type TrackerPage } from '../../server/src/trackers/trackerAdapter';
import { TrackerError } from '../../server/src/trackers/trackerErrors';
import { GithubFake } from '../fakes/github/githubFake';
import { frictionItem } from '../support/builders';

const PARALLEL = 32;

/** The warnings the process emits while `run` runs (Node emits them on the next tick). */
async function warningsDuring<T>(run: () => Promise<T>): Promise<{ result: T; warnings: Error[] }> {
  const warnings: Error[] = [];
  const listener = (warning: Error) => warnings.push(warning);
  process.on('warning', listener);
  try {
    const result = await run();
    await new Promise((resolve) => setImmediate(resolve));
    return { result, warnings };
  } finally {
    process.off('warning', listener);
  }
}

/**
 * One signal per page request (sourceSync.ts): parallel pages each get a child of the run's
 * signal, so the run's signal never carries a listener per request in flight (Node warns past
 * ten), and aborting the run still aborts every page in flight.
 */
describe('sync engine: a signal per page request', () => {
  let folder: string;
  let store: SnapshotStore;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-sync-signals-'));
    store = new SnapshotStore(folder);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it(`fetches ${PARALLEL} pages at once over HTTP without a MaxListenersExceededWarning, and leaves no listener on the run's signal`, async () => {
    const fake = await GithubFake.start({ repos: ['acme/payments'], issuesPerRepo: (PARALLEL + 1) * 100, pullRequestsPerRepo: 0 });
    try {
      // Every answer waits, so the pages listed by the first one are all in flight together.
      fake.latencyMs = 150;
      const adapter = createGithubAdapter(githubTrackerSchema.parse({ name: 'gh', type: 'github', url: fake.apiBase, repos: ['acme/payments'] }), { token: () => fake.token });
      const controller = new AbortController();
      const { result, warnings } = await warningsDuring(() => syncSource(adapter, store, { signal: controller.signal, parallelPages: PARALLEL }));
      assert.equal(result.outcome, 'synced', result.error?.message);
      assert.equal(result.snapshot?.readAll().items.length, (PARALLEL + 1) * 100);
      const rest = fake.requests.slice(1);
      assert.equal(rest.length, PARALLEL);
      const spread = Math.max(...rest.map((request) => request.at)) - Math.min(...rest.map((request) => request.at));
      assert.ok(spread < 150, `the ${PARALLEL} pages were in flight together (arrived within ${spread} ms)`);
      assert.deepEqual(
        warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map((warning) => warning.message),
        [],
      );
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no listener left on the run’s signal');
    } finally {
      await fake.close();
    }
  });

  it('aborting the run aborts every page in flight, each through a signal of its own', async () => {
    const controller = new AbortController();
    const inFlight: AbortSignal[] = [];
    const cursors = Array.from({ length: PARALLEL }, (_, index) => `page-${index + 2}`);
    const tracker: TrackerAdapter = {
      name: 'jira',
      source: 'jira',
      origin: 'https://acme.atlassian.net',
      page(request: PageRequest): Promise<TrackerPage> {
        if (request.cursor === undefined) {
          return Promise.resolve(mappedPage({ items: [frictionItem({ id: 'jira:PAY-1', source: 'jira', key: 'PAY-1' })], evidence: [], skipped: [] }, { remainingCursors: cursors }));
        }
        // As an HTTP client does: listen to the request's signal until the answer or the abort.
        return new Promise((_, reject) => {
          const signal = request.signal;
          signal.addEventListener('abort', () => reject(new TrackerError('cancelled', 'sync cancelled')), { once: true });
          inFlight.push(signal);
          if (inFlight.length === PARALLEL) setImmediate(() => controller.abort());
        });
      },
      check: () => Promise.resolve('ok'),
    };
    const { result, warnings } = await warningsDuring(() => syncSource(tracker, store, { signal: controller.signal, parallelPages: PARALLEL }));
    assert.equal(result.outcome, 'cancelled');
    assert.equal(inFlight.length, PARALLEL);
    assert.equal(new Set(inFlight).size, PARALLEL, 'a signal per request');
    assert.ok(inFlight.every((signal) => signal !== controller.signal && signal.aborted), 'every page in flight was aborted');
    assert.deepEqual(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning'), []);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no listener left on the run’s signal');
    assert.equal(await store.load('jira'), undefined, 'a cancelled run saves nothing');
  });

  it('a run started with an aborted signal fetches nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const requests: PageRequest[] = [];
    const tracker: TrackerAdapter = {
      name: 'jira',
      source: 'jira',
      origin: 'https://acme.atlassian.net',
      page(request) {
        requests.push(request);
        return request.signal.aborted ? Promise.reject(new TrackerError('cancelled', 'sync cancelled')) : Promise.resolve(mappedPage({ items: [], evidence: [], skipped: [] }));
      },
      check: () => Promise.resolve('ok'),
    };
    const result = await syncSource(tracker, store, { signal: controller.signal });
    assert.equal(result.outcome, 'cancelled');
    assert.ok(requests.every((request) => request.signal.aborted), 'any request it made carried an aborted signal');
  });
});
