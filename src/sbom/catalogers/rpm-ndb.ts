/**
 * rpm's NDB backend (`Packages.db`, SUSE since SLE 15 SP3 / openSUSE): header blobs in a flat slot file.
 *
 * Format (rpm lib/backend/ndb/rpmpkg.c, as knqyf263/go-rpmdb `pkg/ndb/ndb.go` documents it), little-endian:
 *   file header (32 bytes, = the first two slots): magic "RpmP", version 0, generation, slot page count, 4×reserved
 *   slot pages (4096 bytes each, 256 slots of 16 bytes), starting at offset 0, so the first two slots
 *   are the file header: each slot { magic "Slot", package index (0 = free), block offset, block count }
 *   blobs at blockOffset × 16: { magic "BlbS", package index, adler32, length } then `length` bytes of header
 */
import { HEADER_MAX_BYTES } from './rpm-header.js';

const fourcc = (s: string) =>
  s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
export const NDB_HEADER_MAGIC = fourcc('RpmP') >>> 0;
const SLOT_MAGIC = fourcc('Slot') >>> 0;
const BLOB_MAGIC = fourcc('BlbS') >>> 0;
const NDB_VERSION = 0;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const BLOB_HEAD_SIZE = 16;
/** go-rpmdb's sanity limit on slot pages (2048 pages = 524,286 packages). */
const MAX_SLOT_PAGES = 2048;

export function isNdb(buf: Buffer): boolean {
  return buf.length >= 32 && buf.readUInt32LE(0) === NDB_HEADER_MAGIC;
}

export interface BlobResult {
  blobs: Buffer[];
  /** Problems that cost one or more packages; the caller reports them as warnings. */
  problems: string[];
}

/** Every package header blob in an NDB file. Views into `buf`, no copies; nothing sized from untrusted fields. */
export function readNdbBlobs(buf: Buffer): BlobResult {
  const problems: string[] = [];
  const blobs: Buffer[] = [];
  if (!isNdb(buf)) return { blobs, problems: ['not an NDB file (bad magic)'] };
  const version = buf.readUInt32LE(4);
  const slotPages = buf.readUInt32LE(12);
  if (version !== NDB_VERSION) return { blobs, problems: [`unsupported NDB version ${version}`] };
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES) {
    return { blobs, problems: [`implausible NDB slot page count ${slotPages}`] };
  }
  const slotsEnd = slotPages * PAGE_SIZE;
  if (slotsEnd > buf.length) {
    return {
      blobs,
      problems: [`NDB file of ${buf.length} bytes is shorter than its ${slotPages} slot pages`],
    };
  }
  // The first two slot positions hold the file header.
  for (let at = 2 * SLOT_SIZE; at + SLOT_SIZE <= slotsEnd; at += SLOT_SIZE) {
    if (buf.readUInt32LE(at) !== SLOT_MAGIC) {
      // The slot table itself is damaged: nothing after this point can be trusted.
      problems.push(`bad NDB slot magic at offset ${at}; stopped reading slots`);
      break;
    }
    const pkgIndex = buf.readUInt32LE(at + 4);
    if (pkgIndex === 0) continue; // free slot
    const blkOffset = buf.readUInt32LE(at + 8);
    const blkCount = buf.readUInt32LE(at + 12);
    const start = blkOffset * BLOCK_SIZE;
    if (start < slotsEnd || start + BLOB_HEAD_SIZE > buf.length) {
      problems.push(`package ${pkgIndex}: blob offset ${start} outside the file`);
      continue;
    }
    if (buf.readUInt32LE(start) !== BLOB_MAGIC) {
      problems.push(`package ${pkgIndex}: bad blob magic at ${start}`);
      continue;
    }
    if (buf.readUInt32LE(start + 4) !== pkgIndex) {
      problems.push(
        `package ${pkgIndex}: the blob at ${start} belongs to package ${buf.readUInt32LE(start + 4)}`,
      );
      continue;
    }
    const len = buf.readUInt32LE(start + 12);
    const dataStart = start + BLOB_HEAD_SIZE;
    if (
      len > HEADER_MAX_BYTES ||
      dataStart + len > buf.length ||
      BLOB_HEAD_SIZE + len > blkCount * BLOCK_SIZE
    ) {
      problems.push(
        `package ${pkgIndex}: blob length ${len} does not fit its ${blkCount} blocks or the file`,
      );
      continue;
    }
    blobs.push(buf.subarray(dataStart, dataStart + len));
  }
  return { blobs, problems };
}
