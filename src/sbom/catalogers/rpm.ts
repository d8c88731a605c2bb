/**
 * RPM packages from the rpm database, in any of its three backends, found where syft looks
 * (`syft/pkg/rpm.go` RpmDBGlob: {var/lib,usr/share,usr/lib/sysimage}/rpm/{Packages,Packages.db,rpmdb.sqlite}):
 * - rpmdb.sqlite (rpm ≥ 4.16: Fedora, RHEL 9, CBL-Mariner/Azure Linux): table Packages(hnum, blob)
 * - Packages.db (NDB: SUSE), see rpm-ndb.ts
 * - Packages (BerkeleyDB hash: RHEL ≤ 8, Amazon Linux 2), see rpm-bdb.ts
 * Each holds one rpm header per package (rpm-header.ts). The backend is told by the file's magic, as
 * knqyf263/go-rpmdb `pkg/rpmdb.go` `Open` does, not by its name.
 *
 * Package fields and purls follow syft v1.51.0 `syft/pkg/cataloger/redhat/parse_rpm_db.go` and
 * `redhat/package.go` (version "[epoch:]version-release"; purl version "version-release" with epoch=
 * and upstream=<sourcerpm> qualifiers; namespace = distro ID, rhel -> redhat, opensuse* -> opensuse).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readImageFile,
  type CatalogContext,
  type Cataloger,
  type Distro,
  type ImageFile,
  type Package,
} from '../model.js';
import { osPurl } from './os-release.js';
import { readBdbBlobs, isBdbHash } from './rpm-bdb.js';
import { parseRpmHeader, type RpmHeader } from './rpm-header.js';
import { isNdb, readNdbBlobs, type BlobResult } from './rpm-ndb.js';

const DB_PATH =
  /^\/(?:var\/lib|usr\/share|usr\/lib\/sysimage)\/rpm\/(Packages|Packages\.db|rpmdb\.sqlite)(-wal)?$/;
const MAX_DB_SIZE = 1024 * 1024 * 1024;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * rpm's SQLite database is in WAL mode; committed transactions may still sit in rpmdb.sqlite-wal. We ask
 * for that file too and put it beside the copy, so SQLite reads what rpm would read. The copy is private
 * because even a read-only open creates -shm/-wal files beside the database.
 */
async function readSqliteBlobs(db: ImageFile, wal: ImageFile | undefined): Promise<BlobResult> {
  const { DatabaseSync } = await import('node:sqlite');
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-rpmdb-'));
  try {
    const path = join(dir, 'rpmdb.sqlite');
    if (db.content) await writeFile(path, db.content);
    else if (db.spillPath) await copyFile(db.spillPath, path);
    if (wal && wal.size > 0) {
      if (wal.content) await writeFile(path + '-wal', wal.content);
      else if (wal.spillPath) await copyFile(wal.spillPath, path + '-wal');
    }
    const sqlite = new DatabaseSync(path, { readOnly: true });
    try {
      const blobs: Buffer[] = [];
      for (const row of sqlite.prepare('SELECT blob FROM Packages').iterate()) {
        const b = (row as { blob?: unknown }).blob;
        if (b instanceof Uint8Array) blobs.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      }
      return { blobs, problems: [] };
    } finally {
      sqlite.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** "bash-5.1.8-1.cm2.src.rpm" -> "bash": strip the package file suffix, then "-version-release". */
export function sourceRpmName(sourceRpm: string): string | undefined {
  const base = sourceRpm.replace(/\.(?:no)?src\.rpm$/, '');
  const parts = base.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : undefined;
}

/** syft `toELVersion`: the epoch is shown only when the header has one. */
export function rpmVersion(h: Pick<RpmHeader, 'epoch' | 'version' | 'release'>): string {
  return (h.epoch !== undefined ? `${h.epoch}:` : '') + `${h.version}-${h.release}`;
}

/** syft `packageURL` (redhat/package.go). */
export function rpmPurl(
  h: Pick<RpmHeader, 'name' | 'epoch' | 'version' | 'release' | 'arch' | 'sourceRpm'>,
  distro: Distro | undefined,
): string {
  let namespace = distro?.id ?? '';
  if (namespace === 'rhel' || namespace === 'hummingbird') namespace = 'redhat';
  if (namespace.startsWith('opensuse')) namespace = 'opensuse';
  return osPurl(
    'rpm',
    namespace,
    h.name,
    `${h.version}-${h.release}`,
    {
      arch: h.arch,
      epoch: h.epoch !== undefined ? String(h.epoch) : undefined,
      upstream: h.sourceRpm,
    },
    distro,
  );
}

function toPackage(h: RpmHeader, where: string, ctx: CatalogContext): Package {
  let purl = '';
  try {
    purl = rpmPurl(h, ctx.distro);
  } catch (e) {
    ctx.warn(`${where}: no purl for ${h.name} ${rpmVersion(h)}: ${(e as Error).message}`);
  }
  const p: Package = {
    name: h.name,
    version: rpmVersion(h),
    type: 'rpm',
    purl,
    licenses: h.license ? [h.license] : [],
    locations: [where],
    foundBy: 'rpm-db-cataloger',
  };
  if (h.vendor) p.supplier = h.vendor;
  if (h.arch) p.arch = h.arch;
  const src = h.sourceRpm ? sourceRpmName(h.sourceRpm) : undefined;
  if (src) p.sourceName = src;
  const metadata: Record<string, string> = { version: h.version, release: h.release };
  if (h.epoch !== undefined) metadata['epoch'] = String(h.epoch);
  if (h.sourceRpm) metadata['sourceRpm'] = h.sourceRpm;
  if (h.modularityLabel) metadata['modularityLabel'] = h.modularityLabel;
  if (h.size !== undefined) metadata['size'] = String(h.size);
  p.metadata = metadata;
  return p;
}

/** Content digest, streamed for a spilled file so a large database is not read twice into memory. */
async function digestOf(f: ImageFile): Promise<string> {
  const hash = createHash('sha256');
  if (f.content || !f.spillPath) hash.update(await readImageFile(f));
  else for await (const chunk of createReadStream(f.spillPath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readHead(f: ImageFile, n: number): Promise<Buffer> {
  if (!f.spillPath) return Buffer.alloc(0);
  const fh = await open(f.spillPath, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function readBlobs(f: ImageFile, wal: ImageFile | undefined): Promise<BlobResult> {
  if (f.path.endsWith('/rpmdb.sqlite')) {
    // SQLite reads from a file: no need to load a spilled database into memory to check its magic.
    const head = f.content ? f.content.subarray(0, 16) : await readHead(f, 16);
    if (head.equals(SQLITE_MAGIC)) return readSqliteBlobs(f, wal);
  }
  const buf = await readImageFile(f);
  if (buf.subarray(0, 16).equals(SQLITE_MAGIC)) return readSqliteBlobs({ ...f, content: buf }, wal);
  if (isNdb(buf)) return readNdbBlobs(buf);
  if (isBdbHash(buf)) return readBdbBlobs(buf);
  return { blobs: [], problems: ['not an rpm database (no SQLite, NDB or Berkeley DB hash magic)'] };
}

export function rpmCataloger(): Cataloger {
  return {
    name: 'rpm-db-cataloger',
    wants(path: string, size: number): boolean {
      return DB_PATH.test(path) && size <= MAX_DB_SIZE;
    },
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const out: Package[] = [];
      const seen = new Set<string>();
      const dbs = files.filter((f) => !f.path.endsWith('-wal')).sort((a, b) => (a.path < b.path ? -1 : 1));
      for (const f of dbs) {
        if (f.size === 0) continue;
        let result: BlobResult;
        try {
          // The same database reached through a symlinked directory (/var/lib/rpm -> ../../usr/lib/sysimage/rpm)
          // is read once.
          const digest = await digestOf(f);
          if (seen.has(digest)) continue;
          seen.add(digest);
          result = await readBlobs(
            f,
            files.find((w) => w.path === f.path + '-wal'),
          );
        } catch (e) {
          ctx.warn(`${f.path}: unreadable rpm database: ${(e as Error).message}`);
          continue;
        }
        for (const problem of result.problems) ctx.warn(`${f.path}: ${problem}`);
        for (const [i, blob] of result.blobs.entries()) {
          let h: RpmHeader;
          try {
            h = parseRpmHeader(blob);
          } catch (e) {
            ctx.warn(`${f.path}: skipped package header #${i + 1}: ${(e as Error).message}`);
            continue;
          }
          // Imported signing keys are stored as pseudo-packages (name gpg-pubkey, no arch, license "pubkey"):
          // not software, so left out. (syft v1.51 does list them; trivy and `dnf list` do not.)
          if (h.name === 'gpg-pubkey') continue;
          if (!h.name) {
            ctx.warn(`${f.path}: skipped package header #${i + 1}: it has no name`);
            continue;
          }
          out.push(toPackage(h, f.path, ctx));
        }
      }
      return out;
    },
  };
}
