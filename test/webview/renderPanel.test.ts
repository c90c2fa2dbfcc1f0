import * as assert from 'node:assert/strict';
import type { PanelLocation } from '../../webview/src/protocol';
import type { PanelActions } from '../../webview/src/render/panelActions';
import { renderPanel } from '../../webview/src/render/renderPanel';
import { buildPanelView, EMPTY_TEXT, type PanelUiState } from '../../webview/src/view/buildPanelView';
import { buttonLabelled, byTestId, createDom, itemSection, oneByTestId, type TestDom } from './support/dom';
import { emptyState, HOSTILE, itemsState, pay101, pay110, pay666, symbolState } from './support/sampleState';

type Call = [name: string, ...args: unknown[]];

function recordingActions(): { actions: PanelActions; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    actions: {
      openInTracker: (key) => calls.push(['openInTracker', key]),
      copyKey: (key) => calls.push(['copyKey', key]),
      linkToSymbol: (key) => calls.push(['linkToSymbol', key]),
      setPinned: (pinned) => calls.push(['setPinned', pinned]),
      openLocation: (uri: string, range: PanelLocation['range']) => calls.push(['openLocation', uri, range]),
    },
  };
}

describe('panel rendering (happy-dom, native fallback components)', () => {
  let dom: TestDom;
  beforeEach(async () => {
    dom = await createDom();
  });
  afterEach(async () => {
    await dom.close();
  });

  function render(state: Parameters<typeof buildPanelView>[0], ui?: PanelUiState): Call[] {
    const { actions, calls } = recordingActions();
    renderPanel(dom.document, dom.root, buildPanelView(state, ui), actions);
    return calls;
  }

  it('renders the title, one labelled section per item and semantic headings and lists', () => {
    render(symbolState());
    assert.equal(oneByTestId(dom.root, 'panel-title').tagName, 'H1');
    assert.equal(oneByTestId(dom.root, 'panel-title').textContent, 'RefundService.issue');
    assert.equal(oneByTestId(dom.root, 'panel-subtitle').textContent, '2 friction items');
    const items = oneByTestId(dom.root, 'items');
    assert.equal(items.tagName, 'UL');
    assert.deepEqual(
      byTestId(dom.root, 'item').map((item) => item.getAttribute('aria-label')),
      ['Friction item PAY-110', 'Friction item PAY-101'],
    );
    const section = itemSection(dom.root, 'PAY-101');
    assert.equal(section.tagName, 'ARTICLE');
    assert.equal(section.getAttribute('data-key'), 'PAY-101');
    assert.equal(section.querySelector('h2')?.textContent, 'PAY-101 Refunds take 10 days to reach the card');
    assert.deepEqual(
      Array.from(section.querySelectorAll('h3')).map((h) => h.textContent),
      ['Impact', 'Customer quotes (3)', 'Labels', 'Code locations (2)', 'Touchpoint insights (2)'],
    );
    assert.equal(oneByTestId(section, 'quotes').querySelectorAll('li blockquote').length, 3);
    assert.equal(oneByTestId(section, 'quotes').querySelector('figcaption')?.textContent, '— Northwind Traders, 2026-10-02');
    assert.deepEqual(
      Array.from(oneByTestId(section, 'impact').querySelectorAll('li')).map((li) => li.textContent),
      ['412 customers', '57 tickets', '0 votes', '$1.3M ARR'],
    );
    assert.deepEqual(
      Array.from(oneByTestId(section, 'labels').querySelectorAll('li')).map((li) => li.textContent),
      ['refunds', 'card-network'],
    );
    const touchpoint = byTestId(section, 'touchpoint')[0]!;
    assert.equal(touchpoint.getAttribute('data-touchpoint-id'), 'TP-7');
    assert.match(touchpoint.textContent ?? '', /Support rotation 2026-10-14 · dana@example\.com · Northwind Traders/);
    assert.match(touchpoint.textContent ?? '', /We just click refund again and hope\./);
  });

  it('shows severity as text and as a class for the coloured border', () => {
    render(symbolState());
    const section = itemSection(dom.root, 'PAY-110');
    assert.ok(section.classList.contains('cl-severity-critical'));
    assert.match(oneByTestId(section, 'facts').textContent ?? '', /Critical severity/);
    assert.match(oneByTestId(section, 'facts').textContent ?? '', /In progress \(In Review\)/);
  });

  it('shows related pull requests only when known, as text', () => {
    render(symbolState());
    assert.equal(byTestId(itemSection(dom.root, 'PAY-101'), 'pull-requests').length, 0);
    const prs = oneByTestId(itemSection(dom.root, 'PAY-110'), 'pull-requests');
    assert.match(prs.textContent ?? '', /Make refund retries idempotent/);
    assert.equal(prs.querySelectorAll('a').length, 0);
  });

  it('omits the labels block when an item has none', () => {
    render(symbolState());
    assert.equal(byTestId(itemSection(dom.root, 'PAY-110'), 'labels').length, 0);
  });

  it('renders the empty state', () => {
    render(emptyState());
    assert.equal(oneByTestId(dom.root, 'empty-state').textContent, EMPTY_TEXT);
    assert.equal(byTestId(dom.root, 'item').length, 0);
    assert.equal(oneByTestId(dom.root, 'panel-title').textContent, 'Customer Lens');
  });

  it('uses real buttons, in document order, for every action; no "log a touchpoint" control', () => {
    render(symbolState([pay101()]));
    const controls = Array.from(dom.root.querySelectorAll('button'));
    assert.ok(controls.every((control) => control.getAttribute('type') === 'button'));
    assert.deepEqual(
      controls.map((control) => control.getAttribute('aria-label')),
      [
        'Pin panel',
        'Open PAY-101 in tracker',
        'Copy key PAY-101',
        'Link PAY-101 to symbol at cursor',
        'Open src/payments/refund.ts:42 (RefundService.issue)',
        'Open worker/settlement.py:10',
      ],
    );
    assert.ok(!/touchpoint/i.test(controls.map((c) => `${c.textContent} ${c.getAttribute('aria-label')}`).join(' ')));
    assert.equal(dom.root.querySelectorAll('[tabindex]').length, 0, 'no tabindex tricks: native tab order');
  });

  it('disables "open in tracker" without a URL and "link" when the extension cannot link', () => {
    render(symbolState([pay110()], { canLinkToSymbol: false }));
    const open = buttonLabelled(dom.root, 'Open PAY-110 in tracker');
    assert.ok(open.hasAttribute('disabled'));
    assert.equal(open.getAttribute('aria-disabled'), 'true');
    assert.equal(open.getAttribute('title'), 'PAY-110 has no tracker link');
    assert.ok(buttonLabelled(dom.root, 'Link PAY-110 to symbol at cursor').hasAttribute('disabled'));
    assert.ok(!buttonLabelled(dom.root, 'Copy key PAY-110').hasAttribute('disabled'));
  });

  it('calls the actions with the item key, location and pin state', () => {
    const calls = render(symbolState([pay101()]));
    buttonLabelled(dom.root, 'Open PAY-101 in tracker').click();
    buttonLabelled(dom.root, 'Copy key PAY-101').click();
    buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').click();
    buttonLabelled(dom.root, 'Pin panel').click();
    byTestId(dom.root, 'location')[0]!.click();
    assert.deepEqual(calls, [
      ['openInTracker', 'PAY-101'],
      ['copyKey', 'PAY-101'],
      ['linkToSymbol', 'PAY-101'],
      ['setPinned', true],
      ['openLocation', 'file:///workspace/src/payments/refund.ts', { startLine: 41, startCharacter: 2, endLine: 58, endCharacter: 3 }],
    ]);
  });

  it('ignores clicks on disabled buttons', () => {
    const calls = render(symbolState([pay110()], { canLinkToSymbol: false }));
    buttonLabelled(dom.root, 'Open PAY-110 in tracker').click();
    buttonLabelled(dom.root, 'Link PAY-110 to symbol at cursor').click();
    assert.deepEqual(calls, []);
  });

  it('keeps the status line element across renders and updates its text', () => {
    render(symbolState(), { status: '', linking: new Set() });
    const status = oneByTestId(dom.root, 'status');
    assert.equal(status.getAttribute('role'), 'status');
    assert.equal(status.getAttribute('aria-live'), 'polite');
    render(symbolState(), { status: 'Linked PAY-101 to RefundService.issue.', linking: new Set() });
    assert.equal(oneByTestId(dom.root, 'status'), status);
    assert.equal(status.textContent, 'Linked PAY-101 to RefundService.issue.');
  });

  it('gives focus back to the same control after a re-render', () => {
    render(symbolState([pay101(), pay110()]));
    buttonLabelled(dom.root, 'Copy key PAY-110').focus();
    render(symbolState([pay101(), pay110()], { pinned: true }));
    assert.equal(dom.document.activeElement?.getAttribute('aria-label'), 'Copy key PAY-110');
  });

  it('returns focus to a button that a render disabled once it is enabled again', () => {
    render(symbolState([pay101()]));
    buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').focus();
    render(symbolState([pay101()]), { status: 'Linking…', linking: new Set(['PAY-101']) });
    render(symbolState([pay101()]), { status: 'Linked.', linking: new Set() });
    assert.equal(dom.document.activeElement?.getAttribute('aria-label'), 'Link PAY-101 to symbol at cursor');
  });

  describe('hostile tracker text (PAY-666)', () => {
    beforeEach(() => {
      render(itemsState([pay666()], { canLinkToSymbol: true }));
    });

    it('creates no element from tracker text', () => {
      for (const tagName of ['img', 'script', 'a', 'b', 'i', 'iframe']) {
        assert.equal(dom.document.querySelectorAll(tagName).length, 0, `<${tagName}> created`);
      }
    });

    it('sets no href, src or event-handler attribute anywhere', () => {
      for (const element of Array.from(dom.document.querySelectorAll('*'))) {
        for (const attribute of Array.from(element.attributes)) {
          assert.ok(!['href', 'src', 'srcdoc', 'action', 'formaction'].includes(attribute.name), `${element.tagName} has ${attribute.name}`);
          assert.ok(!attribute.name.startsWith('on'), `${element.tagName} has ${attribute.name}`);
          assert.ok(!attribute.value.includes('javascript:'), `${element.tagName} ${attribute.name}="${attribute.value}"`);
        }
      }
    });

    it('shows every hostile string as literal text', () => {
      const text = dom.root.textContent ?? '';
      for (const fragment of Object.values(HOSTILE)) assert.ok(text.includes(fragment), `missing text ${fragment}`);
      const section = itemSection(dom.root, 'PAY-666');
      assert.equal(byTestId(section, 'item-title')[0]!.textContent, `Receipt shows raw markup ${HOSTILE.img}`);
      assert.ok((oneByTestId(section, 'journey').textContent ?? '').includes('receipt > <b>view</b>'));
      assert.ok((oneByTestId(section, 'quotes').textContent ?? '').includes('— <b>Tailspin Toys</b>, 2026-10-25'));
      assert.ok((oneByTestId(section, 'labels').textContent ?? '').includes('<i>xss</i>'));
      assert.ok((oneByTestId(section, 'touchpoints').textContent ?? '').includes(`<a href="${HOSTILE.javascript}">eve</a>`));
      // Text nodes only: the markup is escaped when serialized.
      assert.ok(section.innerHTML.includes('&lt;img src=x onerror=alert(1)&gt;'));
    });

    it('still opens the item in the tracker through the extension, by key', () => {
      const { actions, calls } = recordingActions();
      renderPanel(dom.document, dom.root, buildPanelView(itemsState([pay666()])), actions);
      buttonLabelled(dom.root, 'Open PAY-666 in tracker').click();
      assert.deepEqual(calls, [['openInTracker', 'PAY-666']]);
    });
  });
});
