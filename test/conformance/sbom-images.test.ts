// The SBOM of images as they come out of a registry, through the CLI users run: the package-database
// databases (apk, rpm sqlite/NDB/BerkeleyDB, distroless and deinstall dpkg) laid into images, and an
// image whose upper layers delete files (whiteouts), replace a directory (an opaque marker), remove a
// package and rewrite the dpkg status. Each SBOM must list exactly what the squashed image holds.
// Through `sigstamp sbom`, the CLI command that writes an image's SBOMs without signing anything.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRawLayer, buildImage, pushImage, type Layer } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { toolGate } from '../support/tools.js';
import { PACKAGE_FIXTURES } from '../support/fixtures.js';

const execFileAsync = promisify(execFile);
const FIXTURES = PACKAGE_FIXTURES;

interface SpdxPackage {
  name: string;
  versionInfo?: string;
  primaryPackagePurpose?: string;
  externalRefs?: Array<{ referenceType: string; referenceLocator: string }>;
}

/** Where each ecosystem's database lives in a real image, and the os-release that goes with it. */
const LAYOUT: Record<string, { dbDir: string; osRelease: string }> = {
  'apk/': { dbDir: '/', osRelease: 'ID=alpine\nVERSION_ID=3.16.2\n' },
  'rpm/cbl-mariner-2.0-sqlite': { dbDir: '/var/lib/rpm', osRelease: 'ID=mariner\nVERSION_ID="2.0"\n' },
  'rpm/centos8-libuuid-bdb': { dbDir: '/var/lib/rpm', osRelease: 'ID="centos"\nVERSION_ID="8"\n' },
  'rpm/sle15-bci-ndb': { dbDir: '/usr/lib/sysimage/rpm', osRelease: 'ID="sles"\nVERSION_ID="15.3"\n' },
  'dpkg/': { dbDir: '/', osRelease: 'ID=debian\nVERSION_ID="11"\n' },
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** `name version arch` rows of the SPDX packages (not the image itself, not its OS). */
function spdxRows(doc: { packages: SpdxPackage[] }, withArch: boolean): string[] {
  return doc.packages
    .filter(
      (p) =>
        !p.primaryPackagePurpose ||
        p.primaryPackagePurpose === 'LIBRARY' ||
        p.primaryPackagePurpose === 'APPLICATION',
    )
    .filter((p) => p.externalRefs?.some((r) => r.referenceType === 'purl'))
    .map((p) => {
      const purl = p.externalRefs!.find((r) => r.referenceType === 'purl')!.referenceLocator;
      const arch = /[?&]arch=([^&]+)/.exec(purl)?.[1] ?? '';
      return withArch ? `${p.name} ${p.versionInfo ?? ''} ${arch}` : `${p.name} ${p.versionInfo ?? ''}`;
    })
    .sort();
}

/** The expected.tsv rows in the same shape (rpm versions as `[epoch:]version-release`). */
function expectedRows(eco: string, tsv: string): string[] {
  return tsv
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.split('\t');
      if (eco === 'apk') return `${f[0]} ${f[1]} ${f[2]}`;
      if (eco === 'rpm') return `${f[0]} ${f[1] ? `${f[1]}:` : ''}${f[2]}-${f[3]} ${f[4]}`;
      return `${f[0]} ${f[1]}`;
    })
    .sort();
}

/** `sigstamp sbom REF`: the image's SBOM, as a user runs it anywhere (nothing signed). */
async function sbomOf(ref: string, digest: string, dir: string): Promise<{ packages: SpdxPackage[] }> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [
      path.join(process.cwd(), 'dist', 'cli', 'index.js'),
      'sbom',
      `${ref}@${digest}`,
      '--sbom',
      'spdx',
      '--output-dir',
      dir,
      '--json',
    ],
    { env: { PATH: process.env.PATH ?? '', HOME: dir }, maxBuffer: 64 << 20 },
  ).catch((err: Error & { stderr?: string }) => {
    throw new Error(`sigstamp sbom failed: ${err.stderr ?? err.message}`);
  });
  const out = JSON.parse(stdout) as { digest: string; spdx: string[] };
  expect(out.digest).toBe(digest);
  expect(out.spdx).toHaveLength(1);
  return JSON.parse(await readFile(out.spdx[0]!, 'utf8')) as { packages: SpdxPackage[] };
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))(
  'SBOMs of images pulled from a registry',
  () => {
    let registry: TestRegistry;
    let work: string;
    beforeAll(async () => {
      registry = await startDistribution();
      work = await mkdtemp(path.join(tmpdir(), 'sigstamp-sbomimg-'));
    });
    afterAll(async () => {
      await registry?.stop();
      await rm(work, { recursive: true, force: true });
    });

    const cases = ['apk', 'dpkg', 'rpm'].flatMap((eco) =>
      readdirSync(path.join(FIXTURES, eco)).map((name) => [eco, name] as const),
    );

    it('has every fixture database', () => expect(cases.length).toBeGreaterThanOrEqual(11));

    it.each(cases)('%s/%s laid into an image yields exactly expected.tsv', async (eco, name) => {
      const dir = path.join(FIXTURES, eco, name);
      const layout = LAYOUT[`${eco}/${name}`] ?? LAYOUT[`${eco}/`]!;
      const layer: Layer = { '/etc/os-release': layout.osRelease };
      for (const file of walk(dir)) {
        const rel = path.relative(dir, file).split(path.sep).join('/');
        if (rel === 'expected.tsv') continue;
        layer[path.posix.join(layout.dbDir, rel)] = readFileSync(file);
      }
      const repo = `${registry.host}/fixtures/${eco}-${name}`;
      const digest = await pushImage(await buildImage([layer]), `${repo}:test`);
      const doc = await sbomOf(repo, digest, path.join(work, `${eco}-${name}`));
      expect(spdxRows(doc, eco !== 'dpkg')).toEqual(
        expectedRows(eco, readFileSync(path.join(dir, 'expected.tsv'), 'utf8')),
      );
    });

    it('catalogs the squashed view: whiteouts, an opaque directory, a removed package, a rewritten status', async () => {
      const status = (names: string[]) =>
        names
          .map(
            (n) =>
              `Package: ${n}\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\nVersion: 1.0-1\nDescription: ${n}\n`,
          )
          .join('\n');
      const npm = (name: string, version: string) => JSON.stringify({ name, version, license: 'MIT' });
      const dist = (name: string, version: string) =>
        `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`;
      const lower: Layer = {
        '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
        '/var/lib/dpkg/status': status(['keep-a', 'removed-b', 'keep-c']),
        '/usr/share/doc/removed-b/copyright': 'License: GPL-2\n',
        '/app/node_modules/left-pad/package.json': npm('left-pad', '1.3.0'),
        '/app/node_modules/kept/package.json': npm('kept', '2.0.0'),
        '/opt/py/site-packages/oldpkg-1.0.dist-info/METADATA': dist('oldpkg', '1.0'),
      };
      // umoci writes `.wh.` whiteouts for what this layer deletes; the status loses removed-b.
      const upper: Layer = {
        '/var/lib/dpkg/status': status(['keep-a', 'keep-c']),
        '/usr/share/doc/removed-b': { delete: true },
        '/app/node_modules/left-pad': { delete: true },
      };
      // An opaque directory: everything earlier layers put under site-packages is gone, then refilled.
      const image = await addRawLayer(await buildImage([lower, upper]), [
        { name: 'opt/py/site-packages/', type: 'directory' },
        { name: 'opt/py/site-packages/.wh..wh..opq' },
        { name: 'opt/py/site-packages/newpkg-2.0.dist-info/METADATA', content: dist('newpkg', '2.0') },
      ]);
      const repo = `${registry.host}/fixtures/squash`;
      const digest = await pushImage(image, `${repo}:test`);
      const doc = await sbomOf(repo, digest, path.join(work, 'squash'));
      expect(spdxRows(doc, false)).toEqual(['keep-a 1.0-1', 'keep-c 1.0-1', 'kept 2.0.0', 'newpkg 2.0']);
    });
  },
);
