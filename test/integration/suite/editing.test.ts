import assert from 'node:assert/strict';
import { commands, Position, window, workspace, WorkspaceEdit } from 'vscode';
import { at, fileUri, hoverText, waitFor } from './sampleWorkspace';

describe('editing', () => {
  it('shows an annotation added above a function in its hover, and drops it when the edit is undone', async () => {
    const uri = fileUri('src/util/dates.ts');
    const document = await workspace.openTextDocument(uri);
    await window.showTextDocument(document);
    const original = document.getText();
    // Line 4 is blank, right above `export function formatDate(…)` on line 5.
    assert.equal(document.lineAt(3).text, '');
    const edit = new WorkspaceEdit();
    edit.insert(uri, new Position(3, 0), '// friction: CHK-215');
    assert.equal(await workspace.applyEdit(edit), true);

    const formatDate = at(5, 17);
    const hover = await waitFor('CHK-215 in the hover on formatDate', async () => {
      const text = await hoverText(uri, formatDate);
      return text.includes('CHK-215') ? text : undefined;
    });
    assert.match(hover, /870 customers/);

    await window.showTextDocument(document);
    await commands.executeCommand('undo');
    if (document.getText() !== original) {
      // `undo` goes to the focused editor; should the page have lost focus, drop the (unsaved) edit instead.
      await commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(document.getText(), original, 'the edit was not undone');
    assert.equal(document.isDirty, false);
    await waitFor('the hover on formatDate to drop CHK-215', async () => ((await hoverText(uri, formatDate)).includes('CHK-215') ? undefined : true));
  });
});
