import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { DEFAULT_REPO, type GitHubClaims, type SigstoreUnderTest } from '../support/sigstore/index.js';
import { SIGSTORES } from '../support/sigstores.js';
import { toolGate } from '../support/tools.js';
import { cosignVerify, runTool } from '../support/verifiers.js';

// The policies sigstamp prints for its signing identity, applied by the real consumers: the regex by
// cosign v3, the generated ClusterPolicy by the Kyverno CLI. They must admit what this workflow signed
// and refuse an unsigned image and the near misses (another workflow file, another branch). Against
// both Sigstores: with the real one, the ClusterPolicy's `roots` are real Fulcio's chain and its
// `rekor.pubkey` real Rekor's key.

const RELEASE = `${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`;

for (const sigstoreKind of SIGSTORES)
  describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci', 'cosign3', ...sigstoreKind.tools))(
    `generated identity policies for ${sigstoreKind.name}, applied by the real consumers`,
    () => {
      let registry: TestRegistry;
      let sigstore: SigstoreUnderTest;
      let ref: string;
      let run: ActionRun;
      const digests: Record<'signed' | 'unsigned' | 'otherWorkflow' | 'otherBranch', string> = {} as never;

      async function signWith(
        name: keyof typeof digests,
        claims: Partial<GitHubClaims>,
        extra: Record<string, string> = {},
      ): Promise<ActionRun> {
        digests[name] = await pushImage(await buildImage([{ '/which': `${name}\n` }]), `${ref}:${name}`);
        if (!Object.keys(claims).length && name === 'unsigned') return undefined as never;
        sigstore.oidc.setClaims(claims);
        const r = await runAction(
          { image: ref, digest: digests[name], sbom: 'none', ...customSigstoreInputs(sigstore), ...extra },
          { sigstore },
        );
        expect(r.code, r.stdout).toBe(0);
        return r;
      }

      beforeAll(async () => {
        [registry, sigstore] = await Promise.all([startDistribution(), sigstoreKind.start()]);
        ref = `${registry.host}/${DEFAULT_REPO}`;
        run = await signWith('signed', {});
        digests.unsigned = await pushImage(await buildImage([{ '/which': 'unsigned\n' }]), `${ref}:unsigned`);
        const other = RELEASE.replace('release.yml', 'other.yml');
        await signWith('otherWorkflow', { job_workflow_ref: other, workflow_ref: other });
        const branch = `${DEFAULT_REPO}/.github/workflows/release.yml@refs/heads/feature`;
        await signWith('otherBranch', {
          job_workflow_ref: branch,
          workflow_ref: branch,
          ref: 'refs/heads/feature',
          ref_type: 'branch',
        });
        sigstore.oidc.setClaims({});
      }, 600_000);
      afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop()]));

      it('cosign v3 with the printed regex accepts the signed image and rejects the near misses', async () => {
        const id = { regexp: run.outputs['subject-regex']!, issuer: run.outputs.issuer! };
        expect((await cosignVerify('cosign3', sigstore, `${ref}@${digests.signed}`, id)).code).toBe(0);
        for (const miss of ['unsigned', 'otherWorkflow', 'otherBranch'] as const) {
          const r = await cosignVerify('cosign3', sigstore, `${ref}@${digests[miss]}`, id);
          expect(r.code, `${miss} must be rejected`).not.toBe(0);
        }
      });

      it.skipIf(!toolGate('kyverno'))(
        'Kyverno CLI applies the generated ClusterPolicy: admits the signed image by tag and digest, refuses the rest',
        async () => {
          const policy = run.outputs['kyverno-policy-path']!;
          const text = await readFile(policy, 'utf8');
          expect(text).toContain('type: Cosign');
          // Keyless with this Sigstore's own roots and Rekor key, nothing public-good.
          const rekorKey = (await readFile(sigstore.rekorPublicKeyPath, 'utf8')).split('\n')[1]!;
          const fulcioRoot = (await readFile(sigstore.fulcioChainPath, 'utf8')).split('\n')[1]!;
          expect(text).toMatch(/roots: \|/);
          expect(text).toContain(fulcioRoot);
          expect(text).toMatch(/pubkey: \|/);
          expect(text).toContain(rekorKey);
          const dir = await mkdtemp(join(tmpdir(), 'sigstamp-kyverno-'));
          const pod = (name: string, image: string) =>
            `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`;
          const cases = {
            'signed-by-tag': [`${ref}:signed`, true],
            'signed-by-digest': [`${ref}@${digests.signed}`, true],
            unsigned: [`${ref}@${digests.unsigned}`, false],
            'other-workflow': [`${ref}@${digests.otherWorkflow}`, false],
            'other-branch': [`${ref}@${digests.otherBranch}`, false],
          } as const;
          for (const [name, [image, admitted]] of Object.entries(cases)) {
            const file = join(dir, `${name}.yaml`);
            await writeFile(file, pod(name, image));
            const r = await runTool('kyverno', ['apply', policy, '--resource', file], { HOME: dir });
            const out = r.stdout + r.stderr;
            const pass = /pass: [1-9]\d*, fail: 0, warn: 0, error: 0/.test(out);
            const fail = /fail: [1-9]\d*, warn: 0, error: 0/.test(out);
            expect(admitted ? pass && r.code === 0 : fail, `${name}:\n${out}`).toBe(true);
            if (process.env.SIGSTAMP_SHOW_KYVERNO)
              console.log(
                name,
                out
                  .split('\n')
                  .filter((l) => /pass:|fail:|image|verif/i.test(l))
                  .slice(0, 6)
                  .join('\n'),
              );
          }
        },
      );
    },
  );
