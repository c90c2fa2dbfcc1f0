import type { WebviewApi } from '../../../webview/src/app/webviewApi';
import type { Timers } from '../../../webview/src/ipc/timers';
import type { IpcEnvelope } from '../../../webview/src/protocol';

/** Records what the panel posts and keeps its saved state, like VS Code's webview API. */
export class FakeWebviewApi implements WebviewApi {
  readonly posted: IpcEnvelope[] = [];
  saved: unknown;

  constructor(saved?: unknown) {
    this.saved = saved;
  }

  postMessage(message: IpcEnvelope): void {
    this.posted.push(message);
  }

  getState(): unknown {
    return this.saved;
  }

  setState(state: unknown): void {
    this.saved = state;
  }

  /** Posted messages of one method. */
  sent(method: string): IpcEnvelope[] {
    return this.posted.filter((message) => message.method === method);
  }

  last(method: string): IpcEnvelope {
    const found = this.sent(method);
    const message = found[found.length - 1];
    if (!message) throw new Error(`nothing posted with method ${method}; posted: ${this.posted.map((m) => m.method).join(', ')}`);
    return message;
  }
}

/** Timers that only fire when the test advances time. */
export class ManualTimers implements Timers {
  private now = 0;
  private nextHandle = 0;
  private readonly tasks = new Map<number, { readonly at: number; readonly callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = ++this.nextHandle;
    this.tasks.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  get pending(): number {
    return this.tasks.size;
  }

  advance(ms: number): void {
    this.now += ms;
    const due = [...this.tasks].filter(([, task]) => task.at <= this.now).sort(([, a], [, b]) => a.at - b.at);
    for (const [handle, task] of due) {
      this.tasks.delete(handle);
      task.callback();
    }
  }
}

/** Lets promise callbacks (request settlement) run. */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
