/**
 * CycloneDX 1.6 JSON through @cyclonedx/cyclonedx-library, imported by sub-entry (the root entry
 * breaks inside an ncc ESM bundle). The layout follows syft's writer
 * (syft/format/common/cyclonedxhelpers/to_format_model.go and cyclonedxutil/helpers): a `container`
 * metadata component, `library` components, one `operating-system` component from os-release.
 */
import { randomUUID } from 'node:crypto';
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import { JSON as CdxJson, JsonSerializer } from '@cyclonedx/cyclonedx-library/Serialize';
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec';
import type { Distro, Package } from './model.js';
import { ociPurl, shortHash, toSpdxExpression, type SbomImage, type SbomWriterOptions } from './spdx.js';

/** Package types whose recorded supplier is a distribution maintainer: syft writes it as `publisher`. */
const OS_TYPES = new Set<Package['type']>(['deb', 'apk', 'rpm']);

/**
 * syft's license rule (cyclonedxutil/helpers/licenses.go): a single SPDX id -> `license.id`; any
 * other name -> `license.name`; compound expressions -> one `expression` when they are all there
 * is, else each as a `license.name` — the schema forbids mixing `expression` with `license` entries,
 * and the library would keep only the first expression of a mixed set.
 */
export function cdxLicenses(licenses: string[]): Models.License[] {
  const named: Models.License[] = [];
  const expressions: string[] = [];
  const seen = new Set<string>();
  for (const raw of licenses) {
    const s = raw.trim();
    if (!s || /^(NONE|NOASSERTION)$/i.test(s) || seen.has(s)) continue;
    seen.add(s);
    const id = fixupSpdxId(s);
    if (id) {
      named.push(new Models.SpdxLicense(id));
      continue;
    }
    const parsed = s.startsWith('LicenseRef-') ? undefined : toSpdxExpression(s);
    if (parsed) expressions.push(parsed.expression);
    else named.push(new Models.NamedLicense(s));
  }
  if (named.length === 0 && expressions.length > 0) {
    const joined =
      expressions.length === 1
        ? (expressions[0] as string)
        : expressions.map((e) => (/\s(AND|OR|WITH)\s/.test(e) ? `(${e})` : e)).join(' AND ');
    return [new Models.LicenseExpression(joined)];
  }
  return [...named, ...expressions.map((e) => new Models.NamedLicense(e))];
}

/** syft's bom-ref: the purl plus a `package-id` qualifier, unique even when two packages share a purl. */
export function componentBomRef(p: Package): string {
  const id = shortHash(p.type, p.name, p.version, p.purl, ...p.locations);
  if (!p.purl) return `sigstamp-package-${id}`;
  const [main, subpath] = p.purl.split('#', 2) as [string, string | undefined];
  const ref = `${main}${main.includes('?') ? '&' : '?'}package-id=${id}`;
  return subpath === undefined ? ref : `${ref}#${subpath}`;
}

function component(p: Package): Models.Component {
  const c = new Models.Component(ComponentType.Library, p.name, {
    bomRef: componentBomRef(p),
    version: p.version,
    ...(p.purl ? { purl: p.purl } : {}),
    licenses: new Models.LicenseRepository(cdxLicenses(p.licenses)),
  });
  if (p.supplier) {
    if (OS_TYPES.has(p.type)) c.publisher = p.supplier;
    else c.author = p.supplier;
  }
  // Where it was found and by whom: CycloneDX has no place for that in `evidence` that this
  // library models, so properties, namespaced to us.
  c.properties.add(new Models.Property('sigstamp:package:foundBy', p.foundBy));
  c.properties.add(new Models.Property('sigstamp:package:type', p.type));
  p.locations.forEach((l, i) => c.properties.add(new Models.Property(`sigstamp:location:${i}:path`, l)));
  return c;
}

/** syft's OS component (toOSComponent): bom-ref `os:<id>@<version>`, swid carries id and version. */
function osComponent(d: Distro): Models.Component {
  const c = new Models.Component(ComponentType.OperatingSystem, d.id, {
    bomRef: d.versionId ? `os:${d.id}@${d.versionId}` : `os:${d.id}`,
    ...(d.versionId ? { version: d.versionId } : {}),
    swid: new Models.SWID(d.id, d.id, d.versionId ? { version: d.versionId } : {}),
    ...(d.prettyName ? { description: d.prettyName } : {}),
  });
  // syft reads these back as the distro (cyclonedxutil/helpers/decoder.go reads swid, name, version).
  if (d.idLike?.length) c.properties.add(new Models.Property('sigstamp:distro:idLike', d.idLike.join(' ')));
  if (d.versionCodename)
    c.properties.add(new Models.Property('sigstamp:distro:versionCodename', d.versionCodename));
  return c;
}

export function toCycloneDx(
  packages: Package[],
  distro: Distro | undefined,
  image: SbomImage,
  opts: SbomWriterOptions,
): Record<string, unknown> {
  const purl = ociPurl(image);
  const root = new Models.Component(ComponentType.Container, image.name, {
    bomRef: purl,
    version: image.digest,
    purl,
    ...(opts.organization ? { supplier: new Models.OrganizationalEntity({ name: opts.organization }) } : {}),
  });
  const tool = new Models.Component(ComponentType.Application, 'sigstamp', { version: opts.toolVersion });
  const bom = new Models.Bom({
    // The attestation predicate https://cyclonedx.org/bom requires a serialNumber (DESIGN.md).
    serialNumber: `urn:uuid:${opts.uuid ?? randomUUID()}`,
    metadata: new Models.Metadata({
      timestamp: opts.created ?? new Date(),
      tools: new Models.Tools({ components: new Models.ComponentRepository([tool]) }),
      component: root,
      ...(opts.organization
        ? { supplier: new Models.OrganizationalEntity({ name: opts.organization }) }
        : {}),
    }),
  });
  for (const p of packages) bom.components.add(component(p));
  if (distro) bom.components.add(osComponent(distro));
  const serializer = new JsonSerializer(new CdxJson.Normalize.Factory(Spec1dot6));
  // sortLists: the same image gives the same document, apart from serialNumber and timestamp.
  return JSON.parse(serializer.serialize(bom, { sortLists: true })) as Record<string, unknown>;
}
