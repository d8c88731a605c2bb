import { digestTag } from '../oci/digest.js';
import type { Repository } from '../oci/client.js';
import type { SettleQueue } from '../oci/shared-tag.js';
import type { Descriptor } from '../oci/types.js';
import type { Storage } from '../options.js';
import type { SignedMessage, SignedStatement } from '../sigstore/sign.js';
import type { PublishedArtifact } from '../verify/published.js';
import type { Logger } from '../log.js';
import { MAX_BUNDLE_BYTES, pushBundleReferrers } from './bundle-referrer.js';
import { appendToLegacyTag, attestationLayer, signatureLayer } from './cosign-legacy.js';
import {
  IMAGE_SIGNATURE,
  legacyLayerSuperseded,
  supersededBundles,
  type SupersedeRule,
} from './supersede.js';

/**
 * Step 6: attaches each target's signature and the run's attestations to the registry, in the
 * formats `storage` asks for. Writing both formats is what reaches every consumer: cosign v3 and
 * ImageValidatingPolicy read only bundles once one exists, Kyverno `type: Cosign` only `.sig`/`.att`.
 */

export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

export interface TargetSignatures {
  target: Descriptor;
  /** Legacy `.sig` signature over cosign's simple-signing payload. */
  message?: SignedMessage;
  /** Bundle-format signature: a DSSE statement of predicate type COSIGN_SIGN_PREDICATE. */
  statement?: SignedStatement;
}

export interface PublishInput {
  repo: Repository;
  storage: Storage;
  chain: string[];
  signatures: TargetSignatures[];
  /** Attestations, each with the digests of the targets it is attached to. */
  attestations: { signed: SignedStatement; targets: string[] }[];
  supersede: SupersedeRule;
  logger: Logger;
  /**
   * Shared tags' settle-and-re-check phases go here and publish() returns once every write has
   * landed; the caller drains the queue (docs/concurrency.md). Without it publish() waits for them.
   */
  settle?: SettleQueue;
}

export interface PublishResult {
  artifacts: PublishedArtifact[];
  /** Where each was written, for the report: `repo@digest` or `repo:tag`. */
  locations: { artifact: PublishedArtifact; ref: string; via: string }[];
  replaced: number;
  fallbackTagUsed: boolean;
}

export async function publish(input: PublishInput): Promise<PublishResult> {
  const { repo, storage } = input;
  const results = await Promise.all(input.signatures.map((t) => publishTarget(input, t)));
  const out: PublishResult = { artifacts: [], locations: [], replaced: 0, fallbackTagUsed: false };
  for (const r of results) {
    out.artifacts.push(...r.artifacts);
    out.locations.push(...r.locations);
    out.replaced += r.replaced;
    out.fallbackTagUsed ||= r.fallbackTagUsed;
  }
  input.logger.info(`published ${out.artifacts.length} artifact(s) to ${repo} (storage: ${storage})`);
  return out;
}

async function publishTarget(input: PublishInput, t: TargetSignatures): Promise<PublishResult> {
  const { repo, storage, chain } = input;
  const out: PublishResult = { artifacts: [], locations: [], replaced: 0, fallbackTagUsed: false };
  const settle = input.settle ? { settle: input.settle } : {};
  const record = (artifact: PublishedArtifact, ref: string, via: string) => {
    out.artifacts.push(artifact);
    out.locations.push({ artifact, ref, via });
  };
  const attestations = input.attestations
    .filter((a) => a.targets.includes(t.target.digest))
    .map((a) => a.signed);
  const jobs: Promise<void>[] = [];
  if (storage !== 'referrers') {
    if (t.message) {
      const msg = t.message;
      jobs.push(
        appendToLegacyTag(repo, t.target.digest, 'sig', [signatureLayer(msg, chain)], {
          ...settle,
          superseded: legacyLayerSuperseded(input.supersede, 'sig'),
        }).then((r) => {
          out.replaced += r.replaced;
          record(
            {
              format: 'legacy-sig',
              predicateType: IMAGE_SIGNATURE,
              digest: r.layers[0]!.digest,
              subject: t.target,
              layer: r.layers[0]!,
            },
            `${repo}:${r.tag}`,
            'cosign legacy tag',
          );
        }),
      );
    }
    if (attestations.length) {
      jobs.push(
        appendToLegacyTag(
          repo,
          t.target.digest,
          'att',
          attestations.map((a) => attestationLayer(a, chain)),
          {
            ...settle,
            superseded: legacyLayerSuperseded(input.supersede, 'att'),
          },
        ).then((r) => {
          out.replaced += r.replaced;
          r.layers.forEach((l, i) =>
            record(
              {
                format: 'legacy-att',
                predicateType: attestations[i]!.statement.predicateType,
                digest: l.digest,
                subject: t.target,
                layer: l,
              },
              `${repo}:${r.tag}`,
              'cosign legacy tag',
            ),
          );
        }),
      );
    }
  }
  if (storage !== 'legacy') {
    const bundles = [...(t.statement ? [t.statement] : []), ...attestations];
    jobs.push(
      (async () => {
        const old = await supersededBundles(repo, t.target.digest, input.supersede, MAX_BUNDLE_BYTES);
        const pushed = await pushBundleReferrers(repo, t.target, bundles, { ...settle, supersedes: old });
        pushed.forEach((p, i) => {
          out.fallbackTagUsed ||= p.via === 'fallback';
          record(
            {
              format: 'bundle-referrer',
              predicateType: bundles[i]!.statement.predicateType,
              digest: p.descriptor.digest,
              subject: t.target,
            },
            `${repo}@${p.descriptor.digest}`,
            p.via === 'api' ? 'OCI referrer' : `OCI referrer (fallback tag ${digestTag(t.target.digest)})`,
          );
        });
        // Deleted only after ours are in place: a verifier never sees the subject without this run's entries.
        await deleteSuperseded(input, old);
        out.replaced += old.length;
      })(),
    );
  }
  await Promise.all(jobs);
  return out;
}

async function deleteSuperseded(input: PublishInput, digests: string[]): Promise<void> {
  for (const d of digests) {
    try {
      await input.repo.deleteManifest(d);
    } catch (err) {
      input.logger.warn(
        `could not delete the superseded referrer ${input.repo}@${d}: ${(err as Error).message}`,
      );
    }
  }
}
