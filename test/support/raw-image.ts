// Images pushed byte for byte by the test, through sigstamp's own registry client (no skopeo, no
// umoci): for layers no image tool writes (decompression bombs, truncated archives) and for the
// fault campaign's hundreds of small distinct images.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { RegistryClient } from '../../src/oci/client.js';
import { digestOf } from '../../src/oci/digest.js';
import { parseReference } from '../../src/oci/reference.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

/** Pushes an image whose one layer is `layer` (gzip) with a minimal config as `repo:tag`; its digest. */
export async function pushRawImage(
  client: RegistryClient,
  host: string,
  repo: string,
  tag: string,
  layer: Buffer,
  diffId: string,
): Promise<string> {
  const r = client.repository(parseReference(`${host}/${repo}`));
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] } }),
  );
  const cfg = await r.pushBlob(config, 'application/vnd.oci.image.config.v1+json');
  const lyr = await r.pushBlob(layer, GZIP_LAYER);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: cfg, layers: [lyr] }),
  );
  await r.putManifest(tag, manifest, OCI_MANIFEST);
  return digestOf(manifest);
}

/** A ustar header for a regular file (GNU base-256 for sizes of 8 GiB and more). */
export function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  if (size < 8 ** 11) h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  else {
    h[124] = 0x80; // base-256: the size big-endian in the remaining 11 bytes
    let v = BigInt(size);
    for (let i = 135; i > 124; i--, v >>= 8n) h[i] = Number(v & 0xffn);
  }
  h.write('00000000000\0', 136);
  h[156] = 0x30;
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** A one-file tar layer, gzipped, and its diff ID. */
export function oneFileLayer(name: string, content: Buffer): { gz: Buffer; diffId: string } {
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  const tar = Buffer.concat([tarHeader(name, content.length), content, pad, Buffer.alloc(1024)]);
  return { gz: zlib.gzipSync(tar), diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}` };
}
