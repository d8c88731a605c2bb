// Real OCI images for the tests: built with umoci into an OCI layout, pushed with skopeo.
// Nothing here needs a container daemon or privileges.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import tarStream from 'tar-stream';
import { toolPath } from './tools.js';
import { TempDirs } from './temp.js';

const execFileAsync = promisify(execFile);

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** The digest a plain-http loopback registry gives for REF (tag or digest) of REPO: HEAD, any manifest type. */
export async function manifestDigest(host: string, repo: string, ref: string): Promise<string> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, {
    method: 'HEAD',
    headers: {
      accept: [OCI_INDEX, OCI_MANIFEST, 'application/vnd.docker.distribution.manifest.v2+json'].join(', '),
    },
  });
  const digest = res.headers.get('docker-content-digest');
  if (!res.ok || !digest) throw new Error(`HEAD ${host}/${repo}:${ref}: ${res.status}, no digest`);
  return digest;
}

export interface BuiltImage {
  layoutDir: string;
  tag: string;
  /** Digest and media type of the manifest (or index) the tag names in the layout. */
  manifestDigest: string;
  mediaType: string;
}

/**
 * A file's content (mode 0644), a file with an explicit mode, a symlink, an empty directory, or the
 * deletion of what an earlier layer put there (umoci writes the `.wh.<name>` whiteout).
 */
export type LayerEntry =
  | string
  | Buffer
  | { content: string | Buffer; mode: number }
  | { symlink: string }
  | { dir: true }
  | { delete: true };
export type Layer = Record<string, LayerEntry>;

export interface BuildOptions {
  tag?: string;
  config?: { Entrypoint?: string[]; Env?: string[] };
  /** Defaults to linux/amd64 whatever the host, so digests do not depend on the machine. */
  platform?: { os: string; architecture: string };
}

const temps = new TempDirs();
const tempDir = (prefix: string) => temps.make(prefix);

/** Removes every layout built so far (also done on process exit, for runs that forget). */
export async function cleanupImages(): Promise<void> {
  await temps.removeAll();
}

async function run(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(toolPath(tool), args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

async function readBlob(layoutDir: string, digest: string): Promise<Buffer> {
  return readFile(join(layoutDir, 'blobs', ...digest.split(':')));
}

async function taggedDescriptor(
  layoutDir: string,
  tag: string,
): Promise<{ mediaType: string; digest: string; size: number }> {
  const index = JSON.parse(await readFile(join(layoutDir, 'index.json'), 'utf8')) as {
    manifests: Array<{
      mediaType: string;
      digest: string;
      size: number;
      annotations?: Record<string, string>;
    }>;
  };
  const desc = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
  if (!desc) throw new Error(`tag ${tag} not in ${layoutDir}/index.json`);
  return { mediaType: desc.mediaType, digest: desc.digest, size: desc.size };
}

/** Writes one layer's entries into the unpacked rootfs; paths are absolute paths in the image. */
async function writeEntries(rootfs: string, layer: Layer): Promise<void> {
  for (const [path, entry] of Object.entries(layer)) {
    const rel = posix.normalize(path).replace(/^\/+/, '');
    if (!path.startsWith('/') || rel === '' || rel.startsWith('..'))
      throw new Error(`bad image path ${path}`);
    const target = join(rootfs, rel);
    if (typeof entry === 'object' && 'delete' in entry) {
      await rm(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
      await rm(target, { recursive: true, force: true });
      await writeFile(target, entry, { mode: 0o644 });
    } else if ('content' in entry) {
      await rm(target, { recursive: true, force: true });
      await writeFile(target, entry.content, { mode: entry.mode });
    } else if ('symlink' in entry) {
      await rm(target, { recursive: true, force: true });
      await symlink(entry.symlink, target);
    } else {
      await mkdir(target, { recursive: true });
    }
  }
}

/** An empty image in a fresh OCI layout, unpacked into a bundle whose rootfs the builders fill. */
async function startImage(tag: string): Promise<{ layout: string; bundle: string; ref: string }> {
  const dir = await tempDir('sigstamp-image-');
  const layout = join(dir, 'layout');
  const bundle = join(dir, 'bundle');
  const ref = `${layout}:${tag}`;
  await run('umoci', ['init', '--layout', layout]);
  await run('umoci', ['new', '--image', ref]);
  // As non-root (CI runners), --rootless maps our uid to 0 in the layer instead of failing on chown.
  const rootless = process.getuid?.() !== 0 ? ['--rootless'] : [];
  await run('umoci', ['unpack', ...rootless, '--image', ref, bundle]);
  return { layout, bundle, ref };
}

/** What changed in the bundle's rootfs since the last commit becomes one layer. */
async function commitLayer(ref: string, bundle: string, createdBy: string): Promise<void> {
  await run('umoci', [
    'repack',
    '--refresh-bundle',
    '--history.created_by',
    createdBy,
    '--image',
    ref,
    bundle,
  ]);
}

/**
 * One image layer per dict. unpack → write → `repack --refresh-bundle` per layer, rather than
 * `umoci insert`: insert of a whole tree at "/" puts a "/" entry in the tar, while repack emits
 * ordinary relative entries ("etc/", "etc/hello"), like layers built by real tools.
 */
export async function buildImage(layers: Layer[], opts: BuildOptions = {}): Promise<BuiltImage> {
  const tag = opts.tag ?? 'latest';
  const { layout, bundle, ref } = await startImage(tag);
  for (const [i, layer] of layers.entries()) {
    await writeEntries(join(bundle, 'rootfs'), layer);
    await commitLayer(ref, bundle, `sigstamp test layer ${i}`);
  }
  return finishImage(layout, tag, ref, bundle, opts);
}

/**
 * Layer 1 is a whole directory tree (a real rootfs, e.g. debianRootfs()), copied as is with owners,
 * modes, links and device nodes; then one layer per `extraLayers` dict, as in buildImage.
 */
export async function buildImageFromRootfs(
  rootfsDir: string,
  extraLayers: Layer[] = [],
  opts: BuildOptions = {},
): Promise<BuiltImage> {
  const tag = opts.tag ?? 'latest';
  const { layout, bundle, ref } = await startImage(tag);
  // cp -a keeps ownership, modes, hard links and special files; `dir/.` copies the contents.
  try {
    await execFileAsync('cp', ['-a', `${rootfsDir}/.`, join(bundle, 'rootfs')], { maxBuffer: 1 << 20 });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`cp -a ${rootfsDir} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
  await commitLayer(ref, bundle, 'sigstamp test rootfs');
  for (const [i, layer] of extraLayers.entries()) {
    await writeEntries(join(bundle, 'rootfs'), layer);
    await commitLayer(ref, bundle, `sigstamp test layer ${i + 1}`);
  }
  return finishImage(layout, tag, ref, bundle, opts);
}

/**
 * A Layer dict holding every file, symlink and directory under `dir`, placed under `prefix` in the
 * image (e.g. a real `npm install` tree at `/app`). Modes are kept.
 */
export async function layerFromDir(dir: string, prefix: string): Promise<Layer> {
  const layer: Layer = {};
  const walk = async (rel: string): Promise<void> => {
    for (const ent of await readdir(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      const imagePath = posix.join(prefix, r);
      const abs = join(dir, r);
      if (ent.isSymbolicLink()) layer[imagePath] = { symlink: await readlink(abs) };
      else if (ent.isDirectory()) {
        layer[imagePath] = { dir: true };
        await walk(r);
      } else if (ent.isFile()) {
        layer[imagePath] = { content: await readFile(abs), mode: (await stat(abs)).mode & 0o7777 };
      }
    }
  };
  await walk('');
  return layer;
}

/**
 * Appends a layer made verbatim from `entries` (`umoci raw add-layer`): for what umoci's own diff
 * never writes, such as an opaque-directory marker (`dir/.wh..wh..opq`).
 */
export async function addRawLayer(
  img: BuiltImage,
  entries: Array<{ name: string; content?: string | Buffer; type?: 'file' | 'directory' }>,
): Promise<BuiltImage> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mode: 0o755 });
    else pack.entry({ name: e.name, mode: 0o644 }, e.content ?? '');
  }
  pack.finalize();
  await done;
  const file = join(await tempDir('sigstamp-rawlayer-'), 'layer.tar');
  await writeFile(file, Buffer.concat(chunks));
  await run('umoci', ['raw', 'add-layer', '--image', `${img.layoutDir}:${img.tag}`, file]);
  await run('umoci', ['gc', '--layout', img.layoutDir]);
  const desc = await taggedDescriptor(img.layoutDir, img.tag);
  return { ...img, manifestDigest: desc.digest, mediaType: desc.mediaType };
}

/** An OCI layout holding an image index over `images` (each keeps its own platform). */
export async function buildIndex(images: BuiltImage[], opts: { tag?: string } = {}): Promise<BuiltImage> {
  const tag = opts.tag ?? 'latest';
  const layout = join(await tempDir('sigstamp-index-'), 'layout');
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true });
  const manifests = [];
  for (const img of images) {
    await cp(join(img.layoutDir, 'blobs'), join(layout, 'blobs'), { recursive: true, force: false });
    const desc = await taggedDescriptor(img.layoutDir, img.tag);
    const manifest = JSON.parse((await readBlob(img.layoutDir, desc.digest)).toString()) as {
      config: { digest: string };
    };
    const config = JSON.parse((await readBlob(img.layoutDir, manifest.config.digest)).toString()) as {
      os: string;
      architecture: string;
      variant?: string;
    };
    const platform = {
      architecture: config.architecture,
      os: config.os,
      ...(config.variant ? { variant: config.variant } : {}),
    };
    manifests.push({ ...desc, platform });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
  const digest = `sha256:${createHash('sha256').update(index).digest('hex')}`;
  await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), index);
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const top = {
    mediaType: OCI_INDEX,
    digest,
    size: index.length,
    annotations: { 'org.opencontainers.image.ref.name': tag },
  };
  await writeFile(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
  return { layoutDir: layout, tag, manifestDigest: digest, mediaType: OCI_INDEX };
}

export interface PushOptions {
  /** 'user:password' for the registry (skopeo also runs the token flow with these). */
  creds?: string;
  /** Manifest format to push; default keeps the layout's OCI manifest unchanged. */
  format?: 'oci' | 'v2s2';
}

/** Pushes with skopeo and returns the digest of the manifest as it landed in the registry. */
export async function pushImage(img: BuiltImage, dest: string, opts: PushOptions = {}): Promise<string> {
  const dir = await tempDir('sigstamp-push-');
  const digestFile = join(dir, 'digest');
  const args = [
    'copy',
    '--quiet',
    '--insecure-policy',
    '--dest-tls-verify=false',
    '--digestfile',
    digestFile,
  ];
  // An empty auth file of our own, so credentials in the user's ~/.docker or containers auth.json
  // for some 127.0.0.1 port never leak into a test.
  await writeFile(join(dir, 'auth.json'), '{"auths":{}}');
  args.push('--dest-authfile', join(dir, 'auth.json'));
  if (opts.creds) args.push('--dest-creds', opts.creds);
  if (opts.format) args.push('--format', opts.format);
  if (img.mediaType === OCI_INDEX) args.push('--all');
  await run('skopeo', [...args, `oci:${img.layoutDir}:${img.tag}`, `docker://${dest}`]);
  const digest = (await readFile(digestFile, 'utf8')).trim();
  await rm(dir, { recursive: true, force: true });
  temps.forget(dir);
  return digest;
}

/** A multi-platform index over two (or more) single-platform images, pushed with all children. */
export async function pushIndex(
  images: BuiltImage[],
  dest: string,
  opts: { creds?: string } = {},
): Promise<string> {
  const tag = dest.includes('@') ? 'latest' : (/:([^:/]+)$/.exec(dest)?.[1] ?? 'latest');
  return pushImage(await buildIndex(images, { tag }), dest, opts);
}

/** Sets the platform and config, drops the unpacked bundle and the blobs each repack superseded. */
async function finishImage(
  layout: string,
  tag: string,
  ref: string,
  bundle: string,
  opts: BuildOptions,
): Promise<BuiltImage> {
  const platform = opts.platform ?? { os: 'linux', architecture: 'amd64' };
  const configArgs = ['--os', platform.os, '--architecture', platform.architecture];
  for (const e of opts.config?.Entrypoint ?? []) configArgs.push('--config.entrypoint', e);
  for (const e of opts.config?.Env ?? []) configArgs.push('--config.env', e);
  await run('umoci', ['config', '--no-history', ...configArgs, '--image', ref]);
  await rm(bundle, { recursive: true, force: true });
  await run('umoci', ['gc', '--layout', layout]);
  const desc = await taggedDescriptor(layout, tag);
  return { layoutDir: layout, tag, manifestDigest: desc.digest, mediaType: desc.mediaType };
}
