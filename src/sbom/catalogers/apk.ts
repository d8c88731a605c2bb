/**
 * Alpine (and Wolfi/Chainguard) packages from /lib/apk/db/installed: records of `X:value` lines separated
 * by blank lines (https://wiki.alpinelinux.org/wiki/Apk_spec). We keep P (name), V (version), A (arch),
 * o (origin = source package), L (license), m (maintainer).
 *
 * Rules follow syft v1.51.0 `syft/pkg/cataloger/alpine/parse_apk_db.go` (record/field parsing; the distro
 * taken from /etc/apk/repositories when the image has no os-release) and `alpine/package.go` (licenses kept
 * whole when they form a valid SPDX expression, else split on spaces; `packageURL`).
 */
import parseSpdx from 'spdx-expression-parse';
import spdxIds from 'spdx-license-ids/index.json' with { type: 'json' };
import spdxDeprecatedIds from 'spdx-license-ids/deprecated.json' with { type: 'json' };
import {
  readImageFile,
  type CatalogContext,
  type Cataloger,
  type Distro,
  type ImageFile,
  type Package,
} from '../model.js';
import { osPurl } from './os-release.js';

const DB = '/lib/apk/db/installed';
const REPOSITORIES = '/etc/apk/repositories';
const MAX_DB_SIZE = 256 * 1024 * 1024;
/** syft `maxApkDBFieldSize`: a longer line is not a field of a real database. */
const MAX_FIELD = 10 * 1024 * 1024;

const LICENSE_IDS = new Map<string, string>(
  [...(spdxIds as string[]), ...(spdxDeprecatedIds as string[])].map((id) => [id.toLowerCase(), id]),
);

/**
 * Whether `expr` is an SPDX expression. syft asks github/go-spdx, which matches license ids without
 * regard to case; spdx-expression-parse is case-sensitive, so ids are put in their canonical case first.
 */
export function isSpdxExpression(expr: string): boolean {
  const canonical = expr.replace(/[A-Za-z0-9.+-]+/g, (tok) => {
    const upper = tok.toUpperCase();
    if (upper === 'AND' || upper === 'OR' || upper === 'WITH') return upper;
    const plus = tok.endsWith('+') ? '+' : '';
    const id = LICENSE_IDS.get((plus ? tok.slice(0, -1) : tok).toLowerCase());
    return id ? id + plus : tok;
  });
  try {
    parseSpdx(canonical);
    return true;
  } catch {
    return false;
  }
}

/**
 * A declared license field as syft records it (`alpine/package.go`, debian `extractDeclaredLicenses`):
 * one license when the field is a valid SPDX expression ("MPL-2.0 AND MIT"), else one per space-separated
 * word ("MIT BSD GPL2+" -> MIT, BSD, GPL2+).
 */
export function declaredLicenses(field: string): string[] {
  const value = field.trim();
  if (value === '') return [];
  const list = isSpdxExpression(value) ? [value] : value.split(/\s+/);
  return [...new Set(list.filter((l) => l !== ''))];
}

export interface ApkRecord {
  line: number;
  fields: Map<string, string>;
}

/**
 * Splits the database into records. A line that is not `X:value` (one letter, a colon) is not part of any
 * record: it is reported and dropped (syft logs and skips it too), so garbage before a record does not
 * hide the record. Repeated keys (F/R/a/Z: the file list) keep their first value; we need none of them.
 */
export function parseApkRecords(text: string, where: string, warn: (m: string) => void): ApkRecord[] {
  const out: ApkRecord[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let badLines = 0;
  let firstBad = 0;
  const lines = text.split('\n');
  const flush = () => {
    if (fields.size > 0) out.push({ line: start, fields });
    fields = new Map();
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '') {
      flush();
      continue;
    }
    if (line.length > MAX_FIELD || !/^[A-Za-z]:/.test(line)) {
      if (badLines++ === 0) firstBad = i + 1;
      continue;
    }
    const key = line[0] as string;
    const value = line.slice(2);
    // syft skips fields with an empty value ("D:" on a package without dependencies).
    if (value === '') continue;
    if (fields.size === 0) start = i + 1;
    if (!fields.has(key)) fields.set(key, value);
  }
  flush();
  if (badLines > 0) {
    warn(`${where}: skipped ${badLines} line(s) that are not "X:value" fields (first at line ${firstBad})`);
  }
  return out;
}

/** syft `parseReleasesFromAPKRepository`: "https://dl-cdn.alpinelinux.org/alpine/v3.16/main" -> alpine 3.16. */
export function distroFromRepositories(text: string): Distro | undefined {
  const m = /^https:\/\/.*\.alpinelinux\.org\/alpine\/v([^/]+)\/([a-zA-Z0-9_]+)$/m.exec(text);
  return m ? { id: 'alpine', versionId: m[1] as string, name: 'Alpine Linux' } : undefined;
}

/** syft `packageURL` (alpine/package.go): namespace = lower-cased distro ID; upstream = origin when it differs. */
export function apkPurl(
  pkg: { name: string; version: string; arch?: string; origin?: string },
  distro: Distro | undefined,
): string {
  if (!distro) return '';
  const upstream = pkg.origin !== pkg.name ? pkg.origin : undefined;
  return osPurl('apk', distro.id.toLowerCase(), pkg.name, pkg.version, { arch: pkg.arch, upstream }, distro);
}

export function apkCataloger(): Cataloger {
  return {
    name: 'apk-db-cataloger',
    wants(path: string, size: number): boolean {
      return (path === DB && size <= MAX_DB_SIZE) || (path === REPOSITORIES && size <= 1024 * 1024);
    },
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const db = files.find((f) => f.path === DB);
      if (!db) return [];
      let distro = ctx.distro;
      if (!distro) {
        // No os-release (e.g. a chroot or a stripped image): syft reads the repositories file instead.
        const repos = files.find((f) => f.path === REPOSITORIES);
        if (repos) distro = distroFromRepositories((await readImageFile(repos)).toString('utf8'));
      }
      const out: Package[] = [];
      const text = (await readImageFile(db)).toString('utf8');
      for (const r of parseApkRecords(text, db.path, (m) => ctx.warn(m))) {
        const f = r.fields;
        const name = f.get('P');
        const version = f.get('V');
        if (!name || !version) {
          ctx.warn(`${db.path}: skipped the record at line ${r.line}: no ${name ? 'V' : 'P'} field`);
          continue;
        }
        const arch = f.get('A');
        const origin = f.get('o');
        let purl = '';
        try {
          purl = apkPurl({ name, version, arch, origin }, distro);
        } catch (e) {
          ctx.warn(`${db.path}: no purl for ${name} ${version}: ${(e as Error).message}`);
        }
        const p: Package = {
          name,
          version,
          type: 'apk',
          purl,
          licenses: declaredLicenses(f.get('L') ?? ''),
          locations: [db.path],
          foundBy: 'apk-db-cataloger',
        };
        const maintainer = f.get('m');
        if (maintainer) p.supplier = maintainer;
        if (arch) p.arch = arch;
        if (origin) p.sourceName = origin;
        const checksum = f.get('C');
        const commit = f.get('c');
        const metadata: Record<string, string> = {};
        if (checksum) metadata['checksum'] = checksum;
        if (commit) metadata['gitCommit'] = commit;
        if (Object.keys(metadata).length > 0) p.metadata = metadata;
        out.push(p);
      }
      return out;
    },
  };
}
