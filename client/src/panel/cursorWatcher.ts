import { window, type Disposable, type TextEditor } from 'vscode';
import { isFileEditor } from '../editors/lastTextEditor';
import { debounce } from '../util/debounce';

/** Long enough that arrowing through a file asks the server once, short enough to feel live. */
const FOLLOW_DELAY_MS = 250;

/** Calls `onCursor` once the cursor rests in a file editor, after switching editors or moving. */
export function watchCursor(onCursor: (editor: TextEditor) => void): Disposable {
  const debounced = debounce(onCursor, FOLLOW_DELAY_MS);
  const subscriptions = [
    window.onDidChangeActiveTextEditor((editor) => {
      if (isFileEditor(editor)) {
        debounced(editor);
      }
    }),
    window.onDidChangeTextEditorSelection(({ textEditor }) => {
      if (isFileEditor(textEditor)) {
        debounced(textEditor);
      }
    }),
  ];
  return {
    dispose: () => {
      debounced.cancel();
      for (const subscription of subscriptions) {
        subscription.dispose();
      }
    },
  };
}
