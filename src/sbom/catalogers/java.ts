/**
 * Java archives, as syft 1.51's `java-archive-cataloger` (syft/pkg/cataloger/java/archive_parser.go with its
 * default config: nested archives searched, zip-wrapped archives searched, no network or local Maven repository).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogContext, Cataloger, ImageFile, Package } from '../model.js';
import { applyCompliance, licenseValues } from './lang-common.js';
import type { Manifest, PomProject, PomProperties } from './java-meta.js';
import * as meta from './java-meta.js';
import { bufferSource, extractZipEntry, fileSource, readZipEntries, readZipEntry } from './zip.js';
import type { ZipEntry, ZipSource } from './zip.js';

export const JAVA_CATALOGER = 'java-archive-cataloger';
/** archive_parser.go archiveFormatGlobs (case-sensitive `**\/*.<ext>`). */
const ARCHIVE_EXTS = [
  'jar',
  'war',
  'ear',
  'par',
  'sar',
  'nar',
  'jpi',
  'hpi',
  'kar',
  'far',
  'lpkg',
  'rar',
  'zap',
];
const isJavaArchive = (p: string): boolean => ARCHIVE_EXTS.some((e) => p.endsWith(`.${e}`));

export const JAVA_LIMITS = {
  /** Nested archives up to this size are inflated in memory, bigger ones to a temp file. */
  nestedInMemory: 32 * 1024 * 1024,
  nestedMax: 2 * 1024 * 1024 * 1024,
  metadataFile: 8 * 1024 * 1024,
  depth: 8,
  archivesPerFile: 10_000,
};

interface Found {
  pkg: Package;
  manifest?: Manifest;
  props?: PomProperties;
  pom?: PomProject;
  /** syft's `jenkins-plugin` package type (our model has only `java-archive`; kept as metadata.syftType). */
  jenkins: boolean;
}

interface Walk {
  realPath: string;
  ctx: CatalogContext;
  tmp: () => Promise<string>;
  archives: number;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
/** ZipFileManifest.GlobMatch matches entry names as if they began with `/`. */
const norm = (n: string): string => (n.startsWith('/') ? n : `/${n}`);

const groupOf = (f: Found): string => meta.groupIdFor(f.pkg.name, f.props, f.pom, f.manifest);

async function sha1(src: ZipSource): Promise<string> {
  const h = createHash('sha1');
  for (let off = 0; off < src.size; off += 1 << 20) h.update(await src.read(off, 1 << 20));
  return h.digest('hex');
}

/** archiveParser.parse for one archive (`main` is false for a zip that only wraps Java archives). */
async function parseArchive(
  src: ZipSource,
  vpath: string,
  w: Walk,
  depth: number,
  main: boolean,
): Promise<Package[]> {
  const entries = new Map<string, ZipEntry>();
  for (const e of await readZipEntries(src)) if (!e.isDir) entries.set(e.name, e);
  const names = [...entries.keys()].sort();
  const read = async (n: string): Promise<string> =>
    (await readZipEntry(src, entries.get(n) as ZipEntry, JAVA_LIMITS.metadataFile)).toString('utf8');
  const fileName = meta.archiveFilename(vpath.slice(vpath.lastIndexOf(':') + 1));

  const props = new Map<string, PomProperties>();
  const poms = new Map<string, PomProject>();
  for (const n of names) {
    try {
      if (norm(n).endsWith('pom.properties')) {
        const p = meta.parsePomProperties(await read(n), n);
        // pomPropertiesByParentPath drops entries without a version or an artifactId.
        if (p.version !== '' && p.artifactId !== '') props.set(dirOf(n), p);
      } else if (norm(n).endsWith('pom.xml')) poms.set(dirOf(n), meta.parsePomXml(await read(n), n));
    } catch {
      // syft logs unparsable Maven files at debug level and goes on
    }
  }

  const out: Found[] = [];
  const manifests = main ? names.filter((n) => norm(n) === '/META-INF/MANIFEST.MF') : [];
  if (manifests.length > 1) throw new Error(`found multiple manifests in the jar: ${manifests.join(', ')}`);
  const manifest = manifests[0] ? meta.parseManifest(await read(manifests[0])) : undefined;
  let mainFound: Found | undefined;
  // discoverMainPackage: only a jar with a manifest has a main package; Weave-Classes marks instrumentation jars.
  if (manifest && meta.kvGet(manifest.main, 'Weave-Classes') === undefined) {
    const pick = pickPom(props, poms, fileName.name);
    let artifact = pick.props?.artifactId ?? '';
    let version = pick.props?.version ?? '';
    if (pick.pom) {
      if (artifact === '') artifact = pick.pom.artifactId;
      if (version === '') version = pick.pom.version;
    }
    if (artifact === '') artifact = meta.selectName(manifest, fileName.name);
    if (version === '') version = meta.selectVersion(manifest, fileName.version);
    // discoverNameVersionLicense: manifest licenses, else (license files, which need a text classifier we do not
    // have) the pom.xml's declared licenses.
    let licenses = meta.selectLicenses(manifest);
    if (licenses.length === 0 && pick.pom) licenses = pick.pom.licenses;
    const vendor =
      meta.kvGet(manifest.main, 'Specification-Vendor') ||
      meta.kvGet(manifest.main, 'Implementation-Vendor') ||
      '';
    mainFound = {
      manifest,
      jenkins: ['jpi', 'hpi'].includes(fileName.ext.toLowerCase()), // archive_filename.go pkgType
      ...(pick.pom ? { pom: pick.pom } : {}),
      pkg: {
        name: artifact,
        version,
        type: 'java-archive',
        purl: '',
        licenses: licenseValues(licenses),
        locations: [w.realPath],
        foundBy: JAVA_CATALOGER,
        ...(vendor !== '' ? { supplier: vendor } : {}),
        metadata: {
          virtualPath: vpath,
          sha1: await sha1(src),
          ...(vendor !== '' ? { supplierType: 'Organization' } : {}),
        },
      },
    };
    out.push(mainFound);
    // discoverPkgsFromAllMavenFiles: every pom.properties is a package, unless it describes the main package.
    for (const dir of [...props.keys()].sort()) {
      const aux = auxPackage(props.get(dir) as PomProperties, poms.get(dir), mainFound, vpath, w.realPath);
      if (aux) out.push(aux);
    }
  }
  const pkgs = out.map((f) => finalize(f));

  // discoverPkgsFromNestedArchives: every archive inside, parented to this one's main package.
  for (const n of names.filter((x) => isJavaArchive(x))) {
    if (++w.archives > JAVA_LIMITS.archivesPerFile || depth >= JAVA_LIMITS.depth) {
      w.ctx.warn(`java: ${w.realPath}: nesting too deep or too many archives, skipping ${vpath}:${n}`);
      break;
    }
    const e = entries.get(n) as ZipEntry;
    const nested = `${vpath}:${n}`;
    let inner: ZipSource | undefined;
    try {
      if (e.size <= JAVA_LIMITS.nestedInMemory)
        inner = bufferSource(await readZipEntry(src, e, JAVA_LIMITS.nestedInMemory));
      else {
        const dest = join(await w.tmp(), `${w.archives}.zip`);
        await extractZipEntry(src, e, dest, JAVA_LIMITS.nestedMax);
        inner = await fileSource(dest);
      }
      pkgs.push(...(await parseArchive(inner, nested, w, depth + 1, true)));
    } catch (err) {
      w.ctx.warn(`java: skipping nested archive ${nested}: ${(err as Error).message}`);
    } finally {
      await inner?.close();
    }
  }
  return pkgs;
}

/**
 * findBestPomMatch + handleSinglePomXML: the first pom.properties (by directory) whose artifactId matches the
 * file name, preferring one with a pom.xml beside it and an "exact" match; a lone pom.xml when there is no
 * pom.properties at all.
 */
function pickPom(
  props: Map<string, PomProperties>,
  poms: Map<string, PomProject>,
  fileName: string,
): { props?: PomProperties; pom?: PomProject } {
  const artifacts = new Set([...props.values()].map((p) => p.artifactId));
  const matches = (a: string): boolean =>
    a !== '' &&
    fileName !== '' &&
    (artifacts.has(fileName) ? a === fileName : a.startsWith(fileName) || fileName.endsWith(a));
  const exact = (p: PomProperties, pom: PomProject | undefined): boolean =>
    pom !== undefined && (fileName.includes(p.groupId) || fileName === p.artifactId);
  let best: PomProperties | undefined;
  let bestPom: PomProject | undefined;
  for (const dir of [...props.keys()].sort()) {
    const p = props.get(dir) as PomProperties;
    if (!matches(p.artifactId)) continue;
    const pom = poms.get(dir);
    if (!best) [best, bestPom] = [p, pom ?? bestPom];
    else if (pom && (!bestPom || exact(p, pom))) [best, bestPom] = [p, pom];
    if (exact(p, bestPom)) break;
  }
  if (props.size === 0 && poms.size === 1) bestPom = [...poms.values()][0];
  return { ...(best ? { props: best } : {}), ...(bestPom ? { pom: bestPom } : {}) };
}

/** newPackageFromMavenData + packageIdentitiesMatch/updateParentPackage. */
function auxPackage(
  props: PomProperties,
  pom: PomProject | undefined,
  parent: Found,
  vpath: string,
  realPath: string,
): Found | undefined {
  const parentGroup = groupOf(parent);
  const parentKey = `${parentGroup}:${parent.pkg.name}:${parent.pkg.version}`;
  const sameVirtualPath = parentKey === `${props.groupId}:${props.artifactId}:${props.version}`;
  const g = props.groupId;
  const f: Found = {
    props,
    // JavaPomProperties.PkgTypeIndicated (syft/pkg/java.go)
    jenkins: JENKINS_GROUPS.some((j) => g.startsWith(j)) || g.includes('.jenkins.plugin'),
    ...(pom ? { pom } : {}),
    pkg: {
      name: props.artifactId,
      version: props.version,
      type: 'java-archive',
      purl: '',
      licenses: licenseValues(pom?.licenses ?? []),
      locations: [realPath],
      foundBy: JAVA_CATALOGER,
      metadata: { virtualPath: sameVirtualPath ? vpath : `${vpath}:${props.groupId}:${props.artifactId}` },
    },
  };
  const key = (g: string, p: Package): string => `${g}|${p.name}|${p.version}`;
  if (
    key(groupOf(f), f.pkg) === key(parentGroup, parent.pkg) ||
    sameVirtualPath ||
    props.artifactId === parent.pkg.name
  ) {
    // The pom.properties describes the archive itself: it names the main package (better than the manifest).
    parent.pkg.name = props.artifactId;
    parent.pkg.version = props.version;
    parent.jenkins = f.jenkins;
    parent.props ??= props;
    return undefined;
  }
  return f;
}

const JENKINS_GROUPS = [
  'io.jenkins.plugins',
  'org.jenkins.plugins',
  'org.jenkins-ci.plugins',
  'io.jenkins-ci.plugins',
  'com.cloudbees.jenkins.plugins',
];

/** finalizePackage: the purl, and the jenkins-plugin type syft derives from it or from the pom.properties groupId. */
function finalize(f: Found): Package {
  f.pkg.purl = meta.mavenPurl(f.pkg.name, f.pkg.version, groupOf(f));
  if (f.jenkins || f.pkg.purl.includes('io.jenkins.plugins') || f.pkg.purl.includes('org.jenkins-ci.plugins'))
    (f.pkg.metadata ??= {}).syftType = 'jenkins-plugin';
  if (f.props)
    Object.assign((f.pkg.metadata ??= {}), { groupId: f.props.groupId, artifactId: f.props.artifactId });
  return f.pkg;
}

export function javaCataloger(): Cataloger {
  return {
    name: JAVA_CATALOGER,
    // syft's java globs, plus `**/*.zip` (zip-wrapped archives: IncludeIndexedArchives defaults to true).
    wants: (path) => isJavaArchive(path) || path.endsWith('.zip'),
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const out: Package[] = [];
      // syft resolves links and reports an archive once, at its real path: a link to an archive we
      // read anyway (Debian's versioned jar names, /usr/share/maven-repo) adds nothing.
      const real = new Set(files.filter((f) => !f.linkTarget).map((f) => f.path));
      for (const f of files) {
        if (f.linkTarget && real.has(f.linkTarget)) continue;
        let dir: string | undefined;
        const w: Walk = {
          realPath: f.path,
          ctx,
          archives: 0,
          tmp: async () => (dir ??= await mkdtemp(join(tmpdir(), 'sigstamp-jar-'))),
        };
        let src: ZipSource | undefined;
        try {
          src = f.content ? bufferSource(f.content) : f.spillPath ? await fileSource(f.spillPath) : undefined;
          if (src) out.push(...(await parseArchive(src, f.path, w, 0, isJavaArchive(f.path))));
        } catch (e) {
          ctx.warn(`java: skipping ${f.path}: ${(e as Error).message}`);
        } finally {
          await src?.close();
          if (dir) await rm(dir, { recursive: true, force: true });
        }
      }
      return applyCompliance(out);
    },
  };
}
