/**
 * Reads the few tags we need from an rpm header blob, the unit every rpmdb backend (SQLite, NDB,
 * BerkeleyDB) stores per installed package.
 *
 * Layout (rpm lib/header.c `hdrblobInit`/`hdrblobImport`, as knqyf263/go-rpmdb `pkg/entry.go` reads it):
 *   il  uint32 BE   number of index entries
 *   dl  uint32 BE   length of the data store
 *   il × { tag int32, type uint32, offset int32, count uint32 }   all big-endian
 *   dl bytes of data; an entry's value starts at data[offset]
 * A v4 header opens with a region entry (tag 61/62/63) whose trailer points back at the region's
 * entries; entries after the region ("dribble", added after install) override same-tag entries inside
 * it. Reading every entry in order and letting a later one win gives exactly that.
 */

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  SOURCERPM: 1044,
  MODULARITYLABEL: 5096,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
/** rpm's headerMaxbytes (lib/header.c): no valid header is larger. */
export const HEADER_MAX_BYTES = 256 * 1024 * 1024;
const ENTRY_SIZE = 16;

export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  /** Present only when the header has an EPOCH tag (rpm prints "(none)" otherwise). */
  epoch?: number;
  arch: string;
  license: string;
  sourceRpm: string;
  vendor: string;
  modularityLabel: string;
  size?: number;
}

export class RpmHeaderError extends Error {}

/** The tags we read, and the value types rpm stores them with (go-rpmdb `getNEVRA` rejects any other). */
const WANTED = new Map<number, number[]>([
  [RPMTAG.NAME, [TYPE_STRING]],
  [RPMTAG.VERSION, [TYPE_STRING]],
  [RPMTAG.RELEASE, [TYPE_STRING]],
  [RPMTAG.EPOCH, [TYPE_INT32]],
  [RPMTAG.SIZE, [TYPE_INT32]],
  [RPMTAG.VENDOR, [TYPE_STRING]],
  [RPMTAG.LICENSE, [TYPE_STRING]],
  [RPMTAG.ARCH, [TYPE_STRING]],
  [RPMTAG.SOURCERPM, [TYPE_STRING]],
  [RPMTAG.MODULARITYLABEL, [TYPE_STRING]],
]);

function readString(blob: Buffer, start: number, end: number, tag: number): string {
  const nul = blob.indexOf(0, start);
  if (nul < 0 || nul >= end) throw new RpmHeaderError(`tag ${tag}: string runs past the data store`);
  return blob.toString('utf8', start, nul);
}

/** Parses one header blob. Throws RpmHeaderError on anything out of bounds; never allocates from a length field. */
export function parseRpmHeader(blob: Buffer): RpmHeader {
  if (blob.length < 8) throw new RpmHeaderError(`header of ${blob.length} bytes is too short`);
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il < 1) throw new RpmHeaderError('header has no index entries');
  const dataStart = 8 + il * ENTRY_SIZE;
  const dataEnd = dataStart + dl;
  if (dataEnd > HEADER_MAX_BYTES) throw new RpmHeaderError(`header size ${dataEnd} exceeds rpm's limit`);
  if (dataEnd > blob.length) {
    throw new RpmHeaderError(`header declares ${dataEnd} bytes (il=${il}, dl=${dl}) but has ${blob.length}`);
  }

  const strings = new Map<number, string>();
  const ints = new Map<number, number>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * ENTRY_SIZE;
    const tag = blob.readInt32BE(at);
    const type = blob.readUInt32BE(at + 4);
    const offset = blob.readInt32BE(at + 8);
    const count = blob.readUInt32BE(at + 12);
    const types = WANTED.get(tag);
    if (!types) continue;
    if (!types.includes(type))
      throw new RpmHeaderError(`tag ${tag} has type ${type}, expected ${types.join('/')}`);
    if (offset < 0 || offset >= dl) throw new RpmHeaderError(`tag ${tag}: offset ${offset} outside ${dl}`);
    const start = dataStart + offset;
    switch (type) {
      case TYPE_INT32:
        if (count < 1 || offset % 4 !== 0 || offset + 4 > dl) {
          throw new RpmHeaderError(`tag ${tag}: bad int32 entry (offset ${offset}, count ${count})`);
        }
        ints.set(tag, blob.readInt32BE(start));
        break;
      case TYPE_STRING:
      case TYPE_STRING_ARRAY:
      case TYPE_I18NSTRING:
        if (count < 1) throw new RpmHeaderError(`tag ${tag}: empty string entry`);
        strings.set(tag, readString(blob, start, dataEnd, tag));
        break;
    }
  }

  // go-rpmdb maps rpm's "(none)" placeholder to empty for these tags.
  const str = (tag: number, noneIsEmpty = false) => {
    const v = strings.get(tag) ?? '';
    return noneIsEmpty && v === '(none)' ? '' : v;
  };
  const h: RpmHeader = {
    name: str(RPMTAG.NAME),
    version: str(RPMTAG.VERSION),
    release: str(RPMTAG.RELEASE),
    arch: str(RPMTAG.ARCH),
    license: str(RPMTAG.LICENSE, true),
    sourceRpm: str(RPMTAG.SOURCERPM, true),
    vendor: str(RPMTAG.VENDOR, true),
    modularityLabel: str(RPMTAG.MODULARITYLABEL),
  };
  const epoch = ints.get(RPMTAG.EPOCH);
  if (epoch !== undefined) h.epoch = epoch;
  const size = ints.get(RPMTAG.SIZE);
  if (size !== undefined) h.size = size;
  return h;
}
