/**
 * Helpers shared by the language catalogers, each reproducing one piece of syft 1.51 so that names, versions,
 * purls and licenses come out byte-for-byte as syft writes them.
 */
import { createHash } from 'node:crypto';
import type { Package } from '../model.js';

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/**
 * Percent-encodes one purl segment exactly as anchore/packageurl-go v0.2.0 `escape()` does (syft's purl library):
 * Go's url.QueryEscape (everything but `A-Za-z0-9-_.~` becomes `%XX`, upper-case hex, over UTF-8 bytes) with
 * the space written `%20`. packageurl-js is NOT used to render: it lower-cases npm names and leaves `+` and
 * `:` bare, so `1.0+cpu` would differ from syft's `1.0%2Bcpu` and break SBOM comparisons.
 */
export function purlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * `packageurl.NewPackageURL(type, namespace, name, version, nil, "").ToString()` of packageurl-go: each
 * namespace segment escaped on its own (empty ones dropped), `@version` only when non-empty, no normalisation.
 */
export function syftPurl(type: string, namespace: string, name: string, version: string): string {
  const segs = [
    type,
    ...namespace
      .split('/')
      .filter((s) => s !== '')
      .map(purlEscape),
  ];
  segs.push(purlEscape(name) + (version !== '' ? '@' + purlEscape(version) : ''));
  return 'pkg:' + segs.join('/');
}

/**
 * License values as syft's licenseBuilder (syft/pkg/license.go) keeps them: empty values dropped, others
 * trimmed; a value holding a newline is license TEXT, which syft turns into `sha256:<hex of the trimmed text>`
 * when its content scanner finds no SPDX ID (we have no scanner, so always that form). Deduplicated, in order.
 */
export function licenseValues(values: Iterable<string | undefined>): string[] {
  const out: string[] = [];
  for (const raw of values) {
    if (raw === undefined || raw === '') continue;
    const v = raw.includes('\n')
      ? 'sha256:' + createHash('sha256').update(raw.trim()).digest('hex')
      : raw.trim();
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

/** syft's cataloging.UnknownStubValue. */
export const UNKNOWN_VERSION = 'UNKNOWN';

/**
 * syft's default compliance rules (internal/task/package_task_factory.go `applyComplianceRules`, defaults in
 * syft/cataloging/compliance.go): a package with a blank name is dropped, a blank version is stubbed with
 * `UNKNOWN` — AFTER the purl was built, so the purl keeps no version.
 */
export function applyCompliance(pkgs: Package[]): Package[] {
  const out: Package[] = [];
  for (const p of pkgs) {
    if (p.name.trim() === '') continue;
    if (p.version.trim() === '') p.version = UNKNOWN_VERSION;
    out.push(p);
  }
  return out;
}

/** Last path element (POSIX). */
export function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/** Parent directory name (POSIX). */
export function parentName(p: string): string {
  const dir = p.slice(0, Math.max(0, p.lastIndexOf('/')));
  return baseName(dir);
}

/** spdxutil/helpers/originator_supplier.go nameEmailURLPattern. */
const NAME_EMAIL_URL = /^(?<name>[^<>()]*)( <(?<email>[^@]+@\w+\.\w+)>)?( \((?<url>.*)\))?$/;
const looksLikeEmail = (s: string): boolean => s.includes('@') && s.slice(s.indexOf('@')).includes('.');

/**
 * The SPDX `supplier` syft writes for a package's recorded supplier (originator_supplier.go Supplier ->
 * parseAndFormatPersonOrOrg): "Name <email> (url)" becomes `Person: Name (email)` (`Organization:` where the
 * cataloger set metadata.supplierType, e.g. a jar's vendor); undefined when nothing usable remains.
 */
export function spdxSupplier(p: Package): string | undefined {
  if (!p.supplier) return undefined;
  const g = NAME_EMAIL_URL.exec(p.supplier)?.groups ?? {};
  let name = (g.name ?? '').trim();
  let email = (g.email ?? '').trim();
  const url = (g.url ?? '').trim();
  if (email === '') {
    if (looksLikeEmail(url)) email = url;
    else if (looksLikeEmail(name)) [email, name] = [name, ''];
  }
  const value = name !== '' && email !== '' ? `${name} (${email})` : name !== '' ? name : email;
  if (value === '') return undefined;
  return `${p.metadata?.supplierType === 'Organization' ? 'Organization' : 'Person'}: ${value}`;
}
