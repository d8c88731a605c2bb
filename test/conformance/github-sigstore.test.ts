// The default `sigstore` (auto) end to end, at the real hostnames: a private repository's run signs
// with the GitHub-shaped instance (real Fulcio of the private stack trusting the GitHub-shaped issuer
// at https://token.actions.githubusercontent.com, real TSA, no Rekor; fulcio.githubapp.com,
// timestamp.githubapp.com and tuf-repo.github.com through test/support/github-sigstore.ts) and writes
// no transparency-log entry anywhere; a public repository's run still signs with the public-good-shaped
// stand-in (fulcio.sigstore.dev, rekor.sigstore.dev). What the private run printed is applied by its
// consumers: cosign v3 (the printed commands), the Kyverno CLI (ImageValidatingPolicy with GitHub's
// TUF mirror, ClusterPolicy Cosign with roots + TSA chain + ignoreTlog) — the signed image accepted,
// the near misses (test/support/near-misses.ts) and an unsigned image refused.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import {
  GITHUB_HOSTS,
  GITHUB_SIGSTORE_TOOLS,
  startGitHubSigstore,
  type GitHubSigstore,
} from '../support/github-sigstore.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { buildImage, pushImage } from '../support/image.js';
import { kyvernoAdmits } from '../support/kyverno.js';
import type { Sandbox } from '../support/netns.js';
import { NEAR_MISS_CLAIMS } from '../support/near-misses.js';
import { policyTesterAdmits, splitPolicyControllerFile } from '../support/policy-tester.js';
import { printedCommands, runPrinted, toolBin } from '../support/printed-commands.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import {
  DEFAULT_REPO,
  startSigstore,
  type GitHubClaims,
  type LoopbackSigstore,
} from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

const PUBLIC_HOSTS = ['fulcio.sigstore.dev', 'rekor.sigstore.dev'];
/** The job token the private runs upload to the attestation store with (api.github.com, a stand-in). */
const JOB_TOKEN = 'ghs_privateRunJobToken0123456789';
type Case = 'signed' | 'unsigned' | 'otherWorkflow' | 'otherBranch' | 'prefixRepo';

const REGISTRIES = [
  { name: 'distribution 2.8 (no referrers API)', tool: 'docker-registry', start: startDistribution },
  { name: 'olareg (referrers API)', tool: 'olareg', start: startOlareg },
] as const;

for (const registryKind of REGISTRIES)
  describe.skipIf(!toolGate(registryKind.tool, 'skopeo', 'umoci', 'cosign3', ...GITHUB_SIGSTORE_TOOLS))(
    `sigstore: auto (the default) with GitHub’s instance and the public one at their real hostnames, on ${registryKind.name}`,
    () => {
      let gh: GitHubSigstore;
      let api: GitHubApiStandIn;
      let pub: LoopbackSigstore;
      let registry: TestRegistry;
      let sandbox: Sandbox;
      let ref: string;
      let run: ActionRun;
      const digests = {} as Record<Case, string>;
      let publicBefore: { fulcio: number; rekor: number };

      async function signPrivate(
        name: Case,
        claims: Partial<GitHubClaims>,
        inputs: Record<string, string> = {},
      ) {
        digests[name] = await pushImage(await buildImage([{ '/which': `${name}\n` }]), `${ref}:${name}`);
        gh.oidc.setClaims({ repository_visibility: 'private', ...claims });
        const r = await runAction(
          {
            image: ref,
            digest: digests[name],
            'tuf-root': gh.tufRootPath,
            'github-token': JOB_TOKEN,
            ...inputs,
          },
          // The repository the token names, whose attestation store receives the bundles.
          { sigstore: gh, via: sandbox, env: { ...gh.env, GITHUB_REPOSITORY: DEFAULT_REPO } },
        );
        expect(r.code, r.stdout + r.stderr).toBe(0);
        return r;
      }

      beforeAll(async () => {
        [gh, pub, registry, api] = await Promise.all([
          startGitHubSigstore({ moreHosts: [...PUBLIC_HOSTS, 'api.github.com'] }),
          startSigstore(),
          registryKind.start(),
          startGitHubApi({ publicUrl: 'https://api.github.com' }),
        ]);
        // The store at https://api.github.com, where the Action sends it on github.com (no GITHUB_API_URL).
        api.addRepository(DEFAULT_REPO, 'Organization');
        api.grant(JOB_TOKEN, { attestations: 'write', artifactMetadata: 'write' });
        gh.front.routes['api.github.com'] = api.port;
        gh.front.routes['fulcio.sigstore.dev'] = Number(new URL(pub.fulcioUrl).port);
        gh.front.routes['rekor.sigstore.dev'] = Number(new URL(pub.rekorUrl).port);
        const port = (u: string) => Number(new URL(u).port);
        sandbox = await gh.sandbox([port(`http://${registry.host}`), port(pub.oidc.requestUrl)]);
        ref = `${registry.host}/${DEFAULT_REPO}`;
        publicBefore = { fulcio: pub.fulcio.requests, rekor: pub.rekor.requests };
        run = await signPrivate('signed', {});
        digests.unsigned = await pushImage(await buildImage([{ '/which': 'unsigned\n' }]), `${ref}:unsigned`);
        for (const miss of ['otherWorkflow', 'otherBranch', 'prefixRepo'] as const)
          await signPrivate(miss, NEAR_MISS_CLAIMS[miss], { sbom: 'none' });
      }, 600_000);
      afterAll(async () => {
        await Promise.all([gh?.stop(), pub?.stop(), registry?.stop(), api?.stop()]);
      });

      it('a private repository signs with GitHub’s instance, says so in one summary line, and writes no transparency-log entry anywhere', async () => {
        expect(run.summary).toContain(
          `| Sigstore | GitHub's Sigstore instance (fulcio.githubapp.com, timestamp.githubapp.com, no transparency log): ${DEFAULT_REPO} is private (repository_visibility private in the OIDC token) |`,
        );
        expect(run.outputs['rekor-log-indexes']).toBe('');
        expect(gh.front.served).toEqual(
          expect.arrayContaining([
            GITHUB_HOSTS.fulcio,
            GITHUB_HOSTS.tsa,
            GITHUB_HOSTS.tuf,
            GITHUB_HOSTS.oidc,
          ]),
        );
        // The trust came through TUF from https://tuf-repo.github.com (the stand-in's test keys).
        expect(gh.tufRequests.some((p) => p.endsWith('timestamp.json'))).toBe(true);
        expect(gh.tufRequests.some((p) => p.endsWith('trusted_root.json'))).toBe(true);
        // Nothing of the private runs went to the public-good stand-in.
        expect(gh.front.served).not.toContain('rekor.sigstore.dev');
        expect({ fulcio: pub.fulcio.requests, rekor: pub.rekor.requests }).toEqual(publicBefore);
        const bundles = run.outputs['bundle-paths']!.split('\n');
        expect(bundles.length).toBeGreaterThanOrEqual(4); // signature, provenance, SPDX, CycloneDX
        for (const path of bundles) {
          const b = JSON.parse(await readFile(path, 'utf8')) as {
            verificationMaterial: {
              tlogEntries?: unknown[];
              timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
            };
          };
          expect(b.verificationMaterial.tlogEntries ?? [], path).toEqual([]);
          expect(b.verificationMaterial.timestampVerificationData?.rfc3161Timestamps?.length, path).toBe(1);
        }
        // Every artifact was read back and verified against GitHub's trusted root.
        expect(run.summary).not.toMatch(/\| \*\*NO\*\* \||not checked/);
        // And every bundle is in the repository's attestation store, byte for byte, as on github.com.
        const ids = run.outputs['attestation-ids']!.split('\n').filter(Boolean);
        expect(ids).toHaveLength(bundles.length);
        for (const path of bundles) {
          const bytes = JSON.stringify(JSON.parse(await readFile(path, 'utf8')));
          const stored = api.attestations.filter((a) => ids.includes(String(a.id)) && a.bundleJson === bytes);
          expect(
            stored.map((a) => a.repository),
            path,
          ).toEqual([DEFAULT_REPO]);
        }
      });

      it('cosign v3 with the printed commands accepts the signed image and rejects the near misses and the unsigned one', async () => {
        const bin = await toolBin({ cosign: 'cosign3' });
        const printed = await printedCommands(run);
        expect(printed.cosign[0]).toMatch(/--insecure-ignore-tlog --use-signed-timestamps/);
        for (const line of printed.cosign) {
          const r = await runPrinted(line, bin);
          expect(r.code, `${line}\n${r.out}`).toBe(0);
        }
        for (const miss of ['unsigned', 'otherWorkflow', 'otherBranch', 'prefixRepo'] as const) {
          const r = await runPrinted(printed.cosign[0]!.replace(digests.signed, digests[miss]), bin);
          expect(r.code, `${miss} must be rejected:\n${r.out}`).not.toBe(0);
        }
      });

      for (const [what, file] of [
        [
          'ImageValidatingPolicy (GitHub’s TUF mirror, its trusted root, TSA chain, no tlog)',
          'kyverno-imagevalidatingpolicy.yaml',
        ],
        ['ClusterPolicy type Cosign (roots, TSA chain, ignoreTlog)', 'kyverno-clusterpolicy-cosign.yaml'],
      ] as const)
        it.skipIf(!toolGate('kyverno'))(
          `the Kyverno CLI applies the ${what}: signed admitted, the rest denied`,
          async () => {
            const policy = run.outputs['policy-paths']!.split('\n').find((p) => p.endsWith(file))!;
            expect(policy, file).toBeDefined();
            const cases: Array<[string, string, boolean]> = [
              ['signed', `${ref}@${digests.signed}`, true],
              ['unsigned', `${ref}@${digests.unsigned}`, false],
              ['other-workflow', `${ref}@${digests.otherWorkflow}`, false],
              ['other-branch', `${ref}@${digests.otherBranch}`, false],
              ['prefix-repo', `${ref}@${digests.prefixRepo}`, false],
            ];
            for (const [name, image, admitted] of cases) {
              // Inside the sandbox: the ImageValidatingPolicy's TUF client reaches https://tuf-repo.github.com.
              const r = await kyvernoAdmits(
                policy,
                name,
                image,
                ['-v', '2'],
                { SSL_CERT_FILE: gh.ca.caPath },
                sandbox,
              );
              expect(admitted ? r.admitted : r.denied, `${name}:\n${r.out}`).toBe(true);
            }
          },
        );

      it.skipIf(!toolGate('policy-tester'))(
        'policy-controller’s tester applies the printed ClusterImagePolicy with its TrustRoot (Fulcio and TSA chains): signed admitted, the rest denied',
        async () => {
          const path = run.outputs['policy-paths']!.split('\n').find((p) =>
            p.endsWith('policy-controller-clusterimagepolicy.yaml'),
          )!;
          const files = await splitPolicyControllerFile(path);
          expect(files.trustRoot).toBeDefined();
          const trustRoot = await readFile(files.trustRoot!, 'utf8');
          expect(trustRoot).toContain('timestampAuthorities');
          expect(trustRoot).not.toContain('tLogs');
          for (const policy of Object.values(files.each))
            for (const [name, admitted] of [
              ['signed', true],
              ['unsigned', false],
              ['otherWorkflow', false],
              ['otherBranch', false],
              ['prefixRepo', false],
            ] as const) {
              const r = await policyTesterAdmits(policy, `${ref}@${digests[name]}`, {
                trustRoot: files.trustRoot,
              });
              expect(admitted ? r.admitted : r.denied, `${policy} ${name}:\n${r.out}`).toBe(true);
            }
        },
      );

      it.skipIf(!toolGate('gh'))(
        'gh attestation verify as printed (plain: gh knows GitHub’s instance), given the stand-in’s trusted root, accepts the signed image and rejects the near misses',
        async () => {
          const printed = (await printedCommands(run)).gh!;
          expect(printed).toMatch(
            /^gh attestation verify oci:\/\/\S+ --bundle-from-oci --repo sigstamp-test\/app /,
          );
          expect(printed).not.toContain('--custom-trusted-root');
          // gh would fetch GitHub's real trusted root from tuf-repo.github.com with the root it embeds,
          // which no stand-in can satisfy: the stand-in's root goes in as --custom-trusted-root (JSON Lines).
          const jsonl = join(gh.dir, 'github-trusted-root.jsonl');
          const written = run.outputs['policy-paths']!.split('\n').find((p) =>
            p.endsWith('github-trusted-root.json'),
          )!;
          await writeFile(jsonl, JSON.stringify(JSON.parse(await readFile(written, 'utf8'))) + '\n');
          const bin = await toolBin({ gh: 'gh' });
          const withRoot = (cmd: string) => `${cmd} --custom-trusted-root ${jsonl}`;
          const ok = await runPrinted(withRoot(printed), bin);
          expect(ok.code, ok.out).toBe(0);
          if (process.env.SIGSTAMP_SHOW_GH) console.log(ok.out);
          for (const miss of ['otherWorkflow', 'otherBranch', 'prefixRepo'] as const) {
            const r = await runPrinted(withRoot(printed.replace(digests.signed, digests[miss])), bin);
            expect(r.code, `${miss} must be rejected:\n${r.out}`).not.toBe(0);
            if (process.env.SIGSTAMP_SHOW_GH) console.log(miss, r.out);
          }
        },
      );

      it('a public repository still signs with the public-good instance (its stand-in at fulcio.sigstore.dev and rekor.sigstore.dev)', async () => {
        const digest = await pushImage(await buildImage([{ '/which': 'public\n' }]), `${ref}:public`);
        pub.oidc.setClaims({ repository_visibility: 'public' });
        const before = {
          fulcio: pub.fulcio.requests,
          rekor: pub.rekor.requests,
          github: gh.front.served.filter((n) => n === GITHUB_HOSTS.fulcio).length,
        };
        // verify: false — the public-good trusted root comes from Sigstore's own TUF repository, whose
        // root @sigstore/tuf pins (seeds.json): no stand-in can be signed by it.
        const r = await runAction(
          { image: ref, digest, sbom: 'none', verify: 'false' },
          { sigstore: pub, via: sandbox, env: gh.env },
        );
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(r.summary).toContain(
          `| Sigstore | the public Sigstore (fulcio.sigstore.dev, rekor.sigstore.dev): ${DEFAULT_REPO} is public (repository_visibility public in the OIDC token) |`,
        );
        expect(pub.fulcio.requests).toBe(before.fulcio + 1);
        expect(pub.rekor.requests).toBeGreaterThan(before.rekor);
        expect(r.outputs['rekor-log-indexes']).not.toBe('');
        expect(gh.front.served.filter((n) => n === GITHUB_HOSTS.fulcio).length).toBe(before.github);
      });
    },
  );
