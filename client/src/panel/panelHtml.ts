import { PANEL_TITLE } from './panelResources';

export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri` of the bundle and of the stylesheet, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

// base64 and base64url characters only, so a nonce can never break out of the attribute or the policy.
const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
// `webview.cspSource` is a list of source expressions (code-server gives `'self' https://*.vscode-cdn.net`).
// They are written into the policy verbatim, so each must be `'self'` or a host source with no `;` or quote.
const SOURCE = /^(?:'self'|[^\s;'"<>,]+)$/;

/**
 * The panel's Content Security Policy. No `'unsafe-inline'` and no `'unsafe-eval'`: the only
 * script that runs is the bundle carrying this render's nonce, and styles come from files.
 */
export function panelCsp(cspSource: string, nonce: string): string {
  const sources = cspSource.trim().split(/\s+/);
  if (sources.length === 0 || !sources.every((source) => SOURCE.test(source))) {
    throw new Error(`Refusing an unexpected webview CSP source: ${JSON.stringify(cspSource)}`);
  }
  if (!NONCE.test(nonce)) {
    throw new Error('Refusing a malformed CSP nonce.');
  }
  return [
    "default-src 'none'",
    `img-src ${cspSource} https: data:`,
    // The nonce lets the toolkit's one feature-detection <style> in, and nothing else inline.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The panel's page: a root for the webview bundle to render into, and nothing inline. */
export function buildPanelHtml(input: PanelHtmlInput): string {
  const csp = panelCsp(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <meta property="csp-nonce" content="${escapeAttribute(input.nonce)}">
  <link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
  <title>${PANEL_TITLE}</title>
</head>
<body>
  <div id="app"></div>
  <script type="module" nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
