// A loopback token server for the Docker Registry token spec
// (https://distribution.github.io/distribution/spec/auth/token/ and …/auth/oauth/), so the
// Bearer flow — challenge, scoped token, token reuse, refresh tokens — runs against a real
// distribution registry instead of a mock.
//
// What distribution v2.8 checks (registry/auth/token/token.go, accesscontroller.go, vendored
// libtrust ec_key.go), and so what the tokens here are shaped for:
//  - iss must equal auth.token.issuer and aud must equal auth.token.service; aud is decoded into a
//    Go string, so it has to be a single string, never an array; exp/nbf are int64 seconds,
//    checked with 60 s leeway.
//  - the signing key comes from the header, first match wins: x5c (chain verified against
//    rootcertbundle with ExtKeyUsageAny), else jwk, else kid (a libtrust key fingerprint of a root
//    cert's key). We send x5c = [our self-signed root], which Go accepts as a chain of one.
//  - the signature is checked by libtrust: alg must be the one the key's curve implies (ES256 for
//    P-256) and the signature raw r||s of 64 bytes, which is what JOSE ES256 produces.
//  - access[] is matched by (type, name) and action; "*" grants every action.
import { randomBytes, randomUUID, timingSafeEqual, webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { x509 } from './x509.js';

export interface ResourceAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  /** How the client authenticated: Basic on GET, an OAuth2 grant on POST, or not at all. */
  grant: 'basic' | 'anonymous' | 'refresh_token' | 'password';
  /** Every scope asked for, one entry per `type:name:actions`. */
  scope: string[];
  authorized: boolean;
  /** What the issued token grants ([] when not authorized). */
  granted: ResourceAccess[];
  service?: string;
}

export interface TokenIssuerOptions {
  username: string;
  password: string;
  service?: string;
  issuer?: string;
  /** The one refresh token accepted by the POST refresh_token grant; random if not given. */
  refreshToken?: string;
  /** Repositories for which push is never granted, to provoke insufficient_scope. */
  denyPush?: Iterable<string>;
  denyPull?: Iterable<string>;
  /** Grant pull (only) to requests without credentials, like a public Hub repository. */
  anonymousPull?: boolean;
  expiresIn?: number;
}

export interface IssueOptions {
  subject?: string;
  expiresIn?: number;
  /** Overrides for negative tests (wrong audience or issuer). */
  audience?: string;
  issuer?: string;
}

export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  username: string;
  password: string;
  refreshToken: string;
  /** PEM of the self-signed signing cert: the registry's auth.token.rootcertbundle. */
  certPem: string;
  /** Mutable, so one test can tighten the policy after the registry started. */
  denyPush: Set<string>;
  denyPull: Set<string>;
  requests: TokenRequestRecord[];
  /** Signs a token granting `scopes` as asked, bypassing HTTP and policy. */
  issue(scopes: string[], opts?: IssueOptions): Promise<string>;
  stop(): Promise<void>;
}

/** `repository:ns/name:pull,push` → parts; the name may not contain ':' but type and actions bound it. */
export function parseScope(scope: string): ResourceAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return undefined;
  const actions = scope.slice(last + 1).split(',');
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: actions.filter(Boolean),
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicCredentials(req: IncomingMessage): { user: string; pass: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startTokenIssuer(opts: TokenIssuerOptions): Promise<TokenIssuer> {
  const service = opts.service ?? 'sigstamp-test-registry';
  const issuerName = opts.issuer ?? 'sigstamp-test-token-issuer';
  const expiresIn = opts.expiresIn ?? 300;
  const refreshToken = opts.refreshToken ?? randomBytes(24).toString('base64url');
  const denyPush = new Set(opts.denyPush ?? []);
  const denyPull = new Set(opts.denyPull ?? []);
  const requests: TokenRequestRecord[] = [];

  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;

  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    // A leading 01 keeps the DER INTEGER positive: recent Go rejects negative serial numbers.
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    name: 'CN=sigstamp test token issuer',
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 7 * 86_400_000),
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  const x5c = [Buffer.from(cert.rawData).toString('base64')];

  const sign = async (access: ResourceAccess[], o: IssueOptions = {}): Promise<string> => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ access })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c })
      .setIssuer(o.issuer ?? issuerName)
      .setSubject(o.subject ?? opts.username)
      .setAudience(o.audience ?? service)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + (o.expiresIn ?? expiresIn))
      .setJti(randomUUID())
      .sign(keys.privateKey);
  };

  const grant = (scopes: string[], anonymous: boolean): ResourceAccess[] =>
    scopes.flatMap((s) => {
      const r = parseScope(s);
      if (!r) return [];
      const actions = r.actions.filter((a) => {
        if (r.type !== 'repository') return !anonymous;
        if (anonymous) return a === 'pull' && !denyPull.has(r.name);
        if (a === 'push') return !denyPush.has(r.name);
        if (a === 'pull') return !denyPull.has(r.name);
        if (a === '*') return !denyPush.has(r.name) && !denyPull.has(r.name);
        return true;
      });
      return actions.length ? [{ ...r, actions }] : [];
    });

  // Scopes may repeat as parameters and, in the OAuth2 form, be space-separated within one.
  const scopesOf = (params: URLSearchParams): string[] =>
    params.getAll('scope').flatMap((s) => s.split(' ').filter(Boolean));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/token') return send(res, 404, { error: 'not_found' });
    const isPost = req.method === 'POST';
    if (!isPost && req.method !== 'GET') return send(res, 405, { error: 'method_not_allowed' });
    const params = isPost ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const scope = scopesOf(params);
    const record: TokenRequestRecord = {
      method: isPost ? 'POST' : 'GET',
      grant: 'anonymous',
      scope,
      authorized: false,
      granted: [],
      service: params.get('service') ?? undefined,
    };
    requests.push(record);

    let offline = false;
    if (isPost) {
      const grantType = params.get('grant_type');
      if (grantType === 'refresh_token') {
        record.grant = 'refresh_token';
        record.authorized = sameSecret(params.get('refresh_token') ?? '', refreshToken);
      } else if (grantType === 'password') {
        record.grant = 'password';
        record.authorized =
          sameSecret(params.get('username') ?? '', opts.username) &&
          sameSecret(params.get('password') ?? '', opts.password);
        offline = params.get('access_type') === 'offline';
      } else {
        return send(res, 400, { error: 'unsupported_grant_type' });
      }
    } else {
      const creds = basicCredentials(req);
      if (creds) {
        record.grant = 'basic';
        record.authorized = sameSecret(creds.user, opts.username) && sameSecret(creds.pass, opts.password);
        offline = params.get('offline_token') === 'true';
      } else {
        record.authorized = opts.anonymousPull === true;
      }
    }
    if (!record.authorized) {
      // Only the Basic path gets a challenge; a failed OAuth2 grant is a plain rejection.
      const basic = record.grant === 'basic' || record.grant === 'anonymous';
      const www = basic ? { 'www-authenticate': 'Basic realm="sigstamp-test-token-issuer"' } : undefined;
      return send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, www);
    }
    record.granted = grant(scope, record.grant === 'anonymous');
    const token = await sign(record.granted);
    send(res, 200, {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date().toISOString(),
      ...(offline ? { refresh_token: refreshToken } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.unref();
  const { port } = server.address() as AddressInfo;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer: issuerName,
    username: opts.username,
    password: opts.password,
    refreshToken,
    certPem: cert.toString('pem'),
    denyPush,
    denyPull,
    requests,
    issue: (scopes, o) =>
      sign(
        scopes.flatMap((sc) => parseScope(sc) ?? []),
        o,
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
