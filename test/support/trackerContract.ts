import assert from 'node:assert/strict';
import type { SnapshotStore, SourceSnapshot } from '../../server/src/trackers/snapshotStore';
import type { SourceSyncResult } from '../../server/src/trackers/sourceSync';
import type { TrackerFailureKind } from '../../server/src/trackers/trackerErrors';
import type { Fault } from '../fakes/fakeServer';

/** A lasting fault, the failure it must end in, and what its message must say. */
export type LastingFault = readonly [name: string, fault: Fault, kind: TrackerFailureKind, message: RegExp];

/** What one vendor's contract suite gives the shared cases; read per test (fakes are per test). */
export interface ContractHarness {
  /** The tracker's name: its snapshot's file. */
  readonly tracker: string;
  readonly store: SnapshotStore;
  readonly attempts: number;
  /** Syncs once against the fake, then changes the fake so a later sync has news; returns the snapshot. */
  goodSnapshot(): Promise<SourceSnapshot | undefined>;
  /** Makes every request to the faulted endpoint fail with `fault` until `clearFaults`. */
  faultAlways(fault: Fault): void;
  clearFaults(): void;
  /** Requests the fault answered. */
  faultedRequests(): number;
  sync(timeoutMs?: number): Promise<SourceSyncResult>;
  assertSnapshotIsFakeData(snapshot: SourceSnapshot | undefined): void;
}

/**
 * For each lasting fault: the sync fails as it should after the policy's attempts, the last good
 * snapshot stays in force in memory and on disk, and once the fault clears the next sync catches up.
 */
export function itKeepsTheLastGoodSnapshot(faults: readonly LastingFault[], harness: () => ContractHarness): void {
  for (const [name, fault, kind, message] of faults) {
    it(`keeps the last good snapshot through ${name}, then catches up`, async () => {
      const h = harness();
      const good = await h.goodSnapshot();
      h.faultAlways(fault);
      const failed = await h.sync(300);
      assert.equal(failed.outcome, 'failed');
      assert.equal(failed.error?.kind, kind);
      assert.match(failed.error?.message ?? '', message);
      assert.equal(h.faultedRequests(), h.attempts, 'retried as the policy says');
      assert.deepEqual(failed.snapshot?.readAll(), good);
      assert.deepEqual(await h.store.load(h.tracker), good, 'the snapshot on disk is untouched');

      h.clearFaults();
      const caughtUp = await h.sync();
      assert.equal(caughtUp.outcome, 'synced', caughtUp.error?.message);
      h.assertSnapshotIsFakeData(caughtUp.snapshot?.readAll());
    });
  }
}
