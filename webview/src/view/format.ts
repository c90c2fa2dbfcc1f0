/**
 * Text formatting for the panel: counts with units, money, and the names of enum values. Pure
 * and locale-fixed (en-US), so what the panel shows is what the tests assert.
 */
import type { PanelItem, PanelLocation, PanelTouchpoint } from '../protocol';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** `1 customer`, `1,240 customers`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${integer.format(count)} ${count === 1 ? singular : plural}`;
}

/** `$1.2M ARR`, `$250K ARR`. */
export function formatArr(arr: number): string {
  return `${money.format(arr)} ARR`;
}

const STATUS_LABELS: Record<PanelItem['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  resolved: 'Resolved',
};

/** `In progress`, or `In progress (In Review)` when the tracker's own name says more. */
export function statusLabel(status: PanelItem['status'], rawStatus: string): string {
  const label = STATUS_LABELS[status];
  const raw = rawStatus.trim();
  const same = (a: string, b: string): boolean => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;
  return raw === '' || same(raw, label) || same(raw, status) ? label : `${label} (${raw})`;
}

const SEVERITY_LABELS: Record<PanelItem['severity'], string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export function severityLabel(severity: PanelItem['severity']): string {
  return SEVERITY_LABELS[severity];
}

const FORMAT_LABELS: Record<PanelTouchpoint['format'], string> = {
  'empathy-session': 'Empathy session',
  'support-rotation': 'Support rotation',
  'ride-along': 'Ride-along',
  hackathon: 'Customer hackathon',
  other: 'Other touchpoint',
};

export function touchpointFormatLabel(format: PanelTouchpoint['format']): string {
  return FORMAT_LABELS[format];
}

const ORIGIN_LABELS: Record<PanelLocation['origin'], string> = {
  annotation: 'annotation',
  mapping: 'links.yaml',
  'tracker-ref': 'tracker reference',
  pr: 'pull request',
};

export function originLabel(origin: PanelLocation['origin']): string {
  return ORIGIN_LABELS[origin];
}

/** `src/payments/refund.ts:42` (lines are 0-based in ranges, 1-based on screen). */
export function locationText(location: Pick<PanelLocation, 'label' | 'range'>): string {
  return `${location.label}:${location.range.startLine + 1}`;
}
