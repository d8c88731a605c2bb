import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { RegistryClient } from '../../src/oci/client.js';
import { digestTag } from '../../src/oci/digest.js';
import { parseReference } from '../../src/oci/reference.js';
import { escapeRegExp } from '../../src/policy/identity.js';
import { customSigstoreArgs, customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { faults, startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { buildImage, pushImage, type Layer } from '../support/image.js';
import { RELEASE } from '../support/near-misses.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { verifyBundle } from '../support/sigstore/bundles.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

// The bundled Action, run as the runner runs it, with the attestation store on (its default on
// GitHub Actions once github-token is there): a real registry (distribution 2.8), the loopback
// Sigstore, and the loopback stand-in of GitHub's REST API (test/support/github-api.ts) as
// GITHUB_API_URL. Every bundle the run writes must reach the store byte for byte and verify there;
// retries, a missing permission and a store that fails are each a run of their own.

const TOKEN = 'ghs_integrationStoreToken0123456789';
const READ_ONLY = 'ghs_integrationReadOnly0123456789';
const SAN = new RegExp(`^${escapeRegExp(`https://github.com/${RELEASE}`)}$`);

/** A dpkg status database of `n` packages: an SBOM as large as the test needs. */
function dpkgStatus(n: number): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `Package: pkg-${i}\nStatus: install ok installed\nVersion: 1.0.${i}-1\nArchitecture: amd64\n` +
      `Maintainer: Test <t@example.com>\nDescription: test package ${i} ${'x'.repeat(200)}\n`,
  ).join('\n');
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))(
  'attestation store (GitHub REST stand-in)',
  () => {
    let registry: TestRegistry;
    let sigstore: LoopbackSigstore;
    let gh: GitHubApiStandIn;
    let dir: string;
    let n = 0;

    beforeAll(async () => {
      [registry, sigstore, gh] = await Promise.all([startDistribution(), startSigstore(), startGitHubApi()]);
      gh.addRepository('acme/app', 'Organization');
      gh.grant(TOKEN, { attestations: 'write', artifactMetadata: 'write' });
      gh.grant(READ_ONLY, { attestations: 'read' });
      dir = await mkdtemp(join(tmpdir(), 'sigstamp-store-'));
    });
    afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop(), gh?.stop()]));

    async function image(layers: Layer[] = []): Promise<string> {
      n++;
      return pushImage(
        await buildImage([{ '/etc/app.conf': `store ${n} ${Date.now()}\n` }, ...layers]),
        `${registry.host}/acme/app:s${n}`,
      );
    }

    async function run(
      digest: string,
      inputs: Record<string, string> = {},
      token = TOKEN,
    ): Promise<ActionRun> {
      const r = await runAction(
        {
          image: `${registry.host}/acme/app`,
          digest,
          ...customSigstoreInputs(sigstore),
          'github-token': token,
          ...inputs,
        },
        { sigstore, env: { GITHUB_API_URL: gh.url } },
      );
      // The token never reaches a log, whatever happened (`::add-mask::` is how the runner is told
      // to mask it: the one line that must carry it).
      expect(r.stdout).toContain(`::add-mask::${token}`);
      const logs = `${r.stdout}${r.stderr}${r.summary}`
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'));
      expect(logs.join('\n')).not.toContain(token);
      return r;
    }

    const bundlePaths = (r: ActionRun) => r.outputs['bundle-paths']!.split('\n').filter(Boolean);
    const storedFor = (r: ActionRun) => {
      const ids = (r.outputs['attestation-ids'] ?? '').split('\n').filter(Boolean);
      return ids.map((id) => gh.attestations.find((a) => String(a.id) === id)!);
    };

    it('uploads every bundle the run made (signature, provenance, both SBOMs, a custom predicate) byte for byte, each verifying with @sigstore/verify, plus the storage record; outputs and summary say where', async () => {
      const predicate = join(dir, 'vuln.json');
      await writeFile(
        predicate,
        JSON.stringify({ scanner: { uri: 'pkg:github/aquasecurity/trivy' }, result: [] }),
      );
      const digest = await image([{ '/var/lib/dpkg/status': dpkgStatus(3) }]);
      const before = gh.requests.length;
      const r = await run(digest, {
        predicates: `https://cosign.sigstore.dev/attestation/vuln/v1=${predicate}`,
      });
      expect(
        r.code,
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      ).toBe(0);

      const files = bundlePaths(r);
      const stored = storedFor(r);
      expect(files).toHaveLength(5);
      expect(stored.map((a) => a.predicateType).sort()).toEqual(
        [
          'https://sigstore.dev/cosign/sign/v1',
          'https://slsa.dev/provenance/v1',
          'https://cosign.sigstore.dev/attestation/vuln/v1',
          'https://spdx.dev/Document',
          'https://cyclonedx.org/bom',
        ].sort(),
      );
      for (const [i, file] of files.entries()) {
        const json = await readFile(file, 'utf8');
        // What the store received is the request body @actions/attest sends, around the very bytes written.
        expect(stored[i]!.body).toBe(`{"bundle":${json}}`);
        expect(stored[i]!.bundleJson).toBe(json);
        expect(stored[i]!.repository).toBe('acme/app');
        expect(stored[i]!.subjectDigests).toContain(digest);
        const signer = verifyBundle(sigstore, bundleFromJSON(JSON.parse(stored[i]!.bundleJson)), SAN);
        expect(signer.identity?.subjectAlternativeName).toBe(`https://github.com/${RELEASE}`);
      }
      const mine = gh.requests.slice(before);
      expect(mine.map((q) => [q.method, q.path, q.status])).toEqual([
        ...files.map(() => ['POST', '/repos/acme/app/attestations', 201]),
        ['GET', '/repos/acme/app', 200],
        ['POST', '/orgs/acme/artifacts/metadata/storage-record', 200],
      ]);
      expect(new Set(mine.map((q) => `${q.auth} ${q.apiVersion}`))).toEqual(new Set(['Bearer 2022-11-28']));
      const record = gh.storageRecords.at(-1)!;
      expect(record).toMatchObject({
        name: `${registry.host}/acme/app`,
        digest,
        registry_url: `http://${registry.host}`,
      });
      expect(r.outputs['storage-record-ids']).toBe(String(record.id));
      expect(r.outputs['attestation-urls']!.split('\n')).toEqual(
        stored.map((a) => `https://github.com/acme/app/attestations/${a.id}`),
      );
      expect(r.summary).toContain('### Attestation store of `acme/app`');
      for (const a of stored)
        expect(r.summary).toContain(`[${a.id}](https://github.com/acme/app/attestations/${a.id})`);
      expect(r.summary).not.toContain('Not in the store');
      // The registry has them too (the primary copy).
      expect(r.outputs['attestation-refs']!.split('\n').length).toBeGreaterThanOrEqual(4);
    });

    it('retries 502 and the documented rate limits (429 and 403 with retry-after, 403 with x-ratelimit-remaining 0), and ends with each bundle stored once', async () => {
      const digest = await image();
      gh.failNext(
        'create-attestation',
        faults.serverError(502),
        faults.secondaryRateLimit(429, 1),
        faults.secondaryRateLimit(403, 1),
        faults.primaryRateLimit(403, 1),
      );
      const before = gh.requests.length;
      const started = Date.now();
      const r = await run(digest, { sbom: 'none' });
      expect(
        r.code,
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      ).toBe(0);
      const creates = gh.requests.slice(before).filter((q) => q.path === '/repos/acme/app/attestations');
      expect(creates.map((q) => q.status)).toEqual([502, 429, 403, 403, 201, 201]);
      // (0+1)² s after the 502, the 1 s each of the 429 and the secondary-limit 403 asked for, then
      // the primary limit's reset (≤ 1 s away, whole seconds): a rate-limit 403 is no missing permission.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
      expect(r.stdout).not.toContain('attestations: write');
      expect(storedFor(r)).toHaveLength(2);
    });

    it('without attestations: write: one warning naming the permission, the run succeeds, the summary says what did not reach the store', async () => {
      const digest = await image();
      const before = gh.requests.length;
      const r = await run(digest, { sbom: 'none' }, READ_ONLY);
      expect(
        r.code,
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      ).toBe(0);
      const creates = gh.requests.slice(before).filter((q) => q.path === '/repos/acme/app/attestations');
      expect(creates.map((q) => q.status)).toEqual([403]);
      expect(r.outputs['attestation-ids']).toBe('');
      const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
      expect(warnings.filter((w) => w.includes('attestations: write'))).toHaveLength(1);
      expect(r.summary).toContain('`attestations: write`');
      expect(r.summary).toContain(
        '**Not in the store** (2; each is in the registry, published and verified)',
      );
      // The storage record needs its own permission: a warning of its own, naming it.
      expect(warnings.filter((w) => w.includes('artifact-metadata: write'))).toHaveLength(1);
      expect(r.outputs['attestation-refs']).not.toBe('');
    });

    // No run reaches the store's 16 MiB limit: sigstamp caps every predicate (SBOMs included) at
    // 7 MiB before signing, so that each bundle stays under Kyverno's 10 MB. The store's own skip is
    // proven against the stand-in in test/unit/github-store.test.ts with a bundle made that large.

    it('a store that keeps failing (HTTP 404: the token cannot see the repository) fails the run after the registry copy is complete, with the outputs and summary written', async () => {
      const digest = await image();
      const r = await runAction(
        {
          image: `${registry.host}/acme/app`,
          digest,
          sbom: 'none',
          ...customSigstoreInputs(sigstore),
          'github-token': TOKEN,
        },
        { sigstore, env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/not-there' } },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        '::error::the attestation store of acme/not-there did not receive 2 bundle(s): https://sigstore.dev/cosign/sign/v1, https://slsa.dev/provenance/v1',
      );
      expect(r.stdout).toContain('Everything is published and verified in the registry; re-run the job');
      expect(r.summary).toContain('**Not in the store** (2;');
      expect(r.outputs['attestation-refs']).not.toBe('');
      expect(r.outputs.digest).toBe(digest);
    });

    it('the CLI outside GitHub Actions: --push-to-attestation-store true with GITHUB_API_URL, GITHUB_REPOSITORY and SIGSTAMP_GITHUB_TOKEN; --json prints the same outputs; a store failure is exit 1 after the report', async () => {
      const cli = async (digest: string, env: Record<string, string>) => {
        const token = await sigstore.oidc.mint();
        return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
          execFile(
            process.execPath,
            [
              'dist/cli/index.js',
              'run',
              '--image',
              `${registry.host}/acme/app@${digest}`,
              '--sbom',
              'none',
              ...customSigstoreArgs(sigstore),
              '--output-dir',
              join(dir, `cli-${digest.slice(7, 15)}`),
              '--push-to-attestation-store',
              'true',
              '--json',
            ],
            {
              env: {
                PATH: process.env.PATH ?? '',
                HOME: tmpdir(),
                SIGSTAMP_IDENTITY_TOKEN: token,
                SIGSTAMP_GITHUB_TOKEN: TOKEN,
                GITHUB_API_URL: gh.url,
                GITHUB_REPOSITORY: 'acme/app',
                ...env,
              },
            },
            (err, stdout, stderr) => {
              expect(stdout + stderr).not.toContain(TOKEN);
              resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
            },
          ),
        );
      };
      const ok = await cli(await image(), {});
      expect(ok.code, ok.stderr).toBe(0);
      const outputs = JSON.parse(ok.stdout) as Record<string, string>;
      const ids = outputs['attestation-ids']!.split('\n');
      expect(ids).toHaveLength(2);
      expect(outputs['attestation-urls']).toBe(
        ids.map((id) => `https://github.com/acme/app/attestations/${id}`).join('\n'),
      );
      expect(ids.map((id) => gh.attestations.find((a) => String(a.id) === id)?.repository)).toEqual([
        'acme/app',
        'acme/app',
      ]);
      gh.failNext('create-attestation', { status: 422, message: 'Validation Failed' });
      const failed = await cli(await image(), {});
      expect(failed.code).toBe(1);
      expect(JSON.parse(failed.stdout)['attestation-ids']).toBe('');
      expect(failed.stderr).toContain(
        'sigstamp: the attestation store of acme/app did not receive 2 bundle(s)',
      );
      expect(failed.stderr).toContain('HTTP 422 "Validation Failed"');
    });

    it('nothing reaches the store when the run publishes nothing (Rekor refuses every entry)', async () => {
      const digest = await image();
      const before = gh.requests.length;
      sigstore.rekor.failNext(100, 400);
      const r = await run(digest, { sbom: 'none' });
      sigstore.rekor.failNext(0, 400);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::error::Rekor .* did not log the signature/);
      expect(gh.requests.length).toBe(before);
    });

    it('push-to-attestation-store: false sends nothing to GitHub', async () => {
      const digest = await image();
      const before = gh.requests.length;
      const r = await run(digest, { sbom: 'none', 'push-to-attestation-store': 'false' });
      expect(
        r.code,
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      ).toBe(0);
      expect(gh.requests.length).toBe(before);
      expect(r.summary).not.toContain('Attestation store');
    });

    it('bad input before anything is written: an unknown value, and true outside GitHub Actions without GITHUB_API_URL', async () => {
      const digest = await image();
      const before = gh.requests.length;
      const bad = await run(digest, { 'push-to-attestation-store': 'maybe' });
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        '::error::input push-to-attestation-store: "maybe" is not a boolean; use true or false',
      );
      const outside = await runAction(
        {
          image: `${registry.host}/acme/app`,
          digest,
          ...customSigstoreInputs(sigstore),
          'push-to-attestation-store': 'true',
          'github-token': TOKEN,
        },
        { sigstore, env: { GITHUB_ACTIONS: '' } },
      );
      expect(outside.code).toBe(1);
      expect(outside.stdout).toContain('input push-to-attestation-store: true needs GITHUB_API_URL');
      expect(outside.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
      expect(gh.requests.length).toBe(before);
      const client = new RegistryClient();
      try {
        const repo = client.repository(parseReference(`${registry.host}/acme/app`));
        expect(await repo.headManifest(legacyTag(digest, 'sig'))).toBeUndefined();
        expect(await repo.headManifest(digestTag(digest))).toBeUndefined();
      } finally {
        await client.close();
      }
    });
  },
);
