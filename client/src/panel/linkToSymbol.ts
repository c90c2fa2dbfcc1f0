import { Range, workspace, WorkspaceEdit, type TextEditor } from 'vscode';
import type { LinkItemToSymbolRequest } from '../../../server/src/protocol';
import type { CustomerLensServer } from '../lsp/customerLensServer';
import type { UriConverter } from '../lsp/uriConverter';
import { errorMessage } from '../util/errors';

export type LinkResult = { readonly ok: true; readonly symbol: string } | { readonly ok: false; readonly message: string };

export interface LinkToSymbolContext {
  readonly server: Pick<CustomerLensServer, 'linkItemToSymbol'>;
  readonly uris: UriConverter;
  /** The editor whose cursor names the symbol: the last one used, since the panel has focus now. */
  readonly editor: TextEditor | undefined;
}

/**
 * Links an item to the symbol at the cursor. The server computes the new `links.yaml`; the
 * client applies it as a workspace edit, so it can be undone and an unsaved links.yaml editor
 * is edited rather than overwritten underneath.
 */
export async function linkItemToSymbol(context: LinkToSymbolContext, key: string): Promise<LinkResult> {
  const { editor } = context;
  if (editor === undefined) {
    return { ok: false, message: 'Put the cursor in a function or class in an editor first.' };
  }
  let result: LinkItemToSymbolRequest.Result;
  try {
    result = await context.server.linkItemToSymbol({
      key,
      uri: context.uris.toProtocol(editor.document.uri),
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    });
  } catch (error) {
    return { ok: false, message: `The language server could not link ${key}: ${errorMessage(error)}` };
  }
  if (result.kind === 'error') {
    return { ok: false, message: result.message };
  }
  try {
    const applied = await applyLinksEdit(context.uris, result);
    return applied ? { ok: true, symbol: result.symbol } : { ok: false, message: `Could not write ${result.path}.` };
  } catch (error) {
    // The page waits for an answer: a failure must become one, not an unanswered request.
    return { ok: false, message: `Could not write ${result.path}: ${errorMessage(error)}` };
  }
}

async function applyLinksEdit(uris: UriConverter, edit: Extract<LinkItemToSymbolRequest.Result, { kind: 'edit' }>): Promise<boolean> {
  const uri = uris.toCode(edit.linksFileUri);
  const workspaceEdit = new WorkspaceEdit();
  if (edit.created) {
    // `overwrite: false`: if the file appeared since the server looked, the edit fails rather than clobbering it.
    workspaceEdit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(edit.newText) });
    return workspace.applyEdit(workspaceEdit);
  }
  const document = await workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  const end = document.lineAt(document.lineCount - 1).range.end;
  workspaceEdit.replace(uri, new Range(0, 0, end.line, end.character), edit.newText);
  if (!(await workspace.applyEdit(workspaceEdit))) {
    return false;
  }
  // Saved, so the link takes effect at once; a file that already had unsaved changes is left for its owner to save.
  if (!wasDirty) {
    await document.save();
  }
  return true;
}
