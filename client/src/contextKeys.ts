import { commands } from 'vscode';

/** Context keys the manifest's `when` clauses read (menus, view welcome content, walkthrough). */
export const ContextKeys = {
  /** A workspace folder has a `.customer-lens/` folder. */
  hasConfig: 'customerLens.hasConfig',
  /** `journey` or `file`: which of the two group-by buttons the Friction view shows. */
  frictionGroupBy: 'customerLens.friction.groupBy',
  /** The Friction view's filter is active (shows "Clear Filter"). */
  frictionFiltered: 'customerLens.friction.filtered',
  /** The server reports at least one tracker in a `.customer-lens/config.yaml` (shows Sync Now). */
  hasTrackers: 'customerLens.hasTrackers',
} as const;

export function setContext(key: (typeof ContextKeys)[keyof typeof ContextKeys], value: unknown): void {
  // A context key only drives `when` clauses; there is nothing to do if setting one fails.
  void commands.executeCommand('setContext', key, value);
}
