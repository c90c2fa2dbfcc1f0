import * as assert from 'node:assert/strict';
import { LogCommand, PANEL_COMMANDS, PANEL_NOTIFICATIONS, parseMessage, StateNotification } from '../../webview/src/protocol';
import { symbolState } from './support/sampleState';

describe('panel protocol', () => {
  it('LogCommand is a panel command the extension accepts', () => {
    assert.ok((PANEL_COMMANDS as readonly unknown[]).includes(LogCommand));
    const parsed = parseMessage(LogCommand.create(1, { level: 'warn', message: 'Dropped a message' }), PANEL_COMMANDS);
    assert.ok(parsed.ok && parsed.type === LogCommand);
  });

  it('LogCommand rejects an unknown level', () => {
    const parsed = parseMessage({ id: 1, method: LogCommand.method, params: { level: 'info', message: 'x' } }, PANEL_COMMANDS);
    assert.equal(parsed.ok, false);
  });

  it('the panel does not accept its own commands as notifications', () => {
    const parsed = parseMessage(LogCommand.create(1, { level: 'warn', message: 'x' }), PANEL_NOTIFICATIONS);
    assert.deepEqual(parsed, { ok: false, reason: "unknown method 'customerLens/log'" });
  });

  it('a state notification round-trips', () => {
    const state = symbolState();
    const parsed = parseMessage(JSON.parse(JSON.stringify(StateNotification.create(3, state))), PANEL_NOTIFICATIONS);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message.params, state);
  });
});
