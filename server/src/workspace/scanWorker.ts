/**
 * Worker-thread entry: walks and scans whole folders (or lists of files) for the workspace
 * scanner, so file I/O runs on other cores than the one answering LSP requests.
 * Bundled as dist/scanWorker.js.
 */
import { parentPort } from 'node:worker_threads';
import { scanFileOnDisk } from './fileScanner';
import { listFolder } from './folderListing';
import { IgnoreRules } from './ignoreRules';
import type { ScanRequest, ScanResult } from './scanPool';

/** One set of `.gitignore` matchers per workspace folder, kept across requests. */
const ignoreRulesByRoot = new Map<string, IgnoreRules>();

function handle(request: ScanRequest): ScanResult {
  const result: ScanResult = { id: request.id, paths: [], scans: [], unreadableFolders: [] };
  const scan = (relativePath: string) => {
    result.paths.push(relativePath);
    result.scans.push(scanFileOnDisk(request.root, relativePath));
  };
  if (request.kind === 'files') {
    request.paths.forEach(scan);
    return result;
  }
  let ignoreRules = ignoreRulesByRoot.get(request.root);
  if (!ignoreRules) ignoreRulesByRoot.set(request.root, (ignoreRules = new IgnoreRules(request.root)));
  const folders = [request.folder];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    const listing = listFolder(request.root, folder, ignoreRules);
    if (listing.kind === 'unreadable') {
      result.unreadableFolders.push([folder, listing.message]);
      continue;
    }
    listing.files.forEach(scan);
    folders.push(...listing.folders);
  }
  return result;
}

parentPort?.on('message', (request: ScanRequest) => parentPort?.postMessage(handle(request)));
