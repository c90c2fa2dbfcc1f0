/**
 * The sample workspace and the tables of its EXPECTED.md, read from the file itself so the
 * unit tests and the documented contract cannot drift apart.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** From compiled tests in out/test/…; tests never change it, they work on a copy. */
export const SAMPLE_ROOT = path.resolve(__dirname, '../../../test/fixtures/sample-workspace');

export type ExpectedOrigin = 'annotation' | 'mapping' | 'tracker-ref';

/** One expected link; `line`/`character` are zero-based (the file start for file-level mappings). */
export interface ExpectedLink {
  readonly id: string;
  readonly origin: ExpectedOrigin;
  readonly key: string;
  readonly file: string;
  readonly line: number;
  readonly character: number;
  /** Zero-based last line, for permalinks with a line range. */
  readonly endLine?: number;
  /** `undefined` for file-level links. */
  readonly symbol?: string;
}

export interface NonLink {
  readonly id: string;
  readonly file: string;
  /** One-based, as written; empty when the row names no line. */
  readonly lines: readonly number[];
  readonly text: string;
}

function tableRows(markdown: string, section: string): string[][] {
  const start = markdown.indexOf(`\n## ${section}`);
  if (start < 0) throw new Error(`EXPECTED.md has no section ${section}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => /^\| [A-Z]\d+ \|/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

const symbolOf = (cell: string): string | undefined => (cell.startsWith('file-level') ? undefined : cell);

/** `53:3` → zero-based; `—` (file-level) → the file start. */
function position(cell: string): { line: number; character: number } {
  const match = /^(\d+):(\d+)$/.exec(cell);
  return match ? { line: Number(match[1]) - 1, character: Number(match[2]) - 1 } : { line: 0, character: 0 };
}

function cell(row: readonly string[], index: number): string {
  const value = row[index];
  if (value === undefined) throw new Error(`EXPECTED.md row ${row.join(' | ')} has no column ${index}`);
  return value;
}

/** Sections 1–3 (links) and 4 (non-links) of EXPECTED.md. */
export function readExpected(): { links: ExpectedLink[]; nonLinks: NonLink[] } {
  const markdown = readFileSync(path.join(SAMPLE_ROOT, 'EXPECTED.md'), 'utf8');
  const links: ExpectedLink[] = [];
  for (const row of tableRows(markdown, '1.')) {
    const symbol = symbolOf(cell(row, 5));
    links.push({ id: cell(row, 0), origin: 'annotation', key: cell(row, 1), file: cell(row, 2), line: Number(cell(row, 3)) - 1, character: Number(cell(row, 4)) - 1, ...(symbol && { symbol }) });
  }
  for (const row of tableRows(markdown, '2.')) {
    const symbol = symbolOf(cell(row, 5));
    links.push({ id: cell(row, 0), origin: 'mapping', key: cell(row, 1), file: cell(row, 3), ...position(cell(row, 4)), ...(symbol && { symbol }) });
  }
  for (const row of tableRows(markdown, '3.')) {
    const lines = /^lines (\d+)-(\d+)$/.exec(cell(row, 5));
    const where = lines ? { line: Number(lines[1]) - 1, character: 0, endLine: Number(lines[2]) - 1 } : position(cell(row, 5));
    const symbol = symbolOf(cell(row, 6).replace(/ \(lines [\d-]+\)$/, ''));
    links.push({ id: cell(row, 0), origin: 'tracker-ref', key: cell(row, 1), file: cell(row, 4), ...where, ...(symbol && { symbol }) });
  }
  const nonLinks = tableRows(markdown, '4.').map((row) => ({
    id: cell(row, 0),
    file: cell(row, 1),
    lines: /^\d+(?:, \d+)*$/.test(cell(row, 2)) ? cell(row, 2).split(', ').map(Number) : [],
    text: cell(row, 3).replace(/`/g, ''),
  }));
  return { links, nonLinks };
}

/** A fresh copy of the sample workspace in the temp dir, so a test may change it. */
export function copySampleToTemp(): { root: string; dispose: () => void } {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-unit-'));
  const root = path.join(parent, 'sample-workspace');
  cpSync(SAMPLE_ROOT, root, { recursive: true });
  return { root, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/** One row of section 5: hovering a symbol's name (zero-based) shows these keys, in this order. */
export interface ExpectedHover {
  readonly file: string;
  readonly line: number;
  readonly character: number;
  readonly symbol: string;
  readonly keys: readonly string[];
}

export function readExpectedHovers(): ExpectedHover[] {
  const markdown = readFileSync(path.join(SAMPLE_ROOT, 'EXPECTED.md'), 'utf8');
  const start = markdown.indexOf('\n## 5.');
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| [\w./-]+ \| \d+:\d+ \|/.test(line))
    .map((line) => {
      const cells = line.slice(1, -1).split(' | ').map((text) => text.trim());
      const { line: zeroLine, character } = position(cell(cells, 1));
      return { file: cell(cells, 0), line: zeroLine, character, symbol: cell(cells, 2), keys: [...cell(cells, 3).matchAll(/([A-Z]+-\d+) \(/g)].map((match) => match[1] as string) };
    });
}
