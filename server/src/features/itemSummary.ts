import type { FrictionItem } from '../domain/frictionItem';
import type { ItemSummary } from '../protocol';

export function toItemSummary(item: FrictionItem, linkCount: number): ItemSummary {
  return {
    key: item.key,
    title: item.title,
    source: item.source,
    status: item.status,
    severity: item.severity,
    customers: item.impact.customers,
    tickets: item.impact.tickets,
    labels: item.labels,
    ...(item.journey !== undefined && { journey: item.journey }),
    ...(item.url !== undefined && { url: item.url }),
    linkCount,
  };
}
