// GitHub's Sigstore instance on a GHE.com tenant (acme.ghe.com) at its real hostnames: the real Fulcio
// of the private stack trusting the tenant's issuer https://token.actions.acme.ghe.com (identities at
// https://acme.ghe.com/…), the real TSA, no Rekor, through test/support/github-sigstore.ts with
// `tenant`; the tenant's REST API at https://api.acme.ghe.com (test/support/github-api.ts, GET /meta
// built from GitHub's REST docs); and GitHub's TUF repository at https://tuf-repo.github.com serving
// the tenant's trusted root only as `acme.trusted_root.json` (`sigstamp tuf-repo --target-name`), as
// GitHub names a tenant's root. No `trusted-root` is given: the run must find the root through
// /meta's trust domain and TUF, verify what it published with it, and print commands cosign v3 and
// the real gh accept (gh asking the same /meta stand-in first, as it does on every tenant).
// Then the three ways that lookup fails, each a clear error naming what to do, before anything is
// written to the registry.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import { faults, startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import {
  GITHUB_SIGSTORE_TOOLS,
  startGitHubSigstore,
  type GitHubSigstore,
  type Tenant,
} from '../support/github-sigstore.js';
import { buildImage, pushImage } from '../support/image.js';
import type { Sandbox } from '../support/netns.js';
import { printedCommands, runPrinted, toolBin } from '../support/printed-commands.js';
import { startOlareg, type TestRegistry } from '../support/registry.js';
import { DEFAULT_REPO } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

const TENANT: Tenant = { host: 'acme.ghe.com', trustDomain: 'acme' };
const API = `https://api.${TENANT.host}`;
const META = `${API}/meta`;
const JOB_TOKEN = 'ghs_tenantRunJobToken0123456789ab';
const TENANT_ENV = { GITHUB_SERVER_URL: `https://${TENANT.host}`, GITHUB_API_URL: API };

describe.skipIf(!toolGate('olareg', 'skopeo', 'umoci', 'cosign3', ...GITHUB_SIGSTORE_TOOLS))(
  'sigstore: auto on a GHE.com tenant: the trust root through GET /meta’s trust domain and GitHub’s TUF repository',
  () => {
    let gh: GitHubSigstore;
    let api: GitHubApiStandIn;
    let registry: TestRegistry;
    let sandbox: Sandbox;
    let ref: string;
    let run: ActionRun;
    let digest: string;

    async function signPrivate(name: string, inputs: Record<string, string> = {}) {
      const d = await pushImage(await buildImage([{ '/which': `${name}\n` }]), `${ref}:${name}`);
      gh.oidc.setClaims({ repository_visibility: 'private' });
      const r = await runAction(
        { image: ref, digest: d, 'tuf-root': gh.tufRootPath, ...inputs },
        { sigstore: gh, via: sandbox, env: { ...gh.env, ...TENANT_ENV, GITHUB_REPOSITORY: DEFAULT_REPO } },
      );
      return { r, digest: d };
    }

    beforeAll(async () => {
      [gh, api, registry] = await Promise.all([
        startGitHubSigstore({ tenant: TENANT, moreHosts: [`api.${TENANT.host}`] }),
        startGitHubApi({ publicUrl: API, meta: { host: TENANT.host, trustDomain: TENANT.trustDomain } }),
        startOlareg(),
      ]);
      api.addRepository(DEFAULT_REPO, 'Organization');
      api.grant(JOB_TOKEN, { attestations: 'write' });
      gh.front.routes[`api.${TENANT.host}`] = api.port;
      sandbox = await gh.sandbox([Number(new URL(`http://${registry.host}`).port)]);
      ref = `${registry.host}/${DEFAULT_REPO}`;
      const signed = await signPrivate('signed', { 'github-token': JOB_TOKEN });
      expect(signed.r.code, signed.r.stdout + signed.r.stderr).toBe(0);
      ({ r: run, digest } = signed);
    }, 600_000);
    afterAll(async () => {
      await Promise.all([gh?.stop(), api?.stop(), registry?.stop()]);
    });

    it('signs with the tenant’s instance and finds its trusted root as acme.trusted_root.json via /meta', async () => {
      expect(run.summary).toContain(
        `| Sigstore | GitHub's Sigstore instance (fulcio.${TENANT.host}, timestamp.${TENANT.host}, no transparency log): ${DEFAULT_REPO} is private`,
      );
      expect(run.stderr + run.stdout).toMatch(
        /signing identity: https:\/\/acme\.ghe\.com\/sigstamp-test\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.2\.3 \(issuer https:\/\/token\.actions\.acme\.ghe\.com\)/,
      );
      // The tenant's REST API was asked, with the job token (as gh authenticates), and answered.
      const meta = api.requests.filter((q) => q.method === 'GET' && q.path === '/meta');
      expect(meta).toEqual([
        expect.objectContaining({ auth: 'Bearer', apiVersion: '2022-11-28', status: 200 }),
      ]);
      expect(gh.front.served).toEqual(
        expect.arrayContaining([
          gh.hosts.fulcio,
          gh.hosts.tsa,
          gh.hosts.tuf,
          gh.hosts.oidc,
          `api.${TENANT.host}`,
        ]),
      );
      // The tenant's target, by its consistent-snapshot name; github.com's name is not even served.
      expect(gh.tufRequests.some((p) => /\/targets\/[0-9a-f]{64}\.acme\.trusted_root\.json$/.test(p))).toBe(
        true,
      );
      expect(gh.tufRequests.some((p) => /\/(?:[0-9a-f]{64}\.)?trusted_root\.json$/.test(p))).toBe(false);
      // Every artifact read back and verified against that root, and the root the run wrote is it.
      expect(run.summary).not.toMatch(/\| \*\*NO\*\* \||not checked/);
      const bundles = run.outputs['bundle-paths']!.split('\n');
      expect(bundles.length).toBeGreaterThanOrEqual(4);
      const written = join(run.outputs['policy-paths']!.split('\n')[0]!, '..', 'github-trusted-root.json');
      const json = async (p: string) =>
        TrustedRoot.toJSON(TrustedRoot.fromJSON(JSON.parse(await readFile(p, 'utf8'))));
      expect(await json(written)).toEqual(await json(gh.trustedRootPath));
    });

    it('cosign v3 with the printed commands (the tenant’s root, signed timestamps, no tlog) accepts it', async () => {
      const bin = await toolBin({ cosign: 'cosign3' });
      const printed = await printedCommands(run);
      expect(printed.cosign.length).toBeGreaterThan(0);
      expect(printed.cosign[0]).toMatch(/--trusted-root \S*github-trusted-root\.json/);
      expect(printed.cosign[0]).toContain('--certificate-oidc-issuer https://token.actions.acme.ghe.com');
      for (const line of printed.cosign) {
        const r = await runPrinted(line, bin);
        expect(r.code, `${line}\n${r.out}`).toBe(0);
      }
      expect(digest).toMatch(/^sha256:/);
    });

    it.skipIf(!toolGate('gh'))(
      'the real gh (v2.83.0) asks the stand-in’s GET /meta as on a tenant, and accepts the image with the tenant’s root',
      async () => {
        const printed = await printedCommands(run);
        expect(printed.gh).toContain('--hostname acme.ghe.com');
        // gh checks GitHub's TUF repository against the root it embeds, which the stand-in's test keys
        // cannot satisfy: the tenant's root goes in as --custom-trusted-root (JSON Lines) instead. gh
        // still looks the trust domain up first on a tenant (verify.go: ghauth.IsTenancy → GetTrustDomain).
        const home = await mkdtemp(join(tmpdir(), 'ghe-gh-'));
        const jsonl = join(home, 'tenant-root.jsonl');
        await writeFile(jsonl, JSON.stringify(JSON.parse(await readFile(gh.trustedRootPath, 'utf8'))) + '\n');
        await mkdir(join(home, 'gh'));
        const before = api.requests.filter((q) => q.path === '/meta').length;
        const r = await sandbox.run('sh', ['-c', `${printed.gh} --custom-trusted-root ${jsonl}`], {
          env: {
            PATH: `${await toolBin({ gh: 'gh' })}:/usr/bin:/bin`,
            HOME: home,
            GH_CONFIG_DIR: join(home, 'gh'),
            // go-gh v2.13.0 auth.TokenFromEnvOrConfig: GH_TOKEN serves github.com and *.ghe.com tenants.
            GH_TOKEN: JOB_TOKEN,
            GH_NO_UPDATE_NOTIFIER: '1',
            GH_PROMPT_DISABLED: '1',
            GH_FORCE_TTY: '1',
            NO_COLOR: '1',
            SSL_CERT_FILE: gh.ca.caPath,
            TUF_ROOT: join(home, 'no-tuf'),
          },
        });
        expect(r.code, r.stdout + r.stderr).toBe(0);
        const asked = api.requests.filter((q) => q.path === '/meta').slice(before);
        expect(asked).toEqual([expect.objectContaining({ method: 'GET', auth: 'token', status: 200 })]);
      },
    );

    const remedy = `check that ${META} is reachable from the runner, or give your tenant's trusted root as trusted-root`;
    for (const [tag, what, arrange, message] of [
      [
        'meta-5xx',
        '/meta unreachable (5xx after every retry)',
        () => api.failNext('meta', ...Array.from({ length: 5 }, () => faults.serverError(503))),
        `GET ${META} answered HTTP 503: Server Error; ${remedy}`,
      ],
      [
        'meta-no-trust-domain',
        '/meta without domains.artifact_attestations',
        () => void (api.meta.trustDomain = undefined),
        `GET ${META} names no artifact attestation trust domain (domains.artifact_attestations.trust_domain is missing)`,
      ],
      [
        'tuf-no-target',
        'a trust domain whose root the TUF repository does not have',
        () => void (api.meta.trustDomain = 'globex'),
        "GitHub's Sigstore instance for acme.ghe.com: the TUF repository https://tuf-repo.github.com has no target " +
          'globex.trusted_root.json (its targets metadata does not list it); check the trust domain and the TUF ' +
          'mirror (tuf-mirror, tuf-root), or give the trusted root as trusted-root',
      ],
    ] as const)
      it(`fails clearly on ${what}`, async () => {
        arrange();
        try {
          const { r, digest: d } = await signPrivate(tag, { sbom: 'none' });
          expect(r.code, r.stdout + r.stderr).not.toBe(0);
          expect(r.stdout + r.stderr).toContain(message);
          // Stopped before anything was written: no referrer, no legacy .sig/.att tag.
          const base = `http://${registry.host}/v2/${DEFAULT_REPO}`;
          const referrers = (await (await fetch(`${base}/referrers/${d}`)).json()) as {
            manifests: unknown[];
          };
          expect(referrers.manifests).toEqual([]);
          for (const suffix of ['sig', 'att'])
            expect((await fetch(`${base}/manifests/${d.replace(':', '-')}.${suffix}`)).status).toBe(404);
          expect(r.stdout + r.stderr).not.toMatch(/published \d+ artifact/);
        } finally {
          api.meta.trustDomain = TENANT.trustDomain;
        }
      }, 300_000);
  },
);
