import type { Severity } from '../../../server/src/domain/frictionItem';

const ICONS: Record<Severity, string> = {
  critical: '$(error)',
  high: '$(warning)',
  medium: '$(info)',
  low: '$(circle-outline)',
};

/** The codicon that stands for a severity in pickers, so the rank reads at a glance. */
export function severityIcon(severity: Severity): string {
  return ICONS[severity];
}
