import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { languageOfPath } from '../languages';
import { MAX_SCANNED_FILE_BYTES, scanKeyMentions, type KeyMention } from '../links/annotationScanner';

export type FileScan =
  | { readonly kind: 'scanned'; readonly mentions: KeyMention[] }
  | { readonly kind: 'skipped'; readonly reason: 'language' | 'large' | 'binary' }
  | { readonly kind: 'unreadable'; readonly message: string };

/** How much of a file is checked for NUL bytes to call it binary (git uses the same idea). */
const BINARY_PROBE_BYTES = 8000;

/**
 * One read buffer, a byte larger than the largest file we scan: a single `read` tells both the
 * content and whether the file is too large, with no `stat` and no allocation per file.
 */
const readBuffer = Buffer.allocUnsafe(MAX_SCANNED_FILE_BYTES + 1);

/**
 * Reads and scans one file from disk. Synchronous on purpose: the caller batches many of
 * these between yields to the event loop, which is far faster than a promise per file.
 */
export function scanFileOnDisk(root: string, relativePath: string): FileScan {
  const language = languageOfPath(relativePath);
  if (!language) return { kind: 'skipped', reason: 'language' };
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, relativePath), 'r');
    // A short read of a regular file is its end: one call reads any file we scan.
    const read = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (read > MAX_SCANNED_FILE_BYTES) return { kind: 'skipped', reason: 'large' };
    const content = readBuffer.subarray(0, read);
    if (content.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { kind: 'skipped', reason: 'binary' };
    return { kind: 'scanned', mentions: scanKeyMentions(content.toString('utf8'), language) };
  } catch (error) {
    return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Scans text held in memory (an editor buffer) under the same rules as files on disk. */
export function scanText(relativePath: string, text: string): FileScan {
  const language = languageOfPath(relativePath);
  if (!language) return { kind: 'skipped', reason: 'language' };
  if (text.length > MAX_SCANNED_FILE_BYTES) return { kind: 'skipped', reason: 'large' };
  return { kind: 'scanned', mentions: scanKeyMentions(text, language) };
}
