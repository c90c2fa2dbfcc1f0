import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The lock files this process holds (resolved paths). A lock file naming this process's pid is a
 * run of ours in progress only if it is in here: otherwise a killed process left it, and this one
 * happens to have been given the same pid (common in containers, where pids start over).
 */
const heldHere = new Set<string>();

/**
 * One sync per tracker snapshot at a time, across processes: the standalone server and the CLI
 * share `~/.cache/customer-lens`, and two runs appending to one journal, or renaming snapshots
 * over each other, would interleave their records. A lock file next to the snapshot names the
 * process holding it; a lock whose process is gone (killed mid-sync) is taken over.
 */
export class SyncLock {
  private constructor(private readonly file: string) {}

  /** The lock, or who holds it: the pid of a live process (none while the holder is writing it). */
  static async acquire(lockFile: string): Promise<SyncLock | { readonly heldBy?: number }> {
    const file = path.resolve(lockFile);
    await mkdir(path.dirname(file), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      let created = false;
      try {
        const handle = await open(file, 'wx');
        created = true;
        try {
          await handle.writeFile(String(process.pid));
        } finally {
          await handle.close();
        }
        heldHere.add(file);
        return new SyncLock(file);
      } catch (error) {
        // Created but its pid not written (the disk is full): not left behind to block the next run.
        if (created) await rm(file, { force: true }).catch(() => undefined);
        if (created || (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      const hasPid = Number.isInteger(holder) && holder > 0;
      // Our own pid is a run of ours in progress only while this process holds the lock (it is
      // released in a finally); else a killed process left it under a pid since reused for us. A
      // lock without a pid yet is being written, unless it is old (its process died in between).
      const live = hasPid ? (holder === process.pid ? heldHere.has(file) : isAlive(holder)) : await isRecent(file);
      if (live || attempt > 0) return hasPid ? { heldBy: holder } : {};
      // Taking over is not atomic: two processes that read the same stale lock can both take it,
      // if one removes the lock the other has created in the meantime (between its read above and
      // this removal, a few milliseconds). Both then sync the tracker at once, as without a lock
      // (and the first to finish removes the other's lock); it takes two processes starting a
      // sync of one tracker within that window of each other, both finding the same stale lock.
      await rm(file, { force: true });
    }
  }

  async release(): Promise<void> {
    heldHere.delete(this.file);
    await rm(this.file, { force: true });
  }
}

async function isRecent(file: string): Promise<boolean> {
  const modified = await stat(file).then(
    (stats) => stats.mtimeMs,
    () => 0,
  );
  return Date.now() - modified < 10_000;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
