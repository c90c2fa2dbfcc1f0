import type { Severity } from '../../../server/src/domain/frictionItem';

/** A codicon and the theme colour it is drawn in; the tree adapter turns it into a `ThemeIcon`. */
export interface ThemedIcon {
  readonly id: string;
  readonly color?: string;
}

// Theme colours, not hex values, so the icons follow light, dark and high-contrast themes.
const THEMES: Record<Severity, ThemedIcon> = {
  critical: { id: 'error', color: 'errorForeground' },
  high: { id: 'warning', color: 'editorWarning.foreground' },
  medium: { id: 'info', color: 'editorInfo.foreground' },
  low: { id: 'circle-outline', color: 'disabledForeground' },
};

/** The same codicons as `severityIcon` uses in pickers, coloured for tree views. */
export function severityTheme(severity: Severity): ThemedIcon {
  return THEMES[severity];
}
