import type { FrictionItem } from '../domain/frictionItem';
import type { TouchpointInsight } from '../domain/touchpoint';
import type { ItemDetail, ItemLocation, TouchpointDetail } from '../protocol';
import { safeUrl } from '../render/markdown';
import { redactPii } from '../render/redact';

export interface ItemDetailOptions {
  /** Redact customer PII from the free text (the `redactPii` setting). */
  readonly redact: boolean;
}

/**
 * Everything the panel shows about one item. Text stays plain (the panel inserts it as text,
 * never as HTML); what customers wrote is redacted as in hovers; the tracker link is kept only
 * when it is http(s), so a `javascript:` URL never reaches a link.
 */
export function toItemDetail(
  item: FrictionItem,
  locations: readonly ItemLocation[],
  touchpoints: readonly TouchpointInsight[],
  options: ItemDetailOptions,
): ItemDetail {
  const clean = (text: string) => (options.redact ? redactPii(text) : text);
  const url = safeUrl(item.url);
  return {
    key: item.key,
    title: clean(item.title),
    source: item.source,
    status: item.status,
    rawStatus: item.rawStatus,
    severity: item.severity,
    summary: clean(item.summary),
    ...(item.journey !== undefined && { journey: item.journey }),
    customers: item.impact.customers,
    tickets: item.impact.tickets,
    votes: item.impact.votes,
    ...(item.impact.arr !== undefined && { arr: item.impact.arr }),
    labels: item.labels,
    ...(url !== undefined && { url }),
    ...(item.updatedAt !== undefined && { updatedAt: item.updatedAt }),
    quotes: item.quotes.map((quote) => ({
      text: clean(quote.text),
      ...(quote.customer !== undefined && { customer: clean(quote.customer) }),
      ...(quote.date !== undefined && { date: quote.date }),
    })),
    locations,
    touchpoints: newestFirst(touchpoints).map((touchpoint) => toTouchpointDetail(touchpoint, clean)),
    pullRequests: [],
  };
}

/** The engineer is a colleague, not a customer: only what the customer said or is called is redacted. */
function toTouchpointDetail(touchpoint: TouchpointInsight, clean: (text: string) => string): TouchpointDetail {
  return {
    id: touchpoint.id,
    format: touchpoint.format,
    date: touchpoint.date,
    engineer: touchpoint.engineer,
    ...(touchpoint.customer !== undefined && { customer: clean(touchpoint.customer) }),
    summary: clean(touchpoint.summary),
    quotes: touchpoint.quotes.map(clean),
  };
}

/** Newest first (ISO dates sort as text), each touchpoint once even when several folders hold it. */
function newestFirst(touchpoints: readonly TouchpointInsight[]): TouchpointInsight[] {
  const unique = new Map<string, TouchpointInsight>();
  for (const touchpoint of touchpoints) if (!unique.has(touchpoint.id)) unique.set(touchpoint.id, touchpoint);
  return [...unique.values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
