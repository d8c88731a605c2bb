import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag, legacyTagUpdate, SIMPLE_SIGNING_MEDIA_TYPE } from '../../src/attach/cosign-legacy.js';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { SHARED_TAG_TIMING, updateSharedTag, type SharedTagUpdate } from '../../src/oci/shared-tag.js';
import type { Descriptor, ImageManifest } from '../../src/oci/types.js';
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { toolGate } from '../support/tools.js';

// The write phase of the shared-tag protocol from far away: a writer whose every round trip is 300 ms
// longer (a loopback delaying proxy in front of distribution 2.8). A merge of a .sig tag uploads its
// config blob (three round trips) after the read, so read-to-PUT is about 1.2 s there; with a bound
// shorter than that, only PUTting the merged bytes on the next read that finds the tag unchanged
// keeps every write within the bound.

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))('the shared-tag write phase', () => {
  let registry: TestRegistry;
  let proxy: DelayProxy;
  let digest: string;
  beforeAll(async () => {
    registry = await startDistribution();
    proxy = await startDelayProxy(registry.host, 150);
    digest = await pushImage(await buildImage([{ '/w': 'far writer\n' }]), `${registry.host}/far/app:1`);
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('PUTs within the read-to-write bound even when a merge alone takes longer than the bound', async () => {
    const client = new RegistryClient();
    const repo = client.repository(parseReference(`${proxy.host}/far/app`));
    const tag = legacyTag(digest, 'sig');
    const payload = Buffer.from(JSON.stringify({ far: true }));
    const ours: Descriptor = {
      ...(await repo.pushBlob(payload, SIMPLE_SIGNING_MEDIA_TYPE)),
      annotations: { 'dev.cosignproject.cosign/signature': 'c2ln' },
    };
    const update = legacyTagUpdate(repo, tag, { ours: [ours] });
    let merges = 0;
    let slowestMerge = 0;
    const counted: SharedTagUpdate<ImageManifest | undefined> = {
      ...update,
      parse: (f) => update.parse(f),
      holds: (c) => update.holds(c),
      async merge(current, attempt) {
        merges++;
        const started = Date.now();
        try {
          return await update.merge.call(update, current, attempt);
        } finally {
          slowestMerge = Math.max(slowestMerge, Date.now() - started);
        }
      },
    };
    const bound = 700;
    const result = await updateSharedTag(repo, tag, counted, {
      ...SHARED_TAG_TIMING,
      readToWriteMs: bound,
      settleMs: 1_000,
    });
    await client.close();
    expect(slowestMerge, 'the merge (config upload through the proxy) outlasts the bound').toBeGreaterThan(
      bound,
    );
    expect(result).toEqual({ writes: 1, repairs: 0 });
    // Merged once; the next read found the tag unchanged and the prepared bytes went out at once.
    expect(merges).toBe(1);
    const direct = new RegistryClient();
    const written = (await direct.repository(parseReference(`${registry.host}/far/app`)).getManifest(tag))
      .manifest as ImageManifest;
    await direct.close();
    expect(written.layers.map((l) => l.digest)).toEqual([ours.digest]);
  }, 60_000);
});
