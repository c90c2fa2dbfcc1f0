/** One friction item as an `<article>`; see renderPanel.ts for the ids and labels tests rely on. */
import { actionLink } from '../components/actionLink';
import { button } from '../components/button';
import { tag } from '../components/tag';
import type { ActionView, ItemView, LocationView, QuoteView, TouchpointView } from '../view/panelView';
import { element } from './dom';
import type { PanelActions } from './panelActions';

export function renderItem(doc: Document, item: ItemView, actions: PanelActions): HTMLElement {
  const article = element(doc, 'article', {
    className: `cl-item cl-severity-${item.severity.value}`,
    attributes: { 'aria-label': `Friction item ${item.key}`, 'data-testid': 'item', 'data-key': item.key },
  });
  article.append(
    element(doc, 'h2', { className: 'cl-item-title' }, [element(doc, 'span', { className: 'cl-key', text: item.key, attributes: { 'data-testid': 'item-key' } }), ' ', element(doc, 'span', { text: item.title, attributes: { 'data-testid': 'item-title' } })]),
    facts(doc, item),
  );
  if (item.summary !== '') article.append(element(doc, 'p', { className: 'cl-summary', text: item.summary, attributes: { 'data-testid': 'summary' } }));
  article.append(itemActions(doc, item, actions), impact(doc, item), quotes(doc, item.quotes));
  if (item.labels.length > 0) article.append(labels(doc, item.labels));
  article.append(locations(doc, item.locations, actions), touchpoints(doc, item.touchpoints));
  if (item.pullRequests) article.append(pullRequests(doc, item.pullRequests));
  return article;
}

function facts(doc: Document, item: ItemView): HTMLElement {
  const list = element(doc, 'ul', { className: 'cl-facts', attributes: { 'aria-label': `Details of ${item.key}`, 'data-testid': 'facts' } });
  list.append(
    element(doc, 'li', {}, [tag(doc, item.status.label, { classNames: [`cl-status-${item.status.value}`], ariaLabel: `Status: ${item.status.label}` })]),
    element(doc, 'li', {}, [tag(doc, `${item.severity.label} severity`, { classNames: ['cl-tag-severity', `cl-tag-severity-${item.severity.value}`] })]),
  );
  if (item.journey !== undefined) list.append(element(doc, 'li', { className: 'cl-journey', attributes: { 'data-testid': 'journey' } }, [element(doc, 'span', { className: 'cl-muted', text: 'Journey: ' }), item.journey]));
  list.append(element(doc, 'li', { className: 'cl-muted', text: `Source: ${item.source}` }));
  if (item.updatedAt !== undefined) list.append(element(doc, 'li', { className: 'cl-muted', text: `Updated ${item.updatedAt}` }));
  return list;
}

function itemActions(doc: Document, item: ItemView, actions: PanelActions): HTMLElement {
  const key = item.key;
  const bar = element(doc, 'div', { className: 'cl-actions', attributes: { role: 'group', 'aria-label': `Actions for ${key}` } });
  bar.append(
    actionButton(doc, item.actions.openInTracker, `${key}:open-in-tracker`, 'open-in-tracker', 'primary', () => actions.openInTracker(key)),
    actionButton(doc, item.actions.copyKey, `${key}:copy-key`, 'copy-key', 'secondary', () => actions.copyKey(key)),
    actionButton(doc, item.actions.linkToSymbol, `${key}:link-to-symbol`, 'link-to-symbol', 'secondary', () => actions.linkToSymbol(key)),
  );
  return bar;
}

function actionButton(doc: Document, view: ActionView, focusId: string, testId: string, appearance: 'primary' | 'secondary', onClick: () => void): HTMLElement {
  const control = button(doc, view.label, { appearance, ariaLabel: view.ariaLabel, title: view.title, disabled: !view.enabled, testId, onClick });
  control.setAttribute('data-focus-id', focusId);
  return control;
}

function block(doc: Document, heading: string, testId: string, ...content: Node[]): HTMLElement {
  return element(doc, 'div', { className: 'cl-block', attributes: { 'data-testid': testId } }, [element(doc, 'h3', { text: heading }), ...content]);
}

function impact(doc: Document, item: ItemView): HTMLElement {
  const list = element(doc, 'ul', { className: 'cl-impact' });
  for (const fact of item.impact) list.append(element(doc, 'li', { text: fact }));
  return block(doc, 'Impact', 'impact', list);
}

function quotes(doc: Document, items: readonly QuoteView[]): HTMLElement {
  if (items.length === 0) return block(doc, 'Customer quotes', 'quotes', element(doc, 'p', { className: 'cl-muted', text: 'No customer quotes yet.' }));
  const list = element(doc, 'ul', { className: 'cl-quotes' });
  for (const quote of items) list.append(element(doc, 'li', {}, [quoteFigure(doc, quote.text, quote.customer, quote.date)]));
  return block(doc, `Customer quotes (${items.length})`, 'quotes', list);
}

function quoteFigure(doc: Document, text: string, customer?: string, date?: string): HTMLElement {
  const figure = element(doc, 'figure', { className: 'cl-quote' }, [element(doc, 'blockquote', {}, [element(doc, 'p', { text })])]);
  const attribution = [customer, date].filter((part): part is string => part !== undefined && part !== '').join(', ');
  if (attribution !== '') figure.append(element(doc, 'figcaption', { className: 'cl-muted', text: `— ${attribution}` }));
  return figure;
}

function labels(doc: Document, values: readonly string[]): HTMLElement {
  const list = element(doc, 'ul', { className: 'cl-labels' });
  for (const value of values) list.append(element(doc, 'li', {}, [tag(doc, value)]));
  return block(doc, 'Labels', 'labels', list);
}

function locations(doc: Document, items: readonly LocationView[], actions: PanelActions): HTMLElement {
  if (items.length === 0) return block(doc, 'Code locations', 'locations', element(doc, 'p', { className: 'cl-muted', text: 'No linked code locations.' }));
  const list = element(doc, 'ul', { className: 'cl-locations' });
  items.forEach((location, index) => {
    const link = actionLink(doc, location.text, { ariaLabel: location.ariaLabel, testId: 'location', onClick: () => actions.openLocation(location.uri, { ...location.range }) });
    link.setAttribute('data-focus-id', `location:${location.uri}:${location.range.startLine}:${index}`);
    const row = element(doc, 'li', {}, [link]);
    if (location.symbol !== undefined) row.append(' ', element(doc, 'code', { className: 'cl-symbol', text: location.symbol }));
    row.append(' ', element(doc, 'span', { className: 'cl-muted cl-origin', text: `(${location.origin})` }));
    list.append(row);
  });
  return block(doc, `Code locations (${items.length})`, 'locations', list);
}

function touchpoints(doc: Document, items: readonly TouchpointView[]): HTMLElement {
  if (items.length === 0) return block(doc, 'Touchpoint insights', 'touchpoints', element(doc, 'p', { className: 'cl-muted', text: 'No touchpoint insights mention this item yet.' }));
  const list = element(doc, 'ul', { className: 'cl-touchpoints' });
  for (const touchpoint of items) list.append(element(doc, 'li', {}, [touchpointEntry(doc, touchpoint)]));
  return block(doc, `Touchpoint insights (${items.length})`, 'touchpoints', list);
}

function touchpointEntry(doc: Document, touchpoint: TouchpointView): HTMLElement {
  const who = [touchpoint.date, touchpoint.engineer, touchpoint.customer].filter((part): part is string => part !== undefined && part !== '').join(' · ');
  const entry = element(doc, 'div', { className: 'cl-touchpoint', attributes: { 'data-testid': 'touchpoint', 'data-touchpoint-id': touchpoint.id } }, [
    element(doc, 'p', { className: 'cl-touchpoint-head' }, [element(doc, 'strong', { text: touchpoint.format }), ' ', element(doc, 'span', { className: 'cl-muted', text: who })]),
    element(doc, 'p', { text: touchpoint.summary }),
  ]);
  if (touchpoint.quotes.length > 0) {
    const list = element(doc, 'ul', { className: 'cl-quotes' });
    for (const quote of touchpoint.quotes) list.append(element(doc, 'li', {}, [quoteFigure(doc, quote)]));
    entry.append(list);
  }
  return entry;
}

function pullRequests(doc: Document, items: readonly { readonly title: string; readonly url: string }[]): HTMLElement {
  const list = element(doc, 'ul', { className: 'cl-prs' });
  // Shown as text: the protocol has no command to open a pull request, and tracker text never becomes an href.
  for (const pr of items) list.append(element(doc, 'li', {}, [element(doc, 'span', { text: pr.title }), ' ', element(doc, 'span', { className: 'cl-muted cl-url', text: pr.url })]));
  return block(doc, `Related pull requests (${items.length})`, 'pull-requests', list);
}
