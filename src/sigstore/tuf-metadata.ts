// The signed top-level metadata of `sigstamp tuf-repo` (root, targets, snapshot, timestamp) as
// the bytes that get written, each role listing the one below it by length and hash.
import { createHash } from 'node:crypto';
import { Metadata, MetaFile, Root, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { ROLES, signer, type Keys, type Role, type RoleKey } from './tuf-keys.js';
import type { TargetBlob } from './tuf-targets.js';

// What @tufjs/models writes by default; go-tuf v0.7 and v2 accept any 1.x.
const SPEC_VERSION = '1.0.31';

/** TUF's ISO 8601 form: whole seconds, `Z` (go-tuf v0.7 parses it as a Go time.Time). */
const tufTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The bytes of one metadata file, as written and as hashed into the role that lists it. */
export interface MetaBytes {
  version: number;
  data: Buffer;
}

function signedBytes<T extends Root | Targets | Snapshot | Timestamp>(signed: T, key: RoleKey): Buffer {
  const md = new Metadata(signed);
  md.sign(signer(key));
  return Buffer.from(`${JSON.stringify(md.toJSON(), null, 2)}\n`);
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function rootBytes(keys: Keys, version: number, expires: Date): MetaBytes {
  const root = new Root({
    version,
    specVersion: SPEC_VERSION,
    expires: tufTime(expires),
    consistentSnapshot: true,
  });
  for (const role of ROLES) root.addKey(keys[role].key, role);
  return { version, data: signedBytes(root, keys.root) };
}

/** targets, snapshot and timestamp at the given versions, each listing the one below it. */
export function topLevel(
  keys: Keys,
  blobs: TargetBlob[],
  v: Omit<Record<Role, number>, 'root'>,
  expires: Date,
) {
  const common = { specVersion: SPEC_VERSION, expires: tufTime(expires) };
  const targets = new Targets({ ...common, version: v.targets });
  for (const b of blobs)
    targets.addTarget(
      new TargetFile({
        path: b.name,
        length: b.data.length,
        hashes: { sha256: sha256(b.data) },
        ...(b.custom ? { unrecognizedFields: { custom: b.custom as never } } : {}),
      }),
    );
  const targetsData = signedBytes(targets, keys.targets);
  const snapshotData = signedBytes(
    new Snapshot({
      ...common,
      version: v.snapshot,
      meta: { 'targets.json': metaFile(v.targets, targetsData) },
    }),
    keys.snapshot,
  );
  const timestampData = signedBytes(
    new Timestamp({ ...common, version: v.timestamp, snapshotMeta: metaFile(v.snapshot, snapshotData) }),
    keys.timestamp,
  );
  return {
    targets: { version: v.targets, data: targetsData },
    snapshot: { version: v.snapshot, data: snapshotData },
    timestamp: { version: v.timestamp, data: timestampData },
  };
}

/** Length and hash too, though optional for snapshot: a client then fetches exactly those bytes. */
const metaFile = (version: number, data: Buffer) =>
  new MetaFile({ version, length: data.length, hashes: { sha256: sha256(data) } });
