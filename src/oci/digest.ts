import { createHash, type Hash } from 'node:crypto';

// Digest algorithms this client can verify. The OCI spec registers sha256 and sha512; anything else
// cannot be checked, and an unchecked manifest is exactly what we refuse to trust.
const ALGORITHMS: Record<string, { node: string; hexLength: number }> = {
  sha256: { node: 'sha256', hexLength: 64 },
  sha512: { node: 'sha512', hexLength: 128 },
};

export class DigestMismatchError extends Error {
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${what}: content digest ${actual} does not match the expected ${expected}; ` +
        'the registry (or something between it and us) served different bytes — refusing to use them',
    );
    this.name = 'DigestMismatchError';
  }
}

export function parseDigest(digest: string): { algorithm: string; hex: string } {
  const m = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest);
  const algo = m && ALGORITHMS[m[1]!];
  if (!m || !algo || m[2]!.length !== algo.hexLength || !/^[0-9a-f]+$/.test(m[2]!)) {
    throw new Error(
      `invalid or unsupported digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`,
    );
  }
  return { algorithm: m[1]!, hex: m[2]! };
}

export function sha256(data: Uint8Array | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function digestOf(data: Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:` + createHash(ALGORITHMS[algorithm]!.node).update(data).digest('hex');
}

export function verifyDigest(what: string, data: Uint8Array, expected: string): void {
  const { algorithm } = parseDigest(expected);
  const actual = digestOf(data, algorithm);
  if (actual !== expected) throw new DigestMismatchError(what, expected, actual);
}

/** Incremental verifier for streamed blobs. */
export class DigestVerifier {
  private readonly hash: Hash;
  private readonly algorithm: string;
  constructor(
    private readonly what: string,
    private readonly expected: string,
  ) {
    this.algorithm = parseDigest(expected).algorithm;
    this.hash = createHash(ALGORITHMS[this.algorithm]!.node);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  /** Throws DigestMismatchError when the bytes seen do not hash to the expected digest. */
  finish(): void {
    const actual = `${this.algorithm}:` + this.hash.digest('hex');
    if (actual !== this.expected) throw new DigestMismatchError(this.what, this.expected, actual);
  }
}

/** The tag the OCI 1.1 referrers fallback (and cosign) derive from a digest: `sha256-<hex>`. */
export function digestTag(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `${algorithm}-${hex}`;
}
