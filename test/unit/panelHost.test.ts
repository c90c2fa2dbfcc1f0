import assert from 'node:assert/strict';
import { createNonce } from '../../client/src/panel/nonce';
import { buildPanelHtml, panelCsp } from '../../client/src/panel/panelHtml';
import { PANEL_ICON_DARK, PANEL_ICON_LIGHT, PANEL_RESOURCE_FOLDERS, PANEL_SCRIPT, PANEL_STYLE } from '../../client/src/panel/panelResources';
import { ReadyGate } from '../../client/src/panel/readyGate';
import { restoredPanelState } from '../../client/src/panel/restoredState';
import type { PanelState } from '../../webview/src/protocol';

const CSP_SOURCE = 'https://abc123.vscode-cdn.net';
const ROOT = 'https://file+.vscode-resource.vscode-cdn.net/ext';
const INPUT = {
  cspSource: CSP_SOURCE,
  nonce: 'r4nd0mN0nceValue12345678',
  scriptUri: `${ROOT}/dist/webview.js`,
  styleUri: `${ROOT}/media/panel.css`,
};

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match?.[1], 'the page has a CSP meta tag');
  return match[1].replace(/&#39;/g, "'");
}

describe('panel host', () => {
  describe('HTML and CSP', () => {
    it('allows only the nonce\'s script, and styles, fonts and images from the webview\'s source', () => {
      assert.equal(
        panelCsp(CSP_SOURCE, INPUT.nonce),
        `default-src 'none'; img-src ${CSP_SOURCE} https: data:; style-src ${CSP_SOURCE} 'nonce-${INPUT.nonce}'; font-src ${CSP_SOURCE}; script-src 'nonce-${INPUT.nonce}'`,
      );
    });

    it('puts the same nonce in the policy and on the one module script, with no inline script', () => {
      const html = buildPanelHtml(INPUT);
      const csp = cspOf(html);
      assert.ok(csp.includes(`'nonce-${INPUT.nonce}'`));
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1);
      const [attributes, body] = [scripts[0]?.[1] ?? '', scripts[0]?.[2] ?? ''];
      assert.match(attributes, /type="module"/);
      assert.match(attributes, new RegExp(`nonce="${INPUT.nonce}"`));
      assert.equal(body.trim(), '', 'no inline script');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
      assert.doesNotMatch(html, /<style/i, 'no inline styles');
    });

    it('loads only the bundle and the stylesheet, and renders into #app', () => {
      const html = buildPanelHtml(INPUT);
      const resources = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
      assert.deepEqual(resources.sort(), [INPUT.scriptUri, INPUT.styleUri].sort());
      assert.match(html, /<link rel="stylesheet" href="[^"]*\/media\/panel\.css">/);
      assert.match(html, /<div id="app"><\/div>/);
      assert.match(html, /<html lang="en">/);
    });

    it('gets a fresh nonce for every render', () => {
      const nonces = new Set(Array.from({ length: 20 }, () => createNonce()));
      assert.equal(nonces.size, 20);
      for (const nonce of nonces) {
        assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
        assert.doesNotThrow(() => buildPanelHtml({ ...INPUT, nonce }));
      }
    });

    it('refuses a nonce or a source that could break out of the policy', () => {
      assert.throws(() => buildPanelHtml({ ...INPUT, nonce: `abc"><script>alert(1)</script>` }), /nonce/);
      assert.throws(() => buildPanelHtml({ ...INPUT, nonce: 'short' }), /nonce/);
      assert.throws(() => buildPanelHtml({ ...INPUT, cspSource: `${CSP_SOURCE}; script-src *` }), /source/);
    });

    it("accepts code-server's list of sources (`'self' https://*.vscode-cdn.net`) and puts each in the policy", () => {
      const csp = panelCsp("'self' https://*.vscode-cdn.net", INPUT.nonce);
      assert.match(csp, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
      assert.throws(() => panelCsp("'self' 'unsafe-inline'", INPUT.nonce), /source/);
    });

    it('escapes resource URIs into attributes', () => {
      const html = buildPanelHtml({ ...INPUT, styleUri: `${ROOT}/media/panel.css?"><script>x</script>` });
      assert.equal([...html.matchAll(/<script/g)].length, 1);
      assert.ok(html.includes('&quot;&gt;&lt;script&gt;'));
    });

    it('keeps every panel resource inside an allowed local resource root', () => {
      assert.deepEqual([...PANEL_RESOURCE_FOLDERS], ['dist', 'media']);
      for (const [folder, file] of [PANEL_SCRIPT, PANEL_STYLE, PANEL_ICON_LIGHT, PANEL_ICON_DARK]) {
        assert.ok((PANEL_RESOURCE_FOLDERS as readonly string[]).includes(folder), folder);
        assert.doesNotMatch(file, /\.\.|\//, 'a plain file name in the root');
      }
    });
  });

  describe('ready handshake', () => {
    it('posts nothing before ready, then only the latest state', () => {
      const sent: string[] = [];
      const gate = new ReadyGate<string>((value) => sent.push(value));
      gate.post('first');
      gate.post('second');
      assert.deepEqual(sent, []);
      gate.markReady();
      assert.deepEqual(sent, ['second']);
      gate.post('third');
      assert.deepEqual(sent, ['second', 'third']);
    });

    it('holds posts while the page is gone and resends the latest when it is back', () => {
      const sent: string[] = [];
      const gate = new ReadyGate<string>((value) => sent.push(value));
      gate.markReady();
      assert.deepEqual(sent, [], 'nothing to send yet');
      gate.post('a');
      gate.reset();
      gate.post('b');
      assert.equal(gate.isReady, false);
      gate.markReady();
      assert.deepEqual(sent, ['a', 'b']);
      gate.reset();
      gate.markReady();
      assert.deepEqual(sent, ['a', 'b', 'b'], 'a reloaded page gets the state again');
    });
  });

  describe('restored state', () => {
    const saved: PanelState = { subject: { kind: 'items' }, items: [], pinned: true, canLinkToSymbol: false };

    it('accepts the page\'s saved `{ version, state }`, or a bare state', () => {
      assert.deepEqual(restoredPanelState({ version: 1, state: saved }), saved);
      assert.deepEqual(restoredPanelState(saved), saved);
    });

    it('refuses anything else', () => {
      for (const value of [undefined, null, 'state', { state: 'x' }, { ...saved, pinned: 'yes' }, { subject: { kind: 'evil' }, items: [], pinned: false, canLinkToSymbol: false }]) {
        assert.equal(restoredPanelState(value), undefined, JSON.stringify(value));
      }
    });
  });
});
