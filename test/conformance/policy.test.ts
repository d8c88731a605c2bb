import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { kyvernoAdmits, pinnedLikeMutateDigest } from '../support/kyverno.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';
import { writeTufRepository } from '../../src/sigstore/tuf-repo.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { DEFAULT_REPO, type GitHubClaims, type SigstoreUnderTest } from '../support/sigstore/index.js';
import { NEAR_MISS_CLAIMS } from '../support/near-misses.js';
import { SIGSTORES } from '../support/sigstores.js';
import { toolGate } from '../support/tools.js';
import { cosignVerify } from '../support/verifiers.js';

// The policies sigstamp prints for its signing identity, applied by the real consumers: the regex by
// cosign v3, the generated ClusterPolicy and ImageValidatingPolicy by the Kyverno CLI. They must
// admit what this workflow signed and refuse an unsigned image and the near misses (another workflow
// file, another branch, a repository sharing the name prefix, an image without its attestations).
// On both registry kinds (distribution 2.8 without the referrers API, GHCR's situation; olareg with
// it) and against both Sigstores: with the real one, the ClusterPolicy's `roots` are
// real Fulcio's chain and its `rekor.pubkey` real Rekor's key; the ImageValidatingPolicy's TUF client
// reads a repository written by `sigstamp tuf-repo` for that Sigstore, served on loopback.

const REGISTRIES = [
  { name: 'distribution 2.8 (no referrers API)', tool: 'docker-registry', start: startDistribution },
  { name: 'olareg (referrers API)', tool: 'olareg', start: startOlareg },
] as const;

for (const sigstoreKind of SIGSTORES)
  for (const registryKind of REGISTRIES)
    describe.skipIf(!toolGate(registryKind.tool, 'skopeo', 'umoci', 'cosign3', ...sigstoreKind.tools))(
      `generated identity policies for ${sigstoreKind.name} on ${registryKind.name}, applied by the real consumers`,
      () => {
        let registry: TestRegistry;
        let sigstore: SigstoreUnderTest;
        let ref: string;
        let run: ActionRun;
        let auditRun: ActionRun;
        let tuf: StaticServer;
        let tufRoot: string;
        const digests: Record<
          'signed' | 'unsigned' | 'otherWorkflow' | 'otherBranch' | 'evilRepo' | 'noAttestations',
          string
        > = {} as never;

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
          [registry, sigstore] = await Promise.all([registryKind.start(), sigstoreKind.start()]);
          ref = `${registry.host}/${DEFAULT_REPO}`;
          const out = join(sigstore.dir, 'tuf');
          tufRoot = (await writeTufRepository({ trustedRootPath: sigstore.trustedRootPath, outDir: out }))
            .rootPath;
          tuf = await serveDirectory(out);
          run = await signWith('signed', {}, { 'tuf-mirror': tuf.url, 'tuf-root': tufRoot });
          digests.unsigned = await pushImage(
            await buildImage([{ '/which': 'unsigned\n' }]),
            `${ref}:unsigned`,
          );
          await signWith('otherWorkflow', NEAR_MISS_CLAIMS.otherWorkflow);
          // Its policies are generated with policy-action: audit (the rollout variant).
          auditRun = await signWith('otherBranch', NEAR_MISS_CLAIMS.otherBranch, {
            'policy-action': 'audit',
            'tuf-mirror': tuf.url,
            'tuf-root': tufRoot,
          });
          // A repository that shares the name prefix (app vs app-evil), same workflow file and tag.
          await signWith('evilRepo', NEAR_MISS_CLAIMS.prefixRepo);
          sigstore.oidc.setClaims({});
          // Signed by the right identity, but with no attestation: the policies require SLSA provenance.
          await signWith('noAttestations', {}, { provenance: 'none' });
        }, 600_000);
        afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop(), tuf?.close()]));

        /** Each case through `kyverno apply`: the signed image admitted by tag and digest, the rest denied. */
        async function admission(policy: string, opts: { mutateDigest?: boolean } = {}): Promise<void> {
          const byTag = opts.mutateDigest ? await pinnedLikeMutateDigest(`${ref}:signed`) : `${ref}:signed`;
          const cases = {
            'signed-by-tag': [byTag, true],
            'signed-by-digest': [`${ref}@${digests.signed}`, true],
            unsigned: [`${ref}@${digests.unsigned}`, false],
            'other-workflow': [`${ref}@${digests.otherWorkflow}`, false],
            'other-branch': [`${ref}@${digests.otherBranch}`, false],
            'prefix-repo': [`${ref}@${digests.evilRepo}`, false],
            'no-attestations': [`${ref}@${digests.noAttestations}`, false],
          } as const;
          for (const [name, [image, admitted]] of Object.entries(cases)) {
            const r = await kyvernoAdmits(policy, name, image);
            expect(admitted ? r.admitted : r.denied, `${name}:\n${r.out}`).toBe(true);
            if (process.env.SIGSTAMP_SHOW_KYVERNO)
              console.log(
                name,
                r.out
                  .split('\n')
                  .filter((l) => /pass:|fail:|image|verif/i.test(l))
                  .slice(0, 6)
                  .join('\n'),
              );
          }
        }

        it('cosign v3 with the printed regex accepts the signed image and rejects the near misses', async () => {
          const id = { regexp: run.outputs['subject-regex']!, issuer: run.outputs.issuer! };
          expect((await cosignVerify('cosign3', sigstore, `${ref}@${digests.signed}`, id)).code).toBe(0);
          for (const miss of ['unsigned', 'otherWorkflow', 'otherBranch', 'evilRepo'] as const) {
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
            await admission(policy);
          },
        );

        it.skipIf(!toolGate('kyverno'))(
          'Kyverno CLI applies the generated ImageValidatingPolicy (TUF from sigstamp tuf-repo): admits the signed image, refuses the rest',
          async () => {
            const policy = run.outputs['policy-paths']!.split('\n').find((p) =>
              p.endsWith('kyverno-imagevalidatingpolicy.yaml'),
            )!;
            const doc = parse(await readFile(policy, 'utf8')) as {
              kind: string;
              spec: { attestors: { cosign: { tuf?: { mirror: string; root: { data: string } } } }[] };
            };
            expect(doc.kind).toBe('ImageValidatingPolicy');
            const pinned = doc.spec.attestors[0]!.cosign.tuf!;
            expect(pinned.mirror).toBe(tuf.url);
            expect(Buffer.from(pinned.root.data, 'base64').toString()).toBe(await readFile(tufRoot, 'utf8'));
            expect(run.summary).not.toContain('NOT READY');
            const before = tuf.requests.length;
            await admission(policy, { mutateDigest: true });
            // What the CLI cannot do: pin a bare tag (admission's mutating webhook does, first).
            const bare = await kyvernoAdmits(policy, 'bare-tag', `${ref}:signed`);
            expect(bare.out).toContain('does not have a digest');
            // Kyverno's TUF client really read the served repository.
            expect(tuf.requests.slice(before)).toContain('/timestamp.json');
          },
        );

        it.skipIf(!toolGate('kyverno'))(
          'pinned upstream behaviour: Kyverno v1.19.1 ImageValidatingPolicy refuses keyless verification when its TUF trust has no CT log key (why tuf-repo publishes a placeholder ctfe.pub)',
          async () => {
            // The same policy, its TUF pointing at a repository of the same trusted root without the
            // placeholder: Kyverno loads CT keys before it reads insecureIgnoreSCT (kyverno#8858).
            const out = join(sigstore.dir, 'tuf-no-ct');
            const bare = await writeTufRepository({
              trustedRootPath: sigstore.trustedRootPath,
              outDir: out,
              ctLogPlaceholder: false,
            });
            const noCt = await serveDirectory(out);
            try {
              const policy = run.outputs['policy-paths']!.split('\n').find((p) =>
                p.endsWith('kyverno-imagevalidatingpolicy.yaml'),
              )!;
              const text = (await readFile(policy, 'utf8'))
                .replace(`mirror: ${tuf.url}`, `mirror: ${noCt.url}`)
                .replace(
                  Buffer.from(await readFile(tufRoot, 'utf8')).toString('base64'),
                  Buffer.from(await readFile(bare.rootPath, 'utf8')).toString('base64'),
                );
              expect(text).toContain(noCt.url);
              const variant = join(sigstore.dir, 'ivp-no-ct.yaml');
              await writeFile(variant, text);
              // -v 2: the verifier's error is logged, not printed in the result line.
              const r = await kyvernoAdmits(variant, 'no-ct', `${ref}@${digests.signed}`, ['-v', '2']);
              expect(r.admitted, r.out).toBe(false);
              expect(r.out).toContain('no CTLog public keys found in trusted root');
              expect(noCt.requests).toContain('/timestamp.json');
            } finally {
              await noCt.close();
            }
          },
        );

        it.skipIf(!toolGate('kyverno'))(
          'policy-action: audit — Kyverno reports (warns) instead of denying, and still admits what its identity signed',
          async () => {
            const paths = auditRun.outputs['policy-paths']!.split('\n');
            const policies = {
              cpol: auditRun.outputs['kyverno-policy-path']!,
              ivp: paths.find((p) => p.endsWith('kyverno-imagevalidatingpolicy.yaml'))!,
            };
            expect(await readFile(policies.cpol, 'utf8')).toContain('failureAction: Audit');
            expect(parse(await readFile(policies.ivp, 'utf8')).spec.validationActions).toEqual([
              'Audit',
              'Warn',
            ]);
            expect(auditRun.summary).toContain('These policies only report (`policy-action: audit`)');
            for (const [kind, policy] of Object.entries(policies)) {
              const signed = await kyvernoAdmits(policy, 'audit-signed', `${ref}@${digests.otherBranch}`);
              expect(signed.admitted, `${kind} signed:\n${signed.out}`).toBe(true);
              // --audit-warn: the CLI reports an Audit failure as the warning admission would give.
              const unsigned = await kyvernoAdmits(policy, 'audit-unsigned', `${ref}@${digests.unsigned}`, [
                '--audit-warn',
              ]);
              // ClusterPolicy counts it as a warning; ImageValidatingPolicy (Audit + Warn) as a failure
              // reported "as audit warning", which admission turns into a policy report and a warning.
              expect(unsigned.out, kind).toMatch(
                kind === 'cpol' ? /pass: 0, fail: 0, warn: [1-9]\d*, error: 0/ : /failed as audit warning:/,
              );
              expect(unsigned.out, kind).toMatch(/error: 0/);
            }
          },
        );
      },
    );
