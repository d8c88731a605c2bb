// Fuzz targets: layer blobs as a registry serves them. The tar parser alone (fed in chunks of
// varying size, as a download arrives), and whole layers through the squasher: gzip and zstd
// streams, decompressed and parsed. Seeds are archives GNU tar writes in each of its formats.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { squashStreams } from '../../src/sbom/layers.js';
import { TarFormatError, TarParser, type TarHeader } from '../../src/sbom/tar-parser.js';
import { callAsync, fuzzAsync, fuzzTimeout, instanceOf, mutatedBytes, type Typed } from '../support/fuzz.js';

const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
let dir: string;
let tars: Buffer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigstamp-fuzz-tar-'));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'etc/apk'), { recursive: true });
  mkdirSync(join(root, 'usr/lib/node_modules/a'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=alpine\nVERSION_ID=3.20.0\n');
  writeFileSync(join(root, 'etc/apk/installed'), 'P:musl\nV:1.2.5-r0\n\n');
  writeFileSync(join(root, 'usr/lib/node_modules/a/package.json'), '{"name":"a","version":"1.0.0"}');
  writeFileSync(join(root, 'usr/lib/' + 'long-name-'.repeat(14)), Buffer.alloc(1500, 7));
  writeFileSync(join(root, 'usr/lib/ünïcode'), 'x');
  symlinkSync('os-release', join(root, 'etc/os-release.link'));
  const make = (format: string, ...extra: string[]) =>
    execFileSync('tar', [
      `--format=${format}`,
      '--owner=0',
      '--group=0',
      ...extra,
      '-cf',
      '-',
      '-C',
      root,
      '.',
    ]);
  tars = [
    make('gnu'),
    make('pax'),
    make('ustar', '--exclude=long-name-*'),
    make('v7', '--exclude=long-name-*'),
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: layer blobs', () => {
  it('tar archives in chunks (TarParser)', { timeout: fuzzTimeout(400) }, async () => {
    const input = fc.record({ tar: mutatedBytes(tars), chunk: fc.constantFrom(1, 7, 512, 4096, 1 << 20) });
    await fuzzAsync(input, 400, ({ tar, chunk }) =>
      callAsync(
        async () => {
          const entries: TarHeader[] = [];
          let data = 0;
          const parser = new TarParser({
            entry: (h) => {
              entries.push(h);
              return { data: (c) => void (data += c.length), end: () => undefined };
            },
          });
          for (let i = 0; i < tar.length; i += chunk) await parser.write(tar.subarray(i, i + chunk));
          await parser.end();
          // Every entry costs at least one 512-byte header, and data is never invented.
          if (entries.length > tar.length / 512 || data > tar.length)
            throw new Error(
              `crash: ${entries.length} entries and ${data} data bytes from ${tar.length} input bytes`,
            );
          return entries;
        },
        undefined,
        instanceOf(TarFormatError),
      ),
    );
  });

  // What squashLayer may throw: its own Error naming the layer, caused by a tar format error or a
  // decompressor's error (zlib's Z_* codes, zstd's ZSTD_error_*), never by a TypeError.
  const layerError: Typed = (err) => {
    if (
      !(err instanceof Error) ||
      err.constructor !== Error ||
      !err.message.startsWith('layer sha256:fuzz (')
    )
      return false;
    const cause = err.cause as (Error & { code?: string }) | undefined;
    return (
      cause instanceof TarFormatError ||
      (cause instanceof Error && /^(?:Z_|ZSTD_|ERR_ZSTD)/.test(cause.code ?? ''))
    );
  };

  for (const [name, mediaType, compress] of [
    ['gzip', GZIP, (b: Buffer) => zlib.gzipSync(b)],
    ['zstd', ZSTD, (b: Buffer) => zlib.zstdCompressSync(b)],
  ] as const) {
    it(`${name} layers through the squasher (squashStreams)`, { timeout: fuzzTimeout(300) }, async () => {
      // Byte mutations of the compressed stream test the decompressor's errors; a mutated archive,
      // compressed, reaches the squasher's own logic (whiteouts, links, paths, size caps).
      const blobs = fc.oneof(
        mutatedBytes(tars.map((t) => compress(t))),
        mutatedBytes(tars).map((t) => compress(t)),
      );
      await fuzzAsync(blobs, 300, (blob) =>
        callAsync(
          async () => {
            const layers = (async function* () {
              yield { digest: 'sha256:fuzz', mediaType, stream: Readable.from([blob]) };
            })();
            const r = await squashStreams(
              layers,
              { wants: () => true },
              { memoryCap: 1 << 16, spillCap: 1 << 20, tmpDir: dir },
            );
            await r.cleanup();
            return r;
          },
          undefined,
          layerError,
        ),
      );
    });
  }
});
