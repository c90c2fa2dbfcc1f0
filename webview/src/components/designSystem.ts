/**
 * Registers the @vscode/webview-ui-toolkit web components the panel uses, once per page. This
 * folder is the only place that knows about the toolkit: replacing it means rewriting these
 * files, nothing else.
 *
 * Only the bundle (main.ts) imports this file. Tests never do: loading the toolkit needs a real
 * browser `document` at import time, and without registration every component falls back to a
 * plain element (see toolkitElement.ts).
 *
 * Under the panel's strict CSP: the toolkit probes `:focus-visible` support with a `<style>`
 * element that carries the nonce from `<meta property="csp-nonce" content="…">` when the host page
 * has one (without it the probe is blocked and focus rings fall back to `:focus`); and
 * `vscode-tag`'s template has a `style` attribute binding (for custom fills, unused here) whose
 * parse the CSP reports once as a blocked inline style. Neither changes what is shown.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider, vsCodeTag } from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerDesignSystem(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTag(), vsCodeDivider());
}
