import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { SigningConfig, TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
import { canonicalize } from '@tufjs/canonical-json';
import {
  Key,
  Metadata,
  MetadataKind,
  MetaFile,
  Root,
  Signature,
  Snapshot,
  TargetFile,
  Targets,
  Timestamp,
} from '@tufjs/models';
import { OptionsError } from '../options.js';

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
 * Keys are ed25519, one per role, threshold 1: the one key type every client reads (go-tuf v0.7,
 * the legacy client of sigstore/sigstore pkg/tuf in cosign v2; go-tuf v2 in sigstore-go; tuf-js).
 * Private keys live in a sibling directory, never inside the directory that gets served.
 */

/** Thrown for anything the operator must fix: an OptionsError, so the CLI exits 2. */
export class TufRepoError extends OptionsError {
  constructor(message: string) {
    super(message);
    this.name = 'TufRepoError';
  }
}

export interface TufRepoOptions {
  trustedRootPath: string;
  signingConfigPath?: string;
  /** The directory to serve. */
  outDir: string;
  /** Where the private keys are (default `${outDir}.keys`); never inside outDir. */
  keysDir?: string;
  /** Validity of every role's metadata, in days (1…3650, default 365). */
  expiresDays?: number;
  now?: Date;
  /**
   * Publish a placeholder `ctfe.pub` when the trusted root has no CT log (default true; see
   * ctLogPlaceholder). False only to show what Kyverno does without it.
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

const ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
type Role = (typeof ROLES)[number];

// What @tufjs/models writes by default; go-tuf v0.7 and v2 accept any 1.x.
const SPEC_VERSION = '1.0.31';
const DAY_MS = 86_400_000;
const MAX_EXPIRES_DAYS = 3650;
const TRUSTED_ROOT_TARGET = 'trusted_root.json';
const SIGNING_CONFIG_TARGET = 'signing_config.v0.2.json';
const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

interface RoleKey {
  privateKey: KeyObject;
  key: Key;
}
type Keys = Record<Role, RoleKey>;

interface Blob {
  name: string;
  data: Buffer;
  custom?: Record<string, unknown>;
}

/** The bytes of one metadata file, as written and as hashed into the role that lists it. */
interface MetaBytes {
  version: number;
  data: Buffer;
}

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

/** TUF's ISO 8601 form: whole seconds, `Z` (go-tuf v0.7 parses it as a Go time.Time). */
const tufTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

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

// ---------------------------------------------------------------------------------------------
// Targets: the trusted root and signing config as given, plus the legacy per-service files.

async function readInput(path: string, what: string): Promise<{ bytes: Buffer; json: unknown }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new TufRepoError(`${what} ${path}: ${(err as Error).message}`);
  }
  try {
    return { bytes, json: JSON.parse(bytes.toString('utf8')) };
  } catch (err) {
    throw new TufRepoError(`${what} ${path} is not JSON (${(err as Error).message})`);
  }
}

const mediaType = (json: unknown): string =>
  json && typeof json === 'object' && typeof (json as { mediaType?: unknown }).mediaType === 'string'
    ? (json as { mediaType: string }).mediaType
    : '';

async function readTargets(
  trustedRootPath: string,
  signingConfigPath: string | undefined,
  now: Date,
  placeholder: boolean,
): Promise<Blob[]> {
  const { bytes, json } = await readInput(trustedRootPath, '--trusted-root');
  const root = parseTrustedRoot(trustedRootPath, json);
  const blobs: Blob[] = [{ name: TRUSTED_ROOT_TARGET, data: bytes }, ...legacyTargets(root, now)];
  if (placeholder && root.ctlogs.length === 0) blobs.push(ctLogPlaceholder());
  if (signingConfigPath) {
    const sc = await readInput(signingConfigPath, '--signing-config');
    if (!mediaType(sc.json).startsWith(SIGNING_CONFIG_MEDIA_TYPE))
      throw new TufRepoError(
        `--signing-config ${signingConfigPath}: mediaType "${mediaType(sc.json)}" is not ${SIGNING_CONFIG_MEDIA_TYPE}; ` +
          'give a signing config v0.2 (what `cosign signing-config create` writes)',
      );
    try {
      SigningConfig.fromJSON(sc.json);
    } catch (err) {
      throw new TufRepoError(`--signing-config ${signingConfigPath}: ${(err as Error).message}`);
    }
    // Always this name: the one sigstore-go and sigstore-js look the signing config up by.
    blobs.push({ name: SIGNING_CONFIG_TARGET, data: sc.bytes });
  }
  return blobs;
}

function parseTrustedRoot(path: string, json: unknown): TrustedRoot {
  const what = `--trusted-root ${path}`;
  if (!mediaType(json).startsWith('application/vnd.dev.sigstore.trustedroot'))
    throw new TufRepoError(
      `${what}: no trusted root mediaType (got "${mediaType(json)}"); give the trusted_root.json of your Sigstore ` +
        '(sigstamp trusted-root writes one)',
    );
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(json);
    // What the verifiers do with it: catches keys and certificates that do not parse.
    toTrustMaterial(root);
  } catch (err) {
    throw new TufRepoError(`${what} does not parse as a trusted root: ${(err as Error).message}`);
  }
  if (root.certificateAuthorities.length === 0 && root.tlogs.length === 0)
    throw new TufRepoError(
      `${what} names no certificate authority and no transparency log: nothing to trust`,
    );
  return root;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const numbered = (base: string, i: number, ext: string): string =>
  `${base}${i === 0 ? '' : `_${i + 1}`}${ext}`;

/**
 * The files cosign v2 and sigstore/sigstore pkg/tuf (go-tuf v0.7, `GetTargetsByMeta`) find by their
 * `custom.sigstore.usage`, from before trusted_root.json existed. Named as Sigstore's public
 * repository names them (sigstore/root-signing targets: fulcio_v1.crt.pem, rekor.pub, ctfe.pub,
 * tsa_leaf.crt.pem / tsa_intermediate_N.crt.pem / tsa_root.crt.pem, the names cosign's TSA code
 * asks for), numbered when the trusted root has more than one. A Fulcio file holds the whole chain:
 * sigstore/sigstore fulcioroots sorts self-signed certificates into roots and the rest into
 * intermediates. The TSA names can hold one chain only, so only the first TSA is published this
 * way; newer clients read every TSA from trusted_root.json.
 */
function legacyTargets(root: TrustedRoot, now: Date): Blob[] {
  const status = (validFor?: { end?: Date }) =>
    validFor?.end && validFor.end.getTime() <= now.getTime() ? 'Expired' : 'Active';
  const custom = (usage: string, validFor: { end?: Date } | undefined, uri: string) => ({
    sigstore: { usage, status: status(validFor), ...(uri ? { uri } : {}) },
  });
  const blobs: Blob[] = [];
  root.certificateAuthorities.forEach((ca, i) => {
    const certs = ca.certChain?.certificates ?? [];
    if (certs.length === 0) return;
    blobs.push({
      name: `fulcio_v${i + 1}.crt.pem`,
      data: Buffer.from(certs.map((c) => pem('CERTIFICATE', c.rawBytes)).join('')),
      custom: custom('Fulcio', ca.validFor, ca.uri),
    });
  });
  const logs = (list: TrustedRoot['tlogs'], base: string, usage: string) =>
    list.forEach((log, i) => {
      const raw = log.publicKey?.rawBytes;
      if (!raw) return;
      blobs.push({
        name: numbered(base, i, '.pub'),
        data: Buffer.from(pem('PUBLIC KEY', raw)),
        custom: custom(usage, log.publicKey?.validFor, log.baseUrl),
      });
    });
  logs(root.tlogs, 'rekor', 'Rekor');
  logs(root.ctlogs, 'ctfe', 'CTFE');
  const tsa = root.timestampAuthorities[0];
  const chain = tsa?.certChain?.certificates ?? [];
  if (tsa && chain.length >= 2) {
    // The trusted root orders a TSA chain signing certificate first, root last.
    const names = chain.map((_, i) =>
      i === 0
        ? 'tsa_leaf.crt.pem'
        : i === chain.length - 1
          ? 'tsa_root.crt.pem'
          : `tsa_intermediate_${i - 1}.crt.pem`,
    );
    chain.forEach((c, i) =>
      blobs.push({
        name: names[i]!,
        data: Buffer.from(pem('CERTIFICATE', c.rawBytes)),
        custom: custom('TSA', tsa.validFor, tsa.uri),
      }),
    );
  }
  return blobs;
}

/**
 * A `ctfe.pub` for a Sigstore without a certificate transparency log. Kyverno v1.19.1's
 * ImageValidatingPolicy loads CT log keys from its TUF client before it looks at
 * `ctlog.insecureIgnoreSCT`, and fails keyless verification outright when there are none
 * (pkg/image/verifiers/ivpol/cosign/opts.go initTUFAndFetch → ctLogPubsFromTrustedRoot: "no CTLog
 * public keys found in trusted root"; the same wall as kyverno/kyverno#8858). The key is freshly
 * generated and its private half never kept, so it can vouch for nothing; it is marked Expired and
 * the generated policies ignore SCTs. Drop this when Kyverno skips CT keys under insecureIgnoreSCT.
 */
function ctLogPlaceholder(): Blob {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    name: 'ctfe.pub',
    data: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    custom: {
      sigstore: { usage: 'CTFE', status: 'Expired' },
      sigstamp: {
        placeholder: 'no CT log in the trusted root; private key discarded (Kyverno needs a CT key)',
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Keys.

/** The TUF form of an ed25519 public key; keyid = sha256 of its canonical JSON (TUF spec §4.2). */
function tufKey(publicKey: KeyObject): Key {
  const x = publicKey.export({ format: 'jwk' }).x;
  if (publicKey.asymmetricKeyType !== 'ed25519' || !x) throw new Error('not an ed25519 key');
  const body = {
    keytype: 'ed25519',
    scheme: 'ed25519',
    keyval: { public: Buffer.from(x, 'base64url').toString('hex') },
  };
  const keyID = createHash('sha256').update(canonicalize(body)).digest('hex');
  return new Key({ keyID, keyType: body.keytype, scheme: body.scheme, keyVal: body.keyval });
}

function generateKeys(): Keys {
  const entries = ROLES.map((role) => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return [role, { privateKey, key: tufKey(publicKey) }] as const;
  });
  return Object.fromEntries(entries) as Keys;
}

async function loadKeys(keysDir: string, outDir: string): Promise<Keys> {
  const keys: Partial<Keys> = {};
  for (const role of ROLES) {
    const path = join(keysDir, `${role}.pem`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new TufRepoError(
        `${path}: ${missing ? 'not found' : (err as Error).message}: the ${role} key that signs ${outDir}. ` +
          `Give --keys the directory the first run wrote (default ${outDir}.keys); without the keys the ` +
          'repository cannot be re-signed: write a new one to an empty --out and pin its root.json again',
      );
    }
    try {
      const privateKey = createPrivateKey(text);
      keys[role] = { privateKey, key: tufKey(createPublicKey(privateKey)) };
    } catch (err) {
      throw new TufRepoError(`${path}: not an ed25519 private key (${(err as Error).message})`);
    }
  }
  return keys as Keys;
}

async function writeKeys(dir: string, keys: Keys): Promise<void> {
  for (const role of ROLES) {
    const pemText = keys[role].privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    await writeFile(join(dir, `${role}.pem`), pemText, { mode: 0o600, flag: 'wx' });
  }
}

const signer = (k: RoleKey) => (data: Buffer) =>
  new Signature({ keyID: k.key.keyID, sig: sign(null, data, k.privateKey).toString('hex') });

// ---------------------------------------------------------------------------------------------
// Metadata.

function signedBytes<T extends Root | Targets | Snapshot | Timestamp>(signed: T, key: RoleKey): Buffer {
  const md = new Metadata(signed);
  md.sign(signer(key));
  return Buffer.from(`${JSON.stringify(md.toJSON(), null, 2)}\n`);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function rootBytes(keys: Keys, version: number, expires: Date): MetaBytes {
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
function topLevel(keys: Keys, blobs: Blob[], v: Omit<Record<Role, number>, 'root'>, expires: Date) {
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
async function create(outDir: string, keysDir: string, blobs: Blob[], expires: Date): Promise<WriteResult> {
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

async function writeBlob(dir: string, b: Blob, write: Write = (p, d) => writeFile(p, d)): Promise<void> {
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
async function resign(outDir: string, keysDir: string, blobs: Blob[], expires: Date): Promise<WriteResult> {
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
