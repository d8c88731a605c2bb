import { Annotation } from './cosign-legacy.js';
import { BUNDLE_ARTIFACT_TYPE, BundleAnnotation } from './bundle-referrer.js';
import { listReferrers } from '../oci/referrers.js';
import { certificateIdentity, runInvocation, type CertificateIdentity } from '../sigstore/certificate.js';
import type { Repository } from '../oci/client.js';
import type { Descriptor, ImageManifest } from '../oci/types.js';
import { parseBundleJson } from '../verify/bundle-json.js';

/**
 * Idempotent re-runs: a later attempt of the SAME workflow run (same run id in the certificate's Run
 * Invocation URI) replaces that run's earlier attempts' entries of the same predicate type and
 * identity — cosign's `attest --replace`, narrowed to one run. Entries of other runs, other
 * identities, and of the same attempt (parallel matrix legs) are kept.
 */

export type SupersedeRule = (
  certificatePem: string | undefined,
  predicateType: string | undefined,
) => boolean;

export function supersedeRule(ours: CertificateIdentity, predicateTypes: ReadonlySet<string>): SupersedeRule {
  const run = runInvocation(ours.extensions);
  if (!run) return () => false;
  return (pem, predicateType) => {
    if (!pem || !predicateTypes.has(predicateType ?? '')) return false;
    let theirs: CertificateIdentity;
    try {
      theirs = certificateIdentity(pem);
    } catch {
      return false; // Not a certificate we can read: never ours to remove.
    }
    const other = runInvocation(theirs.extensions);
    return (
      theirs.san === ours.san &&
      theirs.issuer === ours.issuer &&
      other?.runId === run.runId &&
      other.attempt < run.attempt
    );
  };
}

/** The legacy-layer form: the predicate type of a `.sig` layer is the image signature's marker. */
export function legacyLayerSuperseded(rule: SupersedeRule, kind: 'sig' | 'att') {
  return (layer: Descriptor) =>
    rule(
      layer.annotations?.[Annotation.certificate],
      kind === 'sig' ? IMAGE_SIGNATURE : layer.annotations?.[Annotation.predicateType],
    );
}

/** Marker for the simple-signing signature in supersede checks (it has no predicate type). */
export const IMAGE_SIGNATURE = 'cosign container image signature';

/** Bundle referrers of `subject` that this run replaces (their bundles are read to learn the signer). */
export async function supersededBundles(
  repo: Repository,
  subject: string,
  rule: SupersedeRule,
  maxBytes: number,
): Promise<string[]> {
  const { referrers } = await listReferrers(repo, subject, BUNDLE_ARTIFACT_TYPE);
  const found: string[] = [];
  for (const r of referrers) {
    const predicateType = r.annotations?.[BundleAnnotation.predicateType];
    if (!predicateType) continue;
    try {
      const m = (await repo.getManifest(r.digest)).manifest as ImageManifest;
      const layer = m.layers?.[0];
      if (!layer || layer.size > maxBytes) continue;
      const bundle = parseBundleJson(await repo.fetchBlob(layer, maxBytes), `referrer ${r.digest}`);
      const vm = bundle.verificationMaterial.content;
      const der =
        vm.$case === 'certificate'
          ? vm.certificate.rawBytes
          : vm.$case === 'x509CertificateChain'
            ? vm.x509CertificateChain.certificates[0]?.rawBytes
            : undefined;
      if (!der) continue;
      const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
      if (rule(pem, predicateType)) found.push(r.digest);
    } catch {
      // A referrer we cannot read is someone else's business: keep it.
    }
  }
  return found;
}
