// Rekor v1 entry types as rekor v1.5.4 validates and canonicalizes them before they become leaves:
//  - pkg/types/hashedrekord/v0.0.1/entry.go: the signature must verify over the submitted digest
//    with the submitted key (PEM public key or certificate); the canonical body keeps the digest,
//    the raw signature and the key's canonical PEM, and drops anything else.
//  - pkg/types/dsse/v0.0.1/entry.go: proposedContent {envelope, verifiers} is replaced by
//    envelopeHash = sha256 of the envelope STRING as submitted, payloadHash = sha256 of the decoded
//    payload, and signatures [{signature: the envelope's sig string, verifier: base64 of the
//    key's canonical PEM}] sorted by signature (verifyEnvelope: every verifier must accept a
//    signature with SHA-256, every signature must be accepted by some verifier).
//  - pkg/types/entries.go CanonicalizeEntry: the result goes through RFC 8785 JCS.
import { createHash, publicDecrypt, verify, constants, type KeyObject } from 'node:crypto';
import { json } from '@sigstore/core';
import { publicKeyFromPem, sha256, verifyEcdsaDigest } from './common.js';

export class EntryError extends Error {}

const DIGEST_LENGTHS: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

// DER DigestInfo prefixes (RFC 8017 §9.2 note 1) for RSA PKCS#1 v1.5 over a given digest.
const DIGEST_INFO: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

function keyFrom(b64: unknown): { key: KeyObject; canonicalPem: string } {
  if (typeof b64 !== 'string' || !b64) throw new EntryError('missing public key');
  try {
    return publicKeyFromPem(Buffer.from(b64, 'base64').toString('utf8'));
  } catch (e) {
    throw new EntryError(`invalid public key: ${String(e)}`);
  }
}

function verifyDigest(key: KeyObject, alg: string, digest: Buffer, sig: Buffer): boolean {
  if (key.asymmetricKeyType === 'ec') return verifyEcdsaDigest(key, digest, sig);
  if (key.asymmetricKeyType === 'rsa') {
    try {
      const info = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig);
      return info.equals(Buffer.concat([Buffer.from(DIGEST_INFO[alg] ?? '', 'hex'), digest]));
    } catch {
      return false;
    }
  }
  return false;
}

interface Proposed {
  apiVersion?: string;
  kind?: string;
  spec?: Record<string, unknown>;
}

function hashedrekord(spec: Record<string, unknown>): unknown {
  const data = spec.data as { hash?: { algorithm?: string; value?: string } } | undefined;
  const sigObj = spec.signature as { content?: string; publicKey?: { content?: string } } | undefined;
  const alg = data?.hash?.algorithm ?? '';
  const value = data?.hash?.value ?? '';
  const len = DIGEST_LENGTHS[alg];
  if (!len || !new RegExp(`^[0-9a-fA-F]{${len * 2}}$`).test(value)) throw new EntryError('invalid data hash');
  if (!sigObj?.content) throw new EntryError('missing signature');
  const sig = Buffer.from(sigObj.content, 'base64');
  const { key, canonicalPem } = keyFrom(sigObj.publicKey?.content);
  if (!verifyDigest(key, alg, Buffer.from(value, 'hex'), sig)) {
    throw new EntryError('verifying signature: invalid signature when validating ASN.1 encoded signature');
  }
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: alg, value } },
      signature: {
        content: sig.toString('base64'),
        publicKey: { content: Buffer.from(canonicalPem).toString('base64') },
      },
    },
  };
}

/** DSSE pre-authentication encoding, what every DSSE signature covers. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

function dsse(spec: Record<string, unknown>): unknown {
  const pc = spec.proposedContent as { envelope?: string; verifiers?: string[] } | undefined;
  if (!pc)
    throw new EntryError(
      'either proposedContent or envelopeHash, payloadHash, and signatures must be present',
    );
  if (typeof pc.envelope !== 'string') throw new EntryError('proposed content envelope is missing');
  let env: { payloadType?: string; payload?: string; signatures?: Array<{ sig?: string }> };
  try {
    env = JSON.parse(pc.envelope) as typeof env;
  } catch (e) {
    throw new EntryError(`payload must be a valid DSSE envelope: ${String(e)}`);
  }
  const sigs = (env.signatures ?? []).map((s) => s.sig ?? '');
  if (sigs.length === 0) throw new EntryError('DSSE envelope must contain 1 or more signatures');
  const payload = Buffer.from(env.payload ?? '', 'base64');
  const message = pae(env.payloadType ?? '', payload);
  const pending = new Set(sigs);
  const verifierBySig = new Map<string, string>();
  for (const v of pc.verifiers ?? []) {
    if (pending.size === 0) break;
    const { key, canonicalPem } = keyFrom(v);
    const hash = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    const accepted = [...pending].filter((s) => {
      try {
        return verify(hash, message, key, Buffer.from(s, 'base64'));
      } catch {
        return false;
      }
    });
    if (accepted.length === 0) throw new EntryError('could not verify envelope: no valid signature');
    for (const s of accepted) {
      pending.delete(s);
      verifierBySig.set(s, Buffer.from(canonicalPem).toString('base64'));
    }
  }
  if (pending.size > 0) throw new EntryError('all signatures must have a key that verifies it');
  const sorted = [...verifierBySig.keys()].sort();
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(pc.envelope).toString('hex') },
      payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
      signatures: sorted.map((s) => ({ signature: s, verifier: verifierBySig.get(s) })),
    },
  };
}

/** The leaf Rekor stores for a proposed entry, or an EntryError (HTTP 400). */
export function canonicalizeEntry(proposed: unknown): { body: Buffer; kind: string } {
  const p = (proposed ?? {}) as Proposed;
  if (!p.spec || typeof p.spec !== 'object') throw new EntryError('missing spec');
  const key = `${p.kind}/${p.apiVersion}`;
  let entry: unknown;
  if (key === 'hashedrekord/0.0.1') entry = hashedrekord(p.spec);
  else if (key === 'dsse/0.0.1') entry = dsse(p.spec);
  else throw new EntryError(`unsupported entry type ${key}`);
  return { body: Buffer.from(json.canonicalize(entry), 'utf8'), kind: String(p.kind) };
}
