// The floor of any SBOM tool that reads an image from its registry: download every layer of the
// manifest and decompress it, discarding the bytes (no digest check, no tar parsing, no cataloging).
// Plain JavaScript on node:http and zlib, so no transpiler start-up is measured.
//   node bench/floor.mjs HOST REPO DIGEST   -> {"layerBytes":…,"decompressed":…,"ms":…}
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

const [host, repo, digest] = process.argv.slice(2);
const started = performance.now();

function get(path, accept) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: host.split(':')[0], port: host.split(':')[1], path, headers: { accept } }, (res) => {
        if (res.statusCode === 307 || res.statusCode === 302) {
          res.resume();
          resolve(get(new globalThis.URL(res.headers.location, `http://${host}`).pathname, accept));
        } else if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}`));
        else resolve(res);
      })
      .on('error', reject);
  });
}

const manifestRes = await get(
  `/v2/${repo}/manifests/${digest}`,
  'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
);
let text = '';
for await (const c of manifestRes) text += c;
let layerBytes = 0;
let decompressed = 0;
for (const layer of JSON.parse(text).layers) {
  const res = await get(`/v2/${repo}/blobs/${layer.digest}`, '*/*');
  // The output chunk size sigstamp uses (src/sbom/layer-stream.ts): the floor gets the same help.
  const gunzip = zlib.createGunzip({ chunkSize: 1024 * 1024 });
  res.on('data', (c) => (layerBytes += c.length));
  res.pipe(gunzip);
  for await (const c of gunzip) decompressed += c.length;
}
process.stdout.write(`${JSON.stringify({ layerBytes, decompressed, ms: performance.now() - started })}\n`);
