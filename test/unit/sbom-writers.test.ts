// SPDX 2.3 and CycloneDX 1.6 documents: CycloneDX against the official schemas the cyclonedx library
// ships, SPDX against the SPDX 2.3 JSON schema's rules, closed (the official schema itself, which no
// npm package ships, is applied in test/conformance/sbom.test.ts from syft's module), both read back by
// syft when it is installed; plus generateSboms end to end and the bring-your-own checks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import parseSpdx from 'spdx-expression-parse';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/oci/client.js';
import { toCycloneDx } from '../../src/sbom/cyclonedx.js';
import { detectSbomFormat, generateSboms, validateUserSbom } from '../../src/sbom/index.js';
import type { Cataloger, Distro, ImageFile, Package } from '../../src/sbom/model.js';
import { ociPurl, spdxSupplier, toSpdx, type SbomImage } from '../../src/sbom/spdx.js';
import { toolGate, toolPath } from '../support/tools.js';

/** A parsed JSON document, read field by field in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
type Doc = Record<string, any>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const HEX = 'a'.repeat(64);
const image: SbomImage = {
  name: 'ghcr.io/owner/app',
  registry: 'ghcr.io',
  repository: 'owner/app',
  digest: `sha256:${HEX}`,
  tag: 'v1',
  arch: 'amd64',
};
const distro: Distro = {
  id: 'debian',
  versionId: '12',
  versionCodename: 'bookworm',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
};
const packages: Package[] = [
  {
    name: 'libc6',
    version: '2.36-9+deb12u4',
    type: 'deb',
    purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12',
    licenses: ['GPL-2.0-or-later', 'LGPL-2.1-or-later', 'GPL-2+'],
    locations: ['/var/lib/dpkg/status'],
    foundBy: 'dpkg-db-cataloger',
    supplier: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
    arch: 'amd64',
  },
  {
    name: 'left-pad',
    version: '1.3.0',
    type: 'npm',
    purl: 'pkg:npm/left-pad@1.3.0',
    licenses: ['mit'],
    locations: ['/app/node_modules/left-pad/package.json'],
    foundBy: 'javascript-package-cataloger',
  },
  {
    name: 'dual',
    version: '2.0.0',
    type: 'npm',
    purl: 'pkg:npm/dual@2.0.0',
    licenses: ['MIT OR Apache-2.0'],
    locations: ['/app/node_modules/dual/package.json'],
    foundBy: 'javascript-package-cataloger',
    supplier: 'Organization: Dual Corp',
  },
  {
    name: 'mixed',
    version: '0.1',
    type: 'python',
    purl: 'pkg:pypi/mixed@0.1',
    licenses: ['Artistic', 'BSD-3-Clause', 'MIT OR Apache-2.0', 'LicenseRef-Custom'],
    locations: ['/usr/lib/python3/dist-packages/mixed-0.1.dist-info/METADATA'],
    foundBy: 'python-installed-package-cataloger',
  },
  {
    name: 'example.com/app',
    version: '(devel)',
    type: 'go-module',
    purl: 'pkg:golang/example.com/app@(devel)',
    licenses: [],
    locations: ['/usr/local/bin/app'],
    foundBy: 'go-module-binary-cataloger',
  },
];
const writerOpts = { toolVersion: '0.1.0', organization: 'Owner Inc' };

const tmp = mkdtempSync(join(tmpdir(), 'sigstamp-writers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pkg:oci purl and suppliers', () => {
  it('builds the purl-spec oci purl syft writes, with repository_url', () => {
    expect(ociPurl(image)).toBe(
      `pkg:oci/app@sha256%3A${HEX}?arch=amd64&repository_url=ghcr.io/owner/app&tag=v1`,
    );
    expect(
      ociPurl({
        ...image,
        repository: 'Library/Debian',
        registry: 'docker.io',
        tag: undefined,
        arch: undefined,
      }),
    ).toBe(`pkg:oci/debian@sha256%3A${HEX}?repository_url=docker.io/Library/Debian`);
  });

  it('formats suppliers as SPDX agents', () => {
    expect(spdxSupplier('Jane Doe <jane@example.com>')).toBe('Person: Jane Doe (jane@example.com)');
    expect(spdxSupplier('Organization: Acme')).toBe('Organization: Acme');
    expect(spdxSupplier('Alpine Maintainers')).toBe('Person: Alpine Maintainers');
    expect(spdxSupplier(undefined)).toBe('NOASSERTION');
  });
});

describe('CycloneDX 1.6', () => {
  const bom = toCycloneDx(packages, distro, image, {
    ...writerOpts,
    created: new Date('2026-01-02T03:04:05Z'),
  });

  it('validates against the official bom-1.6 schema (with spdx and jsf) shipped by @cyclonedx/cyclonedx-library', () => {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
    const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as object;
    // The library's own validator settings (_optPlug.node/__jsonValidators/ajv.js): draft-07, no remote refs.
    const ajv = new Ajv({ strict: false, allErrors: true });
    // bom-1.6 refers to them relative to its own $id, http://cyclonedx.org/schema/.
    for (const f of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'])
      ajv.addSchema(load(f), `http://cyclonedx.org/schema/${f}`);
    addFormats(ajv);
    ajv.addFormat('idn-email', true);
    ajv.addFormat('iri-reference', true);
    const validate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
    expect(validate(bom) ? [] : validate.errors).toEqual([]);
    // The validator does bite: an expression beside a license entry is what the schema forbids.
    const mixed = structuredClone(bom) as { components: { name: string; licenses?: unknown[] }[] };
    mixed.components.find((c) => c.name === 'left-pad')?.licenses?.push({ expression: 'MIT OR Apache-2.0' });
    expect(validate(mixed)).toBe(false);
  });

  it('lays out metadata, the container, the OS and library components as syft does', () => {
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const meta = bom.metadata as Doc;
    expect(meta.timestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(meta.tools.components).toEqual([{ type: 'application', name: 'sigstamp', version: '0.1.0' }]);
    expect(meta.component).toMatchObject({
      type: 'container',
      name: 'ghcr.io/owner/app',
      version: `sha256:${HEX}`,
      purl: ociPurl(image),
    });
    const comps = bom.components as Doc[];
    const os = comps.find((c) => c.type === 'operating-system');
    expect(os).toMatchObject({
      'bom-ref': 'os:debian@12',
      name: 'debian',
      version: '12',
      swid: { tagId: 'debian', name: 'debian', version: '12' },
    });
    const libs = comps.filter((c) => c.type === 'library');
    expect(libs).toHaveLength(packages.length);
    const by = (n: string) => libs.find((c) => c.name === n);
    expect(by('libc6')?.publisher).toBe('GNU Libc Maintainers <debian-glibc@lists.debian.org>');
    expect(by('libc6')?.['bom-ref']).toMatch(
      /^pkg:deb\/debian\/libc6@2\.36-9%2Bdeb12u4\?arch=amd64&distro=debian-12&package-id=[0-9a-f]{16}$/,
    );
    // SPDX ids become license.id (case fixed), a lone expression becomes `expression`, anything else a name.
    expect(by('left-pad')?.licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(by('dual')?.licenses).toEqual([{ expression: 'MIT OR Apache-2.0' }]);
    const sameSet = (got: unknown, want: object[]) => {
      expect(got).toHaveLength(want.length);
      expect(got).toEqual(expect.arrayContaining(want));
    };
    sameSet(by('libc6')?.licenses, [
      { license: { id: 'GPL-2.0-or-later' } },
      { license: { id: 'LGPL-2.1-or-later' } },
      { license: { name: 'GPL-2+' } },
    ]);
    // Mixed: the schema allows no `expression` beside `license` entries, so the expression goes as a name.
    sameSet(by('mixed')?.licenses, [
      { license: { id: 'BSD-3-Clause' } },
      { license: { name: 'Artistic' } },
      { license: { name: 'LicenseRef-Custom' } },
      { license: { name: 'MIT OR Apache-2.0' } },
    ]);
    expect(by('example.com/app')?.licenses).toBeUndefined();
  });
});

/**
 * The SPDX 2.3 JSON schema's rules (spdx/spdx-spec v2.3 schemas/spdx-schema.json) for every object
 * we write — required fields, enums, and additionalProperties: false with its property names — here
 * without the Go-built tools; the official file is applied in the conformance suite.
 */
const closed = (props: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: props,
});
const str = { type: 'string' };
const SPDX_RULES = closed(
  {
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    name: str,
    documentNamespace: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*:[^#]+$' },
    creationInfo: closed(
      {
        created: { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$' },
        creators: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(Person|Organization|Tool): .+' },
        },
        licenseListVersion: str,
        comment: str,
      },
      ['created', 'creators'],
    ),
    packages: {
      type: 'array',
      items: closed(
        {
          SPDXID: { type: 'string', pattern: '^SPDXRef-[A-Za-z0-9.-]+$' },
          name: str,
          versionInfo: str,
          supplier: { type: 'string', pattern: '^(NOASSERTION|(Person|Organization): .+)$' },
          downloadLocation: str,
          filesAnalyzed: { type: 'boolean' },
          sourceInfo: str,
          licenseConcluded: str,
          licenseDeclared: str,
          copyrightText: str,
          description: str,
          checksums: {
            type: 'array',
            items: closed({ algorithm: { enum: ['SHA1', 'SHA256', 'SHA512'] }, checksumValue: str }, [
              'algorithm',
              'checksumValue',
            ]),
          },
          externalRefs: {
            type: 'array',
            items: closed(
              {
                referenceCategory: {
                  enum: [
                    'OTHER',
                    'PERSISTENT-ID',
                    'PERSISTENT_ID',
                    'SECURITY',
                    'PACKAGE-MANAGER',
                    'PACKAGE_MANAGER',
                  ],
                },
                referenceType: str,
                referenceLocator: str,
                comment: str,
              },
              ['referenceCategory', 'referenceLocator', 'referenceType'],
            ),
          },
          primaryPackagePurpose: {
            enum: [
              'OTHER',
              'INSTALL',
              'ARCHIVE',
              'FIRMWARE',
              'APPLICATION',
              'FRAMEWORK',
              'LIBRARY',
              'CONTAINER',
              'SOURCE',
              'DEVICE',
              'OPERATING_SYSTEM',
              'FILE',
            ],
          },
        },
        ['SPDXID', 'downloadLocation', 'name'],
      ),
    },
    relationships: {
      type: 'array',
      items: closed(
        {
          spdxElementId: str,
          relatedSpdxElement: str,
          relationshipType: { enum: ['DESCRIBES', 'CONTAINS', 'DEPENDS_ON', 'DEPENDENCY_OF'] },
          comment: str,
        },
        ['spdxElementId', 'relatedSpdxElement', 'relationshipType'],
      ),
    },
    hasExtractedLicensingInfos: {
      type: 'array',
      items: closed(
        {
          licenseId: { type: 'string', pattern: '^LicenseRef-[A-Za-z0-9.-]+$' },
          extractedText: str,
          name: str,
          comment: str,
        },
        ['extractedText', 'licenseId'],
      ),
    },
  },
  ['SPDXID', 'creationInfo', 'dataLicense', 'name', 'spdxVersion', 'documentNamespace'],
);

describe('SPDX 2.3', () => {
  const doc = toSpdx(packages, distro, image, {
    ...writerOpts,
    created: new Date('2026-01-02T03:04:05.678Z'),
    uuid: '00000000-0000-4000-8000-000000000000',
  });
  const pkgs = doc.packages as Doc[];

  it("follows the SPDX 2.3 JSON schema's rules", () => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(SPDX_RULES);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    // The spec text's OPERATING-SYSTEM is not in the JSON schema's enum (spdx/spdx-spec#813).
    const dashed = structuredClone(doc) as { packages: { primaryPackagePurpose?: string }[] };
    for (const p of dashed.packages)
      if (p.primaryPackagePurpose === 'OPERATING_SYSTEM') p.primaryPackagePurpose = 'OPERATING-SYSTEM';
    expect(validate(dashed)).toBe(false);
  });

  it('is internally consistent: unique ids, relationships to known ids, declared LicenseRefs, valid expressions', () => {
    const ids = pkgs.map((p) => p.SPDXID as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of doc.relationships as Record<string, string>[]) {
      expect(['SPDXRef-DOCUMENT', ...ids]).toContain(r.spdxElementId);
      expect(ids).toContain(r.relatedSpdxElement);
    }
    const declared = new Set(
      (doc.hasExtractedLicensingInfos as { licenseId: string }[]).map((l) => l.licenseId),
    );
    for (const p of pkgs) {
      for (const field of ['licenseDeclared', 'licenseConcluded']) {
        const v = p[field] as string;
        if (v === 'NOASSERTION' || v === 'NONE') continue;
        expect(() => parseSpdx(v), `${p.name} ${field} ${v}`).not.toThrow();
        for (const ref of v.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) expect(declared).toContain(ref);
      }
    }
  });

  it('lays out the document as syft does for an image, plus an OS package', () => {
    expect(doc.name).toBe('ghcr.io/owner/app');
    expect(doc.documentNamespace).toBe(
      `https://spdx.org/spdxdocs/sigstamp/ghcr.io/owner/app/sha256-${HEX}/00000000-0000-4000-8000-000000000000`,
    );
    expect(doc.creationInfo).toEqual({
      created: '2026-01-02T03:04:05Z',
      creators: ['Organization: Owner Inc', 'Tool: sigstamp-0.1.0'],
    });
    const root = pkgs.find((p) => p.primaryPackagePurpose === 'CONTAINER');
    expect(root).toMatchObject({
      SPDXID: 'SPDXRef-DocumentRoot-Image-ghcr.io-owner-app',
      name: 'ghcr.io/owner/app',
      versionInfo: `sha256:${HEX}`,
      checksums: [{ algorithm: 'SHA256', checksumValue: HEX }],
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: ociPurl(image) },
      ],
    });
    const rels = doc.relationships as Record<string, string>[];
    expect(rels).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relatedSpdxElement: root?.SPDXID,
      relationshipType: 'DESCRIBES',
    });
    const contained = rels.filter(
      (r) => r.relationshipType === 'CONTAINS' && r.spdxElementId === root?.SPDXID,
    );
    expect(contained).toHaveLength(packages.length + 1);
    expect(pkgs.find((p) => p.primaryPackagePurpose === 'OPERATING_SYSTEM')).toMatchObject({
      SPDXID: 'SPDXRef-OperatingSystem-debian-12',
      name: 'debian',
      versionInfo: '12',
    });
    const by = (n: string) => pkgs.find((p) => p.name === n);
    expect(by('libc6')).toMatchObject({
      SPDXID: expect.stringMatching(/^SPDXRef-Package-deb-libc6-[0-9a-f]{16}$/),
      supplier: 'Person: GNU Libc Maintainers (debian-glibc@lists.debian.org)',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'GPL-2.0-or-later AND LGPL-2.1-or-later AND LicenseRef-GPL-2-',
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: packages[0]?.purl },
      ],
    });
    expect(by('left-pad')?.licenseDeclared).toBe('MIT');
    expect(by('dual')?.supplier).toBe('Organization: Dual Corp');
    expect(by('mixed')?.licenseDeclared).toBe(
      'LicenseRef-Artistic AND BSD-3-Clause AND (MIT OR Apache-2.0) AND LicenseRef-Custom',
    );
    expect(by('example.com/app')?.licenseDeclared).toBe('NOASSERTION');
    expect(doc.hasExtractedLicensingInfos).toEqual([
      { licenseId: 'LicenseRef-Artistic', name: 'Artistic', extractedText: 'NOASSERTION' },
      { licenseId: 'LicenseRef-Custom', name: 'LicenseRef-Custom', extractedText: 'NOASSERTION' },
      { licenseId: 'LicenseRef-GPL-2-', name: 'GPL-2+', extractedText: 'NOASSERTION' },
    ]);
  });

  it('keeps ids stable across runs and unique for two identical packages', () => {
    const twice = toSpdx([packages[1] as Package, packages[1] as Package], undefined, image, writerOpts);
    const ids = (twice.packages as { SPDXID: string }[]).map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(3);
    const again = toSpdx(packages, distro, image, writerOpts);
    expect((again.packages as { SPDXID: string }[]).map((p) => p.SPDXID)).toEqual(pkgs.map((p) => p.SPDXID));
    expect(again.documentNamespace).not.toBe(toSpdx(packages, distro, image, writerOpts).documentNamespace);
  });
});

describe.skipIf(!toolGate('syft'))('syft reads both documents', () => {
  const spdxFile = join(tmp, 'sbom.spdx.json');
  const cdxFile = join(tmp, 'sbom.cdx.json');
  writeFileSync(spdxFile, JSON.stringify(toSpdx(packages, distro, image, writerOpts)));
  writeFileSync(cdxFile, JSON.stringify(toCycloneDx(packages, distro, image, writerOpts)));
  const convert = (file: string, to: string) =>
    JSON.parse(
      execFileSync(toolPath('syft'), ['convert', file, '-o', to], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    ) as Doc;

  // syft re-escapes purls the Go way (`(devel)` -> `%28devel%29`): compare what they mean.
  const decoded = (purls: (string | undefined)[]) =>
    purls.filter((p) => p).map((p) => decodeURIComponent(p as string));
  const ours = packages.map((p) => decodeURIComponent(p.purl));

  for (const [label, file] of [
    ['SPDX', spdxFile],
    ['CycloneDX', cdxFile],
  ] as const) {
    it(`syft reads the ${label} document as an image: manifest digest, distro, packages with their types`, () => {
      const out = convert(file, 'syft-json');
      expect(out.source.type).toBe('image');
      expect(out.source.metadata.manifestDigest).toBe(image.digest);
      expect(out.distro).toMatchObject({ id: 'debian', versionID: '12' });
      const arts = out.artifacts as { purl: string; type: string }[];
      expect(decoded(arts.map((a) => a.purl))).toEqual(expect.arrayContaining(ours));
      for (const p of packages)
        expect(arts.find((a) => decodeURIComponent(a.purl) === decodeURIComponent(p.purl))?.type).toBe(
          p.type,
        );
    });
    it(`syft convert ${label} -> spdx-json and -> cyclonedx-json keeps every package`, () => {
      const spdxOut = convert(file, 'spdx-json');
      const refs = (spdxOut.packages as { externalRefs?: { referenceLocator: string }[] }[]).flatMap((p) =>
        (p.externalRefs ?? []).map((r) => r.referenceLocator),
      );
      expect(decoded(refs)).toEqual(expect.arrayContaining(ours));
      const cdxOut = convert(file, 'cyclonedx-json');
      const comps = cdxOut.components as { purl?: string; type: string; name: string }[];
      expect(decoded(comps.map((c) => c.purl))).toEqual(expect.arrayContaining(ours));
      expect(comps.find((c) => c.type === 'operating-system')?.name).toBe('debian');
    });
  }
});

describe('generateSboms', () => {
  async function tarOf(
    entries: { name: string; content: string | Buffer; mode?: number }[],
  ): Promise<Buffer> {
    const pack = tar.pack();
    for (const e of entries) pack.entry({ name: e.name, mode: e.mode ?? 0o644 }, Buffer.from(e.content));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  it('streams the layers once, catalogs, and writes both documents about the platform manifest', async () => {
    const goBlob = Buffer.concat([
      Buffer.from('\xff Go buildinf:', 'latin1'),
      Buffer.from([8, 2]),
      Buffer.alloc(16),
      Buffer.from([2]),
      Buffer.from('go'),
      Buffer.from([0]),
    ]);
    const layer = zlib.gzipSync(
      await tarOf([
        { name: 'usr/lib/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
        { name: 'var/lib/thing/db', content: 'thing 1.0\n' },
        { name: 'usr/bin/tool', content: Buffer.concat([Buffer.alloc(100), goBlob]), mode: 0o755 },
        { name: 'usr/bin/plain', content: 'ELF', mode: 0o755 },
      ]),
    );
    const repo = { openBlob: async () => Readable.from([layer]) } as unknown as Repository;
    const seen: Record<string, ImageFile[]> = {};
    const thing: Cataloger = {
      name: 'thing-cataloger',
      wants: (p) => p === '/var/lib/thing/db',
      async catalog(files, ctx) {
        seen.thing = files;
        ctx.warn('one odd record');
        return [
          {
            name: 'thing',
            version: '1.0',
            type: 'deb',
            purl: `pkg:deb/${ctx.distro?.id}/thing@1.0`,
            licenses: ['MIT'],
            locations: ['/var/lib/thing/db'],
            foundBy: 'thing-cataloger',
          },
        ];
      },
    };
    const goOnly = {
      name: 'go-stub',
      buildInfoOnly: true as const,
      wants: (_p: string, _s: number, mode: number) => (mode & 0o111) !== 0,
      async catalog(files: ImageFile[]) {
        seen.go = files;
        return [];
      },
    };
    const descriptor = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'b'.repeat(64)}`,
      size: 1,
      platform: { os: 'linux', architecture: 'arm64' },
    };
    const manifest = {
      schemaVersion: 2 as const,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 2 },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:l', size: layer.length },
      ],
    };
    const r = await generateSboms(
      repo,
      { descriptor, manifest },
      { ...image, arch: undefined },
      [thing, goOnly],
      writerOpts,
    );
    expect(r.distro).toEqual({ id: 'debian', versionId: '12' });
    expect(r.packages.map((p) => p.purl)).toEqual(['pkg:deb/debian/thing@1.0']);
    expect(r.warnings).toEqual(['thing-cataloger: one odd record']);
    expect(r.stats.bytes).toBe(layer.length);
    expect(seen.thing?.map((f) => f.path)).toEqual(['/var/lib/thing/db']);
    // The build-info-only cataloger gets the Go binary's build info, never the executables' content.
    expect(seen.go?.map((f) => [f.path, f.content, f.goBuildInfo !== undefined])).toEqual([
      ['/usr/bin/tool', undefined, true],
    ]);
    const root = (r.spdx.packages as Doc[]).find((p) => p.primaryPackagePurpose === 'CONTAINER');
    expect(root?.versionInfo).toBe(`sha256:${'b'.repeat(64)}`);
    expect(root?.externalRefs[0].referenceLocator).toContain('?arch=arm64&');
    expect((r.cyclonedx.metadata as Doc).component.version).toBe(`sha256:${'b'.repeat(64)}`);
  });
});

describe('bring-your-own SBOM', () => {
  const spdx = toSpdx(packages, distro, image, writerOpts);
  const cdx = toCycloneDx(packages, distro, image, writerOpts);

  it('detects the format', () => {
    expect(detectSbomFormat(spdx)).toBe('spdx');
    expect(detectSbomFormat(cdx)).toBe('cyclonedx');
    expect(detectSbomFormat({ hello: 1 })).toBeUndefined();
    expect(detectSbomFormat([])).toBeUndefined();
  });

  it('accepts our own documents', () => {
    expect(validateUserSbom(spdx)).toEqual({ format: 'spdx', version: 'SPDX-2.3' });
    expect(validateUserSbom(cdx)).toEqual({ format: 'cyclonedx', version: '1.6' });
  });

  it('names what is missing', () => {
    const { documentNamespace: _n, name: _m, ...noNs } = spdx;
    expect(() => validateUserSbom(noNs)).toThrow(
      'the SPDX SBOM (SPDX-2.3) lacks required field(s): name, documentNamespace',
    );
    expect(() => validateUserSbom({ ...spdx, creationInfo: { creators: [] } })).toThrow(
      'lacks required field(s): creationInfo.created, creationInfo.creators',
    );
    expect(() => validateUserSbom({ ...spdx, spdxVersion: 'SPDX-3.0' })).toThrow(
      'only SPDX-2.x is supported',
    );
    expect(() =>
      validateUserSbom({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] }),
    ).toThrow(/SPDX 3/);
    const { serialNumber: _s, ...noSerial } = cdx;
    expect(() => validateUserSbom(noSerial)).toThrow(
      'the CycloneDX SBOM lacks required field(s): serialNumber (the https://cyclonedx.org/bom attestation needs a serialNumber)',
    );
    expect(() => validateUserSbom({ bomFormat: 'CycloneDX', serialNumber: 'urn:uuid:x' })).toThrow(
      'the CycloneDX SBOM lacks required field(s): specVersion',
    );
    expect(() => validateUserSbom({ ...cdx, serialNumber: 'abc' })).toThrow('is not a urn:uuid');
    expect(() => validateUserSbom({ components: [] })).toThrow(
      /neither SPDX 2\.x JSON .* nor CycloneDX JSON/,
    );
    expect(() => validateUserSbom('x')).toThrow('not a JSON object');
  });
});
