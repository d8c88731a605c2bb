// A loopback OIDC issuer shaped like GitHub Actions' (https://token.actions.githubusercontent.com):
// discovery document, JWKS, RS256 ID tokens with the full GitHub claim set, and the runner's token
// request protocol (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN), so the action under test can run as the
// runner runs it and the Fulcio stand-in (or a real Fulcio) can verify what it receives.
//
// Claim names and value types follow GitHub's "About security hardening with OpenID Connect"
// example token: every id and number is a JSON string, ref_protected is "true"/"false", head_ref and
// base_ref are "" outside pull requests. The token endpoint mirrors what @actions/core getIDToken
// and sigstore-js identity/ci.js call: GET <request URL>&audience=X with
// `Authorization: Bearer <request token>`, answered with {"value": "<jwt>"}.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { nowSeconds, sendJson, startLoopback } from './common.js';

export interface GitHubClaims {
  iss: string;
  sub: string;
  ref: string;
  ref_type: string;
  ref_protected: string;
  sha: string;
  repository: string;
  repository_id: string;
  repository_owner: string;
  repository_owner_id: string;
  repository_visibility: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  runner_environment: string;
  actor: string;
  actor_id: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  event_name: string;
  head_ref: string;
  base_ref: string;
  /** Only present for jobs that reference an environment (Fulcio .1.23 reads it). */
  environment?: string;
  /** Only present for repositories in an enterprise. */
  enterprise?: string;
  enterprise_id?: string;
  check_run_id?: string;
}

export const DEFAULT_OWNER = 'sigstamp-test';
export const DEFAULT_REPO = `${DEFAULT_OWNER}/app`;
export const DEFAULT_SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

/** A tag push of `release.yml` in DEFAULT_REPO, the common case sigstamp signs in. */
export function defaultClaims(issuer: string): GitHubClaims {
  const ref = 'refs/tags/v1.2.3';
  const workflowRef = `${DEFAULT_REPO}/.github/workflows/release.yml@${ref}`;
  return {
    iss: issuer,
    sub: `repo:${DEFAULT_REPO}:ref:${ref}`,
    ref,
    ref_type: 'tag',
    ref_protected: 'false',
    sha: DEFAULT_SHA,
    repository: DEFAULT_REPO,
    repository_id: '712345678',
    repository_owner: DEFAULT_OWNER,
    repository_owner_id: '98765432',
    repository_visibility: 'public',
    run_id: '11223344556',
    run_number: '42',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'Release',
    workflow_ref: workflowRef,
    workflow_sha: DEFAULT_SHA,
    job_workflow_ref: workflowRef,
    job_workflow_sha: DEFAULT_SHA,
    event_name: 'push',
    head_ref: '',
    base_ref: '',
    check_run_id: '33445566778',
  };
}

export interface MintOptions {
  audience?: string;
  expiresInSeconds?: number;
  /** Epoch seconds; defaults to now (the shared clock). */
  issuedAt?: number;
}

export interface OidcIssuer {
  /** The `iss` of every token, and the base URL of the discovery document. */
  issuer: string;
  jwksUri: string;
  /** For ACTIONS_ID_TOKEN_REQUEST_URL (already carries a query, as the runner's URL does). */
  requestUrl: string;
  /** For ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string;
  /** The public JWK the tokens are signed with. */
  jwk: JWK;
  mint(overrides?: Partial<GitHubClaims>, opts?: MintOptions): Promise<string>;
  /** Claims (over the defaults) that the token endpoint mints from now on. */
  setClaims(overrides: Partial<GitHubClaims>): void;
  /**
   * An ACTIONS_ID_TOKEN_REQUEST_TOKEN of one job of its own, for which the endpoint mints these
   * claims: the runner gives every job its own request token, so concurrent jobs get their own runs.
   */
  jobRequestToken(overrides: Partial<GitHubClaims>): string;
  /** GET /token calls, authorized or not. */
  readonly tokenRequests: number;
  /** Audiences asked for at /token, in order. */
  readonly audiences: string[];
  /** Every token the token endpoint handed out, so tests can look for them where they must not be. */
  readonly issuedTokens: string[];
  stop(): Promise<void>;
}

export interface OidcIssuerOptions {
  /** GitHub signs with RS256; ES256 is there to exercise a second algorithm. */
  alg?: 'RS256' | 'ES256';
  /**
   * The `iss` of its tokens and of its discovery document, when it is served at a real hostname
   * (GitHub's https://token.actions.githubusercontent.com through test/support/tls-front.ts);
   * default its own loopback URL. The token request URL stays on loopback either way.
   */
  issuer?: string;
}

// GitHub's tokens (and its documented example) carry nbf = iat - 600 and exp = iat + 300.
const JWT_LIFETIME = 300;
const NBF_BACKDATE = 600;

export async function startOidcIssuer(opts: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const alg = opts.alg ?? 'RS256';
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  Object.assign(jwk, { kid, alg, use: 'sig' });
  const requestToken = randomBytes(24).toString('base64url');
  let nextClaims: Partial<GitHubClaims> = {};
  const jobClaims = new Map<string, Partial<GitHubClaims>>();
  let tokenRequests = 0;
  const audiences: string[] = [];
  const issuedTokens: string[] = [];

  let issuer = '';
  const mint = async (overrides: Partial<GitHubClaims> = {}, o: MintOptions = {}): Promise<string> => {
    const claims: Record<string, unknown> = { ...defaultClaims(issuer), ...overrides };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    const iat = o.issuedAt ?? nowSeconds();
    return new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT', kid })
      .setJti(randomUUID())
      .setAudience(o.audience ?? 'sigstore')
      .setIssuedAt(iat)
      .setNotBefore(iat - NBF_BACKDATE)
      .setExpirationTime(iat + (o.expiresInSeconds ?? JWT_LIFETIME))
      .sign(privateKey);
  };

  const sameSecret = (a: string, b: string): boolean =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  const server = await startLoopback(async (req, res, url) => {
    if (req.method !== 'GET') return sendJson(res, 405, { message: 'method not allowed' });
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        // The fields of GitHub's discovery document that go-oidc and jose read.
        return sendJson(res, 200, {
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks`,
          subject_types_supported: ['public', 'pairwise'],
          response_types_supported: ['id_token'],
          claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository', 'sha'],
          id_token_signing_alg_values_supported: [alg],
          scopes_supported: ['openid'],
        });
      case '/.well-known/jwks':
        return sendJson(res, 200, { keys: [jwk] });
      case '/token': {
        tokenRequests++;
        const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const job = [...jobClaims].find(([token]) => sameSecret(auth, token))?.[1];
        if (!job && !sameSecret(auth, requestToken)) return sendJson(res, 401, { message: 'Unauthorized' });
        const overrides = job ?? nextClaims;
        // Without an audience GitHub uses the owner's URL (never `sigstore`).
        const claims = { ...defaultClaims(issuer), ...overrides };
        const audience = url.searchParams.get('audience') ?? `https://github.com/${claims.repository_owner}`;
        audiences.push(audience);
        const value = await mint(overrides, { audience });
        issuedTokens.push(value);
        return sendJson(res, 200, { count: 1, value });
      }
      default:
        return sendJson(res, 404, { message: 'not found' });
    }
  });
  issuer = opts.issuer ?? server.url;

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks`,
    requestUrl: `${server.url}/token?api-version=2.0`,
    requestToken,
    jwk,
    mint,
    setClaims: (overrides) => void (nextClaims = { ...overrides }),
    jobRequestToken: (overrides) => {
      const token = randomBytes(24).toString('base64url');
      jobClaims.set(token, { ...overrides });
      return token;
    },
    get tokenRequests() {
      return tokenRequests;
    },
    audiences,
    issuedTokens,
    stop: server.stop,
  };
}
