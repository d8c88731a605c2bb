/**
 * Installed Python distributions, as syft 1.51's `python-installed-package-cataloger`
 * (syft/pkg/cataloger/python/cataloger.go globs; parse_wheel_egg.go; parse_wheel_egg_metadata.go; package.go).
 */
import type { CatalogContext, Cataloger, ImageFile, Package } from '../model.js';
import { readImageFile } from '../model.js';
import { applyCompliance, baseName, licenseValues, parentName, syftPurl } from './lang-common.js';

export const PYTHON_CATALOGER = 'python-installed-package-cataloger';
const MAX_METADATA = 16 * 1024 * 1024;

/**
 * syft's globs, which are case-sensitive: `**\/*.egg-info` (a regular file), `**\/*dist-info/METADATA`,
 * `**\/*egg-info/PKG-INFO`, `**\/*DIST-INFO/METADATA`, `**\/*EGG-INFO/PKG-INFO`. Note `*dist-info`, not
 * `*.dist-info`: a directory named just `dist-info` counts too.
 */
export function isPythonMetadataPath(path: string): boolean {
  const base = baseName(path);
  if (base.endsWith('.egg-info')) return true;
  const parent = parentName(path);
  if (base === 'METADATA') return parent.endsWith('dist-info') || parent.endsWith('DIST-INFO');
  if (base === 'PKG-INFO') return parent.endsWith('egg-info') || parent.endsWith('EGG-INFO');
  return false;
}

/**
 * extractRFC5322Fields: headers up to the first blank line after a field; keys lose their dashes
 * (`License-Expression` -> `LicenseExpression`), a repeated key overrides the earlier one; a line starting with a space continues the previous value as
 * `"\n " + trimmed line`. Only RequiresDist/ProvidesExtra are plural, and we need neither.
 */
export function parseRfc822Fields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let key = '';
  for (const raw of text.split('\n')) {
    // bufio.Scanner drops a trailing \r of each line.
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0) {
      if (fields.size > 0) break;
      continue;
    }
    if (line.startsWith(' ')) {
      const prev = fields.get(key);
      if (key === '' || prev === undefined) throw new Error(`continuation with no previous key: ${line}`);
      fields.set(key, `${prev}\n ${line.trim()}`);
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue; // syft logs and skips lines that are not `key: value`
    key = line.slice(0, i).trim().replaceAll('-', '');
    fields.set(key, line.slice(i + 1).trim());
  }
  return fields;
}

/** package.go normalize (PEP 503 name normalisation): runs of `-_.` become `-`, lower-cased. */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** spdxutil formatPersonOrOrg: "name (email)", or whichever of the two is present. */
function personOrOrg(name: string, email: string): string {
  const n = name.trim();
  const e = email.trim();
  if (n !== '' && e !== '') return `${n} (${e})`;
  return n !== '' ? n : e;
}

/** One METADATA / PKG-INFO document -> a package, or undefined where syft emits none. */
export function parsePythonMetadata(text: string, path: string): Package | undefined {
  const f = parseRfc822Fields(text);
  // mapstructure: the exact key (the struct tag) wins, else a case-insensitive one.
  const get = (k: string): string =>
    f.get(k) ?? [...f].find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1] ?? '';
  const rawName = get('Name');
  // parse_wheel_egg.go: no name -> no package; "Python" is the interpreter's own egg-info, not a package.
  if (rawName === '' || rawName === 'Python') return undefined;
  const name = normalizePythonName(rawName);
  const version = get('Version');
  const supplier = personOrOrg(get('Author'), get('AuthorEmail'));
  // findLicenses: License-Expression and License are BOTH kept (NewFromValues(expr, license)). syft does not read
  // `Classifier: License ::` at all; with neither field set it would read a declared License-File's text, which
  // is a file we are not handed.
  const licenses = licenseValues([get('LicenseExpression'), get('License')]);
  const metadata: Record<string, string> = {};
  const sitePackages = baseName(path).endsWith('.egg-info')
    ? path.slice(0, path.lastIndexOf('/'))
    : path.slice(0, path.lastIndexOf('/', path.lastIndexOf('/') - 1));
  metadata.sitePackagesRootPath = sitePackages === '' ? '/' : sitePackages;
  for (const [k, v] of [
    ['homepage', get('HomePage')],
    ['summary', get('Summary')],
    ['licenseFile', get('LicenseFile')],
  ] as const)
    if (v !== '') metadata[k] = v;
  if (supplier !== '') metadata.supplierType = 'Person';
  return {
    name,
    version,
    type: 'python',
    purl: syftPurl('pypi', '', name, version),
    licenses,
    locations: [path],
    foundBy: PYTHON_CATALOGER,
    ...(supplier !== '' ? { supplier } : {}),
    metadata,
  };
}

export function pythonCataloger(): Cataloger {
  return {
    name: PYTHON_CATALOGER,
    wants: (path, size) => size <= MAX_METADATA && isPythonMetadataPath(path),
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const out: Package[] = [];
      for (const f of files) {
        try {
          const p = parsePythonMetadata((await readImageFile(f)).toString('utf8'), f.path);
          if (p) out.push(p);
        } catch (e) {
          ctx.warn(`python: skipping ${f.path}: ${(e as Error).message}`);
        }
      }
      return applyCompliance(out);
    },
  };
}
