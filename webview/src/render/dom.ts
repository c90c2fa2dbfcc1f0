/**
 * The one way the renderer builds elements: text goes in as text nodes, attributes through
 * `setAttribute` with fixed names. There is deliberately no way to pass markup.
 */
export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tagName: K, options: ElementOptions = {}, children: readonly (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tagName);
  if (options.className !== undefined) node.className = options.className;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  if (options.text !== undefined) node.append(doc.createTextNode(options.text));
  for (const child of children) node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return node;
}
