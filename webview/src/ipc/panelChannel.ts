/**
 * The panel's side of the IPC: numbers and posts commands and requests, and matches each
 * `ResponseNotification` to the request it answers (a pending map keyed by request id, with a
 * timeout). A response's result is validated with the request's own result schema before the
 * caller sees it.
 */
import type * as z from 'zod';
import type { IpcCommand, IpcEnvelope, IpcRequest, ResponseNotification } from '../protocol';
import type { Timers } from './timers';

export type ResponseParams = z.infer<typeof ResponseNotification.params>;

export type RequestFailure = 'timeout' | 'error' | 'invalid-result' | 'disposed';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly failure: RequestFailure,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

interface Pending {
  readonly method: string;
  readonly accept: (result: unknown) => void;
  readonly reject: (error: RequestError) => void;
  readonly timer: unknown;
}

export interface PanelChannelOptions {
  readonly timeoutMs: number;
  readonly timers: Timers;
}

export class PanelChannel {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly post: (message: IpcEnvelope) => void,
    private readonly options: PanelChannelOptions,
  ) {}

  command<P extends z.ZodType>(type: IpcCommand<P>, params: z.infer<P>): void {
    this.post(type.create(++this.nextId, params));
  }

  /** Resolves with the validated result; rejects with a `RequestError` on timeout, error or a bad result. */
  request<P extends z.ZodType, R extends z.ZodType>(type: IpcRequest<P, R>, params: z.infer<P>): Promise<z.infer<R>> {
    const id = ++this.nextId;
    return new Promise<z.infer<R>>((resolve, reject) => {
      const timer = this.options.timers.setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new RequestError(`no answer within ${formatSeconds(this.options.timeoutMs)}`, 'timeout'));
      }, this.options.timeoutMs);
      this.pending.set(id, {
        method: type.method,
        accept: (result) => {
          const parsed = type.result.safeParse(result);
          if (parsed.success) resolve(parsed.data);
          else reject(new RequestError(`unexpected answer to '${type.method}'`, 'invalid-result'));
        },
        reject,
        timer,
      });
      this.post(type.create(id, params));
    });
  }

  /** Settles the request a response answers; false when no request with that id is waiting (late or unknown). */
  settle(response: ResponseParams): boolean {
    const pending = this.pending.get(response.requestId);
    if (!pending) return false;
    this.pending.delete(response.requestId);
    this.options.timers.clearTimeout(pending.timer);
    if (response.error !== undefined) pending.reject(new RequestError(response.error, 'error'));
    else pending.accept(response.result);
    return true;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Rejects every waiting request (the panel is going away). */
  dispose(): void {
    for (const [id, pending] of this.pending) {
      this.options.timers.clearTimeout(pending.timer);
      pending.reject(new RequestError(`'${pending.method}' (${id}) was cancelled`, 'disposed'));
    }
    this.pending.clear();
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
