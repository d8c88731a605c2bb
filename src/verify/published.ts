import type { Bundle } from '@sigstore/bundle';
import { toSignedEntity, Verifier, type VerificationPolicy } from '@sigstore/verify';
import { BUNDLE_ARTIFACT_TYPE } from '../attach/bundle-referrer.js';
import {
  Annotation,
  DSSE_ENVELOPE_MEDIA_TYPE,
  legacyTag,
  SIMPLE_SIGNING_MEDIA_TYPE,
} from '../attach/cosign-legacy.js';
import type { Repository } from '../oci/client.js';
import type { Descriptor, ImageManifest } from '../oci/types.js';
import type { Trust } from '../sigstore/trust.js';
import { bundleFromAttestationLayer, bundleFromSignatureLayer } from './legacy-bundle.js';
import { guardMalformed, parseBundleJson, verifyUntrusted } from './bundle-json.js';

/**
 * Step 7: read back from the registry what this run published and verify it as a verifier would —
 * signature, certificate chain, transparency log or timestamp, identity policy — and that each
 * signed thing is about the image. The run fails if anything does not verify.
 */

export interface PublishedArtifact {
  format: 'bundle-referrer' | 'legacy-sig' | 'legacy-att';
  /** What was signed: a predicate type, or 'image signature' for the simple-signing payload. */
  predicateType: string;
  /** Manifest digest (referrer) or layer digest (legacy). */
  digest: string;
  /** The subject it is attached to. */
  subject: Descriptor;
  /**
   * For a legacy layer: the descriptor as this run wrote it into the tag (its annotations carry the
   * signature and certificate). Verification reads the layer's bytes by digest and never the tag, so
   * it can run while the tag's settle re-check (which proves the descriptor is in the tag) waits.
   */
  layer?: Descriptor;
}

export interface VerifiedArtifact extends PublishedArtifact {
  location: string;
  ok: boolean;
  error?: string;
}

export interface VerifyOptions {
  trust: Trust;
  policy: VerificationPolicy;
  requireTlog: boolean;
  requireSct: boolean;
  maxBundleBytes: number;
}

export async function verifyPublished(
  repo: Repository,
  artifacts: PublishedArtifact[],
  opts: VerifyOptions,
): Promise<VerifiedArtifact[]> {
  const verifier = new Verifier(opts.trust.material, {
    tlogThreshold: opts.requireTlog ? 1 : 0,
    ctlogThreshold: opts.requireSct ? 1 : 0,
    timestampThreshold: 1,
  });
  return Promise.all(
    artifacts.map(async (a): Promise<VerifiedArtifact> => {
      const location =
        a.format === 'bundle-referrer'
          ? `${repo}@${a.digest} (referrer of ${a.subject.digest})`
          : `${repo}:${legacyTag(a.subject.digest, a.format === 'legacy-sig' ? 'sig' : 'att')} layer ${a.digest}`;
      try {
        if (a.format === 'bundle-referrer') {
          const { manifest } = await repo.getManifest(a.digest);
          const m = manifest as ImageManifest;
          if (
            m.artifactType !== BUNDLE_ARTIFACT_TYPE ||
            m.subject?.digest !== a.subject.digest ||
            m.layers.length !== 1
          ) {
            throw new Error('the referrer is not a Sigstore bundle about this image');
          }
          const bytes = await repo.fetchBlob(m.layers[0]!, opts.maxBundleBytes);
          const bundle = parseBundleJson(bytes, `the bundle of ${location}`);
          checkStatement(verifyBundle(verifier, bundle, opts.policy, location), a);
        } else {
          const kind = a.format === 'legacy-sig' ? 'sig' : 'att';
          const layer = a.layer;
          if (!layer) throw new Error(`no descriptor recorded for the ${kind} layer ${a.digest}`);
          const bytes = await repo.fetchBlob(layer, opts.maxBundleBytes);
          const annotations = layer.annotations ?? {};
          if (kind === 'sig') {
            if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE)
              throw new Error(`unexpected media type ${layer.mediaType}`);
            verifyUntrusted(
              verifier,
              bundleFromSignatureLayer(bytes, annotations),
              bytes,
              opts.policy,
              location,
            );
            const claimed = (
              JSON.parse(bytes.toString('utf8')) as {
                critical?: { image?: { 'docker-manifest-digest'?: string } };
              }
            ).critical?.image?.['docker-manifest-digest'];
            if (claimed !== a.subject.digest)
              throw new Error(`the signed payload names ${claimed}, not ${a.subject.digest}`);
          } else {
            if (layer.mediaType !== DSSE_ENVELOPE_MEDIA_TYPE)
              throw new Error(`unexpected media type ${layer.mediaType}`);
            // Without a Rekor entry the layer is dated by a timestamp over the whole envelope,
            // which is what cosign checks there (sign.ts timestampOf).
            const dated =
              !annotations[Annotation.bundle] && annotations[Annotation.rfc3161] ? bytes : undefined;
            checkStatement(
              verifyBundle(
                verifier,
                bundleFromAttestationLayer(bytes, annotations),
                opts.policy,
                location,
                dated,
              ),
              a,
            );
          }
        }
        return { ...a, location, ok: true };
      } catch (err) {
        return { ...a, location, ok: false, error: explainVerifyError(err) };
      }
    }),
  );
}

/**
 * @sigstore/verify's messages, with what a private Sigstore's operator does about them.
 * The checkpoint one is the trap of a self-run Rekor: sigstore-js accepts a checkpoint only when
 * its signer name (Rekor's --rekor_server.hostname, the OS host name by default) is part of the
 * log's baseUrl in the trusted root (verify/tlog/checkpoint.js).
 */
function explainVerifyError(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  if (message.includes('no signatures found in checkpoint'))
    return (
      `${message} — the Rekor checkpoint is signed under a name that is not part of the Rekor URL in ` +
      'the trusted root: start Rekor with --rekor_server.hostname set to the host name of its URL, ' +
      'or give the trusted root the URL under that name'
    );
  return message;
}

/** Verifies a DSSE bundle and returns its in-toto statement. */
function verifyBundle(
  verifier: Verifier,
  bundle: Bundle,
  policy: VerificationPolicy,
  what: string,
  /** Bytes the RFC 3161 timestamp covers instead of the DSSE signature (a legacy `.att` layer). */
  dated?: Buffer,
): { subject?: { digest?: Record<string, string> }[]; predicateType?: string } {
  guardMalformed(what, () => {
    const entity = toSignedEntity(bundle);
    if (dated) {
      // @sigstore/verify checks a TSA timestamp against `signature.signature` (verifier.js
      // verifyTimestamps) and everything else through the content's methods: only the former moves.
      const content = entity.signature;
      entity.signature = {
        compareDigest: (d) => content.compareDigest(d),
        compareSignedDigest: (d) => content.compareSignedDigest(d),
        compareSignature: (sig) => content.compareSignature(sig),
        verifySignature: (key) => content.verifySignature(key),
        signature: dated,
      };
    }
    verifier.verify(entity, policy);
  });
  if (bundle.content.$case !== 'dsseEnvelope') throw new Error('expected a DSSE envelope');
  try {
    return JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8')) as {
      subject?: { digest?: Record<string, string> }[];
      predicateType?: string;
    };
  } catch {
    throw new Error('the DSSE payload is not JSON, so no in-toto statement');
  }
}

function checkStatement(
  st: { subject?: { digest?: Record<string, string> }[]; predicateType?: string },
  a: PublishedArtifact,
): void {
  const [algorithm, hex] = a.subject.digest.split(':') as [string, string];
  if (!st.subject?.some((s) => s.digest?.[algorithm] === hex))
    throw new Error(`the statement's subjects do not include ${a.subject.digest}`);
  if (st.predicateType !== a.predicateType)
    throw new Error(`the statement's predicate type is ${st.predicateType}, expected ${a.predicateType}`);
}
