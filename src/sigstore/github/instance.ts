/**
 * GitHub's own Sigstore instance: a Fulcio and an RFC 3161 timestamp authority, no transparency
 * log, for private and internal repositories on GitHub Enterprise Cloud (what `actions/attest`
 * signs with there). Its endpoints follow the server URL exactly as `@actions/attest` derives them
 * (lib/endpoints.js buildGitHubEndpoints): github.com → fulcio.githubapp.com and
 * timestamp.githubapp.com; a GHE.com tenant <host> → fulcio.<host> and timestamp.<host>. GitHub
 * Enterprise Server has no such instance.
 */

export const GITHUB_TUF_MIRROR = 'https://tuf-repo.github.com';

export interface GitHubInstance {
  fulcioUrl: string;
  tsaUrl: string;
  /** The GitHub host the instance serves: github.com or a GHE.com tenant. */
  host: string;
}

/** The host of GITHUB_SERVER_URL (github.com when unset, as actions/attest defaults). */
export function serverHost(env: NodeJS.ProcessEnv): string {
  const url = env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    throw new Error(`GITHUB_SERVER_URL "${url}" is not a URL`);
  }
}

/** GitHub Enterprise Server: any host that is neither github.com nor a GHE.com tenant. */
export function isEnterpriseServer(host: string): boolean {
  return host !== 'github.com' && !host.endsWith('.ghe.com');
}

export function githubInstance(host: string): GitHubInstance {
  const base = host === 'github.com' ? 'githubapp.com' : host;
  return { fulcioUrl: `https://fulcio.${base}`, tsaUrl: `https://timestamp.${base}`, host };
}

/** What to do instead, named in every refusal of GitHub's instance. */
export const GITHUB_INSTANCE_ALTERNATIVES =
  'either run your own Sigstore (sigstore: custom with fulcio-url, tsa-url and/or rekor-url, trusted-root; see ' +
  'docs/private-sigstore.md), or sign on the public Sigstore explicitly (sigstore: public-good with ' +
  'allow-public-transparency-log: true, which publishes the repository, workflow and ref names in the public Rekor log forever)';

export function enterpriseServerError(host: string): string {
  return (
    `GitHub's Sigstore instance is not available on GitHub Enterprise Server (${host}): it serves private and ` +
    `internal repositories on github.com and GHE.com (GitHub Enterprise Cloud) only; ${GITHUB_INSTANCE_ALTERNATIVES}`
  );
}

/**
 * The issuers GitHub Actions' OIDC tokens carry: https://token.actions.githubusercontent.com on
 * github.com (with `/<enterprise slug>` when the enterprise uses a unique issuer URL), and
 * https://token.actions.<host> on a GHE.com tenant.
 */
export function isGitHubActionsIssuer(issuer: string, host: string): boolean {
  const origin =
    host === 'github.com' ? 'https://token.actions.githubusercontent.com' : `https://token.actions.${host}`;
  return (
    issuer === origin ||
    (issuer.startsWith(`${origin}/`) && /^[A-Za-z0-9_.-]+$/.test(issuer.slice(origin.length + 1)))
  );
}

/** Whether a failed request failed because the host name does not resolve (anywhere in the causes). */
function unresolvable(err: unknown): boolean {
  for (
    let e = err as { code?: string; cause?: unknown } | undefined, i = 0;
    e && i < 8;
    e = e.cause as typeof e, i++
  )
    if (e.code === 'ENOTFOUND') return true;
  return false;
}

/**
 * Fulcio answers 401/403 to an identity it will not certify: on GitHub's instance that is a
 * repository whose plan does not include it. A host name that does not resolve is a GitHub host
 * without the instance. Either way, say which and name both ways forward.
 */
export function explainGitHubInstanceError(err: unknown, instance: GitHubInstance): Error {
  const message = err instanceof Error ? err.message : String(err);
  const status = (err as { status?: number }).status;
  const why =
    status === 401 || status === 403
      ? `GitHub's Sigstore instance (${instance.fulcioUrl}) refused to certify this repository (${message}): it signs ` +
        'for private and internal repositories of organisations on GitHub Enterprise Cloud, not on other plans'
      : unresolvable(err)
        ? `GitHub's Sigstore instance (${instance.fulcioUrl}) does not resolve (${message}): there is none for ${instance.host}`
        : undefined;
  if (!why) return err instanceof Error ? err : new Error(message);
  return new Error(`${why}; ${GITHUB_INSTANCE_ALTERNATIVES}`, { cause: err });
}
