import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GeneratedWorkspace {
  readonly root: string;
  readonly files: number;
  readonly items: number;
  readonly links: number;
  /** Files with annotations, and for each the 0-based position of a linked symbol's name. */
  readonly linkedSymbols: readonly { readonly relativePath: string; readonly line: number; readonly character: number }[];
}

export interface GenerateOptions {
  readonly files: number;
  readonly items: number;
  readonly links: number;
  /** Links name the first this-many items: code links to the few items that matter most. */
  readonly linkedItems: number;
}

/** A small deterministic PRNG (mulberry32), so every run measures the same workspace. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const keyOf = (n: number) => `PRJ${n % 97}-${n}`;

/**
 * Writes a realistic workspace: TypeScript, Python and Go files of 40–80 lines in nested
 * folders, a `.gitignore`, an ignored build folder, and a friction.yaml with `items` items.
 * `links` annotations are spread two per linked file, each above a method.
 */
export function generateWorkspace(root: string, options: GenerateOptions): GeneratedWorkspace {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, '.customer-lens'), { recursive: true });
  const next = random(42);

  writeFrictionFile(root, options.items);
  writeFileSync(path.join(root, '.gitignore'), 'build/\n*.log\n');
  mkdirSync(path.join(root, 'build'), { recursive: true });
  writeFileSync(path.join(root, 'build', 'bundle.js'), `// friction: ${keyOf(1)}\n`.repeat(1000));

  const linkedFiles = Math.ceil(options.links / 2);
  const stride = Math.max(1, Math.floor(options.files / linkedFiles));
  const linkedSymbols: { relativePath: string; line: number; character: number }[] = [];
  let links = 0;
  for (let index = 0; index < options.files; index++) {
    const folder = `src/module${Math.floor(index / 100)}/part${Math.floor(index / 10) % 10}`;
    const language = index % 5 < 3 ? 'ts' : index % 5 === 3 ? 'py' : 'go';
    const relativePath = `${folder}/file${index}.${language}`;
    const annotate = index % stride === 0 && links < options.links;
    const linkable = Math.min(options.items, options.linkedItems);
    const keys = annotate ? [keyOf(Math.floor(next() * linkable)), keyOf(Math.floor(next() * linkable))] : [];
    links += keys.length;
    const { text, symbolLines } = sourceFile(language, index, keys);
    mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, relativePath), text);
    for (const position of symbolLines) linkedSymbols.push({ relativePath, ...position });
  }
  return { root, files: options.files, items: options.items, links, linkedSymbols };
}

/** (Re)writes friction.yaml with `count` generated items (deterministic). */
export function writeFrictionFile(root: string, count: number): void {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const items: string[] = ['items:'];
  for (let n = 0; n < count; n++) {
    items.push(
      `  - key: ${keyOf(n)}`,
      `    title: Generated friction item ${n} slows down checkout for some customers`,
      `    status: ${pick(['open', 'in-progress', 'resolved'])}`,
      `    severity: ${pick(SEVERITIES)}`,
      `    customers: ${Math.floor(next() * 2000)}`,
      `    tickets: ${Math.floor(next() * 300)}`,
      `    url: https://tracker.example.com/browse/${keyOf(n)}`,
      `    quotes:`,
      `      - text: "It took me three tries to pay, item ${n}."`,
      `        customer: Customer ${n % 500}`,
    );
  }
  writeFileSync(path.join(root, '.customer-lens', 'friction.yaml'), `${items.join('\n')}\n`);
}

/** One source file; `keys` annotate its first methods. Returns where the linked names are. */
function sourceFile(language: 'ts' | 'py' | 'go', index: number, keys: readonly string[]): { text: string; symbolLines: { line: number; character: number }[] } {
  const lines: string[] = [];
  const symbolLines: { line: number; character: number }[] = [];
  const annotate = (prefix: string, indent: string, method: number, name: string, declaration: string) => {
    const key = keys[method];
    if (key) lines.push(`${indent}${prefix} friction: ${key}`);
    if (key) symbolLines.push({ line: lines.length, character: declaration.indexOf(name) });
    lines.push(declaration);
  };
  if (language === 'ts') {
    lines.push(`import { readFile } from 'node:fs/promises';`, '', `// Encoded as UTF-8; see ISO-8601 for dates like 2026-08.`, `export class Service${index} {`);
    for (let method = 0; method < 6; method++) {
      annotate('//', '  ', method, `handle${method}`, `  async handle${method}(input: string): Promise<number> {`);
      lines.push(`    const value = input.length * ${method + 1};`, `    const label = "PRJ1-${index}";`, `    return value + label.length;`, '  }', '');
    }
    lines.push('}');
  } else if (language === 'py') {
    lines.push('import json', '', '# Encoded as UTF-8.', `class Worker${index}:`);
    for (let method = 0; method < 6; method++) {
      annotate('#', '    ', method, `run${method}`, `    def run${method}(self, payload):`);
      lines.push(`        data = json.loads(payload)`, `        label = "PRJ2-${index}"`, `        return len(data) + ${method}`, '');
    }
  } else {
    lines.push('package generated', '', '// Encoded as UTF-8.', `type Client${index} struct{ retries int }`, '');
    for (let method = 0; method < 6; method++) {
      annotate('//', '', method, `Do${method}`, `func (c *Client${index}) Do${method}(input string) int {`);
      lines.push(`\tlabel := "PRJ3-${index}"`, `\treturn len(input) + len(label) + c.retries*${method}`, '}', '');
    }
  }
  return { text: `${lines.join('\n')}\n`, symbolLines };
}
