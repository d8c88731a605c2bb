// Fuzz targets: the Sigstore material sigstamp reads from outside: a user's trusted_root.json (the
// `trusted-root` input and `sigstamp tuf-repo --trusted-root`), Sigstore bundles read back from a
// registry, and cosign legacy layers (payload + annotations) rebuilt into bundles. Seeds are real:
// a trusted root and bundles made by the loopback Sigstore (real CA, real log, real TSA).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import { PolicyError, VerificationError, type Verifier } from '@sigstore/verify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Annotation, rekorBundleAnnotation } from '../../src/attach/cosign-legacy.js';
import { trustFromFile } from '../../src/sigstore/trust.js';
import { TufRepoError } from '../../src/sigstore/tuf-repo-error.js';
import { readTargets } from '../../src/sigstore/tuf-targets.js';
import { BundleFormatError, parseBundleJson, verifyUntrusted } from '../../src/verify/bundle-json.js';
import { bundleFromAttestationLayer, bundleFromSignatureLayer } from '../../src/verify/legacy-bundle.js';
import { leafCertificate, sampleBundles } from '../support/sigstore/bundles.js';
import { toPem } from '../support/sigstore/common.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import {
  anyOf,
  callAsync,
  call,
  fuzz,
  fuzzAsync,
  fuzzTimeout,
  instanceOf,
  mutatedJson,
  mutatedText,
  plainError,
} from '../support/fuzz.js';

let s: LoopbackSigstore;
let dir: string;
let message: { bundle: Bundle; artifact: Buffer };
let dsse: Bundle;
let verifier: Verifier;

beforeAll(async () => {
  s = await startSigstore({ tsa: true });
  dir = mkdtempSync(join(tmpdir(), 'sigstamp-fuzz-sigstore-'));
  const artifact = Buffer.from('{"critical":{"image":{"docker-manifest-digest":"sha256:00"}}}');
  const samples = await sampleBundles(s, artifact);
  message = { bundle: samples.blob, artifact };
  ({ dsse, verifier } = samples);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.stop();
});

const policy = () => ({
  subjectAlternativeName: /^https:\/\/github\.com\//,
  extensions: { issuer: s.issuer },
});

describe('fuzz: Sigstore material', () => {
  it('a trusted_root.json given by the user (trustFromFile)', { timeout: fuzzTimeout(400) }, async () => {
    const file = join(dir, 'trusted_root.json');
    await fuzzAsync(mutatedJson([s.trustedRoot]), 400, (text) => {
      writeFileSync(file, text);
      return callAsync(trustFromFile, file, plainError(/^trusted-root \S+: /));
    });
  });

  it(
    'a trusted_root.json for a TUF repository (tuf-repo --trusted-root)',
    { timeout: fuzzTimeout(400) },
    async () => {
      const file = join(dir, 'tuf_trusted_root.json');
      await fuzzAsync(mutatedJson([s.trustedRoot]), 400, (text) => {
        writeFileSync(file, text);
        return callAsync(
          () => readTargets(file, undefined, new Date(), true),
          undefined,
          instanceOf(TufRepoError),
        );
      });
    },
  );

  it('a bundle read back from a registry, then verified (parseBundleJson + @sigstore/verify)', () => {
    const seeds = [bundleToJSON(message.bundle), bundleToJSON(dsse)];
    // The seeds themselves verify, so mutations start from bundles a verifier accepts.
    verifyUntrusted(verifier, message.bundle, message.artifact, policy(), 'seed');
    verifyUntrusted(verifier, dsse, undefined, policy(), 'seed');
    // What the verifier may say about a bundle that parses: a failed check, never a crash.
    const typed = anyOf(instanceOf(BundleFormatError, VerificationError, PolicyError));
    fuzz(mutatedJson(seeds), 600, (text) =>
      call(
        (t: string) => {
          const bundle = parseBundleJson(Buffer.from(t), 'the fuzzed bundle');
          const artifact = bundle.content.$case === 'messageSignature' ? message.artifact : undefined;
          return verifyUntrusted(verifier, bundle, artifact, policy(), 'the fuzzed bundle');
        },
        text,
        typed,
      ),
    );
  });

  describe('cosign legacy layers (bundleFromSignatureLayer, bundleFromAttestationLayer)', () => {
    // As published.ts does: rebuild the bundle, then verify it.
    const typed = instanceOf(BundleFormatError, VerificationError, PolicyError);
    const sig = (a: Record<string, string>) =>
      verifyUntrusted(
        verifier,
        bundleFromSignatureLayer(message.artifact, a),
        message.artifact,
        policy(),
        '.sig',
      );
    const att = (envelope: Buffer) => (a: Record<string, string>) =>
      verifyUntrusted(verifier, bundleFromAttestationLayer(envelope, a), undefined, policy(), '.att');
    const annotationsOf = (b: Bundle): Record<string, string> => {
      const tle = b.verificationMaterial.tlogEntries[0]!;
      const ts = b.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
      return {
        [Annotation.certificate]: toPem(new Uint8Array(leafCertificate(b).rawData), 'CERTIFICATE'),
        [Annotation.bundle]: rekorBundleAnnotation(tle),
        ...(ts
          ? {
              [Annotation.rfc3161]: JSON.stringify({
                SignedRFC3161Timestamp: ts.signedTimestamp.toString('base64'),
              }),
            }
          : {}),
      };
    };
    // One annotation replaced by a mutation of itself (or dropped): the layer's bytes stay valid.
    const mutatedAnnotations = (base: Record<string, string>) =>
      fc.tuple(fc.constantFrom(...Object.keys(base)), fc.nat()).chain(([key, drop]) =>
        (drop % 5 === 0 ? fc.constant(undefined) : mutatedText([base[key]!])).map((value) => {
          const out = { ...base };
          if (value === undefined) delete out[key];
          else out[key] = value;
          return out;
        }),
      );

    it('a .sig layer', () => {
      const b = message.bundle;
      if (b.content.$case !== 'messageSignature') throw new Error('seed is not a message signature');
      const base = {
        ...annotationsOf(b),
        [Annotation.signature]: b.content.messageSignature.signature.toString('base64'),
      };
      sig(base); // the seed itself verifies, so mutations start from a layer cosign would accept
      fuzz(mutatedAnnotations(base), 500, (annotations) => call(sig, annotations, typed));
    });

    it('an .att layer', () => {
      if (dsse.content.$case !== 'dsseEnvelope') throw new Error('seed is not a DSSE bundle');
      const envelope = Buffer.from(JSON.stringify(bundleToJSON(dsse).dsseEnvelope));
      const base = annotationsOf(dsse);
      att(envelope)(base);
      fuzz(mutatedAnnotations(base), 500, (annotations) => call(att(envelope), annotations, typed));
    });
  });
});
