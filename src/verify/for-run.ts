import { MAX_BUNDLE_BYTES } from '../attach/bundle-referrer.js';
import type { PublishResult } from '../attach/publish.js';
import type { Transport } from '../http/transport.js';
import type { Repository } from '../oci/client.js';
import type { SettleQueue } from '../oci/shared-tag.js';
import type { RunOptions } from '../options.js';
import { policiesForRun, type RunPolicies } from '../policy/for-run.js';
import { escapeRegExp } from '../policy/identity.js';
import { writeOutputs, type OutputFiles } from '../report/files.js';
import type { PhaseClock } from '../report/for-run.js';
import type { CertificateIdentity } from '../sigstore/certificate.js';
import { signedStatements, type RunSignatures } from '../sigstore/for-run.js';
import { fetchTrustDomain, tenantTrustedRootTarget } from '../sigstore/github/trust-domain.js';
import { publicGoodTrust, trustFromFile, tufTrust, type Trust } from '../sigstore/trust.js';
import { predicateTypes, type AttachedStatement } from '../statements.js';
import { verifyPublished, type VerifiedArtifact } from './published.js';

/**
 * Step 7 of the pipeline: what was published, read back and verified as this run's identity, while
 * the shared tags settle; the policies and output files, which need nothing the settle could
 * change, are prepared in that delay too.
 */

export class VerificationFailedError extends Error {
  constructor(readonly failures: VerifiedArtifact[]) {
    super(
      'published artifacts did not verify:\n' +
        failures.map((f) => `  - ${f.predicateType} at ${f.location}: ${f.error}`).join('\n') +
        '\nWhat was written stays in the registry, unverified: retry the job (a re-run replaces it); if it ' +
        'fails the same way again, the registry (or something before it) serves other bytes than it stored',
    );
    this.name = 'VerificationFailedError';
  }
}

/**
 * Loaded without verify too for a custom Sigstore and GitHub's instance: their policies carry the
 * trust root's certificates.
 */
export async function trustForRun(opts: RunOptions, transport: Transport): Promise<Trust | undefined> {
  const { sigstore } = opts;
  if (!opts.verify && sigstore.kind === 'public-good') return undefined;
  if (sigstore.trustedRoot) return trustFromFile(sigstore.trustedRoot);
  if (sigstore.kind === 'github' && sigstore.tuf) {
    const what = `GitHub's Sigstore instance${sigstore.githubHost && sigstore.githubHost !== 'github.com' ? ` for ${sigstore.githubHost}` : ''}`;
    // A GHE.com tenant: its trusted root is named by its trust domain (GET /meta).
    const target = sigstore.trustDomainFrom
      ? tenantTrustedRootTarget(
          await fetchTrustDomain(transport, sigstore.trustDomainFrom, opts.attestationStore?.token),
        )
      : undefined;
    return tufTrust(sigstore.tuf, what, target ? { target } : {});
  }
  return publicGoodTrust(undefined);
}

export async function verifyForRun(
  repo: Repository,
  published: PublishResult,
  identity: CertificateIdentity,
  trust: Trust | undefined,
  opts: RunOptions,
): Promise<VerifiedArtifact[]> {
  if (!opts.verify || !trust) return [];
  const results = await verifyPublished(repo, published.artifacts, {
    trust,
    // Anchored: @sigstore/verify uses a string SAN as an unanchored regex.
    policy: {
      subjectAlternativeName: new RegExp(`^${escapeRegExp(identity.san)}$`),
      extensions: { issuer: identity.issuer },
    },
    requireTlog: Boolean(opts.sigstore.rekorUrl),
    requireSct: opts.sigstore.kind === 'public-good',
    maxBundleBytes: MAX_BUNDLE_BYTES,
  });
  const failures = results.filter((r) => !r.ok);
  if (failures.length) throw new VerificationFailedError(failures);
  return results;
}

export interface SettleWork {
  opts: RunOptions;
  repo: Repository;
  /** Where publish() left the shared tags' settle-and-re-check phases; drained here, whatever fails. */
  settle: SettleQueue;
  identity: CertificateIdentity;
  digest: string;
  statements: AttachedStatement[];
  signed: RunSignatures;
  published: PublishResult;
  phases: PhaseClock;
  /** From trustForRun, loaded before anything was written. */
  trust: Trust | undefined;
}

export interface Settled {
  policies: RunPolicies;
  files: OutputFiles;
  verified: VerifiedArtifact[];
}

export async function verifyAndSettle(w: SettleWork): Promise<Settled> {
  const { opts, identity } = w;
  // Everything read back during the delay is addressed by digest (referrer manifests, and the
  // legacy layers as written), never through a shared tag: until the re-check a concurrent
  // signer's stale write may hide one of our entries there for a moment (the re-check restores
  // it, and is what proves each entry is in its tag).
  return (async () => {
    const { trust } = w;
    const [policies, verified] = await Promise.all([
      policiesForRun(opts, identity, w.digest, predicateTypes(w.statements), trust),
      verifyForRun(w.repo, w.published, identity, trust, opts),
    ]);
    w.phases.mark('verify');
    const files = await writeOutputs(opts.outputDir, policies, signedStatements(w.signed));
    return { policies, files, verified };
  })().finally(() => w.settle.drain());
}
