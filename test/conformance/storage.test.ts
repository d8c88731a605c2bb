import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers, pushReferrer } from '../../src/oci/referrers.js';
import type { ImageIndex } from '../../src/oci/types.js';
import { customSigstoreInputs, runAction } from '../support/action.js';
import { buildImage, pushImage, pushIndex } from '../support/image.js';
import { startOlareg, type TestRegistry } from '../support/registry.js';
import { DEFAULT_REPO, startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';
import { cosign22Verify, cosignEnvVerify, cosignVerify, type Identity } from '../support/verifiers.js';

// Each storage mode on its own, reaching the verifiers that read it; a multi-arch index; a TSA.
const SLSA = 'https://slsa.dev/provenance/v1';
const VULN = 'https://cosign.sigstore.dev/attestation/vuln/v1';

describe.skipIf(!toolGate('olareg', 'skopeo', 'umoci', 'cosign2', 'cosign3', 'cosign22'))(
  'storage modes, multi-arch and timestamps',
  () => {
    let registry: TestRegistry;
    let sigstore: LoopbackSigstore;
    let ref: string;
    let vulnFile: string;
    let n = 0;
    let id: Identity;

    beforeAll(async () => {
      [registry, sigstore] = await Promise.all([startOlareg(), startSigstore({ tsa: true })]);
      ref = `${registry.host}/${DEFAULT_REPO}`;
      vulnFile = join(await mkdtemp(join(tmpdir(), 'sigstamp-vuln-')), 'vuln.json');
      await writeFile(vulnFile, JSON.stringify({ scanner: { uri: 'pkg:github/aquasecurity/trivy@0.50.0' } }));
      id = {
        regexp: `^https://github\\.com/${DEFAULT_REPO}/\\.github/workflows/release\\.yml@refs/tags/v1\\.2\\.3$`,
        issuer: sigstore.issuer,
      };
    });
    afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop()]));

    async function image(): Promise<string> {
      n++;
      return pushImage(await buildImage([{ '/n': `${n} ${Date.now()}\n` }]), `${ref}:s${n}`);
    }

    it('storage: legacy reaches cosign v2.6 (signature, provenance, custom predicate) and writes no bundle', async () => {
      const digest = await image();
      const run = await runAction(
        {
          image: ref,
          digest,
          storage: 'legacy',
          predicates: `${VULN}=${vulnFile}`,
          ...customSigstoreInputs(sigstore),
        },
        { sigstore },
      );
      expect(run.code, run.stdout).toBe(0);
      for (const type of [undefined, SLSA, VULN]) {
        const r = await cosignEnvVerify('cosign2', sigstore, `${ref}@${digest}`, id, type);
        expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
      }
      const client = new RegistryClient();
      expect((await listReferrers(client.repository(parseReference(ref)), digest)).referrers).toHaveLength(0);
      await client.close();
    });

    it('storage: referrers reaches cosign v3 and writes no legacy tag; the bundles also pass @sigstore/verify', async () => {
      const digest = await image();
      const run = await runAction(
        { image: ref, digest, storage: 'referrers', ...customSigstoreInputs(sigstore) },
        { sigstore },
      );
      expect(run.code, run.stdout).toBe(0);
      for (const type of [undefined, SLSA]) {
        const r = await cosignVerify(
          'cosign3',
          sigstore,
          `${ref}@${digest}`,
          id,
          type ? { attestationType: type } : {},
        );
        expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
      }
      expect((await cosign22Verify(sigstore, `${ref}@${digest}`, id)).code).not.toBe(0);
      const client = new RegistryClient();
      expect(
        await client.repository(parseReference(ref)).headManifest(legacyTag(digest, 'sig')),
      ).toBeUndefined();
      await client.close();
      const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(sigstore.trustedRoot)), {
        ctlogThreshold: 0,
      });
      for (const path of run.outputs['bundle-paths']!.split('\n')) {
        const entity = toSignedEntity(bundleFromJSON(JSON.parse(await readFile(path, 'utf8'))));
        expect(() =>
          verifier.verify(entity, {
            subjectAlternativeName: new RegExp(id.regexp),
            extensions: { issuer: id.issuer },
          }),
        ).not.toThrow();
        expect(() =>
          verifier.verify(entity, { subjectAlternativeName: /^https:\/\/github\.com\/other\/app\/.*$/ }),
        ).toThrow();
      }
    });

    it('storage: legacy warns when a foreign bundle makes cosign v3 ignore the legacy tags', async () => {
      const digest = await image();
      const client = new RegistryClient();
      const repo = client.repository(parseReference(ref));
      await pushReferrer(repo, {
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        subject: (await repo.headManifest(digest))!,
        layers: [
          {
            mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
            data: Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}'),
          },
        ],
      });
      await client.close();
      const run = await runAction(
        { image: ref, digest, storage: 'legacy', ...customSigstoreInputs(sigstore) },
        { sigstore },
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(
        /::warning::.*already has 1 Sigstore bundle referrer.*cosign v3 then reads only bundles/,
      );
      expect(run.summary).toContain('cosign v3 then reads only bundles');
    });

    it('a multi-arch index: everything on the index digest, and with per-platform on each platform too', async () => {
      const images = await Promise.all(
        [
          { os: 'linux', architecture: 'amd64' },
          { os: 'linux', architecture: 'arm64' },
        ].map((platform) => buildImage([{ '/arch': `${platform.architecture}\n` }], { platform })),
      );
      const index = await pushIndex(images, `${ref}:multi`);
      const run = await runAction(
        { image: ref, digest: index, 'per-platform': 'true', ...customSigstoreInputs(sigstore) },
        { sigstore },
      );
      expect(run.code, run.stdout).toBe(0);
      const client = new RegistryClient();
      const platforms = (
        (await client.repository(parseReference(ref)).getManifest(index)).manifest as ImageIndex
      ).manifests.map((m) => m.digest);
      await client.close();
      expect(platforms).toHaveLength(2);
      for (const d of [index, ...platforms]) {
        const v3 = await cosignVerify('cosign3', sigstore, `${ref}@${d}`, id, { attestationType: SLSA });
        expect(v3.code, `${d}: ${v3.stderr}`).toBe(0);
        const v22 = await cosign22Verify(sigstore, `${ref}@${d}`, id);
        expect(v22.code, `${d}: ${v22.stderr}`).toBe(0);
      }
      expect(sigstore.fulcio.requests).toBeGreaterThan(0);
    });

    it('Rekor and a timestamp authority together: cosign v3 verifies the timestamped bundles', async () => {
      const digest = await image();
      const run = await runAction(
        {
          image: ref,
          digest,
          storage: 'referrers',
          'tsa-url': sigstore.tsaUrl!,
          ...customSigstoreInputs(sigstore),
        },
        { sigstore },
      );
      expect(run.code, run.stdout).toBe(0);
      const bundle = JSON.parse(await readFile(run.outputs['bundle-paths']!.split('\n')[0]!, 'utf8')) as {
        verificationMaterial: { timestampVerificationData?: { rfc3161Timestamps?: unknown[] } };
      };
      expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
      const r = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, id);
      expect(r.code, r.stderr).toBe(0);
    });
  },
);
