import { readdirSync } from 'node:fs';
import path from 'node:path';
import { scanFileOnDisk, type FileScan } from './fileScanner';
import { IgnoreRules } from './ignoreRules';

export interface ScanStats {
  files: number;
  scanned: number;
  skippedLarge: number;
  skippedBinary: number;
  unreadable: number;
  milliseconds: number;
}

export interface ScanCancellation {
  readonly cancelled: boolean;
}

/** Work this long between yields keeps hovers answered within a few milliseconds during a scan. */
const SLICE_MILLISECONDS = 8;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Walks a workspace folder, honouring `.gitignore`, and scans every file it can read for key
 * mentions. It runs on the server's event loop in short slices so requests interleave with it.
 * `onFile` sees every file that is not ignored, scanned or not, so callers can keep a file set.
 */
export async function scanWorkspace(
  root: string,
  ignoreRules: IgnoreRules,
  onFile: (relativePath: string, scan: FileScan) => void,
  cancellation: ScanCancellation,
  onUnreadable: (relativePath: string, message: string) => void = () => undefined,
): Promise<ScanStats> {
  const started = performance.now();
  const stats: ScanStats = { files: 0, scanned: 0, skippedLarge: 0, skippedBinary: 0, unreadable: 0, milliseconds: 0 };
  const folders: string[] = [''];
  let sliceStart = performance.now();
  while (folders.length > 0) {
    if (cancellation.cancelled) break;
    const folder = folders.pop() as string;
    let entries;
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      stats.unreadable++;
      onUnreadable(folder || '.', error instanceof Error ? error.message : String(error));
      continue;
    }
    for (const entry of entries) {
      if (IgnoreRules.isSkippedName(entry.name)) continue;
      const relativePath = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ignoreRules.isIgnored(relativePath, true)) folders.push(relativePath);
        continue;
      }
      // Symbolic links are not followed: they can loop and can leave the workspace.
      if (!entry.isFile() || ignoreRules.isIgnored(relativePath, false)) continue;
      const scan = scanFileOnDisk(root, relativePath);
      stats.files++;
      if (scan.kind === 'scanned') stats.scanned++;
      else if (scan.kind === 'unreadable') {
        stats.unreadable++;
        onUnreadable(relativePath, scan.message);
      } else if (scan.reason === 'large') stats.skippedLarge++;
      else if (scan.reason === 'binary') stats.skippedBinary++;
      onFile(relativePath, scan);
      if (performance.now() - sliceStart > SLICE_MILLISECONDS) {
        await yieldToEventLoop();
        if (cancellation.cancelled) break;
        sliceStart = performance.now();
      }
    }
  }
  stats.milliseconds = performance.now() - started;
  return stats;
}
