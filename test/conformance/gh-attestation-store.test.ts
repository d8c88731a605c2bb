import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { buildImage, pushImage } from '../support/image.js';
import { NEAR_MISS_CLAIMS, PREFIX_REPO, RELEASE } from '../support/near-misses.js';
import { startSandbox, type Sandbox } from '../support/netns.js';
import { REAL_SIGSTORE_TOOLS, startRealSigstore } from '../support/real-sigstore/index.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import {
  DEFAULT_OWNER,
  DEFAULT_REPO,
  type GitHubClaims,
  type SigstoreUnderTest,
} from '../support/sigstore/index.js';
import { makeTestCa, startTlsFront, type TestCa, type TlsFront } from '../support/tls-front.js';
import { toolGate, toolPath } from '../support/tools.js';

// `gh attestation verify oci://… --owner …` (cli/cli v2.83.0) reading the bundles FROM THE
// ATTESTATION STORE, where the Action put them: the real private Sigstore signs, the Action uploads
// to the REST stand-in (test/support/github-api.ts), and gh — which talks only to api.github.com
// for github.com (go-gh RESTPrefix; GHES hosts are refused: "gh attestation does not currently
// support GHES"; a *.ghe.com tenant would add a trust-domain lookup) — runs in test/support/netns.ts's
// sandbox, where api.github.com resolves to loopback and its https is the TLS front with this run's
// test CA (SSL_CERT_FILE). The store is the only place it reads: no --bundle-from-oci, and an image
// signed without the store finds nothing. One Action run also goes through the sandbox with no
// GITHUB_API_URL at all, i.e. to https://api.github.com as on github.com.
//
// What gh does there (pkg/cmd/attestation/api/client.go): GET orgs/{owner}/attestations/{digest}
// ?per_page=30&predicate_type=<type> with `Authorization: token $GH_TOKEN`, keeps initiator "user",
// then fetches each bundle_url (snappy-compressed bundle) and verifies as with a local bundle.

const TOKEN = 'ghs_storeConformanceWriter0123456789';
const GH_TOKEN = 'gho_storeConformanceReader0123456789';

type Case =
  'signed' | 'viaGitHubCom' | 'registryOnly' | 'unsigned' | 'otherWorkflow' | 'otherBranch' | 'prefixRepo';
const NEAR_MISSES = ['otherWorkflow', 'otherBranch', 'prefixRepo'] as const;

describe.skipIf(
  !toolGate('docker-registry', 'skopeo', 'umoci', 'gh', 'jq', 'socat', 'unshare', ...REAL_SIGSTORE_TOOLS),
)(
  'gh v2.83.0 attestation verify --owner, from the attestation store (REST stand-in at api.github.com)',
  () => {
    let registry: TestRegistry;
    let sigstore: SigstoreUnderTest;
    let api: GitHubApiStandIn;
    let ca: TestCa;
    let front: TlsFront;
    let sandbox: Sandbox;
    let dir: string;
    let ref: string;
    let trustedRootJsonl: string;
    const runs: Partial<Record<Case, ActionRun>> = {};
    const digests = {} as Record<Case, string>;

    async function signWith(
      name: Case,
      claims: Partial<GitHubClaims>,
      opts: { env?: Record<string, string>; store?: false; sandboxed?: true } = {},
    ): Promise<void> {
      digests[name] = await pushImage(await buildImage([{ '/which': `${name}\n` }]), `${ref}:${name}`);
      sigstore.oidc.setClaims(claims);
      const r = await runAction(
        {
          image: ref,
          digest: digests[name],
          sbom: 'none',
          ...customSigstoreInputs(sigstore),
          ...(sigstore.tsaUrl ? { 'tsa-url': sigstore.tsaUrl } : {}),
          'github-token': TOKEN,
          ...(opts.store === false ? { 'push-to-attestation-store': 'false' } : {}),
        },
        {
          sigstore,
          env: {
            // The repository the token is for: the one the OIDC claims name.
            GITHUB_REPOSITORY: DEFAULT_REPO,
            GITHUB_WORKFLOW_REF: RELEASE,
            ...(opts.sandboxed ? { NODE_EXTRA_CA_CERTS: ca.caPath } : { GITHUB_API_URL: api.url }),
            ...opts.env,
          },
          ...(opts.sandboxed ? { via: sandbox } : {}),
        },
      );
      expect(
        r.code,
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n'),
      ).toBe(0);
      runs[name] = r;
    }

    /** gh, as a user runs it against github.com, inside the sandbox. */
    function gh(args: string[]): Promise<{ code: number; out: string }> {
      const home = join(dir, `home-${Math.random().toString(36).slice(2)}`);
      return mkdir(join(home, 'gh'), { recursive: true }).then(() =>
        sandbox
          .run(toolPath('gh'), args, {
            env: {
              PATH: '/usr/bin:/bin',
              HOME: home,
              GH_CONFIG_DIR: join(home, 'gh'),
              GH_TOKEN,
              GH_NO_UPDATE_NOTIFIER: '1',
              GH_PROMPT_DISABLED: '1',
              GH_FORCE_TTY: '1',
              NO_COLOR: '1',
              SSL_CERT_FILE: ca.caPath,
              TUF_ROOT: join(home, 'no-tuf'),
            },
          })
          .then((r) => ({ code: r.code, out: r.stdout + r.stderr })),
      );
    }

    /** The store form of the command: --owner, the run's identity regex and issuer, the custom root. */
    function verifyArgs(image: string, identityOf: ActionRun): string[] {
      return [
        'attestation',
        'verify',
        `oci://${image}`,
        '--owner',
        DEFAULT_OWNER,
        '--cert-identity-regex',
        identityOf.outputs['subject-regex']!,
        '--cert-oidc-issuer',
        identityOf.outputs.issuer!,
        '--custom-trusted-root',
        trustedRootJsonl,
      ];
    }

    beforeAll(async () => {
      // Unix socket paths of the sandbox's bridges must stay short.
      dir = await mkdtemp('/tmp/ghs-');
      [registry, sigstore, api, ca] = await Promise.all([
        startDistribution(),
        startRealSigstore(),
        startGitHubApi({ publicUrl: 'https://api.github.com' }),
        makeTestCa(dir),
      ]);
      for (const repo of [DEFAULT_REPO, PREFIX_REPO]) api.addRepository(repo, 'Organization');
      api.grant(TOKEN, { attestations: 'write', artifactMetadata: 'write' });
      api.grant(GH_TOKEN, { attestations: 'read' });
      front = await startTlsFront(ca, { 'api.github.com': api.port });
      const ports = [
        registry.host,
        sigstore.fulcioUrl,
        sigstore.rekorUrl,
        sigstore.tsaUrl,
        sigstore.oidc.requestUrl,
      ]
        .filter((u): u is string => Boolean(u))
        .map((u) => Number(new URL(u.includes('://') ? u : `http://${u}`).port));
      sandbox = await startSandbox({
        dir,
        hosts: ['api.github.com'],
        bridges: [{ port: 443, to: front.port }, ...[...new Set(ports)].map((p) => ({ port: p, to: p }))],
      });
      ref = `${registry.host}/${DEFAULT_REPO}`;
      trustedRootJsonl = join(dir, 'trusted_root.jsonl');
      // gh reads --custom-trusted-root as JSON Lines (see gh-attestation.test.ts).
      await writeFile(
        trustedRootJsonl,
        `${JSON.stringify(JSON.parse(await readFile(sigstore.trustedRootPath, 'utf8')))}\n`,
      );

      await signWith('signed', {});
      await signWith('viaGitHubCom', {}, { sandboxed: true });
      await signWith('registryOnly', {}, { store: false });
      digests.unsigned = await pushImage(await buildImage([{ '/which': 'unsigned\n' }]), `${ref}:unsigned`);
      await signWith('otherWorkflow', NEAR_MISS_CLAIMS.otherWorkflow);
      await signWith('otherBranch', NEAR_MISS_CLAIMS.otherBranch);
      await signWith('prefixRepo', NEAR_MISS_CLAIMS.prefixRepo, {
        env: {
          GITHUB_REPOSITORY: PREFIX_REPO,
          GITHUB_WORKFLOW_REF: NEAR_MISS_CLAIMS.prefixRepo.workflow_ref,
        },
      });
      sigstore.oidc.setClaims({});
    }, 600_000);
    afterAll(async () => {
      await sandbox?.close();
      await front?.close();
      await Promise.all([registry?.stop(), sigstore?.stop(), api?.stop()]);
    });

    it('the Action reached https://api.github.com itself (no GITHUB_API_URL) through the sandbox and stored its bundles', () => {
      const ids = runs.viaGitHubCom!.outputs['attestation-ids']!.split('\n');
      expect(ids).toHaveLength(2);
      for (const id of ids)
        expect(api.attestations.find((a) => String(a.id) === id)?.repository).toBe(DEFAULT_REPO);
      expect(front.served).toContain('api.github.com');
    });

    for (const name of ['signed', 'viaGitHubCom'] as const)
      it(`accepts the ${name} image, by digest and by tag, with what it loaded from the GitHub API`, async () => {
        for (const image of [`${ref}@${digests[name]}`, `${ref}:${name}`]) {
          const before = api.requests.length;
          const r = await gh(verifyArgs(image, runs[name]!));
          expect(r.code, r.out).toBe(0);
          expect(r.out).toContain('Loaded 1 attestation from GitHub API');
          expect(r.out).toContain('✓ Verification succeeded!');
          expect(r.out).toContain('Signer workflow: .github/workflows/release.yml@refs/tags/v1.2.3');
          const asked = api.requests.slice(before);
          expect(asked[0]).toMatchObject({
            method: 'GET',
            path: `/orgs/${DEFAULT_OWNER}/attestations/${digests[name]}`,
            auth: 'token',
            status: 200,
          });
          expect(asked.some((q) => q.path.startsWith('/blobs/') && q.status === 200)).toBe(true);
        }
      });

    it('finds nothing for an image whose bundles are in the registry only, or that is unsigned: the store is what it reads', async () => {
      for (const name of ['registryOnly', 'unsigned'] as const) {
        const r = await gh(verifyArgs(`${ref}@${digests[name]}`, runs.signed!));
        expect(r.code, r.out).toBe(1);
        expect(r.out).toContain(`✗ No attestations found for subject ${digests[name]}`);
      }
    });

    it('rejects another workflow file, another branch and a repository sharing the name prefix, each found in the store; each verifies with its own identity', async () => {
      for (const miss of NEAR_MISSES) {
        const r = await gh(verifyArgs(`${ref}@${digests[miss]}`, runs.signed!));
        expect(r.code, `${miss} must be rejected:\n${r.out}`).toBe(1);
        expect(r.out).toContain('Loaded 1 attestation from GitHub API');
        expect(r.out).toContain('✗ Sigstore verification failed');
        const own = await gh(verifyArgs(`${ref}@${digests[miss]}`, runs[miss]!));
        expect(own.code, `${miss}, own identity:\n${own.out}`).toBe(0);
      }
      expect(api.attestations.filter((a) => a.repository === PREFIX_REPO).length).toBeGreaterThan(0);
    });
  },
);
