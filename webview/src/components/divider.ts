import { toolkitElement } from './toolkitElement';

/** A horizontal rule between sections (`vscode-divider`, or an `<hr>`). */
export function divider(doc: Document): HTMLElement {
  const { element, toolkit } = toolkitElement(doc, 'vscode-divider', 'hr');
  element.classList.add('cl-divider');
  if (toolkit) element.setAttribute('role', 'separator');
  return element;
}
