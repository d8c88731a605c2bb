// Fuzz targets: the language-package metadata inside an image (Go build info, zip/jar archives and
// their manifests, pom files, package.json, Python METADATA), seeded from hand-made real-shaped inputs.
import { describe, it } from 'vitest';
import {
  GoBuildInfoScanner,
  GO_BUILDINFO_MAX,
  parseBuildInfoBlob,
  parseModInfo,
} from '../../src/sbom/catalogers/go-buildinfo.js';
import { parseManifest, parsePomProperties, parsePomXml } from '../../src/sbom/catalogers/java-meta.js';
import { parsePackageJson } from '../../src/sbom/catalogers/npm.js';
import { parsePythonMetadata, parseRfc822Fields } from '../../src/sbom/catalogers/python.js';
import { bufferSource, readZipEntries, readZipEntry, ZipError } from '../../src/sbom/catalogers/zip.js';
import { goBuildInfoBlob, makeZip } from '../support/archives.js';
import {
  anyOf,
  call,
  callAsync,
  fuzz,
  fuzzAsync,
  instanceOf,
  mutatedBytes,
  mutatedText,
  neverThrows,
  plainError,
} from '../support/fuzz.js';

const MODINFO = [
  'path\texample.com/cmd/app',
  'mod\texample.com\t(devel)\t',
  'dep\tgithub.com/a/b\tv1.2.3\th1:abc=',
  '=>\tgithub.com/c/d\tv0.1.0\th1:def=',
  'build\t-ldflags="-s -w"',
  'build\tvcs.revision=0123abcd',
  '',
].join('\n');
const MANIFEST =
  'Manifest-Version: 1.0\r\nImplementation-Title: netty-common\r\nImplementation-Version: 4.1.100.Final\r\n continued\r\n\r\nName: a/b\r\nX: y\r\n';
const POM_PROPERTIES = '#Generated\nversion=4.1.100.Final\ngroupId=io.netty\nartifactId=netty-common\n';
const POM_XML =
  '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><parent><groupId>io.netty</groupId></parent>' +
  '<artifactId>netty-common</artifactId><version>${project.parent.version}</version><!-- c --><licenses><license><name>Apache-2.0</name></license></licenses></project>';
const PACKAGE_JSON = JSON.stringify({
  name: '@scope/pkg',
  version: '1.2.3',
  author: { name: 'A', email: 'a@example.com' },
  license: 'MIT',
  licenses: [{ type: 'ISC' }],
  repository: { type: 'git', url: 'https://example.com/r.git' },
  private: false,
  dependencies: { x: '^1' },
});
const METADATA =
  'Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\nLicense: MIT\n  continued\nAuthor: A\nClassifier: License :: OSI Approved :: MIT License\n\nbody\n';

const goBlobs = [
  goBuildInfoBlob('go1.22.3', MODINFO),
  goBuildInfoBlob('go1.21.0 X:boringcrypto', 'path\tx\n'),
];
const zips = [
  makeZip([
    ['META-INF/MANIFEST.MF', MANIFEST],
    ['META-INF/maven/io.netty/netty-common/pom.properties', POM_PROPERTIES],
    ['lib/', ''],
  ]),
  makeZip([['a.txt', 'stored'.repeat(20)]], { store: true, prefix: Buffer.from('#!/bin/sh\n') }),
];
const modinfoError = plainError(/^could not parse Go build info: line \d+: /);

describe('fuzz: language package metadata', () => {
  it('Go build info blob (parseBuildInfoBlob, then parseModInfo)', () => {
    const blobError = plainError(/^not a Go executable/, /^build info in the pre-Go 1\.18 pointer format/);
    fuzz(mutatedBytes(goBlobs), 400, (blob) =>
      call(
        (b: Buffer) => {
          const { goVersion, modinfo } = parseBuildInfoBlob(b);
          return parseModInfo(modinfo, goVersion);
        },
        blob,
        anyOf(blobError, modinfoError),
      ),
    );
  });

  it('Go module text (parseModInfo)', () => {
    fuzz(mutatedText([MODINFO], 'pathmoddepbuild=>\t\n "\\x(devel)v1.'), 400, (text) =>
      call((t: string) => parseModInfo(t, 'go1.22'), text, modinfoError),
    );
  });

  // The scanner sees a binary in chunks: split the input at arbitrary points; it never throws, and
  // what it returns is bounded by its cap.
  it('Go build info scanner (GoBuildInfoScanner)', () => {
    const seeds = goBlobs.map((b) => Buffer.concat([Buffer.alloc(100, 0xcc), b, Buffer.alloc(50)]));
    fuzz(mutatedBytes(seeds), 300, (bin) =>
      call(
        (b: Buffer) => {
          const s = new GoBuildInfoScanner();
          for (let i = 0; i < b.length; i += 1 + (b[i]! % 37)) s.push(b.subarray(i, i + 1 + (b[i]! % 37)));
          return s.result();
        },
        bin,
        neverThrows,
        { size: (r) => r?.length ?? 0, maxOutput: GO_BUILDINFO_MAX },
      ),
    );
  });

  it('zip/jar archives (readZipEntries, readZipEntry)', async () => {
    await fuzzAsync(mutatedBytes(zips, { max: 6 }), 400, (zip) =>
      callAsync(
        async (b: Buffer) => {
          const src = bufferSource(b);
          const entries = await readZipEntries(src);
          for (const e of entries.slice(0, 8)) {
            try {
              await readZipEntry(src, e, 64 * 1024);
            } catch (err) {
              if (!(err instanceof ZipError)) throw err;
            }
          }
          return entries;
        },
        zip,
        instanceOf(ZipError),
        { size: (entries) => entries.length, maxOutput: zip.length },
      ),
    );
  });

  it('jar MANIFEST.MF (parseManifest)', () => {
    fuzz(mutatedText([MANIFEST], 'ab:\r\n -.'), 300, (text) => call(parseManifest, text, neverThrows));
  });

  it('pom.properties (parsePomProperties)', () => {
    const typed = plainError(/^unable to split pom\.properties key-value pairs: /);
    fuzz(mutatedText([POM_PROPERTIES], 'a=:#\n '), 300, (text) =>
      call((t: string) => parsePomProperties(t, 'x/pom.properties'), text, typed),
    );
  });

  it('pom.xml (parsePomXml)', () => {
    const typed = plainError(
      /^unbalanced <\//,
      /^malformed XML$/,
      /^unclosed element$/,
      /^no <project> element$/,
    );
    fuzz(mutatedText([POM_XML], '<>/project?!-="a${}.'), 400, (text) =>
      call((t: string) => parsePomXml(t, 'x/pom.xml'), text, typed),
    );
  });

  // A document of the wrong shape fails as encoding/json would: ShapeError (module-private) or JSON.parse's SyntaxError.
  it('npm package.json (parsePackageJson)', () => {
    const typed = (err: unknown) =>
      err instanceof SyntaxError || (err instanceof Error && err.constructor.name === 'ShapeError');
    fuzz(mutatedText([PACKAGE_JSON, `${PACKAGE_JSON}\n[]`], '{}[]":,nul1 '), 400, (text) =>
      call((t: string) => parsePackageJson(t, '/app/package.json'), text, typed, {
        size: (pkgs) => pkgs.length,
        maxOutput: text.length,
      }),
    );
  });

  it('Python METADATA (parsePythonMetadata, parseRfc822Fields)', () => {
    const typed = plainError(/^continuation with no previous key: /);
    fuzz(mutatedText([METADATA], 'NV: \n\t-_.'), 400, (text) => {
      call((t: string) => parsePythonMetadata(t, '/s/x.dist-info/METADATA'), text, typed);
      call(parseRfc822Fields, text, typed);
    });
  });
});
