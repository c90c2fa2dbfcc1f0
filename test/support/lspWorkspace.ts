import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';

/** The fixture; tests never touch it, they work on a copy. */
export const SAMPLE_WORKSPACE = path.resolve(__dirname, '../../../test/fixtures/sample-workspace');

export interface WorkspaceCopy {
  readonly root: string;
  file(relativePath: string): string;
  read(relativePath: string): string;
  write(relativePath: string, text: string | Buffer): void;
  remove(): void;
}

/** A copy of the sample workspace in a fresh temp dir. */
export function copySampleWorkspace(): WorkspaceCopy {
  const root = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-lsp-'));
  cpSync(SAMPLE_WORKSPACE, root, { recursive: true });
  const file = (relativePath: string) => path.join(root, relativePath);
  return {
    root,
    file,
    read: (relativePath) => readFileSync(file(relativePath), 'utf8'),
    write: (relativePath, text) => {
      mkdirSync(path.dirname(file(relativePath)), { recursive: true });
      writeFileSync(file(relativePath), text);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An LSP position from EXPECTED.md's 1-based line and column. */
export function at(line: number, column: number): Position {
  return { line: line - 1, character: column - 1 };
}

/** 1-based line of the first line of a fixture file containing `text`. */
export function lineOf(relativePath: string, text: string): number {
  const index = readFileSync(path.join(SAMPLE_WORKSPACE, relativePath), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`'${text}' not found in ${relativePath}`);
  return index + 1;
}

/** The 1-based position of `text` on a 1-based line of a fixture file (for the non-link rows). */
export function positionOf(relativePath: string, line: number, text: string): Position {
  const content = readFileSync(path.join(SAMPLE_WORKSPACE, relativePath), 'utf8').split('\n')[line - 1];
  const character = content?.indexOf(text) ?? -1;
  if (character < 0) throw new Error(`'${text}' not found on line ${line} of ${relativePath}`);
  return { line: line - 1, character };
}
