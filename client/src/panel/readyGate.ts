/**
 * Holds posts to the webview until its script says it is ready: earlier posts are lost. Only
 * the latest value is kept, and it is sent again on every `ready`, because a hidden panel's
 * page is torn down (`retainContextWhenHidden: false`) and starts over when shown.
 */
export class ReadyGate<T> {
  private ready = false;
  private latest: T | undefined;

  constructor(private readonly send: (value: T) => void) {}

  get isReady(): boolean {
    return this.ready;
  }

  post(value: T): void {
    this.latest = value;
    if (this.ready) {
      this.send(value);
    }
  }

  markReady(): void {
    this.ready = true;
    if (this.latest !== undefined) {
      this.send(this.latest);
    }
  }

  /** The page went away (hidden or reloading): hold posts until it is ready again. */
  reset(): void {
    this.ready = false;
  }
}
