import type { TrackerState } from '../../../server/src/protocol';

/** How each tracker state reads to people, shared by the sync status bar item and the tracker pickers. */
export const TRACKER_STATE_TEXT: Readonly<Record<TrackerState, { readonly icon: string; readonly label: string }>> = {
  'not-connected': { icon: '$(plug)', label: 'not connected' },
  untrusted: { icon: '$(shield)', label: 'paused in Restricted Mode' },
  syncing: { icon: '$(sync~spin)', label: 'syncing' },
  synced: { icon: '$(check)', label: 'synced' },
  offline: { icon: '$(cloud-offline)', label: 'offline' },
  'auth-failed': { icon: '$(warning)', label: 'token rejected' },
  error: { icon: '$(error)', label: 'error' },
};

/** `jira · https://acme.atlassian.net`, or what is known of an invalid entry. */
export function describeTrackerTarget(tracker: { readonly type: string; readonly origin: string }): string {
  return [tracker.type || 'invalid entry', tracker.origin].filter((part) => part !== '').join(' · ');
}

/**
 * Server text for a label that renders `$(icon)` (status bar text, quick pick rows): one line,
 * with `$(…)` escaped so a message quoting a tracker cannot draw icons.
 */
export function labelSafe(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\$\(/g, '\\$(');
}
