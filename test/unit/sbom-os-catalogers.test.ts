import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  apkCataloger,
  apkPurl,
  declaredLicenses,
  distroFromRepositories,
} from '../../src/sbom/catalogers/apk.js';
import {
  debPurl,
  dpkgCataloger,
  parseCopyrightLicenses,
  parseDpkgStanzas,
  parseSource,
} from '../../src/sbom/catalogers/dpkg.js';
import { osCatalogers } from '../../src/sbom/catalogers/index-os.js';
import { identifyDistro, osReleaseSelection, parseOsRelease } from '../../src/sbom/catalogers/os-release.js';
import { readBdbBlobs } from '../../src/sbom/catalogers/rpm-bdb.js';
import { parseRpmHeader, RpmHeaderError } from '../../src/sbom/catalogers/rpm-header.js';
import { readNdbBlobs } from '../../src/sbom/catalogers/rpm-ndb.js';
import { rpmCataloger, rpmPurl, rpmVersion, sourceRpmName } from '../../src/sbom/catalogers/rpm.js';
import type { CatalogContext, Distro, ImageFile, Package } from '../../src/sbom/model.js';
import { PACKAGE_FIXTURES } from '../support/fixtures.js';

const FIXTURES = PACKAGE_FIXTURES;

function imageFile(p: string, content: Buffer | string): ImageFile {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return { path: p, size: buf.length, mode: 0o644, content: buf };
}

function ctx(distro?: Distro): CatalogContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { distro, warnings, warn: (m: string) => warnings.push(m) };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Runs every OS cataloger the way the pipeline does: each sees only the files it wants. */
async function catalogAll(files: ImageFile[], c: CatalogContext): Promise<Package[]> {
  const out: Package[] = [];
  for (const cataloger of osCatalogers()) {
    const mine = files.filter((f) => cataloger.wants(f.path, f.size, f.mode));
    if (mine.length > 0) out.push(...(await cataloger.catalog(mine, c)));
  }
  return out;
}

function row(eco: string, p: Package): string {
  switch (eco) {
    case 'apk':
      // The fixture lists the L: field as written; syft splits a non-SPDX field on spaces.
      return [p.name, p.version, p.arch ?? '', p.sourceName ?? '', p.licenses.join(' ')].join('\t');
    case 'rpm':
      return [
        p.name,
        p.metadata?.['epoch'] ?? '',
        p.metadata?.['version'] ?? '',
        p.metadata?.['release'] ?? '',
        p.arch ?? '',
        p.licenses[0] ?? '',
      ].join('\t');
    default:
      return [p.name, p.version].join('\t');
  }
}

const fixtureCases: [string, string][] = ['apk', 'dpkg', 'rpm'].flatMap((eco) =>
  readdirSync(path.join(FIXTURES, eco)).map((f): [string, string] => [eco, f]),
);

describe('OS catalogers on the package-database fixtures', () => {
  it('finds the fixture folders', () => {
    expect(fixtureCases.length).toBeGreaterThanOrEqual(11);
  });

  it.each(fixtureCases)('%s/%s yields exactly expected.tsv', async (eco, name) => {
    const dir = path.join(FIXTURES, eco, name);
    const files = walk(dir)
      .filter((p) => path.basename(p) !== 'expected.tsv')
      .map((p) => {
        const rel = path.relative(dir, p).split(path.sep).join('/');
        return imageFile(eco === 'rpm' ? `/var/lib/rpm/${rel}` : `/${rel}`, readFileSync(p));
      });
    const c = ctx();
    const pkgs = await catalogAll(files, c);
    const expected = readFileSync(path.join(dir, 'expected.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .sort();
    expect(pkgs.map((p) => row(eco, p)).sort()).toEqual(expected);
    for (const p of pkgs) {
      expect(p.type).toBe(eco === 'dpkg' ? 'deb' : eco);
      expect(p.locations).toEqual([files.find((f) => p.locations[0] === f.path)?.path]);
    }
    if (name === 'corrupt') expect(c.warnings.join('\n')).toMatch(/not "X:value" fields/);
    else expect(c.warnings).toEqual([]);
  });
});

describe('os-release', () => {
  it('parses quoted and unquoted values, comments and ID_LIKE', () => {
    const d = parseOsRelease(
      [
        '# a comment',
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
        'NAME="Debian GNU/Linux"',
        'VERSION_ID="12"',
        "VERSION_CODENAME='bookworm'",
        'ID=debian',
        'ID_LIKE="rhel  fedora"',
        'HOME_URL="https://www.debian.org/"',
        'BROKEN LINE',
        'ESCAPED="say \\"hi\\" \\$HOME"',
        '',
      ].join('\n'),
    );
    expect(d).toEqual({
      id: 'debian',
      versionId: '12',
      versionCodename: 'bookworm',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: ['rhel', 'fedora'],
    });
  });

  it('asks for both os-release paths and falls back to /usr/lib/os-release', async () => {
    expect(osReleaseSelection.wants('/etc/os-release', 100, 0o644)).toBe(true);
    expect(osReleaseSelection.wants('/usr/lib/os-release', 100, 0o644)).toBe(true);
    expect(osReleaseSelection.wants('/etc/passwd', 100, 0o644)).toBe(false);
    const d = await identifyDistro([imageFile('/usr/lib/os-release', 'ID=alpine\nVERSION_ID=3.16.2\n')]);
    expect(d).toEqual({ id: 'alpine', versionId: '3.16.2' });
    expect(await identifyDistro([imageFile('/etc/os-release', '\n# nothing\n')])).toBeUndefined();
  });

  it("takes Debian's point release from /etc/debian_version, as syft does", async () => {
    const osr = imageFile('/etc/os-release', 'ID=debian\nVERSION_ID="12"\n');
    expect((await identifyDistro([osr, imageFile('/etc/debian_version', '12.5\n')]))?.versionId).toBe('12.5');
    expect((await identifyDistro([osr, imageFile('/etc/debian_version', 'trixie/sid\n')]))?.versionId).toBe(
      '12',
    );
    const ubuntu = imageFile('/etc/os-release', 'ID=ubuntu\nVERSION_ID="24.04"\n');
    expect((await identifyDistro([ubuntu, imageFile('/etc/debian_version', '13.1')]))?.versionId).toBe(
      '24.04',
    );
  });
});

describe('purls, as syft v1.51 writes them', () => {
  const debian12: Distro = { id: 'debian', versionId: '12' };
  it('deb (syft debian/package_test.go vectors and a real one)', () => {
    expect(
      debPurl({ name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', source: 'glibc' }, debian12),
    ).toBe('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc');
    expect(
      debPurl(
        { name: 'p', version: 'v', source: 's', sourceVersion: '2.3' },
        { id: 'debian', versionId: '11' },
      ),
    ).toBe('pkg:deb/debian/p@v?distro=debian-11&upstream=s%402.3');
    expect(
      debPurl(
        { name: 'p', version: 'v', arch: 'a' },
        { id: 'ubuntu', versionId: '16.04', idLike: ['debian'] },
      ),
    ).toBe('pkg:deb/ubuntu/p@v?arch=a&distro=ubuntu-16.04');
    expect(debPurl({ name: 'bsdutils', version: '1:2.38.1-5+b1', arch: 'amd64' }, debian12)).toBe(
      'pkg:deb/debian/bsdutils@1%3A2.38.1-5%2Bb1?arch=amd64&distro=debian-12',
    );
    // syft writes no deb purl outside the Debian family, nor without a distro.
    expect(debPurl({ name: 'p', version: 'v' }, { id: 'fedora', versionId: '40' })).toBe('');
    expect(debPurl({ name: 'p', version: 'v' }, undefined)).toBe('');
  });

  it('apk (syft alpine/package_test.go vectors)', () => {
    const a = (
      n: string,
      v: string,
      arch?: string,
      origin?: string,
      d: Distro = { id: 'alpine', versionId: '3.4.6' },
    ) => apkPurl({ name: n, version: v, arch, origin }, d);
    expect(a('musl', '1.2.3-r0', 'x86_64', 'musl', { id: 'alpine', versionId: '3.16.2' })).toBe(
      'pkg:apk/alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.16.2',
    );
    expect(a('musl-utils', '1.2.3-r0', 'x86_64', 'musl', { id: 'alpine', versionId: '3.16.2' })).toBe(
      'pkg:apk/alpine/musl-utils@1.2.3-r0?arch=x86_64&distro=alpine-3.16.2&upstream=musl',
    );
    expect(a('p', 'v', 'a', undefined, { id: 'something else', versionId: '3.4.6' })).toBe(
      'pkg:apk/something%20else/p@v?arch=a&distro=something%20else-3.4.6',
    );
    expect(a('p', 'v')).toBe('pkg:apk/alpine/p@v?distro=alpine-3.4.6');
    expect(a('g++', 'v84', 'am86')).toBe('pkg:apk/alpine/g%2B%2B@v84?arch=am86&distro=alpine-3.4.6');
    expect(a('g plus plus', 'v84', 'am86', undefined, { id: 'alpine', versionId: '3.15.0' })).toBe(
      'pkg:apk/alpine/g%20plus%20plus@v84?arch=am86&distro=alpine-3.15.0',
    );
    expect(a('p', 'v', 'a', 'origin')).toBe('pkg:apk/alpine/p@v?arch=a&distro=alpine-3.4.6&upstream=origin');
    expect(a('p', 'v', 'a', undefined, { id: 'wolfi', versionId: '20221230' })).toBe(
      'pkg:apk/wolfi/p@v?arch=a&distro=wolfi-20221230',
    );
    expect(apkPurl({ name: 'p', version: 'v', arch: 'a' }, undefined)).toBe('');
  });

  it('rpm (syft redhat/package_test.go vectors, epoch and upstream)', () => {
    const h = (o: Partial<Parameters<typeof rpmPurl>[0]>) => ({
      name: 'p',
      version: 'v',
      release: 'r',
      arch: '',
      sourceRpm: '',
      ...o,
    });
    expect(rpmPurl(h({}), { id: 'rhel', versionId: '8.4' })).toBe('pkg:rpm/redhat/p@v-r?distro=rhel-8.4');
    expect(rpmPurl(h({ arch: 'a', epoch: 1 }), { id: 'centos', versionId: '7' })).toBe(
      'pkg:rpm/centos/p@v-r?arch=a&distro=centos-7&epoch=1',
    );
    expect(rpmPurl(h({}), undefined)).toBe('pkg:rpm/p@v-r');
    expect(rpmPurl(h({}), { id: 'hummingbird', versionId: '1.0' })).toBe(
      'pkg:rpm/redhat/p@v-r?distro=hummingbird-1.0',
    );
    expect(rpmPurl(h({ sourceRpm: 'sourcerpm' }), { id: 'rhel', versionId: '8.4' })).toBe(
      'pkg:rpm/redhat/p@v-r?distro=rhel-8.4&upstream=sourcerpm',
    );
    const mariner: Distro = { id: 'mariner', versionId: '2.0' };
    expect(
      rpmPurl(
        {
          name: 'bash',
          version: '5.1.8',
          release: '1.cm2',
          arch: 'x86_64',
          sourceRpm: 'bash-5.1.8-1.cm2.src.rpm',
        },
        mariner,
      ),
    ).toBe(
      'pkg:rpm/mariner/bash@5.1.8-1.cm2?arch=x86_64&distro=mariner-2.0&upstream=bash-5.1.8-1.cm2.src.rpm',
    );
    expect(
      rpmPurl(
        {
          name: 'ca-certificates-base',
          epoch: 1,
          version: '2.0.0',
          release: '1.cm2',
          arch: 'noarch',
          sourceRpm: 'ca-certificates-2.0.0-1.cm2.src.rpm',
        },
        mariner,
      ),
    ).toBe(
      'pkg:rpm/mariner/ca-certificates-base@2.0.0-1.cm2?arch=noarch&distro=mariner-2.0&epoch=1&upstream=ca-certificates-2.0.0-1.cm2.src.rpm',
    );
    expect(rpmPurl(h({}), { id: 'opensuse-leap', versionId: '15.5' })).toBe(
      'pkg:rpm/opensuse/p@v-r?distro=opensuse-leap-15.5',
    );
    expect(rpmVersion({ epoch: 0, version: '1', release: '2' })).toBe('0:1-2');
    expect(rpmVersion({ version: '1', release: '2' })).toBe('1-2');
    expect(sourceRpmName('util-linux-2.32.1-42.el8_8.src.rpm')).toBe('util-linux');
  });

  it('puts the distro into the purls of cataloged packages', async () => {
    const db = readFileSync(path.join(FIXTURES, 'rpm', 'cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'));
    const pkgs = await rpmCataloger().catalog(
      [imageFile('/var/lib/rpm/rpmdb.sqlite', db)],
      ctx({ id: 'mariner', versionId: '2.0' }),
    );
    const bash = pkgs.find((p) => p.name === 'bash');
    expect(bash?.purl).toBe(
      'pkg:rpm/mariner/bash@5.1.8-1.cm2?arch=x86_64&distro=mariner-2.0&upstream=bash-5.1.8-1.cm2.src.rpm',
    );
    expect(bash).toMatchObject({
      version: '5.1.8-1.cm2',
      sourceName: 'bash',
      supplier: 'Microsoft Corporation',
    });
    const ca = pkgs.find((p) => p.name === 'ca-certificates-base');
    expect(ca?.version).toBe('1:2.0.0-1.cm2');
    expect(ca?.purl).toContain('&epoch=1&');
  });
});

describe('dpkg', () => {
  const status = [
    'Package: libc6',
    'Status: install ok installed',
    'Architecture: amd64',
    'Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>',
    'Source: glibc (2.36-9)',
    'Version: 2.36-9+deb12u4',
    'Description: GNU C Library: Shared libraries',
    ' Contains the standard libraries.',
    ' .',
    ' More text.',
    '',
    ' continuation without a field',
    'Package: broken',
    'Version: 1',
    '',
    'Package: two words',
    'Version: 1',
    '',
    'Package: twice',
    'Version: 1',
    'Version: 2',
    '',
    'Package: gone',
    'Status: deinstall ok config-files',
    'Version: 1.0',
    '',
    'Package: purged',
    'Status: purge ok not-installed',
    '',
    'Package: noversion',
    'Status: install ok installed',
    '',
    'Package: bash',
    'Status: install ok installed',
    'Architecture: amd64',
    'Version: 5.2.15-2+b2',
    '',
  ].join('\n');

  it('keeps installed packages, skips leftovers and warns about malformed stanzas', async () => {
    const c = ctx({ id: 'debian', versionId: '12' });
    const pkgs = await dpkgCataloger().catalog(
      [
        imageFile('/var/lib/dpkg/status', status),
        imageFile(
          '/usr/share/doc/libc6/copyright',
          'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: LGPL-2.1+\n\nFiles: debian/*\nLicense: GPL-2\n',
        ),
      ],
      c,
    );
    expect(pkgs.map((p) => `${p.name} ${p.version}`)).toEqual(['libc6 2.36-9+deb12u4', 'bash 5.2.15-2+b2']);
    const libc = pkgs[0] as Package;
    expect(libc).toMatchObject({
      type: 'deb',
      arch: 'amd64',
      sourceName: 'glibc',
      supplier: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
      licenses: ['GPL-2', 'LGPL-2.1+'],
      locations: ['/var/lib/dpkg/status'],
      foundBy: 'dpkg-db-cataloger',
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc%402.36-9',
    });
    expect(c.warnings).toHaveLength(4);
    expect(c.warnings.join('\n')).toMatch(/continuation/);
    expect(c.warnings.join('\n')).toMatch(/"two words"/);
    expect(c.warnings.join('\n')).toMatch(/duplicate field Version/);
    expect(c.warnings.join('\n')).toMatch(/no Version/);
  });

  it('parses stanzas with continuation lines and Source with a version', () => {
    const s = parseDpkgStanzas('Package: a\nDescription: x\n y\n\n\n', 'f', () => {});
    expect(s).toHaveLength(1);
    expect(s[0]?.fields.get('Description')).toBe('x\ny');
    expect(parseSource('glibc (2.36-9)')).toEqual({ name: 'glibc', version: '2.36-9' });
    expect(parseSource('sqlite3')).toEqual({ name: 'sqlite3' });
  });

  it('reads distroless status.d files, ignoring md5sums', () => {
    const d = dpkgCataloger();
    expect(d.wants('/var/lib/dpkg/status.d/libssl3', 100, 0o644)).toBe(true);
    expect(d.wants('/var/lib/dpkg/status.d/python3.11', 100, 0o644)).toBe(true);
    expect(d.wants('/var/lib/dpkg/status.d/libssl3.md5sums', 100, 0o644)).toBe(false);
    expect(d.wants('/usr/share/doc/libssl3/copyright', 100, 0o644)).toBe(true);
    expect(d.wants('/usr/share/doc/libssl3/changelog.gz', 100, 0o644)).toBe(false);
  });

  it('reads licenses from DEP-5 and free-text copyright files', () => {
    const dep5 = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: xz',
      '',
      'Files: *',
      'Copyright: 2009 Lasse Collin',
      'License: PD',
      '',
      'Files: lib/*',
      'License: LGPL-2.1+',
      ' On Debian systems see /usr/share/common-licenses/LGPL-2.1.',
      '',
      'Files: m4/*',
      'License: GPL-2+ or LGPL-2.1',
      '',
      'License: none',
    ].join('\n');
    expect(parseCopyrightLicenses(dep5)).toEqual(['GPL-2+', 'LGPL-2.1', 'LGPL-2.1+', 'PD']);

    // Free text (no Format header), like libc6's: common-licenses references count, "License:" lines do not.
    const freeText = [
      'This is the Debian prepackaged version of the GNU C Library.',
      'License: This is junk in free text.',
      'On Debian systems, the complete text of the GNU Library General Public License',
      "can be found in `/usr/share/common-licenses/LGPL-2.1'.",
      'and the GPL in /usr/share/common-licenses/GPL-2.',
    ].join('\n');
    expect(parseCopyrightLicenses(freeText)).toEqual(['GPL-2', 'LGPL-2.1']);

    // Heading, dashes, then the first sentence names the license (syft's "NVIDIA" case).
    const heading = [
      'End User License Agreement',
      '--------------------------',
      '',
      'NVIDIA Software License Agreement and CUDA Supplement to Software License Agreement.',
      'More text.',
    ].join('\n');
    expect(parseCopyrightLicenses(heading)).toEqual([
      'NVIDIA Software License Agreement and CUDA Supplement to Software License Agreement',
    ]);
    expect(parseCopyrightLicenses('   LICENSE AGREEMENT FOR MICROSOFT PRODUCTS\nblah')).toEqual([
      'LICENSE AGREEMENT FOR MICROSOFT PRODUCTS',
    ]);
    expect(parseCopyrightLicenses('')).toEqual([]);
  });

  const dpkgQuery = (() => {
    try {
      execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
      return existsSync('/var/lib/dpkg/status');
    } catch {
      return false;
    }
  })();

  it.skipIf(!dpkgQuery)("matches dpkg-query on this machine's own /var/lib/dpkg/status", async () => {
    const files = [imageFile('/var/lib/dpkg/status', readFileSync('/var/lib/dpkg/status'))];
    const docs = '/usr/share/doc';
    for (const name of existsSync(docs) ? readdirSync(docs) : []) {
      const p = path.join(docs, name, 'copyright');
      try {
        if (statSync(p).isFile()) files.push(imageFile(p, readFileSync(p)));
      } catch {
        // no copyright file for this package
      }
    }
    const d = dpkgCataloger();
    const c = ctx({ id: 'debian', versionId: '12' });
    const pkgs = await d.catalog(
      files.filter((f) => d.wants(f.path, f.size, f.mode)),
      c,
    );
    // db:Status-Abbrev is want + state + error: "ii " = installed. (States 't'/'W', configured with
    // triggers outstanding, count as installed too; a 'h'old want is still installed.)
    const truth = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Abbrev}\t${Package} ${Version}\n'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\n')
      .filter((l) => /^.[itW]/.test(l))
      .map((l) => l.split('\t')[1] as string)
      .sort();
    expect(truth.length).toBeGreaterThan(0);
    expect(pkgs.map((p) => `${p.name} ${p.version}`).sort()).toEqual(truth);
    expect(c.warnings).toEqual([]);
    // Most Debian packages have a machine-readable or common-licenses copyright file.
    expect(pkgs.filter((p) => p.licenses.length > 0).length).toBeGreaterThan(pkgs.length / 2);
    for (const p of pkgs)
      expect(p.purl).toMatch(/^pkg:deb\/debian\/[^/@]+@[^?]+\?arch=[a-z0-9]+&distro=debian-12/);
  });
});

describe('apk', () => {
  it('warns about garbage and records without a name, keeps the rest', async () => {
    const db = [
      'garbage before anything',
      '',
      'P:musl',
      'V:1.2.3-r0',
      'A:x86_64',
      'L:MIT',
      'o:musl',
      'm:Timo Teräs <timo.teras@iki.fi>',
      'D:',
      '',
      'V:1.0-r0',
      'A:x86_64',
      '',
      'P:ca-certificates-bundle',
      'V:20220614-r0',
      'L:MPL-2.0 AND MIT',
      'o:ca-certificates',
      '',
    ].join('\n');
    const c = ctx({ id: 'alpine', versionId: '3.16.2' });
    const pkgs = await apkCataloger().catalog([imageFile('/lib/apk/db/installed', db)], c);
    expect(pkgs.map((p) => p.name)).toEqual(['musl', 'ca-certificates-bundle']);
    expect(pkgs[0]).toMatchObject({
      supplier: 'Timo Teräs <timo.teras@iki.fi>',
      licenses: ['MIT'],
      purl: 'pkg:apk/alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.16.2',
    });
    expect(pkgs[1]?.licenses).toEqual(['MPL-2.0 AND MIT']);
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings[1]).toMatch(/no P field/);
  });

  it('splits license fields that are not SPDX expressions, as syft does', () => {
    expect(declaredLicenses('MIT BSD GPL2+')).toEqual(['MIT', 'BSD', 'GPL2+']);
    expect(declaredLicenses('BSD-2-Clause AND BSD-3-Clause')).toEqual(['BSD-2-Clause AND BSD-3-Clause']);
    expect(declaredLicenses('mit OR apache-2.0')).toEqual(['mit OR apache-2.0']);
    expect(declaredLicenses('')).toEqual([]);
  });

  it('takes the distro from /etc/apk/repositories when the image has no os-release', async () => {
    expect(distroFromRepositories('https://dl-cdn.alpinelinux.org/alpine/v3.16/main\n')).toMatchObject({
      id: 'alpine',
      versionId: '3.16',
    });
    const pkgs = await apkCataloger().catalog(
      [
        imageFile('/lib/apk/db/installed', 'P:zlib\nV:1.2.12-r3\nA:x86_64\no:zlib\n'),
        imageFile('/etc/apk/repositories', 'https://dl-cdn.alpinelinux.org/alpine/v3.16/main\n'),
      ],
      ctx(),
    );
    expect(pkgs[0]?.purl).toBe('pkg:apk/alpine/zlib@1.2.12-r3?arch=x86_64&distro=alpine-3.16');
  });
});

/** Builds an rpm header blob (big-endian index + data store) from string and int32 tags. */
function rpmHeader(tags: [number, string | number][]): Buffer {
  const entries: Buffer[] = [];
  const data: Buffer[] = [];
  let dl = 0;
  for (const [tag, value] of tags) {
    let bytes: Buffer;
    let type: number;
    if (typeof value === 'number') {
      const pad = (4 - (dl % 4)) % 4;
      data.push(Buffer.alloc(pad));
      dl += pad;
      bytes = Buffer.alloc(4);
      bytes.writeInt32BE(value);
      type = 4;
    } else {
      bytes = Buffer.from(value + '\0');
      type = 6;
    }
    const e = Buffer.alloc(16);
    e.writeInt32BE(tag, 0);
    e.writeUInt32BE(type, 4);
    e.writeInt32BE(dl, 8);
    e.writeUInt32BE(1, 12);
    entries.push(e);
    data.push(bytes);
    dl += bytes.length;
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(entries.length, 0);
  head.writeUInt32BE(dl, 4);
  return Buffer.concat([head, ...entries, ...data]);
}

describe('rpm', () => {
  it('parses an rpm header and rejects corrupt lengths without allocating', () => {
    const blob = rpmHeader([
      [1000, 'bash'],
      [1001, '5.1.8'],
      [1002, '1.cm2'],
      [1003, 2],
      [1022, 'x86_64'],
      [1014, 'GPLv3+'],
      [1044, 'bash-5.1.8-1.cm2.src.rpm'],
      [1011, '(none)'],
    ]);
    expect(parseRpmHeader(blob)).toMatchObject({
      name: 'bash',
      version: '5.1.8',
      release: '1.cm2',
      epoch: 2,
      arch: 'x86_64',
      license: 'GPLv3+',
      sourceRpm: 'bash-5.1.8-1.cm2.src.rpm',
      vendor: '',
    });
    const huge = Buffer.from(blob);
    huge.writeUInt32BE(0x7fffffff, 4); // dl
    expect(() => parseRpmHeader(huge)).toThrow(RpmHeaderError);
    const badOffset = Buffer.from(blob);
    badOffset.writeInt32BE(0x10000000, 8 + 8); // first entry's offset
    expect(() => parseRpmHeader(badOffset)).toThrow(/offset/);
    expect(() => parseRpmHeader(Buffer.alloc(4))).toThrow(RpmHeaderError);
  });

  it('skips gpg-pubkey pseudo-packages and warns about unreadable headers', async () => {
    const db = readFileSync(path.join(FIXTURES, 'rpm', 'sle15-bci-ndb', 'Packages.db'));
    const { blobs } = readNdbBlobs(db);
    expect(blobs).toHaveLength(35);
    // Corrupt one blob's index count in a copy: that package is skipped with a warning, the rest stay.
    const copy = Buffer.from(db);
    const first = blobs[0] as Buffer;
    copy.writeUInt32BE(0xffffff, first.byteOffset - db.byteOffset);
    const c = ctx();
    const pkgs = await rpmCataloger().catalog([imageFile('/usr/lib/sysimage/rpm/Packages.db', copy)], c);
    expect(pkgs).toHaveLength(34);
    expect(c.warnings.join('\n')).toMatch(/skipped package header #1/);
  });

  it('survives truncated and garbage databases with warnings, never throwing', async () => {
    const bdb = readFileSync(path.join(FIXTURES, 'rpm', 'centos8-libuuid-bdb', 'Packages'));
    expect(readBdbBlobs(bdb).blobs).toHaveLength(1);
    for (const [name, content] of [
      ['/var/lib/rpm/Packages', bdb.subarray(0, 8192)],
      [
        '/var/lib/rpm/Packages.db',
        readFileSync(path.join(FIXTURES, 'rpm', 'sle15-bci-ndb', 'Packages.db')).subarray(0, 70000),
      ],
      ['/var/lib/rpm/rpmdb.sqlite', Buffer.from('SQLite format 3\0 but not really')],
      ['/usr/share/rpm/Packages', Buffer.alloc(4096, 0xab)],
    ] as const) {
      const c = ctx();
      await expect(rpmCataloger().catalog([imageFile(name, content)], c)).resolves.toBeInstanceOf(Array);
      expect(c.warnings.length).toBeGreaterThan(0);
    }
  });

  it('reads the same database once when it is reachable under two paths', async () => {
    const db = readFileSync(path.join(FIXTURES, 'rpm', 'centos8-libuuid-bdb', 'Packages'));
    const pkgs = await rpmCataloger().catalog(
      [imageFile('/var/lib/rpm/Packages', db), imageFile('/usr/lib/sysimage/rpm/Packages', db)],
      ctx(),
    );
    expect(pkgs).toHaveLength(1);
  });
});

describe('rpm (spilled files)', () => {
  it('reads an rpmdb.sqlite spilled to disk, with its WAL beside it', async () => {
    const { mkdtempSync, copyFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstamp-test-'));
    try {
      const spill = path.join(dir, 'spill');
      copyFileSync(path.join(FIXTURES, 'rpm', 'cbl-mariner-2.0-sqlite', 'rpmdb.sqlite'), spill);
      writeFileSync(path.join(dir, 'wal'), '');
      const size = statSync(spill).size;
      const pkgs = await rpmCataloger().catalog(
        [
          { path: '/usr/lib/sysimage/rpm/rpmdb.sqlite', size, mode: 0o644, spillPath: spill },
          {
            path: '/usr/lib/sysimage/rpm/rpmdb.sqlite-wal',
            size: 0,
            mode: 0o644,
            spillPath: path.join(dir, 'wal'),
          },
        ],
        ctx(),
      );
      expect(pkgs).toHaveLength(129);
      // The database was opened on a private copy: nothing was created beside the spilled file.
      expect(readdirSync(dir).sort()).toEqual(['spill', 'wal']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
