import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Metadata, MetadataKind, type Root } from '@tufjs/models';
import { generateKeys, loadKeys, writeKeys, ROLES, type Keys, type Role } from './tuf-keys.js';
import { rootBytes, sha256, topLevel, type MetaBytes } from './tuf-metadata.js';
import { TufRepoError } from './tuf-repo-error.js';
import { readTargets, type TargetBlob } from './tuf-targets.js';

export { TufRepoError } from './tuf-repo-error.js';

/**
 * `sigstamp tuf-repo`: a signed, static TUF repository serving a private Sigstore's
 * trusted_root.json (and signing_config). Kyverno's ImageValidatingPolicy always starts a TUF client
 * (mirror + root) before it verifies keylessly, and policy-controller's TrustRoot.remote and
 * `cosign initialize --mirror --root` read one too, so a private Sigstore needs a repository even
 * when the trusted root itself is at hand.
 *
 * The layout is what Sigstore's own repositories publish (consistent_snapshot: true): `N.root.json`
 * per root version, `N.targets.json`, `N.snapshot.json`, `timestamp.json`, and targets under
 * `targets/` as `<sha256>.<name>`. Plain `root.json`, `targets.json`, `snapshot.json` and
 * `targets/<name>` copies are written for simple readers (and for pinning root.json).
 *
 * Built from its targets (tuf-targets.ts), role keys (tuf-keys.ts) and signed metadata
 * (tuf-metadata.ts); this module reads an existing repository and writes the files into place.
 */

export interface TufRepoOptions {
  trustedRootPath: string;
  signingConfigPath?: string;
  /**
   * The trusted root's target name (default trusted_root.json): `<trust domain>.trusted_root.json`
   * for a mirror of a GHE.com tenant's root, the name GitHub's TUF repository gives it.
   */
  trustedRootTarget?: string;
  /** The directory to serve. */
  outDir: string;
  /** Where the private keys are (default `${outDir}.keys`); never inside outDir. */
  keysDir?: string;
  /** Validity of every role's metadata, in days (1…3650, default 365). */
  expiresDays?: number;
  now?: Date;
  /**
   * Publish a placeholder `ctfe.pub` when the trusted root has no CT log (default true; see
   * ctLogPlaceholder in tuf-targets.ts). False only to show what Kyverno does without it.
   */
  ctLogPlaceholder?: boolean;
}

export interface TufRepoResult {
  outDir: string;
  keysDir: string;
  /** outDir/root.json: what clients pin (Kyverno `tuf.root`, `cosign initialize --root`). */
  rootPath: string;
  /** True when this run generated the keys and version 1. */
  created: boolean;
  /** True when an existing root was re-signed as a new version (it would have expired first). */
  rootBumped: boolean;
  versions: Record<Role, number>;
  /** When the repository stops verifying unless re-run (no role expires earlier). */
  expires: Date;
  targets: string[];
}

const DAY_MS = 86_400_000;
const MAX_EXPIRES_DAYS = 3650;

export async function writeTufRepository(opts: TufRepoOptions): Promise<TufRepoResult> {
  const now = opts.now ?? new Date();
  const expires = expiryFor(now, opts.expiresDays ?? 365);
  const outDir = resolve(opts.outDir);
  const keysDir = resolve(opts.keysDir ?? `${outDir}.keys`);
  const rel = relative(outDir, keysDir);
  if (!rel.startsWith('..') && !isAbsolute(rel))
    throw new TufRepoError(
      `--keys ${keysDir} is inside --out ${outDir}, which gets served: give a directory outside it`,
    );
  // Everything is read and checked before anything is written, so a bad input changes nothing.
  const blobs = await readTargets(
    opts.trustedRootPath,
    opts.signingConfigPath,
    now,
    opts.ctLogPlaceholder ?? true,
    opts.trustedRootTarget,
  );
  const result = (await isOurRepository(outDir))
    ? await resign(outDir, keysDir, blobs, expires)
    : await create(outDir, keysDir, blobs, expires);
  return {
    ...result,
    outDir,
    keysDir,
    rootPath: join(outDir, 'root.json'),
    targets: blobs.map((b) => b.name),
  };
}

type WriteResult = Pick<TufRepoResult, 'created' | 'rootBumped' | 'versions' | 'expires'>;

/**
 * A static repository nobody re-signs daily (unlike Sigstore's, whose timestamp is re-signed every
 * few days), so every role lives long and the operator re-runs before the date. Rounded up to the
 * next midnight UTC so that re-runs on the same day produce the same expiry and keep the root.
 */
export function expiryFor(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_DAYS)
    throw new TufRepoError(
      `--expires ${days}: expected a whole number of days from 1 to ${MAX_EXPIRES_DAYS}`,
    );
  return new Date(Math.ceil((now.getTime() + days * DAY_MS) / DAY_MS) * DAY_MS);
}

async function isOurRepository(outDir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new TufRepoError(`--out ${outDir}: ${(err as Error).message}`);
  }
  if (entries.length === 0) return false;
  if (entries.includes('root.json')) return true;
  throw new TufRepoError(
    `--out ${outDir} is not empty and holds no root.json: it is not a repository sigstamp tuf-repo wrote, ` +
      'and nothing is mixed into another directory; give a new or empty directory',
  );
}

/** A metadata file of outDir, parsed by @tufjs/models; any failure names the file. */
async function readMetadata<T>(outDir: string, name: string, parse: (json: never) => T): Promise<T> {
  const path = join(outDir, name);
  try {
    return parse(JSON.parse(await readFile(path, 'utf8')) as never);
  } catch (err) {
    throw new TufRepoError(
      `${path}: ${(err as Error).message}: the repository is incomplete or altered; restore it ` +
        '(or write a new one to an empty --out)',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Writing.

/**
 * Version 1 of everything, built in a temp dir next to outDir and renamed into place (a rename
 * within one filesystem, also over an empty directory), so a failure leaves nothing half-written.
 */
async function create(
  outDir: string,
  keysDir: string,
  blobs: TargetBlob[],
  expires: Date,
): Promise<WriteResult> {
  if ((await readdir(keysDir).catch(() => [])).length > 0)
    throw new TufRepoError(
      `--keys ${keysDir} is not empty: it may hold another repository's keys; give a new or empty directory`,
    );
  const keys = generateKeys();
  const root = rootBytes(keys, 1, expires);
  const meta = topLevel(keys, blobs, { targets: 1, snapshot: 1, timestamp: 1 }, expires);
  await mkdir(dirname(outDir), { recursive: true });
  await mkdir(dirname(keysDir), { recursive: true });
  const repoTmp = await mkdtemp(`${outDir}.tmp-`);
  // mkdtemp creates directories 0700: right for the keys, not for what a web server must read.
  const keysTmp = await mkdtemp(`${keysDir}.tmp-`);
  let keysPlaced = false;
  try {
    await chmod(repoTmp, 0o755);
    await mkdir(join(repoTmp, 'targets'));
    for (const b of blobs) await writeBlob(repoTmp, b);
    for (const [name, data] of metadataFiles(root, meta)) await writeFile(join(repoTmp, name), data);
    await writeKeys(keysTmp, keys);
    await rename(keysTmp, keysDir);
    keysPlaced = true;
    await rename(repoTmp, outDir);
  } catch (err) {
    // Keys without the repository they sign are of no use: remove what this run placed.
    if (keysPlaced) await rm(keysDir, { recursive: true, force: true });
    throw err;
  } finally {
    await rm(repoTmp, { recursive: true, force: true });
    await rm(keysTmp, { recursive: true, force: true });
  }
  return {
    created: true,
    rootBumped: false,
    versions: { root: 1, targets: 1, snapshot: 1, timestamp: 1 },
    expires,
  };
}

/** Consistent-snapshot names first, then the plain copies; timestamp.json last, as clients read it first. */
function metadataFiles(root: MetaBytes | undefined, m: ReturnType<typeof topLevel>): Array<[string, Buffer]> {
  return [
    [`${m.targets.version}.targets.json`, m.targets.data],
    ['targets.json', m.targets.data],
    [`${m.snapshot.version}.snapshot.json`, m.snapshot.data],
    ['snapshot.json', m.snapshot.data],
    ...(root
      ? ([
          [`${root.version}.root.json`, root.data],
          ['root.json', root.data],
        ] as Array<[string, Buffer]>)
      : []),
    ['timestamp.json', m.timestamp.data],
  ];
}

type Write = (path: string, data: Buffer) => Promise<void>;

async function writeBlob(
  dir: string,
  b: TargetBlob,
  write: Write = (p, d) => writeFile(p, d),
): Promise<void> {
  await write(join(dir, 'targets', `${sha256(b.data)}.${b.name}`), b.data);
  await write(join(dir, 'targets', b.name), b.data);
}

/** Write-temp-then-rename: a client reading meanwhile sees the old file or the new, never half. */
async function writeAtomic(path: string, data: Buffer): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * A new version of an existing repository, signed with its keys after checking they are its keys.
 * The root is re-signed (same keys, version + 1) only when it would expire before the rest: clients
 * refuse an expired root whatever the timestamp says. Old versioned files stay: a client that read
 * the previous timestamp can still fetch what it lists.
 */
async function resign(
  outDir: string,
  keysDir: string,
  blobs: TargetBlob[],
  expires: Date,
): Promise<WriteResult> {
  const keys = await loadKeys(keysDir, outDir);
  const root = await checkRoot(outDir, keysDir, keys);
  const timestamp = await readMetadata(outDir, 'timestamp.json', (j) =>
    Metadata.fromJSON(MetadataKind.Timestamp, j),
  );
  const snapshotVersion = timestamp.signed.snapshotMeta.version;
  const snapshot = await readMetadata(outDir, `${snapshotVersion}.snapshot.json`, (j) =>
    Metadata.fromJSON(MetadataKind.Snapshot, j),
  );
  const targetsVersion = snapshot.signed.meta['targets.json']?.version ?? 0;
  const rootBumped = new Date(root.signed.expires).getTime() < expires.getTime();
  const versions = {
    root: root.signed.version + (rootBumped ? 1 : 0),
    targets: targetsVersion + 1,
    snapshot: snapshotVersion + 1,
    timestamp: timestamp.signed.version + 1,
  };
  const meta = topLevel(keys, blobs, versions, expires);
  const newRoot = rootBumped ? rootBytes(keys, versions.root, expires) : undefined;
  for (const b of blobs) await writeBlob(outDir, b, writeAtomic);
  for (const [name, data] of metadataFiles(newRoot, meta)) await writeAtomic(join(outDir, name), data);
  // Not bumped means the root outlives the rest: `expires` is when the repository stops verifying.
  return { created: false, rootBumped, versions, expires };
}

/** outDir/root.json must name our keys for every role and be signed by its own root key. */
async function checkRoot(outDir: string, keysDir: string, keys: Keys): Promise<Metadata<Root>> {
  const root = await readMetadata(outDir, 'root.json', (j) => Metadata.fromJSON(MetadataKind.Root, j));
  for (const role of ROLES) {
    if (!root.signed.roles[role]?.keyIDs.includes(keys[role].key.keyID))
      throw new TufRepoError(
        `${outDir} holds another repository's root.json (its ${role} key is not ${join(keysDir, `${role}.pem`)}); ` +
          'give --keys the keys that repository was written with, or write a new repository to an empty --out',
      );
  }
  try {
    keys.root.key.verifySignature(root);
  } catch (err) {
    throw new TufRepoError(
      `${join(outDir, 'root.json')} is not signed by its root key (${(err as Error).message}): it was altered`,
    );
  }
  return root;
}
