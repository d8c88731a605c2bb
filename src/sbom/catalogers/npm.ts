/**
 * npm packages from every `package.json` in the image, as syft 1.51's `javascript-package-cataloger`
 * (syft/pkg/cataloger/javascript/cataloger.go: glob `**\/package.json`, so an application's own top-level
 * package.json is cataloged too, not only those under node_modules; parse_package_json.go; package.go).
 */
import type { CatalogContext, Cataloger, ImageFile, Package } from '../model.js';
import { readImageFile } from '../model.js';
import { applyCompliance, baseName, licenseValues, syftPurl } from './lang-common.js';

export const NPM_CATALOGER = 'javascript-package-cataloger';
const MAX_PACKAGE_JSON = 16 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
interface Person {
  name: string;
  email: string;
  url: string;
}

class ShapeError extends Error {}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** encoding/json matches keys case-insensitively and the last duplicate wins; so do we. */
function field(o: Obj, key: string): Json | undefined {
  let out: Json | undefined;
  for (const [k, v] of Object.entries(o)) if (k === key || k.toLowerCase() === key.toLowerCase()) out = v;
  return out;
}

/** A Go `string` field: JSON string or null, anything else fails the whole document (as json.Decode does). */
function str(o: Obj, key: string): string {
  const v = field(o, key);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new ShapeError(`"${key}" is not a string`);
  return v;
}

// parse_package_json.go authorPattern: "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)".
const AUTHOR = /^\s*(?<name>[^<(]*)(\s+<(?<email>.*)>)?(\s\((?<url>.*)\))?\s*$/;

/** person.UnmarshalJSON: a string parsed by authorPattern, else an object decoded by mapstructure. */
function person(v: Json): Person {
  if (v === null || typeof v === 'string') {
    const g = AUTHOR.exec(v ?? '')?.groups ?? {};
    return { name: g.name ?? '', email: g.email ?? '', url: g.url ?? '' };
  }
  if (!isObj(v)) throw new ShapeError('author is neither a string nor an object');
  return { name: str(v, 'name'), email: str(v, 'email'), url: str(v, 'url') };
}

/** people.UnmarshalJSON: an array of persons, or one person given alone (syft#4778). */
function people(v: Json | undefined): Person[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(person);
}

function authorString(p: Person): string {
  return p.name + (p.email !== '' ? ` <${p.email}>` : '') + (p.url !== '' ? ` (${p.url})` : '');
}

/** packageJSON.licensesFromJSON: `license` as string or `{type}`, else the deprecated `licenses` array. */
function licenses(doc: Obj): string[] {
  const license = field(doc, 'license');
  const legacy = field(doc, 'licenses');
  if (license === undefined && legacy === undefined) return [];
  if (license !== undefined) {
    // json.Unmarshal of `null` into a string succeeds with "" (the empty value is dropped later).
    if (license === null || typeof license === 'string') return [license ?? ''];
    if (isObj(license)) {
      const t = field(license, 'type');
      if (t === undefined || t === null || typeof t === 'string') return [t ?? ''];
    }
  }
  if (!Array.isArray(legacy)) return [];
  const out: string[] = [];
  for (const l of legacy) {
    if (l === null) {
      out.push('');
      continue;
    }
    if (!isObj(l)) return [];
    const t = field(l, 'type');
    if (t !== undefined && t !== null && typeof t !== 'string') return [];
    out.push(t ?? '');
  }
  return out;
}

/** Type checks json.Decode would fail the whole file on (struct fields syft declares but we don't use). */
function checkShape(doc: Obj): void {
  for (const k of ['description', 'homepage']) str(doc, k);
  const priv = field(doc, 'private');
  if (priv !== undefined && priv !== null && typeof priv !== 'boolean')
    throw new ShapeError('"private" is not a boolean');
  for (const k of ['dependencies', 'devDependencies']) {
    const deps = field(doc, k);
    if (deps === undefined || deps === null) continue;
    if (!isObj(deps) || Object.values(deps).some((d) => d !== null && typeof d !== 'string'))
      throw new ShapeError(`"${k}" is not a map of strings`);
  }
  const latest = field(doc, 'latest');
  if (
    latest !== undefined &&
    latest !== null &&
    (!Array.isArray(latest) || latest.some((x) => typeof x !== 'string'))
  )
    throw new ShapeError('"latest" is not a list of strings');
}

function repositoryURL(doc: Obj): string {
  const repo = field(doc, 'repository');
  if (repo === undefined || repo === null) return '';
  if (typeof repo === 'string') return repo;
  if (!isObj(repo) || Object.values(repo).some((x) => x !== null && typeof x !== 'string'))
    throw new ShapeError('"repository" is neither a string nor a map of strings');
  return str(repo, 'url');
}

/** package.go packageURL: a scoped name `@scope/name` puts `@scope` in the purl namespace. */
export function npmPurl(name: string, version: string): string {
  const slash = name.indexOf('/');
  return slash < 0
    ? syftPurl('npm', '', name, version)
    : syftPurl('npm', name.slice(0, slash), name.slice(slash + 1), version);
}

/**
 * The JSON values of a file, one after the other: parsePackageJSON loops json.Decoder.Decode, so a file holding
 * several documents yields several packages (and one bad document fails the whole file).
 */
function jsonValues(text: string): Json[] {
  const out: Json[] = [];
  let i = 0;
  const ws = /[ \t\n\r]/; // JSON whitespace only: a BOM fails, as in encoding/json
  while (i < text.length) {
    while (i < text.length && ws.test(text[i] as string)) i++;
    if (i >= text.length) break;
    let j = i;
    let depth = 0;
    let inString = false;
    for (; j < text.length; j++) {
      const c = text[j] as string;
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        if (depth === 0 && !inString) break;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (--depth <= 0) break;
      } else if (depth === 0 && (ws.test(c) || c === ',')) {
        j--;
        break;
      }
    }
    out.push(JSON.parse(text.slice(i, j + 1)) as Json);
    i = j + 1;
  }
  return out;
}

/** Every document of a package.json -> one package each (newPackageJSONPackage), before the compliance rules. */
export function parsePackageJson(text: string, path: string): Package[] {
  return jsonValues(text).map((doc) => packageFromDocument(doc, path));
}

function packageFromDocument(doc: Json, path: string): Package {
  if (doc !== null && !isObj(doc)) throw new ShapeError('not a JSON object');
  const o: Obj = doc ?? {};
  checkShape(o);
  const name = str(o, 'name');
  const version = str(o, 'version');
  const author = field(o, 'author');
  const parts: string[] = [];
  if (author !== undefined) {
    const a = person(author);
    if (a.name !== '' || a.email !== '' || a.url !== '') parts.push(authorString(a));
  }
  for (const k of ['authors', 'contributors', 'maintainers']) {
    const joined = people(field(o, k)).map(authorString).join(', ');
    if (joined !== '') parts.push(joined);
  }
  const supplier = parts.join(', ');
  const metadata: Record<string, string> = {};
  const extra: [string, string][] = [
    ['description', str(o, 'description')],
    ['homepage', str(o, 'homepage')],
    ['url', repositoryURL(o)],
    ['private', field(o, 'private') === true ? 'true' : ''],
  ];
  for (const [k, v] of extra) if (v !== '') metadata[k] = v;
  if (supplier !== '') metadata.supplierType = 'Person';
  return {
    name,
    version,
    type: 'npm',
    purl: npmPurl(name, version),
    licenses: licenseValues(licenses(o)),
    locations: [path],
    foundBy: NPM_CATALOGER,
    ...(supplier !== '' ? { supplier } : {}),
    metadata,
  };
}

export function npmCataloger(): Cataloger {
  return {
    name: NPM_CATALOGER,
    wants: (path, size) => baseName(path) === 'package.json' && size <= MAX_PACKAGE_JSON,
    async catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]> {
      const out: Package[] = [];
      for (const f of files) {
        try {
          out.push(...parsePackageJson((await readImageFile(f)).toString('utf8'), f.path));
        } catch (e) {
          ctx.warn(`npm: skipping ${f.path}: ${(e as Error).message}`);
        }
      }
      // syft drops nameless packages and stubs a missing version as UNKNOWN (purl keeps no version).
      return applyCompliance(out);
    },
  };
}
