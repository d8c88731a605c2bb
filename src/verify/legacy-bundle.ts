import { BUNDLE_V01_MEDIA_TYPE, BUNDLE_V03_MEDIA_TYPE, type Bundle } from '@sigstore/bundle';
import { BundleFormatError, bundleFromObject as fromJson } from './bundle-json.js';
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

/** JSON of an annotation (or the layer itself), an object; anything else names what is wrong. */
function jsonObject(text: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new BundleFormatError(`${what} is not JSON (${(err as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new BundleFormatError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

const BUNDLE_ANNOTATION = `the ${Annotation.bundle} annotation`;

function tlogEntries(annotations: Annotations, check: (body: Record<string, unknown>) => void): unknown[] {
  const raw = annotations[Annotation.bundle];
  if (!raw) return [];
  // Annotations are written by whoever pushed the layer: every field is checked before it is used
  // (fuzzing found TypeErrors and SyntaxErrors that named nothing; test/fuzz/sigstore.test.ts).
  const rb = jsonObject(raw, BUNDLE_ANNOTATION) as Partial<RekorBundleAnnotation>;
  const p = rb.Payload;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p.body !== 'string' ||
    typeof p.logID !== 'string' ||
    typeof rb.SignedEntryTimestamp !== 'string'
  )
    throw new BundleFormatError(
      `${BUNDLE_ANNOTATION} lacks SignedEntryTimestamp or Payload.body/logID (not what cosign writes)`,
    );
  const body = jsonObject(
    Buffer.from(p.body, 'base64').toString('utf8'),
    `the Rekor body in ${BUNDLE_ANNOTATION}`,
  );
  check(body);
  return [
    {
      logIndex: String(p.logIndex),
      logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
      kindVersion: { kind: body.kind, version: body.apiVersion },
      integratedTime: String(p.integratedTime),
      inclusionPromise: { signedEntryTimestamp: rb.SignedEntryTimestamp },
      canonicalizedBody: p.body,
    },
  ];
}

function rfc3161(annotation: string): string {
  const what = `the ${Annotation.rfc3161} annotation`;
  const v = jsonObject(annotation, what).SignedRFC3161Timestamp;
  if (typeof v !== 'string') throw new BundleFormatError(`${what} has no SignedRFC3161Timestamp string`);
  return v;
}

function verificationMaterial(annotations: Annotations, entries: unknown[]): Record<string, unknown> {
  const leaf = annotations[Annotation.certificate];
  if (!leaf) throw new BundleFormatError(`layer has no ${Annotation.certificate} annotation`);
  const ts = annotations[Annotation.rfc3161];
  const rfc3161Timestamps = ts ? [{ signedTimestamp: rfc3161(ts) }] : [];
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
  if (!signature) throw new BundleFormatError(`signature layer has no ${Annotation.signature} annotation`);
  const digest = sha256(payload).slice('sha256:'.length);
  const entries = tlogEntries(annotations, (body) => {
    const spec = body.spec as { data?: { hash?: { value?: string } }; signature?: { content?: string } };
    if (
      body.kind !== 'hashedrekord' ||
      spec.data?.hash?.value !== digest ||
      spec.signature?.content !== signature
    ) {
      throw new BundleFormatError(
        'the Rekor entry in the bundle annotation does not describe this payload and signature',
      );
    }
  });
  return fromJson('the .sig layer', {
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
      throw new BundleFormatError(
        'the Rekor entry in the bundle annotation does not describe this DSSE envelope (envelopeHash differs)',
      );
    }
  });
  return fromJson('the .att layer', {
    mediaType: entries.length ? BUNDLE_V01_MEDIA_TYPE : BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: verificationMaterial(annotations, entries),
    dsseEnvelope: jsonObject(envelope.toString('utf8'), 'the .att layer (a DSSE envelope)'),
  });
}
