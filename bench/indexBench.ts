import { spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { SymbolIndex } from '../server/src/symbols/symbolIndex';
import { GrammarLoader } from '../server/src/symbols/treeSitter';
import { FolderModel } from '../server/src/workspace/folderModel';
import { median, percentile } from './stats';

/** The annotation pattern of server/src/links/annotationScanner.ts, for ripgrep. */
const RG_PATTERN = String.raw`(@friction\b:?|\bfriction:)[ \t]*[A-Za-z0-9]|\b[A-Z][A-Z0-9_]*-[0-9]+\b`;

export interface IndexBenchResult {
  readonly files: number;
  readonly scanMs: number;
  /** How late a 1 ms timer fires during a scan: how long a hover could wait while indexing. */
  readonly lagP50: number;
  readonly lagP99: number;
  readonly ripgrepMs: number | undefined;
  readonly ratio: number | undefined;
  readonly runs: number;
}

/** Median of `runs` full scans of the folder by the server's scanner and by `rg`, interleaved. */
export async function runIndexBench(root: string, runs: number): Promise<IndexBenchResult> {
  const rgAvailable = spawnSync('rg', ['--version']).status === 0;
  const scans: number[] = [];
  const greps: number[] = [];
  const lags: number[] = [];
  let files = 0;
  for (let run = 0; run < runs; run++) {
    const folder = new FolderModel(root, pathToFileURL(root).href, new SymbolIndex(new GrammarLoader()));
    let scanning = true;
    let last = performance.now();
    const tick = (): void => {
      const now = performance.now();
      lags.push(Math.max(0, now - last - 1));
      last = now;
      if (scanning) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const started = performance.now();
    const stats = await folder.scan();
    scans.push(performance.now() - started);
    scanning = false;
    files = stats?.files ?? 0;
    if (rgAvailable) greps.push(await timeRipgrep(root));
  }
  const scanMs = median(scans);
  const ripgrepMs = rgAvailable ? median(greps) : undefined;
  lags.sort((a, b) => a - b);
  return { files, scanMs, lagP50: percentile(lags, 0.5), lagP99: percentile(lags, 0.99), ripgrepMs, ratio: ripgrepMs ? scanMs / ripgrepMs : undefined, runs };
}

/** ripgrep honours .gitignore like the server does (`--no-require-git`: the tree is no git repo). */
function timeRipgrep(root: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('rg', ['--no-require-git', '--count', '--no-messages', '-e', RG_PATTERN, root], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}
