// Signing and verifying against the loopback Sigstore from inside a test, with the same libraries
// sigstamp uses (@sigstore/sign builders, @sigstore/verify with the generated trusted root), plus
// readers for what Fulcio put in a bundle's certificate.
import { generateKeyPairSync, sign } from 'node:crypto';
import { bundleFromJSON, bundleToJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type IdentityProvider,
  type Witness,
} from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier, type Signer } from '@sigstore/verify';
import { x509 } from '../x509.js';
import { toPem } from './common.js';
import { FULCIO_OID } from './fulcio-ca.js';
import type { LoopbackSigstore } from './index.js';

export interface BuilderOptions {
  /** Add an RFC 3161 timestamp from the loopback TSA (needs startSigstore({ tsa: true })). */
  tsa?: boolean;
  /** Defaults to minting a fresh token with the issuer's current default claims. */
  identityProvider?: IdentityProvider;
}

/** Bundle builders wired to the loopback Fulcio, Rekor (v1, dsse entries) and optionally the TSA. */
export function bundleBuilders(s: LoopbackSigstore, opts: BuilderOptions = {}) {
  const signer = new FulcioSigner({
    fulcioBaseURL: s.fulcioUrl,
    identityProvider: opts.identityProvider ?? { getToken: () => s.oidc.mint() },
  });
  const witnesses: Witness[] = [new RekorWitness({ rekorBaseURL: s.rekorUrl, entryType: 'dsse' })];
  if (opts.tsa) {
    if (!s.tsa) throw new Error('bundleBuilders({ tsa: true }) needs startSigstore({ tsa: true })');
    witnesses.push(new TSAWitness({ tsaBaseURL: s.tsa.url }));
  }
  return {
    blob: new MessageSignatureBundleBuilder({ signer, witnesses }),
    dsse: new DSSEBundleBuilder({ signer, witnesses }),
  };
}

/**
 * @sigstore/verify against the loopback trusted root, SCTs not required (there is no CT log). The
 * bundle goes through its JSON form first, as a verifier reading it from a registry would see it.
 * `san` must be an anchored RegExp: a string is used as an unanchored pattern.
 */
export function verifyBundle(s: LoopbackSigstore, bundle: Bundle, san: RegExp, artifact?: Buffer): Signer {
  const trust = toTrustMaterial(TrustedRoot.fromJSON(s.trustedRoot));
  const verifier = new Verifier(trust, { ctlogThreshold: 0, tlogThreshold: 1 });
  const entity = toSignedEntity(bundleFromJSON(bundleToJSON(bundle)), artifact);
  return verifier.verify(entity, { subjectAlternativeName: san, extensions: { issuer: s.issuer } });
}

/** The signing certificate of a v0.2 (chain) or v0.3 (single certificate) bundle. */
export function leafCertificate(bundle: Bundle): x509.X509Certificate {
  const vm = bundle.verificationMaterial.content;
  const raw =
    vm.$case === 'certificate'
      ? vm.certificate.rawBytes
      : vm.$case === 'x509CertificateChain'
        ? vm.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (!raw) throw new Error('bundle carries no certificate');
  return new x509.X509Certificate(raw);
}

/** The raw bytes of Fulcio extension 1.3.6.1.4.1.57264.1.n, if present. */
export function fulcioExtensionBytes(cert: x509.X509Certificate, n: number): Buffer | undefined {
  const ext = cert.getExtension(FULCIO_OID(n));
  return ext ? Buffer.from(ext.value) : undefined;
}

/**
 * cosign's legacy bundle for `cosign verify-blob --bundle` (pkg/cosign/bundle): base64Signature,
 * cert (base64 of the leaf PEM) and rekorBundle, whose shape is the `dev.sigstore.cosign/bundle`
 * annotation of a `.sig` layer ({SignedEntryTimestamp, Payload{body, integratedTime, logIndex,
 * logID hex}}). Only for message-signature bundles.
 */
export function toLegacyCosignBundle(bundle: Bundle): string {
  if (bundle.content.$case !== 'messageSignature') throw new Error('not a message-signature bundle');
  const tle = bundle.verificationMaterial.tlogEntries[0];
  if (!tle?.inclusionPromise) throw new Error('bundle has no Rekor entry with a SET');
  const leaf = leafCertificate(bundle);
  return JSON.stringify({
    base64Signature: bundle.content.messageSignature.signature.toString('base64'),
    cert: Buffer.from(toPem(new Uint8Array(leaf.rawData), 'CERTIFICATE')).toString('base64'),
    rekorBundle: {
      SignedEntryTimestamp: tle.inclusionPromise.signedEntryTimestamp.toString('base64'),
      Payload: {
        body: tle.canonicalizedBody.toString('base64'),
        integratedTime: Number(tle.integratedTime),
        logIndex: Number(tle.logIndex),
        logID: tle.logId.keyId.toString('hex'),
      },
    },
  });
}

/**
 * cosign's RFC 3161 timestamp file (`--rfc3161-timestamp`), the same JSON as the
 * `dev.sigstore.cosign/rfc3161timestamp` annotation: {"SignedRFC3161Timestamp": base64 DER}.
 */
export function toLegacyRfc3161Timestamp(bundle: Bundle): string {
  const ts = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
  if (!ts) throw new Error('bundle has no RFC 3161 timestamp');
  return JSON.stringify({ SignedRFC3161Timestamp: ts.signedTimestamp.toString('base64') });
}

/**
 * POST /api/v2/signingCert with the body sigstore-js's CA client sends (signer/fulcio/ca.ts), for
 * a fresh P-256 key; `proofOver` replaces the token's `sub` as the signed challenge.
 */
export async function requestSigningCert(s: LoopbackSigstore, token: string, proofOver?: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const payload = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString();
  const sub = (JSON.parse(payload) as { sub?: string }).sub ?? '';
  const res = await fetch(`${s.fulcioUrl}/api/v2/signingCert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      credentials: { oidcIdentityToken: token },
      publicKeyRequest: {
        publicKey: { algorithm: 'ECDSA', content: publicKey.export({ format: 'pem', type: 'spki' }) },
        proofOfPossession: sign('sha256', Buffer.from(proofOver ?? sub), privateKey).toString('base64'),
      },
    }),
  });
  return { status: res.status, body: (await res.json()) as { code?: number; message?: string } };
}

/**
 * A message-signature bundle over `artifact` and a DSSE bundle, both timestamped, from the loopback
 * Sigstore, with the verifier and policy that accept them: seeds for tests of bundle handling.
 */
export async function sampleBundles(s: LoopbackSigstore, artifact: Buffer) {
  const b = bundleBuilders(s, { tsa: true });
  return {
    blob: await b.blob.create({ data: artifact }),
    dsse: await b.dsse.create({
      data: Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}'),
      type: 'application/vnd.in-toto+json',
    }),
    verifier: new Verifier(toTrustMaterial(TrustedRoot.fromJSON(s.trustedRoot)), {
      ctlogThreshold: 0,
      tlogThreshold: 1,
    }),
    policy: { subjectAlternativeName: /^https:\/\/github\.com\//, extensions: { issuer: s.issuer } },
  };
}
