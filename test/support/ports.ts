// Loopback ports and readiness polling for the servers the tests start.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A port that was free a moment ago on 127.0.0.1. There is an unavoidable window between closing
 * and the server binding it; callers that spawn servers retry on "address already in use".
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface WaitForHttpOptions {
  timeoutMs?: number;
  /** Statuses that count as "up"; a registry with auth answers /v2/ with 401, which is still up. */
  okStatuses?: number[];
  /** Checked between polls: lets a caller stop waiting as soon as the server process died. */
  abort?: () => Error | undefined;
}

/** Polls `url` with GET until it answers one of okStatuses (default any status below 500). */
export async function waitForHttp(url: string, opts: WaitForHttpOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  let delay = 25;
  for (;;) {
    const aborted = opts.abort?.();
    if (aborted) throw aborted;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
      await res.body?.cancel();
      const ok = opts.okStatuses ? opts.okStatuses.includes(res.status) : res.status < 500;
      if (ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last =
        err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : String(err);
    }
    if (Date.now() >= deadline) throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
    await sleep(delay);
    delay = Math.min(delay * 2, 250);
  }
}
