import { describeUrl, readBody, type HttpResponse } from '../http/transport.js';

/** An error answer from a registry, with the distribution error codes it gave (spec: "Error Codes"). */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly codes: string[] = [],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The manifest or tag asked for does not exist (HTTP 404 / MANIFEST_UNKNOWN / NAME_UNKNOWN). */
export class NotFoundError extends RegistryError {
  constructor(message: string, status = 404, codes: string[] = []) {
    super(message, status, codes);
    this.name = 'NotFoundError';
  }
}

/**
 * The registry refused a manifest because a blob it references is unknown (MANIFEST_BLOB_UNKNOWN).
 * Seen with distribution 2.8 when several writers upload the same blob at once (every signature's
 * simple-signing payload, the empty config): the blob briefly looks present to HEAD and absent to
 * the manifest check. Uploading it again and retrying resolves it.
 */
export class BlobUnknownError extends RegistryError {
  constructor(message: string, status: number, codes: string[]) {
    super(message, status, codes);
    this.name = 'BlobUnknownError';
  }
}

/** A shared tag we were asked to update holds something we must not touch. */
export class ForeignContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignContentError';
  }
}

/** Reads the registry's error body (at most 64 KiB) and builds the error that names what failed. */
export async function registryError(res: HttpResponse, action: string, hint = ''): Promise<RegistryError> {
  let codes: string[] = [];
  let detail = '';
  try {
    const body = (await readBody(res, 64 * 1024, 'error body')).toString('utf8');
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
    codes = (parsed.errors ?? []).map((e) => e.code ?? '').filter(Boolean);
    detail = (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
  } catch {
    // Not every registry (or proxy in front of one) answers errors in the spec's JSON.
  }
  // A registry in trouble gets the same advice everywhere, unless the caller knows better.
  const advice =
    hint ||
    (res.status >= 500 || res.status === 429 ? 'the registry is in trouble; retry the job later' : '');
  const message = `${action}: ${describeUrl(res.url)} answered HTTP ${res.status}${detail ? ` (${detail.slice(0, 300)})` : ''}${advice ? `; ${advice}` : ''}`;
  const notFound = res.status === 404 || codes.some((c) => c === 'MANIFEST_UNKNOWN' || c === 'NAME_UNKNOWN');
  if (notFound) return new NotFoundError(message, res.status, codes);
  // distribution 2.8 answers a manifest whose blob a concurrent upload is still committing with
  // DIGEST_INVALID and MANIFEST_BLOB_UNKNOWN together: the code that matters is the second.
  if (codes.includes('MANIFEST_BLOB_UNKNOWN')) return new BlobUnknownError(message, res.status, codes);
  return new RegistryError(message, res.status, codes);
}
