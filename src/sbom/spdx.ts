/**
 * SPDX 2.3 JSON, written by hand (no maintained SPDX writer exists on npm). The layout follows what
 * syft writes for an image (syft/format/common/spdxhelpers/to_format_model.go), so consumers that
 * read syft's documents read ours: a CONTAINER root package DESCRIBED by the document and
 * CONTAINing every package. Field rules are the JSON schema's (the authoritative one for JSON, per
 * the SPDX maintainers in spdx/spdx-spec#813), e.g. `OPERATING_SYSTEM` with an underscore.
 */
import { createHash, randomUUID } from 'node:crypto';
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import parseSpdx from 'spdx-expression-parse';
import type { Distro, Package } from './model.js';

/** The image an SBOM describes: one platform manifest. */
export interface SbomImage {
  /** What the user calls the image, e.g. `ghcr.io/owner/app` (document and root package name). */
  name: string;
  /** Registry host, e.g. `ghcr.io`. */
  registry: string;
  /** Repository path in the registry, e.g. `owner/app`. */
  repository: string;
  /** Digest of the platform manifest the layers came from. */
  digest: string;
  tag?: string;
  /** Platform architecture (purl `arch` qualifier, as syft writes it). */
  arch?: string;
}

export interface SbomWriterOptions {
  /** sigstamp's version, for `Tool: sigstamp-<version>` / metadata.tools. */
  toolVersion: string;
  /** `Organization: <name>` creator and root supplier, when given. */
  organization?: string;
  /** Fixed for reproducible tests; defaults to now. */
  created?: Date;
  /** Fixed for reproducible tests; defaults to a random UUID. */
  uuid?: string;
  /** Base URI of the document namespace (it need not resolve, SPDX 2.3 §6.5). */
  namespaceBase?: string;
}

const NOASSERTION = 'NOASSERTION';

/** SPDX 2.3 §3.2: the id string is letters, digits, `.` and `-` only. */
export function sanitizeSpdxId(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]/g, '-');
}

/** Short stable hash, so ids and refs survive re-runs over the same image unchanged. */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** Percent-encodes a purl component, keeping `/` (the purl spec's oci example keeps it in repository_url). */
function purlEncode(s: string): string {
  return encodeURIComponent(s).replace(/%2F/g, '/');
}

/**
 * purl-spec `oci` type: name = last repository segment, lowercased; version = the manifest digest
 * (`sha256%3A…`, as syft writes it); qualifiers in key order: arch, repository_url (no scheme), tag.
 */
export function ociPurl(image: SbomImage): string {
  const name = (image.repository.split('/').pop() ?? image.repository).toLowerCase();
  const q: [string, string | undefined][] = [
    ['arch', image.arch],
    ['repository_url', `${image.registry}/${image.repository}`],
    ['tag', image.tag],
  ];
  const quals = q
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, v]) => `${k}=${purlEncode(v)}`)
    .join('&');
  return `pkg:oci/${purlEncode(name)}@${encodeURIComponent(image.digest)}?${quals}`;
}

/** `Name <email>` -> SPDX `Person: Name (email)` (SPDX 2.3 §7.5); pre-typed values pass through. */
export function spdxSupplier(raw: string | undefined): string {
  const s = raw?.trim();
  if (!s) return NOASSERTION;
  if (/^(Person|Organization|Tool):\s/.test(s)) return s;
  const m = /^([^<>()]*?)\s*<([^<>@\s]+@[^<>\s]+)>\s*$/.exec(s);
  const person = m ? (m[1] ? `${m[1]} (${m[2]})` : (m[2] as string)) : s;
  return `Person: ${person}`;
}

export interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

type Ast = parseSpdx.Info;

function licenseRefs(ast: Ast, out: Set<string>): void {
  if ('conjunction' in ast) {
    licenseRefs(ast.left, out);
    licenseRefs(ast.right, out);
  } else if (ast.license.startsWith('LicenseRef-')) out.add(ast.license);
}

/**
 * A valid SPDX expression for `raw`, or undefined. Ids match case-insensitively (SPDX 2.3 Annex D),
 * so `mit` becomes `MIT`; the list is the one the CycloneDX library validates against, so both
 * documents agree on what counts as an SPDX id. DocumentRef- needs externalDocumentRefs: refused.
 */
export function toSpdxExpression(raw: string): { expression: string; refs: Set<string> } | undefined {
  if (raw.includes('DocumentRef-')) return undefined;
  const fixed = raw.trim().replace(/[A-Za-z0-9.+-]+/g, (tok) => {
    // Operators are case-sensitive in Annex D; spdx-expression-parse also takes `and`: write them upper case.
    if (/^(and|or|with)$/i.test(tok)) return tok.toUpperCase();
    if (tok.startsWith('LicenseRef-')) return tok;
    const plus = tok.endsWith('+') ? '+' : '';
    const id = fixupSpdxId(plus ? tok.slice(0, -1) : tok);
    return id ? id + plus : tok;
  });
  try {
    const refs = new Set<string>();
    licenseRefs(parseSpdx(fixed), refs);
    return { expression: fixed, refs };
  } catch {
    return undefined;
  }
}

/**
 * One package's `licenseDeclared` (all its licenses AND-ed, as syft joins them), registering the
 * LicenseRef- ids it needs in `extracted` (SPDX 2.3 §10: every LicenseRef used must be declared).
 */
export function declaredLicense(licenses: string[], extracted: Map<string, ExtractedLicense>): string {
  const parts: string[] = [];
  for (const raw of licenses) {
    // Ecosystems that write NONE/NOASSERTION mean "nothing recorded": not a license name.
    if (!raw.trim() || /^(NONE|NOASSERTION)$/i.test(raw.trim())) continue;
    const parsed = toSpdxExpression(raw);
    if (parsed) {
      for (const ref of parsed.refs)
        if (!extracted.has(ref))
          extracted.set(ref, { licenseId: ref, name: ref, extractedText: NOASSERTION });
      parts.push(/\s(AND|OR|WITH)\s/.test(parsed.expression) ? `(${parsed.expression})` : parsed.expression);
      continue;
    }
    // Not an SPDX expression: a LicenseRef carrying the recorded name. Two names that sanitize alike
    // get the hash of the raw name appended, so neither is lost.
    let id = `LicenseRef-${sanitizeSpdxId(raw.trim())}`;
    const seen = extracted.get(id);
    if (seen && seen.name !== raw) id = `${id}-${shortHash(raw).slice(0, 8)}`;
    // The text itself was not read, only its name: extractedText is required, NOASSERTION says so (as syft).
    if (!extracted.has(id)) extracted.set(id, { licenseId: id, name: raw, extractedText: NOASSERTION });
    parts.push(id);
  }
  const unique = [...new Set(parts)];
  return unique.length ? unique.join(' AND ') : NOASSERTION;
}

/** The SPDX id of a package: stable for the same package at the same place, unique in the document. */
export function packageSpdxId(p: Package): string {
  const hash = shortHash(p.type, p.name, p.version, p.purl, ...p.locations);
  return `SPDXRef-Package-${sanitizeSpdxId(`${p.type}-${p.name}`)}-${hash}`;
}

function created(opts: SbomWriterOptions): string {
  // SPDX 2.3 §6.9: YYYY-MM-DDThh:mm:ssZ, no fractional seconds.
  return (opts.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function toSpdx(
  packages: Package[],
  distro: Distro | undefined,
  image: SbomImage,
  opts: SbomWriterOptions,
): Record<string, unknown> {
  const extracted = new Map<string, ExtractedLicense>();
  const hex = image.digest.replace(/^sha256:/, '');
  const rootId = sanitizeSpdxId(`SPDXRef-DocumentRoot-Image-${image.name}`);
  const base = (opts.namespaceBase ?? 'https://spdx.org/spdxdocs/sigstamp').replace(/\/+$/, '');
  // §6.5: unique per document version, no '#'. The digest and a UUID make it unique per run.
  const slug = `${image.registry}/${image.repository}`.replace(/[#:]/g, '-');
  const namespace = `${base}/${slug}/${image.digest.replace(':', '-')}/${opts.uuid ?? randomUUID()}`;

  const used = new Set<string>([rootId]);
  const pkgs: Record<string, unknown>[] = [];
  const rels: Record<string, string>[] = [];
  for (const p of packages) {
    let id = packageSpdxId(p);
    for (let n = 2; used.has(id); n++) id = `${packageSpdxId(p)}-${n}`;
    used.add(id);
    pkgs.push({
      name: p.name,
      SPDXID: id,
      versionInfo: p.version,
      supplier: spdxSupplier(p.supplier),
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      sourceInfo: `acquired package info from ${p.foundBy}: ${p.locations.join(', ')}`,
      licenseConcluded: NOASSERTION,
      licenseDeclared: declaredLicense(p.licenses, extracted),
      copyrightText: NOASSERTION,
      ...(p.purl
        ? {
            externalRefs: [
              { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
            ],
          }
        : {}),
    });
    rels.push({ spdxElementId: rootId, relatedSpdxElement: id, relationshipType: 'CONTAINS' });
  }
  if (distro) {
    // syft has no OS package in SPDX (anchore/syft#3012, only in CycloneDX); trivy and apko add one.
    const id = sanitizeSpdxId(`SPDXRef-OperatingSystem-${distro.id}-${distro.versionId ?? ''}`).replace(
      /-$/,
      '',
    );
    pkgs.push({
      name: distro.id,
      SPDXID: id,
      ...(distro.versionId ? { versionInfo: distro.versionId } : {}),
      supplier: NOASSERTION,
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      ...(distro.prettyName ? { description: distro.prettyName } : {}),
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    });
    rels.push({ spdxElementId: rootId, relatedSpdxElement: id, relationshipType: 'CONTAINS' });
  }
  pkgs.push({
    name: image.name,
    SPDXID: rootId,
    versionInfo: image.digest,
    supplier: opts.organization ? `Organization: ${opts.organization}` : NOASSERTION,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    checksums: [{ algorithm: 'SHA256', checksumValue: hex }],
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: ociPurl(image) },
    ],
    primaryPackagePurpose: 'CONTAINER',
  });
  rels.push({ spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: rootId, relationshipType: 'DESCRIBES' });

  const creators = [`Tool: sigstamp-${opts.toolVersion}`];
  if (opts.organization) creators.unshift(`Organization: ${opts.organization}`);
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: image.name,
    documentNamespace: namespace,
    creationInfo: { created: created(opts), creators },
    packages: pkgs,
    relationships: rels,
    ...(extracted.size
      ? {
          hasExtractedLicensingInfos: [...extracted.values()].sort((a, b) =>
            a.licenseId.localeCompare(b.licenseId),
          ),
        }
      : {}),
  };
}
