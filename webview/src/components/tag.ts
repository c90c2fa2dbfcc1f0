import { toolkitElement } from './toolkitElement';

/** A read-only tag such as a label or a status (`vscode-tag`, or a `<span>`). */
export function tag(doc: Document, text: string, options: { readonly classNames?: readonly string[]; readonly ariaLabel?: string } = {}): HTMLElement {
  const { element } = toolkitElement(doc, 'vscode-tag', 'span');
  element.classList.add('cl-tag', ...(options.classNames ?? []));
  if (options.ariaLabel !== undefined) element.setAttribute('aria-label', options.ariaLabel);
  element.textContent = text;
  return element;
}
