// Plumbing shared by the loopback Sigstore stand-ins: one clock, HTTP servers on 127.0.0.1, PEM and
// DER helpers, fault injection, and ECDSA verification over a precomputed digest (hashedrekord).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one clock every stand-in reads, in whole seconds. X.509 times and Rekor's integratedTime
 * both have one-second resolution; reading them from one source means a certificate's notBefore
 * can never be later than the integratedTime of an entry logged after it was issued (the skew
 * between separate clocks is what made @sigstore/mock's output fail verification).
 */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface LoopbackServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { 'content-type': type }).end(body);
}

/** A real HTTP server on 127.0.0.1 (the code under test runs as a subprocess: no interception). */
export async function startLoopback(handle: Handler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    handle(req, res, url).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { code: 500, message: err instanceof Error ? err.message : String(err) });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}

/** `failNext(n, status)`: the next n matching requests are answered with `status` (0 clears). */
export class Faults {
  private queue: number[] = [];
  failNext(n: number, status: number): void {
    this.queue = Array.from({ length: n }, () => status);
  }
  take(): number | undefined {
    return this.queue.shift();
  }
}

/** PEM exactly as Go's encoding/pem writes it: 64-column base64, trailing newline. */
export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function pemBlocks(text: string): Array<{ label: string; der: Buffer }> {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  return [...text.matchAll(re)].map((m) => ({
    label: m[1] ?? '',
    der: Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64'),
  }));
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** DER UTF8String, what Go's asn1.MarshalWithParams(s, "utf8") produces. */
export function derUtf8String(s: string): Buffer {
  const body = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([0x0c]), derLength(body.length), body]);
}

export function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

// --- ECDSA over a digest -------------------------------------------------------------------------
// Rekor checks a hashedrekord signature against the submitted digest (hashedrekord v0.0.1
// entry.go validate(): sigObj.Verify(nil, key, options.WithDigest(...))). Node's crypto only
// verifies over a message it hashes itself, so the prehashed case is done here with BigInt.

const CURVES: Record<string, { p: bigint; n: bigint; a: bigint; gx: bigint; gy: bigint }> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    a: -3n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    a: -3n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  },
};

type Point = { x: bigint; y: bigint } | null;
const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(P: Point, Q: Point, c: { p: bigint; a: bigint }): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const l =
    P.x === Q.x && P.y === Q.y
      ? mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p)
      : mod((Q.y - P.y) * inv(Q.x - P.x, c.p), c.p);
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}

function mul(k: bigint, P: Point, c: { p: bigint; a: bigint }): Point {
  let R: Point = null;
  for (let Q = P; k > 0n; k >>= 1n, Q = add(Q, Q, c)) if (k & 1n) R = add(R, Q, c);
  return R;
}

/** Reads an ASN.1 `SEQUENCE { INTEGER r, INTEGER s }` (short or long lengths). */
function parseDerSignature(sig: Buffer): { r: bigint; s: bigint } | undefined {
  let i = 0;
  const len = (): number => {
    const b = sig[i++] ?? 0;
    if (b < 0x80) return b;
    let n = 0;
    for (let k = 0; k < (b & 0x7f); k++) n = n * 256 + (sig[i++] ?? 0);
    return n;
  };
  const int = (): bigint | undefined => {
    if (sig[i++] !== 0x02) return undefined;
    const n = len();
    const v = sig.subarray(i, i + n);
    i += n;
    return v.length ? BigInt(`0x${v.toString('hex')}`) : undefined;
  };
  if (sig[i++] !== 0x30) return undefined;
  len();
  const r = int();
  const s = int();
  return r !== undefined && s !== undefined && i === sig.length ? { r, s } : undefined;
}

/** ECDSA (P-256/P-384) verification of a DER signature over an already computed digest. */
export function verifyEcdsaDigest(key: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const jwk = key.export({ format: 'jwk' });
  const c = jwk.crv ? CURVES[jwk.crv] : undefined;
  const rs = parseDerSignature(signature);
  if (!c || !rs || !jwk.x || !jwk.y) return false;
  const { r, s } = rs;
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
  const bits = c.n.toString(2).length;
  let e = BigInt(`0x${digest.toString('hex') || '0'}`);
  if (digest.length * 8 > bits) e >>= BigInt(digest.length * 8 - bits);
  const Q = {
    x: BigInt(`0x${Buffer.from(jwk.x, 'base64url').toString('hex')}`),
    y: BigInt(`0x${Buffer.from(jwk.y, 'base64url').toString('hex')}`),
  };
  const w = inv(s, c.n);
  const X = add(mul(mod(e * w, c.n), { x: c.gx, y: c.gy }, c), mul(mod(r * w, c.n), Q, c), c);
  return X !== null && mod(X.x, c.n) === r;
}

/** A public key from PEM (SPKI or certificate), as Rekor's x509 PKI type accepts either. */
export function publicKeyFromPem(pem: string): { key: KeyObject; canonicalPem: string } {
  const block = pemBlocks(pem)[0];
  if (!block) throw new Error('no PEM block');
  if (block.label === 'CERTIFICATE') {
    return {
      key: createPublicKey({ key: toPem(block.der, 'CERTIFICATE') }),
      canonicalPem: toPem(block.der, 'CERTIFICATE'),
    };
  }
  const key = createPublicKey({ key: block.der, format: 'der', type: 'spki' });
  return { key, canonicalPem: toPem(key.export({ format: 'der', type: 'spki' }), 'PUBLIC KEY') };
}
