import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient, type Repository } from '../../src/oci/client.js';
import { digestTag, sha256 } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers, pushReferrer, readFallbackIndex } from '../../src/oci/referrers.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { toolGate, toolPath } from '../support/tools.js';

const exec = promisify(execFile);

// The registry client against both kinds of real registry: docker-registry (distribution 2.8, no
// referrers API, so the fallback tag) and olareg (referrers API with OCI-Subject).
const kinds = [
  {
    kind: 'distribution',
    start: () => startDistribution(),
    tools: ['docker-registry', 'skopeo', 'umoci', 'oras'],
  },
  { kind: 'olareg', start: () => startOlareg(), tools: ['olareg', 'skopeo', 'umoci', 'oras'] },
] as const;

for (const { kind, start, tools } of kinds) {
  describe.skipIf(!toolGate(...tools))(`registry client against ${kind}`, () => {
    let registry: TestRegistry;
    let client: RegistryClient;
    let repo: Repository;
    let digest: string;

    beforeAll(async () => {
      registry = await start();
      client = new RegistryClient();
      const image = await buildImage([
        {
          '/etc/hello.txt': 'hello from sigstamp\n',
          '/bin/app': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
        },
      ]);
      digest = await pushImage(image, `${registry.host}/demo/app:1.0.0`);
      repo = client.repository(parseReference(`${registry.host}/demo/app`));
    });
    afterAll(async () => {
      await client?.close();
      await registry?.stop();
    });

    it('resolves a tag pushed by skopeo to the digest skopeo reported, and checks every fetched byte', async () => {
      const desc = await repo.resolve('1.0.0', 'push it');
      expect(desc.digest).toBe(digest);
      const fetched = await repo.getManifest(digest);
      expect(sha256(fetched.bytes)).toBe(digest);
      const manifest = fetched.manifest as ImageManifest;
      const config = await repo.fetchBlob(manifest.config, 1 << 20);
      expect(sha256(config)).toBe(manifest.config.digest);
      const layer = await repo.fetchBlob(manifest.layers[0]!, 1 << 20);
      expect(layer.length).toBe(manifest.layers[0]!.size);
    });

    it('says a missing tag does not exist, with the hint', async () => {
      await expect(repo.resolve('never-pushed', 'push it first')).rejects.toThrow(
        /demo\/app:never-pushed does not exist.*push it first/,
      );
    });

    it('uploads blobs monolithically and in chunks, and mounts across repositories', async () => {
      const small = Buffer.from('small blob ' + Date.now());
      const big = Buffer.alloc(300_000, 7);
      big.write(String(Date.now()));
      const d1 = await repo.pushBlob(small, 'application/octet-stream');
      const d2 = await repo.pushBlob(big, 'application/octet-stream', { chunkSize: 100_000 });
      expect(await repo.fetchBlob(d1, 1 << 20)).toEqual(small);
      expect(await repo.fetchBlob(d2, 1 << 20)).toEqual(big);
      const other = client.repository({ registry: repo.registry, repository: 'demo/other' });
      const mounted = await other.mountBlob(d2.digest, repo.name);
      // A registry may decline a mount; then the blob must be uploadable all the same.
      if (!mounted) await other.pushBlob(big, 'application/octet-stream');
      expect(await other.blobExists(d2.digest)).toBe(true);
    });

    it('attaches 8 referrers concurrently and lists all 8 with their artifactType and annotations', async () => {
      const subject = await repo.resolve(digest, 'push it');
      const types = Array.from({ length: 8 }, (_, i) => `application/vnd.example.note.v${i}+json`);
      const pushed = await Promise.all(
        types.map((artifactType, i) =>
          pushReferrer(repo, {
            artifactType,
            subject,
            layers: [{ mediaType: 'application/json', data: Buffer.from(JSON.stringify({ note: i })) }],
            annotations: {
              'org.opencontainers.image.created': '2026-11-23T00:00:00Z',
              'example.index': String(i),
            },
          }),
        ),
      );
      expect(new Set(pushed.map((p) => p.via))).toEqual(
        new Set([registry.referrersApi ? 'api' : 'fallback']),
      );
      const list = await listReferrers(repo, digest);
      expect(list.source).toBe(registry.referrersApi ? 'api' : 'fallback');
      expect(list.referrers).toHaveLength(8);
      for (const [i, t] of types.entries()) {
        const r = list.referrers.find((d) => d.artifactType === t);
        expect(r, t).toBeDefined();
        expect(r!.digest).toBe(pushed[i]!.descriptor.digest);
        expect(r!.annotations?.['example.index']).toBe(String(i));
      }
      const one = await listReferrers(repo, digest, types[3]);
      expect(one.referrers.map((r) => r.artifactType)).toEqual([types[3]]);
      if (!registry.referrersApi) {
        const index = await readFallbackIndex(repo, digest);
        expect(index?.mediaType).toBe(MediaType.ImageIndex);
        expect(new Set(index!.manifests.map((m) => m.digest)).size).toBe(8);
      }

      // oras, a client nobody here wrote, must see the same 8 (through the API or the fallback tag).
      const { stdout } = await exec(toolPath('oras'), [
        'discover',
        '--plain-http',
        '--format',
        'json',
        `${registry.host}/demo/app@${digest}`,
      ]);
      const discovered = JSON.parse(stdout) as {
        referrers?: { digest: string; artifactType: string }[];
        manifests?: { digest: string; artifactType: string }[];
      };
      const seen = discovered.referrers ?? discovered.manifests ?? [];
      expect(new Set(seen.map((r) => r.digest))).toEqual(new Set(pushed.map((p) => p.descriptor.digest)));
      expect(new Set(seen.map((r) => r.artifactType))).toEqual(new Set(types));
    });

    it('re-attaching the same artifact adds no duplicate', async () => {
      const subject = await repo.resolve(digest, 'push it');
      const artifact = {
        artifactType: 'application/vnd.example.once+json',
        subject,
        layers: [{ mediaType: 'application/json', data: Buffer.from('{"once":true}') }],
      };
      await pushReferrer(repo, artifact);
      await pushReferrer(repo, artifact);
      const list = await listReferrers(repo, digest, artifact.artifactType);
      expect(list.referrers).toHaveLength(1);
    });

    // Only a registry without the referrers API makes us touch the fallback tag.
    if (kind === 'distribution')
      it('leaves a fallback tag that holds something other than an index untouched', async () => {
        const image = await buildImage([{ '/x': 'other image' }]);
        const target = await pushImage(image, `${registry.host}/demo/app:victim`);
        // Someone pushed an image manifest under the fallback tag of `target`'s own digest.
        await pushImage(image, `${registry.host}/demo/app:${digestTag(target)}`);
        const before = await repo.getManifest(digestTag(target));
        const subject = await repo.resolve(target, 'push it');
        await expect(
          pushReferrer(repo, {
            artifactType: 'application/vnd.example+json',
            subject,
            layers: [{ mediaType: 'application/json', data: Buffer.from('{}') }],
          }),
        ).rejects.toThrow(
          /not the OCI image index the referrers fallback tag must be; it was left untouched/,
        );
        const after = await repo.getManifest(digestTag(target));
        expect(after.descriptor.digest).toBe(before.descriptor.digest);
      });
  });
}
