import { window, type Disposable } from 'vscode';
import type { CustomerLensPanel } from './customerLensPanel';
import { PANEL_VIEW_TYPE } from './panelResources';

/**
 * Lets VS Code bring the panel back after a window reload; the page's saved state (from
 * `setState`) says what it showed. Registered at activation, as VS Code requires
 * (with the `onWebviewPanel:customerLens.panel` activation event).
 */
export function registerPanelSerializer(panel: CustomerLensPanel): Disposable {
  return window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: (webviewPanel, state: unknown) => {
      panel.restore(webviewPanel, state);
      return Promise.resolve();
    },
  });
}
