/**
 * A signal per request for the requests of one sync run. Each request gets an AbortController of
 * its own, aborted (with the run's reason) when the run's signal aborts, and forgotten as soon as
 * the request settles. The run's signal carries a single listener however many requests are in
 * flight: one listener per request there would add a listener per parallel page, and Node warns
 * (MaxListenersExceededWarning) past ten on one signal; an HTTP client's own listeners go on the
 * request's signal instead, one each.
 */
export class RequestSignals {
  private readonly live = new Set<AbortController>();
  private readonly onAbort = (): void => {
    for (const controller of this.live) controller.abort(this.run.reason);
    this.live.clear();
  };

  constructor(private readonly run: AbortSignal) {
    if (!run.aborted) run.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Requests in flight (for tests). */
  get size(): number {
    return this.live.size;
  }

  /** Runs `request` with a signal of its own, released when it settles, however it settles. */
  async with<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (this.run.aborted) controller.abort(this.run.reason);
    else this.live.add(controller);
    try {
      return await request(controller.signal);
    } finally {
      this.live.delete(controller);
    }
  }

  /** Stops listening to the run's signal: call once the run is over. */
  dispose(): void {
    this.run.removeEventListener('abort', this.onAbort);
  }
}
