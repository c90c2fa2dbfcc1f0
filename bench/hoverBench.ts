import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverAt } from '../server/src/features/hover';
import { SymbolIndex } from '../server/src/symbols/symbolIndex';
import { GrammarLoader } from '../server/src/symbols/treeSitter';
import { FolderModel } from '../server/src/workspace/folderModel';
import type { GeneratedWorkspace } from './generateWorkspace';
import { percentile } from './stats';

export interface HoverBenchResult {
  readonly hovers: number;
  readonly openFiles: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly firstHoverP50: number;
  readonly firstHoverP99: number;
  readonly emptyHovers: number;
}

/**
 * Server-side hover latency: the work `onHover` does (file links from the index and the
 * symbol outline, then ranking and rendering), measured in-process so JSON-RPC transport is
 * not counted. As in an editor, files are opened before they are hovered: the first request
 * in a file (VS Code's CodeLens on open) parses it, and is reported separately.
 */
export async function runHoverBench(workspace: GeneratedWorkspace, hovers: number, openFiles: number): Promise<HoverBenchResult> {
  const folder = new FolderModel(workspace.root, pathToFileURL(workspace.root).href, new SymbolIndex(new GrammarLoader()));
  await folder.reloadLocal((filePath) => Promise.resolve(readFileSync(filePath, 'utf8')));
  await folder.scan();

  const byFile = new Map<string, { line: number; character: number }[]>();
  for (const symbol of workspace.linkedSymbols) {
    const list = byFile.get(symbol.relativePath) ?? [];
    list.push(symbol);
    byFile.set(symbol.relativePath, list);
  }
  const files = [...byFile.keys()].filter((_, index) => index % Math.max(1, Math.floor(byFile.size / openFiles)) === 0).slice(0, openFiles);
  const texts = new Map(files.map((file) => [file, readFileSync(path.join(workspace.root, file), 'utf8')]));
  const uriOf = (file: string) => pathToFileURL(path.join(workspace.root, file)).href;

  const firstHover: number[] = [];
  for (const file of files) {
    const started = performance.now();
    await folder.fileLinks(file, uriOf(file), texts.get(file) as string);
    firstHover.push(performance.now() - started);
  }

  const samples: number[] = [];
  let empty = 0;
  const options = { maxItems: 3, redact: true };
  for (let index = 0; index < hovers; index++) {
    const file = files[index % files.length] as string;
    const positions = byFile.get(file) as { line: number; character: number }[];
    const position = positions[index % positions.length] as { line: number; character: number };
    const started = performance.now();
    const links = await folder.fileLinks(file, uriOf(file), texts.get(file) as string);
    const hover = hoverAt(links, folder.catalog, position.line, position.character + 1, options);
    samples.push(performance.now() - started);
    if (!hover) empty++;
  }
  samples.sort((a, b) => a - b);
  firstHover.sort((a, b) => a - b);
  return {
    hovers,
    openFiles: files.length,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: samples[samples.length - 1] ?? Number.NaN,
    firstHoverP50: percentile(firstHover, 0.5),
    firstHoverP99: percentile(firstHover, 0.99),
    emptyHovers: empty,
  };
}
