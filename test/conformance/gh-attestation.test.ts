import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { NEAR_MISS_CLAIMS, PREFIX_REPO } from '../support/near-misses.js';
import { DEFAULT_REPO, type GitHubClaims, type SigstoreUnderTest } from '../support/sigstore/index.js';
import { SIGSTORES } from '../support/sigstores.js';
import { toolGate } from '../support/tools.js';
import { printedCommands, runPrinted, toolBin } from '../support/printed-commands.js';
import { ghAttestationCommand } from '../../src/policy/commands.js';
import { SLSA_PROVENANCE_V1, type CustomSigstore, type PolicyInput } from '../../src/policy/consumers.js';
import { policyFor } from '../../src/policy/signing-identity.js';
import { certificateIdentity } from '../../src/sigstore/certificate.js';
import { trustFromFile, trustPems } from '../../src/sigstore/trust.js';

// The `gh attestation verify oci://… --bundle-from-oci` command sigstamp prints, run exactly as
// printed (through a shell, gh = cli/cli v2.83.0 as pinned in .ci/tools.env) against a loopback
// registry with and without the OCI 1.1 referrers API, for both Sigstores. It must accept what this
// workflow signed and refuse an unsigned image and the near misses: another workflow file, another
// branch, a repository sharing the name prefix. Where gh v2.83.0 itself cannot verify a correct
// artifact, the failure is pinned here, with gh's own message.
//
// What gh v2.83.0 does with these flags (pkg/cmd/attestation/{verify,verification,artifact/oci}):
// - --bundle-from-oci lists the digest's referrers with go-containerregistry v0.20.6
//   (remote.Referrers: the referrers API, else the `sha256-<hex>` fallback tag), keeps those whose
//   artifactType starts with application/vnd.dev.sigstore.bundle and reads layer 0 as the bundle.
//   A 127.0.0.1 registry is spoken to over plain http (name.Registry.Scheme).
// - --custom-trusted-root is read line by line (bufio ReadBytes('\n'): JSON Lines, and a last line
//   without its newline is dropped); no TUF and no GitHub API is contacted. Each root's verifier is
//   chosen by the Organization of its Fulcio CA's lowest certificate's issuer: `sigstore.dev`
//   gets the public-good policy (SCT + tlog + observer timestamp), anything else "custom"
//   (an observer timestamp, plus a tlog entry if the root lists a Rekor log).
// - --repo sets SourceRepositoryURI (.1.12) and SourceRepositoryOwnerURI (.1.14) to
//   https://github.com/<owner>[/<repo>]; --cert-identity-regex replaces the default SAN regex;
//   --cert-oidc-issuer must equal the Issuer extension; --predicate-type keeps only DSSE in-toto
//   bundles of that predicate type (so a message-signature bundle never counts).
// - Like every gh command but `--bundle <file>` (the only flag marked DisableAuthCheckFlag), it
//   refuses to run unless gh is logged in or GH_TOKEN is set, even though the token is not used
//   (cli/cli#11803, open). A failed verification says only `verifying with issuer "<O>"`: gh
//   drops sigstore-go's error, even with GH_DEBUG (cf. cli/cli#10059).

const GH_VERSION = 'v2.83.0';

interface RegistryKind {
  name: string;
  tool: string;
  start(): Promise<TestRegistry>;
}

const REGISTRIES: readonly RegistryKind[] = [
  {
    name: 'distribution 2.8 (no referrers API: the fallback tag)',
    tool: 'docker-registry',
    start: () => startDistribution(),
  },
  { name: 'olareg (referrers API)', tool: 'olareg', start: () => startOlareg() },
];

const EVIL_REPO = PREFIX_REPO;

type Case =
  | 'timestampOnly'
  | 'signed'
  | 'signedReferrers'
  | 'unsigned'
  | 'otherWorkflow'
  | 'otherBranch'
  | 'prefixRepo';

/**
 * The PolicyInput this run's policies were generated from, rebuilt from its bundle's certificate
 * and the Sigstore's trusted root, for the generator in src (dist may lag it).
 */
async function inputFor(
  run: ActionRun,
  registry: TestRegistry,
  sigstore: SigstoreUnderTest,
  opts: { storage: 'both' | 'referrers'; rekor: boolean },
): Promise<PolicyInput> {
  const bundle = JSON.parse(await readFile(run.outputs['bundle-paths']!.split('\n')[0]!, 'utf8')) as {
    verificationMaterial: { certificate: { rawBytes: string } };
  };
  const der = bundle.verificationMaterial.certificate.rawBytes;
  const pem = `-----BEGIN CERTIFICATE-----\n${der.replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  const trust = await trustFromFile(sigstore.trustedRootPath);
  return {
    policy: policyFor(certificateIdentity(pem)).policy,
    image: { registry: registry.host, repository: DEFAULT_REPO },
    digest: run.outputs.digest!,
    predicateTypes: [SLSA_PROVENANCE_V1],
    storage: opts.storage,
    sigstore: {
      kind: 'custom',
      fulcioUrl: sigstore.fulcioUrl,
      ...(opts.rekor ? { rekorUrl: sigstore.rekorUrl } : {}),
      ...(sigstore.tsaUrl ? { tsaUrl: sigstore.tsaUrl } : {}),
      ...trustPems(trust.trustedRoot),
      ctlog: false,
      trustedRootJson: await readFile(sigstore.trustedRootPath, 'utf8'),
      trustedRootPath: sigstore.trustedRootPath,
    },
    insecureRegistry: true,
  };
}

const NEAR_MISSES = ['unsigned', 'otherWorkflow', 'otherBranch', 'prefixRepo'] as const;

for (const sigstoreKind of SIGSTORES)
  for (const registryKind of REGISTRIES)
    describe.skipIf(!toolGate(registryKind.tool, 'skopeo', 'umoci', 'gh', 'jq', ...sigstoreKind.tools))(
      `gh ${GH_VERSION} attestation verify, as printed, for ${sigstoreKind.name} on ${registryKind.name}`,
      () => {
        let registry: TestRegistry;
        let sigstore: SigstoreUnderTest;
        let ref: string;
        let bin: string;
        const runs: Partial<Record<Case, ActionRun>> = {};
        const inputs: Partial<Record<Case, PolicyInput>> = {};
        const digests = {} as Record<Case, string>;

        async function signWith(
          name: Case,
          claims: Partial<GitHubClaims>,
          opts: { storage?: 'referrers'; rekor?: false; env?: Record<string, string> } = {},
        ): Promise<void> {
          digests[name] = await pushImage(await buildImage([{ '/which': `${name}\n` }]), `${ref}:${name}`);
          sigstore.oidc.setClaims(claims);
          const r = await runAction(
            {
              image: ref,
              digest: digests[name],
              sbom: 'none',
              ...customSigstoreInputs(sigstore),
              // The real stack timestamps only through its TSA.
              ...(sigstore.tsaUrl ? { 'tsa-url': sigstore.tsaUrl } : {}),
              ...(opts.storage ? { storage: opts.storage } : {}),
              ...(opts.rekor === false ? { 'rekor-url': '' } : {}),
            },
            { sigstore, ...(opts.env ? { env: opts.env } : {}) },
          );
          expect(r.code, r.stdout + r.stderr).toBe(0);
          runs[name] = r;
          inputs[name] = await inputFor(r, registry, sigstore, {
            storage: opts.storage ?? 'both',
            rekor: opts.rekor !== false,
          });
        }

        /** The command sigstamp's generator (src) prints for a run; undefined if it prints none. */
        const generated = (name: Case): string | undefined => ghAttestationCommand(inputs[name]!);
        const withImage = (command: string, name: Case, image: string): string => {
          expect(command).toContain(`oci://${ref}@${digests[name]} `);
          return command.replace(`oci://${ref}@${digests[name]} `, `oci://${image} `);
        };

        beforeAll(async () => {
          [registry, sigstore, bin] = await Promise.all([
            registryKind.start(),
            sigstoreKind.start(),
            toolBin(),
          ]);
          ref = `${registry.host}/${DEFAULT_REPO}`;
          await signWith('signed', {});
          await signWith('signedReferrers', {}, { storage: 'referrers' });
          digests.unsigned = await pushImage(
            await buildImage([{ '/which': 'unsigned\n' }]),
            `${ref}:unsigned`,
          );
          await signWith('otherWorkflow', NEAR_MISS_CLAIMS.otherWorkflow);
          await signWith('otherBranch', NEAR_MISS_CLAIMS.otherBranch);
          const evil = NEAR_MISS_CLAIMS.prefixRepo.workflow_ref;
          await signWith('prefixRepo', NEAR_MISS_CLAIMS.prefixRepo, {
            env: { GITHUB_REPOSITORY: EVIL_REPO, GITHUB_WORKFLOW_REF: evil },
          });
          sigstore.oidc.setClaims({});
          if (sigstore.tsaUrl) await signWith('timestampOnly', {}, { rekor: false });
        }, 600_000);
        afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop()]));

        it('the gh line of verify-commands.sh is the one in the summary, and the one src generates where src did not change it', async () => {
          expect(registry.referrersApi).toBe(registryKind.tool === 'olareg');
          for (const name of ['signed', 'signedReferrers'] as const) {
            const printed = (await printedCommands(runs[name]!)).gh;
            // With Rekor, src generates what dist printed (only the TSA-only command changed).
            expect(printed, name).toBe(generated(name));
            expect(runs[name]!.summary).toContain(printed);
          }
        });

        if (sigstoreKind.name === 'the loopback stand-ins') {
          // The stand-in Fulcio's CA is named like public-good's (O=sigstore.dev): gh v2.83.0 then
          // applies its public-good policy to the custom root, which requires an SCT; a private
          // Fulcio logs to no CT log, and gh has no flag to waive it (cosign: --insecure-ignore-sct).
          it(`pinned upstream behaviour: gh ${GH_VERSION} cannot verify bundles of a private Fulcio CA named O=sigstore.dev (it applies the public-good policy: SCT required), on either registry and storage`, async () => {
            const chain = (inputs.signed!.sigstore as CustomSigstore).fulcioChainPem;
            const ca = new X509Certificate(chain.slice(0, chain.indexOf('-----END CERTIFICATE-----') + 25));
            expect(ca.issuer.split('\n')).toContain('O=sigstore.dev');
            for (const name of ['signed', 'signedReferrers'] as const) {
              const r = await runPrinted(generated(name)!, bin);
              expect(r.code, r.out).toBe(1);
              expect(r.out).toMatch(/Loaded [1-9]\d* attestations? from OCI registry/);
              expect(r.out).toContain('✗ Sigstore verification failed');
              expect(r.out).toContain('Error: verifying with issuer "sigstore.dev"');
            }
          });
        } else {
          for (const name of ['signed', 'signedReferrers'] as const)
            it(`storage ${name === 'signed' ? 'both' : 'referrers'}: the command verifies the signed image by digest and by tag`, async () => {
              const gh = generated(name)!;
              for (const command of [gh, withImage(gh, name, `${ref}:${name}`)]) {
                const r = await runPrinted(command, bin);
                expect(r.code, `${command}\n${r.out}`).toBe(0);
                expect(r.out).toMatch(/Loaded [1-9]\d* attestations? from OCI registry/);
                expect(r.out).toContain('✓ Verification succeeded!');
                expect(r.out).toContain('The following 1 attestation matched the policy criteria');
                expect(r.out).toContain(`Signer workflow: .github/workflows/release.yml@refs/tags/v1.2.3`);
              }
            });

          it('the same command with the image replaced rejects an unsigned image, another workflow file, another branch and a repository sharing the name prefix; each near miss verifies with its own command', async () => {
            const gh = generated('signed')!;
            for (const miss of NEAR_MISSES) {
              const r = await runPrinted(withImage(gh, 'signed', `${ref}@${digests[miss]}`), bin);
              expect(r.code, `${miss} must be rejected:\n${r.out}`).toBe(1);
              if (miss === 'unsigned') {
                expect(r.out).toContain('Error: no attestations found in the OCI registry');
                continue;
              }
              // Rejected by the identity policy inside sigstore-go (SAN regex), not for want of a bundle.
              expect(r.out).toContain('✗ Sigstore verification failed');
              expect(r.out).toContain('Error: verifying with issuer "sigstore"');
              // Control: gh can verify that very bundle, with the command printed for its own identity.
              const own = await runPrinted(generated(miss)!, bin);
              expect(own.code, `${miss}, own command:\n${own.out}`).toBe(0);
            }
            expect(generated('prefixRepo')).toContain(`--repo ${EVIL_REPO} `);
          });

          it(`timestamp-only signing (no Rekor): the command verifies with a copy of the trusted root without its Rekor logs, and still rejects the near misses`, async () => {
            expect(runs.timestampOnly!.outputs['rekor-log-indexes'] ?? '').toBe('');
            const gh = (await printedCommands(runs.timestampOnly!)).gh!;
            expect(gh).toMatch(/^jq -c 'del\(\.tlogs\)' /);
            const ok = await runPrinted(gh, bin);
            expect(ok.code, ok.out).toBe(0);
            expect(ok.out).toContain('✓ Verification succeeded!');
            for (const miss of NEAR_MISSES) {
              const r = await runPrinted(withImage(gh, 'timestampOnly', `${ref}@${digests[miss]}`), bin);
              expect(r.code, `${miss} must be rejected:\n${r.out}`).toBe(1);
            }
          });

          it(`pinned upstream behaviour: gh ${GH_VERSION} requires a Rekor entry whenever the custom trusted root lists a Rekor log (no flag waives it) — why the TSA-only command drops .tlogs`, async () => {
            const printed = (await printedCommands(runs.timestampOnly!)).gh!;
            expect(printed).toBe(generated('timestampOnly'));
            const asBefore = printed.replace(`jq -c 'del(.tlogs)' `, 'jq -c . ');
            expect(asBefore).not.toBe(printed);
            const r = await runPrinted(asBefore, bin);
            expect(r.code, r.out).toBe(1);
            expect(r.out).toContain('✗ Sigstore verification failed');
            expect(r.out).toContain('Error: verifying with issuer "sigstore"');
          });
        }

        it(`pinned upstream behaviour: gh ${GH_VERSION} refuses to run --bundle-from-oci unless logged in or GH_TOKEN is set (only --bundle skips its auth check); any token does, nothing reaches GitHub (cli/cli#11803)`, async () => {
          const command = generated('signed')!;
          const r = await runPrinted(command, bin, { token: false });
          expect(r.code, r.out).toBe(4);
          expect(r.out).toContain('To get started with GitHub CLI, please run:  gh auth login');
          expect(r.out).toContain('Alternatively, populate the GH_TOKEN environment variable');
        });
      },
    );
