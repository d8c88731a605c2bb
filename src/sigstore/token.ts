import { describeUrl, readBody, retryBodyReads, type Transport } from '../http/transport.js';

/**
 * The OIDC identity token: where it comes from and what we may read from it before Fulcio has
 * verified it (only enough to fail early with a useful message; everything that ends up in a
 * signed statement comes from the certificate Fulcio issued, i.e. from claims it verified).
 */

export type Claims = Record<string, unknown> & {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
};

export class IdentityTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityTokenError';
  }
}

/** Something that hands out OIDC tokens for an audience. */
export interface TokenSource {
  readonly description: string;
  getToken(audience: string): Promise<string>;
}

export const MISSING_ID_TOKEN_PERMISSION =
  'no GitHub OIDC token is available to this job: add `permissions: id-token: write` to the job (and, in a reusable ' +
  'workflow, to the calling job too); on a pull request from a fork GitHub never grants it';

export function decodeClaims(token: string): Claims {
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new IdentityTokenError('the identity token is not a JWT (expected three dot-separated parts)');
  try {
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
  } catch {
    throw new IdentityTokenError('the identity token is not a JWT (its payload is not base64url JSON)');
  }
}

/** Fails early (and clearly) on a token Fulcio would refuse anyway for its lifetime. */
export function assertFresh(claims: Claims, now = Date.now()): void {
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
    throw new IdentityTokenError(
      `the identity token expired at ${new Date(claims.exp * 1000).toISOString()}; request a fresh one ` +
        '(in GitHub Actions tokens live a few minutes: sigstamp fetches its own right before signing)',
    );
  }
}

/** A token given outright (the CLI's --identity-token). */
export function staticTokenSource(token: string): TokenSource {
  return { description: 'the given identity token', getToken: async () => token };
}

/**
 * GitHub Actions' token request protocol (what `core.getIDToken` speaks): GET
 * $ACTIONS_ID_TOKEN_REQUEST_URL&audience=… with the request token as Bearer; answers {"value": jwt}.
 * Used by the CLI inside a workflow step; the Action itself goes through @actions/core.
 */
export function actionsTokenSource(env: NodeJS.ProcessEnv, transport: Transport): TokenSource {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  return {
    description: 'the GitHub Actions OIDC token service',
    async getToken(audience) {
      if (!url || !requestToken) throw new IdentityTokenError(MISSING_ID_TOKEN_PERMISSION);
      const u = new URL(url);
      u.searchParams.set('audience', audience);
      const { res, body } = await retryBodyReads(async () => {
        const res = await transport.send({
          method: 'GET',
          url: u.toString(),
          headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' },
        });
        return {
          res,
          body: await readBody(res, 64 * 1024, `OIDC token response of ${describeUrl(u.toString())}`),
        };
      });
      if (res.status !== 200) {
        throw new IdentityTokenError(
          res.status >= 500 || res.status === 429
            ? `the OIDC token service ${describeUrl(u.toString())} answered HTTP ${res.status}; it is unavailable, retry the job later`
            : `the OIDC token service ${describeUrl(u.toString())} answered HTTP ${res.status}; ${MISSING_ID_TOKEN_PERMISSION}`,
        );
      }
      let value: string | undefined;
      try {
        value = (JSON.parse(body.toString('utf8')) as { value?: string }).value;
      } catch {
        throw new IdentityTokenError(
          `the OIDC token service ${describeUrl(u.toString())} answered something that is not JSON; retry the job later`,
        );
      }
      if (!value)
        throw new IdentityTokenError(
          `the OIDC token service ${describeUrl(u.toString())} answered without a token`,
        );
      return value;
    },
  };
}
