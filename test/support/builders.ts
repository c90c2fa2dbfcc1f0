/**
 * Test builders in the vscode-pull-request-github style: a complete, valid default object,
 * and overrides for only what a test is about.
 */
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import type { TextRange } from '../../server/src/domain/link';
import type { TouchpointInsight } from '../../server/src/domain/touchpoint';
import type { KeyMention } from '../../server/src/links/annotationScanner';
import type { MappingRule } from '../../server/src/local/localData';
import type { CodeSymbol } from '../../server/src/symbols/codeSymbol';

/** Any of `T`'s properties, writable: what a builder's caller sets. */
export type Overrides<T> = { -readonly [K in keyof T]?: T[K] };

export function frictionItem(overrides: Overrides<FrictionItem> & { key?: string } = {}): FrictionItem {
  const key = overrides.key ?? 'PAY-101';
  return {
    id: `local:${key}`,
    source: 'local',
    key,
    title: `Title of ${key}`,
    summary: '',
    url: `https://tracker.example.com/browse/${key}`,
    status: 'open',
    rawStatus: overrides.status ?? 'open',
    severity: 'medium',
    impact: { customers: 0, tickets: 0, votes: 0 },
    labels: [],
    quotes: [],
    codeRefs: [],
    ...overrides,
  };
}

/** `impact` with only the counts a test cares about. */
export function impact(customers: number, tickets = 0): FrictionItem['impact'] {
  return { customers, tickets, votes: 0 };
}

export function touchpoint(overrides: Overrides<TouchpointInsight> = {}): TouchpointInsight {
  return {
    id: 'TP-1',
    format: 'support-rotation',
    date: '2026-10-14',
    engineer: 'dana@example.com',
    summary: 'Watched refunds being re-issued by hand.',
    quotes: [],
    friction: [],
    ...overrides,
  };
}

export function keyMention(overrides: Overrides<KeyMention> = {}): KeyMention {
  const key = overrides.key ?? 'PAY-101';
  const startCharacter = overrides.startCharacter ?? 3;
  return { key, explicit: false, line: 0, startCharacter, endCharacter: startCharacter + key.length, ...overrides };
}

export function mappingRule(overrides: Overrides<MappingRule> = {}): MappingRule {
  return { itemKey: 'PAY-101', glob: 'src/**', file: '/ws/.customer-lens/links.yaml', line: 1, ...overrides };
}

export function range(startLine: number, startCharacter: number, endLine = startLine, endCharacter = startCharacter): TextRange {
  return { startLine, startCharacter, endLine, endCharacter };
}

export function codeSymbol(overrides: Overrides<CodeSymbol> & { qualifiedName: string }): CodeSymbol {
  const name = overrides.qualifiedName.split('.').pop() ?? overrides.qualifiedName;
  return { name, kind: 'method', nameRange: range(1, 2, 1, 2 + name.length), range: range(0, 0, 5, 1), ...overrides };
}
