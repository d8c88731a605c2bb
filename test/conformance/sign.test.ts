import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { bundleFromJSON } from '@sigstore/bundle';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, customSigstoreInputs, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { leafCertificate } from '../support/sigstore/index.js';
import { DEFAULT_REPO, type LoopbackSigstore, type SigstoreUnderTest } from '../support/sigstore/index.js';
import { SIGSTORES } from '../support/sigstores.js';
import { toolGate } from '../support/tools.js';
import { cosign22Verify, cosignVerify, runTool, type Identity } from '../support/verifiers.js';

// The whole signing job through the bundled Action, then every real verifier on what it published:
// cosign v3 (bundles), cosign v3 in legacy mode and cosign v2.2 (the .sig/.att tags), cosign v2.6,
// oras. Against both registry kinds — referrers API (olareg) and fallback tag (docker-registry) —
// and both Sigstores: the loopback stand-ins and the real Fulcio, Rekor and TSA.

const SLSA = 'https://slsa.dev/provenance/v1';
const VULN = 'https://cosign.sigstore.dev/attestation/vuln/v1';
const SPDX = 'https://spdx.dev/Document';
const CDX = 'https://cyclonedx.org/bom';
const SAN = `https://github.com/${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`;

const REGISTRIES = [
  ['distribution', () => startDistribution(), 'docker-registry'],
  ['olareg', () => startOlareg(), 'olareg'],
] as const;

for (const [kind, start, tool] of REGISTRIES)
  for (const sigstoreKind of SIGSTORES) {
    describe.skipIf(
      !toolGate(tool, 'skopeo', 'umoci', 'cosign2', 'cosign3', 'cosign22', 'oras', ...sigstoreKind.tools),
    )(`signing on ${kind} with ${sigstoreKind.name}, checked by the real verifiers`, () => {
      let registry: TestRegistry;
      let sigstore: SigstoreUnderTest;
      let digest: string;
      let unsigned: string;
      let ref: string;
      let run: ActionRun;
      let id: Identity;

      beforeAll(async () => {
        [registry, sigstore] = await Promise.all([start(), sigstoreKind.start()]);
        ref = `${registry.host}/${DEFAULT_REPO}`;
        digest = await pushImage(await buildImage([{ '/etc/app.conf': 'signed\n' }]), `${ref}:v1.2.3`);
        unsigned = await pushImage(
          await buildImage([{ '/etc/app.conf': 'never signed\n' }]),
          `${ref}:unsigned`,
        );
        const dir = await mkdtemp(join(tmpdir(), 'sigstamp-pred-'));
        await writeFile(
          join(dir, 'vuln.json'),
          JSON.stringify({
            scanner: { uri: 'pkg:github/aquasecurity/trivy@0.50.0', result: { Results: [] } },
          }),
        );
        run = await runAction(
          {
            image: ref,
            digest,
            tags: `${ref}:v1.2.3`,
            predicates: `${VULN}=${join(dir, 'vuln.json')}`,
            ...customSigstoreInputs(sigstore),
          },
          { sigstore },
        );
        id = { regexp: run.outputs['subject-regex'] ?? '', issuer: sigstore.issuer };
      }, 300_000);
      afterAll(async () => {
        await Promise.all([registry?.stop(), sigstore?.stop()]);
      });

      it('the Action succeeds, with one certificate for every signature, and sets its outputs', async () => {
        expect(run.code, run.stdout + run.stderr).toBe(0);
        if (sigstore.kind === 'stand-in') expect((sigstore as LoopbackSigstore).fulcio.requests).toBe(1);
        const bundles = await Promise.all(
          run.outputs['bundle-paths']!.split('\n').map(async (p) => JSON.parse(await readFile(p, 'utf8'))),
        );
        const leaves = new Set(
          bundles.map((b) => Buffer.from(leafCertificate(bundleFromJSON(b)).rawData).toString('base64')),
        );
        expect(bundles.length).toBeGreaterThanOrEqual(5);
        expect(leaves.size).toBe(1);
        expect(run.outputs.digest).toBe(digest);
        expect(run.outputs.subject).toBe(SAN);
        expect(run.outputs.issuer).toBe(sigstore.issuer);
        expect(run.outputs['subject-regex']).toBe(
          `^https://github\\.com/${DEFAULT_REPO}/\\.github/workflows/release\\.yml@refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+$`,
        );
        expect(new RegExp(run.outputs['subject-regex']!).test(SAN)).toBe(true);
        expect(run.outputs['signature-refs']!.split('\n')).toHaveLength(2);
        expect(run.outputs['rekor-log-indexes']!.split('\n').length).toBeGreaterThanOrEqual(4);
        expect(run.summary).toContain(SAN);
      });

      it('cosign v3 verifies the bundle signature and attestations', async () => {
        for (const type of [undefined, SLSA, VULN, SPDX, CDX]) {
          const r = await cosignVerify(
            'cosign3',
            sigstore,
            `${ref}@${digest}`,
            id,
            type ? { attestationType: type } : {},
          );
          expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
        }
      });

      it('cosign v3 in legacy mode and cosign v2.2 verify the .sig/.att tags', async () => {
        for (const type of [undefined, SLSA, VULN]) {
          const v3 = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, id, {
            legacy: true,
            ...(type ? { attestationType: type } : {}),
          });
          expect(v3.code, `v3 legacy ${type ?? 'signature'}: ${v3.stderr}`).toBe(0);
          const v22 = await cosign22Verify(sigstore, `${ref}@${digest}`, id, type);
          expect(v22.code, `v2.2 ${type ?? 'signature'}: ${v22.stderr}`).toBe(0);
        }
      });

      it('cosign v2.6 verifies signature and provenance', async () => {
        for (const type of [undefined, SLSA]) {
          const r = await cosignVerify(
            'cosign2',
            sigstore,
            `${ref}@${digest}`,
            id,
            type ? { attestationType: type } : {},
          );
          expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
        }
      });

      it('every verifier FAILS for an unsigned image and for a near-miss identity', async () => {
        const nearMiss: Identity = {
          regexp: `^https://github\\.com/${DEFAULT_REPO}/\\.github/workflows/other\\.yml@refs/tags/.*$`,
          issuer: id.issuer,
        };
        const checks = [
          cosignVerify('cosign3', sigstore, `${ref}@${unsigned}`, id),
          cosignVerify('cosign3', sigstore, `${ref}@${unsigned}`, id, { legacy: true }),
          cosign22Verify(sigstore, `${ref}@${unsigned}`, id),
          cosignVerify('cosign3', sigstore, `${ref}@${digest}`, nearMiss),
          cosignVerify('cosign3', sigstore, `${ref}@${digest}`, nearMiss, {
            legacy: true,
            attestationType: SLSA,
          }),
          cosign22Verify(sigstore, `${ref}@${digest}`, nearMiss),
          cosignVerify('cosign2', sigstore, `${ref}@${digest}`, nearMiss),
        ];
        for (const r of await Promise.all(checks)) expect(r.code, r.stdout).not.toBe(0);
      });

      it('oras discover lists the bundle referrers', async () => {
        const r = await runTool('oras', ['discover', '--plain-http', '--format', 'json', `${ref}@${digest}`]);
        expect(r.code, r.stderr).toBe(0);
        const found =
          (
            JSON.parse(r.stdout) as {
              referrers?: { artifactType: string; annotations?: Record<string, string> }[];
            }
          ).referrers ?? [];
        const types = found
          .filter((f) => f.artifactType === 'application/vnd.dev.sigstore.bundle.v0.3+json')
          .map((f) => f.annotations?.['dev.sigstore.bundle.predicateType']);
        expect(types.sort()).toEqual(['https://sigstore.dev/cosign/sign/v1', SLSA, VULN, SPDX, CDX].sort());
      });
    });
  }
