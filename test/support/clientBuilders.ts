/**
 * Builders of the protocol's client-facing types: a complete, valid default, and overrides for
 * only what a test is about.
 */
import type { TextRange } from '../../server/src/domain/link';
import type { ItemDetail, ItemLocation, ItemSummary, TouchpointDetail, TrackerStatus } from '../../server/src/protocol';
import type { Overrides } from './builders';

export const WORKSPACE = 'file:///ws';

export function itemSummary(overrides: Overrides<ItemSummary> = {}): ItemSummary {
  const key = overrides.key ?? 'PAY-101';
  return {
    key,
    title: `Title of ${key}`,
    source: 'local',
    status: 'open',
    severity: 'medium',
    customers: 10,
    tickets: 1,
    labels: [],
    url: `https://tracker.example.com/browse/${key}`,
    linkCount: 1,
    ...overrides,
  };
}

export function textRange(startLine: number, startCharacter = 0, endLine = startLine, endCharacter = startCharacter + 5): TextRange {
  return { startLine, startCharacter, endLine, endCharacter };
}

export function itemLocation(path: string, line: number, overrides: Overrides<ItemLocation> = {}): ItemLocation {
  return { uri: `${WORKSPACE}/${path}`, range: textRange(line), origin: 'annotation', ...overrides };
}

export function touchpointDetail(overrides: Overrides<TouchpointDetail> = {}): TouchpointDetail {
  return {
    id: 'TP-7',
    format: 'support-rotation',
    date: '2026-10-14',
    engineer: 'dana@example.com',
    summary: 'Agents re-issue refunds by hand.',
    quotes: ['We just click refund again and hope.'],
    ...overrides,
  };
}

export function itemDetail(overrides: Overrides<ItemDetail> = {}): ItemDetail {
  const key = overrides.key ?? 'PAY-101';
  return {
    key,
    title: `Title of ${key}`,
    source: 'local',
    status: 'open',
    rawStatus: 'open',
    severity: 'high',
    summary: 'Refunds take long.',
    journey: 'checkout > refund',
    customers: 412,
    tickets: 57,
    votes: 0,
    labels: ['refunds'],
    url: `https://tracker.example.com/browse/${key}`,
    quotes: [{ text: 'I waited two weeks.', customer: 'Northwind Traders', date: '2026-10-02' }],
    locations: [itemLocation('src/payments/refund.ts', 11, { symbol: 'RefundService.issue' })],
    touchpoints: [touchpointDetail()],
    pullRequests: [],
    ...overrides,
  };
}

/** What `workspace.asRelativePath` would answer for URIs under `WORKSPACE`. */
export function describeUri(uri: string): string {
  return uri.startsWith(`${WORKSPACE}/`) ? uri.slice(WORKSPACE.length + 1) : uri;
}

/** Tracker text a hostile or careless source could send: it must stay text everywhere. */
export const HOSTILE_TEXTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[click me](javascript:alert(1))',
  '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D)',
  '$(alert) **bold** _it_ `code` <b>html</b>',
] as const;

export function trackerStatus(overrides: Overrides<TrackerStatus> = {}): TrackerStatus {
  return {
    folderUri: WORKSPACE,
    name: 'jira',
    type: 'jira',
    origin: 'https://acme.atlassian.net',
    state: 'synced',
    records: 10,
    ...overrides,
  };
}
