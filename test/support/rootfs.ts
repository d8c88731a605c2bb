// A real Debian rootfs for the SBOM conformance test and bench: debootstrap once (1–2 min, needs
// root), cache the tree as a tarball next to the tool cache (outside the repo), then only extract.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildImageFromRootfs, layerFromDir, type BuiltImage } from './image.js';
import { toolCacheDir, toolPath } from './tools.js';
import { TempDirs } from './temp.js';

const execFileAsync = promisify(execFile);

export const ROOTFS_SUITE = 'bookworm';
/** One real package per ecosystem beyond dpkg: Python (six), Go (age), Java (commons-lang3 jar). */
export const ROOTFS_INCLUDE = ['python3-six', 'age', 'libcommons-lang3-java'];
export const DEBIAN_MIRROR = process.env.SIGSTAMP_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
/** The app's own package.json (npm install adds its `dependencies`). */
export const APP_PACKAGE = { name: 'sigstamp-conformance-app', version: '1.0.0', private: true };
/** npm packages of the app layer (chalk pulls a small real dependency tree). */
export const NPM_PACKAGES = ['left-pad@1.3.0', 'is-number@7.0.0', 'chalk@4.1.2'];

const temps = new TempDirs();
const tempDir = (prefix: string) => temps.make(prefix);

/** Removes every extracted rootfs / npm tree made so far (also done on process exit). */
export async function cleanupRootfs(): Promise<void> {
  await temps.removeAll();
}

async function run(cmd: string, args: string[], timeout = 15 * 60_000): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout });
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.trim().slice(-4000) || e.message}`, {
      cause: err,
    });
  }
}

/** The cached tarball's path: `<cache>/../rootfs/bookworm-minbase-<hash of the include list>.tar`. */
export function rootfsTarball(include: readonly string[] = ROOTFS_INCLUDE): string {
  const hash = createHash('sha256')
    .update([...include].sort().join(','))
    .digest('hex')
    .slice(0, 12);
  return join(dirname(toolCacheDir()), 'rootfs', `${ROOTFS_SUITE}-minbase-${hash}.tar`);
}

/**
 * A fresh extracted copy of the Debian bookworm minbase rootfs (with `include`). The first
 * call on a machine runs debootstrap and caches the tarball; later calls only extract it.
 */
export async function debianRootfs(include: readonly string[] = ROOTFS_INCLUDE): Promise<string> {
  const tarball = rootfsTarball(include);
  if (!existsSync(tarball)) {
    if (process.getuid?.() !== 0) throw new Error('debootstrap needs root to build the cached rootfs');
    const build = await tempDir('sigstamp-debootstrap-');
    const target = join(build, 'rootfs');
    await run(toolPath('debootstrap'), [
      '--variant=minbase',
      `--include=${include.join(',')}`,
      ROOTFS_SUITE,
      target,
      DEBIAN_MIRROR,
    ]);
    // The downloaded .debs are not part of an image.
    await rm(join(target, 'var', 'cache', 'apt', 'archives'), { recursive: true, force: true });
    await mkdir(join(target, 'var', 'cache', 'apt', 'archives', 'partial'), { recursive: true });
    await mkdir(dirname(tarball), { recursive: true });
    const partial = `${tarball}.${process.pid}.partial`;
    await run('tar', ['--numeric-owner', '-C', target, '-cf', partial, '.']);
    await rename(partial, tarball);
    await rm(build, { recursive: true, force: true });
    temps.forget(build);
  }
  const dir = await tempDir('sigstamp-rootfs-');
  await run('tar', ['--numeric-owner', '-p', '-C', dir, '-xf', tarball]);
  return dir;
}

/**
 * A real node_modules tree: `npm install` of NPM_PACKAGES into a temp dir. Returns the dir, which
 * holds `package.json`, `package-lock.json` and `node_modules/`.
 */
export async function npmAppTree(): Promise<string> {
  const dir = await tempDir('sigstamp-npm-');
  // The app's own package.json has a name and version, so (like syft) it is cataloged as a package.
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(APP_PACKAGE, null, 2)}\n`);
  await run('npm', [
    'install',
    '--prefix',
    dir,
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--loglevel=error',
    ...NPM_PACKAGES,
  ]);
  return dir;
}

export interface SbomTestImage {
  /** The extracted rootfs of layer 1 (ground truth reads it). */
  rootfs: string;
  /** The npm app tree that is layer 2 at /app (package.json + node_modules). */
  appDir: string;
  image: BuiltImage;
}

/** Debian bookworm minbase rootfs + a layer with a real npm app at /app. */
export async function buildSbomTestImage(): Promise<SbomTestImage> {
  const [rootfs, appDir] = await Promise.all([debianRootfs(), npmAppTree()]);
  const app = {
    ...(await layerFromDir(join(appDir, 'node_modules'), '/app/node_modules')),
    '/app/package.json': { content: await readFile(join(appDir, 'package.json')), mode: 0o644 },
  };
  const image = await buildImageFromRootfs(rootfs, [app]);
  return { rootfs, appDir, image };
}
