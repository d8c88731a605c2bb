import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import {
  PolicyError,
  toSignedEntity,
  VerificationError,
  type Signer,
  type VerificationPolicy,
  type Verifier,
} from '@sigstore/verify';

/** A Sigstore bundle that could not be read: bytes from a registry, written by anyone. */
export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
}

/**
 * Parses a Sigstore bundle read from a registry. @sigstore/bundle validates the shape it needs, but
 * on JSON that is not an object (or has `null` where an object belongs) it fails with a TypeError
 * that names no input; every failure here names `what` instead (found by fuzzing, test/fuzz).
 */
export function parseBundleJson(bytes: Buffer, what: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new BundleFormatError(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new BundleFormatError(`${what} is not a JSON object, so no Sigstore bundle`);
  return bundleFromObject(what, json);
}

/** bundleFromJSON, its failures (ValidationError, or a TypeError on `null` fields) naming `what`. */
export function bundleFromObject(what: string, json: object): Bundle {
  try {
    return bundleFromJSON(json);
  } catch (err) {
    throw new BundleFormatError(`${what} is not a Sigstore bundle: ${(err as Error).message}`);
  }
}

/**
 * Verifies a bundle read from outside. @sigstore/verify reports failed checks as VerificationError
 * or PolicyError, but malformed inner bytes (an empty RFC 3161 timestamp, a certificate that is not
 * DER) escape its parsers as plain Errors such as "request past end of buffer" (found by fuzzing):
 * those become a BundleFormatError that names the bundle.
 */
export function verifyUntrusted(
  verifier: Verifier,
  bundle: Bundle,
  artifact: Buffer | undefined,
  policy: VerificationPolicy,
  what: string,
): Signer {
  return guardMalformed(what, () => verifier.verify(toSignedEntity(bundle, artifact), policy));
}

/** Runs a verification step; any failure but a failed check becomes a BundleFormatError naming `what`. */
export function guardMalformed<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof VerificationError || err instanceof PolicyError) throw err;
    throw new BundleFormatError(`${what} is malformed: ${(err as Error).message}`);
  }
}
