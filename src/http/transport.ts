import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { VERSION } from '../version.js';

/**
 * HTTP for registries: timeouts, retries with backoff and jitter, redirects that never carry
 * credentials to another origin, proxies from the environment, and body size caps.
 *
 * Written over undici rather than taken from a registry library because no maintained npm package
 * speaks the distribution API (there is no `oci-client`), and because undici gives us Node streams
 * for blobs and the proxy agent that honours HTTPS_PROXY/NO_PROXY, which the built-in fetch does not
 * by default. NODE_EXTRA_CA_CERTS is honoured by Node's TLS for every connection made here.
 */

export interface TransportOptions {
  /** Time to the response headers, and the longest silence while a body streams. */
  timeoutMs?: number;
  /** Attempts after the first for 429, 5xx and connection failures. */
  retries?: number;
  /** First backoff step; doubled each retry with full jitter, capped at maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  userAgent?: string;
  /** Debug log. Receives method, origin+path and status only: never headers, never query strings. */
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

export type RequestBody = Buffer | (() => Readable);

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Per-request override of the transport's timeout. */
  timeoutMs?: number;
  /** Per-request override of the retry count (0 where a late duplicate would break a protocol). */
  retries?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable & { dump?: () => Promise<void> };
  /** The URL that answered, after redirects. */
  url: string;
  /**
   * The request's timeout. Also the longest a whole small body may take (readBody) and the grace
   * before a streamed blob must keep a minimum rate: undici's bodyTimeout alone bounds only the
   * silence between chunks, so a server dripping a byte at a time (slowloris) would never time out.
   */
  timeoutMs?: number;
}

export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/**
 * The connection broke while a body was being read (a reset, a proxy cutting the body short). The
 * request itself was answered, so the transport's own retries never saw it; a caller that reads the
 * whole body of an idempotent request retries it with retryBodyReads.
 */
export class BodyReadError extends TransportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BodyReadError';
  }
}

/** Body reads retried after a broken body: a GET is idempotent, so asking again is safe. */
const BODY_READ_RETRIES = 3;

/**
 * Runs `attempt` (a request and the read of its whole body) again when its body broke off, with a
 * short jittered backoff. Any other failure, and the last one, is thrown as it is.
 */
export async function retryBodyReads<T>(attempt: () => Promise<T>, retries = BODY_READ_RETRIES): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof BodyReadError) || i >= retries) throw err;
      await sleep(100 * 2 ** i + Math.random() * 100);
    }
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Origin and path of a URL: what may appear in messages (signed blob URLs carry secrets in the query). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function headerValues(res: HttpResponse, name: string): string[] {
  const v = res.headers[name.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Stops reading a body we will not use; undici reports the abort as an error nobody needs to see. */
export function abort(res: HttpResponse): void {
  res.body.on('error', () => {});
  res.body.destroy();
}

export async function discard(res: HttpResponse): Promise<void> {
  try {
    res.body.resume();
    await new Promise<void>((resolve) => {
      res.body.once('end', resolve);
      res.body.once('error', () => resolve());
      res.body.once('close', resolve);
    });
  } catch {
    // A body we are throwing away cannot fail the request.
  }
}

/** Reads a response body into memory, refusing more than `limit` bytes. */
export async function readBody(res: HttpResponse, limit: number, what: string): Promise<Buffer> {
  const declared = Number(header(res, 'content-length') ?? NaN);
  if (declared > limit) {
    abort(res);
    throw new TransportError(
      `${what}: ${declared} bytes is over the ${limit}-byte limit; refusing to read it`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const deadlineMs = res.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  res.body.on('error', () => {}); // the deadline's own error is thrown below, once
  const timer = setTimeout(
    () =>
      res.body.destroy(
        new TransportError(
          `${what}: the body took longer than ${deadlineMs} ms to arrive (${size} bytes so far); ` +
            'a stalled or hostile server — giving up',
        ),
      ),
    deadlineMs,
  );
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        abort(res);
        throw new TransportError(`${what}: body is over the ${limit}-byte limit; refusing to read it`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof TransportError) throw err;
    // undici's own words ("other side closed", "terminated") name no request: say which one.
    throw new BodyReadError(
      `${what}: the connection broke after ${size} bytes of the body (${(err as Error).message}); ` +
        'retry the job if this persists',
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}

export class Transport {
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly userAgent: string;
  private readonly log: (m: string) => void;
  private readonly direct: Dispatcher;
  private readonly proxied: Dispatcher | undefined;

  constructor(opts: TransportOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = opts.retries ?? 4;
    this.backoffMs = opts.backoffMs ?? 500;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.userAgent = opts.userAgent ?? `sigstamp/${VERSION}`;
    this.log = opts.log ?? (() => {});
    const env = opts.env ?? process.env;
    this.direct = new Agent({ connections: 16 });
    const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
    this.proxied = proxy
      ? new EnvHttpProxyAgent({
          httpProxy: env.HTTP_PROXY ?? env.http_proxy,
          httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
          noProxy: env.NO_PROXY ?? env.no_proxy,
        })
      : undefined;
  }

  async close(): Promise<void> {
    await Promise.all([this.direct.close(), this.proxied?.close()]);
  }

  /**
   * Sends a request, retrying transient failures when the body can be replayed, and following
   * redirects for GET/HEAD. Authorization is dropped when a redirect leaves the origin (blob
   * downloads redirect to storage that must never see the registry token).
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let headers = { ...req.headers };
    const replayable = req.body === undefined || Buffer.isBuffer(req.body) || req.method === 'GET';
    for (let redirects = 0; ; redirects++) {
      const res = await this.sendWithRetry({ ...req, url, headers }, replayable);
      const location = header(res, 'location');
      if (!REDIRECT_STATUS.has(res.status) || !location || (req.method !== 'GET' && req.method !== 'HEAD')) {
        return res;
      }
      await discard(res);
      if (redirects >= MAX_REDIRECTS) {
        throw new TransportError(
          `${req.method} ${describeUrl(req.url)}: more than ${MAX_REDIRECTS} redirects`,
        );
      }
      const next = new URL(location, url);
      if (next.origin !== new URL(url).origin) {
        headers = Object.fromEntries(
          Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'),
        );
      }
      if (new URL(url).protocol === 'https:' && next.protocol === 'http:' && !isLoopbackHost(next.hostname)) {
        throw new TransportError(
          `${req.method} ${describeUrl(req.url)}: refusing a redirect from HTTPS to plain HTTP`,
        );
      }
      url = next.toString();
    }
  }

  private async sendWithRetry(req: HttpRequest, replayable: boolean): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const canRetry = replayable && attempt < (req.retries ?? this.retries);
      let res: HttpResponse;
      try {
        res = await this.sendOnce(req);
      } catch (err) {
        if (!canRetry) {
          throw new TransportError(
            `${req.method} ${describeUrl(req.url)} failed after ${attempt + 1} attempt(s): ${(err as Error).message}; ` +
              'the service did not answer reliably — retry the job later',
            { cause: err },
          );
        }
        await this.backoff(
          attempt,
          undefined,
          `${req.method} ${describeUrl(req.url)}: ${(err as Error).message}`,
        );
        continue;
      }
      if (RETRYABLE_STATUS.has(res.status) && canRetry) {
        await discard(res);
        await this.backoff(
          attempt,
          parseRetryAfter(header(res, 'retry-after')),
          `${req.method} ${describeUrl(req.url)}: HTTP ${res.status}`,
        );
        continue;
      }
      return res;
    }
  }

  private async backoff(attempt: number, retryAfterMs: number | undefined, why: string): Promise<void> {
    const exp = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
    // Full jitter: concurrent signers that failed together must not retry together.
    const wait = retryAfterMs !== undefined ? Math.min(retryAfterMs, 60_000) : Math.random() * exp;
    this.log(`retrying in ${Math.round(wait)} ms (${why})`);
    await sleep(wait);
  }

  private async sendOnce(req: HttpRequest): Promise<HttpResponse> {
    const u = new URL(req.url);
    const dispatcher = this.proxied && !isLoopbackHost(u.hostname) ? this.proxied : this.direct;
    const timeout = req.timeoutMs ?? this.timeoutMs;
    const body = typeof req.body === 'function' ? req.body() : req.body;
    const res = await request(req.url, {
      method: req.method,
      headers: { 'user-agent': this.userAgent, ...req.headers },
      body,
      dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    this.log(`${req.method} ${describeUrl(req.url)} -> ${res.statusCode}`);
    return {
      status: res.statusCode,
      headers: res.headers as HttpResponse['headers'],
      body: res.body as unknown as HttpResponse['body'],
      url: req.url,
      timeoutMs: timeout,
    };
  }
}
