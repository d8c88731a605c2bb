import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogContext, ImageFile, Package } from '../../src/sbom/model.js';
import { goBuildInfoBlob as blob, makeZip } from '../support/archives.js';
import { languageCatalogers } from '../../src/sbom/catalogers/index-lang.js';
import { npmCataloger } from '../../src/sbom/catalogers/npm.js';
import { pythonCataloger } from '../../src/sbom/catalogers/python.js';
import {
  GO_BUILDINFO_MAGIC,
  GoBuildInfoScanner,
  findGoBuildInfo,
  goBinaryCataloger,
  goPackagesFromBuildInfo,
} from '../../src/sbom/catalogers/go-binary.js';
import { parseBuildInfoBlob, parseModInfo } from '../../src/sbom/catalogers/go-buildinfo.js';
import { JAVA_LIMITS, javaCataloger } from '../../src/sbom/catalogers/java.js';
import { archiveFilename } from '../../src/sbom/catalogers/java-meta.js';
import { spdxSupplier, syftPurl } from '../../src/sbom/catalogers/lang-common.js';

const tmp = mkdtempSync(join(tmpdir(), 'sigstamp-lang-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ctx(): CatalogContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}
const file = (path: string, content: string | Buffer, mode = 0o644): ImageFile => {
  const b = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { path, size: b.length, mode, content: b };
};
const byName = (pkgs: Package[], name: string): Package => {
  const p = pkgs.find((x) => x.name === name);
  if (!p) throw new Error(`no package ${name} in ${pkgs.map((x) => x.name).join(', ')}`);
  return p;
};

describe('purls as syft (anchore/packageurl-go) writes them', () => {
  it('escapes like Go url.QueryEscape and keeps names as given', () => {
    expect(syftPurl('npm', '@Scope', 'Name', '1.0.0-rc.1+build')).toBe(
      'pkg:npm/%40Scope/Name@1.0.0-rc.1%2Bbuild',
    );
    expect(syftPurl('pypi', '', 'torch', '2.3.0+cpu')).toBe('pkg:pypi/torch@2.3.0%2Bcpu');
    expect(syftPurl('golang', 'github.com/BurntSushi', 'toml', 'v1.2.3')).toBe(
      'pkg:golang/github.com/BurntSushi/toml@v1.2.3',
    );
    expect(syftPurl('maven', 'org.x', 'a b', '1:2~3')).toBe('pkg:maven/org.x/a%20b@1%3A2~3');
    // and they are valid purls
    expect(PackageURL.fromString(syftPurl('npm', '@scope', 'name', '1.0.0')).name).toBe('name');
  });
});

describe('npm (javascript-package-cataloger)', () => {
  const run = async (files: ImageFile[]) => {
    const c = ctx();
    return { pkgs: await npmCataloger().catalog(files, c), warnings: c.warnings };
  };

  it('wants every package.json, not only under node_modules (syft globs **/package.json)', () => {
    const c = npmCataloger();
    expect(c.wants('/app/package.json', 100, 0o644)).toBe(true);
    expect(c.wants('/app/node_modules/@a/b/package.json', 100, 0o644)).toBe(true);
    expect(c.wants('/app/package.json.bak', 100, 0o644)).toBe(false);
    expect(c.wants('/app/package-lock.json', 100, 0o644)).toBe(false);
  });

  it('reads name, version, license forms, author and scoped purls', async () => {
    const { pkgs, warnings } = await run([
      file(
        '/usr/lib/node_modules/npm/node_modules/@npmcli/fs/package.json',
        JSON.stringify({ name: '@npmcli/fs', version: '3.1.0', license: 'ISC', author: 'GitHub Inc.' }),
      ),
      file(
        '/app/node_modules/abbrev/package.json',
        JSON.stringify({
          name: 'abbrev',
          version: '1.1.1',
          license: { type: 'MIT', url: 'x' },
          author: 'Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)',
        }),
      ),
      file(
        '/app/node_modules/old/package.json',
        JSON.stringify({
          name: 'old',
          version: '0.1.0',
          licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }],
          authors: ['A <a@x.io>', { name: 'B' }],
          contributors: { name: 'C', email: 'c@x.io' },
        }),
      ),
      file('/app/package.json', JSON.stringify({ name: 'my-app', version: '1.0.0', private: true })),
    ]);
    expect(warnings).toEqual([]);
    const fs = byName(pkgs, '@npmcli/fs');
    expect(fs).toMatchObject({
      version: '3.1.0',
      type: 'npm',
      purl: 'pkg:npm/%40npmcli/fs@3.1.0',
      licenses: ['ISC'],
      supplier: 'GitHub Inc.',
      foundBy: 'javascript-package-cataloger',
    });
    expect(fs.locations).toEqual(['/usr/lib/node_modules/npm/node_modules/@npmcli/fs/package.json']);
    expect(byName(pkgs, 'abbrev')).toMatchObject({
      licenses: ['MIT'],
      supplier: 'Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)',
    });
    expect(byName(pkgs, 'old')).toMatchObject({
      licenses: ['MIT', 'Apache-2.0'],
      supplier: 'A <a@x.io>, B, C <c@x.io>',
    });
    expect(byName(pkgs, 'my-app')).toMatchObject({
      purl: 'pkg:npm/my-app@1.0.0',
      metadata: { private: 'true' },
    });
  });

  it('reads every JSON document of a file, fails the file on a BOM (encoding/json), formats suppliers as syft SPDX', async () => {
    const { pkgs, warnings } = await run([
      file('/n/node_modules/m/package.json', '{"name":"m1","version":"1"}\n{"name":"m2","version":"2"}\n'),
      file('/n/node_modules/bom/package.json', '\ufeff{"name":"bom","version":"1"}'),
      file(
        '/n/node_modules/s/package.json',
        JSON.stringify({
          name: 's',
          version: '1',
          author: { name: 'Jane', email: 'j@x.io', url: 'https://x.io' },
        }),
      ),
    ]);
    expect(pkgs.map((p) => p.name)).toEqual(['m1', 'm2', 's']);
    expect(warnings).toHaveLength(1);
    expect(spdxSupplier(byName(pkgs, 's'))).toBe('Person: Jane (j@x.io)');
    expect(
      spdxSupplier({ ...byName(pkgs, 's'), supplier: 'A <a@x.io> (http://a), B <b@x.io>' }),
    ).toBeUndefined();
  });

  it('drops nameless packages, stubs a missing version as UNKNOWN (syft compliance defaults), warns on bad JSON', async () => {
    const { pkgs, warnings } = await run([
      file('/a/node_modules/x/package.json', '{"version": "1.0.0"}'),
      file('/a/node_modules/y/package.json', '{"name": "y"}'),
      file('/a/node_modules/z/package.json', '{"name": "z", '),
      file('/a/node_modules/w/package.json', '{"name": 3, "version": "1"}'),
      file(
        '/a/node_modules/v/package.json',
        '{"name": "v", "version": "1", "license": 5, "licenses": ["MIT"]}',
      ),
    ]);
    expect(pkgs.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['y', 'UNKNOWN', 'pkg:npm/y'],
      ['v', '1', 'pkg:npm/v@1'],
    ]);
    expect(byName(pkgs, 'v').licenses).toEqual([]);
    expect(warnings).toHaveLength(2);
  });
});

describe('python (python-installed-package-cataloger)', () => {
  const run = async (files: ImageFile[]) => {
    const c = ctx();
    return { pkgs: await pythonCataloger().catalog(files, c), warnings: c.warnings };
  };

  it('wants the files syft globs for', () => {
    const w = (p: string) => pythonCataloger().wants(p, 10, 0o644);
    expect(w('/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA')).toBe(true);
    expect(w('/x/site-packages/foo.egg-info/PKG-INFO')).toBe(true);
    expect(w('/x/site-packages/foo-1.0-py3.8.egg-info')).toBe(true);
    expect(w('/x/site-packages/FOO.DIST-INFO/METADATA')).toBe(true);
    expect(w('/x/site-packages/foo.dist-info/RECORD')).toBe(false);
    expect(w('/x/site-packages/foo.Dist-Info/METADATA')).toBe(false);
  });

  it('parses METADATA: normalised name, License-Expression and License, author as supplier', async () => {
    const metadata = [
      'Metadata-Version: 2.4',
      'Name: Typing_Extensions.Foo',
      'Version: 4.12.2',
      'Summary: Backported and Experimental Type Hints',
      'Author-email: "Guido van Rossum, Jukka Lehtosalo" <levkivskyi@gmail.com>',
      'License-Expression: PSF-2.0',
      'License: Python Software Foundation License',
      'Classifier: License :: OSI Approved :: Python Software Foundation License',
      '',
      'Body with License: MIT that must be ignored',
    ].join('\r\n');
    const { pkgs } = await run([
      file('/usr/lib/python3.12/site-packages/typing_extensions-4.12.2.dist-info/METADATA', metadata),
    ]);
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0]).toMatchObject({
      name: 'typing-extensions-foo',
      version: '4.12.2',
      type: 'python',
      purl: 'pkg:pypi/typing-extensions-foo@4.12.2',
      licenses: ['PSF-2.0', 'Python Software Foundation License'],
      supplier: '"Guido van Rossum, Jukka Lehtosalo" <levkivskyi@gmail.com>',
      metadata: { sitePackagesRootPath: '/usr/lib/python3.12/site-packages' },
    });
  });

  it('ignores License classifiers (syft does), reads PKG-INFO and egg-info files, skips "Python"', async () => {
    const { pkgs } = await run([
      file(
        '/s/six.dist-info/METADATA',
        'Name: six\nVersion: 1.16.0\nAuthor: Benjamin Peterson\nAuthor-email: benjamin@python.org\nClassifier: License :: OSI Approved :: MIT License\n',
      ),
      file(
        '/s/legacy.egg-info/PKG-INFO',
        'Metadata-Version: 1.1\nName: legacy\nVersion: 0.9\nLicense: BSD\n',
      ),
      file(
        '/usr/lib/python2.7/lib-dynload/Python-2.7.egg-info',
        'Metadata-Version: 1.0\nName: Python\nVersion: 2.7.18\n',
      ),
      file(
        '/s/argparse-1.2.1.egg-info',
        'Metadata-Version: 1.0\nName: argparse\nVersion: 1.2.1\nLicense: Python Software Foundation License\n',
      ),
    ]);
    expect(pkgs.map((p) => [p.name, p.version, p.licenses])).toEqual([
      ['six', '1.16.0', []],
      ['legacy', '0.9', ['BSD']],
      ['argparse', '1.2.1', ['Python Software Foundation License']],
    ]);
    expect(byName(pkgs, 'six').supplier).toBe('Benjamin Peterson (benjamin@python.org)');
    expect(byName(pkgs, 'argparse').metadata?.sitePackagesRootPath).toBe('/s');
  });

  it('prefers the exact-case header over a differently-cased duplicate (mapstructure)', async () => {
    const { pkgs } = await run([
      file('/s/dup.dist-info/METADATA', 'Name: dup\nVersion: 1.0\nVersion: 2.0\nname: other\n'),
    ]);
    expect(pkgs.map((p) => [p.name, p.version])).toEqual([['dup', '2.0']]);
  });

  it('turns a multi-line License text into sha256:<hex> as syft does without an SPDX match', async () => {
    const { pkgs } = await run([
      file(
        '/s/x.dist-info/METADATA',
        'Name: x\nVersion: 1\nLicense: Copyright (c) Someone\n        All rights reserved.\n',
      ),
    ]);
    expect(pkgs[0]?.licenses).toHaveLength(1);
    expect(pkgs[0]?.licenses[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('Go build info', () => {
  const modinfo = [
    'path\texample.com/cmd/app',
    'mod\texample.com\t(devel)\t',
    'dep\tgithub.com/a/b\tv1.0.0\th1:abc=',
    'dep\tgithub.com/old/c\tv1.1.0',
    '=>\tgithub.com/new/c\tv1.2.0\th1:def=',
    'dep\texample.com/local\tv0.0.0-00010101000000-000000000000',
    '=>\t../local\t(devel)\t',
    'build\t-ldflags="-s -w -X example.com/cmd/app/internal/version.Version=2.5.1"',
    'build\tGOARCH=arm64',
    'build\tvcs.revision=0123456789abcdef0123',
    'build\tvcs.time=2024-05-06T07:08:09Z',
    '',
  ].join('\n');
  const info = blob('go1.22.3 X:boringcrypto', modinfo);

  it('parses the module text like runtime/debug.ParseBuildInfo', () => {
    const { goVersion, modinfo: text } = parseBuildInfoBlob(info);
    expect(goVersion).toBe('go1.22.3 X:boringcrypto');
    const bi = parseModInfo(text, goVersion);
    expect(bi.main).toEqual({ path: 'example.com', version: '(devel)', sum: '' });
    expect(bi.deps[1]?.replace).toEqual({ path: 'github.com/new/c', version: 'v1.2.0', sum: 'h1:def=' });
    expect(bi.settings[0]).toEqual([
      '-ldflags',
      '-s -w -X example.com/cmd/app/internal/version.Version=2.5.1',
    ]);
    expect(() => parseModInfo('=>\ta\tb\tc\n')).toThrow(/replacement with no module/);
    expect(() => parseModInfo('build\tk=a b\n')).toThrow(/must be quoted/);
  });

  it('names packages as syft: ldflags main version, replacements, stdlib', () => {
    const bi = parseModInfo(parseBuildInfoBlob(info).modinfo, 'go1.22.3 X:boringcrypto');
    const pkgs = goPackagesFromBuildInfo(bi, '/usr/bin/app');
    expect(pkgs.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['example.com', 'v2.5.1', 'pkg:golang/example.com@v2.5.1'],
      ['github.com/a/b', 'v1.0.0', 'pkg:golang/github.com/a/b@v1.0.0'],
      ['github.com/new/c', 'v1.2.0', 'pkg:golang/github.com/new/c@v1.2.0'],
      ['example.com/local', '', 'pkg:golang/example.com/local'],
      ['stdlib', 'go1.22.3', 'pkg:golang/stdlib@1.22.3'],
    ]);
    expect(pkgs[4]?.licenses).toEqual(['BSD-3-Clause']);
    expect(pkgs[0]?.metadata).toMatchObject({ architecture: 'arm64', goCompiledVersion: 'go1.22.3' });
    // without a version-looking ldflag: the vcs pseudo-version
    bi.settings = bi.settings.filter(([k]) => k !== '-ldflags');
    expect(goPackagesFromBuildInfo(bi, '/x')[0]?.version).toBe('v0.0.0-20240506070809-0123456789ab');
  });

  it('finds the blob across chunk boundaries, past a decoy magic, with bounded memory', () => {
    const decoy = Buffer.concat([GO_BUILDINFO_MAGIC, Buffer.from('this is a string literal, not a header')]);
    const noise = Buffer.alloc(200_000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) & 0xff;
    const stream = Buffer.concat([noise, decoy, noise.subarray(0, 1234), info, noise]);
    for (const size of [1, 5, 13, 14, 15, 31, 33, 4096, 65536, stream.length]) {
      const s = new GoBuildInfoScanner();
      for (let i = 0; i < stream.length; i += size) s.push(stream.subarray(i, i + size));
      expect(s.result()?.equals(info), `chunk size ${size}`).toBe(true);
    }
    // The magic split at each of its bytes between two large chunks (the seam search).
    const at = noise.length + decoy.length + 1234;
    for (let k = 1; k < GO_BUILDINFO_MAGIC.length; k++) {
      const s = new GoBuildInfoScanner();
      s.push(stream.subarray(0, at + k));
      s.push(stream.subarray(at + k));
      expect(s.result()?.equals(info), `magic split after byte ${k}`).toBe(true);
    }
    const capped = new GoBuildInfoScanner(100);
    capped.push(stream);
    expect(capped.result()?.length).toBe(100);
    expect(findGoBuildInfo(noise)).toBeUndefined();
  });
});

const goBin = (() => {
  try {
    return execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }) ? 'go' : undefined;
  } catch {
    return undefined;
  }
})();

/** `go version -m` as structured data. */
function goVersionM(bin: string) {
  const out = execFileSync(goBin as string, ['version', '-m', bin], { encoding: 'utf8' });
  const lines = out.split('\n');
  const goVersion = (lines[0] as string).slice((lines[0] as string).indexOf(': ') + 2);
  const deps: { path: string; version: string; replace?: { path: string; version: string } }[] = [];
  let main = '';
  let mainVersion = '';
  for (const line of lines.slice(1)) {
    const [, kind, ...cols] = line.split('\t');
    if (kind === 'mod') [main, mainVersion] = cols as [string, string];
    if (kind === 'dep') deps.push({ path: cols[0] as string, version: cols[1] as string });
    if (kind === '=>')
      (deps[deps.length - 1] as (typeof deps)[0]).replace = {
        path: cols[0] as string,
        version: cols[1] as string,
      };
  }
  return { goVersion, main, mainVersion, deps };
}

/** Streams a file through the scanner in odd-sized chunks, as the layer streamer would. */
function scanFile(path: string): Buffer | undefined {
  const data = readFileSync(path);
  const s = new GoBuildInfoScanner();
  for (let i = 0; i < data.length; i += 65_521) s.push(data.subarray(i, i + 65_521));
  return s.result();
}

async function compareWithGoVersionM(bin: string) {
  const want = goVersionM(bin);
  const bi = scanFile(bin);
  expect(bi).toBeDefined();
  const c = ctx();
  const pkgs = await goBinaryCataloger().catalog(
    [{ path: '/bin/x', size: 0, mode: 0o755, goBuildInfo: bi as Buffer }],
    c,
  );
  expect(c.warnings).toEqual([]);
  const parsed = parseModInfo(parseBuildInfoBlob(bi as Buffer).modinfo);
  expect(parseBuildInfoBlob(bi as Buffer).goVersion).toBe(want.goVersion);
  expect([parsed.main.path, parsed.main.version]).toEqual([want.main, want.mainVersion]);
  expect(
    parsed.deps.map((d) => ({
      path: d.path,
      version: d.version,
      ...(d.replace ? { replace: { path: d.replace.path, version: d.replace.version } } : {}),
    })),
  ).toEqual(want.deps);
  const stdlib = byName(pkgs, 'stdlib');
  expect(stdlib.version).toBe(want.goVersion.split(' ')[0]);
  for (const d of want.deps) {
    const local = d.replace && /^[./]/.test(d.replace.path);
    const name = d.replace && !local ? d.replace.path : d.path;
    const version = d.replace ? d.replace.version : d.version;
    expect(byName(pkgs, name).version).toBe(version === '(devel)' ? 'UNKNOWN' : version);
  }
  return pkgs;
}

describe.skipIf(!goBin)('Go build info of real binaries vs `go version -m`', () => {
  it(
    'a binary built here with a replaced local module, a cached module and -X main.version',
    { timeout: 600_000 },
    async () => {
      const dir = join(tmp, 'gosrc');
      mkdirSync(join(dir, 'localdep'), { recursive: true });
      const modcache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
      // The one module this machine is known to cache; without it the build uses the local module only.
      const digest = existsSync(
        join(modcache, 'cache/download/github.com/opencontainers/go-digest/@v/v1.0.0.zip'),
      );
      writeFileSync(
        join(dir, 'go.mod'),
        `module example.com/hello\n\ngo 1.22\n\nrequire example.com/localdep v1.2.3\n${digest ? 'require github.com/opencontainers/go-digest v1.0.0\n' : ''}\nreplace example.com/localdep v1.2.3 => ./localdep\n`,
      );
      writeFileSync(join(dir, 'localdep/go.mod'), 'module example.com/localdep\n\ngo 1.22\n');
      writeFileSync(
        join(dir, 'localdep/dep.go'),
        'package localdep\n\nfunc Hello() string { return "hi" }\n',
      );
      // debug/buildinfo puts the magic into .rodata too: a decoy the scanner must skip.
      writeFileSync(
        join(dir, 'main.go'),
        `package main\n\nimport (\n\t"debug/buildinfo"\n\t"fmt"\n\n\t"example.com/localdep"\n${digest ? '\tdigest "github.com/opencontainers/go-digest"\n' : ''})\n\nvar version = "dev"\n\nfunc main() {\n\t_, err := buildinfo.ReadFile("/nonexistent")\n\tfmt.Println(localdep.Hello(), version, err${digest ? ', digest.FromString("x")' : ''})\n}\n`,
      );
      const env = {
        ...process.env,
        GOFLAGS: '-mod=mod -buildvcs=false',
        GOPROXY: 'off',
        GOSUMDB: 'off',
        GOTOOLCHAIN: 'local',
        GOWORK: 'off',
        CGO_ENABLED: '0',
      };
      execFileSync('go', ['build', '-ldflags', '-X main.version=1.2.3', '-o', 'hello', '.'], {
        cwd: dir,
        env,
        stdio: 'pipe',
      });
      const pkgs = await compareWithGoVersionM(join(dir, 'hello'));
      // syft's main-module rule: (devel) + `-X main.version=1.2.3` -> v1.2.3
      expect(byName(pkgs, 'example.com/hello')).toMatchObject({
        version: 'v1.2.3',
        purl: 'pkg:golang/example.com/hello@v1.2.3',
      });
      expect(byName(pkgs, 'example.com/localdep')).toMatchObject({
        version: 'UNKNOWN',
        purl: 'pkg:golang/example.com/localdep',
      });
      if (digest)
        expect(byName(pkgs, 'github.com/opencontainers/go-digest').purl).toBe(
          'pkg:golang/github.com/opencontainers/go-digest@v1.0.0',
        );
    },
  );

  const oras = join(process.env.HOME ?? '/root', '.cache/sigstamp/bin/oras');
  it.skipIf(!existsSync(oras))('the oras binary the project installs', async () => {
    const pkgs = await compareWithGoVersionM(oras);
    expect(byName(pkgs, 'oras.land/oras-go/v2').purl).toMatch(/^pkg:golang\/oras\.land\/oras-go\/v2@v2\./);
  });
});

describe('Java archives (java-archive-cataloger)', () => {
  const run = async (files: ImageFile[]) => {
    const c = ctx();
    return { pkgs: await javaCataloger().catalog(files, c), warnings: c.warnings };
  };
  const pomProps = (g: string, a: string, v: string) =>
    `#Generated by Maven\ngroupId=${g}\nartifactId=${a}\nversion=${v}\n`;

  it('splits file names as archive_filename.go does (syft test table)', () => {
    const cases: [string, string, string][] = [
      ['pkg-maven-4.3.2.blerg', 'pkg-maven', '4.3.2'],
      ['pkg-maven.4.3.2.blerg', 'pkg-maven', '4.3.2'],
      ['pkg-maven_4.3.2.blerg', 'pkg-maven', '4.3.2'],
      ['liferay-package.lpkg', 'liferay-package', ''],
      [
        '/some/path-with-version-5.4.3/wagon-webdav-1.0.2-beta-2.2.3a-hudson.jar',
        'wagon-webdav',
        '1.0.2-beta-2.2.3a-hudson',
      ],
      ['/hudson.war:WEB-INF/lib/jtidy-4aug2000r7-dev-hudson-1.jar', 'jtidy', '4aug2000r7-dev-hudson-1'],
      ['/hudson.war:WEB-INF/lib/trilead-ssh2-build212-hudson-5.jar', 'trilead-ssh2', 'build212-hudson-5'],
      ['/hudson.war:WEB-INF/lib/guava-r06.jar', 'guava', 'r06'],
      ['BOOT-INF/lib/spring-data-r2dbc-1.1.0.RELEASE.jar', 'spring-data-r2dbc', '1.1.0.RELEASE'],
      ['jboss-saaj-api_1.4_spec-1.0.2.Final.jar', 'jboss-saaj-api_1.4_spec', '1.0.2.Final'],
      ['/usr/share/java/gradle/lib/gradle-build-cache-8.1.1.jar', 'gradle-build-cache', '8.1.1'],
    ];
    for (const [raw, name, version] of cases)
      expect(archiveFilename(raw), raw).toMatchObject({ name, version });
  });

  it('names a jar from its pom.properties, licenses from Bundle-License, vendor as supplier', async () => {
    const jar = makeZip([
      ['META-INF/', ''],
      [
        'META-INF/MANIFEST.MF',
        'Manifest-Version: 1.0\r\nImplementation-Title: Commons Text\r\nImplementation-Version: 9.9\r\nImplementation-Vendor: The Apache Software Foundation\r\nBundle-License: https://www.apache.org/licenses/LICENSE-2.0.tx\r\n t\r\n\r\n',
      ],
      [
        'META-INF/maven/org.apache.commons/commons-text/pom.properties',
        pomProps('org.apache.commons', 'commons-text', '1.10.0'),
      ],
      ['org/apache/commons/text/StringSubstitutor.class', Buffer.alloc(100, 1)],
    ]);
    const { pkgs, warnings } = await run([file('/app/lib/commons-text-1.10.0.jar', jar)]);
    expect(warnings).toEqual([]);
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0]).toMatchObject({
      name: 'commons-text',
      version: '1.10.0',
      type: 'java-archive',
      purl: 'pkg:maven/org.apache.commons/commons-text@1.10.0',
      licenses: ['https://www.apache.org/licenses/LICENSE-2.0.txt'],
      supplier: 'The Apache Software Foundation',
      locations: ['/app/lib/commons-text-1.10.0.jar'],
      foundBy: 'java-archive-cataloger',
    });
    expect(pkgs[0]?.metadata?.sha1).toMatch(/^[0-9a-f]{40}$/);
  });

  it('a shaded jar yields one package per pom.properties; pom.xml licenses; no manifest -> no package', async () => {
    const pomXml =
      '<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>2.0</version></parent><artifactId>shaded</artifactId><licenses><license><name>Apache License, Version 2.0</name></license></licenses></project>';
    const shaded = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'],
      ['META-INF/maven/com.acme/shaded/pom.properties', pomProps('com.acme', 'shaded', '2.0')],
      ['META-INF/maven/com.acme/shaded/pom.xml', pomXml],
      [
        'META-INF/maven/com.google.guava/guava/pom.properties',
        pomProps('com.google.guava', 'guava', '32.1.2-jre'),
      ],
      ['META-INF/maven/org.slf4j/slf4j-api/pom.properties', pomProps('org.slf4j', 'slf4j-api', '2.0.9')],
    ]);
    const noManifest = makeZip([['META-INF/maven/x/y/pom.properties', pomProps('x', 'y', '1')]]);
    const { pkgs } = await run([file('/opt/shaded-2.0.jar', shaded), file('/opt/y-1.jar', noManifest)]);
    expect(pkgs.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['shaded', '2.0', 'pkg:maven/com.acme/shaded@2.0'],
      ['guava', '32.1.2-jre', 'pkg:maven/com.google.guava/guava@32.1.2-jre'],
      ['slf4j-api', '2.0.9', 'pkg:maven/org.slf4j/slf4j-api@2.0.9'],
    ]);
    expect(byName(pkgs, 'shaded').licenses).toEqual(['Apache License, Version 2.0']);
    expect(byName(pkgs, 'guava').metadata?.virtualPath).toBe('/opt/shaded-2.0.jar:com.google.guava:guava');
  });

  it('without Maven metadata: file name, manifest version, known group IDs and manifest group fields', async () => {
    const spring = makeZip([
      [
        'META-INF/MANIFEST.MF',
        'Manifest-Version: 1.0\nImplementation-Title: spring-core\nImplementation-Version: 6.1.3\nAutomatic-Module-Name: spring.core\n',
      ],
    ]);
    const bundle = makeZip([
      [
        'META-INF/MANIFEST.MF',
        'Manifest-Version: 1.0\nCreated-By: Apache Maven Bundle Plugin\nBundle-SymbolicName: com.example.widgets\nBundle-Version: 3.2.1\n',
      ],
    ]);
    const { pkgs } = await run([file('/a/spring-core.jar', spring), file('/a/widgets.jar', bundle)]);
    expect(pkgs.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['spring-core', '6.1.3', 'pkg:maven/org.springframework/spring-core@6.1.3'],
      ['widgets', '3.2.1', 'pkg:maven/com.example.widgets/widgets@3.2.1'],
    ]);
  });

  it('a war with nested jars, in memory and spilled to disk; a zip-wrapped jar; a prefixed (executable) jar', async () => {
    const lib = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'],
      [
        'META-INF/maven/io.netty/netty-common/pom.properties',
        pomProps('io.netty', 'netty-common', '4.1.100.Final'),
      ],
    ]);
    const big = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\nImplementation-Version: 7.7\n'],
      ['blob.bin', Buffer.alloc(3000, 7)],
    ]);
    const war = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'],
      ['META-INF/maven/com.acme/webapp/pom.properties', pomProps('com.acme', 'webapp', '1.0.0')],
      ['WEB-INF/lib/netty-common-4.1.100.Final.jar', lib],
      ['WEB-INF/lib/bigthing.jar', big],
    ]);
    const saved = JAVA_LIMITS.nestedInMemory;
    JAVA_LIMITS.nestedInMemory = 1024; // force the spill path for bigthing.jar
    try {
      const warPath = join(tmp, 'webapp.war');
      writeFileSync(warPath, war);
      const wrapped = makeZip([['dist/lib/netty-common-4.1.100.Final.jar', lib]]);
      const prefixed = Buffer.concat([Buffer.from('#!/bin/sh\nexec java -jar "$0" "$@"\n'), lib]);
      const { pkgs, warnings } = await run([
        { path: '/srv/webapp.war', size: war.length, mode: 0o644, spillPath: warPath },
        file('/opt/bundle.zip', wrapped),
        file('/usr/local/bin/netty-common-4.1.100.Final.jar', prefixed),
      ]);
      expect(warnings).toEqual([]);
      expect(pkgs.map((p) => [p.name, p.version, p.metadata?.virtualPath])).toEqual([
        ['webapp', '1.0.0', '/srv/webapp.war'],
        ['bigthing', '7.7', '/srv/webapp.war:WEB-INF/lib/bigthing.jar'],
        ['netty-common', '4.1.100.Final', '/srv/webapp.war:WEB-INF/lib/netty-common-4.1.100.Final.jar'],
        ['netty-common', '4.1.100.Final', '/opt/bundle.zip:dist/lib/netty-common-4.1.100.Final.jar'],
        ['netty-common', '4.1.100.Final', '/usr/local/bin/netty-common-4.1.100.Final.jar'],
      ]);
      expect(pkgs.every((p) => p.locations.length === 1)).toBe(true);
      expect(byName(pkgs, 'webapp').locations).toEqual(['/srv/webapp.war']);
    } finally {
      JAVA_LIMITS.nestedInMemory = saved;
    }
  });

  it('corrupt, truncated and bomb-like archives warn and never throw', async () => {
    const good = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'],
      ['a.txt', 'hello'],
    ]);
    const bomb = makeZip([
      ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'],
      ['META-INF/maven/b/bomb/pom.properties', Buffer.alloc(JAVA_LIMITS.metadataFile + 10, 0x20)],
    ]);
    const warInner = makeZip([['WEB-INF/lib/broken.jar', Buffer.from('PK\x03\x04 not really a zip')]]);
    const { pkgs, warnings } = await run([
      file('/x/garbage.jar', Buffer.from('this is not a zip file at all, sorry')),
      file('/x/truncated.jar', good.subarray(0, good.length - 10)),
      file('/x/bomb.jar', bomb),
      file('/x/outer.war', warInner),
    ]);
    expect(warnings.some((w) => w.includes('/x/garbage.jar'))).toBe(true);
    expect(warnings.some((w) => w.includes('/x/truncated.jar'))).toBe(true);
    expect(warnings.some((w) => w.includes('broken.jar'))).toBe(true);
    // the oversized pom.properties is skipped, the jar itself still named from its file name
    expect(pkgs.map((p) => p.name)).toEqual(['bomb']);
  });

  it.skipIf(!existsSync('/usr/share/java'))('Debian jars agree with their own pom.properties', async () => {
    let compared = 0;
    for (const name of readdirSync('/usr/share/java').filter((n) => n.endsWith('.jar'))) {
      const path = join('/usr/share/java', name);
      if (lstatSync(path).isSymbolicLink()) continue;
      const listing = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n');
      const props = listing.filter((l) => /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(l));
      if (props.length !== 1 || !listing.includes('META-INF/MANIFEST.MF')) continue;
      const text = execFileSync('unzip', ['-p', path, props[0] as string], { encoding: 'utf8' });
      const get = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
      const { pkgs, warnings } = await run([{ path, size: 0, mode: 0o644, spillPath: path }]);
      expect(warnings).toEqual([]);
      // syft names the archive from its pom.properties only when the artifactId matches the file name
      // (artifactIDMatchesFilename); otherwise the pom.properties becomes a package of its own. Either way
      // exactly one package carries the pom's coordinates.
      const fromPom = pkgs.filter((p) => p.name === get('artifactId'));
      expect(fromPom, path).toHaveLength(1);
      expect([fromPom[0]?.version, fromPom[0]?.purl], path).toEqual([
        get('version'),
        `pkg:maven/${get('groupId')}/${get('artifactId')}@${get('version')}`,
      ]);
      if (archiveFilename(name).name === get('artifactId'))
        expect(fromPom[0]?.metadata?.virtualPath).toBe(path);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('languageCatalogers', () => {
  it('lists the four catalogers by syft name', () => {
    expect(languageCatalogers().map((c) => c.name)).toEqual([
      'javascript-package-cataloger',
      'python-installed-package-cataloger',
      'go-module-binary-cataloger',
      'java-archive-cataloger',
    ]);
  });
});
