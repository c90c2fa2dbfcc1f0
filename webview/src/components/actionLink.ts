/**
 * Text that reads as a link and acts in VS Code (open a file at a range). It is a native
 * `<button>` styled as a link, not `vscode-link`: an anchor needs an `href` to be focusable, and
 * the panel never builds an `href` (tracker URLs are opened by the extension; a `#` href would
 * make VS Code's webview host scroll the panel to the top on every click).
 */
export interface ActionLinkOptions {
  readonly ariaLabel?: string;
  readonly title?: string;
  readonly testId?: string;
  readonly onClick: () => void;
}

export function actionLink(doc: Document, text: string, options: ActionLinkOptions): HTMLElement {
  const element = doc.createElement('button');
  element.setAttribute('type', 'button');
  element.classList.add('cl-link');
  element.textContent = text;
  if (options.ariaLabel !== undefined) element.setAttribute('aria-label', options.ariaLabel);
  if (options.title !== undefined) element.setAttribute('title', options.title);
  if (options.testId !== undefined) element.dataset['testid'] = options.testId;
  element.addEventListener('click', () => options.onClick());
  return element;
}
