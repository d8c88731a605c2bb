/**
 * Debian packages from the dpkg database: /var/lib/dpkg/status (one RFC822-style stanza per package) and,
 * in distroless images, /var/lib/dpkg/status.d/<pkg> (one stanza per file, no Status field). Licenses come
 * from /usr/share/doc/<pkg>/copyright.
 *
 * Format and rules follow syft v1.51.0 `syft/pkg/cataloger/debian/parse_dpkg_db.go` (stanzas, Source
 * with an optional "(version)", removed-but-not-purged entries skipped), `package.go` (`packageURL`: only
 * for Debian and its derivatives, `upstream=` = Source[@version]) and `parse_copyright.go` (licenses).
 */
import {
  readImageFile,
  type CatalogContext,
  type Cataloger,
  type Distro,
  type ImageFile,
  type Package,
} from '../model.js';
import { declaredLicenses } from './apk.js';
import { osPurl } from './os-release.js';

const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';
const COPYRIGHT = /^\/usr\/share\/doc\/([^/]+)\/copyright$/;
/**
 * Files that sit beside the per-package stanzas in distroless status.d (`<pkg>.md5sums`, maintainer
 * scripts, …). Package names may contain dots ("python3.11"), so only these suffixes are excluded.
 */
const INFO_SUFFIXES =
  /\.(md5sums|conffiles|list|preinst|postinst|prerm|postrm|config|templates|triggers|shlibs|symbols)$/;
/** Bounds on what we read: a status file of thousands of packages is a few MiB; copyright files are text. */
const MAX_STATUS_SIZE = 256 * 1024 * 1024;
const MAX_COPYRIGHT_SIZE = 8 * 1024 * 1024;
/** dpkg states whose files are all on disk and configured (triggers may still be pending). */
const INSTALLED_STATES = new Set(['installed', 'triggers-pending', 'triggers-awaited']);

export interface DpkgStanza {
  /** 1-based line where the stanza starts, for warnings. */
  line: number;
  fields: Map<string, string>;
}

/**
 * Splits a dpkg status file into stanzas (deb822: `Field: value`, continuation lines start with a space or
 * tab, stanzas are separated by blank lines). A malformed stanza (continuation without a field, a line
 * without a colon, a duplicate field) is reported through `warn` and left out; the others still parse.
 */
export function parseDpkgStanzas(text: string, where: string, warn: (m: string) => void): DpkgStanza[] {
  const out: DpkgStanza[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let key: string | undefined;
  let problem: string | undefined;

  const finish = () => {
    if (fields.size > 0 || problem) {
      if (problem) warn(`${where}: skipped the stanza at line ${start}: ${problem}`);
      else out.push({ line: start, fields });
    }
    fields = new Map();
    key = undefined;
    problem = undefined;
  };

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (fields.size === 0 && !problem) start = i + 1;
    if (problem) continue; // the rest of a broken stanza
    if (line.startsWith('#')) continue; // deb822 comment
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (key === undefined) {
        problem = `continuation line ${i + 1} has no field before it`;
        continue;
      }
      fields.set(key, `${fields.get(key)}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name === '' || /\s/.test(name)) {
      problem = `line ${i + 1} is not a "Field: value" line`;
      continue;
    }
    if (fields.has(name)) {
      problem = `duplicate field ${name} at line ${i + 1}`;
      continue;
    }
    key = name;
    fields.set(name, line.slice(colon + 1).trim());
  }
  finish();
  return out;
}

/** syft `extractSourceVersion`: "Source: glibc (2.36-9+deb12u4)" names the source package and its version. */
export function parseSource(source: string): { name: string; version?: string } {
  const m = /^(\S+)(?: \((.*)\))?/.exec(source.trim());
  if (!m) return { name: '' };
  return m[2] ? { name: m[1] as string, version: m[2] } : { name: m[1] as string };
}

/** Status "want flag state" (e.g. "install ok installed"); status.d stanzas have none and are installed. */
function isInstalled(status: string | undefined): boolean {
  if (status === undefined) return true;
  const state = status.trim().split(/\s+/)[2];
  return state !== undefined && INSTALLED_STATES.has(state);
}

// ---------------------------------------------------------------------------------------------------
// copyright files (syft parse_copyright.go)

const DEP5_FORMAT = /^Format:\s*https?:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\//;
const LICENSE_FIELD = /^License: (\S*)/;
const COMMON_LICENSE_PATH = /\/usr\/share\/common-licenses\/([0-9A-Za-z_.-]+)/;
const LICENSE_AGREEMENT_HEADING = /^\s*(LICENSE AGREEMENT(?: FOR .+?)?)\s*$/i;
/** syft `multiLicenseExceptions`: names that contain " and " but are one license. */
const MULTI_LICENSE_EXCEPTIONS = ['NVIDIA Software License Agreement'];

/** syft `ensureIsSingleLicense`: drops "A or B"/"A and B" summaries, "none", and a trailing period. */
function singleLicense(candidate: string): string {
  const c = candidate.replace(/\n/g, ' ').trim();
  for (const exception of MULTI_LICENSE_EXCEPTIONS) {
    if (c.includes(exception)) return c.replace(/\.$/, '');
  }
  if (c.includes(' or ') || c.includes(' and ')) return '';
  if (c === '' || c.toLowerCase() === 'none') return '';
  return c.replace(/\.$/, '');
}

/**
 * syft's heading detection: a file that opens with a title line, a line of dashes, then (after blank lines)
 * a sentence: that first sentence names the license ("NVIDIA Software License Agreement and …").
 */
class HeadingDetector {
  private state: 'heading' | 'dashes' | 'blanks' | 'capture' | 'done' = 'heading';
  private text = '';

  next(line: string): string {
    switch (this.state) {
      case 'heading':
        this.state = line.trim() !== '' ? 'dashes' : 'done';
        return '';
      case 'dashes': {
        const t = line.trim();
        this.state = t.length > 0 && /^-+$/.test(t) ? 'blanks' : 'done';
        return '';
      }
      case 'blanks':
        if (line.trim() === '') return '';
        this.text = line;
        this.state = 'capture';
        return this.sentence();
      case 'capture':
        this.text += ' ' + line;
        return this.sentence();
      default:
        return '';
    }
  }

  private sentence(): string {
    const dot = this.text.indexOf('.');
    if (dot < 0) return '';
    this.state = 'done';
    return singleLicense(this.text.slice(0, dot + 1));
  }
}

/**
 * License names from a copyright file, sorted and deduplicated.
 *
 * A machine-readable file (DEP-5: the first non-blank line is the `Format:` header) is read exactly as
 * syft v1.51.0 reads it: every `License:` field, every /usr/share/common-licenses/<name> reference, a
 * "LICENSE AGREEMENT FOR …" heading, and the heading/dashes/first-sentence form.
 *
 * syft gives a free-text file (no Format header) to its full-text license classifier instead. We have no
 * classifier, so we apply the free-text patterns syft used on such files before v1.51 (the common-licenses
 * references, the agreement heading and the heading form) but not the `License:` pattern, whose matches
 * in free text were junk ("#", "Permission", "This" — the reason syft stopped parsing these files).
 */
export function parseCopyrightLicenses(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const firstContent = lines.find((l) => l.trim() !== '');
  if (firstContent === undefined) return [];
  const dep5 = DEP5_FORMAT.test(firstContent);
  const found = new Set<string>();
  const heading = new HeadingDetector();
  let started = false;
  for (const line of lines) {
    // syft skips the blank lines before the Format header entirely (they never reach the heading state).
    if (dep5 && !started && line.trim() === '') continue;
    started = true;
    const patterns = dep5
      ? [LICENSE_FIELD, COMMON_LICENSE_PATH, LICENSE_AGREEMENT_HEADING]
      : [COMMON_LICENSE_PATH, LICENSE_AGREEMENT_HEADING];
    for (const p of patterns) {
      const m = p.exec(line);
      const value = m?.[1] !== undefined ? singleLicense(m[1]) : '';
      if (value) found.add(value);
    }
    const fromHeading = heading.next(line);
    if (fromHeading) found.add(fromHeading);
  }
  return [...found].sort();
}

// ---------------------------------------------------------------------------------------------------

/** syft `packageURL` (debian/package.go): a deb purl only for Debian and distros that declare ID_LIKE=debian. */
export function debPurl(
  pkg: { name: string; version: string; arch?: string; source?: string; sourceVersion?: string },
  distro: Distro | undefined,
): string {
  if (!distro) return '';
  if (distro.id !== 'debian' && !(distro.idLike ?? []).includes('debian')) return '';
  let upstream: string | undefined;
  if (pkg.source) upstream = pkg.sourceVersion ? `${pkg.source}@${pkg.sourceVersion}` : pkg.source;
  return osPurl('deb', distro.id, pkg.name, pkg.version, { arch: pkg.arch, upstream }, distro);
}

function stanzaToPackage(
  s: DpkgStanza,
  where: string,
  licensesByPkg: Map<string, string[]>,
  ctx: CatalogContext,
): Package | undefined {
  const f = s.fields;
  if (!isInstalled(f.get('Status'))) return undefined; // e.g. "deinstall ok config-files": only conffiles left
  const name = f.get('Package');
  const version = f.get('Version');
  if (!name || !version) {
    ctx.warn(`${where}: skipped the stanza at line ${s.line}: no ${name ? 'Version' : 'Package'} field`);
    return undefined;
  }
  // Neither a package name nor a version may contain whitespace (Debian Policy 5.6.1, 5.6.12).
  if (/\s/.test(name) || /\s/.test(version)) {
    ctx.warn(
      `${where}: skipped the stanza at line ${s.line}: malformed name or version "${name}" "${version}"`,
    );
    return undefined;
  }
  const arch = f.get('Architecture') || undefined;
  const source = f.get('Source') ? parseSource(f.get('Source') as string) : undefined;
  // syft: a Source without a version names the source package; the version is then the binary's own.
  const sourceName = source?.name || undefined;

  const licenses: string[] = [];
  // opkg-style databases carry License inline (syft `extractDeclaredLicenses`).
  const inline = f.get('License');
  if (inline) licenses.push(...declaredLicenses(inline));
  for (const l of licensesByPkg.get(name) ?? []) if (!licenses.includes(l)) licenses.push(l);

  let purl = '';
  try {
    purl = debPurl({ name, version, arch, source: sourceName, sourceVersion: source?.version }, ctx.distro);
  } catch (e) {
    ctx.warn(`${where}: no purl for ${name} ${version}: ${(e as Error).message}`);
  }
  const p: Package = {
    name,
    version,
    type: 'deb',
    purl,
    licenses,
    locations: [where],
    foundBy: 'dpkg-db-cataloger',
  };
  const maintainer = f.get('Maintainer');
  if (maintainer) p.supplier = maintainer;
  if (arch) p.arch = arch;
  if (sourceName) p.sourceName = sourceName;
  const metadata: Record<string, string> = {};
  if (source?.version) metadata['sourceVersion'] = source.version;
  const installedSize = f.get('Installed-Size');
  if (installedSize) metadata['installedSize'] = installedSize;
  if (Object.keys(metadata).length > 0) p.metadata = metadata;
  return p;
}

function isStatusFile(path: string): boolean {
  if (path === STATUS) return true;
  if (!path.startsWith(STATUS_D)) return false;
  const base = path.slice(STATUS_D.length);
  return base !== '' && !base.includes('/') && !base.startsWith('.') && !INFO_SUFFIXES.test(base);
}

export function dpkgCataloger(): Cataloger {
  return {
    name: 'dpkg-db-cataloger',
    wants(path: string, size: number): boolean {
      if (isStatusFile(path)) return size <= MAX_STATUS_SIZE;
      return COPYRIGHT.test(path) && size <= MAX_COPYRIGHT_SIZE;
    },
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const licensesByPkg = new Map<string, string[]>();
      for (const f of files) {
        const m = COPYRIGHT.exec(f.path);
        if (!m) continue;
        try {
          licensesByPkg.set(
            m[1] as string,
            parseCopyrightLicenses((await readImageFile(f)).toString('utf8')),
          );
        } catch (e) {
          ctx.warn(`${f.path}: unreadable copyright file: ${(e as Error).message}`);
        }
      }
      const statusFiles = files.filter((f) => isStatusFile(f.path)).sort((a, b) => cmp(a.path, b.path));
      const out: Package[] = [];
      for (const f of statusFiles) {
        let text: string;
        try {
          text = (await readImageFile(f)).toString('utf8');
        } catch (e) {
          ctx.warn(`${f.path}: unreadable dpkg database: ${(e as Error).message}`);
          continue;
        }
        for (const stanza of parseDpkgStanzas(text, f.path, (m) => ctx.warn(m))) {
          const p = stanzaToPackage(stanza, f.path, licensesByPkg, ctx);
          if (p) out.push(p);
        }
      }
      return out;
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
