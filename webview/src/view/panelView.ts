/**
 * What the panel shows, as data: the output of `buildPanelView` and the input of the renderer.
 * Every string here is plain text (much of it from trackers); the renderer puts it in text nodes.
 */
import type { PanelLocation } from '../protocol';

export interface PanelView {
  /** The heading: the symbol's label, `N friction items`, or the product name. */
  readonly title: string;
  /** Under the heading: the item count for a symbol. */
  readonly subtitle?: string;
  /** Absent until the panel has a state. */
  readonly pin?: PinView;
  readonly items: readonly ItemView[];
  /** Shown instead of items when there are none. */
  readonly emptyText?: string;
  /** The outcome of the last action (a `role="status"` line); empty when there is none. */
  readonly status: string;
}

export interface PinView {
  readonly pinned: boolean;
  readonly label: string;
  readonly ariaLabel: string;
  readonly title: string;
}

export interface ActionView {
  readonly label: string;
  readonly ariaLabel: string;
  readonly enabled: boolean;
  /** Tooltip: what it does, or why it is disabled. */
  readonly title: string;
}

export interface ItemActionsView {
  readonly openInTracker: ActionView;
  readonly copyKey: ActionView;
  readonly linkToSymbol: ActionView;
}

export interface ItemView {
  readonly key: string;
  readonly title: string;
  readonly source: string;
  readonly summary: string;
  readonly status: { readonly value: string; readonly label: string };
  readonly severity: { readonly value: 'critical' | 'high' | 'medium' | 'low'; readonly label: string };
  readonly journey?: string;
  /** `412 customers`, `57 tickets`, `3 votes`, `$1.2M ARR`. */
  readonly impact: readonly string[];
  readonly quotes: readonly QuoteView[];
  readonly labels: readonly string[];
  readonly updatedAt?: string;
  readonly actions: ItemActionsView;
  readonly locations: readonly LocationView[];
  readonly touchpoints: readonly TouchpointView[];
  /** Absent when no pull request is known: the section is not shown. */
  readonly pullRequests?: readonly { readonly title: string; readonly url: string }[];
}

export interface QuoteView {
  readonly text: string;
  readonly customer?: string;
  readonly date?: string;
}

export interface LocationView {
  /** `src/payments/refund.ts:42`. */
  readonly text: string;
  readonly symbol?: string;
  /** `annotation`, `links.yaml`, `tracker reference`, `pull request`. */
  readonly origin: string;
  readonly ariaLabel: string;
  readonly uri: string;
  readonly range: PanelLocation['range'];
}

export interface TouchpointView {
  readonly id: string;
  /** `Support rotation`. */
  readonly format: string;
  readonly date: string;
  readonly engineer: string;
  readonly customer?: string;
  readonly summary: string;
  readonly quotes: readonly string[];
}
