/**
 * The image's distribution (/etc/os-release), and the purl helper the OS catalogers share, because the
 * distro is what decides a purl's namespace and its `distro=` qualifier.
 *
 * Behaviour follows syft v1.51.0 `syft/linux/identify_release.go` (which files, in which order) and
 * `syft/linux/supplement_release.go` (Debian's point release from /etc/debian_version), and the purl text
 * follows `syft/pkg/url.go` `PURLQualifiers` + anchore/packageurl-go v0.2.0 `ToString`, so that the purls
 * we write are byte-for-byte the ones syft writes (grype and every SBOM diff compare them as strings).
 */
import { PackageURL } from 'packageurl-js';
import { readImageFile, type Distro, type FileSelection, type ImageFile } from '../model.js';

/** Checked in this order, as syft does; /etc/os-release is usually a symlink to ../usr/lib/os-release. */
export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;
const DEBIAN_VERSION_PATH = '/etc/debian_version';
/** syft reads at most 5 MiB of a release file (io.LimitReader in identify_release.go). */
const MAX_RELEASE_FILE = 5 * 1024 * 1024;

/**
 * Asks for both os-release paths: the layer code resolves a symlink only to a file that was itself asked
 * for, so asking for /etc/os-release alone would lose the common `-> ../usr/lib/os-release` case.
 */
export const osReleaseSelection: FileSelection = {
  wants(path: string, size: number): boolean {
    if (size > MAX_RELEASE_FILE) return false;
    return (OS_RELEASE_PATHS as readonly string[]).includes(path) || path === DEBIAN_VERSION_PATH;
  },
};

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Unquotes one os-release value the way the format (shell variable assignment syntax) defines it. */
function unquote(raw: string): string {
  let value = raw.trim();
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) {
    value = value.slice(1, -1);
    // Single quotes in shell take everything literally.
    if (first === "'") return value;
  }
  // The escapes acobaugh/osrelease (syft's parser) expands: \" \$ \\ \`
  return value.replace(/\\(["$\\`])/g, '$1');
}

/**
 * Parses os-release text (https://www.freedesktop.org/software/systemd/man/os-release.html): KEY=value lines,
 * `#` comments, values optionally quoted. Unknown keys are ignored; a missing ID gives `id: ''`.
 */
export function parseOsRelease(text: string): Distro {
  const values = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) continue;
    values.set(key, unquote(line.slice(eq + 1)));
  }
  const distro: Distro = { id: values.get('ID') ?? '' };
  const set = (field: 'versionId' | 'versionCodename' | 'name' | 'prettyName', key: string) => {
    const v = values.get(key);
    if (v) distro[field] = v;
  };
  set('versionId', 'VERSION_ID');
  set('versionCodename', 'VERSION_CODENAME');
  set('name', 'NAME');
  set('prettyName', 'PRETTY_NAME');
  const idLike = (values.get('ID_LIKE') ?? '').split(/\s+/).filter((s) => s !== '');
  if (idLike.length > 0) distro.idLike = idLike;
  return distro;
}

function isEmptyDistro(d: Distro): boolean {
  return !d.id && !d.versionId && !d.versionCodename && !d.name && !d.prettyName && !d.idLike;
}

/**
 * syft `supplementDebianVersion`: on Debian, /etc/debian_version carries the point release ("12.5")
 * where os-release has only "12", and syft puts the point release into the purl (`distro=debian-12.5`).
 * Only a plain number is taken ("trixie/sid" is not).
 */
export function supplementDebianVersion(distro: Distro, debianVersion: string): Distro {
  if (distro.id.toLowerCase() !== 'debian') return distro;
  const v = debianVersion.trim();
  if (!/^\d+(?:\.\d+)?$/.test(v)) return distro;
  return { ...distro, versionId: v };
}

/**
 * The image's distro from the files `osReleaseSelection` picked: the first os-release that parses to
 * something, then Debian's point release. Undefined when the image has none (scratch, distroless static).
 */
export async function identifyDistro(files: ImageFile[]): Promise<Distro | undefined> {
  let distro: Distro | undefined;
  for (const candidate of OS_RELEASE_PATHS) {
    const f = files.find((x) => x.path === candidate);
    if (!f) continue;
    const parsed = parseOsRelease((await readImageFile(f)).subarray(0, MAX_RELEASE_FILE).toString('utf8'));
    if (!isEmptyDistro(parsed)) {
      distro = parsed;
      break;
    }
  }
  if (!distro) return undefined;
  const dv = files.find((x) => x.path === DEBIAN_VERSION_PATH);
  if (dv)
    distro = supplementDebianVersion(distro, (await readImageFile(dv)).subarray(0, 256).toString('utf8'));
  return distro;
}

// ---------------------------------------------------------------------------------------------------
// purls

/**
 * Percent-encodes like Go's url.QueryEscape with "+" turned into "%20" (anchore/packageurl-go `escape`):
 * only [A-Za-z0-9-_.~] stay as they are. So `+` -> %2B, `:` -> %3A, `@` -> %40, unlike packageurl-js,
 * which keeps `+` and `:` in versions: syft's purls are the reference, so we encode as Go does.
 */
export function goPurlEscape(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/** The `distro=` qualifier value: `<ID>-<VERSION_ID>` (syft `PURLQualifiers`), or just the ID. */
export function distroQualifier(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined;
  const parts = [distro.id, distro.versionId].filter((p): p is string => !!p);
  // syft falls back to BUILD_ID when VERSION_ID is empty; the shared Distro model carries no build id.
  return parts.length > 0 ? parts.join('-') : undefined;
}

/**
 * Builds a purl as syft does for OS packages: qualifiers whose value is empty are dropped, `distro=` is
 * added from the release when there is one, keys are sorted (packageurl-go sorts them on output), and
 * every component is escaped as Go's QueryEscape does. packageurl-js validates the components (type,
 * name, qualifier keys) and throws on an invalid one.
 */
export function osPurl(
  type: 'deb' | 'apk' | 'rpm',
  namespace: string,
  name: string,
  version: string,
  qualifiers: Record<string, string | undefined>,
  distro: Distro | undefined,
): string {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(qualifiers)) if (v) q[k] = v;
  const d = distroQualifier(distro);
  if (d) q['distro'] = d;
  // Validation only: packageurl-js would lowercase deb/apk names and encode differently from syft.
  new PackageURL(type, namespace || undefined, name, version || undefined, q, undefined);

  const segments = [
    type,
    ...namespace
      .split('/')
      .filter((s) => s !== '')
      .map(goPurlEscape),
  ];
  let nameVersion = goPurlEscape(name);
  if (version) nameVersion += '@' + goPurlEscape(version);
  segments.push(nameVersion);
  const query = Object.keys(q)
    .sort()
    .map((k) => `${goPurlEscape(k)}=${goPurlEscape(q[k] as string)}`)
    .join('&');
  return 'pkg:' + segments.join('/') + (query ? '?' + query : '');
}
