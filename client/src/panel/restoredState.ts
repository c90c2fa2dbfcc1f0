import { panelStateSchema, type PanelState } from '../../../webview/src/protocol';

/**
 * The state a panel page saved with `setState`, handed back by VS Code after a reload: the page
 * saves `{ version, state }` (webview/src/app/savedState.ts); a bare state is read too. It comes
 * from the page, so it is validated like any message. `undefined` when there is nothing usable.
 */
export function restoredPanelState(saved: unknown): PanelState | undefined {
  const direct = panelStateSchema.safeParse(saved);
  if (direct.success) {
    return direct.data;
  }
  if (typeof saved === 'object' && saved !== null && 'state' in saved) {
    const nested = panelStateSchema.safeParse(saved.state);
    return nested.success ? nested.data : undefined;
  }
  return undefined;
}
