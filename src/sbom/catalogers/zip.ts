/**
 * A small zip central-directory reader for Java archives.
 *
 * Why not yauzl: we read the same archive from memory (`ImageFile.content`, nested jars) or from a spilled temp
 * file through one random-access interface; we must honour a prefix before the zip payload (executable jars and
 * self-extracting scripts — syft's internal/file zip helpers locate the payload from the central directory at the
 * end for the same reason, see java/zip_wrapped_archive_parser.go); and every limit against zip bombs (entry count,
 * central-directory size, inflated size per entry) is explicit here, with no dependency to bundle.
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxCentralDirectory: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 500_000, maxCentralDirectory: 256 * 1024 * 1024 };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header in the source, prefix included. */
  headerOffset: number;
  isDir: boolean;
}

/** Random access to an archive's bytes. */
export interface ZipSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(buf: Buffer): ZipSource {
  return {
    size: buf.length,
    read: async (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
    close: async () => {},
  };
}

export async function fileSource(path: string): Promise<ZipSource> {
  const fh: FileHandle = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const b = Buffer.alloc(n);
      const { bytesRead } = await fh.read(b, 0, n, offset);
      return b.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

const EOCD_SIG = 0x06054b50;
const EOCD64_LOC_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export class ZipError extends Error {}

const u64 = (b: Buffer, o: number): number => Number(b.readBigUInt64LE(o));

/** Reads the central directory. Throws ZipError on anything that is not a well-formed zip within the limits. */
export async function readZipEntries(src: ZipSource, limits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  if (src.size < 22) throw new ZipError('not a zip archive (too small)');
  const tailLen = Math.min(src.size, 22 + 0xffff);
  const tail = await src.read(src.size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      at = i;
      break;
    }
  if (at < 0) throw new ZipError('not a zip archive (no end of central directory)');
  const eocdOffset = src.size - tailLen + at;
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  let cdEnd = eocdOffset;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = await src.read(eocdOffset - 20, 20);
    if (loc.length === 20 && loc.readUInt32LE(0) === EOCD64_LOC_SIG) {
      const recOffset = u64(loc, 8);
      const rec = await src.read(recOffset, 56);
      // With a prefix, the recorded offset is off by the prefix: the record sits right before the locator.
      const actual =
        rec.length === 56 && rec.readUInt32LE(0) === EOCD64_SIG
          ? rec
          : await src.read(eocdOffset - 20 - 56, 56);
      if (actual.length !== 56 || actual.readUInt32LE(0) !== EOCD64_SIG)
        throw new ZipError('bad zip64 end of central directory');
      count = u64(actual, 32);
      cdSize = u64(actual, 40);
      cdOffset = u64(actual, 48);
      cdEnd = actual === rec ? recOffset : eocdOffset - 20 - 56;
    }
  }
  if (count > limits.maxEntries) throw new ZipError(`too many entries (${count} > ${limits.maxEntries})`);
  if (cdSize > limits.maxCentralDirectory || cdSize > cdEnd)
    throw new ZipError('central directory too large or out of bounds');
  // Bytes before the zip payload (prefix): where the directory really starts minus where it says it starts.
  const prefix = cdEnd - cdSize - cdOffset;
  if (prefix < 0) throw new ZipError('central directory offset out of bounds');
  const cd = await src.read(cdEnd - cdSize, cdSize);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= cd.length;) {
    if (cd.readUInt32LE(p) !== CEN_SIG) throw new ZipError('corrupt central directory');
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    let headerOffset = cd.readUInt32LE(p + 42);
    const nameBuf = cd.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: UTF-8 names; otherwise CP437, whose ASCII range is all Java tooling writes.
    const name = nameBuf.toString(flags & 0x800 ? 'utf8' : 'latin1');
    const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra.readUInt16LE(e);
      const len = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        // Zip64 extended information: only the fields whose 32-bit value is saturated, in this order.
        let q = e + 4;
        const next = (): number | undefined => {
          if (q + 8 > e + 4 + len) return undefined;
          q += 8;
          return u64(extra, q - 8);
        };
        if (size === 0xffffffff) size = next() ?? size;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (headerOffset === 0xffffffff) headerOffset = next() ?? headerOffset;
      }
      e += 4 + len;
    }
    entries.push({
      name,
      method: cd.readUInt16LE(p + 10),
      compressedSize,
      size,
      headerOffset: headerOffset + prefix,
      isDir: name.endsWith('/'),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length !== count && count !== 0xffff)
    throw new ZipError(`central directory lists ${entries.length} of ${count} entries`);
  return entries;
}

async function dataRange(src: ZipSource, e: ZipEntry): Promise<[number, number]> {
  const loc = await src.read(e.headerOffset, 30);
  if (loc.length < 30 || loc.readUInt32LE(0) !== LOC_SIG)
    throw new ZipError(`bad local header for ${e.name}`);
  const start = e.headerOffset + 30 + loc.readUInt16LE(26) + loc.readUInt16LE(28);
  if (start + e.compressedSize > src.size)
    throw new ZipError(`entry ${e.name} runs past the end of the archive`);
  return [start, e.compressedSize];
}

/** An entry's bytes in memory; refuses entries that inflate beyond `max` bytes (declared or actual). */
export async function readZipEntry(src: ZipSource, e: ZipEntry, max: number): Promise<Buffer> {
  if (e.size > max) throw new ZipError(`entry ${e.name} is larger than ${max} bytes`);
  const [start, len] = await dataRange(src, e);
  const raw = await src.read(start, len);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new ZipError(`entry ${e.name} uses unsupported compression method ${e.method}`);
  try {
    // maxOutputLength stops a lying size field from inflating without bound.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, max) });
  } catch (err) {
    throw new ZipError(`cannot inflate ${e.name}: ${(err as Error).message}`);
  }
}

/** Inflates an entry to a file, streaming, aborting past `max` bytes. */
export async function extractZipEntry(src: ZipSource, e: ZipEntry, dest: string, max: number): Promise<void> {
  if (e.size > max) throw new ZipError(`entry ${e.name} is larger than ${max} bytes`);
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError(`entry ${e.name} uses unsupported compression method ${e.method}`);
  const [start, len] = await dataRange(src, e);
  const CHUNK = 1024 * 1024;
  async function* compressed(): AsyncGenerator<Buffer> {
    for (let off = 0; off < len; off += CHUNK) yield await src.read(start + off, Math.min(CHUNK, len - off));
  }
  let written = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      written += chunk.length;
      cb(written > max ? new ZipError(`entry ${e.name} inflates beyond ${max} bytes`) : null, chunk);
    },
  });
  const stages = e.method === 8 ? [createInflateRaw(), cap] : [cap];
  await pipeline([Readable.from(compressed()), ...stages, createWriteStream(dest)]);
}
