// Every crash the fuzz targets found, as the smallest input that showed it (fast-check's shrunk
// counterexample), so the fix cannot quietly regress while the seeded runs happen to miss it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import type { Verifier } from '@sigstore/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Annotation, rekorBundleAnnotation } from '../../src/attach/cosign-legacy.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { listReferrers, readFallbackIndex } from '../../src/oci/referrers.js';
import { trustFromFile } from '../../src/sigstore/trust.js';
import { BundleFormatError, parseBundleJson, verifyUntrusted } from '../../src/verify/bundle-json.js';
import { bundleFromAttestationLayer, bundleFromSignatureLayer } from '../../src/verify/legacy-bundle.js';
import { repositoryServing } from '../support/served-repository.js';
import { leafCertificate, sampleBundles } from '../support/sigstore/bundles.js';
import { toPem } from '../support/sigstore/common.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';

const SUBJECT = `sha256:${'ab'.repeat(32)}`;
const index = (manifests: unknown) =>
  JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests });

describe('fuzz regressions: registry answers', () => {
  it('a manifest that is JSON `null` is a clear error, not a TypeError', async () => {
    const repo = repositoryServing({ body: 'null', contentType: MediaType.ImageManifest, api: true });
    await expect(repo.getManifest('latest')).rejects.toThrow(
      /is not a JSON object; the registry served something that is not a manifest$/,
    );
  });

  it('a referrers answer that is JSON `null` is no index: the fallback tag is read instead', async () => {
    // Both answer `null` here, so the fallback tag's manifest is what fails, by name.
    const repo = repositoryServing({ body: 'null', contentType: MediaType.ImageIndex, api: true });
    await expect(listReferrers(repo, SUBJECT)).rejects.toThrow(
      /^manifest registry\.test\/app:sha256-(ab){32} is not a JSON object/,
    );
  });

  it('an index entry that is not an object (`manifests: [null]`) describes no referrer', async () => {
    const good = { mediaType: MediaType.ImageManifest, digest: SUBJECT, size: 10, artifactType: 'a/b' };
    for (const api of [true, false]) {
      const repo = repositoryServing({
        body: index([null, good, 7]),
        contentType: MediaType.ImageIndex,
        api,
      });
      const { referrers } = await listReferrers(repo, SUBJECT, 'a/b');
      expect(referrers.map((r) => r.digest)).toEqual([SUBJECT]);
    }
    const repo = repositoryServing({ body: index([null]), contentType: MediaType.ImageIndex, api: false });
    await expect(readFallbackIndex(repo, SUBJECT)).resolves.toBeDefined();
  });
});

describe('fuzz regressions: Sigstore material', () => {
  let s: LoopbackSigstore;
  let dir: string;
  let blob: Bundle;
  let dsse: Bundle;
  const artifact = Buffer.from('payload');
  let verifier: Verifier;
  beforeAll(async () => {
    s = await startSigstore({ tsa: true });
    dir = mkdtempSync(join(tmpdir(), 'sigstamp-fuzz-regressions-'));
    ({ blob, dsse, verifier } = await sampleBundles(s, artifact));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await s?.stop();
  });
  const policy = () => ({
    subjectAlternativeName: /^https:\/\/github\.com\//,
    extensions: { issuer: s.issuer },
  });

  it('a trusted root with an empty hashAlgorithm names the file (was: "Unrecognized enum value")', async () => {
    const root = structuredClone(s.trustedRoot) as unknown as { tlogs: { hashAlgorithm: unknown }[] };
    root.tlogs[0]!.hashAlgorithm = [];
    const file = join(dir, 'trusted_root.json');
    writeFileSync(file, JSON.stringify(root));
    await expect(trustFromFile(file)).rejects.toThrow(
      `trusted-root ${file}: does not parse as a trusted root`,
    );
  });

  it('a bundle that is JSON `null` is a BundleFormatError naming it', () => {
    expect(() => parseBundleJson(Buffer.from('null'), 'referrer X')).toThrow(
      new BundleFormatError('referrer X is not a JSON object, so no Sigstore bundle'),
    );
  });

  it('an empty RFC 3161 timestamp is a malformed bundle (was: plain "request past end of buffer")', () => {
    const json = bundleToJSON(blob) as { verificationMaterial: { timestampVerificationData: unknown } };
    json.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [{}] };
    const bundle = parseBundleJson(Buffer.from(JSON.stringify(json)), 'the bundle');
    expect(() => verifyUntrusted(verifier, bundle, artifact, policy(), 'the bundle')).toThrow(
      /^the bundle is malformed: request past end of buffer$/,
    );
  });

  describe('cosign legacy annotations', () => {
    const annotations = (b: Bundle) => ({
      [Annotation.certificate]: toPem(new Uint8Array(leafCertificate(b).rawData), 'CERTIFICATE'),
      [Annotation.bundle]: rekorBundleAnnotation(b.verificationMaterial.tlogEntries[0]!),
    });
    const signature = () =>
      blob.content.$case === 'messageSignature'
        ? blob.content.messageSignature.signature.toString('base64')
        : '';

    it('a bundle annotation that is not JSON (was: SyntaxError)', () => {
      const a = { ...annotations(blob), [Annotation.signature]: signature() };
      a[Annotation.bundle] = a[Annotation.bundle]!.slice(1);
      expect(() => bundleFromSignatureLayer(artifact, a)).toThrow(
        /^the dev\.sigstore\.cosign\/bundle annotation is not JSON/,
      );
    });

    it('a bundle annotation without Payload (was: TypeError)', () => {
      const a = { ...annotations(blob), [Annotation.signature]: signature(), [Annotation.bundle]: '{}' };
      expect(() => bundleFromSignatureLayer(artifact, a)).toThrow(BundleFormatError);
    });

    it('an rfc3161 annotation that is not JSON (was: SyntaxError)', () => {
      if (dsse.content.$case !== 'dsseEnvelope') throw new Error('not a DSSE bundle');
      const envelope = Buffer.from(JSON.stringify(bundleToJSON(dsse).dsseEnvelope));
      const a = { ...annotations(dsse), [Annotation.rfc3161]: '"SignedRFC3161Timestamp":"x"}' };
      expect(() => bundleFromAttestationLayer(envelope, a)).toThrow(
        /^the dev\.sigstore\.cosign\/rfc3161timestamp annotation is not JSON/,
      );
      // The same layer with its real annotations still rebuilds into a bundle that verifies.
      const ok = bundleFromAttestationLayer(envelope, annotations(dsse));
      expect(verifyUntrusted(verifier, ok, undefined, policy(), '.att').identity).toBeDefined();
    });
  });
});
