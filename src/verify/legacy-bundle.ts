import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { BUNDLE_V01_MEDIA_TYPE, BUNDLE_V03_MEDIA_TYPE } from '@sigstore/bundle';
import { sha256 } from '../oci/digest.js';
import { Annotation } from '../attach/cosign-legacy.js';
import type { Annotations } from '../oci/types.js';

/**
 * Rebuilds a Sigstore bundle from a cosign legacy layer (its bytes and annotations), so the same
 * verifier checks both formats. What cosign checks is checked here too: the Rekor body must describe
 * exactly these bytes (hashedrekord: the payload's digest and signature; dsse: the envelope's hash).
 */

interface RekorBundleAnnotation {
  SignedEntryTimestamp: string;
  Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
}

function pemToDer(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

function tlogEntries(annotations: Annotations, check: (body: Record<string, unknown>) => void): unknown[] {
  const raw = annotations[Annotation.bundle];
  if (!raw) return [];
  const rb = JSON.parse(raw) as RekorBundleAnnotation;
  const body = JSON.parse(Buffer.from(rb.Payload.body, 'base64').toString('utf8')) as {
    kind: string;
    apiVersion: string;
  } & Record<string, unknown>;
  check(body);
  return [
    {
      logIndex: String(rb.Payload.logIndex),
      logId: { keyId: Buffer.from(rb.Payload.logID, 'hex').toString('base64') },
      kindVersion: { kind: body.kind, version: body.apiVersion },
      integratedTime: String(rb.Payload.integratedTime),
      inclusionPromise: { signedEntryTimestamp: rb.SignedEntryTimestamp },
      canonicalizedBody: rb.Payload.body,
    },
  ];
}

function verificationMaterial(annotations: Annotations, entries: unknown[]): Record<string, unknown> {
  const leaf = annotations[Annotation.certificate];
  if (!leaf) throw new Error(`layer has no ${Annotation.certificate} annotation`);
  const ts = annotations[Annotation.rfc3161];
  const rfc3161Timestamps = ts
    ? [{ signedTimestamp: (JSON.parse(ts) as { SignedRFC3161Timestamp: string }).SignedRFC3161Timestamp }]
    : [];
  return {
    // A promise-only (SET) entry is a v0.1 bundle; without a log entry, v0.3 with the bare certificate.
    ...(entries.length
      ? { x509CertificateChain: { certificates: [{ rawBytes: pemToDer(leaf) }] } }
      : { certificate: { rawBytes: pemToDer(leaf) } }),
    tlogEntries: entries,
    timestampVerificationData: { rfc3161Timestamps },
  };
}

export function bundleFromSignatureLayer(payload: Buffer, annotations: Annotations): Bundle {
  const signature = annotations[Annotation.signature];
  if (!signature) throw new Error(`signature layer has no ${Annotation.signature} annotation`);
  const digest = sha256(payload).slice('sha256:'.length);
  const entries = tlogEntries(annotations, (body) => {
    const spec = body.spec as { data?: { hash?: { value?: string } }; signature?: { content?: string } };
    if (
      body.kind !== 'hashedrekord' ||
      spec.data?.hash?.value !== digest ||
      spec.signature?.content !== signature
    ) {
      throw new Error(
        'the Rekor entry in the bundle annotation does not describe this payload and signature',
      );
    }
  });
  return bundleFromJSON({
    mediaType: entries.length ? BUNDLE_V01_MEDIA_TYPE : BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: verificationMaterial(annotations, entries),
    messageSignature: {
      messageDigest: { algorithm: 'SHA2_256', digest: Buffer.from(digest, 'hex').toString('base64') },
      signature,
    },
  });
}

export function bundleFromAttestationLayer(envelope: Buffer, annotations: Annotations): Bundle {
  const entries = tlogEntries(annotations, (body) => {
    const spec = body.spec as { envelopeHash?: { value?: string } };
    if (body.kind !== 'dsse' || `sha256:${spec.envelopeHash?.value}` !== sha256(envelope)) {
      throw new Error(
        'the Rekor entry in the bundle annotation does not describe this DSSE envelope (envelopeHash differs)',
      );
    }
  });
  return bundleFromJSON({
    mediaType: entries.length ? BUNDLE_V01_MEDIA_TYPE : BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: verificationMaterial(annotations, entries),
    dsseEnvelope: JSON.parse(envelope.toString('utf8')) as unknown,
  });
}
