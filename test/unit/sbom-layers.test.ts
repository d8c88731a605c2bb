// The layer squasher against tar streams built here with tar-stream's packer: compression detection,
// OCI whiteouts, links, path traversal, size caps, and a 2 GiB entry streamed with bounded memory.
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import tar, { type Header } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../src/oci/client.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { squash, squashStreams, type LayerStream, type SquashOptions } from '../../src/sbom/layers.js';
import type { FileSelection, ImageFile } from '../../src/sbom/model.js';

const TAR = 'application/vnd.oci.image.layer.v1.tar';
const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';

interface Spec {
  name: string;
  type?: Header['type'];
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** A tar archive built with tar-stream's packer (which writes PAX headers for names that need them). */
async function tarOf(entries: Spec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    const body = Buffer.from(e.content ?? '');
    const type = e.type ?? 'file';
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        {
          name: e.name,
          type,
          linkname: e.linkname,
          mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
          size: type === 'file' ? body.length : 0,
        },
        type === 'file' ? body : Buffer.alloc(0),
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

function compress(buf: Buffer, mediaType: string): Buffer {
  if (mediaType === GZIP) return zlib.gzipSync(buf);
  if (mediaType === ZSTD) return zlib.zstdCompressSync(buf);
  return buf;
}

async function* layersOf(
  ...layers: { tar: Buffer; mediaType?: string; digest?: string }[]
): AsyncGenerator<LayerStream> {
  let i = 0;
  for (const l of layers) {
    const mediaType = l.mediaType ?? TAR;
    yield {
      digest: l.digest ?? `sha256:layer${i++}`,
      mediaType,
      stream: Readable.from([compress(l.tar, mediaType)]),
    };
  }
}

function wanting(...paths: string[]): FileSelection {
  return { wants: (p) => paths.includes(p) };
}

const text = (f: ImageFile | undefined) => f?.content?.toString('utf8');
const byPath = (files: ImageFile[], p: string) => files.find((f) => f.path === p);

async function run(selection: FileSelection, layers: AsyncIterable<LayerStream>, opts?: SquashOptions) {
  const r = await squashStreams(layers, selection, opts);
  return r;
}

/** A minimal Go 1.18+ build-info blob (cmd/link's layout: magic, ptr size, flags=inline, 16 zero bytes, strings). */
function goBlob(): Buffer {
  const varstr = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]);
  const mod = 'path\texample.com/app\nmod\texample.com/app\t(devel)\t\n';
  return Buffer.concat([
    Buffer.from('\xff Go buildinf:', 'latin1'),
    Buffer.from([8, 2]),
    Buffer.alloc(16),
    varstr('go1.22.0'),
    varstr(mod),
  ]);
}

describe('squashStreams: compression and basic selection', () => {
  for (const mediaType of [TAR, GZIP, ZSTD]) {
    it(`reads ${mediaType} and keeps only the wanted files`, async () => {
      const t = await tarOf([
        { name: './etc/', type: 'directory' },
        { name: './etc/os-release', content: 'ID=debian\n' },
        { name: './etc/hostname', content: 'x' },
      ]);
      const r = await run(wanting('/etc/os-release'), layersOf({ tar: t, mediaType }));
      expect(r.files.map((f) => f.path)).toEqual(['/etc/os-release']);
      expect(text(r.files[0])).toBe('ID=debian\n');
      expect(r.bytes).toBe(compress(t, mediaType).length);
      expect(r.warnings).toEqual([]);
    });
  }

  it('detects compression from the bytes, not the media type (a +gzip type on a plain tar)', async () => {
    const t = await tarOf([{ name: 'a.txt', content: 'A' }]);
    const r = await run(
      wanting('/a.txt'),
      (async function* () {
        yield { digest: 'sha256:x', mediaType: GZIP, stream: Readable.from([t]) };
      })(),
    );
    expect(text(byPath(r.files, '/a.txt'))).toBe('A');
  });
});

describe('squashStreams: OCI layer semantics', () => {
  it('a later layer rewrites a file', async () => {
    const l1 = await tarOf([{ name: 'etc/conf', content: 'v1' }]);
    const l2 = await tarOf([{ name: 'etc/conf', content: 'v2' }]);
    const r = await run(wanting('/etc/conf'), layersOf({ tar: l1 }, { tar: l2, mediaType: GZIP }));
    expect(text(byPath(r.files, '/etc/conf'))).toBe('v2');
  });

  it('.wh.<name> deletes that path and everything below it from earlier layers', async () => {
    const l1 = await tarOf([
      { name: 'a/b/c.txt', content: 'c' },
      { name: 'a/b/d/e.txt', content: 'e' },
      { name: 'a/keep.txt', content: 'k' },
      { name: 'f.txt', content: 'f' },
    ]);
    const l2 = await tarOf([{ name: 'a/.wh.b' }, { name: '.wh.f.txt' }]);
    const r = await run({ wants: () => true }, layersOf({ tar: l1 }, { tar: l2 }));
    expect(r.files.map((f) => f.path)).toEqual(['/a/keep.txt']);
  });

  it('a whiteout does not delete what its own layer writes', async () => {
    const l1 = await tarOf([{ name: 'x/old.txt', content: 'old' }]);
    const l2 = await tarOf([{ name: 'x/new.txt', content: 'new' }, { name: '.wh.x' }]);
    const r = await run({ wants: () => true }, layersOf({ tar: l1 }, { tar: l2 }));
    expect(r.files.map((f) => f.path)).toEqual(['/x/new.txt']);
  });

  for (const markerFirst of [true, false]) {
    it(`.wh..wh..opq drops what earlier layers put below the directory (marker ${markerFirst ? 'before' : 'after'} siblings)`, async () => {
      const l1 = await tarOf([
        { name: 'opq/x.txt', content: 'x' },
        { name: 'opq/sub/y.txt', content: 'y' },
        { name: 'other/z.txt', content: 'z' },
      ]);
      const marker = { name: 'opq/.wh..wh..opq' };
      const fresh = { name: 'opq/new.txt', content: 'n' };
      const l2 = await tarOf(markerFirst ? [marker, fresh] : [fresh, marker]);
      const r = await run({ wants: () => true }, layersOf({ tar: l1 }, { tar: l2 }));
      expect(r.files.map((f) => f.path)).toEqual(['/opq/new.txt', '/other/z.txt']);
    });
  }

  it('ignores an entry whose ../ escapes the root, with a warning', async () => {
    const t = await tarOf([
      { name: '../../etc/passwd', content: 'evil' },
      { name: 'a/../../etc/shadow', content: 'evil' },
      { name: 'ok/../etc/passwd', content: 'fine' },
    ]);
    const r = await run(wanting('/etc/passwd', '/etc/shadow'), layersOf({ tar: t }));
    expect(r.files.map((f) => [f.path, text(f)])).toEqual([['/etc/passwd', 'fine']]);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/layer sha256:layer0: entry "..\/..\/etc\/passwd" escapes the root/);
  });

  it('resolves a wanted symlink to its target file, even when the target comes later and is not wanted', async () => {
    const t = await tarOf([
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'usr/lib/os-release', content: 'ID=alpine\n' },
    ]);
    const r = await run(wanting('/etc/os-release'), layersOf({ tar: t }));
    expect(r.files.map((f) => [f.path, text(f)])).toEqual([['/etc/os-release', 'ID=alpine\n']]);
  });

  it('resolves absolute targets and links through a symlinked directory', async () => {
    const l1 = await tarOf([
      { name: 'usr/lib/os-release', content: 'ID=fedora\n' },
      { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
    ]);
    const l2 = await tarOf([{ name: 'etc/os-release', type: 'symlink', linkname: '/lib/os-release' }]);
    const r = await run(
      wanting('/etc/os-release', '/usr/lib/os-release'),
      layersOf({ tar: l1 }, { tar: l2 }),
    );
    expect(text(byPath(r.files, '/etc/os-release'))).toBe('ID=fedora\n');
    expect(text(byPath(r.files, '/usr/lib/os-release'))).toBe('ID=fedora\n');
  });

  it('warns when a wanted symlink points at a file streamed past unwanted', async () => {
    const t = await tarOf([
      { name: 'usr/lib/os-release', content: 'ID=x\n' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
    ]);
    const r = await run(wanting('/etc/os-release'), layersOf({ tar: t }));
    expect(r.files).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(
      /symlink \/etc\/os-release -> ..\/usr\/lib\/os-release: target \/usr\/lib\/os-release/,
    );
  });

  it('reports a symlink loop instead of following it forever', async () => {
    const t = await tarOf([
      { name: 'a', type: 'symlink', linkname: 'b' },
      { name: 'b', type: 'symlink', linkname: '/a' },
    ]);
    const r = await run(wanting('/a'), layersOf({ tar: t }));
    expect(r.files).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/symlink \/a -> b: loop or more than 16 links/);
  });

  it('a hard link gets the content of the file it links to', async () => {
    const t = await tarOf([
      { name: 'data/one.txt', content: 'same bytes' },
      { name: 'data/two.txt', type: 'link', linkname: 'data/one.txt' },
    ]);
    const r = await run(wanting('/data/one.txt', '/data/two.txt'), layersOf({ tar: t }));
    expect(r.files.map((f) => [f.path, text(f)])).toEqual([
      ['/data/one.txt', 'same bytes'],
      ['/data/two.txt', 'same bytes'],
    ]);
  });

  it('reads PAX long names and GNU long names', async () => {
    const longDir = `opt/${'d'.repeat(120)}/${'e'.repeat(130)}`;
    const pax = await tarOf([{ name: `${longDir}/package.json`, content: '{"name":"pax"}' }]);
    const gnuName = `srv/${'g'.repeat(150)}/package.json`;
    const r = await run(
      { wants: (p) => p.endsWith('/package.json') },
      layersOf({ tar: pax }, { tar: gnuLongNameTar(gnuName, Buffer.from('{"name":"gnu"}')) }),
    );
    expect(r.files.map((f) => [f.path, text(f)])).toEqual([
      [`/${longDir}/package.json`, '{"name":"pax"}'],
      [`/${gnuName}`, '{"name":"gnu"}'],
    ]);
  });

  it('keeps Go build info of every executable, wanted or not, and spills big wanted files', async () => {
    const binary = Buffer.concat([Buffer.alloc(3000, 7), goBlob(), Buffer.alloc(5000, 9)]);
    const big = Buffer.alloc(64 * 1024, 1);
    const t = await tarOf([
      { name: 'usr/local/bin/app', content: binary, mode: 0o755 },
      { name: 'usr/local/bin/script', content: '#!/bin/sh\n', mode: 0o755 },
      { name: 'opt/app.jar', content: big },
    ]);
    const r = await run(wanting('/opt/app.jar'), layersOf({ tar: t }), { memoryCap: 1024 });
    const app = byPath(r.files, '/usr/local/bin/app');
    expect(app?.content).toBeUndefined();
    expect(app?.goBuildInfo?.subarray(0, 14).toString('latin1')).toBe('\xff Go buildinf:');
    expect(byPath(r.files, '/usr/local/bin/script')).toBeUndefined();
    const jar = byPath(r.files, '/opt/app.jar');
    expect(jar?.content).toBeUndefined();
    expect(jar?.spillPath && readFileSync(jar.spillPath).equals(big)).toBe(true);
    await r.cleanup();
    expect(existsSync(jar?.spillPath as string)).toBe(false);
  });

  it('skips a wanted file over the hard cap with a warning', async () => {
    const t = await tarOf([{ name: 'opt/huge.jar', content: Buffer.alloc(4096) }]);
    const r = await run(wanting('/opt/huge.jar'), layersOf({ tar: t }), { memoryCap: 100, spillCap: 1000 });
    expect(r.files).toEqual([]);
    expect(r.warnings).toEqual([
      'layer sha256:layer0: /opt/huge.jar is 4096 bytes, over the 1000-byte limit; skipped',
    ]);
  });
});

describe('squashStreams: broken input', () => {
  it('a truncated gzip layer fails naming the layer digest', async () => {
    const gz = zlib.gzipSync(await tarOf([{ name: 'a.txt', content: 'x'.repeat(10000) }]));
    const layers = (async function* () {
      yield {
        digest: 'sha256:truncated',
        mediaType: GZIP,
        stream: Readable.from([gz.subarray(0, gz.length - 30)]),
      };
    })();
    await expect(squashStreams(layers, wanting('/a.txt'))).rejects.toThrow(
      /^layer sha256:truncated \(application\/vnd\.oci\.image\.layer\.v1\.tar\+gzip\): unexpected end of file/,
    );
  });

  it('a layer that is not a tar fails naming the layer digest', async () => {
    const layers = (async function* () {
      yield { digest: 'sha256:garbage', mediaType: TAR, stream: Readable.from([Buffer.alloc(2048, 'junk')]) };
    })();
    await expect(squashStreams(layers, wanting('/a'))).rejects.toThrow(
      /^layer sha256:garbage .*invalid tar header checksum/,
    );
  });

  it('a blob stream that fails its digest check at the end fails the layer', async () => {
    const t = await tarOf([{ name: 'a.txt', content: 'x' }]);
    const stream = new Readable({
      read() {
        this.push(t);
        this.destroy(new Error('blob r@sha256:bad: digest mismatch'));
      },
    });
    const layers = (async function* () {
      yield { digest: 'sha256:bad', mediaType: TAR, stream };
    })();
    await expect(squashStreams(layers, wanting('/a.txt'))).rejects.toThrow(
      /^layer sha256:bad .*digest mismatch/,
    );
  });

  it('an unknown layer media type fails naming the media type, before any download', async () => {
    const manifest: ImageManifest = {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 2 },
      layers: [
        { mediaType: TAR, digest: 'sha256:l0', size: 1 },
        { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: 'sha256:l1', size: 1 },
      ],
    };
    let opened = 0;
    const repo = {
      openBlob: async () => (opened++, Readable.from([Buffer.alloc(0)])),
    } as unknown as Repository;
    await expect(squash(repo, manifest, wanting('/a'))).rejects.toThrow(
      'layer sha256:l1: unsupported layer media type application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    );
    expect(opened).toBe(0);
  });

  it('squash streams the layers from the repository in order', async () => {
    const blobs: Record<string, Buffer> = {
      'sha256:l0': zlib.gzipSync(await tarOf([{ name: 'etc/conf', content: 'v1' }])),
      'sha256:l1': await tarOf([{ name: 'etc/conf', content: 'v2' }]),
    };
    const manifest: ImageManifest = {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 2 },
      layers: [
        { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: 'sha256:l0', size: 1 },
        { mediaType: TAR, digest: 'sha256:l1', size: 1 },
      ],
    };
    const repo = {
      openBlob: async (d: { digest: string }) => Readable.from([blobs[d.digest] as Buffer]),
    } as unknown as Repository;
    const r = await squash(repo, manifest, wanting('/etc/conf'));
    expect(text(byPath(r.files, '/etc/conf'))).toBe('v2');
  });
});

describe('squashStreams: a 2 GiB entry', () => {
  it('streams through with bounded memory (executable, so the Go scanner sees every byte)', async () => {
    const size = 2 * 1024 ** 3;
    const pack = tar.pack();
    const zero = Buffer.alloc(1024 * 1024);
    const produce = (async () => {
      await new Promise<void>((res, rej) =>
        pack.entry({ name: 'etc/small', size: 2 }, Buffer.from('ok'), (e) => (e ? rej(e) : res())),
      );
      const sink = pack.entry({ name: 'opt/big.bin', size, mode: 0o755 });
      for (let sent = 0; sent < size; sent += zero.length) {
        if (!sink.write(zero)) await new Promise<void>((r) => sink.once('drain', () => r()));
      }
      const finished = new Promise<void>((r) => sink.once('finish', () => r()));
      sink.end(undefined);
      await finished;
      pack.finalize();
    })();
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    const r = await squashStreams(
      (async function* () {
        yield { digest: 'sha256:big', mediaType: TAR, stream: pack as unknown as Readable };
      })(),
      { wants: () => true },
    ).finally(() => clearInterval(timer));
    await produce;
    peak = Math.max(peak, process.memoryUsage().rss);
    const grewMiB = (peak - before) / 1024 / 1024;
    process.stderr.write(`2 GiB entry: rss grew ${grewMiB.toFixed(1)} MiB in ${Date.now() - started} ms\n`);
    expect(grewMiB).toBeLessThan(200);
    expect(text(byPath(r.files, '/etc/small'))).toBe('ok');
    expect(byPath(r.files, '/opt/big.bin')).toBeUndefined();
    expect(r.warnings).toEqual([
      `layer sha256:big: /opt/big.bin is ${size} bytes, over the ${512 * 1024 * 1024}-byte limit; skipped`,
    ]);
    expect(r.bytes).toBeGreaterThan(size);
  }, 600_000);
});

/** A GNU tar (type 'L' long name record) that tar-stream's packer cannot write, by hand. */
function gnuLongNameTar(name: string, content: Buffer): Buffer {
  const header = (n: string, type: string, size: number) => {
    const b = Buffer.alloc(512);
    b.write(n.slice(0, 99), 0);
    b.write('0000644\0', 100);
    b.write('0000000\0', 108);
    b.write('0000000\0', 116);
    b.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    b.write('00000000000\0', 136);
    b.write('        ', 148);
    b.write(type, 156);
    b.write('ustar  \0', 257); // GNU magic and version
    let sum = 0;
    for (const x of b) sum += x;
    b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return b;
  };
  const pad = (d: Buffer) => Buffer.concat([d, Buffer.alloc((512 - (d.length % 512)) % 512)]);
  const longName = Buffer.from(`${name}\0`);
  return Buffer.concat([
    header('././@LongLink', 'L', longName.length),
    pad(longName),
    header(name, '0', content.length),
    pad(content),
    Buffer.alloc(1024),
  ]);
}
