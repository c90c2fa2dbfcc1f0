import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileScan } from './fileScanner';

/** Scan these files, or walk and scan everything below this folder. */
export type ScanRequest =
  | { readonly id: number; readonly root: string; readonly kind: 'files'; readonly paths: readonly string[] }
  | { readonly id: number; readonly root: string; readonly kind: 'tree'; readonly folder: string };

export interface ScanResult {
  readonly id: number;
  readonly paths: string[];
  readonly scans: FileScan[];
  readonly unreadableFolders: [string, string][];
}

type Job = { readonly kind: 'files'; readonly paths: readonly string[] } | { readonly kind: 'tree'; readonly folder: string };

interface Pending {
  readonly resolve: (result: ScanResult) => void;
  readonly reject: (error: Error) => void;
  readonly worker: Worker;
}

/** Next to the server bundle in dist/, next to this module when running compiled sources. */
const WORKER_FILE = path.join(__dirname, 'scanWorker.js');
/** At most this many workers, and never more than the machine has cores. */
const MAX_WORKERS = 4;

/**
 * A few worker threads that walk and scan parts of a workspace. Each job goes to the worker with
 * the fewest in flight. Created per scan and terminated after it: scans are rare, idle threads
 * are not free.
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  private constructor(size: number) {
    for (let index = 0; index < size; index++) {
      const worker = new Worker(WORKER_FILE);
      worker.on('message', (result: ScanResult) => this.settle(result));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => this.fail(worker, new Error(`scan worker exited with code ${code}`)));
      this.workers.push(worker);
      this.inFlight.set(worker, 0);
    }
  }

  /** A pool sized to the machine, or `undefined` where workers cannot or should not run (the caller scans inline). */
  static create(): ScanPool | undefined {
    // `CUSTOMER_LENS_SCAN_WORKERS=0` scans on the event loop: for diagnosis and for the benchmark's comparison.
    if (process.env['CUSTOMER_LENS_SCAN_WORKERS'] === '0' || !existsSync(WORKER_FILE)) return undefined;
    try {
      return new ScanPool(Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism())));
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Jobs not yet answered, over all workers. */
  get busy(): number {
    return this.pending.size;
  }

  run(root: string, job: Job): Promise<ScanResult> {
    const worker = [...this.inFlight].sort((a, b) => a[1] - b[1])[0]?.[0];
    if (!worker) return Promise.reject(new Error('scan pool is closed'));
    const id = this.nextId++;
    this.inFlight.set(worker, (this.inFlight.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.postMessage({ id, root, ...job } satisfies ScanRequest);
    });
  }

  private settle(result: ScanResult): void {
    const pending = this.pending.get(result.id);
    if (!pending) return;
    this.pending.delete(result.id);
    if (this.inFlight.has(pending.worker)) this.inFlight.set(pending.worker, (this.inFlight.get(pending.worker) ?? 1) - 1);
    pending.resolve(result);
  }

  private fail(worker: Worker, error: Error): void {
    this.inFlight.delete(worker);
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  async dispose(): Promise<void> {
    const workers = this.workers.splice(0);
    this.inFlight.clear();
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
