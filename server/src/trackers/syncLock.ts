import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * One sync per tracker snapshot at a time, across processes: the standalone server and the CLI
 * share `~/.cache/customer-lens`, and two runs appending to one journal, or renaming snapshots
 * over each other, would interleave their records. A lock file next to the snapshot names the
 * process holding it; a lock whose process is gone (killed mid-sync) is taken over.
 */
export class SyncLock {
  private constructor(private readonly file: string) {}

  /** The lock, or who holds it: the pid of a live process (none while the holder is writing it). */
  static async acquire(file: string): Promise<SyncLock | { readonly heldBy?: number }> {
    await mkdir(path.dirname(file), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(file, 'wx');
        try {
          await handle.writeFile(String(process.pid));
        } finally {
          await handle.close();
        }
        return new SyncLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      // This process holds it only while a run is under way (released in a finally), so a lock
      // with our own pid is a run in progress too. A lock without a pid yet is being written,
      // unless it is old (its process died in between). Another process taking over the same
      // stale lock at the same moment wins the second round: that one is then the holder.
      const live = Number.isInteger(holder) && holder > 0 ? isAlive(holder) : await isRecent(file);
      if (live || attempt > 0) return Number.isInteger(holder) && holder > 0 ? { heldBy: holder } : {};
      await rm(file, { force: true });
    }
  }

  async release(): Promise<void> {
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
