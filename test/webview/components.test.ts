import * as assert from 'node:assert/strict';
import { actionLink } from '../../webview/src/components/actionLink';
import { button } from '../../webview/src/components/button';
import { divider } from '../../webview/src/components/divider';
import { tag } from '../../webview/src/components/tag';
import { createDom, type TestDom } from './support/dom';

describe('components', () => {
  let dom: TestDom;
  beforeEach(async () => {
    dom = await createDom();
  });
  afterEach(async () => {
    await dom.close();
  });

  describe('without the toolkit registered (native fallback)', () => {
    it('button: a native button with text, aria-label, tooltip and click handler', () => {
      let clicks = 0;
      const control = button(dom.document, 'Copy key', { ariaLabel: 'Copy key PAY-101', title: 'Copy', testId: 'copy-key', onClick: () => clicks++ });
      assert.equal(control.tagName, 'BUTTON');
      assert.equal(control.getAttribute('type'), 'button');
      assert.equal(control.textContent, 'Copy key');
      assert.equal(control.getAttribute('aria-label'), 'Copy key PAY-101');
      assert.equal(control.getAttribute('title'), 'Copy');
      assert.equal(control.getAttribute('data-testid'), 'copy-key');
      assert.ok(control.classList.contains('cl-button--secondary'));
      control.click();
      assert.equal(clicks, 1);
    });

    it('button: disabled is announced and ignores clicks', () => {
      let clicks = 0;
      const control = button(dom.document, 'Open', { disabled: true, appearance: 'primary', onClick: () => clicks++ });
      assert.ok(control.hasAttribute('disabled'));
      assert.equal(control.getAttribute('aria-disabled'), 'true');
      control.dispatchEvent(new dom.window.MouseEvent('click') as unknown as Event);
      assert.equal(clicks, 0);
    });

    it('button: the label is text even when it looks like markup', () => {
      const control = button(dom.document, '<img src=x onerror=alert(1)>');
      assert.equal(control.children.length, 0);
      assert.equal(control.textContent, '<img src=x onerror=alert(1)>');
    });

    it('tag, divider: plain elements with text', () => {
      const t = tag(dom.document, '<i>xss</i>', { classNames: ['cl-status-open', 'cl-extra'] });
      assert.equal(t.tagName, 'SPAN');
      assert.equal(t.children.length, 0);
      assert.ok(t.classList.contains('cl-status-open') && t.classList.contains('cl-extra'));
      assert.equal(divider(dom.document).tagName, 'HR');
    });

    it('actionLink: a button styled as a link, no href', () => {
      let clicks = 0;
      const link = actionLink(dom.document, 'src/a.ts:3', { ariaLabel: 'Open src/a.ts:3', onClick: () => clicks++ });
      assert.equal(link.tagName, 'BUTTON');
      assert.equal(link.getAttribute('type'), 'button');
      assert.ok(!link.hasAttribute('href'));
      link.click();
      assert.equal(clicks, 1);
    });
  });

  describe('with toolkit elements registered', () => {
    beforeEach(() => {
      // Stand-ins for the toolkit's custom elements: the components only ask the registry whether a tag is defined.
      const registry = dom.window.customElements;
      for (const name of ['vscode-button', 'vscode-tag', 'vscode-divider']) registry.define(name, class extends dom.window.HTMLElement {});
    });

    it('creates the toolkit elements, with the toolkit’s attributes', () => {
      let clicks = 0;
      const control = button(dom.document, 'Open in tracker', { appearance: 'primary', onClick: () => clicks++ });
      assert.equal(control.tagName, 'VSCODE-BUTTON');
      assert.equal(control.getAttribute('appearance'), 'primary');
      assert.ok(!control.hasAttribute('type'));
      control.click();
      assert.equal(clicks, 1);
      assert.equal(tag(dom.document, 'refunds').tagName, 'VSCODE-TAG');
      const rule = divider(dom.document);
      assert.equal(rule.tagName, 'VSCODE-DIVIDER');
      assert.equal(rule.getAttribute('role'), 'separator');
    });

    it('ignores clicks on a disabled toolkit button', () => {
      let clicks = 0;
      const control = button(dom.document, 'Link', { disabled: true, onClick: () => clicks++ });
      control.click();
      assert.equal(clicks, 0);
    });
  });
});
