// Secrets never leave the step (issue 15, part 5). The bundled Action runs as the runner runs it with
// every credential a release job has — a registry password, the OIDC token (and the runtime token
// that fetches it), a GitHub token — once successfully and in failing runs (a wrong password, Fulcio
// gone after the token was fetched, a registry whose read-back bytes are altered). Then every place
// the step writes is searched for each secret and its encoded forms: stdout, stderr, the job
// summary, the outputs, every file under the output directory, and everything the run pushed to
// the registry (each tag's manifests and blobs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { filesUnder, findings, forms, shownLog, type Place } from '../support/secret-scan.js';
import { toolGate } from '../support/tools.js';

const GITHUB_TOKEN = 'ghs_' + 'S3cr3tGitHubT0ken'.repeat(2);

/** Everything the registry holds under `repo`: each tag's manifest and every blob it names. */
async function registryContent(host: string, repo: string, auth: string): Promise<Place[]> {
  const get = async (path: string, accept = '*/*') => {
    const res = await fetch(`http://${host}/v2/${repo}/${path}`, {
      headers: { authorization: auth, accept },
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const { tags } = JSON.parse((await get('tags/list')).toString()) as { tags: string[] };
  const places: Place[] = [];
  const accept = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';
  const seen = new Set<string>();
  const walk = async (ref: string) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    const bytes = await get(`manifests/${ref}`, accept);
    places.push({ name: `${repo}:${ref}`, text: bytes.toString('latin1') });
    const m = JSON.parse(bytes.toString()) as {
      config?: { digest: string };
      layers?: { digest: string }[];
      manifests?: { digest: string }[];
    };
    for (const d of [m.config, ...(m.layers ?? [])].filter((x) => x !== undefined))
      if (!seen.has(d.digest)) {
        seen.add(d.digest);
        places.push({
          name: `${repo}@${d.digest}`,
          text: (await get(`blobs/${d.digest}`)).toString('latin1'),
        });
      }
    for (const c of m.manifests ?? []) await walk(c.digest);
  };
  for (const t of tags) await walk(t);
  return places;
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))('no secret reaches any output', () => {
  let registry: TestRegistry;
  let sigstore: LoopbackSigstore;
  let proxy: FaultProxy;
  let gh: GitHubApiStandIn;
  let digest: string;
  let basic: string;
  const dirs: string[] = [];
  const scanned: { places: number; bytes: number } = { places: 0, bytes: 0 };

  beforeAll(async () => {
    registry = await startDistribution({ auth: 'htpasswd' });
    basic = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
    digest = await pushImage(
      await buildImage([{ '/etc/os-release': 'ID=secrets\nVERSION_ID=1\n', '/app/a.txt': 'a\n' }]),
      `${registry.host}/app:1`,
      { creds: `${registry.username}:${registry.password}` },
    );
    sigstore = await startSigstore();
    proxy = await startFaultProxy(`http://${registry.host}`);
    // The attestation store, so that the GitHub token is really sent (and could leak).
    gh = await startGitHubApi();
    gh.addRepository('acme/app', 'Organization');
    gh.grant(GITHUB_TOKEN, { attestations: 'write', artifactMetadata: 'write' });
  });
  afterAll(async () => {
    console.log(`secret scan: ${scanned.places} places, ${scanned.bytes} bytes searched`);
    await proxy?.stop();
    await gh?.stop();
    await sigstore?.stop();
    await registry?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function run(
    over: Record<string, string>,
    host = registry.host,
  ): Promise<{ run: ActionRun; out: string }> {
    const out = mkdtempSync(join(tmpdir(), 'sigstamp-secrets-'));
    dirs.push(out);
    const result = await runAction(
      {
        image: `${host}/app`,
        digest,
        'registry-username': registry.username!,
        'registry-password': registry.password!,
        'github-token': GITHUB_TOKEN,
        'output-dir': out,
        ...customSigstoreInputs(sigstore),
        ...over,
      },
      { sigstore, env: { GITHUB_TOKEN, GITHUB_API_URL: gh.url } },
    );
    return { run: result, out };
  }

  async function scan(r: { run: ActionRun; out: string }, registryToo: boolean): Promise<string[]> {
    const log = shownLog(r.run.stdout);
    const places: Place[] = [
      { name: 'stdout', text: log },
      { name: 'stderr', text: r.run.stderr },
      { name: 'the job summary', text: r.run.summary },
      ...Object.entries(r.run.outputs).map(([k, v]) => ({ name: `output ${k}`, text: v })),
      ...filesUnder(r.out),
      ...(registryToo ? await registryContent(registry.host, 'app', basic) : []),
    ];
    scanned.places += places.length;
    scanned.bytes += places.reduce((n, p) => n + p.text.length, 0);
    const secrets = [
      { name: 'the registry password', forms: forms(registry.password!, registry.username) },
      { name: 'the GitHub token', forms: forms(GITHUB_TOKEN) },
      {
        name: 'the runtime token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)',
        forms: forms(sigstore.oidc.requestToken),
      },
      ...sigstore.oidc.issuedTokens.map((t, i) => ({ name: `OIDC token #${i + 1}`, forms: forms(t) })),
    ];
    return findings(places, secrets);
  }

  it('the scan itself finds a secret in each form it looks for (a check that can fail)', () => {
    const secret = registry.password!;
    for (const f of forms(secret, registry.username))
      expect(findings([{ name: 'planted', text: `log: ${f} end` }], [{ name: 'it', forms: [f] }])).toEqual([
        'it in planted',
      ]);
    const planted = `Authorization: Basic ${Buffer.from(`${registry.username}:${secret}`).toString('base64')}`;
    expect(
      findings([{ name: 'a log', text: planted }], [{ name: 'pw', forms: forms(secret, registry.username) }]),
    ).toContain('pw in a log');
    const inJson = JSON.stringify({ auth: Buffer.from(`x${secret}`).toString('base64') });
    expect(findings([{ name: 'json', text: inJson }], [{ name: 'pw', forms: forms(secret) }])).toContain(
      'pw in json',
    );
  });

  it('a full run (SBOMs, provenance, signature, both storages): 0 findings, registry content included', async () => {
    const tokensBefore = sigstore.oidc.issuedTokens.length;
    const r = await run({});
    expect(r.run.code, r.run.stderr).toBe(0);
    expect(sigstore.oidc.issuedTokens.length).toBeGreaterThan(tokensBefore); // a token was really used
    expect(gh.attestations.length).toBeGreaterThan(0); // and the GitHub token too
    expect(await scan(r, true)).toEqual([]);
    // And the runner was told to mask them, should anything print them later.
    expect(r.run.stdout).toContain(`::add-mask::${registry.password}`);
    for (const t of sigstore.oidc.issuedTokens.slice(tokensBefore))
      expect(r.run.stdout).toContain(`::add-mask::${t}`);
  });

  it('a wrong registry password: a failed run, 0 findings', async () => {
    const r = await run({ 'registry-password': `${registry.password}-wrong` });
    expect(r.run.code).not.toBe(0);
    expect(r.run.stderr + r.run.stdout).toMatch(/401|unauthori[sz]ed|credential/i);
    const wrong = forms(`${registry.password}-wrong`, registry.username);
    expect(await scan(r, false)).toEqual([]);
    expect(
      findings(
        [{ name: 'output', text: shownLog(r.run.stdout) + r.run.stderr + r.run.summary }],
        [{ name: 'the wrong password', forms: wrong }],
      ),
    ).toEqual([]);
  });

  it('Fulcio unreachable after the OIDC token was fetched: a failed run, 0 findings', async () => {
    const r = await run({ 'fulcio-url': 'http://127.0.0.1:9' });
    expect(r.run.code).not.toBe(0);
    expect(r.run.stderr + r.run.stdout).toMatch(/fulcio|127\.0\.0\.1:9/i);
    expect(await scan(r, false)).toEqual([]);
  });

  it('read-back bytes altered by the registry: a failed run after publishing, 0 findings', async () => {
    const uploaded = new Set<string>();
    proxy.setRule((req) => {
      const put = /[?&]digest=(sha256(?::|%3A)[0-9a-f]{64})/.exec(req.url)?.[1];
      if (req.method === 'PUT' && put) uploaded.add(put.replace('%3A', ':'));
      const blob = /\/blobs\/(sha256:[0-9a-f]{64})/.exec(req.url)?.[1];
      if (req.method !== 'GET' || !blob || !uploaded.has(blob)) return undefined;
      return {
        kind: 'alter',
        alter: (a) => {
          const body = Buffer.from(a.body ?? '');
          if (a.status === 200 && body.length > 2) body[1] = body[1]! ^ 1;
          return { ...a, body };
        },
      };
    });
    const r = await run({ sbom: 'none' }, proxy.host);
    expect(r.run.code).not.toBe(0);
    expect(r.run.stderr + r.run.stdout).toMatch(/did not verify/);
    expect(await scan(r, true)).toEqual([]);
  });
});
