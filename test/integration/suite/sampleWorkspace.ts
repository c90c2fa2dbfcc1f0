import assert from 'node:assert/strict';
import { commands, Position, Uri, workspace, type CodeLens, type DocumentLink, type Hover } from 'vscode';

/** Our extension, as `publisher.name` in the root package.json. */
export const EXTENSION_ID = 'customer-lens.customer-lens';

/** A file of the sample workspace (test/fixtures/sample-workspace, opened as a copy). */
export function fileUri(relativePath: string): Uri {
  const folder = workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the suite needs a copy of test/fixtures/sample-workspace');
  return Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** A position from EXPECTED.md's one-based line and column. */
export function at(line: number, column: number): Position {
  return new Position(line - 1, column - 1);
}

/** All hover parts VS Code's providers (ours and the language's own) give at a position, as text. */
export async function hoverText(uri: Uri, position: Position): Promise<string> {
  const hovers = await commands.executeCommand<Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n\n---\n\n');
}

/**
 * The CodeLens and link commands only see documents the workbench has loaded (for a document it
 * has not, the first throws `Illegal argument` and the second returns nothing), so these open
 * the document first, as an editor would.
 */
export async function codeLenses(uri: Uri): Promise<CodeLens[]> {
  await workspace.openTextDocument(uri);
  // The second argument resolves every lens, as the editor would before drawing it.
  return commands.executeCommand<CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
}

export async function documentLinks(uri: Uri): Promise<DocumentLink[]> {
  await workspace.openTextDocument(uri);
  return commands.executeCommand<DocumentLink[]>('vscode.executeLinkProvider', uri, 100);
}

/**
 * Polls `probe` until it returns something other than `undefined`, or fails with `what` and
 * the last value seen once the deadline passes. For anything that follows the index
 * asynchronously.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
