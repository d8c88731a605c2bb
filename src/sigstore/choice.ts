import { GITHUB_INSTANCE_ALTERNATIVES, isGitHubActionsIssuer } from './github/instance.js';
import type { SigstoreChoice, SigstoreConfig } from './options.js';
import type { Claims } from './token.js';

/**
 * Which Sigstore signs this run, decided from the OIDC token's claims before any certificate is
 * requested. `sigstore: auto` follows the token's `repository_visibility` (a claim GitHub signs,
 * never guessed from the API): public → the public-good instance; private or internal → GitHub's
 * instance, whose Fulcio and timestamp authority keep the names out of any public log.
 * `allow-public-transparency-log: true` keeps its meaning: the explicit consent to the public log,
 * so with it a private repository signs on public-good as before.
 */

export interface ChosenSigstore {
  config: SigstoreConfig;
  /** One line for the log and the summary: which instance, and why. */
  reason: string;
}

export class SigstoreChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigstoreChoiceError';
  }
}

export function describeInstance(c: SigstoreConfig): string {
  const host = (u: string) => new URL(u).host;
  if (c.kind === 'public-good') return 'the public Sigstore (fulcio.sigstore.dev, rekor.sigstore.dev)';
  const parts = [
    host(c.fulcioUrl),
    ...(c.rekorUrl ? [host(c.rekorUrl)] : []),
    ...(c.tsaUrl ? [host(c.tsaUrl)] : []),
  ];
  const log = c.rekorUrl ? '' : ', no transparency log';
  return c.kind === 'github'
    ? `GitHub's Sigstore instance (${parts.join(', ')}${log})`
    : `your own Sigstore (${parts.join(', ')}${log})`;
}

/** A GitHub-signed claim: "public", "private" or "internal"; anything else is not known. */
function visibilityOf(claims: Claims): string | undefined {
  const v = claims.repository_visibility;
  return typeof v === 'string' && v ? v : undefined;
}

export function chooseSigstore(
  choice: SigstoreChoice,
  claims: Claims,
  allowPublicLog: boolean,
): ChosenSigstore {
  const visibility = visibilityOf(claims);
  const repo = typeof claims.repository === 'string' ? claims.repository : 'the repository';
  if (choice.kind !== 'auto') {
    const config = choice;
    if (config.kind === 'github') checkGitHubIssuer(config, claims);
    return { config, reason: `${describeInstance(config)}: sigstore: ${config.kind} was set` };
  }
  const seen = `repository_visibility ${visibility ?? 'absent'} in the OIDC token`;
  if (visibility === 'public')
    return {
      config: choice.publicGood,
      reason: `${describeInstance(choice.publicGood)}: ${repo} is public (${seen})`,
    };
  if (allowPublicLog)
    return {
      config: choice.publicGood,
      reason: `${describeInstance(choice.publicGood)}: ${repo} is not public (${seen}), and allow-public-transparency-log is true`,
    };
  if ('unavailable' in choice.github)
    throw new SigstoreChoiceError(
      `sigstore: auto: ${repo} is not public (${seen}), so it would sign with GitHub's Sigstore instance, but ${choice.github.unavailable}`,
    );
  const config = choice.github;
  checkGitHubIssuer(config, claims);
  return {
    config,
    reason: `${describeInstance(config)}: ${repo} is ${visibility ?? 'not public'} (${seen})`,
  };
}

/** GitHub's Fulcio certifies GitHub Actions tokens only: anything else is refused before it is sent. */
function checkGitHubIssuer(config: SigstoreConfig, claims: Claims): void {
  const host = config.githubHost ?? 'github.com';
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  if (isGitHubActionsIssuer(issuer, host)) return;
  const expected =
    host === 'github.com' ? 'https://token.actions.githubusercontent.com' : `https://token.actions.${host}`;
  throw new SigstoreChoiceError(
    `sigstore: github: the identity token was issued by ${JSON.stringify(issuer)}, not by GitHub Actions (${expected}); ` +
      "GitHub's Sigstore instance certifies only GitHub Actions tokens. Sign in a GitHub Actions job with " +
      `permissions: id-token: write; with another CI's token, ${GITHUB_INSTANCE_ALTERNATIVES}`,
  );
}
