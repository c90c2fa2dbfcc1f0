import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { syncSource } from '../../server/src/trackers/sourceSync';
import { mappedPage, type PageLinks, type PageRequest, type TrackerAdapter, type TrackerPage } from '../../server/src/trackers/trackerAdapter';
import { TrackerError } from '../../server/src/trackers/trackerErrors';
import { frictionItem } from '../support/builders';

/** An adapter that answers what the test says and remembers what the engine offered it. */
class EtagTracker implements TrackerAdapter {
  readonly name = 'gh';
  readonly source = 'github';
  readonly origin = 'https://api.github.com';
  readonly offered: (PageRequest['etags'] | undefined)[] = [];
  constructor(private readonly answer: (request: PageRequest) => TrackerPage | TrackerError) {}
  page(request: PageRequest): Promise<TrackerPage> {
    this.offered.push(request.etags);
    const answer = this.answer(request);
    return answer instanceof TrackerError ? Promise.reject(answer) : Promise.resolve(answer);
  }
  check(): Promise<string> {
    return Promise.resolve('ok');
  }
}

const item = (key: string, updated: string) => frictionItem({ id: `github:${key}`, source: 'github', key, updatedAt: updated });
const page = (etags: Record<string, string>, items = [item('acme/a#1', '2026-11-01T00:00:00Z')], extra: PageLinks = {}): TrackerPage => {
  const newestUpdate = items.map((entry) => entry.updatedAt ?? '').sort().at(-1);
  return mappedPage({ items, evidence: [], skipped: [], ...(newestUpdate !== undefined && { newestUpdate }) }, { etags, ...extra });
};

/** How the sync engine carries ETags between runs for the GitHub adapter (PageRequest/TrackerPage `etags`). */
describe('sync engine: ETag plumbing', () => {
  let folder: string;
  let store: SnapshotStore;
  const run = (tracker: TrackerAdapter, full = false) => syncSource(tracker, store, { signal: new AbortController().signal, full, retry: { attempts: 1, baseMs: 1, capMs: 1 } });
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-etags-'));
    store = new SnapshotStore(folder);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('offers nothing to a full run, and saves the ETags its pages report', async () => {
    const tracker = new EtagTracker((request) => (request.cursor === undefined ? page({ u1: 'W/"1"' }, undefined, { cursor: 'p2' }) : page({ u2: 'W/"2"' })));
    const result = await run(tracker);
    assert.deepEqual(tracker.offered, [undefined, undefined]);
    assert.deepEqual(result.snapshot?.etags, { u1: 'W/"1"', u2: 'W/"2"' });
    assert.deepEqual((await store.load('gh'))?.etags, { u1: 'W/"1"', u2: 'W/"2"' }, 'persisted');
  });

  it('offers the saved ETags to an incremental run, whose own set then replaces them', async () => {
    await run(new EtagTracker(() => page({ u1: 'W/"1"', old: 'W/"x"' })));
    const tracker = new EtagTracker(() => page({ u1: 'W/"1"' }, []));
    const result = await run(tracker);
    assert.deepEqual(tracker.offered, [{ u1: 'W/"1"', old: 'W/"x"' }]);
    assert.deepEqual(result.snapshot?.etags, { u1: 'W/"1"' }, 'URLs the run no longer asked for are dropped');
    assert.equal(result.snapshot?.watermark, '2026-11-01T00:00:00Z', 'a run of 304s keeps the watermark');
  });

  it('offers nothing to a forced full run, where a 304 would drop the unchanged records', async () => {
    await run(new EtagTracker(() => page({ u1: 'W/"1"' })));
    const tracker = new EtagTracker(() => page({ u0: 'W/"0"' }));
    await run(tracker, true);
    assert.deepEqual(tracker.offered, [undefined]);
  });

  it('keeps the saved ETags when a run fails', async () => {
    await run(new EtagTracker(() => page({ u1: 'W/"1"' })));
    const failed = await run(new EtagTracker((request) => (request.cursor === undefined ? page({ u9: 'W/"9"' }, undefined, { cursor: 'p2' }) : new TrackerError('auth', '401'))));
    assert.equal(failed.outcome, 'failed');
    assert.deepEqual((await store.load('gh'))?.etags, { u1: 'W/"1"' });
  });
});
