import type { Severity } from '../domain/frictionItem';

const SEVERITY_MARK: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '⚪' };

export function severityMark(severity: Severity): string {
  return SEVERITY_MARK[severity];
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
