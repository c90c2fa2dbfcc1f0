/**
 * Creates a toolkit element (`vscode-button`…) when the design system registered it in this
 * document's window, and the plain element otherwise (no `customElements`, registration failed,
 * or tests that render into a bare happy-dom document). Both paths are accessible as they stand:
 * the fallback is the native element with the same role.
 */
export function toolkitElement(doc: Document, toolkitTag: string, fallbackTag: string): { readonly element: HTMLElement; readonly toolkit: boolean } {
  const registered = doc.defaultView?.customElements?.get(toolkitTag) !== undefined;
  return registered ? { element: doc.createElement(toolkitTag), toolkit: true } : { element: doc.createElement(fallbackTag), toolkit: false };
}
