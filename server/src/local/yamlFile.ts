import { CORE_SCHEMA, load, type State } from 'js-yaml';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from './problems';

type PathSegment = string | number;

/**
 * A parsed YAML file that can say on which line a value sits, so every problem we report
 * names the file and the line (DESIGN.md: malformed YAML names the file and line).
 *
 * Two parsers, for two jobs. Valid files — nearly all of them, some with 100,000 items — go
 * through js-yaml, which is fast and light; its listener records where entries and their
 * fields start. A file js-yaml rejects is parsed again by `yaml`, which recovers what it can
 * and reports every error with its position, so a typo loses one entry rather than the file.
 */
export interface YamlFile {
  readonly path: string;
  readonly value: unknown;
  readonly syntaxProblems: readonly ConfigProblem[];
  /** Zero-based position of the value at `path`, or of its nearest ancestor that was recorded. */
  positionOf(path: readonly PathSegment[]): { line: number; character: number };
  problemAt(path: readonly PathSegment[], severity: ConfigProblem['severity'], message: string): ConfigProblem;
}

export function parseYamlFile(path: string, text: string): YamlFile {
  return FastYamlFile.parse(path, text) ?? RecoveringYamlFile.parse(path, text);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

abstract class BaseYamlFile implements YamlFile {
  abstract readonly path: string;
  abstract readonly value: unknown;
  abstract readonly syntaxProblems: readonly ConfigProblem[];
  abstract positionOf(path: readonly PathSegment[]): { line: number; character: number };

  problemAt(path: readonly PathSegment[], severity: ConfigProblem['severity'], message: string): ConfigProblem {
    return { file: this.path, ...this.positionOf(path), severity, message };
  }
}

/** Where a node starts; collections also record their children (map keys and values alternate). */
interface Mark {
  readonly line: number;
  readonly character: number;
  children?: (Mark | number)[];
}

/** Deeper nodes are not recorded: item fields (depth 4) are the deepest a problem points at. */
const RECORDED_DEPTH = 4;

class FastYamlFile extends BaseYamlFile {
  readonly syntaxProblems: readonly ConfigProblem[] = [];

  private constructor(
    readonly path: string,
    readonly value: unknown,
    private readonly root: Mark | undefined,
  ) {
    super();
  }

  /** `undefined` when the text is not valid YAML (or has duplicate keys). */
  static parse(path: string, text: string): FastYamlFile | undefined {
    const stack: Mark[] = [];
    let root: Mark | undefined;
    let depth = 0;
    const listener = (event: 'open' | 'close', state: State): void => {
      if (event === 'open') {
        depth++;
        if (depth > RECORDED_DEPTH) return;
        const parent = stack[stack.length - 1];
        if (depth === RECORDED_DEPTH) {
          parent?.children?.push(state.line);
          return;
        }
        const mark: Mark = { line: state.line, character: state.position - state.lineStart, children: [] };
        if (parent) parent.children?.push(mark);
        else root = mark;
        stack.push(mark);
      } else {
        if (depth < RECORDED_DEPTH) stack.pop();
        depth--;
      }
    };
    try {
      const value = load(text, { schema: CORE_SCHEMA, filename: path, listener, json: false });
      return new FastYamlFile(path, value, root);
    } catch {
      return undefined;
    }
  }

  positionOf(path: readonly PathSegment[]): { line: number; character: number } {
    let mark: Mark | number | undefined = this.root;
    let value: unknown = this.value;
    let best = { line: this.root?.line ?? 0, character: this.root?.character ?? 0 };
    for (const segment of path) {
      if (mark === undefined || typeof mark === 'number' || !mark.children) break;
      let index: number;
      if (Array.isArray(value) && typeof segment === 'number') {
        index = segment;
        value = value[segment];
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // A mapping's children alternate key, value; point at the key, descend through the value.
        const keyIndex = Object.keys(value).indexOf(String(segment));
        if (keyIndex < 0) break;
        const key = mark.children[keyIndex * 2];
        if (key === undefined) break;
        best = typeof key === 'number' ? { line: key, character: 0 } : { line: key.line, character: key.character };
        value = (value as Record<string, unknown>)[String(segment)];
        mark = mark.children[keyIndex * 2 + 1];
        continue;
      } else break;
      mark = mark.children[index];
      if (mark !== undefined) best = typeof mark === 'number' ? { line: mark, character: 0 } : { line: mark.line, character: mark.character };
    }
    return best;
  }
}

class RecoveringYamlFile extends BaseYamlFile {
  private constructor(
    readonly path: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    readonly value: unknown,
    readonly syntaxProblems: readonly ConfigProblem[],
  ) {
    super();
  }

  static parse(path: string, text: string): RecoveringYamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problems: ConfigProblem[] = [];
    for (const [severity, list] of [
      ['error', document.errors],
      ['warning', document.warnings],
    ] as const) {
      for (const issue of list) {
        const position = lines.linePos(issue.pos[0]);
        problems.push({ file: path, line: position.line - 1, character: position.col - 1, severity, message: firstLine(issue.message) });
      }
    }
    // A document with errors still yields the values that parsed; we keep them.
    let value: unknown = null;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({ file: path, line: 0, character: 0, severity: 'error', message: errorMessage(error) });
    }
    return new RecoveringYamlFile(path, document, lines, value, problems);
  }

  positionOf(path: readonly PathSegment[]): { line: number; character: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? this.document.contents : this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const position = this.lines.linePos(node.range[0]);
        return { line: position.line - 1, character: position.col - 1 };
      }
    }
    return { line: 0, character: 0 };
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
