import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/http/transport.js';
import { BlobUnknownError, NotFoundError, RegistryError, registryError } from '../../src/oci/errors.js';

// The registry's error body decides what the caller may do next: retry (a blob a concurrent writer is
// still committing), treat as absent, or give up with the registry's own words.

function response(status: number, body: unknown): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: Readable.from([Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))]),
    url: 'http://127.0.0.1:5000/v2/app/manifests/sha256-abc.sig',
  };
}

describe('registryError', () => {
  it('MANIFEST_BLOB_UNKNOWN, also next to DIGEST_INVALID as distribution 2.8 sends them, is retryable', async () => {
    const err = await registryError(
      response(400, {
        errors: [
          { code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' },
          { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry' },
        ],
      }),
      'pushing manifest app:sha256-abc.sig',
    );
    expect(err).toBeInstanceOf(BlobUnknownError);
    expect(err.name).toBe('BlobUnknownError');
    expect(err.message).toContain('MANIFEST_BLOB_UNKNOWN: blob unknown to registry');
  });

  it('404 and MANIFEST_UNKNOWN are NotFoundError; anything else a RegistryError with its codes', async () => {
    expect(await registryError(response(404, ''), 'x')).toBeInstanceOf(NotFoundError);
    expect(
      await registryError(response(400, { errors: [{ code: 'MANIFEST_UNKNOWN' }] }), 'x'),
    ).toBeInstanceOf(NotFoundError);
    const other = await registryError(response(400, { errors: [{ code: 'MANIFEST_INVALID' }] }), 'x');
    expect(other).toBeInstanceOf(RegistryError);
    expect(other).not.toBeInstanceOf(BlobUnknownError);
    expect(other.codes).toEqual(['MANIFEST_INVALID']);
    expect((await registryError(response(502, '<html>bad gateway</html>'), 'x')).message).toContain(
      'answered HTTP 502',
    );
  });
});
