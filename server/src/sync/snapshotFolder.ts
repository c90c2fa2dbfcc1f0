import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/**
 * Where a workspace folder's tracker snapshots live: under the extension's storage folder when
 * the editor gave one, else the user's cache (`$XDG_CACHE_HOME/customer-lens/<hash of root>`),
 * which the standalone server and the CLI share, so either finds what the other synced.
 */
export function snapshotFolder(root: string, storagePath: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const hash = createHash('sha1').update(root).digest('hex');
  if (storagePath) return path.join(storagePath, 'trackers', hash);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'customer-lens', hash);
}
