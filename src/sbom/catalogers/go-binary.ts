/**
 * Go modules compiled into binaries, as syft 1.51's `go-module-binary-cataloger`
 * (syft/pkg/cataloger/golang/parse_go_binary.go, package.go, stdlib_package.go, scan_binary.go).
 *
 * The layer streamer scans every executable regular file with {@link GoBuildInfoScanner} and hands this
 * cataloger `ImageFile.goBuildInfo` (the bytes from the build-info magic on): it never needs the binary
 * itself (`buildInfoOnly`). A file that comes with `content` or `spillPath` instead is scanned here.
 */
import { createReadStream } from 'node:fs';
import type { CatalogContext, Cataloger, ImageFile, Package } from '../model.js';
import { applyCompliance, syftPurl } from './lang-common.js';
import { GoBuildInfoScanner, parseBuildInfoBlob, parseModInfo } from './go-buildinfo.js';
import type { GoBuildInfo, GoModule } from './go-buildinfo.js';

export { GoBuildInfoScanner, findGoBuildInfo, GO_BUILDINFO_MAGIC, GO_BUILDINFO_MAX } from './go-buildinfo.js';

export const GO_BINARY_CATALOGER = 'go-module-binary-cataloger';
const DEVEL = '(devel)';

/** A cataloger that only needs `goBuildInfo` of the executables it wants, never their content. */
export interface GoBinaryCataloger extends Cataloger {
  readonly buildInfoOnly: true;
}

/** package.go packageURL: the module path up to its last `/` is the namespace, kept unescaped per segment. */
export function goPurl(module: string, version: string): string {
  if (module === '') return '';
  const slash = module.lastIndexOf('/');
  return slash > 0 && slash < module.length - 1
    ? syftPurl('golang', module.slice(0, slash), module.slice(slash + 1), version)
    : syftPurl('golang', '', module, version);
}

const escapeRe = (s: string): string => s.replace(/[\\^$*+?()[\]{}|]/g, '\\$&');
// parse_go_binary.go knownBuildFlagPatterns, prefixed with `(main|<main module>\/[^\s]*)` as
// extractVersionFromLDFlags does (only `/` of the module path is escaped there, so `.` matches any byte too).
const LDFLAG_PATTERNS = [
  String.raw`\.[a-zA-Z0-9]*([rR]elease)?([gG]it)?([bB]uild)?[vV]er(sion)?=(\S+/)*(?<version>v?\d+.\d+.\d+[-\w]*)`,
  String.raw`\.[a-zA-Z0-9]*([tT]ag)=(\S+/)*(?<version>v?\d+.\d+.\d+[-\w]*)`,
];

function versionFromLdflags(ldflags: string, mainModule: string): string {
  if (ldflags === '') return '';
  for (const p of LDFLAG_PATTERNS) {
    const v = new RegExp(`(main|${escapeRe(mainModule)}/[^\\s]*)${p}`).exec(ldflags)?.groups?.version;
    if (v) return v.startsWith('v') ? v : `v${v}`;
  }
  return '';
}

/** golang.org/x/mod/module.PseudoVersion("", "", t, rev) -> v0.0.0-yyyymmddhhmmss-rev. */
function pseudoVersion(time: string, rev: string): string {
  const ms = Date.parse(time);
  const d = Number.isNaN(ms) ? undefined : new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ts = d
    ? `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
    : '00010101000000'; // syft ignores the parse error and formats Go's zero time
  return `v0.0.0-${ts}-${rev}`;
}

/**
 * findMainModuleVersion with syft's defaults (golang/config.go DefaultMainModuleVersionConfig: from-ld-flags
 * and from-build-settings on, from-contents off): a `-X main.version=…` style ldflag first, else a
 * pseudo-version from vcs.revision + vcs.time, else no version.
 */
function mainModuleVersion(bi: GoBuildInfo): string {
  const get = (k: string): string | undefined => bi.settings.find(([key]) => key === k)?.[1];
  const fromLd = versionFromLdflags(get('-ldflags') ?? '', bi.main.path);
  if (fromLd !== '') return fromLd;
  const rev = get('vcs.revision');
  const time = get('vcs.time');
  if (rev !== undefined && time !== undefined)
    return pseudoVersion(time, rev.length >= 12 ? rev.slice(0, 12) : rev);
  return '';
}

const sameModule = (a: GoModule | undefined, b: GoModule | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.path === b.path &&
    a.version === b.version &&
    a.sum === b.sum &&
    sameModule(a.replace, b.replace));

/** getExperimentsFromVersion: "go1.22.1 X:boringcrypto" -> "go1.22.1". */
const toolchainVersion = (v: string): string => v.split(' ')[0] as string;

/** Packages of one binary: main module, deps, and the synthetic `stdlib` (syft's order). */
export function goPackagesFromBuildInfo(bi: GoBuildInfo, path: string): Package[] {
  const gover = toolchainVersion(bi.goVersion);
  const arch = bi.settings.find(([k]) => k === 'GOARCH')?.[1] ?? '';
  const empty = (m: GoModule): boolean => m.path === '' && m.version === '' && m.sum === '' && !m.replace;
  // missingMainModule / createMainModuleFromPath: no `mod` line (or "command-line-arguments") -> the single
  // `(devel)` dep becomes the main module, else one is made up from `path`.
  if (
    (empty(bi.main) && bi.path !== '') ||
    (bi.main.path === 'command-line-arguments' &&
      bi.main.version === '' &&
      bi.main.sum === '' &&
      !bi.main.replace)
  ) {
    const devel = bi.deps.filter((d) => d.version === DEVEL);
    if (devel.length === 1) {
      bi.main = devel[0] as GoModule;
      bi.deps.splice(bi.deps.lastIndexOf(bi.main), 1);
    } else bi.main = { path: bi.path, version: DEVEL, sum: '' };
  }
  const make = (m: GoModule): Package => {
    // newGoBinaryPackage: a replaced module is named by its replacement unless that is a local directory
    // (`./x`, `/x`), and takes the replacement's version; `(devel)` means "no version".
    const r = m.replace;
    const name = r && !r.path.startsWith('.') && !r.path.startsWith('/') ? r.path : m.path;
    const src = r ?? m;
    const version = src.version === DEVEL ? '' : src.version;
    const metadata: Record<string, string> = { goCompiledVersion: gover, mainModule: bi.main.path };
    if (src.sum !== '') metadata.h1Digest = src.sum;
    if (arch !== '') metadata.architecture = arch;
    return {
      name,
      version,
      type: 'go-module',
      purl: goPurl(name, version),
      licenses: [],
      locations: [path],
      foundBy: GO_BINARY_CATALOGER,
      metadata,
    };
  };
  const out: Package[] = [];
  if (!empty(bi.main)) {
    const main = { ...bi.main };
    if (main.version === DEVEL) {
      const v = mainModuleVersion(bi);
      main.version = v === '' ? '' : v.startsWith('v') ? v : `v${v}`;
    }
    out.push(make(main));
  }
  for (const dep of bi.deps) if (!sameModule(dep, bi.main)) out.push(make(dep));
  const named = out.filter((p) => p.name !== '');
  // stdlib_package.go: one `stdlib` per binary that yielded any Go package, when generateStdlibCpe can read a
  // version out of the toolchain version (`(\d+(\.\d+)?(\.\d+)?)` after "go", before any "+").
  const bare = gover.replace(/^go/, '').split('+')[0] as string;
  if (named.length > 0 && /\d+(\.\d+)?(\.\d+)?/.test(bare)) {
    named.push({
      name: 'stdlib',
      version: gover,
      type: 'go-module',
      purl: goPurl('stdlib', gover.replace(/^go/, '')),
      licenses: ['BSD-3-Clause'],
      locations: [path],
      foundBy: GO_BINARY_CATALOGER,
      metadata: { goCompiledVersion: gover },
    });
  }
  return named;
}

async function blobOf(f: ImageFile): Promise<Buffer | undefined> {
  if (f.goBuildInfo) return f.goBuildInfo;
  const s = new GoBuildInfoScanner();
  if (f.content) s.push(f.content);
  else if (f.spillPath) {
    for await (const chunk of createReadStream(f.spillPath)) {
      s.push(chunk as Buffer);
      if (s.done) break;
    }
  }
  return s.result();
}

export function goBinaryCataloger(): GoBinaryCataloger {
  return {
    name: GO_BINARY_CATALOGER,
    buildInfoOnly: true,
    // syft selects files by executable MIME type; executables are what the streamer can scan cheaply.
    wants: (_path, _size, mode) => (mode & 0o111) !== 0,
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const out: Package[] = [];
      for (const f of files) {
        const blob = await blobOf(f);
        if (!blob) continue; // not a Go binary: syft stays silent too
        try {
          const { goVersion, modinfo } = parseBuildInfoBlob(blob);
          out.push(...goPackagesFromBuildInfo(parseModInfo(modinfo, goVersion), f.path));
        } catch (e) {
          ctx.warn(`go: skipping ${f.path}: ${(e as Error).message}`);
        }
      }
      return applyCompliance(out);
    },
  };
}
