import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from './problems';

/**
 * A parsed YAML file that can say on which line any value sits, so every problem we
 * report names the file and the line (DESIGN.md: malformed YAML names the file and line).
 */
export class YamlFile {
  private constructor(
    readonly path: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    readonly value: unknown,
    readonly syntaxProblems: readonly ConfigProblem[],
  ) {}

  static parse(path: string, text: string): YamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problems: ConfigProblem[] = [];
    for (const [severity, list] of [
      ['error', document.errors],
      ['warning', document.warnings],
    ] as const) {
      for (const issue of list) {
        const position = lines.linePos(issue.pos[0]);
        problems.push({
          file: path,
          line: position.line - 1,
          character: position.col - 1,
          severity,
          message: firstLine(issue.message),
        });
      }
    }
    // A document with syntax errors still yields the values that parsed; we keep them.
    let value: unknown = null;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({ file: path, line: 0, character: 0, severity: 'error', message: errorMessage(error) });
    }
    return new YamlFile(path, document, lines, value, problems);
  }

  /** The position of the value at `path`, or of its nearest ancestor that exists. */
  positionOf(path: readonly (string | number)[]): { line: number; character: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? this.document.contents : this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const position = this.lines.linePos(node.range[0]);
        return { line: position.line - 1, character: position.col - 1 };
      }
    }
    return { line: 0, character: 0 };
  }

  problemAt(path: readonly (string | number)[], severity: ConfigProblem['severity'], message: string): ConfigProblem {
    return { file: this.path, ...this.positionOf(path), severity, message };
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
