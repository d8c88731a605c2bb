// An RFC 6962 Merkle tree (what Trillian keeps behind Rekor v1): leaf and node hashing with the
// 0x00/0x01 domain prefixes, MTH over any size, and audit paths ordered leaf-side first, the order
// Trillian returns and both rekor's pkg/verify and @sigstore/verify (tlog/merkle.ts) consume.
import { createHash } from 'node:crypto';

export function hashLeaf(data: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x00]))
    .update(data)
    .digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();
}

/** The largest power of two strictly below n (n > 1): RFC 6962 §2.1's split point k. */
function split(n: number): number {
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}

export class MerkleTree {
  private readonly leaves: Buffer[] = [];
  private readonly memo = new Map<string, Buffer>();

  get size(): number {
    return this.leaves.length;
  }

  /** Appends a leaf hash (see hashLeaf) and returns its index. */
  append(leafHash: Buffer): number {
    this.leaves.push(leafHash);
    return this.leaves.length - 1;
  }

  leafHash(index: number): Buffer | undefined {
    return this.leaves[index];
  }

  /** MTH(D[lo:hi]); complete subtrees never change, so they are memoized. */
  private mth(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if (n === 0) return createHash('sha256').digest();
    if (n === 1) return this.leaves[lo] as Buffer;
    const key = `${lo}:${hi}`;
    const known = this.memo.get(key);
    if (known) return known;
    const k = split(n);
    const h = hashChildren(this.mth(lo, lo + k), this.mth(lo + k, hi));
    if ((n & (n - 1)) === 0) this.memo.set(key, h);
    return h;
  }

  root(size = this.size): Buffer {
    if (size < 0 || size > this.size) throw new Error(`no tree of size ${size}`);
    return this.mth(0, size);
  }

  /** PATH(m, D[0:size]) of RFC 6962 §2.1.1. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    if (index < 0 || index >= size || size > this.size)
      throw new Error(`no leaf ${index} in tree of ${size}`);
    const path = (m: number, lo: number, hi: number): Buffer[] => {
      const n = hi - lo;
      if (n <= 1) return [];
      const k = split(n);
      return m < k
        ? [...path(m, lo, lo + k), this.mth(lo + k, hi)]
        : [...path(m - k, lo + k, hi), this.mth(lo, lo + k)];
    };
    return path(index, 0, size);
  }
}

/**
 * RFC 9162 §2.1.3.2 inclusion verification — an independent algorithm from the recursive PATH
 * above, so a test checking proofs with it does not just re-run the producer.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}
