import { EventEmitter, window, workspace, type Disposable, type Event, type TextEditor } from 'vscode';

/** Only files are indexed by the server (the client's document selector). */
export function isFileEditor(editor: TextEditor | undefined): editor is TextEditor {
  return editor !== undefined && editor.document.uri.scheme === 'file';
}

/**
 * The text editor the user worked in last. Focusing the panel or a view leaves no active text
 * editor, yet "link to the symbol at the cursor" and cursor following mean that one.
 */
export class LastTextEditor implements Disposable {
  private editor: TextEditor | undefined;
  private readonly changed = new EventEmitter<TextEditor | undefined>();
  private readonly subscriptions: Disposable[];

  readonly onDidChange: Event<TextEditor | undefined> = this.changed.event;

  constructor() {
    this.editor = isFileEditor(window.activeTextEditor) ? window.activeTextEditor : undefined;
    this.subscriptions = [
      window.onDidChangeActiveTextEditor((editor) => {
        if (isFileEditor(editor) && editor !== this.editor) {
          this.set(editor);
        }
      }),
      workspace.onDidCloseTextDocument((document) => {
        if (this.editor?.document === document) {
          this.set(undefined);
        }
      }),
    ];
  }

  get current(): TextEditor | undefined {
    return this.editor;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private set(editor: TextEditor | undefined): void {
    this.editor = editor;
    this.changed.fire(editor);
  }
}
