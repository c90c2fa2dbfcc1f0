import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The shared base of the tracker fakes (DESIGN.md, "Tests"): a real HTTP server on 127.0.0.1
 * with a route table, a log of every request, injected latency and fault switches. It knows
 * nothing about any tracker; each fake adds its routes and its vendor's bodies and headers.
 */

export interface FakeRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** `Date.now()` when the request arrived: tests measure waits between retries with it. */
  readonly at: number;
}

/** A request as the log keeps it, with what it was answered (filled in when answered). */
export interface LoggedRequest extends FakeRequest {
  status?: number;
  /** The fault that answered it instead of (or on top of) its route. */
  fault?: string;
}

/** A string body is sent as is; anything else as JSON. */
export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export type FakeHandler = (request: FakeRequest, match: RegExpExecArray) => FakeReply | Promise<FakeReply>;

/**
 * What a switched-on fault does to a request:
 * - a reply: answered instead of the route (a 429, a 503, a 401…);
 * - `reset-mid-body`: the route's status, headers and half its body, then the socket is destroyed;
 * - `timeout`: never answered (the socket stays open until the client gives up or the server closes);
 * - `malformed-json`: the route's status and headers with its body cut in half (truncated JSON).
 */
export type Fault = FakeReply | 'reset-mid-body' | 'timeout' | 'malformed-json';

export interface FaultMatch {
  readonly method?: string;
  /** The exact path, or a pattern over it; any path when absent. */
  readonly path?: string | RegExp;
  /** Let this many matching requests through first (e.g. 2 to fail from the third page on). */
  readonly skip?: number;
}

interface FaultRule {
  readonly fault: Fault;
  readonly match: FaultMatch;
  skip: number;
  remaining: number;
}

/** The fault switches: each rule hits the next `count` requests it matches, in the order set. */
export class FaultSwitch {
  private rules: FaultRule[] = [];

  /** The next `count` matching requests (after `match.skip`) get `fault`; `Infinity` for a lasting fault. */
  next(count: number, fault: Fault, match: FaultMatch = {}): this {
    this.rules.push({ fault, match, skip: match.skip ?? 0, remaining: count });
    return this;
  }

  /** Every matching request gets `fault` until `clear()`. */
  always(fault: Fault, match: FaultMatch = {}): this {
    return this.next(Infinity, fault, match);
  }

  clear(): void {
    this.rules = [];
  }

  /** Whether any rule is still armed. */
  get armed(): boolean {
    return this.rules.length > 0;
  }

  /** The fault for this request, counting it against the first rule that matches. */
  take(request: FakeRequest): Fault | undefined {
    for (const rule of this.rules) {
      if (!matches(rule.match, request)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((other) => other !== rule);
      return rule.fault;
    }
    return undefined;
  }
}

function matches(match: FaultMatch, request: FakeRequest): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== request.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === request.path : match.path.test(request.path);
}

interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly handler: FakeHandler;
}

export interface FakeServerOptions {
  /** The answer when no route matches (each vendor has its own 404 body). */
  readonly notFound?: FakeHandler;
}

export class FakeServer {
  readonly requests: LoggedRequest[] = [];
  readonly faults = new FaultSwitch();
  /** Added before every answer, as a slow network or a loaded tracker would. */
  latencyMs = 0;
  /** Milliseconds spent building and sending answers, the injected latency aside (the benchmark reports it). */
  busyMs = 0;
  /** Called as each request arrives, before it is answered: a test can cancel a sync mid-page. */
  onRequest: ((request: FakeRequest) => void) | undefined;

  private readonly routes: Route[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeServerOptions,
  ) {}

  static async start(options: FakeServerOptions = {}): Promise<FakeServer> {
    const server = createServer();
    const fake = new FakeServer(server, options);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://fake');
        const logged: LoggedRequest = {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        fake.requests.push(logged);
        fake.onRequest?.(logged);
        void fake.answer(logged, response);
      });
    });
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Adds a route; a string path matches exactly, a pattern is matched against the whole path. */
  route(method: string, path: string | RegExp, handler: FakeHandler): this {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.routes.push({ method: method.toUpperCase(), path: pattern, handler });
    return this;
  }

  /** Requests to one path (with any query), in arrival order. */
  requestsTo(path: string | RegExp): LoggedRequest[] {
    return this.requests.filter((request) => (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: LoggedRequest, response: ServerResponse): Promise<void> {
    if (this.latencyMs > 0) await this.sleep(this.latencyMs);
    const started = performance.now();
    try {
      await this.reply(request, response);
    } finally {
      this.busyMs += performance.now() - started;
    }
  }

  private async reply(request: LoggedRequest, response: ServerResponse): Promise<void> {
    if (this.closed) return;
    const fault = this.faults.take(request);
    if (fault === 'timeout') {
      request.fault = 'timeout';
      return;
    }
    let reply: FakeReply;
    if (typeof fault === 'object') {
      request.fault = `reply ${fault.status}`;
      reply = fault;
    } else {
      try {
        reply = await this.dispatch(request);
      } catch (error) {
        // A bug in a fake must show up as a failing test, not as a hung request.
        reply = { status: 500, body: { fakeError: error instanceof Error ? error.message : String(error) } };
      }
    }
    if (this.closed) return;
    const { text, contentType } = serialize(reply.body);
    const headers: Record<string, string> = { ...(contentType && { 'Content-Type': contentType }), ...reply.headers };
    request.status = reply.status;
    if (fault === 'malformed-json') {
      request.fault = fault;
      const cut = text.slice(0, Math.floor(text.length / 2));
      response.writeHead(reply.status, { ...headers, 'Content-Length': String(Buffer.byteLength(cut)) }).end(cut);
    } else if (fault === 'reset-mid-body') {
      request.fault = fault;
      // Announce the whole body, send half of it, then drop the connection.
      response.writeHead(reply.status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        response.socket?.destroy();
      }, 5);
      this.timers.add(timer);
    } else {
      response.writeHead(reply.status, headers).end(text);
    }
  }

  private dispatch(request: FakeRequest): FakeReply | Promise<FakeReply> {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.path.exec(request.path);
      if (match) return route.handler(request, match);
    }
    const none = /$/.exec('') as RegExpExecArray;
    return this.options.notFound ? this.options.notFound(request, none) : { status: 404, body: { message: `no route for ${request.method} ${request.path}` } };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function serialize(body: unknown): { text: string; contentType?: string } {
  if (body === undefined) return { text: '' };
  if (typeof body === 'string') return { text: body, contentType: 'text/plain;charset=UTF-8' };
  return { text: JSON.stringify(body), contentType: 'application/json;charset=UTF-8' };
}
