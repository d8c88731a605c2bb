/**
 * Layers -> the squashed view of the files catalogers asked for. Each layer of one platform manifest
 * is streamed exactly once, in order, decompressed and untarred on the fly; only wanted files (and
 * the build info of Go executables) are kept, so memory stays bounded whatever the layer size.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Repository } from '../oci/client.js';
import type { ImageManifest } from '../oci/types.js';
import { GoBuildInfoScanner } from './catalogers/go-binary.js';
import { openTar, waitDrain } from './layer-stream.js';
import { TarParser, type TarEntrySink, type TarHeader } from './tar-parser.js';
import { MAX_LINK_HOPS, normaliseTarPath, View, type FileNode } from './squash-view.js';
import type { FileSelection, ImageFile } from './model.js';

/** Every rootfs layer type of the OCI image spec (incl. the deprecated non-distributable ones) and Docker's. */
export const LAYER_MEDIA_TYPES: readonly string[] = [
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd',
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
  'application/vnd.docker.image.rootfs.diff.tar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
];

export interface SquashOptions {
  /** Wanted files up to this size are kept in memory (default 8 MiB). */
  memoryCap?: number;
  /** Larger wanted files are spilled to a temp file up to this size, else skipped (default 512 MiB). */
  spillCap?: number;
  /** Where spill files go (default: the OS temp dir). */
  tmpDir?: string;
}

export interface SquashResult {
  files: ImageFile[];
  warnings: string[];
  /** Layer bytes read, as transferred (compressed). */
  bytes: number;
  /** Removes the spill files; the ImageFiles' `spillPath`s are gone afterwards. */
  cleanup(): Promise<void>;
}

export interface LayerStream {
  digest: string;
  mediaType: string;
  stream: Readable | AsyncIterable<Buffer>;
}

const MAX_WARNINGS = 200;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/**
 * A symlink has no size or mode of its own worth showing a cataloger, so "is this path of interest"
 * is asked with an empty, non-executable file; the real decision is made with the target's size
 * and mode once the link is resolved.
 */
const PROBE_SIZE = 0;
const PROBE_MODE = 0o644;

const unsupported = (mediaType: string) =>
  `unsupported layer media type ${mediaType} (not an OCI or Docker rootfs tar)`;

/**
 * Squashes local or remote layer streams (bottom first) into the wanted files. Layers are consumed
 * one after the other, each exactly once.
 */
export async function squashStreams(
  layers: AsyncIterable<LayerStream>,
  selection: FileSelection,
  opts: SquashOptions = {},
): Promise<SquashResult> {
  const memoryCap = opts.memoryCap ?? 8 * 1024 * 1024;
  const spillCap = opts.spillCap ?? 512 * 1024 * 1024;
  const view = new View();
  const pulled = new Set<string>();
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (m: string) => (warnings.length < MAX_WARNINGS ? warnings.push(m) : dropped++);
  let spillDir: string | undefined;
  let spillSeq = 0;
  /** The spill file being written, closed if its layer fails half-way. */
  let spilling: WriteStream | undefined;
  let bytes = 0;
  const cleanup = async () => {
    if (spillDir) await rm(spillDir, { recursive: true, force: true });
  };
  const wants = (parts: readonly string[], size: number, mode: number) =>
    selection.wants(`/${parts.join('/')}`, size, mode);

  /**
   * A regular file: kept (in memory, or spilled to disk above the memory cap), scanned for Go build
   * info when executable, or passed by without a copy.
   */
  function fileEntry(
    h: TarHeader,
    parts: string[],
    layer: number,
    what: string,
  ): TarEntrySink | undefined | Promise<TarEntrySink> {
    const { size, mode } = h;
    const key = parts.join('/');
    const wanted = wants(parts, size, mode);
    let keep = wanted || pulled.has(key);
    if (keep && size > spillCap) {
      warn(`${what}: /${key} is ${size} bytes, over the ${spillCap}-byte limit; skipped`);
      keep = false;
    }
    const scanner = (mode & 0o111) !== 0 ? new GoBuildInfoScanner() : undefined;
    if (!keep && !scanner) {
      view.set(parts, undefined, layer);
      return undefined;
    }
    const finish = (content?: Buffer, spillPath?: string) => {
      const goBuildInfo = scanner?.result();
      if (!keep && !goBuildInfo) return view.set(parts, undefined, layer);
      const node: FileNode = { kind: 'file', layer, size, mode, wanted: keep && wanted, goBuildInfo };
      if (content) node.content = content;
      if (spillPath) node.spillPath = spillPath;
      view.set(parts, node, layer);
    };
    if (!keep || size <= memoryCap) {
      const content = keep ? Buffer.allocUnsafe(size) : undefined;
      let at = 0;
      return {
        data(chunk) {
          if (scanner && !scanner.done) scanner.push(chunk);
          if (content) chunk.copy(content, at);
          at += chunk.length;
        },
        end: () => finish(content),
      };
    }
    return (async () => {
      spillDir ??= await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'sigstamp-sbom-'));
      const spillPath = join(spillDir, `${++spillSeq}`);
      const out = createWriteStream(spillPath);
      spilling = out;
      let outError: Error | undefined;
      // Without a listener a full disk would crash the process instead of failing this run.
      out.on('error', (err) => (outError = err));
      const failed = () => new Error(`spilling /${key} to ${spillPath}: ${outError?.message}`);
      return {
        data(chunk: Buffer) {
          if (outError) throw failed();
          if (scanner && !scanner.done) scanner.push(chunk);
          // The chunk is a view into the decoder's output, which is never reused: no copy needed.
          if (!out.write(chunk)) return waitDrain(out);
        },
        async end() {
          await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
          spilling = undefined;
          if (outError) throw failed();
          finish(undefined, spillPath);
        },
      };
    })();
  }

  function hardLink(header: TarHeader, parts: string[], layer: number, what: string): void {
    const target = normaliseTarPath(header.linkname);
    const node = target ? view.get(target) : undefined;
    const key = parts.join('/');
    if (node?.kind !== 'file') {
      view.set(parts, undefined, layer);
      if (wants(parts, PROBE_SIZE, header.mode))
        warn(`${what}: hard link /${key} -> ${header.linkname}: target not in the image`);
      return;
    }
    const wanted = wants(parts, node.size, node.mode);
    const hasBytes = node.content !== undefined || node.spillPath !== undefined;
    if ((wanted || pulled.has(key)) && !hasBytes && node.size > 0)
      warn(`${what}: hard link /${key} -> /${target?.join('/')}: the target's content was not kept`);
    if (!wanted && !pulled.has(key) && !node.goBuildInfo) return view.set(parts, undefined, layer);
    view.set(parts, { ...node, layer, wanted }, layer);
  }

  function onEntry(
    h: TarHeader,
    layer: number,
    what: string,
  ): TarEntrySink | undefined | Promise<TarEntrySink> {
    const parts = normaliseTarPath(h.name);
    if (parts === null) {
      warn(`${what}: entry ${JSON.stringify(h.name)} escapes the root with '..'; ignored`);
      return undefined;
    }
    const name = parts[parts.length - 1];
    if (name === undefined) return undefined;
    if (name === OPAQUE) {
      view.removeOlder(parts.slice(0, -1), layer, true);
      return undefined;
    }
    if (name.startsWith(WHITEOUT)) {
      view.removeOlder([...parts.slice(0, -1), name.slice(WHITEOUT.length)], layer, false);
      return undefined;
    }
    switch (h.type) {
      case 'file':
      case 'contiguous-file':
        return fileEntry(h, parts, layer, what);
      case 'directory':
        view.dir(parts, layer);
        break;
      case 'symlink': {
        view.set(parts, { kind: 'symlink', layer, target: h.linkname }, layer);
        // Pull the target in if it is still to come: a file streamed past cannot be read again.
        if (wants(parts, PROBE_SIZE, PROBE_MODE)) {
          const r = view.resolve(parts);
          if (r !== 'loop' && r.node === undefined) pulled.add(r.parts.join('/'));
        }
        break;
      }
      case 'link':
        hardLink(h, parts, layer, what);
        break;
      default:
        view.set(parts, undefined, layer);
    }
    return undefined;
  }

  async function squashLayer(layer: LayerStream, n: number): Promise<void> {
    const what = `layer ${layer.digest}`;
    if (!LAYER_MEDIA_TYPES.includes(layer.mediaType)) {
      if (layer.stream instanceof Readable) layer.stream.destroy();
      throw new Error(`${what}: ${unsupported(layer.mediaType)}`);
    }
    try {
      const decoded = await openTar(layer.stream, (b) => (bytes += b));
      const parser = new TarParser({ entry: (h) => onEntry(h, n, what) });
      try {
        // Leaving the loop early (a parse error) destroys the decoder and so the download.
        for await (const chunk of decoded as AsyncIterable<Buffer>) await parser.write(chunk);
        await parser.end();
      } finally {
        spilling?.destroy();
        spilling = undefined;
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(`${what} (${layer.mediaType}): ${msg}`, { cause: err });
    }
  }

  let index = 0;
  try {
    for await (const layer of layers) await squashLayer(layer, index++);
  } catch (err) {
    // Also when opening the next blob failed: no spill file may outlive a failed run.
    await cleanup();
    throw err;
  }

  const files: ImageFile[] = [];
  for (const [path, node] of view.walk()) {
    if (node.kind === 'file') {
      if (!node.wanted && !node.goBuildInfo) continue;
      files.push({
        path,
        size: node.size,
        mode: node.mode,
        ...(node.wanted && node.content ? { content: node.content } : {}),
        ...(node.wanted && node.spillPath ? { spillPath: node.spillPath } : {}),
        ...(node.goBuildInfo ? { goBuildInfo: node.goBuildInfo } : {}),
      });
      continue;
    }
    const parts = path.slice(1).split('/');
    if (!wants(parts, PROBE_SIZE, PROBE_MODE)) continue;
    const r = view.resolve(parts);
    if (r === 'loop') {
      warn(`symlink ${path} -> ${node.target}: loop or more than ${MAX_LINK_HOPS} links; skipped`);
      continue;
    }
    const t = r.node;
    // A link to a directory: the files below it are listed under their real paths.
    if (t?.kind === 'dir') continue;
    if (t?.kind !== 'file' || (t.content === undefined && t.spillPath === undefined)) {
      const why = t ? 'was not kept' : 'is not in the image, or was streamed past before the link';
      warn(`symlink ${path} -> ${node.target}: target /${r.parts.join('/')} ${why}`);
      continue;
    }
    // The link is one more name for the target's bytes; its Go build info stays with the real file,
    // so a binary is not reported twice.
    if (wants(parts, t.size, t.mode))
      files.push({
        path,
        size: t.size,
        mode: t.mode,
        content: t.content,
        spillPath: t.spillPath,
        linkTarget: `/${r.parts.join('/')}`,
      });
  }
  if (dropped > 0) warnings.push(`… and ${dropped} more warnings`);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings, bytes, cleanup };
}

/** Streams the layers of ONE platform manifest from the registry and squashes them. */
export async function squash(
  repo: Repository,
  manifest: ImageManifest,
  selection: FileSelection,
  opts: SquashOptions = {},
): Promise<SquashResult> {
  // Refuse before downloading anything: a foreign layer type later on would waste the whole pull.
  for (const l of manifest.layers) {
    if (!LAYER_MEDIA_TYPES.includes(l.mediaType))
      throw new Error(`layer ${l.digest}: ${unsupported(l.mediaType)}`);
  }
  async function* open(): AsyncGenerator<LayerStream> {
    for (const d of manifest.layers)
      yield { digest: d.digest, mediaType: d.mediaType, stream: await repo.openBlob(d) };
  }
  return squashStreams(open(), selection, opts);
}
