import { pushReferrers, type Artifact, type PushedReferrer } from '../oci/referrers.js';
import type { SettleQueue } from '../oci/shared-tag.js';
import type { Repository } from '../oci/client.js';
import type { Descriptor } from '../oci/types.js';
import type { SignedStatement } from '../sigstore/sign.js';

/**
 * Sigstore bundles as OCI 1.1 referrers, laid out as cosign v3 and GitHub's actions/attest write them
 * (what cosign v3, `gh attestation verify --bundle-from-oci`, Kyverno `SigstoreBundle` and
 * ImageValidatingPolicy read).
 */

export const BUNDLE_ARTIFACT_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const BundleAnnotation = {
  content: 'dev.sigstore.bundle.content',
  predicateType: 'dev.sigstore.bundle.predicateType',
  created: 'org.opencontainers.image.created',
} as const;

/** Kyverno `SigstoreBundle` fails the WHOLE image when any bundle layer exceeds 10,000,000 bytes. */
export const MAX_BUNDLE_BYTES = 10_000_000;

export class BundleTooLargeError extends Error {
  constructor(predicateType: string, size: number) {
    super(
      `the ${predicateType} bundle is ${size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit: Kyverno's SigstoreBundle ` +
        'verification fails for every signature of an image with a bundle that large. Reduce the predicate (e.g. an SBOM without per-file entries)',
    );
    this.name = 'BundleTooLargeError';
  }
}

export function assertBundleSize(signed: SignedStatement): void {
  const size = Buffer.byteLength(signed.bundleJson);
  if (size > MAX_BUNDLE_BYTES) throw new BundleTooLargeError(signed.statement.predicateType, size);
}

export function bundleArtifact(subject: Descriptor, signed: SignedStatement, created: Date): Artifact {
  assertBundleSize(signed);
  return {
    artifactType: BUNDLE_ARTIFACT_TYPE,
    subject,
    layers: [{ mediaType: BUNDLE_ARTIFACT_TYPE, data: Buffer.from(signed.bundleJson) }],
    annotations: {
      [BundleAnnotation.content]: 'dsse-envelope',
      [BundleAnnotation.predicateType]: signed.statement.predicateType,
      [BundleAnnotation.created]: created.toISOString(),
    },
  };
}

/** Pushes the bundles of one subject as referrers, replacing `supersedes` in the fallback index. */
export async function pushBundleReferrers(
  repo: Repository,
  subject: Descriptor,
  signed: SignedStatement[],
  opts: { settle?: SettleQueue; supersedes?: string[]; created?: Date } = {},
): Promise<PushedReferrer[]> {
  const created = opts.created ?? new Date();
  return pushReferrers(
    repo,
    signed.map((s) => bundleArtifact(subject, s, created)),
    {
      ...(opts.settle ? { settle: opts.settle } : {}),
      ...(opts.supersedes ? { supersedes: opts.supersedes } : {}),
    },
  );
}
