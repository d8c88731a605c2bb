// Builders of the binary inputs the language catalogers read: zip archives (jar, war) and Go build
// info blobs. Shared by test/unit/sbom-lang-catalogers.test.ts and the fuzz seeds (test/fuzz).
import { crc32, deflateRawSync } from 'node:zlib';
import { GO_BUILDINFO_MAGIC } from '../../src/sbom/catalogers/go-buildinfo.js';

/** A minimal zip writer (stored or deflated entries), optionally with bytes before the payload. */
export function makeZip(
  files: [string, string | Buffer][],
  opts: { prefix?: Buffer; store?: boolean } = {},
): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let off = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const method = opts.store || name.endsWith('/') ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc32(data), 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc32(data), 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(off, 42);
    locals.push(lh, n, body);
    central.push(ch, n);
    off += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(off, 16);
  return Buffer.concat([opts.prefix ?? Buffer.alloc(0), ...locals, cd, eocd]);
}

/** A synthetic inline-format build-info blob, as cmd/link writes it. */
export function goBuildInfoBlob(version: string, modinfo: string): Buffer {
  const uv = (n: number) => {
    const out: number[] = [];
    for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
    out.push(n);
    return Buffer.from(out);
  };
  // modinfo framed by 16-byte sentinels (cmd/go modload infoStart/infoEnd); it ends with a newline.
  const framed = Buffer.concat([Buffer.alloc(16, 0x30), Buffer.from(modinfo), Buffer.alloc(16, 0x31)]);
  const header = Buffer.alloc(32);
  GO_BUILDINFO_MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  return Buffer.concat([header, uv(version.length), Buffer.from(version), uv(framed.length), framed]);
}
