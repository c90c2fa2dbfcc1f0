/**
 * Renders the panel's view-model into the root element (`<div id="app">` in the host's HTML).
 * Every string is inserted as a text node or an attribute value set with `setAttribute`: never
 * `innerHTML`, never an `href` (see components/actionLink.ts).
 *
 * Hooks for UI tests (stable across releases; keep them when restyling):
 * - `[data-testid="panel-title"]` `<h1>`: the symbol's label, `N friction items` or `Customer Lens`;
 *   `[data-testid="panel-subtitle"]` the item count under a symbol's label.
 * - `[data-testid="pin-toggle"]` button, `aria-label` `Pin panel` / `Unpin panel`.
 * - `[data-testid="status"]` (`role="status"`, polite live region): the outcome of the last action.
 * - `[data-testid="empty-state"]`: the empty (or loading) text.
 * - `[data-testid="items"]` `<ul>` of items; each item is an `<article data-testid="item" data-key="PAY-101"
 *   aria-label="Friction item PAY-101">` with `<h2>` (`[data-testid="item-key"]`, `[data-testid="item-title"]`).
 * - Item actions (buttons): `[data-testid="open-in-tracker"]` `aria-label="Open PAY-101 in tracker"`,
 *   `[data-testid="copy-key"]` `aria-label="Copy key PAY-101"`,
 *   `[data-testid="link-to-symbol"]` `aria-label="Link PAY-101 to symbol at cursor"` (disabled: `disabled` + `aria-disabled="true"`).
 * - Item blocks, each with an `<h3>`: `[data-testid="impact"]`, `"quotes"`, `"labels"` (only when there are labels),
 *   `"locations"` (each link `[data-testid="location"]`, `aria-label="Open src/a.ts:12 (Symbol)"`),
 *   `"touchpoints"` (each `[data-testid="touchpoint"][data-touchpoint-id="TP-7"]`), `"pull-requests"` (only when known).
 * - The item's section gets `cl-severity-<critical|high|medium|low>` (coloured left border; the severity is also text).
 *
 * Re-rendering replaces the header and content but keeps the status line (so screen readers
 * announce changes) and moves focus back to the control that had it (`data-focus-id`).
 */
import { button } from '../components/button';
import { divider } from '../components/divider';
import type { PanelView, PinView } from '../view/panelView';
import { element } from './dom';
import type { PanelActions } from './panelActions';
import { renderItem } from './renderItem';

interface PanelSkeleton {
  readonly header: HTMLElement;
  readonly status: HTMLElement;
  readonly content: HTMLElement;
}

export function renderPanel(doc: Document, root: HTMLElement, view: PanelView, actions: PanelActions): void {
  const focusId = focusedId(doc, root);
  const skeleton = ensureSkeleton(doc, root);
  skeleton.header.replaceChildren(...header(doc, view, actions));
  if (skeleton.status.textContent !== view.status) skeleton.status.textContent = view.status;
  skeleton.content.replaceChildren(content(doc, view, actions));
  if (focusId !== undefined) restoreFocus(root, focusId);
}

function ensureSkeleton(doc: Document, root: HTMLElement): PanelSkeleton {
  const find = (testId: string): HTMLElement | undefined => Array.from(root.children).find((child): child is HTMLElement => child.getAttribute('data-testid') === testId);
  const existing = { header: find('header'), status: find('status'), content: find('content') };
  if (existing.header && existing.status && existing.content) return { header: existing.header, status: existing.status, content: existing.content };
  const skeleton = {
    header: element(doc, 'header', { className: 'cl-header', attributes: { 'data-testid': 'header' } }),
    status: element(doc, 'p', { className: 'cl-status', attributes: { role: 'status', 'aria-live': 'polite', 'data-testid': 'status' } }),
    content: element(doc, 'main', { className: 'cl-content', attributes: { 'data-testid': 'content' } }),
  };
  root.replaceChildren(skeleton.header, skeleton.status, skeleton.content);
  return skeleton;
}

function header(doc: Document, view: PanelView, actions: PanelActions): Node[] {
  const heading = element(doc, 'div', { className: 'cl-heading' }, [element(doc, 'h1', { text: view.title, attributes: { 'data-testid': 'panel-title' } })]);
  if (view.subtitle !== undefined) heading.append(element(doc, 'p', { className: 'cl-subtitle cl-muted', text: view.subtitle, attributes: { 'data-testid': 'panel-subtitle' } }));
  return view.pin ? [heading, pinToggle(doc, view.pin, actions)] : [heading];
}

function pinToggle(doc: Document, pin: PinView, actions: PanelActions): HTMLElement {
  const control = button(doc, pin.label, {
    appearance: pin.pinned ? 'primary' : 'secondary',
    ariaLabel: pin.ariaLabel,
    title: pin.title,
    testId: 'pin-toggle',
    onClick: () => actions.setPinned(!pin.pinned),
  });
  control.classList.add('cl-pin');
  control.setAttribute('data-focus-id', 'pin-toggle');
  return control;
}

function content(doc: Document, view: PanelView, actions: PanelActions): Node {
  if (view.items.length === 0) return element(doc, 'p', { className: 'cl-empty', text: view.emptyText ?? '', attributes: { 'data-testid': 'empty-state' } });
  const list = element(doc, 'ul', { className: 'cl-items', attributes: { 'aria-label': 'Friction items', 'data-testid': 'items' } });
  view.items.forEach((item, index) => {
    const entry = element(doc, 'li', { className: 'cl-items-entry' });
    if (index > 0) entry.append(divider(doc));
    entry.append(renderItem(doc, item, actions));
    list.append(entry);
  });
  return list;
}

const PENDING_FOCUS = 'data-pending-focus';

/**
 * The control that has focus, or the one that lost it because a render disabled it (a button
 * disabled while its request runs) as long as focus has not gone anywhere else since.
 */
function focusedId(doc: Document, root: HTMLElement): string | undefined {
  const active = doc.activeElement;
  const pending = root.getAttribute(PENDING_FOCUS) ?? undefined;
  root.removeAttribute(PENDING_FOCUS);
  if (!active || active === doc.body || active === doc.documentElement) return pending;
  if (!root.contains(active)) return undefined;
  return active.closest('[data-focus-id]')?.getAttribute('data-focus-id') ?? undefined;
}

function restoreFocus(root: HTMLElement, focusId: string): void {
  const target = Array.from(root.querySelectorAll<HTMLElement>('[data-focus-id]')).find((candidate) => candidate.getAttribute('data-focus-id') === focusId);
  if (!target) return;
  target.focus();
  if (target.ownerDocument.activeElement !== target) root.setAttribute(PENDING_FOCUS, focusId);
}
