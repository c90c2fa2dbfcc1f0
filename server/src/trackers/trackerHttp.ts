import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { isGraphqlRateLimited, isRateLimited, waitFromHeaders, type HeaderLookup } from './rateLimit';
import { TrackerError } from './trackerErrors';

export interface TrackerHttpOptions {
  /** The origin the token was entered for: no request ever goes anywhere else. */
  readonly origin: string;
  /** The `Authorization` header value (Basic, Bearer, or Linear's bare key), read per request. */
  readonly authorization?: () => string | undefined;
  readonly timeoutMs?: number;
  /** `http.proxy`, when the editor has one; axios honours `HTTPS_PROXY` by itself otherwise. */
  readonly proxy?: string;
  /** `http.proxyStrictSSL: false` accepts self-signed corporate certificates. */
  readonly strictSSL?: boolean;
  /** For tests: the axios instance to send with. */
  readonly axios?: AxiosInstance;
  readonly now?: () => number;
}

export interface TrackerRequest<S extends z.ZodType> {
  readonly method?: 'GET' | 'POST';
  /** A path on the origin (`/rest/api/3/search/jql`) or an absolute URL, which must be on the origin. */
  readonly url: string;
  readonly params?: Record<string, string | number | undefined>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** The page-level shape; record-level validation is the adapter's (a bad item is skipped, not the page). */
  readonly schema: S;
  readonly signal: AbortSignal;
}

export interface TrackerResponse<T> {
  readonly status: number;
  /** `undefined` for 304 Not Modified. */
  readonly data: T | undefined;
  readonly header: HeaderLookup;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'customer-lens';

/**
 * The HTTP client tracker adapters are given. It sends the token only to its own origin, turns
 * every outcome into a typed `TrackerError` (rate limited, transient, auth, config, bad
 * response, cancelled) and validates page shapes with zod. Error messages quote the tracker's
 * own error text, never request headers.
 */
export class TrackerHttp {
  private readonly client: AxiosInstance;
  private readonly now: () => number;

  constructor(private readonly options: TrackerHttpOptions) {
    this.now = options.now ?? Date.now;
    this.client =
      options.axios ??
      axios.create({
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        // Every status is classified below, not thrown by axios.
        validateStatus: () => true,
        // Bodies are parsed here, so malformed JSON is reported as such.
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
        ...(options.strictSSL === false && { httpsAgent: new https.Agent({ rejectUnauthorized: false }) }),
        ...proxyConfig(options.proxy),
      });
  }

  get origin(): string {
    return this.options.origin;
  }

  async request<S extends z.ZodType>(request: TrackerRequest<S>): Promise<TrackerResponse<z.infer<S>>> {
    const url = new URL(request.url, this.options.origin);
    if (url.origin !== this.options.origin) {
      // The one rule that keeps tokens safe: a config or a Link header naming another host gets nothing.
      throw new TrackerError('config', `refusing to send a request to ${url.origin}: this tracker's token is bound to ${this.options.origin}`);
    }
    if (request.signal.aborted) throw new TrackerError('cancelled', 'sync cancelled');
    const authorization = this.options.authorization?.();
    const config: AxiosRequestConfig = {
      method: request.method ?? 'GET',
      url: url.href,
      params: request.params,
      data: request.body,
      signal: request.signal,
      headers: {
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
        ...(authorization && { Authorization: authorization }),
        ...request.headers,
      },
    };
    let response;
    try {
      response = await this.client.request<string>(config);
    } catch (error) {
      throw this.networkError(error, request.signal, url);
    }
    const header: HeaderLookup = (name) => {
      const value: unknown = response.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : typeof value === 'number' ? String(value) : undefined;
    };
    const where = `${url.origin}${url.pathname}`;
    const status = response.status;
    if (status === 304) return { status, data: undefined, header };
    const body = parseJson(response.data);
    if (status >= 200 && status < 300) {
      if (!body.ok) throw new TrackerError('bad-response', `${where} answered ${status} with a body that is not JSON`, undefined, status);
      const parsed = request.schema.safeParse(body.value);
      if (!parsed.success) {
        if (isGraphqlRateLimited(body.value)) throw this.rateLimited(where, status, header);
        const issue = parsed.error.issues[0];
        throw new TrackerError('bad-response', `${where} answered an unexpected shape: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`, undefined, status);
      }
      return { status, data: parsed.data, header };
    }
    const detail = vendorMessage(body.ok ? body.value : response.data, credentialsIn(this.options.authorization?.()));
    if (isRateLimited(status, header) || (status === 400 && body.ok && isGraphqlRateLimited(body.value))) throw this.rateLimited(where, status, header);
    if (status === 401 || status === 403) throw new TrackerError('auth', `${where} rejected the token (${status})${detail}`, undefined, status);
    if (status >= 500) throw new TrackerError('transient', `${where} answered ${status}${detail}`, waitFromHeaders(header, this.now()), status);
    throw new TrackerError('config', `${where} answered ${status}${detail}`, undefined, status);
  }

  private rateLimited(where: string, status: number, header: HeaderLookup): TrackerError {
    return new TrackerError('rate-limited', `${where} is rate limiting (${status})`, waitFromHeaders(header, this.now()), status);
  }

  private networkError(error: unknown, signal: AbortSignal, url: URL): TrackerError {
    if (signal.aborted || axios.isCancel(error)) return new TrackerError('cancelled', 'sync cancelled');
    const code = axios.isAxiosError(error) ? error.code : undefined;
    const reason = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timed out' : (code ?? (error instanceof Error ? error.message : 'failed'));
    return new TrackerError('transient', `${url.origin}${url.pathname}: ${reason}`);
  }
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Every form of the credential a tracker could echo back: the header value, the token after its
 * scheme and, for Basic, the decoded `user:token` and the token alone. Masked in error text
 * before it is shortened, so a cut can never leave part of a token behind.
 */
function credentialsIn(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const forms = [authorization];
  const [scheme, value] = authorization.split(/\s+/, 2);
  if (value !== undefined) {
    forms.push(value);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      forms.push(decoded, decoded.slice(decoded.indexOf(':') + 1));
    }
  }
  // Longest first, so a whole header is masked before the token inside it.
  return forms.filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** The tracker's own error text (Jira `errorMessages`, GitHub/Zendesk `message`/`error`, GraphQL `errors`), short, credentials masked. */
function vendorMessage(body: unknown, credentials: readonly string[]): string {
  let text: string | undefined;
  if (typeof body === 'string') text = body.trim().startsWith('<') ? undefined : body;
  else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const messages = record['errorMessages'] ?? record['errors'];
    if (Array.isArray(messages)) text = messages.map(messageText).join('; ');
    else if (typeof record['message'] === 'string') text = record['message'];
    else if (typeof record['error'] === 'string') text = record['error'] + (typeof record['description'] === 'string' ? `: ${record['description']}` : '');
  }
  const flat = credentials.reduce((masked, credential) => masked.split(credential).join('***'), text ?? '').replace(/\s+/g, ' ').trim();
  return flat ? `: ${flat.slice(0, 200)}` : '';
}

function messageText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const message = typeof entry === 'object' && entry !== null ? (entry as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : '';
}

function proxyConfig(proxy: string | undefined): Pick<AxiosRequestConfig, 'proxy'> {
  if (!proxy) return {};
  const url = new URL(proxy);
  return {
    proxy: {
      protocol: url.protocol.replace(':', ''),
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      ...(url.username && { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } }),
    },
  };
}
