import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runColdStartBench } from './coldStartBench';
import { generateWorkspace, writeFrictionFile } from './generateWorkspace';
import { runHoverBench } from './hoverBench';
import { runIndexBench } from './indexBench';
import { runServerRssBench } from './serverRssBench';
import { formatMs } from './stats';

/**
 * `npm run bench`: the figures recorded in the README. Budgets are printed next to each
 * figure; nothing here fails a build, because timings on a shared machine are not assertions.
 */
async function main(): Promise<void> {
  const root = path.join(process.env['CUSTOMER_LENS_BENCH_DIR'] ?? os.tmpdir(), 'customer-lens-bench');
  const started = performance.now();
  const workspace = generateWorkspace(root, { files: 20_000, items: 100_000, links: 20_000, linkedItems: 1_000 });
  console.log(`Generated ${workspace.files} files, ${workspace.items} items, ${workspace.links} links in ${root} (${formatMs(performance.now() - started)})`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);

  const hover = await runHoverBench(workspace, 10_000, 200);
  console.log(
    `Hover: ${hover.hovers} hovers over ${hover.openFiles} open files: p50 ${formatMs(hover.p50)}, p99 ${formatMs(hover.p99)}, max ${formatMs(hover.max)} ` +
      `(budget p99 ≤ 2 ms) ${hover.p99 <= 2 ? 'OK' : 'OVER BUDGET'}; first request in a file (parse): p50 ${formatMs(hover.firstHoverP50)}, p99 ${formatMs(hover.firstHoverP99)}` +
      (hover.emptyHovers > 0 ? `; ${hover.emptyHovers} hovers found nothing` : ''),
  );

  const index = await runIndexBench(root, 5);
  const ratio = index.ratio === undefined ? 'ripgrep not installed (apt-get install ripgrep)' : `${index.ratio.toFixed(2)}× ripgrep (${formatMs(index.ripgrepMs ?? 0)}) (budget ≤ 2×) ${index.ratio <= 2 ? 'OK' : 'OVER BUDGET'}`;
  console.log(`Index: cold scan of ${index.files} files: ${formatMs(index.scanMs)} median of ${index.runs}; ${ratio}`);
  console.log(`Index: event-loop delay while scanning (a hover's wait): p50 ${formatMs(index.lagP50)}, p99 ${formatMs(index.lagP99)}`);
  // The same scan without worker threads, to show what they buy.
  process.env['CUSTOMER_LENS_SCAN_WORKERS'] = '0';
  const inline = await runIndexBench(root, 3);
  delete process.env['CUSTOMER_LENS_SCAN_WORKERS'];
  console.log(`Index without worker threads: ${formatMs(inline.scanMs)} median of ${inline.runs}; event-loop delay p50 ${formatMs(inline.lagP50)}, p99 ${formatMs(inline.lagP99)}`);

  // Memory depends on the catalog more than on the tree: report the server on the same tree
  // with the full 100,000 items, and with 1,000 (every link still resolves).
  for (const items of [100_000, 1_000]) {
    if (items !== workspace.items) writeFrictionFile(root, items);
    const server = await runServerRssBench(root);
    const yamlMb = statSync(path.join(root, '.customer-lens', 'friction.yaml')).size / 1024 / 1024;
    console.log(
      `Server: ${server.files} files, ${server.items} items (a ${yamlMb.toFixed(1)} MB friction.yaml): initialize → index ready in ${formatMs(server.readyMs)}; RSS ${server.rssMb.toFixed(0)} MB ` +
        `(budget ≤ 200 MB) ${server.rssMb <= 200 ? 'OK' : 'OVER BUDGET'}`,
    );
  }

  // A restart with a big tracker snapshot and no network: how long until hovers answer. The same
  // with 100 items first: what starting the server costs whatever the snapshot.
  const small = await runColdStartBench(100);
  console.log(`Cold start: ${small.items} tracker items, no network: spawn → first hover ${formatMs(small.firstHoverMs)}; RSS ${small.rssMb.toFixed(0)} MB`);
  const cold = await runColdStartBench(100_000);
  console.log(
    `Cold start: ${cold.items} tracker items in a ${cold.snapshotMb.toFixed(0)} MB snapshot, no network: spawn → first hover from the snapshot ${formatMs(cold.firstHoverMs)} ` +
      `(budget ≤ 500 ms) ${cold.firstHoverMs <= 500 ? 'OK' : 'OVER BUDGET'}; RSS ${cold.rssMb.toFixed(0)} MB`,
  );
  console.log(
    `Cold start, then the Friction view's list of all ${cold.listed} items (${cold.listMb.toFixed(0)} MB of JSON): first ${formatMs(cold.firstListMs)} (reads the list index), then ${formatMs(cold.secondListMs)}; RSS after listing ${cold.listedRssMb.toFixed(0)} MB`,
  );

  // Tracker sync (syncBench.ts), in a process of its own: a fresh heap, as the language server's
  // would be, not one still holding the 100,000 items above.
  const sync = spawnSync(process.execPath, [path.join(__dirname, 'syncBench.js')], { stdio: 'inherit' });
  if (sync.status !== 0) throw new Error(`the sync benchmark failed (${sync.signal ?? `exit code ${sync.status}`})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
