import {
  describeUrl,
  discard,
  header,
  readBody,
  type HttpRequest,
  type HttpResponse,
  type Transport,
} from '../http/transport.js';
import type { Credential } from './credential.js';

/**
 * Registry authentication: anonymous, Basic, and the Bearer token flow of the distribution token spec
 * (challenge -> realm/service/scope -> token, cached per scope, refreshed on 401), including the
 * OAuth2 refresh-token grant used with identity tokens. Secrets live only in request headers and
 * form bodies: no message built here contains one.
 */

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses a WWW-Authenticate header (RFC 7235): `Bearer realm="…",service="…",scope="a:b:pull,push"`. */
export function parseChallenges(value: string): Challenge[] {
  const out: Challenge[] = [];
  const token = /[A-Za-z0-9!#$%&'*+.^_`|~-]+/y;
  let i = 0;
  const skip = (chars: RegExp) => {
    while (i < value.length && chars.test(value[i]!)) i++;
  };
  for (;;) {
    skip(/[\s,]/);
    token.lastIndex = i;
    const name = token.exec(value)?.[0];
    if (!name) break;
    i += name.length;
    skip(/ /);
    if (value[i] !== '=' || out.length === 0) {
      out.push({ scheme: name.toLowerCase(), params: {} });
      continue;
    }
    i++;
    skip(/ /);
    let v = '';
    if (value[i] === '"') {
      for (i++; i < value.length && value[i] !== '"'; i++)
        v += value[i] === '\\' ? (value[++i] ?? '') : value[i];
      i++;
    } else {
      while (i < value.length && !/[\s,]/.test(value[i]!)) v += value[i++];
    }
    out.at(-1)!.params[name.toLowerCase()] = v;
  }
  return out;
}

export type Action = 'pull' | 'push' | 'delete';

export function repositoryScope(repository: string, actions: Action[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

const TOKEN_RESPONSE_LIMIT = 1 << 20;

export class RegistryAuth {
  private scheme: 'none' | 'basic' | 'bearer' | undefined;
  private bearer: Challenge['params'] | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly registry: string,
    private readonly transport: Transport,
    private readonly credential: () => Promise<Credential | undefined>,
  ) {}

  /**
   * Sends `req` with the authorization the registry asked for, learning the scheme from the first
   * 401 and retrying once with a fresh token. `scopes` are what this request needs (pull for reads,
   * pull+push for writes) and are merged with the scope the registry's challenge names.
   */
  async send(req: HttpRequest, scopes: string[]): Promise<HttpResponse> {
    const first = await this.transport.send(await this.withAuthorization(req, scopes, false));
    if (first.status !== 401) return first;
    const challenge = header(first, 'www-authenticate');
    await discard(first);
    await this.learn(challenge, req);
    const second = await this.transport.send(
      await this.withAuthorization(req, this.scopesFor(scopes, challenge), true),
    );
    if (second.status !== 401) return second;
    await discard(second);
    const cred = await this.credential();
    const denied = parseChallenges(header(second, 'www-authenticate') ?? '').find(
      (c) => c.params.error === 'insufficient_scope',
    );
    if (denied && cred) {
      throw new AuthError(
        `registry ${this.registry} refused ${req.method} ${describeUrl(req.url)}: the credential from ${cred.source} ` +
          `is not allowed ${denied.params.scope ?? scopes.join(' ')} (insufficient_scope); give it that access ` +
          '(on GHCR: `permissions: packages: write` for GITHUB_TOKEN, or a token with write:packages)',
      );
    }
    throw new AuthError(
      `registry ${this.registry} refused ${req.method} ${describeUrl(req.url)} (HTTP 401)` +
        (cred
          ? ` with the credential from ${cred.source}: check that it is valid and may ${scopes.join(' ')}`
          : ': no credential was found for it; log in (docker login / docker/login-action) or pass registry-username and registry-password'),
    );
  }

  private scopesFor(scopes: string[], challenge: string | undefined): string[] {
    const bearer = challenge ? parseChallenges(challenge).find((c) => c.scheme === 'bearer') : undefined;
    const asked = bearer?.params.scope?.split(' ').filter(Boolean) ?? [];
    return [...new Set([...scopes, ...asked])];
  }

  private async learn(value: string | undefined, req: HttpRequest): Promise<void> {
    const challenges = value ? parseChallenges(value) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer?.params.realm) {
      this.scheme = 'bearer';
      this.bearer = bearer.params;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      this.scheme = 'basic';
      const cred = await this.credential();
      if (!cred?.username || cred.password === undefined) {
        throw new AuthError(
          `registry ${this.registry} requires a login for ${req.method} ${describeUrl(req.url)} (HTTP 401, Basic) and no credential was found; ` +
            'log in (docker login / docker/login-action) or pass registry-username and registry-password',
        );
      }
      return;
    }
    throw new AuthError(
      `registry ${this.registry} answered HTTP 401 to ${req.method} ${describeUrl(req.url)} without a usable WWW-Authenticate challenge`,
    );
  }

  private async withAuthorization(req: HttpRequest, scopes: string[], fresh: boolean): Promise<HttpRequest> {
    if (this.scheme === 'basic') {
      const cred = await this.credential();
      if (!cred?.username) return req;
      const basic = Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64');
      return { ...req, headers: { ...req.headers, authorization: `Basic ${basic}` } };
    }
    if (this.scheme === 'bearer') {
      const token = await this.token(scopes, fresh);
      return { ...req, headers: { ...req.headers, authorization: `Bearer ${token.value}` } };
    }
    return req;
  }

  private async token(scopes: string[], fresh: boolean): Promise<CachedToken> {
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expiresAt > Date.now()) return cached;
    // Concurrent requests for one scope share one token request.
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(scopes).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const token = await pending;
    this.tokens.set(key, token);
    return token;
  }

  private async fetchToken(scopes: string[]): Promise<CachedToken> {
    const params = this.bearer!;
    const realm = new URL(params.realm!);
    const cred = await this.credential();
    const form = new URLSearchParams();
    if (params.service) form.set('service', params.service);
    let req: HttpRequest;
    if (cred?.identityToken) {
      // OAuth2 refresh-token grant (distribution token spec, "oauth.md"): identity tokens are refresh tokens.
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', cred.identityToken);
      form.set('client_id', 'sigstamp');
      if (scopes.length) form.set('scope', scopes.join(' '));
      req = {
        method: 'POST',
        url: realm.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
      };
    } else {
      for (const s of scopes) form.append('scope', s);
      for (const [k, v] of form) realm.searchParams.append(k, v);
      const headers: Record<string, string> = {};
      if (cred?.username) {
        headers.authorization =
          'Basic ' + Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64');
      }
      req = { method: 'GET', url: realm.toString(), headers };
    }
    const res = await this.transport.send(req);
    const who = cred ? `the credential from ${cred.source}` : 'anonymous access';
    if (res.status !== 200) {
      await discard(res);
      throw new AuthError(
        `the token service of registry ${this.registry} (${describeUrl(realm.toString())}) refused ${who} for ${scopes.join(' ')} (HTTP ${res.status})` +
          (cred
            ? ': check the username and password or token'
            : ': log in or pass registry-username and registry-password'),
      );
    }
    const body = JSON.parse(
      (await readBody(res, TOKEN_RESPONSE_LIMIT, 'token response')).toString('utf8'),
    ) as {
      token?: string;
      access_token?: string;
      expires_in?: number;
    };
    const value = body.token ?? body.access_token;
    if (!value)
      throw new AuthError(`the token service of registry ${this.registry} answered without a token`);
    // The spec's default lifetime is 60 s; renew 10 s early so a token never expires mid-request.
    const lifetime = Math.max(10, (body.expires_in ?? 60) - 10) * 1000;
    return { value, expiresAt: Date.now() + lifetime };
  }
}
