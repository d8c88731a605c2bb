import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { RegistryClient, type Repository } from '../../src/oci/client.js';
import { digestTag } from '../../src/oci/digest.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { customSigstoreArgs, customSigstoreInputs, runAction, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

// The signing pipeline's behaviour around the happy path: re-runs, refusals, failures of Fulcio and
// Rekor, bad input. Real registry, loopback Sigstore; verifier conformance is in test/conformance.

const outputs: string[] = [];
function remember(run: ActionRun): ActionRun {
  outputs.push(run.stdout, run.stderr);
  return run;
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))('signing pipeline behaviour', () => {
  let registry: TestRegistry;
  let sigstore: LoopbackSigstore;
  let client: RegistryClient;
  let repo: Repository;
  let n = 0;

  beforeAll(async () => {
    [registry, sigstore] = await Promise.all([startDistribution(), startSigstore()]);
    client = new RegistryClient();
    repo = client.repository(parseReference(`${registry.host}/acme/app`));
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all([registry?.stop(), sigstore?.stop()]);
  });
  beforeEach(() => sigstore.oidc.setClaims({}));

  /** A fresh image per test, so each test sees only its own signatures. */
  async function freshImage(): Promise<string> {
    n++;
    return pushImage(
      await buildImage([{ '/etc/app.conf': `image ${n} ${Date.now()}\n` }]),
      `${registry.host}/acme/app:t${n}`,
    );
  }

  async function nothingWritten(digest: string): Promise<void> {
    expect(await repo.headManifest(legacyTag(digest, 'sig'))).toBeUndefined();
    expect(await repo.headManifest(legacyTag(digest, 'att'))).toBeUndefined();
    expect(await repo.headManifest(digestTag(digest))).toBeUndefined();
  }

  const sign = (
    digest: string,
    extra: Record<string, string> = {},
    opts: Parameters<typeof runAction>[1] = {},
  ) =>
    runAction(
      { image: `${registry.host}/acme/app`, digest, ...customSigstoreInputs(sigstore), ...extra },
      { sigstore, ...opts },
    ).then(remember);

  it('a second attempt of the same run replaces its first attempt; another run adds its own', async () => {
    const digest = await freshImage();
    sigstore.oidc.setClaims({ run_id: '500', run_attempt: '1' });
    expect((await sign(digest)).code).toBe(0);
    sigstore.oidc.setClaims({ run_id: '500', run_attempt: '2' });
    const second = await sign(digest);
    expect(second.code, second.stderr).toBe(0);
    const count = async () => ({
      sig: ((await repo.getManifest(legacyTag(digest, 'sig'))).manifest as ImageManifest).layers.length,
      att: ((await repo.getManifest(legacyTag(digest, 'att'))).manifest as ImageManifest).layers.length,
      referrers: (await listReferrers(repo, digest)).referrers.length,
    });
    // Per run: one signature; provenance, SPDX and CycloneDX attestations; 4 bundle referrers.
    expect(await count()).toEqual({ sig: 1, att: 3, referrers: 4 });
    sigstore.oidc.setClaims({ run_id: '501', run_attempt: '1' });
    expect((await sign(digest)).code).toBe(0);
    expect(await count()).toEqual({ sig: 2, att: 6, referrers: 8 });
  });

  it('refuses public-good signing for a private repository, before anything is sent to Fulcio or written', async () => {
    const digest = await freshImage();
    sigstore.oidc.setClaims({ repository_visibility: 'private' });
    const before = sigstore.fulcio.requests;
    const run = await runAction(
      { image: `${registry.host}/acme/app`, digest, sigstore: 'public-good' },
      { sigstore },
    ).then(remember);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /repository .* is private, and the public Rekor log is world-readable.*sigstore: github.*sigstore: custom.*allow-public-transparency-log: true/,
    );
    expect(sigstore.fulcio.requests).toBe(before);
    await nothingWritten(digest);
  });

  it("with the default sigstore (auto), signs a private repository only with GitHub's instance: a token not issued by GitHub Actions is refused before Fulcio or the registry sees anything", async () => {
    const digest = await freshImage();
    sigstore.oidc.setClaims({ repository_visibility: 'private' });
    const before = sigstore.fulcio.requests;
    const run = await runAction({ image: `${registry.host}/acme/app`, digest }, { sigstore }).then(remember);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /sigstore: github: the identity token was issued by "http:\/\/127\.0\.0\.1:\d+", not by GitHub Actions \(https:\/\/token\.actions\.githubusercontent\.com\)/,
    );
    expect(sigstore.fulcio.requests).toBe(before);
    await nothingWritten(digest);
  });

  it('says to add id-token: write when the job has no OIDC token', async () => {
    const digest = await freshImage();
    const run = await sign(digest, {}, { idToken: false });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/add `permissions: id-token: write`/);
    await nothingWritten(digest);
  });

  it('retries a Fulcio that answers 503, and fails clearly, writing nothing, when it keeps failing', async () => {
    const before = sigstore.fulcio.requests;
    sigstore.fulcio.failNext(2, 503);
    expect((await sign(await freshImage())).code).toBe(0);
    expect(sigstore.fulcio.requests - before).toBe(3);
    const digest = await freshImage();
    sigstore.fulcio.failNext(100, 503);
    const run = await sign(digest);
    sigstore.fulcio.failNext(0, 503);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /Fulcio http:\/\/127\.0\.0\.1:\d+\/api\/v2\/signingCert answered HTTP 503.*retry the job later/,
    );
    await nothingWritten(digest);
  });

  it('fails clearly, writing nothing, when Rekor keeps failing', async () => {
    const digest = await freshImage();
    sigstore.rekor.failNext(100, 500);
    const run = await sign(digest);
    sigstore.rekor.failNext(0, 500);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /Rekor http:\/\/127\.0\.0\.1:\d+ did not log the signature \(.*500.*\); nothing was published — retry the job later/,
    );
    await nothingWritten(digest);
  });

  it('refuses an expired token (CLI --identity-token) before asking Fulcio', async () => {
    const digest = await freshImage();
    const token = await sigstore.oidc.mint(
      {},
      { issuedAt: Math.floor(Date.now() / 1000) - 3600, expiresInSeconds: 300 },
    );
    const before = sigstore.fulcio.requests;
    const result = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          'dist/cli/index.js',
          'run',
          '--image',
          `${registry.host}/acme/app@${digest}`,
          ...customSigstoreArgs(sigstore),
        ],
        { env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), SIGSTAMP_IDENTITY_TOKEN: token } },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    outputs.push(result.stdout, result.stderr);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the identity token expired at .*request a fresh one/);
    expect(sigstore.fulcio.requests).toBe(before);
    expect(result.stderr + result.stdout).not.toContain(token);
    await nothingWritten(digest);
  });

  it('refuses sigstore: github with rekor-url (the Action), and outside GitHub Actions without a token source (the CLI), before anything is sent or written', async () => {
    const digest = await freshImage();
    const before = { fulcio: sigstore.fulcio.requests, tokens: sigstore.oidc.tokenRequests };
    const withRekor = await runAction(
      { image: `${registry.host}/acme/app`, digest, sigstore: 'github', 'rekor-url': sigstore.rekorUrl },
      { sigstore },
    ).then(remember);
    expect(withRekor.code).not.toBe(0);
    expect(withRekor.stdout).toMatch(
      /input rekor-url given with sigstore: github: GitHub's Sigstore instance has no transparency log/,
    );
    const cli = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          'dist/cli/index.js',
          'run',
          '--image',
          `${registry.host}/acme/app@${digest}`,
          '--sigstore',
          'github',
        ],
        { env: { PATH: process.env.PATH ?? '', HOME: tmpdir() } },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    outputs.push(cli.stdout, cli.stderr);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/sigstore: github outside GitHub Actions needs a GitHub Actions OIDC token/);
    expect({ fulcio: sigstore.fulcio.requests, tokens: sigstore.oidc.tokenRequests }).toEqual(before);
    await nothingWritten(digest);
  });

  it('refuses a predicate file that is not JSON, and an unknown input value, before any write', async () => {
    const digest = await freshImage();
    const dir = await mkdtemp(join(tmpdir(), 'sigstamp-bad-'));
    await writeFile(join(dir, 'bad.json'), '{ not json');
    const bad = await sign(digest, { predicates: `https://example.com/p/v1=${join(dir, 'bad.json')}` });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(
      /input predicates: .*bad\.json \(for https:\/\/example\.com\/p\/v1\) is not JSON/,
    );
    const unknown = await sign(digest, { storage: 'everywhere' });
    expect(unknown.stdout).toMatch(/input storage: "everywhere" is not one of both, referrers, legacy/);
    await nothingWritten(digest);
  });

  it('never prints an identity token (the runner hides only ::add-mask:: commands)', () => {
    const lines = outputs
      .join('\n')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'));
    expect(lines.join('\n')).not.toMatch(/eyJ[\w-]{20,}\.eyJ[\w-]{20,}/);
  });
});
