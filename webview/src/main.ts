/**
 * The panel bundle's entry point (dist/webview.js, loaded by the host's HTML with a nonce):
 * registers the toolkit, starts the app on `#app`, and feeds it the extension's messages.
 */
// First: configures zod before any schema is built.
import './zodJitless';
import { PanelApp } from './app/panelApp';
import type { WebviewApi } from './app/webviewApi';
import { registerDesignSystem } from './components/designSystem';

declare function acquireVsCodeApi(): WebviewApi;

// VS Code allows one acquisition per page load.
const api = acquireVsCodeApi();

let designSystemProblem: string | undefined;
try {
  registerDesignSystem();
} catch (error) {
  // The components fall back to native elements; the panel still works.
  designSystemProblem = error instanceof Error ? error.message : String(error);
}

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const app = new PanelApp({ document, root, api });
window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
app.start();
if (designSystemProblem !== undefined) app.log('error', `Could not register the webview UI toolkit: ${designSystemProblem}`);
