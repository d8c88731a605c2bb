import { readBody, retryBodyReads, type Transport } from '../../http/transport.js';

/**
 * A GHE.com tenant's trusted root is not GitHub's `trusted_root.json`: GitHub's TUF repository
 * (https://tuf-repo.github.com) names it `<trust domain>.trusted_root.json`, and the trust domain is
 * what the tenant's REST API says at `GET /meta` in `domains.artifact_attestations.trust_domain`.
 * That is how gh v2.83.0 finds it (pkg/cmd/attestation/api GetTrustDomain, MetaPath "meta";
 * verification/sigstore.go newGitHubVerifier: `fmt.Sprintf("%s.trusted_root.json", trustDomain)`).
 */

/** /meta is a few KiB (IP ranges, SSH keys, domains); anything near this is not GitHub's answer. */
export const META_MAX_BYTES = 1 << 20;

/** The REST API of a host: GITHUB_API_URL when set, else `https://api.<host>` (gh's RESTPrefix for a tenant). */
export function tenantApiUrl(apiUrl: string | undefined, host: string): string {
  return (apiUrl || `https://api.${host}`).replace(/\/+$/, '');
}

export function metaUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/meta`;
}

/** GitHub's TUF target holding the tenant's trusted root. */
export function tenantTrustedRootTarget(trustDomain: string): string {
  return `${trustDomain}.trusted_root.json`;
}

const TRUST_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;

const remedy = (url: string) =>
  `; check that ${url} is reachable from the runner, or give your tenant's trusted root as trusted-root ` +
  '(gh attestation trusted-root --hostname <your tenant> prints it)';

/**
 * `domains.artifact_attestations.trust_domain` of a /meta answer. The name becomes part of a TUF
 * target path, so it must be one plain label (GitHub's are: e.g. "acme"), never a path.
 */
export function trustDomainOf(meta: unknown, url: string): string {
  const td = (meta as { domains?: { artifact_attestations?: { trust_domain?: unknown } } } | null)?.domains
    ?.artifact_attestations?.trust_domain;
  if (typeof td !== 'string' || td === '')
    throw new Error(
      `GET ${url} names no artifact attestation trust domain (domains.artifact_attestations.trust_domain is ` +
        `${td === undefined ? 'missing' : JSON.stringify(td)}): sigstamp cannot tell which trusted root of GitHub's ` +
        `TUF repository is your tenant's${remedy(url)}`,
    );
  if (!TRUST_DOMAIN.test(td))
    throw new Error(
      `GET ${url}: domains.artifact_attestations.trust_domain ${JSON.stringify(td)} is not a plain name${remedy(url)}`,
    );
  return td;
}

/** GitHub's error body `{message, documentation_url}`, as text for an error message. */
function githubMessage(body: Buffer): string {
  try {
    const e = JSON.parse(body.toString('utf8')) as { message?: unknown };
    if (typeof e?.message === 'string') return `: ${e.message.slice(0, 200)}`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

/** The tenant's trust domain, from `GET {api}/meta` (idempotent: retried, body reads too). */
export async function fetchTrustDomain(transport: Transport, url: string, token?: string): Promise<string> {
  const meta = await retryBodyReads(async () => {
    let res;
    try {
      res = await transport.send({
        method: 'GET',
        url,
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          // Public on github.com; a tenant may want the job token, as gh always authenticates.
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
    } catch (err) {
      throw new Error(`GET ${url} failed (${(err as Error).message})${remedy(url)}`, { cause: err });
    }
    const body = await readBody(res, META_MAX_BYTES, `GET ${url}`);
    if (res.status !== 200)
      throw new Error(`GET ${url} answered HTTP ${res.status}${githubMessage(body)}${remedy(url)}`);
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw new Error(`GET ${url} answered HTTP 200 with a body that is not JSON${remedy(url)}`);
    }
  });
  return trustDomainOf(meta, url);
}
