/**
 * A happy-dom window per test, with the panel's root element. The renderer takes a `Document`,
 * so nothing here touches Node's globals. The toolkit is not registered in these windows: the
 * components render their native fallbacks (see webview/src/components/toolkitElement.ts).
 */
import type { Window as HappyWindow } from 'happy-dom' with { 'resolution-mode': 'import' };

export interface TestDom {
  readonly window: HappyWindow;
  readonly document: Document;
  readonly root: HTMLElement;
  close(): Promise<void>;
}

export async function createDom(): Promise<TestDom> {
  // happy-dom is an ES module: import() works from these CommonJS tests on every Node version.
  const { Window } = await import('happy-dom');
  const window = new Window({ url: 'https://panel.invalid/', width: 320, height: 640 });
  const document = window.document as unknown as Document;
  const root = document.createElement('div');
  root.id = 'app';
  document.body.append(root);
  return { window, document, root, close: () => window.happyDOM.close() };
}

/** Elements under `root` with `data-testid`. */
export function byTestId(root: ParentNode, testId: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[data-testid]')).filter((element) => element.getAttribute('data-testid') === testId);
}

export function oneByTestId(root: ParentNode, testId: string): HTMLElement {
  const found = byTestId(root, testId);
  if (found.length !== 1) throw new Error(`expected one [data-testid="${testId}"], found ${found.length}`);
  return found[0]!;
}

/** The item's `<article>`, found by its aria-label (as a UI test in VS Code would). */
export function itemSection(root: ParentNode, key: string): HTMLElement {
  const found = Array.from(root.querySelectorAll<HTMLElement>('article')).filter((article) => article.getAttribute('aria-label') === `Friction item ${key}`);
  if (found.length !== 1) throw new Error(`expected one item section for ${key}, found ${found.length}`);
  return found[0]!;
}

export function buttonLabelled(root: ParentNode, ariaLabel: string): HTMLElement {
  const found = Array.from(root.querySelectorAll<HTMLElement>('button, vscode-button')).filter((element) => element.getAttribute('aria-label') === ariaLabel);
  if (found.length !== 1) throw new Error(`expected one button labelled '${ariaLabel}', found ${found.length}`);
  return found[0]!;
}
