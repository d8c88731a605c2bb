// SBOM accuracy on a real image: a debootstrap'd Debian bookworm rootfs plus a real `npm install`
// tree, pushed to distribution. sigstamp's package set must equal each ecosystem's own tool's answer
// (dpkg-query, npm ls, importlib.metadata, go version -m, the jars' pom.properties), agree with syft
// 1.51 on the same image, and both documents must be readable by `syft convert`.
import { execFile } from 'node:child_process';
import { readdir, readFile, realpath, writeFile, lstat, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { languageCatalogers } from '../../src/sbom/catalogers/index-lang.js';
import { osCatalogers } from '../../src/sbom/catalogers/index-os.js';
import { generateSboms, type GeneratedSboms } from '../../src/sbom/index.js';
import { pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { APP_PACKAGE, buildSbomTestImage, type SbomTestImage } from '../support/rootfs.js';
import { findTool, toolData, toolGate, toolPath } from '../support/tools.js';

const execFileAsync = promisify(execFile);
// ajv-formats is CommonJS with a default export; under NodeNext its call signature hides behind .default.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const REPO = 'sbom/debian';
const SYFT_ENV = {
  ...process.env,
  SYFT_CHECK_FOR_APP_UPDATE: 'false',
  SYFT_REGISTRY_INSECURE_USE_HTTP: 'true',
};

async function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout } = await execFileAsync(cmd, args, {
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
      ...opts,
    });
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    // npm ls exits 1 on problems but still prints the tree; callers that accept that pass it on.
    throw Object.assign(
      new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.trim().slice(-4000) || e.message}`),
      { stdout: e.stdout },
    );
  }
}

/** `name@version` entries, sorted, deduplicated. */
type NameVersions = string[];
const nv = (name: string, version: string) => `${name}@${version}`;
const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function diff(ours: NameVersions, truth: NameVersions): { missing: string[]; extra: string[] } {
  const o = new Set(ours);
  const t = new Set(truth);
  return { missing: truth.filter((x) => !o.has(x)).sort(), extra: ours.filter((x) => !t.has(x)).sort() };
}

// ---- ground truth, each from the ecosystem's own tool ----

async function dpkgTruth(root: string): Promise<NameVersions> {
  const out = await run('dpkg-query', [
    `--admindir=${root}/var/lib/dpkg`,
    '-W',
    '-f',
    '${db:Status-Abbrev} ${Package} ${Version}\n',
  ]);
  const pkgs: string[] = [];
  for (const line of out.split('\n')) {
    const [status, name, version] = line.trim().split(/\s+/);
    if (status === 'ii' && name && version) pkgs.push(nv(name, version));
  }
  return uniqSorted(pkgs);
}

interface NpmNode {
  name?: string;
  version?: string;
  dependencies?: Record<string, NpmNode>;
}

async function npmTruth(appDir: string): Promise<NameVersions> {
  const tree = JSON.parse(await run('npm', ['ls', '--all', '--json'], { cwd: appDir })) as NpmNode;
  const out: string[] = [];
  const walk = (deps: Record<string, NpmNode> | undefined) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.version) out.push(nv(name, node.version));
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  // Decision: the app's own /app/package.json (it has a name and version) IS a package, as in syft's
  // javascript-package-cataloger, which catalogs every package.json with name+version.
  expect(tree.name).toBe(APP_PACKAGE.name);
  out.push(nv(APP_PACKAGE.name, APP_PACKAGE.version));
  return uniqSorted(out);
}

async function pythonTruth(root: string): Promise<NameVersions> {
  const script =
    'import importlib.metadata as m, json, sys\n' +
    'print(json.dumps([[d.metadata["Name"], d.version] for d in m.distributions(path=[sys.argv[1]])]))';
  const out = await run(toolPath('python3'), ['-c', script, `${root}/usr/lib/python3/dist-packages`]);
  return uniqSorted((JSON.parse(out) as [string, string][]).map(([n, v]) => nv(n, v)));
}

/**
 * `go version -m` over every Go binary under ROOT (it walks directories and skips non-Go files).
 * Returns the modules (main module, deps, stdlib as `stdlib@goX`) and, apart, the main package path
 * of each binary built WITHOUT module information (no `mod` line: GOPATH-mode builds, as Debian's
 * dh-golang does for bookworm's age).
 */
async function goTruth(root: string): Promise<{ pkgs: NameVersions; noModule: string[]; raw: string }> {
  const raw = await run(toolPath('go'), ['version', '-m', root]);
  const pkgs: string[] = [];
  const noModule: string[] = [];
  let path: string | undefined;
  let hasMod = true;
  const flush = () => {
    if (path && !hasMod) noModule.push(path);
  };
  for (const line of raw.split('\n')) {
    const head = /^(\/\S*):\s+(go\S+)$/.exec(line);
    if (head?.[2]) {
      flush();
      path = undefined;
      hasMod = false;
      pkgs.push(nv('stdlib', head[2]));
      continue;
    }
    const f = line.trim().split('\t');
    if (f[0] === 'path') path = f[1];
    if (f[0] === 'mod') hasMod = true;
    if ((f[0] === 'mod' || f[0] === 'dep') && f[1] && f[2]) pkgs.push(nv(f[1], f[2]));
    // A replaced dependency: "=> path version sum" names what was actually built in.
    if (f[0] === '=>' && f[1] && f[2]) pkgs[pkgs.length - 1] = nv(f[1], f[2]);
  }
  flush();
  return { pkgs: uniqSorted(pkgs), noModule: uniqSorted(noModule), raw: raw.replaceAll(root, 'ROOT') };
}

async function javaTruth(root: string): Promise<{ pkgs: NameVersions; jars: string[] }> {
  const dir = join(root, 'usr/share/java');
  const jars = new Set<string>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.jar')) continue;
    // Debian ships versioned jars plus unversioned symlinks to them: one archive, counted once.
    jars.add(await realpath(join(dir, name)));
  }
  const pkgs: string[] = [];
  for (const jar of jars) {
    if (!(await lstat(jar)).isFile()) continue;
    const props = await run(toolPath('unzip'), ['-p', jar, 'META-INF/maven/*/pom.properties']);
    // unzip -p concatenates every matching pom.properties; each has artifactId and version lines.
    let artifactId: string | undefined;
    let version: string | undefined;
    for (const line of props.split('\n')) {
      const m = /^\s*(artifactId|version|groupId)\s*[=:]\s*(.*?)\s*$/.exec(line);
      if (m?.[1] === 'artifactId') artifactId = m[2];
      if (m?.[1] === 'version') version = m[2];
      if (artifactId && version) {
        pkgs.push(nv(artifactId, version));
        artifactId = version = undefined;
      }
    }
  }
  return { pkgs: uniqSorted(pkgs), jars: [...jars].sort() };
}

// ---- syft ----

interface SyftArtifact {
  name: string;
  version: string;
  type: string;
  purl?: string;
  foundBy?: string;
  locations?: { path: string }[];
}

const purlType = (purl: string | undefined) => /^pkg:([^/]+)\//.exec(purl ?? '')?.[1] ?? '';

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci', 'debootstrap', 'syft', 'unzip'))(
  'SBOM conformance on a real Debian + npm image',
  () => {
    let registry: TestRegistry;
    let built: SbomTestImage;
    let digest: string;
    let sboms: GeneratedSboms;
    let syftArtifacts: SyftArtifact[];
    let work: string;
    const ofType = (type: string) =>
      uniqSorted(sboms.packages.filter((p) => p.type === type).map((p) => nv(p.name, p.version)));

    beforeAll(async () => {
      for (const t of ['dpkg-query', 'npm', 'python3', 'go'])
        if (!findTool(t))
          throw new Error(`ground-truth tool ${t} is missing: this suite cannot judge accuracy`);
      work = await mkdtemp(join(tmpdir(), 'sigstamp-sbom-conf-'));
      [registry, built] = await Promise.all([startDistribution(), buildSbomTestImage()]);
      digest = await pushImage(built.image, `${registry.host}/${REPO}:bookworm`);
      const client = new RegistryClient();
      try {
        const repo = client.repository(parseReference(`${registry.host}/${REPO}`));
        const fetched = await repo.getManifest(digest);
        sboms = await generateSboms(
          repo,
          { descriptor: fetched.descriptor, manifest: fetched.manifest as ImageManifest },
          {
            name: `${registry.host}/${REPO}`,
            registry: registry.host,
            repository: REPO,
            digest,
            tag: 'bookworm',
          },
          [...osCatalogers(), ...languageCatalogers()],
          { toolVersion: '0.0.0-test' },
        );
      } finally {
        await client.close();
      }
      const syftJson = join(work, 'syft.json');
      await run(
        toolPath('syft'),
        [`registry:${registry.host}/${REPO}@${digest}`, '-q', '-o', `syft-json=${syftJson}`],
        { env: SYFT_ENV },
      );
      syftArtifacts = (JSON.parse(await readFile(syftJson, 'utf8')) as { artifacts: SyftArtifact[] })
        .artifacts;
      console.log(
        `sigstamp: ${sboms.packages.length} packages, ${sboms.stats.bytes} layer bytes, ${sboms.stats.ms} ms; ` +
          `syft: ${syftArtifacts.length} packages; warnings: ${JSON.stringify(sboms.warnings)}`,
      );
    }, 600_000);

    afterAll(async () => {
      await registry?.stop();
    });

    it('finds exactly the ecosystems present in the image', () => {
      expect(uniqSorted(sboms.packages.map((p) => p.type))).toEqual([
        'deb',
        'go-module',
        'java-archive',
        'npm',
        'python',
      ]);
      expect(sboms.distro?.id).toBe('debian');
    });

    it('deb: equals dpkg-query (installed, "ii") exactly', async () => {
      const truth = await dpkgTruth(built.rootfs);
      const ours = ofType('deb');
      console.log(`deb: ground truth ${truth.length}, sigstamp ${ours.length}`);
      expect(truth.length).toBeGreaterThan(80);
      expect(diff(ours, truth)).toEqual({ missing: [], extra: [] });
    });

    it('npm: equals npm ls --all plus the app package.json exactly', async () => {
      const truth = await npmTruth(built.appDir);
      const ours = ofType('npm');
      console.log(`npm: ground truth ${truth.length}, sigstamp ${ours.length}`);
      expect(truth).toContain('left-pad@1.3.0');
      expect(truth).toContain('chalk@4.1.2');
      expect(diff(ours, truth)).toEqual({ missing: [], extra: [] });
    });

    it('python: equals importlib.metadata over dist-packages exactly', async () => {
      const truth = await pythonTruth(built.rootfs);
      const ours = ofType('python');
      console.log(`python: ground truth ${truth.length}, sigstamp ${ours.length}`);
      expect(truth.some((x) => x.startsWith('six@'))).toBe(true);
      expect(diff(ours, truth)).toEqual({ missing: [], extra: [] });
    });

    it('go: equals go version -m of every Go binary exactly (plus GOPATH-built main packages)', async () => {
      const { pkgs: truth, noModule, raw } = await goTruth(built.rootfs);
      const ours = ofType('go-module');
      console.log(
        `go-module: ground truth ${truth.length} (+${noModule.length} main packages without a module), sigstamp ${ours.length}\n${raw}`,
      );
      expect(truth.some((x) => x.startsWith('stdlib@go'))).toBe(true);
      // Known, principled difference: bookworm's age and age-keygen are built in GOPATH mode, so their
      // build info has a `path` but no `mod` line — `go version -m` names no module for them at all.
      // sigstamp, exactly like syft 1.51, still reports the main package as a go-module with version
      // "UNKNOWN" (syft: "no main module version", pkg.go newGoBinaryPackage). Assert exactly that.
      expect(noModule).toEqual(['filippo.io/age/cmd/age', 'filippo.io/age/cmd/age-keygen']);
      const known = noModule.map((p) => nv(p, 'UNKNOWN')).sort();
      expect(diff(ours, truth)).toEqual({ missing: [], extra: known });
    });

    it('java: equals the jars’ pom.properties exactly', async () => {
      const { pkgs: truth, jars } = await javaTruth(built.rootfs);
      const ours = ofType('java-archive');
      console.log(
        `java-archive: ground truth ${truth.length} (jars ${jars.join(', ')}), sigstamp ${ours.length}`,
      );
      for (const p of sboms.packages.filter((q) => q.type === 'java-archive'))
        console.log(`  sigstamp java: ${p.name}@${p.version} ${p.purl} at ${p.locations.join(', ')}`);
      for (const a of syftArtifacts.filter((q) => q.type === 'java-archive'))
        console.log(
          `  syft java:     ${a.name}@${a.version} ${a.purl} at ${a.locations?.map((l) => l.path).join(', ')}`,
        );
      expect(truth.some((x) => x.startsWith('commons-lang3@'))).toBe(true);
      // No exception here on purpose: Debian's /usr/share/maven-repo/**.jar and the versioned
      // /usr/share/java link are symlinks to /usr/share/java/commons-lang3.jar, one archive. syft
      // reports it once; an extra package read through a link (named from the link) is a bug.
      expect(diff(ours, truth)).toEqual({ missing: [], extra: [] });
    });

    it('agrees with syft 1.51 by (name, version, purl type) at >= 99%', async () => {
      // Image paths that are symlinks in the rootfs (to explain a package found "at" a link).
      const linkPaths = new Set<string>();
      for (const p of sboms.packages)
        for (const l of p.locations) {
          const path = l.split(':')[0] ?? '';
          if ((await lstat(join(built.rootfs, path)).catch(() => undefined))?.isSymbolicLink())
            linkPaths.add(path);
        }
      const key = (name: string, version: string, purl: string | undefined) =>
        `${purlType(purl)} ${name}@${version}`;
      const ours = new Set(sboms.packages.map((p) => key(p.name, p.version, p.purl)));
      const theirs = new Map<string, SyftArtifact>();
      for (const a of syftArtifacts) theirs.set(key(a.name, a.version, a.purl), a);
      const union = new Set([...ours, ...theirs.keys()]);
      const both = [...ours].filter((k) => theirs.has(k));
      const onlyOurs = [...ours].filter((k) => !theirs.has(k)).sort();
      const onlySyft = [...theirs.keys()].filter((k) => !ours.has(k)).sort();
      const ratio = both.length / union.size;
      const reason = (k: string, side: 'sigstamp' | 'syft') => {
        const a = theirs.get(k);
        if (side === 'syft' && a?.type === 'binary')
          return `binary-classifier (syft's ${a.foundBy ?? 'binary-classifier-cataloger'} reads version strings out of executables; sigstamp has no binary classifiers) at ${a.locations?.map((l) => l.path).join(', ')}`;
        const ourPkg = sboms.packages.find((p) => key(p.name, p.version, p.purl) === k);
        const viaLink = ourPkg?.locations.find((l) => linkPaths.has(l.split(':')[0] ?? ''));
        if (side === 'sigstamp' && viaLink)
          return `SIGSTAMP BUG: cataloged ${viaLink}, a symlink to an archive already cataloged at its real path, and named it from the link's file name (syft reports the archive once)`;
        return 'UNEXPLAINED';
      };
      console.log(
        `syft agreement: ${both.length} common / ${union.size} union = ${(ratio * 100).toFixed(2)}% ` +
          `(sigstamp ${ours.size}, syft ${theirs.size} distinct keys)`,
      );
      for (const k of onlyOurs) console.log(`  only sigstamp: ${k} — ${reason(k, 'sigstamp')}`);
      for (const k of onlySyft) console.log(`  only syft:     ${k} — ${reason(k, 'syft')}`);
      expect(ratio).toBeGreaterThanOrEqual(0.99);
    });

    it('the SPDX document validates against the official SPDX 2.3 JSON schema', async () => {
      // spdx/spdx-spec's 2.3 schema as syft v1.51.0 vendors it (TOOL_DATA in .ci/tools.env).
      const schema = JSON.parse(await readFile(toolData('syft', 'spdx-schema-2.3.json'), 'utf8')) as {
        title: string;
      };
      expect(schema.title).toBe('SPDX 2.3');
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      expect(validate(sboms.spdx), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
      // The schema has teeth: a package without its required SPDXID is refused.
      const broken = structuredClone(sboms.spdx) as { packages: Array<Record<string, unknown>> };
      delete broken.packages[1]!.SPDXID;
      expect(validate(broken)).toBe(false);
    });

    it('syft convert reads our SPDX and CycloneDX documents', async () => {
      for (const [file, doc, to] of [
        ['ours.spdx.json', sboms.spdx, 'spdx-json'],
        ['ours.cdx.json', sboms.cyclonedx, 'cyclonedx-json'],
      ] as const) {
        const path = join(work, file);
        await writeFile(path, JSON.stringify(doc));
        const out = await run(toolPath('syft'), ['convert', path, '-q', '-o', to], { env: SYFT_ENV });
        const converted = JSON.parse(out) as { packages?: unknown[]; components?: unknown[] };
        const n = (converted.packages ?? converted.components ?? []).length;
        console.log(`syft convert ${file} -o ${to}: ${n} packages/components`);
        // Everything we cataloged survives the round trip (plus, in SPDX, the image's root package).
        expect(n).toBeGreaterThanOrEqual(sboms.packages.length);
      }
    });
  },
);
