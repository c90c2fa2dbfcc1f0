/**
 * The panel's view-model: from the extension's `PanelState` (and the panel's own transient UI
 * state) computes everything the panel shows and which actions are enabled. Pure, no DOM.
 */
import type { PanelItem, PanelState } from '../protocol';
import { countOf, formatArr, locationText, originLabel, severityLabel, statusLabel, touchpointFormatLabel } from './format';
import type { ActionView, ItemView, LocationView, PanelView, PinView, TouchpointView } from './panelView';

export const EMPTY_TEXT = 'No friction items linked here. Move the cursor into a linked function, or search with Customer Lens: Search Friction Items.';
export const LOADING_TEXT = 'Loading customer context…';
export const PRODUCT_NAME = 'Customer Lens';

/** What the panel itself knows beyond the extension's state. */
export interface PanelUiState {
  /** The outcome of the last action. */
  readonly status: string;
  /** Keys with a "link to symbol" request in flight. */
  readonly linking: ReadonlySet<string>;
}

export const INITIAL_UI_STATE: PanelUiState = { status: '', linking: new Set() };

export function buildPanelView(state: PanelState | undefined, ui: PanelUiState = INITIAL_UI_STATE): PanelView {
  if (!state) return { title: PRODUCT_NAME, items: [], emptyText: LOADING_TEXT, status: ui.status };
  const items = state.items.map((item) => itemView(item, state, ui));
  const count = countOf(items.length, 'friction item');
  const heading = headingOf(state, count);
  return {
    ...heading,
    pin: pinView(state.pinned),
    items,
    ...(items.length === 0 ? { emptyText: EMPTY_TEXT } : {}),
    status: ui.status,
  };
}

function headingOf(state: PanelState, count: string): { title: string; subtitle?: string } {
  switch (state.subject.kind) {
    case 'symbol':
      return { title: state.subject.label || state.subject.symbol, subtitle: count };
    case 'items':
      return { title: count };
    case 'empty':
      return { title: PRODUCT_NAME };
  }
}

function pinView(pinned: boolean): PinView {
  return pinned
    ? { pinned, label: 'Unpin', ariaLabel: 'Unpin panel', title: 'Follow the cursor again' }
    : { pinned, label: 'Pin', ariaLabel: 'Pin panel', title: 'Keep showing these items when the cursor moves' };
}

function itemView(item: PanelItem, state: PanelState, ui: PanelUiState): ItemView {
  return {
    key: item.key,
    title: item.title,
    source: item.source,
    summary: item.summary,
    status: { value: item.status, label: statusLabel(item.status, item.rawStatus) },
    severity: { value: item.severity, label: severityLabel(item.severity) },
    ...(item.journey ? { journey: item.journey } : {}),
    impact: impactOf(item),
    quotes: item.quotes.map((quote) => ({ text: quote.text, ...(quote.customer ? { customer: quote.customer } : {}), ...(quote.date ? { date: quote.date } : {}) })),
    labels: [...item.labels],
    ...(item.updatedAt ? { updatedAt: item.updatedAt } : {}),
    actions: {
      openInTracker: openInTrackerAction(item),
      copyKey: { label: 'Copy key', ariaLabel: `Copy key ${item.key}`, enabled: true, title: `Copy ${item.key} to the clipboard` },
      linkToSymbol: linkToSymbolAction(item.key, state.canLinkToSymbol, ui.linking.has(item.key)),
    },
    locations: item.locations.map(locationView),
    touchpoints: item.touchpoints.map(touchpointView),
    ...(item.pullRequests.length > 0 ? { pullRequests: item.pullRequests.map((pr) => ({ title: pr.title, url: pr.url })) } : {}),
  };
}

function impactOf(item: PanelItem): string[] {
  const impact = [countOf(item.customers, 'customer'), countOf(item.tickets, 'ticket'), countOf(item.votes, 'vote')];
  if (item.arr !== undefined) impact.push(formatArr(item.arr));
  return impact;
}

function openInTrackerAction(item: PanelItem): ActionView {
  const enabled = item.url !== undefined && item.url !== '';
  return {
    label: 'Open in tracker',
    ariaLabel: `Open ${item.key} in tracker`,
    enabled,
    title: enabled ? `Open ${item.key} in ${item.source}` : `${item.key} has no tracker link`,
  };
}

function linkToSymbolAction(key: string, canLink: boolean, linking: boolean): ActionView {
  const title = linking ? `Linking ${key}…` : canLink ? `Link ${key} to the symbol at the cursor (adds it to .customer-lens/links.yaml)` : 'Put the cursor in a function or class in an editor first';
  return { label: 'Link to symbol at cursor', ariaLabel: `Link ${key} to symbol at cursor`, enabled: canLink && !linking, title };
}

function locationView(location: PanelItem['locations'][number]): LocationView {
  const text = locationText(location);
  return {
    text,
    ...(location.symbol ? { symbol: location.symbol } : {}),
    origin: originLabel(location.origin),
    ariaLabel: location.symbol ? `Open ${text} (${location.symbol})` : `Open ${text}`,
    uri: location.uri,
    range: { ...location.range },
  };
}

function touchpointView(touchpoint: PanelItem['touchpoints'][number]): TouchpointView {
  return {
    id: touchpoint.id,
    format: touchpointFormatLabel(touchpoint.format),
    date: touchpoint.date,
    engineer: touchpoint.engineer,
    ...(touchpoint.customer ? { customer: touchpoint.customer } : {}),
    summary: touchpoint.summary,
    quotes: [...touchpoint.quotes],
  };
}
