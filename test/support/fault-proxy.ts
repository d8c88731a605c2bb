// A loopback HTTP proxy in front of one service (a registry, Fulcio, Rekor, a TSA, the OIDC token
// endpoint) that passes requests through unchanged or, when its rule says so, misbehaves the way
// real services and hostile ones do: an error status (429 with Retry-After, 5xx), a connection reset
// before the answer or in the middle of its body, a body cut short, a stall past the client's
// timeout, a body dripped slowly (slowloris), or an answer of the test's own making (oversized,
// altered, a redirect). Everything it did is in `log`, so a test can count the faults it injected.
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export type Fault =
  /** An error answer instead of the upstream's (the body is the registry error JSON shape). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** The connection is destroyed before any byte of the answer. */
  | { kind: 'reset-before' }
  /** The upstream's headers and half its body, then the connection is destroyed. */
  | { kind: 'reset-mid' }
  /** The upstream's headers (with the full Content-Length) and half its body, then a clean close. */
  | { kind: 'truncate' }
  /** Nothing at all for `ms`, then the upstream's answer (if the client is still there). */
  | { kind: 'stall'; ms: number }
  /** The upstream's answer, its body `bytes` at a time every `everyMs` (a slow link, or slowloris). */
  | { kind: 'drip'; bytes: number; everyMs: number }
  /** An answer of the test's making; the upstream is not asked. */
  | { kind: 'answer'; answer: Answer | (() => Answer) }
  /** The upstream's answer, changed by `alter` (e.g. one byte flipped, a header replaced). */
  | { kind: 'alter'; alter: (upstream: Answer, req: ProxiedRequest) => Answer }
  /** An endless body: `chunk` repeated until the client hangs up (a body far over any cap). */
  | { kind: 'endless'; status: number; headers?: Record<string, string>; chunk: Buffer };

export type Rule = (req: ProxiedRequest) => Fault | undefined;

export interface LoggedRequest extends ProxiedRequest {
  fault?: Fault['kind'];
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, for image references. */
  host: string;
  log: LoggedRequest[];
  /** Replaces the rule (default: pass everything through). */
  setRule(rule: Rule | undefined): void;
  stop(): Promise<void>;
}

/** Pass-through answer of the upstream, buffered (service answers are small; blobs here are too). */
function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The client's Host header is kept: registries build absolute Location URLs (uploads) from it,
    // and those must lead back through the proxy, not around it.
    const headers = { ...req.headers };
    const up = request(`${upstream}${req.url}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v === undefined || k === 'transfer-encoding' || k === 'connection') continue;
          h[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
      });
    });
    up.on('error', reject);
    up.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFaultProxy(upstream: string, initial?: Rule): Promise<FaultProxy> {
  let rule = initial;
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const proxied = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
        const fault = rule?.(proxied);
        log.push({ ...proxied, ...(fault ? { fault: fault.kind } : {}) });
        const send = (a: Answer, bodyPart?: Buffer) => {
          const body = Buffer.from(a.body ?? '');
          const headers = { ...a.headers, 'content-length': String(body.length) };
          res.writeHead(a.status, headers);
          if (req.method === 'HEAD') return res.end();
          res.end(bodyPart ?? body);
        };
        try {
          if (!fault) return send(await forward(upstream, req, Buffer.concat(chunks)));
          switch (fault.kind) {
            case 'status': {
              const headers: Record<string, string> = { 'content-type': 'application/json' };
              if (fault.retryAfterSeconds !== undefined)
                headers['retry-after'] = String(fault.retryAfterSeconds);
              const code = fault.status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE';
              return send({
                status: fault.status,
                headers,
                body: JSON.stringify({ errors: [{ code, message: `injected ${fault.status}` }] }),
              });
            }
            case 'reset-before':
              return req.socket.destroy();
            case 'reset-mid':
            case 'truncate': {
              const a = await forward(upstream, req, Buffer.concat(chunks));
              const body = Buffer.from(a.body ?? '');
              res.writeHead(a.status, { ...a.headers, 'content-length': String(body.length) });
              if (req.method === 'HEAD' || body.length < 2) return req.socket.destroy();
              res.write(body.subarray(0, Math.floor(body.length / 2)));
              // Destroying the socket is a reset to the client either way; a truncate first lets the
              // written half reach it, as a proxy that lost its upstream would.
              if (fault.kind === 'truncate') await sleep(20);
              return req.socket.destroy();
            }
            case 'stall':
              await sleep(fault.ms);
              if (req.socket.destroyed) return;
              return send(await forward(upstream, req, Buffer.concat(chunks)));
            case 'drip': {
              const a = await forward(upstream, req, Buffer.concat(chunks));
              const body = Buffer.from(a.body ?? '');
              res.writeHead(a.status, { ...a.headers, 'content-length': String(body.length) });
              if (req.method === 'HEAD') return res.end();
              for (let i = 0; i < body.length && !req.socket.destroyed; i += fault.bytes) {
                res.write(body.subarray(i, i + fault.bytes));
                await sleep(fault.everyMs);
              }
              return res.end();
            }
            case 'answer':
              return send(typeof fault.answer === 'function' ? fault.answer() : fault.answer);
            case 'alter':
              return send(fault.alter(await forward(upstream, req, Buffer.concat(chunks)), proxied));
            case 'endless': {
              res.writeHead(fault.status, { ...fault.headers });
              const write = () => {
                while (!req.socket.destroyed && res.write(fault.chunk));
                if (!req.socket.destroyed) res.once('drain', write);
              };
              res.on('close', () => res.removeAllListeners('drain'));
              return write();
            }
          }
        } catch {
          if (!res.headersSent) res.writeHead(502).end();
          else req.socket.destroy();
        }
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    log,
    setRule: (r) => {
      rule = r;
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A seeded PRNG (mulberry32): the same seed gives the same fault sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rule that injects one of `faults` into a `rate` share of the requests `match` selects, seeded. */
export function seededRule(opts: {
  seed: number;
  rate: number;
  faults: readonly Fault[];
  match?: (req: ProxiedRequest) => boolean;
}): Rule {
  const random = prng(opts.seed);
  return (req) => {
    if (opts.match && !opts.match(req)) return undefined;
    if (random() >= opts.rate) return undefined;
    return opts.faults[Math.floor(random() * opts.faults.length)];
  };
}
