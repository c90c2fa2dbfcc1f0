import { SEVERITIES, type Severity } from '../../domain/frictionItem';

/**
 * GitHub issues have no severity or "customers affected" field; teams put both in labels. We read
 * the common conventions: `severity:high` (also `severity: high`, `severity/high`) and priority
 * labels `P0`…`P3` (also `priority:P1`), and `customers:N` for the number of customers affected.
 */
const SEVERITY_LABEL = /^severity\s*[:/=-]\s*(critical|high|medium|low)$/i;
const PRIORITY_LABEL = /^(?:priority\s*[:/=-]\s*)?p([0-3])$/i;
const CUSTOMERS_LABEL = /^customers?\s*[:=]\s*(\d{1,9})$/i;
const BY_PRIORITY: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The most severe level the labels name; `medium` (the domain's default) when none does. */
export function severityFromLabels(labels: readonly string[]): Severity {
  let best: Severity | undefined;
  for (const label of labels) {
    const severity = severityOf(label.trim());
    // Two labels that disagree are a triage slip; the more severe one is the safer reading.
    if (severity && (best === undefined || SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(best))) best = severity;
  }
  return best ?? 'medium';
}

function severityOf(label: string): Severity | undefined {
  const named = SEVERITY_LABEL.exec(label)?.[1];
  if (named !== undefined) return named.toLowerCase() as Severity;
  const priority = PRIORITY_LABEL.exec(label)?.[1];
  return priority === undefined ? undefined : BY_PRIORITY[Number(priority)];
}

/** The largest `customers:N` label, or `undefined` when there is none. */
export function customersFromLabels(labels: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const label of labels) {
    const count = CUSTOMERS_LABEL.exec(label.trim())?.[1];
    if (count !== undefined) best = Math.max(best ?? 0, Number(count));
  }
  return best;
}
