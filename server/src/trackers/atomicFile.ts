import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Buffers per write call: below every platform's limit on a vectored write. */
const CHUNKS_PER_WRITE = 512;

/** Random bytes in a temporary file's name: `<target>.<12 hex digits>.tmp`. */
const TEMPORARY_BYTES = 6;

/**
 * Writes a file so that readers see the old content or the new, never a torn mix: write a
 * temporary file next to it, flush it to disk, then rename over the target (atomic on POSIX
 * and on NTFS for same-volume renames). Content may come in chunks, so that a large file is
 * written from the buffers it was assembled from instead of one copy of them all.
 */
export async function writeFileAtomic(target: string, content: string | readonly Uint8Array[]): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(TEMPORARY_BYTES).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      if (typeof content === 'string') await handle.writeFile(content, 'utf8');
      else for (let start = 0; start < content.length; start += CHUNKS_PER_WRITE) await writeAll(handle, content.slice(start, start + CHUNKS_PER_WRITE));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes the temporary files of `target` that a process killed between writing and renaming
 * left behind (a snapshot's can be tens of MB). Only while nothing is writing `target`: a write
 * under way would lose its temporary file.
 */
export async function removeLeftovers(target: string): Promise<void> {
  const folder = path.dirname(target);
  const pattern = new RegExp(`^\\.[0-9a-f]{${TEMPORARY_BYTES * 2}}\\.tmp$`);
  const prefix = path.basename(target);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const leftovers = names.filter((name) => name.startsWith(prefix) && pattern.test(name.slice(prefix.length)));
  await Promise.all(leftovers.map((name) => rm(path.join(folder, name), { force: true })));
}

/** A vectored write may write less than asked: write the rest. */
async function writeAll(handle: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  const pending = [...chunks];
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    while (pending.length > 0 && bytesWritten >= (pending[0] as Uint8Array).length) {
      bytesWritten -= (pending[0] as Uint8Array).length;
      pending.shift();
    }
    if (bytesWritten > 0 && pending.length > 0) pending[0] = (pending[0] as Uint8Array).subarray(bytesWritten);
  }
}
