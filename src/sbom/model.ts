/**
 * The package model every cataloger produces and every SBOM writer reads (syft's shape: one model,
 * many formats). Catalogers see only the files they asked for, from the image's squashed view.
 */

/** Ecosystem of a package, named as syft names its package types (so comparisons line up). */
export type PackageType = 'deb' | 'apk' | 'rpm' | 'npm' | 'python' | 'go-module' | 'java-archive';

export interface Package {
  name: string;
  version: string;
  type: PackageType;
  /** Package URL (purl spec), qualifiers as syft writes them (distro=, arch=, epoch=, upstream=). */
  purl: string;
  /** License expressions or names as the ecosystem records them, deduplicated. */
  licenses: string[];
  /** Absolute paths in the image where the package was found (its database file, manifest, binary). */
  locations: string[];
  /** The cataloger that found it, e.g. 'dpkg-db-cataloger'. */
  foundBy: string;
  /** Supplier / maintainer / author as recorded, for SPDX `supplier`. */
  supplier?: string;
  /** Architecture as recorded (dpkg Architecture, apk A:, rpm arch). */
  arch?: string;
  /** Source package name where the ecosystem records one (dpkg Source, apk o:, rpm sourcerpm). */
  sourceName?: string;
  /** Anything else worth keeping for a writer (checksums of jars, Go main module, …). */
  metadata?: Record<string, string>;
}

/** /etc/os-release (or /usr/lib/os-release) of the image. */
export interface Distro {
  id: string;
  versionId?: string;
  versionCodename?: string;
  name?: string;
  prettyName?: string;
  idLike?: string[];
}

/** A file of the squashed image view that a cataloger asked for. */
export interface ImageFile {
  /** Absolute, normalised path ('/var/lib/dpkg/status'). */
  path: string;
  size: number;
  mode: number;
  /** The whole content (small files), or undefined when it was spilled to `spillPath`. */
  content?: Buffer;
  /** A temporary file holding the content (large archives whose central directory sits at the end). */
  spillPath?: string;
  /** Set when this path is a symlink: the real path of the file it resolves to (same bytes). */
  linkTarget?: string;
  /** For a file detected as a Go binary while streaming: the bytes from the build-info magic on. */
  goBuildInfo?: Buffer;
}

export interface FileSelection {
  /** Whether the cataloger wants this path's content. `mode` is the tar mode (executables: 0o111). */
  wants(path: string, size: number, mode: number): boolean;
}

export interface CatalogContext {
  distro?: Distro;
  /** Non-fatal problems (a malformed record skipped): reported, never thrown. */
  warn(message: string): void;
}

export interface Cataloger extends FileSelection {
  name: string;
  catalog(files: ImageFile[], ctx: CatalogContext): Promise<Package[]>;
}

/** Reads a file's content whether it was kept in memory or spilled to disk. */
export async function readImageFile(f: ImageFile): Promise<Buffer> {
  if (f.content) return f.content;
  if (f.spillPath) {
    const { readFile } = await import('node:fs/promises');
    return readFile(f.spillPath);
  }
  return Buffer.alloc(0);
}
