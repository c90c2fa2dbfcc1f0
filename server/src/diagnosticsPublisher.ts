import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { ConfigProblem } from './local/problems';

/**
 * Publishes problems in `.customer-lens/*.yaml` as diagnostics, clears files that became
 * clean, and logs each distinct problem once, however often the files are reloaded.
 */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, Set<string>>();
  private readonly logged = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** Replaces the problems published for one workspace folder. */
  publish(folderUri: string, problems: readonly ConfigProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const problem of problems) {
      const uri = pathToFileURL(problem.file).href;
      const list = byUri.get(uri) ?? [];
      byUri.set(uri, list);
      list.push({
        range: { start: { line: problem.line, character: problem.character }, end: { line: problem.line, character: Number.MAX_SAFE_INTEGER } },
        severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'Customer Lens',
        message: problem.message,
      });
      const signature = `${problem.file}:${problem.line}:${problem.message}`;
      if (!this.logged.has(signature)) {
        this.logged.add(signature);
        const text = `${problem.file}:${problem.line + 1}:${problem.character + 1}: ${problem.message}`;
        if (problem.severity === 'error') this.connection.console.error(text);
        else this.connection.console.warn(text);
      }
    }
    const previous = this.published.get(folderUri) ?? new Set<string>();
    for (const uri of previous) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of byUri) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.published.set(folderUri, new Set(byUri.keys()));
  }

  clear(folderUri: string): void {
    this.publish(folderUri, []);
    this.published.delete(folderUri);
  }
}
