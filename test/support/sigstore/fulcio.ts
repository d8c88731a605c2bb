// A loopback Fulcio that authenticates like the real one and issues what it issues for a GitHub
// Actions token (the certificate itself: ./fulcio-ca.ts).
//
// Request handling follows Fulcio v1.8.8:
//  - pkg/server/grpc_server.go CreateSigningCertificate (POST /api/v2/signingCert via grpc-gateway):
//    token from credentials.oidcIdentityToken; public key PEM (or DER) from
//    publicKeyRequest.publicKey.content; proofOfPossession = a signature over the principal's
//    Name(), which for a ci-provider issuer is the token's `sub` (ciprovider/principal.go), checked
//    with the key's default hash (challenges.CheckSignatureWithVerifier). Every failure is gRPC
//    InvalidArgument, i.e. HTTP 400 `{"code":3,"message":…,"details":[]}` with the fixed client
//    messages of pkg/server/error.go; the reason is only logged (here: `rejections`).
//  - pkg/identity/authorize.go + go-oidc: the issuer must be configured (client-id `sigstore`), the
//    signature must verify against the issuer's JWKS found by discovery, aud must contain
//    `sigstore`, exp is checked without leeway and nbf with go-oidc's 5 minutes.
//  - pkg/server/legacy_server.go: POST /api/v1/signingCert (what cosign v2 calls) answers 201 with
//    the PEM chain concatenated; GET /api/v1/rootCert the CA chain.
//  - No CT log: the response is signedCertificateDetachedSct without an SCT, as from a Fulcio
//    started with `--ct-log-url=`; verifiers run with SCT checks off.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { IncomingMessage } from 'node:http';
import { Faults, nowSeconds, readBody, sendJson, sendText, startLoopback, toPem } from './common.js';
import { createFulcioCa, githubIdentity, ValidationError, type FulcioCa } from './fulcio-ca.js';
import type { OidcIssuer } from './oidc.js';

const INVALID_TOKEN = 'There was an error processing the identity token';
const INVALID_KEY = 'The public key supplied in the request could not be parsed';
const INSECURE_KEY = 'The public key supplied in the request is insecure';
const INVALID_SIGNATURE = 'The signature supplied in the request could not be verified';
const GO_OIDC_NBF_LEEWAY = 300;

export interface FulcioOptions {
  /** Issuers Fulcio trusts (config `oidc-issuers`, type ci-provider / github-workflow). */
  oidc: Pick<OidcIssuer, 'issuer'> | Array<Pick<OidcIssuer, 'issuer'>>;
  /** `url` default template value: the SAN host. GHES/GHE.com Fulcios configure their own. */
  serverUrl?: string;
}

export interface FulcioStandIn {
  url: string;
  ca: FulcioCa;
  /** PEM [intermediate, root]. */
  chainPem: string[];
  /** signingCert calls (v1 and v2), whatever their outcome. */
  readonly requests: number;
  /** Leaf PEMs issued, in order. */
  readonly issued: string[];
  /** Why requests were refused, in order (real Fulcio only logs these). */
  readonly rejections: string[];
  /** The next n signingCert calls answer `status` (e.g. 503) before doing anything else. */
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly clientMessage: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** The hash sigstore's signature.LoadDefaultVerifier picks per key (and goodkey's key checks). */
function defaultHash(key: KeyObject): string | null {
  if (key.asymmetricKeyType === 'ed25519') return null;
  if (key.asymmetricKeyType === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Refusal(INSECURE_KEY, 'RSA < 2048');
    return 'sha256';
  }
  if (key.asymmetricKeyType === 'ec') {
    const hash = { prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' }[
      key.asymmetricKeyDetails?.namedCurve ?? ''
    ];
    if (hash) return hash;
  }
  throw new Refusal(INSECURE_KEY, `unsupported key ${key.asymmetricKeyType}`);
}

function parsePublicKey(content: string): KeyObject {
  try {
    return createPublicKey(
      content.includes('-----BEGIN')
        ? content
        : { key: Buffer.from(content, 'base64'), format: 'der', type: 'spki' },
    );
  } catch (err) {
    throw new Refusal(INVALID_KEY, String(err));
  }
}

export async function startFulcio(opts: FulcioOptions): Promise<FulcioStandIn> {
  const issuers = new Set((Array.isArray(opts.oidc) ? opts.oidc : [opts.oidc]).map((o) => o.issuer));
  const ca = await createFulcioCa();
  const faults = new Faults();
  const issued: string[] = [];
  const rejections: string[] = [];
  let requests = 0;
  const jwks = new Map<string, { keys: ReturnType<typeof createRemoteJWKSet>; algs: string[] }>();

  // OIDC discovery as go-oidc's NewProvider does it: the document's issuer must match.
  const discover = async (iss: string) => {
    const known = jwks.get(iss);
    if (known) return known;
    const res = await fetch(`${iss}/.well-known/openid-configuration`).catch((err: unknown) => {
      throw new Refusal(INVALID_TOKEN, `discovery for ${iss}: ${String(err)}`);
    });
    if (!res.ok) throw new Refusal(INVALID_TOKEN, `discovery for ${iss}: HTTP ${res.status}`);
    const doc = (await res.json()) as {
      issuer: string;
      jwks_uri: string;
      id_token_signing_alg_values_supported?: string[];
    };
    if (doc.issuer !== iss) throw new Refusal(INVALID_TOKEN, `issuer mismatch: ${doc.issuer} != ${iss}`);
    const entry = {
      keys: createRemoteJWKSet(new URL(doc.jwks_uri)),
      algs: doc.id_token_signing_alg_values_supported ?? ['RS256'],
    };
    jwks.set(iss, entry);
    return entry;
  };

  const authenticate = async (token: string): Promise<JWTPayload> => {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch (err) {
      throw new Refusal(INVALID_TOKEN, `malformed token: ${String(err)}`);
    }
    if (!iss || !issuers.has(iss)) throw new Refusal(INVALID_TOKEN, `unsupported issuer: ${iss}`);
    const { keys, algs } = await discover(iss);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: iss,
        audience: 'sigstore',
        algorithms: algs,
        clockTolerance: GO_OIDC_NBF_LEEWAY,
      }));
    } catch (err) {
      // jose applies the nbf leeway to exp too; go-oidc's message for an expired token is kept.
      if ((err as { code?: string }).code === 'ERR_JWT_EXPIRED')
        throw new Refusal(INVALID_TOKEN, 'oidc: token is expired');
      throw new Refusal(INVALID_TOKEN, `oidc: ${err instanceof Error ? err.message : String(err)}`);
    }
    // go-oidc: "token is expired" as soon as exp is past, no leeway.
    if (payload.exp === undefined || payload.exp < nowSeconds())
      throw new Refusal(INVALID_TOKEN, 'oidc: token is expired');
    return payload;
  };

  const createCertificate = async (token: string, keyContent: string, proof: Buffer): Promise<string[]> => {
    const claims = await authenticate(token);
    const key = parsePublicKey(keyContent);
    const hash = defaultHash(key);
    // challenges.CheckSignatureWithVerifier(verifier, proof, principal.Name()) — Name() is `sub`.
    if (!verify(hash, Buffer.from(claims.sub ?? '', 'utf8'), key, proof)) {
      throw new Refusal(INVALID_SIGNATURE, 'proof of possession does not verify over sub');
    }
    let identity;
    try {
      identity = githubIdentity(claims as Record<string, unknown>, opts.serverUrl);
    } catch (err) {
      if (err instanceof ValidationError) throw new Refusal(err.message, err.message);
      throw err;
    }
    const spki = key.export({ format: 'der', type: 'spki' });
    // PEM as Go's cryptoutils.MarshalCertificateToPEM writes it (trailing newline: chains concatenate).
    const leaf = toPem(new Uint8Array((await ca.issue(spki, identity)).rawData), 'CERTIFICATE');
    issued.push(leaf);
    return [leaf, ...ca.chainPem];
  };

  const bearer = (req: IncomingMessage): string =>
    /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';

  const server = await startLoopback(async (req, res, url) => {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/api/v2/trustBundle') {
      return sendJson(res, 200, { chains: [{ certificates: ca.chainPem }] });
    }
    if (req.method === 'GET' && path === '/api/v1/rootCert') {
      return sendText(res, 200, ca.chainPem.join('\n').trim(), 'application/pem-certificate-chain');
    }
    if (req.method === 'GET' && path === '/api/v2/configuration') {
      const list = [...issuers].map((i) => ({
        issuerUrl: i,
        audience: 'sigstore',
        challengeClaim: 'sub',
        issuerType: 'ci-provider',
      }));
      return sendJson(res, 200, { issuers: list });
    }
    const v2 = path === '/api/v2/signingCert';
    if (req.method !== 'POST' || (!v2 && path !== '/api/v1/signingCert')) {
      return sendJson(res, 404, { code: 5, message: 'Not Found', details: [] });
    }
    requests++;
    const status = faults.take();
    if (status !== undefined)
      return sendJson(res, status, { code: 14, message: 'injected failure', details: [] });
    try {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
        credentials?: { oidcIdentityToken?: string };
        publicKeyRequest?: { publicKey?: { content?: string }; proofOfPossession?: string };
        publicKey?: { content?: string };
        signedEmailAddress?: string;
      };
      if (v2) {
        const token = body.credentials?.oidcIdentityToken ?? bearer(req);
        const pkr = body.publicKeyRequest;
        const chain = await createCertificate(
          token,
          pkr?.publicKey?.content ?? '',
          Buffer.from(pkr?.proofOfPossession ?? '', 'base64'),
        );
        return sendJson(res, 200, { signedCertificateDetachedSct: { chain: { certificates: chain } } });
      }
      // v1: the key content is JSON []byte (base64 of the PEM), the proof is signedEmailAddress.
      const keyContent = Buffer.from(body.publicKey?.content ?? '', 'base64').toString('utf8');
      const chain = await createCertificate(
        bearer(req),
        keyContent,
        Buffer.from(body.signedEmailAddress ?? '', 'base64'),
      );
      return sendText(res, 201, chain.join('\n').trim(), 'application/pem-certificate-chain');
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      rejections.push(err.message);
      return sendJson(res, 400, { code: 3, message: err.clientMessage, details: [] });
    }
  });

  return {
    url: server.url,
    ca,
    chainPem: ca.chainPem,
    get requests() {
      return requests;
    },
    issued,
    rejections,
    failNext: (n, status) => faults.failNext(n, status),
    stop: server.stop,
  };
}
