import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { RegistryClient, type Repository } from '../../src/oci/client.js';
import { digestTag } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { SHARED_TAG_TIMING } from '../../src/oci/shared-tag.js';
import type { ImageIndex, ImageManifest } from '../../src/oci/types.js';
import { customSigstoreInputs, runAction, runPost, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

// The Action's post step (runs.post): the shared tags' settle-and-re-check the main step handed over
// through the step state. Main, then post, as the runner runs them; real registry (distribution, no
// referrers API: .sig, .att and the fallback tag are all shared), loopback Sigstore.

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))('the post step', () => {
  let registry: TestRegistry;
  let sigstore: LoopbackSigstore;
  let client: RegistryClient;
  let repo: Repository;
  let n = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    [registry, sigstore] = await Promise.all([startDistribution(), startSigstore()]);
    client = new RegistryClient();
    repo = client.repository(parseReference(`${registry.host}/acme/app`));
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all([registry?.stop(), sigstore?.stop()]);
  });

  async function freshImage(): Promise<string> {
    n++;
    return pushImage(
      await buildImage([{ '/etc/app.conf': `post ${n} ${Date.now()}\n` }]),
      `${registry.host}/acme/app:p${n}`,
    );
  }
  const keep = (r: ActionRun) => (logs.push(r.stdout, r.stderr), r);
  const main = async (digest: string) => {
    const run = keep(
      await runAction(
        { image: `${registry.host}/acme/app`, digest, sbom: 'none', ...customSigstoreInputs(sigstore) },
        { sigstore },
      ),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    return run;
  };
  const layers = async (tag: string) => ((await repo.getManifest(tag)).manifest as ImageManifest).layers;

  it('with nothing to re-check says so in one line and succeeds', async () => {
    const post = keep(await runPost({ env: { PATH: process.env.PATH ?? '' }, state: {} }));
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.stdout.trim()).toBe('sigstamp post: no shared tag to re-check');
    expect(post.summary).toBe('');
  });

  it('main hands the three shared tags over and returns before the settle; post re-checks them', async () => {
    const digest = await freshImage();
    const run = await main(digest);
    const rechecks = JSON.parse(run.state.rechecks!) as { count: number };
    expect(rechecks.count).toBe(3);
    const tags = Array.from(
      { length: 3 },
      (_, i) => (JSON.parse(run.state[`recheck-${i}`]!) as { tag: string }).tag,
    );
    expect(tags.sort()).toEqual(
      [digestTag(digest), legacyTag(digest, 'att'), legacyTag(digest, 'sig')].sort(),
    );
    for (const [k, v] of Object.entries(run.state)) {
      // No secret in the state: no token, no password, no input value beyond names.
      expect(v, k).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.|password|ACTIONS_ID_TOKEN/i);
    }
    expect(run.stdout).toContain("are re-checked by this action's post step at the end of the job");
    const post = keep(await runPost(run));
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.summary.trim()).toBe(
      'sigstamp: re-checked 3 shared tag(s) after the settle delay: every entry of this run is present.',
    );
    expect(post.summary.trim().split('\n')).toHaveLength(1);
    // Started at once after main, post waited for (nearly) the whole settle delay, not less.
    expect(post.ms).toBeGreaterThan(SHARED_TAG_TIMING.settleMs - 1_000);
    console.log(`main ${run.ms} ms, post right after it ${post.ms} ms`);
  }, 120_000);

  it('waits only for what remains of the delay: none when the job ran on for longer', async () => {
    const digest = await freshImage();
    const run = await main(digest);
    await sleep(SHARED_TAG_TIMING.settleMs); // the job's other steps
    const post = keep(await runPost(run));
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).toMatch(/re-checked after 0 ms more of settle delay; every entry present/);
    // Process start, three reads and the jitter (at most 0.5 s): far less than a settle.
    expect(post.ms).toBeLessThan(SHARED_TAG_TIMING.settleMs / 2);
  }, 120_000);

  it('restores an entry another writer removed, and says so', async () => {
    const digest = await freshImage();
    const run = await main(digest);
    // Another writer's stale write: the .sig tag and the fallback index without this run's entries.
    const sig = legacyTag(digest, 'sig');
    const signed = (await repo.getManifest(sig)).manifest as ImageManifest;
    expect(signed.layers).toHaveLength(1);
    const stale: ImageManifest = { ...signed, layers: [] };
    await repo.putManifest(sig, Buffer.from(JSON.stringify(stale)), MediaType.ImageManifest);
    const ours = (await listReferrers(repo, digest)).referrers;
    expect(ours).toHaveLength(2);
    const emptyIndex: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
    await repo.putManifest(digestTag(digest), Buffer.from(JSON.stringify(emptyIndex)), MediaType.ImageIndex);
    expect(await layers(sig)).toHaveLength(0);

    const post = keep(await runPost(run));
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.summary).toContain('restored entries a concurrent writer had removed in');
    expect(post.summary).toContain(`\`${registry.host}/acme/app:${sig}\``);
    expect(post.summary).toContain(`\`${registry.host}/acme/app:${digestTag(digest)}\``);
    expect(post.summary).not.toContain(legacyTag(digest, 'att') + '`');
    expect(post.stdout).toMatch(/restored entries a concurrent writer had removed \(1 repair\(s\)\)/);
    expect((await layers(sig)).map((l) => l.digest)).toEqual(signed.layers.map((l) => l.digest));
    expect((await listReferrers(repo, digest)).referrers.map((d) => d.digest).sort()).toEqual(
      ours.map((d) => d.digest).sort(),
    );
  }, 120_000);

  it('fails the job naming registry, repository and tag when an entry cannot be restored', async () => {
    const digest = await freshImage();
    const run = await main(digest);
    // The .att tag replaced by something that is not cosign's signature image: never overwritten.
    const att = legacyTag(digest, 'att');
    const foreign: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
    await repo.putManifest(att, Buffer.from(JSON.stringify(foreign)), MediaType.ImageIndex);
    const post = keep(await runPost(run));
    expect(post.code).toBe(1);
    const where = `${registry.host}/acme/app:${att}`;
    expect(post.stdout).toContain(
      `::error::sigstamp post step: this run's signature or attestation entries are missing from shared tags and could not be restored:`,
    );
    expect(post.stdout).toContain(`  - ${where}: ${where} holds a ${MediaType.ImageIndex} manifest`);
    expect(post.summary).toContain(
      `sigstamp: could not restore this run's entries in 1 shared tag(s): ${where}`,
    );
    expect(post.summary.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('after a main step that failed before any shared-tag write, is a no-op', async () => {
    const digest = await freshImage();
    // No OIDC token service: the run fails before anything is written.
    const run = keep(
      await runAction(
        { image: `${registry.host}/acme/app`, digest, sbom: 'none', ...customSigstoreInputs(sigstore) },
        { sigstore, idToken: false },
      ),
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.state.rechecks!)).toEqual({ v: 1, count: 0 });
    const post = keep(await runPost(run));
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.stdout.trim()).toBe('sigstamp post: no shared tag to re-check');
  }, 120_000);
});
