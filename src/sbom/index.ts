/**
 * Image -> SBOMs: stream the layers of one platform manifest once, catalog the files the catalogers
 * asked for, write SPDX 2.3 and CycloneDX 1.6. Also checks a user's own SBOM file before it is attested.
 */
import type { Repository } from '../oci/client.js';
import type { Descriptor, ImageManifest } from '../oci/types.js';
import { identifyDistro, osReleaseSelection } from './catalogers/os-release.js';
import { toCycloneDx } from './cyclonedx.js';
import { squash, type SquashOptions } from './layers.js';
import type { Cataloger, Distro, FileSelection, ImageFile, Package } from './model.js';
import { toSpdx, type SbomImage, type SbomWriterOptions } from './spdx.js';

export type { SbomImage, SbomWriterOptions } from './spdx.js';

export interface GenerateOptions extends SquashOptions, SbomWriterOptions {}

export interface GeneratedSboms {
  packages: Package[];
  distro?: Distro;
  spdx: Record<string, unknown>;
  cyclonedx: Record<string, unknown>;
  warnings: string[];
  stats: { bytes: number; ms: number };
}

/**
 * A cataloger that reads only `ImageFile.goBuildInfo` (go-binary.ts): it must not be part of the
 * content selection, or every executable of the image would be buffered for nothing.
 */
function buildInfoOnly(c: Cataloger): boolean {
  return (c as { buildInfoOnly?: boolean }).buildInfoOnly === true;
}

function sortPackages(pkgs: Package[]): Package[] {
  const key = (p: Package) => `${p.type}\0${p.name}\0${p.version}\0${p.purl}\0${p.locations.join('\0')}`;
  return pkgs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export async function generateSboms(
  repo: Repository,
  platformManifest: { descriptor: Descriptor; manifest: ImageManifest },
  image: SbomImage,
  catalogers: Cataloger[],
  opts: GenerateOptions,
): Promise<GeneratedSboms> {
  const started = Date.now();
  const contentCatalogers = catalogers.filter((c) => !buildInfoOnly(c));
  // os-release is always read: the distro goes into the purls and into both documents.
  const selection: FileSelection = {
    wants: (path, size, mode) =>
      osReleaseSelection.wants(path, size, mode) || contentCatalogers.some((c) => c.wants(path, size, mode)),
  };
  const squashed = await squash(repo, platformManifest.manifest, selection, opts);
  const warnings = [...squashed.warnings];
  try {
    const distro = await identifyDistro(squashed.files);
    const packages: Package[] = [];
    for (const c of catalogers) {
      const only = buildInfoOnly(c);
      const files: ImageFile[] = squashed.files.filter(
        (f) => (only ? f.goBuildInfo !== undefined : true) && c.wants(f.path, f.size, f.mode),
      );
      if (files.length === 0) continue;
      const found = await c.catalog(files, { distro, warn: (m) => warnings.push(`${c.name}: ${m}`) });
      packages.push(...found);
    }
    sortPackages(packages);
    // The SBOM describes the manifest whose layers were read: for a multi-arch image, the platform's.
    const subject: SbomImage = {
      ...image,
      digest: platformManifest.descriptor.digest,
      arch: image.arch ?? platformManifest.descriptor.platform?.architecture,
    };
    return {
      packages,
      ...(distro ? { distro } : {}),
      spdx: toSpdx(packages, distro, subject, opts),
      cyclonedx: toCycloneDx(packages, distro, subject, opts),
      warnings,
      stats: { bytes: squashed.bytes, ms: Date.now() - started },
    };
  } finally {
    await squashed.cleanup();
  }
}

export type SbomFormat = 'spdx' | 'cyclonedx';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Which SBOM format a parsed JSON document is, by the fields each format requires. */
export function detectSbomFormat(json: unknown): SbomFormat | undefined {
  if (!isObject(json)) return undefined;
  if (typeof json.spdxVersion === 'string' && json.spdxVersion.startsWith('SPDX-')) return 'spdx';
  if (json.bomFormat === 'CycloneDX') return 'cyclonedx';
  return undefined;
}

/**
 * Checks a bring-your-own SBOM before it is attested: the format must be recognisable and carry what
 * the predicate types need (SPDX 2.x's required document fields; CycloneDX's serialNumber, which the
 * `https://cyclonedx.org/bom` predicate requires). Throws an error naming every missing field.
 */
export function validateUserSbom(json: unknown): { format: SbomFormat; version: string } {
  if (!isObject(json)) throw new Error('the SBOM file is not a JSON object');
  if (json['@context'] !== undefined && json.spdxVersion === undefined)
    throw new Error('the SBOM file looks like SPDX 3 (JSON-LD); only SPDX 2.x JSON is supported');
  const format = detectSbomFormat(json);
  if (format === 'spdx') {
    const version = json.spdxVersion as string;
    if (!/^SPDX-2\.\d+$/.test(version))
      throw new Error(`the SPDX SBOM has spdxVersion ${JSON.stringify(version)}; only SPDX-2.x is supported`);
    // SPDX 2.3 JSON schema, top-level "required", and creationInfo's "created"/"creators".
    const missing = ['SPDXID', 'dataLicense', 'name', 'documentNamespace', 'creationInfo'].filter(
      (k) => json[k] === undefined || json[k] === '',
    );
    const ci = json.creationInfo;
    if (isObject(ci)) {
      if (typeof ci.created !== 'string') missing.push('creationInfo.created');
      if (!Array.isArray(ci.creators) || ci.creators.length === 0) missing.push('creationInfo.creators');
    }
    if (missing.length)
      throw new Error(`the SPDX SBOM (${version}) lacks required field(s): ${missing.join(', ')}`);
    return { format, version };
  }
  if (format === 'cyclonedx') {
    const missing: string[] = [];
    if (typeof json.specVersion !== 'string' || !json.specVersion) missing.push('specVersion');
    if (typeof json.serialNumber !== 'string' || !json.serialNumber) missing.push('serialNumber');
    if (missing.length)
      throw new Error(
        `the CycloneDX SBOM lacks required field(s): ${missing.join(', ')}` +
          (missing.includes('serialNumber')
            ? ' (the https://cyclonedx.org/bom attestation needs a serialNumber)'
            : ''),
      );
    // bom-1.6.schema.json's serialNumber pattern, exactly.
    if (
      !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
        json.serialNumber as string,
      )
    )
      throw new Error(
        `the CycloneDX SBOM's serialNumber ${JSON.stringify(json.serialNumber)} is not a urn:uuid`,
      );
    return { format, version: json.specVersion as string };
  }
  throw new Error(
    'the SBOM file is neither SPDX 2.x JSON (no "spdxVersion") nor CycloneDX JSON (no "bomFormat": "CycloneDX")',
  );
}
