import { scanFileOnDisk, type FileScan } from './fileScanner';
import { listFolder } from './folderListing';
import type { IgnoreRules } from './ignoreRules';
import { ScanPool, type ScanResult } from './scanPool';

export interface ScanStats {
  files: number;
  scanned: number;
  skippedLarge: number;
  skippedBinary: number;
  unreadable: number;
  milliseconds: number;
  /** Worker threads that walked and scanned; 0 when the scan ran inline. */
  workers: number;
}

export interface ScanCancellation {
  readonly cancelled: boolean;
}

type Job = { readonly kind: 'files'; readonly paths: readonly string[] } | { readonly kind: 'tree'; readonly folder: string };

/** Inline work this long between yields keeps hovers answered within a few milliseconds. */
const SLICE_MILLISECONDS = 8;
/** Files per job: large enough to amortise messaging, small enough to balance. */
const BATCH_SIZE = 256;
/** Subtrees per worker to share out: enough for uneven folders to even out. */
const SUBTREES_PER_WORKER = 8;
/** Jobs in flight per worker: one running, one queued, so no worker waits for the main thread. */
const JOBS_PER_WORKER = 2;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Walks a workspace folder, honouring `.gitignore`, and scans every file it can read for key
 * mentions. Worker threads do the walking, reading and scanning, so the event loop stays free
 * for LSP requests; the main thread only lists the top of the tree to share out subtrees. Where
 * workers cannot run, the same walk runs inline in short slices. `onFile` sees every file that
 * is not ignored, scanned or not.
 */
export async function scanWorkspace(
  root: string,
  ignoreRules: IgnoreRules,
  onFile: (relativePath: string, scan: FileScan) => void,
  cancellation: ScanCancellation,
  onUnreadable: (relativePath: string, message: string) => void = () => undefined,
): Promise<ScanStats> {
  const started = performance.now();
  const stats: ScanStats = { files: 0, scanned: 0, skippedLarge: 0, skippedBinary: 0, unreadable: 0, milliseconds: 0, workers: 0 };
  const record = (relativePath: string, scan: FileScan): void => {
    if (cancellation.cancelled) return;
    stats.files++;
    if (scan.kind === 'scanned') stats.scanned++;
    else if (scan.kind === 'unreadable') {
      stats.unreadable++;
      onUnreadable(relativePath, scan.message);
    } else if (scan.reason === 'large') stats.skippedLarge++;
    else if (scan.reason === 'binary') stats.skippedBinary++;
    onFile(relativePath, scan);
  };
  const unreadableFolder = (folder: string, message: string): void => {
    stats.unreadable++;
    onUnreadable(folder || '.', message);
  };
  const walker = { root, ignoreRules, cancellation, record, unreadableFolder };

  const pool = ScanPool.create();
  try {
    if (pool) {
      stats.workers = pool.size;
      await scanWithPool(pool, walker);
    } else {
      await walkInline([''], walker);
    }
  } finally {
    await pool?.dispose();
  }
  stats.milliseconds = performance.now() - started;
  return stats;
}

interface Walker {
  readonly root: string;
  readonly ignoreRules: IgnoreRules;
  readonly cancellation: ScanCancellation;
  readonly record: (relativePath: string, scan: FileScan) => void;
  readonly unreadableFolder: (folder: string, message: string) => void;
}

async function scanWithPool(pool: ScanPool, walker: Walker): Promise<void> {
  const jobs: Job[] = [];
  // List the top of the tree breadth-first until there are enough subtrees to share out.
  const frontier = [''];
  while (frontier.length > 0 && frontier.length < pool.size * SUBTREES_PER_WORKER) {
    const folder = frontier.shift() as string;
    const listing = listFolder(walker.root, folder, walker.ignoreRules);
    if (listing.kind === 'unreadable') {
      walker.unreadableFolder(folder, listing.message);
      continue;
    }
    for (let start = 0; start < listing.files.length; start += BATCH_SIZE) jobs.push({ kind: 'files', paths: listing.files.slice(start, start + BATCH_SIZE) });
    frontier.push(...listing.folders);
  }
  jobs.push(...frontier.map((folder): Job => ({ kind: 'tree', folder })));

  const receive = (result: ScanResult): void => {
    result.paths.forEach((relativePath, index) => walker.record(relativePath, result.scans[index] as FileScan));
    for (const [folder, message] of result.unreadableFolders) walker.unreadableFolder(folder, message);
  };
  await new Promise<void>((done) => {
    const pump = (): void => {
      while (jobs.length > 0 && pool.busy < pool.size * JOBS_PER_WORKER && !walker.cancellation.cancelled) {
        const job = jobs.shift() as Job;
        pool
          .run(walker.root, job)
          // A worker that died takes no files with it: its job is done here instead.
          .then(receive, () => walkInline(job.kind === 'tree' ? [job.folder] : [], walker, job.kind === 'files' ? job.paths : []))
          .catch(() => undefined)
          .finally(pump);
      }
      if (pool.busy === 0 && (jobs.length === 0 || walker.cancellation.cancelled)) done();
    };
    pump();
  });
}

/** The same walk on the event loop, in slices: where workers cannot run, or to redo a failed job. */
async function walkInline(folders: string[], walker: Walker, files: readonly string[] = []): Promise<void> {
  let sliceStart = performance.now();
  const pause = async (): Promise<void> => {
    if (performance.now() - sliceStart < SLICE_MILLISECONDS) return;
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
  for (const relativePath of files) {
    if (walker.cancellation.cancelled) return;
    walker.record(relativePath, scanFileOnDisk(walker.root, relativePath));
    await pause();
  }
  while (folders.length > 0 && !walker.cancellation.cancelled) {
    const folder = folders.pop() as string;
    const listing = listFolder(walker.root, folder, walker.ignoreRules);
    if (listing.kind === 'unreadable') {
      walker.unreadableFolder(folder, listing.message);
      continue;
    }
    for (const relativePath of listing.files) {
      if (walker.cancellation.cancelled) return;
      walker.record(relativePath, scanFileOnDisk(walker.root, relativePath));
      await pause();
    }
    folders.push(...listing.folders);
  }
}
