// TarParser against tar-stream's own extract() on the same bytes, for archives from tar-stream's packer and
// from GNU tar (gnu, pax, v7, ustar), fed in 1-byte to whole-buffer chunks; plus hand-made headers for what
// neither writer produces (base-256 sizes, signed checksums, PAX size, global headers), and the failures.
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { TarFormatError, TarParser, type TarEntrySink, type TarHeader } from '../../src/sbom/tar-parser.js';

interface Got {
  name: string;
  linkname: string;
  size: number;
  mode: number;
  type: string;
  data: Buffer;
}

const CHUNKS = [1, 7, 512, Infinity];

/** Deterministic non-repeating bytes, so misordered or shifted data cannot compare equal. */
function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** What tar-stream's extract() reports, in the parser's terms (null type/linkname → 'other'/''). */
async function viaTarStream(archive: Buffer): Promise<Got[]> {
  const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
  const got: Got[] = [];
  const reading = (async () => {
    for await (const entry of extract) {
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      const h = entry.header;
      const { name, size, mode } = h;
      got.push({
        name,
        linkname: h.linkname ?? '',
        size,
        mode,
        type: h.type ?? 'other',
        data: Buffer.concat(parts),
      });
    }
  })();
  extract.end(archive);
  await reading;
  return got;
}

/** Parses in `chunk`-byte writes; the sink fails the test on a second end() or data after end(). */
async function parse(archive: Buffer, chunk: number, opts?: { maxMetaBytes?: number }): Promise<Got[]> {
  const got: Got[] = [];
  const parser = new TarParser(
    {
      entry(h) {
        const parts: Buffer[] = [];
        let ended = false;
        return {
          data(c) {
            if (ended) throw new Error(`data after end for ${h.name}`);
            parts.push(Buffer.from(c));
          },
          end() {
            if (ended) throw new Error(`second end for ${h.name}`);
            ended = true;
            got.push({ ...h, data: Buffer.concat(parts) });
          },
        };
      },
    },
    opts,
  );
  const step = Math.min(chunk, Math.max(archive.length, 1));
  for (let i = 0; i < archive.length; i += step) await parser.write(archive.subarray(i, i + step));
  await parser.end();
  return got;
}

/** Asserts the parser matches tar-stream in every chunking; returns tar-stream's view for further checks. */
async function expectSameAsTarStream(archive: Buffer): Promise<Got[]> {
  const want = await viaTarStream(archive);
  for (const chunk of CHUNKS) expect(await parse(archive, chunk), `${chunk}-byte chunks`).toEqual(want);
  return want;
}

async function pack(entries: { header: Parameters<tar.Pack['entry']>[0]; data?: Buffer }[]): Promise<Buffer> {
  const p = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of p) chunks.push(c as Buffer);
  })();
  for (const { header, data } of entries) {
    const body = data ?? Buffer.alloc(0);
    await new Promise<void>((res, rej) =>
      p.entry({ size: body.length, ...header }, body, (err) => (err ? rej(err) : res())),
    );
  }
  p.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** Builds a file tree and archives it with the system's GNU tar in the given format. */
function gnuTar(format: string, build: (root: string) => void, extra: string[] = []): Buffer {
  const root = mkdtempSync(join(tmpdir(), 'sigstamp-tar-'));
  try {
    build(root);
    return execFileSync('tar', [`--format=${format}`, '--sort=name', ...extra, '-cf', '-', '-C', root, '.'], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function put(root: string, path: string, content: Buffer | string, mode = 0o644): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  chmodSync(join(root, path), mode);
}

const LONG_DIR = `${'a'.repeat(90)}/${'b'.repeat(90)}`;
const LONG_TARGET = `${'t'.repeat(60)}/${'u'.repeat(60)}/target`;

/** A tree with names and link targets over 100 bytes, a hard link, an executable, an empty file and a fifo. */
function richTree(root: string): void {
  put(root, `${LONG_DIR}/file.txt`, bytes(700, 2), 0o755);
  put(root, 'empty', '');
  put(root, 'one-block', bytes(512, 3));
  symlinkSync(LONG_TARGET, join(root, 'long-symlink'));
  linkSync(join(root, LONG_DIR, 'file.txt'), join(root, 'hardlink'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
}

interface Raw {
  name: string;
  flag: string;
  size?: number;
  sizeField?: Buffer;
  linkname?: string;
  mode?: number;
  magic?: 'ustar' | 'gnu' | 'v7';
  prefix?: string;
  signedChecksum?: boolean;
}

/** A hand-made header block, its checksum computed here (unsigned, or signed as old tars did). */
function rawHeader(h: Raw): Buffer {
  const b = Buffer.alloc(512);
  b.write(h.name, 0, 100, 'utf8');
  b.write(`${(h.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 'latin1');
  b.write('0000000\0', 108, 'latin1');
  b.write('0000000\0', 116, 'latin1');
  if (h.sizeField) h.sizeField.copy(b, 124);
  else b.write(`${(h.size ?? 0).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  b.write('14000000000\0', 136, 'latin1');
  b.write(h.flag, 156, 1, 'latin1');
  if (h.linkname) b.write(h.linkname, 157, 100, 'utf8');
  if ((h.magic ?? 'ustar') === 'ustar') b.write('ustar\u000000', 257, 'latin1');
  else if (h.magic === 'gnu') b.write('ustar  \0', 257, 'latin1');
  if (h.prefix) b.write(h.prefix, 345, 155, 'utf8');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const c of b) sum += h.signedChecksum && c >= 0x80 ? c - 256 : c;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return b;
}

/** A header, its data and the padding to the next block. */
function rawEntry(h: Raw, data = Buffer.alloc(0)): Buffer {
  return Buffer.concat([
    rawHeader({ size: data.length, ...h }),
    data,
    Buffer.alloc((512 - (data.length % 512)) % 512),
  ]);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const n = Buffer.byteLength(body);
  let len = n + String(n).length;
  if (String(len).length > String(n).length) len = n + String(len).length;
  return `${len}${body}`;
}

const paxEntry = (flag: 'x' | 'g', records: string) =>
  rawEntry({ name: 'PaxHeader', flag }, Buffer.from(records, 'utf8'));
const END = Buffer.alloc(1024);

describe('TarParser matches tar-stream', () => {
  it("reads tar-stream's packer output: ustar, prefixes, PAX names and links, modes, all types", async () => {
    const longName = `deep/${'n'.repeat(120)}.txt`;
    const prefixed = `${'p'.repeat(80)}/${'q'.repeat(80)}/f.txt`;
    const archive = await pack([
      { header: { name: 'etc/', type: 'directory', mode: 0o755 } },
      { header: { name: 'etc/passwd', mode: 0o600 }, data: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
      { header: { name: 'empty' } },
      { header: { name: 'block512' }, data: bytes(512, 4) },
      { header: { name: 'block513' }, data: bytes(513, 5) },
      { header: { name: 'bin/sh', mode: 0o4755 }, data: bytes(3000, 6) },
      { header: { name: 'bin/link', type: 'symlink', linkname: '/bin/sh' } },
      { header: { name: 'bin/hard', type: 'link', linkname: 'bin/sh' } },
      { header: { name: 'long-link', type: 'symlink', linkname: `/${'l'.repeat(150)}` } },
      { header: { name: longName }, data: Buffer.from('long') },
      { header: { name: 'ünï/名前.txt' }, data: Buffer.from('utf-8') },
      { header: { name: prefixed }, data: Buffer.from('prefixed') },
      {
        header: { name: 'xattr', pax: { 'SCHILY.xattr.user.k': 'v', comment: 'c' } },
        data: Buffer.from('x'),
      },
      { header: { name: 'dev/null', type: 'character-device', mode: 0o666 } },
      { header: { name: 'dev/sda', type: 'block-device' } },
      { header: { name: 'pipe', type: 'fifo' } },
      { header: { name: 'contig', type: 'contiguous-file' }, data: Buffer.from('c') },
    ]);
    // The packer split the prefixed path into prefix and name; the joined form is not in the bytes.
    expect(archive.includes(prefixed)).toBe(false);
    const want = await expectSameAsTarStream(archive);
    expect(want.map((e) => e.name)).toEqual(
      expect.arrayContaining([longName, 'ünï/名前.txt', prefixed, 'etc/']),
    );
    expect(want.find((e) => e.name === 'long-link')?.linkname).toBe(`/${'l'.repeat(150)}`);
    expect(want.find((e) => e.name === 'bin/sh')).toMatchObject({ mode: 0o4755, size: 3000 });
    expect(new Set(want.map((e) => e.type)).size).toBe(8);
  });

  it('reads GNU tar --format=gnu: long names (L) and long links (K)', async () => {
    const archive = gnuTar('gnu', richTree);
    expect(archive.includes('././@LongLink')).toBe(true);
    const want = await expectSameAsTarStream(archive);
    expect(want.find((e) => e.name === `./${LONG_DIR}/file.txt`)).toMatchObject({ mode: 0o755, size: 700 });
    expect(want.find((e) => e.name === './long-symlink')).toMatchObject({
      type: 'symlink',
      linkname: LONG_TARGET,
    });
    const hard = want.find((e) => e.type === 'link');
    expect([hard?.name, hard?.linkname].sort()).toEqual(['./hardlink', `./${LONG_DIR}/file.txt`].sort());
    expect(want.find((e) => e.name === './fifo')?.type).toBe('fifo');
  });

  it('reads GNU tar --format=pax: path and linkpath records, a global header, UTF-8 names', async () => {
    const archive = gnuTar(
      'pax',
      (root) => {
        richTree(root);
        put(root, 'ünïcødé/名前.txt', 'utf-8 name');
      },
      ['--pax-option=comment=global-comment'],
    );
    expect(archive.includes('comment=global-comment')).toBe(true);
    const want = await expectSameAsTarStream(archive);
    expect(want.find((e) => e.name === `./${LONG_DIR}/file.txt`)?.data).toEqual(bytes(700, 2));
    expect(want.find((e) => e.name === './long-symlink')?.linkname).toBe(LONG_TARGET);
    expect(want.find((e) => e.name === './ünïcødé/名前.txt')?.data.toString()).toBe('utf-8 name');
  });

  it('reads GNU tar --format=v7 (no magic)', async () => {
    const archive = gnuTar('v7', (root) => {
      put(root, 'd/f', bytes(1500, 7), 0o750);
      symlinkSync('d/f', join(root, 'sl'));
      linkSync(join(root, 'd/f'), join(root, 'hl'));
    });
    expect(archive.includes('ustar')).toBe(false);
    const want = await expectSameAsTarStream(archive);
    expect(want.find((e) => e.name === './d/')?.type).toBe('directory');
    expect(want.find((e) => e.name === './sl')).toMatchObject({ type: 'symlink', linkname: 'd/f' });
    expect(want.filter((e) => e.size === 1500)).toHaveLength(1);
  });

  it('reads GNU tar --format=ustar with a long path split into prefix and name', async () => {
    const dir = `${'a'.repeat(70)}/${'b'.repeat(60)}`;
    const archive = gnuTar('ustar', (root) => put(root, `${dir}/file.txt`, bytes(900, 8)));
    expect(archive.includes(`${dir}/file.txt`)).toBe(false);
    const want = await expectSameAsTarStream(archive);
    expect(want.find((e) => e.name === `./${dir}/file.txt`)?.data).toEqual(bytes(900, 8));
  });

  it('reads hand-made headers: PAX size, base-256 size, v7 typeflag NUL, vendor types, prefixes', async () => {
    const b256 = Buffer.alloc(12);
    b256[0] = 0x80;
    b256.writeUIntBE(700, 6, 6);
    const archive = Buffer.concat([
      // The header says 0 bytes; the PAX size record says 5 and wins.
      paxEntry('x', paxRecord('size', '5')),
      rawEntry({ name: 'pax-sized', flag: '0', size: 0 }),
      bytes(5, 9),
      Buffer.alloc(507),
      rawEntry({ name: 'base256', flag: '0', sizeField: b256 }),
      bytes(700, 10),
      Buffer.alloc(324),
      rawEntry({ name: 'old-file', flag: '\0', magic: 'v7' }, Buffer.from('v7 data')),
      rawEntry({ name: 'volume', flag: 'V', magic: 'gnu' }, Buffer.from('vendor data')),
      // Only ustar has a prefix field; old GNU headers keep other data there.
      rawEntry({ name: 'ustar-name', flag: '0', prefix: 'real/prefix' }),
      rawEntry({ name: 'gnu-name', flag: '0', magic: 'gnu', prefix: 'not-a-prefix' }),
      END,
    ]);
    const want = await expectSameAsTarStream(archive);
    expect(want.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'pax-sized', type: 'file', size: 5 },
      { name: 'base256', type: 'file', size: 700 },
      { name: 'old-file', type: 'file', size: 7 },
      { name: 'volume', type: 'other', size: 11 },
      { name: 'real/prefix/ustar-name', type: 'file', size: 0 },
      { name: 'gnu-name', type: 'file', size: 0 },
    ]);
    expect(want[1]?.data).toEqual(bytes(700, 10));
  });
});

describe('TarParser specifics', () => {
  it('reads a base-256 size beyond 8 GiB and skips it by arithmetic alone', async () => {
    const size = 2 ** 40 + 3;
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field.writeUIntBE(size, 6, 6);
    const seen: TarHeader[] = [];
    const parser = new TarParser({ entry: (h) => void seen.push(h) });
    await parser.write(rawHeader({ name: 'huge', flag: '0', sizeField: field }));
    await parser.write(Buffer.alloc(4096, 0xff)); // skipped data, not parsed as headers
    expect(seen).toEqual([{ name: 'huge', linkname: '', size, mode: 0o644, type: 'file' }]);
    await expect(parser.end()).rejects.toThrow(/truncated tar: .*inside an entry's data/);
  });

  it('reads a v7 regular-file entry whose name ends in a slash as a directory, as GNU tar does', async () => {
    const archive = Buffer.concat([
      rawEntry({ name: 'olddir/', flag: '\0', mode: 0o755, magic: 'v7' }),
      rawEntry({ name: 'olddir/f', flag: '0', magic: 'v7' }, Buffer.from('f')),
      END,
    ]);
    // tar-stream means to do the same, but computes the type before applying that rule.
    expect((await viaTarStream(archive)).map((e) => e.type)).toEqual(['file', 'file']);
    for (const chunk of CHUNKS)
      expect((await parse(archive, chunk)).map((e) => `${e.name}:${e.type}`)).toEqual([
        'olddir/:directory',
        'olddir/f:file',
      ]);
  });

  it('accepts the signed-byte checksum of old tars, which tar-stream rejects', async () => {
    const archive = Buffer.concat([
      rawEntry({ name: 'café', flag: '0', signedChecksum: true }, Buffer.from('x')),
      END,
    ]);
    await expect(viaTarStream(archive)).rejects.toThrow();
    for (const chunk of CHUNKS) expect((await parse(archive, chunk)).map((e) => e.name)).toEqual(['café']);
  });

  it('applies a global PAX header to all later entries, a per-entry empty value hides it', async () => {
    const archive = Buffer.concat([
      paxEntry('g', paxRecord('linkpath', 'global-target') + paxRecord('comment', 'ignored')),
      rawEntry({ name: 'one', flag: '2', linkname: 'own-1' }),
      paxEntry('x', paxRecord('linkpath', '')),
      rawEntry({ name: 'two', flag: '2', linkname: 'own-2' }),
      paxEntry('x', paxRecord('path', 'renamed') + paxRecord('linkpath', 'entry-target')),
      rawEntry({ name: 'three', flag: '2', linkname: 'own-3' }),
      rawEntry({ name: 'four', flag: '2', linkname: 'own-4' }),
      END,
    ]);
    for (const chunk of CHUNKS) {
      const got = await parse(archive, chunk);
      expect(got.map((e) => `${e.name}->${e.linkname}`)).toEqual([
        'one->global-target',
        'two->own-2',
        'renamed->entry-target',
        'four->global-target',
      ]);
    }
  });

  it('strips the NUL terminator of GNU long names and applies them to the next entry only', async () => {
    const long = `${'z'.repeat(150)}/file`;
    const archive = Buffer.concat([
      rawEntry({ name: '././@LongLink', flag: 'L', magic: 'gnu' }, Buffer.from(`${long}\0`)),
      rawEntry({ name: 'truncated', flag: '0', magic: 'gnu' }, Buffer.from('a')),
      rawEntry({ name: 'next', flag: '0', magic: 'gnu' }),
      END,
    ]);
    const want = await expectSameAsTarStream(archive);
    expect(want.map((e) => e.name)).toEqual([long, 'next']);
  });

  it('awaits promises from the visitor and sinks: all bytes, in order, one call at a time', async () => {
    const files = [bytes(5000, 11), Buffer.alloc(0), bytes(1, 12), bytes(20000, 13)];
    const archive = await pack(files.map((data, i) => ({ header: { name: `f${i}` }, data })));
    for (const chunk of [7, 1000, Infinity]) {
      let busy = false;
      const track = async <T>(v: T): Promise<T> => {
        expect(busy, 'a call overlapped an unsettled promise').toBe(false);
        busy = true;
        await new Promise((r) => setImmediate(r));
        busy = false;
        return v;
      };
      const got: Buffer[] = [];
      const parser = new TarParser({
        entry() {
          const parts: Buffer[] = [];
          return track<TarEntrySink>({
            data: (c) => track(parts.push(Buffer.from(c))).then(() => undefined),
            end: () => track(got.push(Buffer.concat(parts))).then(() => undefined),
          });
        },
      });
      const step = Math.min(chunk, archive.length);
      for (let i = 0; i < archive.length; i += step) {
        await parser.write(archive.subarray(i, i + step));
        expect(busy, 'write resolved before the sink did').toBe(false);
      }
      await parser.end();
      expect(got).toEqual(files);
    }
  });

  it('skips entries without a sink: no data calls for them, views into the input for the kept one', async () => {
    const keep = bytes(2000, 14);
    const archive = await pack([
      { header: { name: 'skip-1' }, data: bytes(100000, 15) },
      { header: { name: 'keep' }, data: keep },
      { header: { name: 'skip-2' }, data: bytes(513, 16) },
      { header: { name: 'after' } },
    ]);
    for (const chunk of CHUNKS) {
      const names: string[] = [];
      const delivered: Buffer[] = [];
      const parser = new TarParser({
        entry(h) {
          names.push(h.name);
          if (h.name !== 'keep') return undefined;
          return { data: (c) => void delivered.push(c), end: () => undefined };
        },
      });
      const step = Math.min(chunk, archive.length);
      for (let i = 0; i < archive.length; i += step) await parser.write(archive.subarray(i, i + step));
      await parser.end();
      expect(names).toEqual(['skip-1', 'keep', 'skip-2', 'after']);
      expect(delivered.reduce((n, c) => n + c.length, 0)).toBe(keep.length);
      expect(Buffer.concat(delivered)).toEqual(keep);
      // Not copies: each slice shares the memory of the chunk it came from.
      expect(delivered.every((c) => c.buffer === archive.buffer)).toBe(true);
    }
  });

  it('accepts a missing end marker, extra zero blocks and trailing garbage after the marker', async () => {
    const archive = await pack([
      { header: { name: 'a' }, data: bytes(600, 17) },
      { header: { name: 'b' }, data: Buffer.from('b') },
    ]);
    const want = await viaTarStream(archive);
    expect(want).toHaveLength(2);
    let end = archive.length;
    while (end > 0 && archive[end - 1] === 0) end--;
    const noMarker = archive.subarray(0, Math.ceil(end / 512) * 512);
    expect(noMarker.length).toBeLessThan(archive.length);
    const entries = archive.subarray(0, archive.length - 1024);
    const variants = {
      noMarker,
      garbage: Buffer.concat([archive, bytes(3000, 18)]),
      oneZeroBlockThenGarbage: Buffer.concat([entries, Buffer.alloc(512), bytes(1000, 19)]),
      extraZeros: Buffer.concat([archive, Buffer.alloc(10240)]),
    };
    for (const [what, bytesOf] of Object.entries(variants))
      for (const chunk of CHUNKS) expect(await parse(bytesOf, chunk), `${what}, ${chunk}`).toEqual(want);
  });

  it('reads an empty input as an empty archive', async () => {
    expect(await parse(Buffer.alloc(0), 1)).toEqual([]);
  });
});

describe('TarParser errors', () => {
  const archiveOf = () =>
    pack([
      { header: { name: 'first' }, data: bytes(1000, 20) },
      { header: { name: 'second' }, data: Buffer.from('2') },
    ]);

  it('rejects truncated input from end(): inside data, padding, a header or after a PAX header', async () => {
    const archive = await archiveOf();
    const complete = archive.subarray(0, 512 + 1024 + 512 + 512); // both entries, no end marker
    expect((await parse(complete, 512)).map((e) => e.name)).toEqual(['first', 'second']);
    const cuts: [number, RegExp][] = [
      [300, /inside a header \(300 of 512 bytes\)/],
      [512 + 600, /inside an entry's data or padding/],
      [512 + 1010, /inside an entry's data or padding/],
      [1536 + 100, /inside a header/],
      [1536 + 512 + 1, /inside an entry's data or padding/],
    ];
    for (const [cut, message] of cuts)
      for (const chunk of CHUNKS) {
        const p = parse(archive.subarray(0, cut), chunk);
        await expect(p, `cut at ${cut}, ${chunk}`).rejects.toThrow(TarFormatError);
        await expect(p).rejects.toThrow(message);
        await expect(p).rejects.toThrow(/^truncated tar: /);
      }
    const dangling = Buffer.concat([paxEntry('x', paxRecord('path', 'p'))]);
    await expect(parse(dangling, 512)).rejects.toThrow(/truncated tar: .*after an extended header/);
  });

  it('rejects a corrupted header checksum with its offset, and stays failed', async () => {
    const archive = Buffer.from(await archiveOf());
    archive[1539] = archive[1539]! ^ 0x01; // in the second header's name
    for (const chunk of CHUNKS) {
      const seen: string[] = [];
      const parser = new TarParser({ entry: (h) => void seen.push(h.name) });
      const step = Math.min(chunk, archive.length);
      let error: unknown;
      for (let i = 0; i < archive.length && !error; i += step)
        await parser.write(archive.subarray(i, i + step)).catch((e: unknown) => (error = e));
      expect(error).toBeInstanceOf(TarFormatError);
      expect((error as Error).name).toBe('TarFormatError');
      expect((error as Error).message).toBe('invalid tar header checksum at offset 1536');
      expect(seen).toEqual(['first']);
      await expect(parser.write(Buffer.alloc(512))).rejects.toBe(error);
      await expect(parser.end()).rejects.toBe(error);
    }
  });

  it('rejects a PAX or GNU long-name entry larger than maxMetaBytes', async () => {
    const archive = await pack([
      { header: { name: 'f', pax: { comment: 'c'.repeat(2000) } }, data: Buffer.from('f') },
    ]);
    expect((await parse(archive, 512)).map((e) => e.name)).toEqual(['f']);
    await expect(parse(archive, 512, { maxMetaBytes: 1024 })).rejects.toThrow(TarFormatError);
    await expect(parse(archive, 7, { maxMetaBytes: 1024 })).rejects.toThrow(/exceeds 1024/);
    const gnu = gnuTar('gnu', (root) => put(root, `${LONG_DIR}/file.txt`, 'x'));
    expect((await parse(gnu, 512)).length).toBeGreaterThan(0);
    await expect(parse(gnu, 512, { maxMetaBytes: 100 })).rejects.toThrow(/tar extended header of \d+ bytes/);
  });

  it('rejects malformed PAX records and sizes', async () => {
    const bad = [
      '5 path=x\n', // length shorter than the record
      '30 path=x\n', // length past the end
      '11 pathxyz\n', // no '='
      '9 =value\n', // empty key
      'x path=x\n', // no length
      '11 path=xy.', // not newline-terminated
    ];
    for (const records of bad) {
      const archive = Buffer.concat([paxEntry('x', records), rawEntry({ name: 'f', flag: '0' }), END]);
      await expect(parse(archive, 512), JSON.stringify(records)).rejects.toThrow(
        /invalid PAX extended header record/,
      );
    }
    const badSize = Buffer.concat([
      paxEntry('x', paxRecord('size', '12abc')),
      rawEntry({ name: 'f', flag: '0' }),
    ]);
    await expect(parse(badSize, 512)).rejects.toThrow(/invalid PAX size "12abc"/);
    const good = Buffer.concat([
      paxEntry('x', paxRecord('path', 'p=q\nr')),
      rawEntry({ name: 'f', flag: '0' }),
      END,
    ]);
    expect((await parse(good, 7)).map((e) => e.name)).toEqual(['p=q\nr']);
  });

  it('propagates errors from the visitor and sinks, sync or async, out of write', async () => {
    const archive = await archiveOf();
    const boom = new Error('boom');
    const visitors: ((h: TarHeader) => TarEntrySink | undefined | Promise<TarEntrySink | undefined>)[] = [
      () => {
        throw boom;
      },
      () => Promise.reject(boom),
      () => ({ data: () => Promise.reject(boom), end: () => undefined }),
      () => ({
        data: () => undefined,
        end: () => {
          throw boom;
        },
      }),
    ];
    for (const entry of visitors) {
      const parser = new TarParser({ entry });
      await expect(parser.write(archive)).rejects.toBe(boom);
      await expect(parser.end()).rejects.toBe(boom);
    }
  });
});
