/**
 * Every message between the Customer Lens panel and the extension, declared once and shared
 * by both sides (the GitLens IPC pattern). Commands go from the panel to the extension,
 * notifications from the extension to the panel.
 *
 * The panel bundle imports this file, so it may not import `vscode` or Node modules. Messages
 * will be validated with zod on receipt; until then `is()` only checks the method.
 */

export interface IpcMessage<Params = unknown> {
  /** Unique per sender, so replies and logs can refer to one message. */
  readonly id: string;
  readonly method: string;
  readonly params: Params;
}

abstract class IpcCall<Params> {
  constructor(readonly method: string) {}

  is(message: IpcMessage): message is IpcMessage<Params> {
    return message.method === this.method;
  }

  create(id: string, params: Params): IpcMessage<Params> {
    return { id, method: this.method, params };
  }
}

/** Sent by the panel to the extension. */
export class IpcCommand<Params = undefined> extends IpcCall<Params> {}

/** Sent by the extension to the panel. */
export class IpcNotification<Params = undefined> extends IpcCall<Params> {}

/** True when a posted value has the envelope of a message; the payload is checked per method. */
export function isIpcMessage(value: unknown): value is IpcMessage {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { id, method } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof method === 'string';
}

/** Sent by the panel once its script runs: before that, notifications would be lost. */
export const ReadyCommand = new IpcCommand('customerLens/ready');

export interface ItemsChangedParams {
  /** Keys of the items the panel shows, most severe first. */
  readonly keys: readonly string[];
}

/** Sent by the extension when the items behind the panel change. */
export const ItemsChangedNotification = new IpcNotification<ItemsChangedParams>('customerLens/itemsChanged');
