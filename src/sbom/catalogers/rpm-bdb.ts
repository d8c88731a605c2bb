/**
 * rpm's BerkeleyDB backend (`Packages`, RHEL/CentOS ≤ 8, Amazon Linux 2, old SUSE): a Berkeley DB hash
 * database whose values are rpm header blobs. We read the file as pages, without libdb.
 *
 * Layout (Berkeley DB dbinc/db_page.h; what knqyf263/go-rpmdb `pkg/bdb/*.go` reads):
 *   page 0, hash metadata: magic 0x061561 at 12 (byte-swapped = big-endian file), page size at 20,
 *     encryption algorithm at 24 (must be 0), page type at 25 (8 = hash meta), last page number at 32
 *   hash pages (type 13, or 2 before rpm 4.6): entry count (uint16) at 20, then at 26 an index of uint16
 *     item offsets in key/value pairs; a value item of type 3 (H_OFFPAGE, the only kind rpm's headers
 *     produce) holds the first overflow page number at +4 and the total length at +8
 *   overflow pages (type 7): next page number at 16, bytes used on the page at 22, data from 26
 */
import { HEADER_MAX_BYTES } from './rpm-header.js';
import type { BlobResult } from './rpm-ndb.js';

const HASH_MAGIC = 0x00061561;
const HASH_MAGIC_SWAPPED = 0x61150600;
const PAGE_HASH_META = 8;
const PAGE_HASH = 13;
const PAGE_HASH_UNSORTED = 2;
const PAGE_OVERFLOW = 7;
const ITEM_OFFPAGE = 3;
const PAGE_HEADER_SIZE = 26;
const OFFPAGE_ITEM_SIZE = 12;
const VALID_PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);

export function isBdbHash(buf: Buffer): boolean {
  if (buf.length < 512) return false;
  const magic = buf.readUInt32LE(12);
  return magic === HASH_MAGIC || magic === HASH_MAGIC_SWAPPED;
}

export function readBdbBlobs(buf: Buffer): BlobResult {
  const problems: string[] = [];
  const blobs: Buffer[] = [];
  if (!isBdbHash(buf)) return { blobs, problems: ['not a Berkeley DB hash file (bad magic)'] };
  const be = buf.readUInt32LE(12) === HASH_MAGIC_SWAPPED;
  const u32 = (at: number) => (be ? buf.readUInt32BE(at) : buf.readUInt32LE(at));
  const u16 = (at: number) => (be ? buf.readUInt16BE(at) : buf.readUInt16LE(at));

  const pageSize = u32(20);
  if (!VALID_PAGE_SIZES.has(pageSize)) return { blobs, problems: [`unexpected page size ${pageSize}`] };
  if (buf[24] !== 0) return { blobs, problems: [`encrypted database (algorithm ${buf[24]})`] };
  if (buf[25] !== PAGE_HASH_META)
    return { blobs, problems: [`page 0 has type ${buf[25]}, not hash metadata`] };
  const pageCount = Math.floor(buf.length / pageSize);
  const lastPage = u32(32);
  if (lastPage >= pageCount) {
    problems.push(
      `last page ${lastPage} lies past the end of the file (${pageCount} pages); read what is there`,
    );
  }
  const lastReadable = Math.min(lastPage, pageCount - 1);

  /** Follows one value's overflow chain; every page is inside the file and visited once. */
  const readOverflow = (first: number, total: number): Buffer | string => {
    if (total > HEADER_MAX_BYTES || total > buf.length) return `value length ${total} is implausible`;
    const out = Buffer.alloc(total);
    let filled = 0;
    const seen = new Set<number>();
    for (let pgno = first; pgno !== 0;) {
      if (pgno >= pageCount || seen.has(pgno)) return `overflow chain breaks at page ${pgno}`;
      seen.add(pgno);
      const base = pgno * pageSize;
      if (buf[base + 25] !== PAGE_OVERFLOW)
        return `page ${pgno} in an overflow chain has type ${buf[base + 25]}`;
      const next = u32(base + 16);
      const used = next === 0 ? u16(base + 22) : pageSize - PAGE_HEADER_SIZE;
      if (used > pageSize - PAGE_HEADER_SIZE || filled + used > total) {
        return `overflow page ${pgno} holds more than the value's ${total} bytes`;
      }
      buf.copy(out, filled, base + PAGE_HEADER_SIZE, base + PAGE_HEADER_SIZE + used);
      filled += used;
      pgno = next;
    }
    return filled === total ? out : `value holds ${filled} of its ${total} bytes`;
  };

  for (let pgno = 0; pgno <= lastReadable; pgno++) {
    const base = pgno * pageSize;
    const type = buf[base + 25];
    if (type !== PAGE_HASH && type !== PAGE_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    if (entries % 2 !== 0 || PAGE_HEADER_SIZE + entries * 2 > pageSize) {
      problems.push(`hash page ${pgno}: ${entries} index entries do not form key/value pairs on the page`);
      continue;
    }
    // Odd index slots are the values (even ones are the keys: rpm's 4-byte package numbers).
    for (let i = 1; i < entries; i += 2) {
      const off = u16(base + PAGE_HEADER_SIZE + i * 2);
      if (off < PAGE_HEADER_SIZE || off >= pageSize) {
        problems.push(`hash page ${pgno}: item offset ${off} outside the page`);
        continue;
      }
      const item = base + off;
      // Small on-page values (H_KEYDATA) are not package headers: rpm's bookkeeping record 0 is one.
      if (buf[item] !== ITEM_OFFPAGE) continue;
      if (off + OFFPAGE_ITEM_SIZE > pageSize) {
        problems.push(`hash page ${pgno}: off-page item at ${off} runs past the page`);
        continue;
      }
      const r = readOverflow(u32(item + 4), u32(item + 8));
      if (typeof r === 'string') problems.push(`hash page ${pgno}, item ${i}: ${r}`);
      else blobs.push(r);
    }
  }
  return { blobs, problems };
}
