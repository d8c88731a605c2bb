// One measured run for bench/sbom.ts, in its own process so its peak RSS is its own.
//   sbom-child.ts sbom  HOST REPO DIGEST   -> generateSboms over the image; prints JSON stats
//   sbom-child.ts floor HOST REPO DIGEST   -> download + gunzip every layer to nowhere (the floor)
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { RegistryClient } from '../src/oci/client.js';
import { parseReference } from '../src/oci/reference.js';
import type { ImageManifest } from '../src/oci/types.js';
import { languageCatalogers } from '../src/sbom/catalogers/index-lang.js';
import { osCatalogers } from '../src/sbom/catalogers/index-os.js';
import { generateSboms } from '../src/sbom/index.js';

async function main(): Promise<void> {
  const [mode, host, repoName, digest] = process.argv.slice(2);
  if (!mode || !host || !repoName || !digest)
    throw new Error('usage: sbom-child.ts sbom|floor HOST REPO DIGEST');
  const started = performance.now();
  const client = new RegistryClient();
  try {
    const repo = client.repository(parseReference(`${host}/${repoName}`));
    const fetched = await repo.getManifest(digest);
    const manifest = fetched.manifest as ImageManifest;
    if (mode === 'sbom') {
      const out = await generateSboms(
        repo,
        { descriptor: fetched.descriptor, manifest },
        { name: `${host}/${repoName}`, registry: host, repository: repoName, digest },
        [...osCatalogers(), ...languageCatalogers()],
        { toolVersion: 'bench' },
      );
      // Serialise both documents, as the action does before attesting them.
      const docBytes = JSON.stringify(out.spdx).length + JSON.stringify(out.cyclonedx).length;
      const result = {
        packages: out.packages.length,
        layerBytes: out.stats.bytes,
        docBytes,
        selfMaxRssKb: process.resourceUsage().maxRSS,
      };
      process.stdout.write(`${JSON.stringify({ ...result, ms: performance.now() - started })}\n`);
    } else if (mode === 'floor') {
      let compressed = 0;
      let decompressed = 0;
      for (const layer of manifest.layers) {
        const res = await fetch(`http://${host}/v2/${repoName}/blobs/${layer.digest}`);
        if (!res.ok || !res.body) throw new Error(`GET blob ${layer.digest}: ${res.status}`);
        const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
        body.on('data', (c: Buffer) => (compressed += c.length));
        const sink = new Writable({
          write(chunk: Buffer, _enc, cb) {
            decompressed += chunk.length;
            cb();
          },
        });
        await pipeline(body, createGunzip(), sink);
      }
      process.stdout.write(
        `${JSON.stringify({ layerBytes: compressed, decompressed, selfMaxRssKb: process.resourceUsage().maxRSS, ms: performance.now() - started })}\n`,
      );
    } else throw new Error(`unknown mode ${mode}`);
  } finally {
    await client.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
