import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag, legacyTagUpdate, SIMPLE_SIGNING_MEDIA_TYPE } from '../../src/attach/cosign-legacy.js';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import {
  SHARED_TAG_TIMING,
  updateSharedTag,
  type SharedTagTiming,
  type SharedTagUpdate,
} from '../../src/oci/shared-tag.js';
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
  // A slow writer S reads the .sig tag; a fast writer F writes its entry right after S's read landed,
  // settles and re-checks; S's merge and PUT, slow, land after that re-check, based on a read without
  // F's entry. With the bounds each writer used to calibrate from its own round trip (F near the
  // registry: 1 s + 2 s; S: generous multiples of its own), F's settle ends before S's window and
  // F's entry is lost although both writers followed their protocol. With the shared constants, S
  // may not PUT bytes merged from a read older than 2 s: it reads again, sees F's entry, keeps it.
  const race = async (timings: { fast: SharedTagTiming; slow: SharedTagTiming }, n: number) => {
    const image = await pushImage(
      await buildImage([{ '/race': `slow and fast ${n}\n` }]),
      `${registry.host}/far/app:r${n}`,
    );
    const tag = legacyTag(image, 'sig');
    // 700 ms each way: 1.4 s round trips.
    const farther = await startDelayProxy(registry.host, 700);
    const clients = [new RegistryClient(), new RegistryClient()];
    const near = clients[0]!.repository(parseReference(`${registry.host}/far/app`));
    const far = clients[1]!.repository(parseReference(`${farther.host}/far/app`));
    const layer = async (repo: typeof near, who: string): Promise<Descriptor> => ({
      ...(await repo.pushBlob(Buffer.from(JSON.stringify({ who, n })), SIMPLE_SIGNING_MEDIA_TYPE)),
      annotations: { 'dev.cosignproject.cosign/signature': Buffer.from(who).toString('base64') },
    });
    const [fastLayer, slowLayer] = await Promise.all([layer(near, 'fast'), layer(far, 'slow')]);
    let fast: Promise<unknown> | undefined;
    const slowUpdate = legacyTagUpdate(far, tag, { ours: [slowLayer] });
    const slow = updateSharedTag(
      far,
      tag,
      {
        ...slowUpdate,
        parse(fetched) {
          // S's read has been answered: F starts now, so its write lands after S's read.
          fast ??= updateSharedTag(
            near,
            tag,
            legacyTagUpdate(near, tag, { ours: [fastLayer] }),
            timings.fast,
          );
          return slowUpdate.parse(fetched);
        },
        holds: (c) => slowUpdate.holds(c),
        async merge(current, attempt) {
          const merged = await slowUpdate.merge.call(slowUpdate, current, attempt);
          await sleep(1_500); // a busy machine far away: the PUT goes out late
          return merged;
        },
      },
      timings.slow,
    );
    await Promise.all([
      slow,
      (async () => {
        while (!fast) await sleep(20);
        await fast;
      })(),
    ]);
    const layers = ((await near.getManifest(tag)).manifest as ImageManifest).layers.map((l) => l.digest);
    await Promise.all(clients.map((c) => c.close()));
    await farther.stop();
    return { layers, fast: fastLayer.digest, slow: slowLayer.digest };
  };

  it("per-writer bounds lose a fast writer's entry to a slow writer; the shared constants keep both", async () => {
    // What calibration gave: F on loopback got the floors; S (1.4 s round trips) 5 and 10 of them.
    const calibrated = {
      fast: { ...SHARED_TAG_TIMING, readToWriteMs: 1_000, writeTimeoutMs: 2_000, settleMs: 3_000 },
      slow: { ...SHARED_TAG_TIMING, readToWriteMs: 8_000, writeTimeoutMs: 14_000, settleMs: 1_000 },
    };
    const before = await race(calibrated, 1);
    expect(before.layers, 'S landed, F lost').toEqual([before.slow]);
    const shared = await race({ fast: SHARED_TAG_TIMING, slow: SHARED_TAG_TIMING }, 2);
    expect([...shared.layers].sort()).toEqual([shared.fast, shared.slow].sort());
  }, 120_000);
});
