import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeUrl,
  header,
  readBody,
  TransportError,
  type HttpResponse,
  type Transport,
} from '../http/transport.js';

/**
 * GitHub's REST API over the project's transport (its size caps, proxies and CA handling), with
 * the retry policy of actions/attest: @actions/attest sends through Octokit with
 * @octokit/plugin-retry at 5 retries, which retries every status ≥ 400 except 400, 401, 403, 404,
 * 410, 422 and 451, waiting (retryCount + 1)² seconds. That plugin ignores Retry-After and treats a
 * rate-limit 403 as final; GitHub's REST documentation ("Rate limits for the REST API") says to wait
 * for `retry-after`, or for `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, and both limits
 * may answer 403 or 429. Those waits are honoured here, and a rate-limit 403 is retried rather than
 * mistaken for a missing permission. The token goes only into the Authorization header of requests
 * to the API URL it was given for; messages carry origin and path only.
 */

export const API_VERSION = '2022-11-28';
export const DEFAULT_RETRIES = 5;
/** Longer waits than this (a primary rate limit resetting in an hour) end the retries: the job should not hang. */
export const MAX_WAIT_MS = 60_000;
const MAX_RESPONSE_BYTES = 1 << 20;
const NOT_RETRIED = new Set([400, 401, 403, 404, 410, 422, 451]);

export interface GitHubApiOptions {
  /** e.g. https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  apiUrl: string;
  token: string;
  transport: Transport;
  retries?: number;
  /** One step of plugin-retry's (n + 1)² backoff: 1000 ms, as actions/attest uses it. */
  backoffUnitMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

/** An answer GitHub gave (after retries): its status, its documented error body and rate-limit state. */
export class GitHubApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    /** GitHub's `message`, e.g. "Resource not accessible by integration". */
    readonly apiMessage: string,
    readonly documentationUrl: string | undefined,
    readonly rateLimited: boolean,
    readonly attempts: number,
  ) {
    super(
      `${method} ${describeUrl(url)}: HTTP ${status}${apiMessage ? ` "${apiMessage}"` : ''}` +
        (attempts > 1 ? ` after ${attempts} attempts` : ''),
    );
    this.name = 'GitHubApiError';
  }
}

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  rateLimited: boolean;
}

function seconds(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v.trim()) : undefined;
}

/**
 * Whether an answer is worth another attempt, and after how long. `attempt` counts from 0 (the
 * first request). Rate limits (REST docs): `retry-after` seconds, else `x-ratelimit-remaining: 0`
 * with `x-ratelimit-reset` (epoch seconds); a 403 without either is final (a missing permission).
 */
export function retryDecision(
  res: Pick<HttpResponse, 'status' | 'headers'>,
  attempt: number,
  opts: { retries: number; backoffUnitMs: number; now: number; apiMessage?: string },
): RetryDecision {
  const h = (n: string) => header(res as HttpResponse, n);
  const retryAfter = seconds(h('retry-after'));
  const reset = seconds(h('x-ratelimit-reset'));
  const exhausted = h('x-ratelimit-remaining')?.trim() === '0';
  // A secondary rate limit may come without retry-after; then the docs say to wait a minute.
  const secondary = res.status === 403 && /rate limit/i.test(opts.apiMessage ?? '');
  const rateLimited =
    (res.status === 403 || res.status === 429) &&
    (retryAfter !== undefined || exhausted || secondary || res.status === 429);
  const backoff = (attempt + 1) ** 2 * opts.backoffUnitMs;
  let waitMs: number;
  if (rateLimited && retryAfter !== undefined) waitMs = retryAfter * 1000;
  else if (rateLimited && exhausted && reset !== undefined) waitMs = Math.max(0, reset * 1000 - opts.now);
  else if (secondary) waitMs = 60_000;
  else waitMs = backoff;
  const retryable = rateLimited || (res.status >= 400 && !NOT_RETRIED.has(res.status));
  return { retry: retryable && attempt < opts.retries && waitMs <= MAX_WAIT_MS, waitMs, rateLimited };
}

export class GitHubApi {
  private readonly retries: number;
  private readonly unit: number;
  private readonly log: (m: string) => void;
  private readonly now: () => number;

  constructor(private readonly o: GitHubApiOptions) {
    this.retries = o.retries ?? DEFAULT_RETRIES;
    this.unit = o.backoffUnitMs ?? 1000;
    this.log = o.log ?? (() => {});
    this.now = o.now ?? Date.now;
  }

  /** `path` is relative to the API URL and already escaped, e.g. `/repos/o/r/attestations`. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<T> {
    const url = `${this.o.apiUrl.replace(/\/+$/, '')}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.o.token}`,
      'x-github-api-version': API_VERSION,
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        // Retries are decided here (the transport's policy is the registries'), so: none below.
        res = await this.o.transport.send({ method, url, headers, ...(body ? { body } : {}), retries: 0 });
      } catch (err) {
        // A connection that failed never reached GitHub's handler: as plugin-retry, retry it.
        if (!(err instanceof TransportError) || attempt >= this.retries) throw err;
        const wait = (attempt + 1) ** 2 * this.unit;
        this.log(`retrying ${method} ${describeUrl(url)} in ${wait} ms (${err.message})`);
        await sleep(wait);
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        const text = (await readBody(res, MAX_RESPONSE_BYTES, `${method} ${describeUrl(url)}`)).toString(
          'utf8',
        );
        return (text ? JSON.parse(text) : {}) as T;
      }
      // Error bodies are small and say whether a 403 is a secondary rate limit: read before deciding.
      const error = await errorBody(res);
      const decision = retryDecision(res, attempt, {
        retries: this.retries,
        backoffUnitMs: this.unit,
        now: this.now(),
        apiMessage: error.message,
      });
      if (decision.retry) {
        this.log(`retrying ${method} ${describeUrl(url)} in ${decision.waitMs} ms (HTTP ${res.status})`);
        await sleep(decision.waitMs);
        continue;
      }
      throw new GitHubApiError(
        method,
        url,
        res.status,
        error.message,
        error.documentationUrl,
        decision.rateLimited,
        attempt + 1,
      );
    }
  }
}

/** GitHub's documented error body: `{"message": …, "documentation_url": …}` (anything else: no message). */
async function errorBody(res: HttpResponse): Promise<{ message: string; documentationUrl?: string }> {
  try {
    const text = (await readBody(res, 64 * 1024, 'GitHub error body')).toString('utf8');
    const json = JSON.parse(text) as { message?: unknown; documentation_url?: unknown };
    return {
      message: typeof json.message === 'string' ? json.message.slice(0, 500) : '',
      ...(typeof json.documentation_url === 'string' ? { documentationUrl: json.documentation_url } : {}),
    };
  } catch {
    return { message: '' };
  }
}
