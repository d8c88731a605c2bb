import type { TransparencyLogEntry } from '@sigstore/bundle';
import { ForeignContentError } from '../oci/errors.js';
import { digestOf, sha256 } from '../oci/digest.js';
import { IMAGE_MANIFEST_MEDIA_TYPES, MediaType } from '../oci/mediatypes.js';
import {
  SHARED_TAG_TIMING,
  updateSharedTag,
  type SettleQueue,
  type SharedTagUpdate,
} from '../oci/shared-tag.js';
import type { Repository } from '../oci/client.js';
import type { Annotations, Descriptor, ImageManifest } from '../oci/types.js';
import type { SignedMessage, SignedStatement } from '../sigstore/sign.js';

/**
 * cosign's legacy storage (cosign v2's default; what Kyverno `type: Cosign`, policy-controller and
 * cosign ≤ 2.6 read): tags `sha256-<hex>.sig` / `.att` holding an OCI image manifest with one
 * uncompressed layer per signature, APPENDED to whatever is there, under the shared-tag protocol.
 * Layouts and annotation names as cosign's pkg/oci/static and pkg/cosign/bundle write them.
 */

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const DSSE_ENVELOPE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';
export const Annotation = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle',
  rfc3161: 'dev.sigstore.cosign/rfc3161timestamp',
  predicateType: 'predicateType',
} as const;

export interface LegacyLayer {
  mediaType: string;
  data: Buffer;
  annotations: Annotations;
}

/** go-containerregistry names Docker Hub `index.docker.io`; cosign writes that name. */
export function dockerReference(registry: string, repository: string): string {
  return `${registry === 'docker.io' ? 'index.docker.io' : registry}/${repository}`;
}

/** cosign's simple-signing payload (the bytes signed and logged as `hashedrekord`). */
export function simpleSigningPayload(dockerRef: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': dockerRef },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/** cosign's `dev.sigstore.cosign/bundle` annotation: the Rekor entry with its SET, offline-verifiable. */
export function rekorBundleAnnotation(entry: TransparencyLogEntry): string {
  const set = entry.inclusionPromise?.signedEntryTimestamp;
  if (!set)
    throw new Error(
      'the Rekor entry has no signed entry timestamp; cosign cannot verify a legacy signature without it',
    );
  return JSON.stringify({
    SignedEntryTimestamp: set.toString('base64'),
    Payload: {
      body: entry.canonicalizedBody.toString('base64'),
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logID: entry.logId.keyId.toString('hex'),
    },
  });
}

function trustAnnotations(
  chain: string[],
  entry: TransparencyLogEntry | undefined,
  timestamp?: Buffer,
): Annotations {
  const a: Annotations = { [Annotation.certificate]: chain[0]!, [Annotation.chain]: chain.slice(1).join('') };
  if (entry) a[Annotation.bundle] = rekorBundleAnnotation(entry);
  // The RFC 3161 timestamp goes on a legacy layer only when there is no Rekor entry to date it.
  // cosign v2 verifies every timestamp annotation it finds and fails ("no TSA root certificate(s)
  // provided") unless it was given the TSA chain, which cosign v2.2 — the generation older Kyverno
  // releases embed — cannot take from a trusted root: with Rekor the entry suffices, and the bundle
  // referrer keeps the timestamp for verifiers that read trusted roots.
  else if (timestamp)
    a[Annotation.rfc3161] = JSON.stringify({ SignedRFC3161Timestamp: timestamp.toString('base64') });
  return a;
}

export function signatureLayer(signed: SignedMessage, chain: string[]): LegacyLayer {
  const ts =
    signed.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0]?.signedTimestamp;
  return {
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    data: signed.payload,
    annotations: {
      [Annotation.signature]: signed.signature.toString('base64'),
      ...trustAnnotations(chain, signed.tlogEntry, ts),
    },
  };
}

export function attestationLayer(signed: SignedStatement, chain: string[]): LegacyLayer {
  const data = Buffer.from(signed.envelopeJson);
  // cosign checks the layer against the envelopeHash Rekor stored: they must be the same bytes.
  if (signed.tlogEntry) {
    const body = JSON.parse(signed.tlogEntry.canonicalizedBody.toString('utf8')) as {
      spec?: { envelopeHash?: { value?: string } };
    };
    const logged = body.spec?.envelopeHash?.value;
    if (logged && `sha256:${logged}` !== sha256(data)) {
      throw new Error(
        'internal: the DSSE envelope to publish differs from the one logged in Rekor; cosign would reject it',
      );
    }
  }
  // cosign dates the whole envelope here, not its signature (sign.ts timestampOf).
  const ts = signed.envelopeTimestamp;
  if (!signed.tlogEntry && !ts && signed.bundle.verificationMaterial.timestampVerificationData)
    throw new Error('internal: a timestamped attestation without a timestamp over its envelope');
  return {
    mediaType: DSSE_ENVELOPE_MEDIA_TYPE,
    data,
    // cosign requires the signature key on attestation layers, empty: the signature is in the envelope.
    annotations: {
      [Annotation.signature]: '',
      [Annotation.predicateType]: signed.statement.predicateType,
      ...trustAnnotations(chain, signed.tlogEntry, ts),
    },
  };
}

export function legacyTag(subjectDigest: string, kind: 'sig' | 'att'): string {
  return `${subjectDigest.replace(':', '-')}.${kind}`;
}

/** The config cosign's images carry: an empty image config whose rootfs lists the layers. */
function configFor(layers: Descriptor[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
      os: '',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
      config: {},
    }),
  );
}

/**
 * A layer's identity. Not its digest alone: every signature of one image by cosign's simple-signing
 * scheme has the same payload bytes, so the same digest; they differ in the signature annotation.
 */
function layerKey(l: Descriptor): string {
  return [
    l.digest,
    l.annotations?.[Annotation.signature] ?? '',
    l.annotations?.[Annotation.certificate] ?? '',
  ].join('\n');
}

export interface AppendOptions {
  /** Existing layers to drop (an earlier attempt of this same run): they are replaced, not piled up. */
  superseded?: (layer: Descriptor) => boolean;
  /** Hand the tag's settle-and-re-check to this queue instead of waiting for it here. */
  settle?: SettleQueue;
}

export interface AppendResult {
  tag: string;
  layers: Descriptor[];
  replaced: number;
}

/** A `.sig`/`.att` tag's re-check as another process resumes it (the Action's post step). */
export type LegacyRecheck = {
  kind: 'cosign-legacy';
  /** Our layers, as written: what the tag must hold. */
  ours: Descriptor[];
  /** sha256 of the key of each layer our writes dropped as superseded: a repair drops them again. */
  dropped: string[];
};

/** Appends our layers to the `.sig`/`.att` manifest of `subjectDigest`, keeping every other layer. */
export async function appendToLegacyTag(
  repo: Repository,
  subjectDigest: string,
  kind: 'sig' | 'att',
  layers: LegacyLayer[],
  opts: AppendOptions,
): Promise<AppendResult> {
  const tag = legacyTag(subjectDigest, kind);
  const ours = await Promise.all(
    layers.map(
      async (l) =>
        ({ ...(await repo.pushBlob(l.data, l.mediaType)), annotations: l.annotations }) as Descriptor,
    ),
  );
  const update = legacyTagUpdate(repo, tag, {
    ours,
    layers,
    ...(opts.superseded ? { superseded: opts.superseded } : {}),
  });
  // The protocol's constants, as every writer uses them (docs/concurrency.md).
  await updateSharedTag(repo, tag, update, SHARED_TAG_TIMING, opts.settle);
  return { tag, layers: ours, replaced: update.replaced };
}

/**
 * The shared-tag update of a `.sig`/`.att` tag: keep every layer, drop the superseded, add ours. Built
 * from a LegacyRecheck it is the same update resumed in another process, where our layers' bytes are
 * no longer at hand (they were pushed and verified by digest; only the config is uploaded again).
 */
export function legacyTagUpdate(
  repo: Repository,
  tag: string,
  what: { ours: Descriptor[]; layers?: LegacyLayer[]; superseded?: (layer: Descriptor) => boolean },
): SharedTagUpdate<ImageManifest | undefined> & { replaced: number } {
  const ourKeys = new Set(what.ours.map(layerKey));
  const dropped = new Set<string>();
  return {
    replaced: 0,
    parse(fetched) {
      if (!fetched) return undefined;
      const m = fetched.manifest as ImageManifest;
      if (!IMAGE_MANIFEST_MEDIA_TYPES.includes(fetched.descriptor.mediaType) || !Array.isArray(m.layers)) {
        throw new ForeignContentError(
          `${repo}:${tag} holds a ${fetched.descriptor.mediaType} manifest, not cosign's signature image; it was left untouched. ` +
            'Remove that tag or choose storage: referrers',
        );
      }
      return m;
    },
    async merge(current, attempt) {
      const existing = current?.layers ?? [];
      const kept = existing.filter((l) => ourKeys.has(layerKey(l)) || !what.superseded?.(l));
      for (const l of existing) if (!kept.includes(l)) dropped.add(keyHash(l));
      const have = new Set(kept.map(layerKey));
      const missing = what.ours.filter((l) => !have.has(layerKey(l)));
      if (current && missing.length === 0 && kept.length === existing.length) return undefined;
      this.replaced = existing.length - kept.length;
      const all = [...kept, ...missing];
      const config = configFor(all);
      // After a failed write, upload again instead of trusting HEAD (see BlobUnknownError).
      const force = attempt > 0;
      await Promise.all([
        repo.pushBlob(config, MediaType.ImageConfig, { force }),
        ...(force ? (what.layers ?? []).map((l) => repo.pushBlob(l.data, l.mediaType, { force })) : []),
      ]);
      const manifest: ImageManifest = {
        schemaVersion: 2,
        mediaType: MediaType.ImageManifest,
        config: { mediaType: MediaType.ImageConfig, size: config.length, digest: digestOf(config) },
        layers: all,
        ...(current?.annotations ? { annotations: current.annotations } : {}),
      };
      return { bytes: Buffer.from(JSON.stringify(manifest)), mediaType: MediaType.ImageManifest };
    },
    async holds(current) {
      const have = new Set((current?.layers ?? []).map(layerKey));
      return [...ourKeys].every((k) => have.has(k));
    },
    recheck(): LegacyRecheck {
      return { kind: 'cosign-legacy', ours: what.ours, dropped: [...dropped] };
    },
  };
}

/** The digest of a layer's key: how a LegacyRecheck names the layers to drop, compactly. */
export function keyHash(l: Descriptor): string {
  return sha256(Buffer.from(layerKey(l)));
}
