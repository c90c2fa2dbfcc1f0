import * as assert from 'node:assert/strict';
import { PanelApp, RENDER_FAILED_TEXT } from '../../webview/src/app/panelApp';
import {
  CopyKeyCommand,
  LinkToSymbolRequest,
  LogCommand,
  OpenInTrackerCommand,
  OpenLocationCommand,
  PANEL_COMMANDS,
  PANEL_REQUESTS,
  parseMessage,
  ReadyCommand,
  ResponseNotification,
  SetPinnedCommand,
  StateNotification,
  type PanelState,
} from '../../webview/src/protocol';
import { EMPTY_TEXT, LOADING_TEXT } from '../../webview/src/view/buildPanelView';
import { buttonLabelled, byTestId, createDom, itemSection, oneByTestId, type TestDom } from './support/dom';
import { FakeWebviewApi, flushPromises, ManualTimers } from './support/fakes';
import { emptyState, pay101, pay110, symbolState } from './support/sampleState';

const TIMEOUT_MS = 5000;

describe('panel app: messages, state and actions', () => {
  let dom: TestDom;
  let api: FakeWebviewApi;
  let timers: ManualTimers;
  let app: PanelApp;
  let nextId: number;

  async function start(saved?: unknown): Promise<void> {
    dom = await createDom();
    api = new FakeWebviewApi(saved);
    timers = new ManualTimers();
    app = new PanelApp({ document: dom.document, root: dom.root, api, timers, requestTimeoutMs: TIMEOUT_MS });
    nextId = 1000;
    app.start();
  }

  function sendState(state: PanelState): void {
    app.receive(StateNotification.create(++nextId, state));
  }

  function logs(): { level: string; message: string }[] {
    return api.sent(LogCommand.method).map((message) => message.params as { level: string; message: string });
  }

  afterEach(async () => {
    app.dispose();
    await dom.close();
  });

  describe('start', () => {
    it('posts ready once and shows a loading line until the first state', async () => {
      await start();
      assert.deepEqual(api.posted, [{ id: 1, method: ReadyCommand.method, params: undefined }]);
      assert.equal(oneByTestId(dom.root, 'empty-state').textContent, LOADING_TEXT);
    });

    it('restores the saved state at once, before the extension answers', async () => {
      await start({ version: 1, state: symbolState([pay101()]) });
      assert.ok(itemSection(dom.root, 'PAY-101'));
      assert.equal(api.sent(ReadyCommand.method).length, 1);
      assert.deepEqual(logs(), []);
    });

    it('ignores and reports a saved state it cannot read', async () => {
      await start({ version: 1, state: { items: 'nope' } });
      assert.equal(oneByTestId(dom.root, 'empty-state').textContent, LOADING_TEXT);
      assert.equal(logs().length, 1);
      assert.match(logs()[0]!.message, /saved panel state/);
    });
  });

  describe('message validation', () => {
    beforeEach(() => start());

    it('renders and saves a valid state', () => {
      const state = symbolState();
      sendState(state);
      assert.deepEqual(
        byTestId(dom.root, 'item').map((item) => item.getAttribute('data-key')),
        ['PAY-110', 'PAY-101'],
      );
      assert.deepEqual(api.saved, { version: 1, state });
      sendState(emptyState());
      assert.equal(oneByTestId(dom.root, 'empty-state').textContent, EMPTY_TEXT);
    });

    it('drops a message of an unknown method and logs it', () => {
      sendState(symbolState());
      app.receive({ id: 7, method: 'customerLens/evaluate', params: { code: 'alert(1)' } });
      assert.equal(byTestId(dom.root, 'item').length, 2, 'the panel is unchanged');
      assert.deepEqual(logs(), [{ level: 'warn', message: "Dropped a message to the panel: unknown method 'customerLens/evaluate'" }]);
    });

    it('drops a state with a bad payload and logs which field was wrong', () => {
      sendState(symbolState());
      const bad = { ...symbolState(), items: [{ ...pay101(), severity: 'apocalyptic' }] };
      app.receive({ id: 8, method: StateNotification.method, params: bad });
      assert.equal(byTestId(dom.root, 'item').length, 2, 'the last good state stays');
      assert.deepEqual(api.saved, { version: 1, state: symbolState() });
      assert.equal(logs().length, 1);
      assert.match(logs()[0]!.message, /^Dropped a message to the panel: bad params for 'customerLens\/state': items\.0\.severity /);
    });

    it('drops values that are not message envelopes', () => {
      for (const value of [undefined, null, 'customerLens/state', 42, { method: StateNotification.method }, { id: '1', method: 'x' }]) app.receive(value);
      assert.equal(logs().length, 6);
      assert.ok(logs().every((log) => log.message === 'Dropped a message to the panel: not a message envelope'));
    });

    it('says so, and logs why, instead of leaving a half-drawn panel when rendering fails', () => {
      const createElement = dom.document.createElement.bind(dom.document);
      dom.document.createElement = () => {
        throw new Error('boom');
      };
      try {
        sendState(symbolState());
      } finally {
        dom.document.createElement = createElement;
      }
      assert.equal(dom.root.textContent, RENDER_FAILED_TEXT);
      assert.equal(logs()[0]!.level, 'error');
      assert.match(logs()[0]!.message, /^The panel could not render: Error: boom/);
      sendState(symbolState());
      assert.equal(byTestId(dom.root, 'item').length, 2, 'the next state renders again');
    });

    it('caps what it logs', () => {
      app.receive({ id: 9, method: 'x'.repeat(5000) });
      assert.ok(logs()[0]!.message.length <= 1001);
    });
  });

  describe('actions', () => {
    beforeEach(async () => {
      await start();
      sendState(symbolState([pay101(), pay110()]));
    });

    it('clicking a code location posts OpenLocationCommand with its uri and range', () => {
      byTestId(itemSection(dom.root, 'PAY-101'), 'location')[1]!.click();
      const message = api.last(OpenLocationCommand.method);
      assert.deepEqual(message.params, {
        uri: 'file:///workspace/worker/settlement.py',
        range: { startLine: 9, startCharacter: 0, endLine: 19, endCharacter: 0 },
      });
      assert.ok(OpenLocationCommand.params.safeParse(message.params).success);
    });

    it('open in tracker and copy key post their commands with the key', () => {
      buttonLabelled(dom.root, 'Open PAY-101 in tracker').click();
      buttonLabelled(dom.root, 'Copy key PAY-110').click();
      assert.deepEqual(api.last(OpenInTrackerCommand.method).params, { key: 'PAY-101' });
      assert.deepEqual(api.last(CopyKeyCommand.method).params, { key: 'PAY-110' });
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Copied PAY-110 to the clipboard.');
    });

    it('pin toggles: posts SetPinnedCommand and shows the new state at once', () => {
      buttonLabelled(dom.root, 'Pin panel').click();
      assert.deepEqual(api.last(SetPinnedCommand.method).params, { pinned: true });
      buttonLabelled(dom.root, 'Unpin panel').click();
      assert.deepEqual(api.last(SetPinnedCommand.method).params, { pinned: false });
      assert.equal((api.saved as { state: PanelState }).state.pinned, false);
    });

    it('every posted message is valid for the extension', () => {
      buttonLabelled(dom.root, 'Open PAY-101 in tracker').click();
      buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').click();
      app.receive({ id: 1, method: 'nope' });
      for (const message of api.posted) assert.ok(parseMessage(message, [...PANEL_COMMANDS, ...PANEL_REQUESTS]).ok, message.method);
    });
  });

  describe('link to symbol at cursor', () => {
    beforeEach(async () => {
      await start();
      sendState(symbolState([pay101(), pay110()]));
    });

    function clickLink(key: string): number {
      buttonLabelled(dom.root, `Link ${key} to symbol at cursor`).click();
      return api.last(LinkToSymbolRequest.method).id;
    }

    function respond(requestId: number, result: unknown, error?: string): void {
      app.receive(ResponseNotification.create(++nextId, { requestId, result, ...(error === undefined ? {} : { error }) }));
    }

    it('posts the request, disables the button while it runs and shows the outcome', async () => {
      const id = clickLink('PAY-101');
      assert.deepEqual(api.last(LinkToSymbolRequest.method).params, { key: 'PAY-101' });
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Linking PAY-101 to the symbol at the cursor…');
      assert.ok(buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').hasAttribute('disabled'));
      assert.ok(!buttonLabelled(dom.root, 'Link PAY-110 to symbol at cursor').hasAttribute('disabled'));
      respond(id, { ok: true, symbol: 'RefundService.issue' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Linked PAY-101 to RefundService.issue.');
      assert.ok(!buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').hasAttribute('disabled'));
    });

    it('shows the extension’s reason when it could not link', async () => {
      respond(clickLink('PAY-110'), { ok: false, message: 'No function or class at the cursor.' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Could not link PAY-110: No function or class at the cursor.');
    });

    it('matches concurrent requests to their own responses', async () => {
      const first = clickLink('PAY-101');
      const second = clickLink('PAY-110');
      respond(second, { ok: true, symbol: 'RefundService.retry' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Linked PAY-110 to RefundService.retry.');
      assert.ok(buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').hasAttribute('disabled'), 'PAY-101 still waiting');
      respond(first, { ok: true, symbol: 'RefundService.issue' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Linked PAY-101 to RefundService.issue.');
    });

    it('drops and logs a response whose result does not match the request', async () => {
      respond(clickLink('PAY-101'), { linked: 'yes' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, "Could not link PAY-101: unexpected answer to 'customerLens/linkToSymbol'.");
      assert.equal(logs().length, 1);
    });

    it('shows an error response', async () => {
      respond(clickLink('PAY-101'), undefined, 'links.yaml could not be written');
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Could not link PAY-101: links.yaml could not be written.');
    });

    it('times out, re-enables the button, and drops the late response', async () => {
      const id = clickLink('PAY-101');
      timers.advance(TIMEOUT_MS);
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Could not link PAY-101: no answer within 5 s.');
      assert.ok(!buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').hasAttribute('disabled'));
      respond(id, { ok: true, symbol: 'RefundService.issue' });
      await flushPromises();
      assert.equal(oneByTestId(dom.root, 'status').textContent, 'Could not link PAY-101: no answer within 5 s.');
      assert.deepEqual(
        logs().map((log) => log.message),
        ['Link request for PAY-101 failed: no answer within 5 s', `Dropped a response to request ${id}: no such request is waiting (late or unknown)`],
      );
    });

    it('does not post a request when the extension cannot link', async () => {
      sendState(symbolState([pay101()], { canLinkToSymbol: false }));
      buttonLabelled(dom.root, 'Link PAY-101 to symbol at cursor').click();
      await flushPromises();
      assert.equal(api.sent(LinkToSymbolRequest.method).length, 0);
    });
  });
});
