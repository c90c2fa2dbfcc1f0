import type { FakeRequest, FakeServer, FaultSwitch, LoggedRequest } from './fakeServer';

/** What every tracker fake offers a test about the server it runs on. */
export abstract class VendorFake {
  protected constructor(protected readonly server: FakeServer) {}

  get origin(): string {
    return this.server.origin;
  }

  get faults(): FaultSwitch {
    return this.server.faults;
  }

  get requests(): LoggedRequest[] {
    return this.server.requests;
  }

  /** Called with each request as it arrives, before it is answered. */
  set onRequest(listener: ((request: FakeRequest) => void) | undefined) {
    this.server.onRequest = listener;
  }

  /** Added before every answer, as a slow network or a loaded tracker would. */
  set latencyMs(ms: number) {
    this.server.latencyMs = ms;
  }

  /** Time the fake spent building and sending answers, the injected latency aside. */
  get busyMs(): number {
    return this.server.busyMs;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
