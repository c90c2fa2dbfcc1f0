import * as assert from 'node:assert/strict';
import { PanelChannel, RequestError } from '../../webview/src/ipc/panelChannel';
import { LinkToSymbolRequest, OpenInTrackerCommand, type IpcEnvelope } from '../../webview/src/protocol';
import { ManualTimers } from './support/fakes';

describe('panel channel: requests and responses', () => {
  let posted: IpcEnvelope[];
  let timers: ManualTimers;
  let channel: PanelChannel;

  beforeEach(() => {
    posted = [];
    timers = new ManualTimers();
    channel = new PanelChannel((message) => posted.push(message), { timeoutMs: 1000, timers });
  });

  it('numbers every message it posts', () => {
    channel.command(OpenInTrackerCommand, { key: 'PAY-101' });
    void channel.request(LinkToSymbolRequest, { key: 'PAY-101' }).catch(() => undefined);
    assert.deepEqual(posted, [
      { id: 1, method: 'customerLens/openInTracker', params: { key: 'PAY-101' } },
      { id: 2, method: 'customerLens/linkToSymbol', params: { key: 'PAY-101' } },
    ]);
    channel.dispose();
  });

  it('matches responses to requests by id, in any order', async () => {
    const first = channel.request(LinkToSymbolRequest, { key: 'PAY-101' });
    const second = channel.request(LinkToSymbolRequest, { key: 'PAY-110' });
    assert.equal(channel.pendingCount, 2);
    assert.equal(channel.settle({ requestId: posted[1]!.id, result: { ok: true, symbol: 'RefundService.retry' } }), true);
    assert.equal(channel.settle({ requestId: posted[0]!.id, result: { ok: false, message: 'No symbol at the cursor.' } }), true);
    assert.deepEqual(await second, { ok: true, symbol: 'RefundService.retry' });
    assert.deepEqual(await first, { ok: false, message: 'No symbol at the cursor.' });
    assert.equal(channel.pendingCount, 0);
    assert.equal(timers.pending, 0, 'timeouts are cleared');
  });

  it('rejects with the error a response carries', async () => {
    const pending = channel.request(LinkToSymbolRequest, { key: 'PAY-101' });
    channel.settle({ requestId: posted[0]!.id, error: 'links.yaml is read-only' });
    await assert.rejects(pending, (error: unknown) => error instanceof RequestError && error.failure === 'error' && error.message === 'links.yaml is read-only');
  });

  it('validates the result with the request’s result schema', async () => {
    const pending = channel.request(LinkToSymbolRequest, { key: 'PAY-101' });
    channel.settle({ requestId: posted[0]!.id, result: { ok: true } });
    await assert.rejects(pending, (error: unknown) => error instanceof RequestError && error.failure === 'invalid-result');
  });

  it('times out, and then ignores the late response', async () => {
    const pending = channel.request(LinkToSymbolRequest, { key: 'PAY-101' });
    timers.advance(999);
    assert.equal(channel.pendingCount, 1);
    timers.advance(1);
    await assert.rejects(pending, (error: unknown) => error instanceof RequestError && error.failure === 'timeout' && error.message === 'no answer within 1 s');
    assert.equal(channel.pendingCount, 0);
    assert.equal(channel.settle({ requestId: posted[0]!.id, result: { ok: true, symbol: 'X' } }), false);
  });

  it('does not settle anything for an unknown request id', () => {
    assert.equal(channel.settle({ requestId: 42, result: { ok: true, symbol: 'X' } }), false);
  });

  it('rejects what is still waiting when disposed', async () => {
    const pending = channel.request(LinkToSymbolRequest, { key: 'PAY-101' });
    channel.dispose();
    await assert.rejects(pending, (error: unknown) => error instanceof RequestError && error.failure === 'disposed');
    assert.equal(timers.pending, 0);
  });
});
