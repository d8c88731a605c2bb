/**
 * The squashed tree of an image's layers: kept files, every symlink and directory (small), each
 * stamped with the layer that wrote it, so whiteouts drop exactly what EARLIER layers put there.
 */
import { rm } from 'node:fs/promises';

export const MAX_LINK_HOPS = 16;

export interface FileNode {
  kind: 'file';
  layer: number;
  size: number;
  mode: number;
  /** A cataloger asked for this path (else it is kept as a symlink target or for its Go build info). */
  wanted: boolean;
  content?: Buffer;
  spillPath?: string;
  goBuildInfo?: Buffer;
}
export interface LinkNode {
  kind: 'symlink';
  layer: number;
  target: string;
}
export interface DirNode {
  kind: 'dir';
  layer: number;
  children: Map<string, Node>;
}
export type Node = FileNode | LinkNode | DirNode;

/** Splits a tar path into components; null when `..` would leave the root (a path-traversal entry). */
export function normaliseTarPath(name: string): string[] | null {
  const out: string[] = [];
  for (const c of name.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(c);
  }
  return out;
}

export class View {
  readonly root: DirNode = { kind: 'dir', layer: -1, children: new Map() };
  private readonly spillRefs = new Map<string, number>();

  get(parts: readonly string[]): Node | undefined {
    let node: Node = this.root;
    for (const p of parts) {
      if (node.kind !== 'dir') return undefined;
      const next = node.children.get(p);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Replaces whatever is at `parts` (a whole subtree included), as a later layer's entry does. */
  set(parts: readonly string[], node: Node | undefined, layer: number): void {
    const parent = this.parentDir(parts, layer);
    const name = parts[parts.length - 1];
    if (!parent || name === undefined) return;
    const old = parent.children.get(name);
    if (old) this.release(old);
    if (node) {
      if (node.kind === 'file' && node.spillPath)
        this.spillRefs.set(node.spillPath, (this.spillRefs.get(node.spillPath) ?? 0) + 1);
      parent.children.set(name, node);
    } else parent.children.delete(name);
  }

  /** A directory entry: keeps an existing directory's content, replaces a file or link. */
  dir(parts: readonly string[], layer: number): void {
    if (this.get(parts)?.kind !== 'dir') this.set(parts, { kind: 'dir', layer, children: new Map() }, layer);
  }

  /** Whiteouts: drop what EARLIER layers put at `parts` (and, for a directory, below it). */
  removeOlder(parts: readonly string[], layer: number, keepSelf: boolean): void {
    const node = this.get(parts);
    if (!node) return;
    if (node.kind === 'dir') {
      for (const name of [...node.children.keys()]) this.removeOlder([...parts, name], layer, false);
      // A directory this layer also wrote (or still holding this layer's files) stays.
      if (keepSelf || node.children.size > 0 || node.layer >= layer) return;
    } else if (keepSelf || node.layer >= layer) return;
    this.set(parts, undefined, layer);
  }

  *walk(node: DirNode = this.root, prefix = ''): Generator<[string, FileNode | LinkNode]> {
    for (const [name, child] of node.children) {
      const path = `${prefix}/${name}`;
      if (child.kind === 'dir') yield* this.walk(child, path);
      else yield [path, child];
    }
  }

  /** Follows symlinks component by component inside the image root (a chroot-style resolve). */
  resolve(parts: readonly string[]): { parts: string[]; node?: Node } | 'loop' {
    const queue = [...parts];
    const done: string[] = [];
    let hops = 0;
    while (queue.length > 0) {
      const c = queue.shift() as string;
      if (c === '' || c === '.') continue;
      if (c === '..') {
        done.pop();
        continue;
      }
      const node = this.get([...done, c]);
      if (node?.kind === 'symlink') {
        if (++hops > MAX_LINK_HOPS) return 'loop';
        if (node.target.startsWith('/')) done.length = 0;
        queue.unshift(...node.target.split('/'));
        continue;
      }
      done.push(c);
    }
    return { parts: done, node: this.get(done) };
  }

  private parentDir(parts: readonly string[], layer: number): DirNode | undefined {
    let dir = this.root;
    for (const p of parts.slice(0, -1)) {
      let next = dir.children.get(p);
      if (next?.kind !== 'dir') {
        if (next) this.release(next);
        next = { kind: 'dir', layer, children: new Map() };
        dir.children.set(p, next);
      }
      dir = next;
    }
    return dir;
  }

  private release(node: Node): void {
    if (node.kind === 'dir') for (const child of node.children.values()) this.release(child);
    else if (node.kind === 'file' && node.spillPath) {
      const left = (this.spillRefs.get(node.spillPath) ?? 1) - 1;
      if (left > 0) this.spillRefs.set(node.spillPath, left);
      else {
        this.spillRefs.delete(node.spillPath);
        void rm(node.spillPath, { force: true }).catch(() => undefined);
      }
    }
  }
}
