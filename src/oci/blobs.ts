// Blob transfer of one repository: existence, cross-repository mount, upload (one PUT, or PATCH
// chunks when large) and the digest-checked download. Manifests, which are small, parsed and
// tag-addressed, stay with the Repository (client.ts).
import { pipeline, Transform, type Readable } from 'node:stream';
import { repositoryScope, type Action } from './auth.js';
import { DigestMismatchError, DigestVerifier, digestOf } from './digest.js';
import { RegistryError, registryError } from './errors.js';
import {
  BodyReadError,
  discard,
  header,
  retryBodyReads,
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from '../http/transport.js';
import type { Descriptor } from './types.js';

const DEFAULT_CHUNK = 8 * 1024 * 1024;
/** Whole uploads (session, chunks, completing PUT) tried before giving up. */
const UPLOAD_ATTEMPTS = 3;

function retryableUploadFailure(err: unknown): boolean {
  if (err instanceof TransportError) return true;
  if (!(err instanceof RegistryError)) return false;
  return (
    err.status >= 500 ||
    err.status === 429 ||
    err.codes.includes('BLOB_UPLOAD_UNKNOWN') ||
    (err as { sessionLost?: boolean }).sessionLost === true
  );
}
/**
 * The slowest average a blob download may keep once its first timeout period is over. undici's
 * bodyTimeout bounds only the silence between chunks, so a registry dripping a byte every few
 * seconds (slowloris) would hold a layer download open for days; 16 KiB/s is far below any real
 * link (a 1 GB layer at this rate takes 18 hours).
 */
const MIN_BLOB_RATE = 16 * 1024;

/** The authenticated `/v2/<name>/…` requests of a repository: all that blob transfer needs of it. */
export interface RepositoryRequests {
  send(
    req: Omit<HttpRequest, 'url'> & { path: string },
    actions: Action[],
    extraScopes?: string[],
  ): Promise<HttpResponse>;
  resolveUrl(location: string): string;
  /** `<registry>/<name>`, for messages. */
  toString(): string;
}

export class Blobs {
  private readonly uploads = new Map<string, Promise<Descriptor>>();

  constructor(private readonly repo: RepositoryRequests) {}

  async exists(digest: string): Promise<boolean> {
    const res = await this.repo.send({ method: 'HEAD', path: `/blobs/${digest}` }, ['pull']);
    await discard(res);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw await registryError(res, `checking blob ${this.repo}@${digest}`);
  }

  /** Cross-repository mount; false when the registry chose to start an upload instead (then unused). */
  async mount(digest: string, from: string): Promise<boolean> {
    const res = await this.repo.send(
      {
        method: 'POST',
        path: `/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      },
      ['pull', 'push'],
      [repositoryScope(from, ['pull'])],
    );
    await discard(res);
    if (res.status === 201) return true;
    if (res.status === 202) {
      const location = header(res, 'location');
      if (location)
        await discard(
          await this.repo.send({ method: 'DELETE', path: this.repo.resolveUrl(location) }, ['pull', 'push']),
        );
      return false;
    }
    throw await registryError(res, `mounting blob ${digest} from ${from} into ${this.repo}`);
  }

  /** Uploads a blob unless it already exists: one PUT when small, PATCH chunks when large. */
  async push(
    data: Buffer,
    mediaType: string,
    opts: { chunkSize?: number; force?: boolean } = {},
  ): Promise<Descriptor> {
    const digest = digestOf(data);
    // One upload per blob at a time from this process: concurrent uploads of one digest are what
    // makes distribution briefly report it unknown (see BlobUnknownError).
    const key = `${digest}${opts.force ? ' force' : ''}`;
    const inFlight = this.uploads.get(key);
    if (inFlight) return { ...(await inFlight), mediaType };
    const upload = this.upload(data, digest, mediaType, opts).finally(() => this.uploads.delete(key));
    this.uploads.set(key, upload);
    return upload;
  }

  private async upload(
    data: Buffer,
    digest: string,
    mediaType: string,
    opts: { chunkSize?: number; force?: boolean },
  ): Promise<Descriptor> {
    const descriptor = { mediaType, digest, size: data.length };
    if (!opts.force && (await this.exists(digest))) return descriptor;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.uploadOnce(data, digest, opts.chunkSize ?? DEFAULT_CHUNK);
        return descriptor;
      } catch (err) {
        // An upload session is single-use: when the completing PUT reached the registry but its
        // answer was lost, the transport's retry lands on a consumed session (404
        // BLOB_UPLOAD_UNKNOWN) although the blob is stored. Look before starting over (found by the
        // fault campaign, test/support/fault-campaign.ts).
        if (attempt >= UPLOAD_ATTEMPTS || !retryableUploadFailure(err)) throw err;
        if (await this.exists(digest).catch(() => false)) return descriptor;
      }
    }
  }

  private async uploadOnce(data: Buffer, digest: string, chunkSize: number): Promise<void> {
    let location = await this.startUpload();
    if (data.length > chunkSize) {
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        const chunk = data.subarray(offset, offset + chunkSize);
        const res = await this.repo.send(
          {
            method: 'PATCH',
            path: location,
            headers: {
              'content-type': 'application/octet-stream',
              'content-range': `${offset}-${offset + chunk.length - 1}`,
            },
            body: chunk,
          },
          ['pull', 'push'],
        );
        if (res.status !== 202) throw await registryError(res, `uploading blob ${digest} to ${this.repo}`);
        await discard(res);
        location = this.repo.resolveUrl(header(res, 'location') ?? location);
      }
    }
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const body = data.length > chunkSize ? Buffer.alloc(0) : data;
    const res = await this.repo.send(
      { method: 'PUT', path: url.toString(), headers: { 'content-type': 'application/octet-stream' }, body },
      ['pull', 'push'],
    );
    if (res.status !== 201) {
      const err = await registryError(
        res,
        `completing upload of blob ${digest} to ${this.repo}`,
        'the registry lost the upload session; retry the job',
      );
      // A 4xx here, after the session was accepted, is the session gone (a retried PUT after its
      // answer was lost): distribution says 404 BLOB_UPLOAD_UNKNOWN, olareg 400.
      throw err.status === 400 || err.status === 404 ? Object.assign(err, { sessionLost: true }) : err;
    }
    await discard(res);
  }

  private async startUpload(): Promise<string> {
    const res = await this.repo.send({ method: 'POST', path: '/blobs/uploads/' }, ['pull', 'push']);
    if (res.status !== 202)
      throw await registryError(
        res,
        `starting a blob upload to ${this.repo}`,
        'check that the credential may push here',
      );
    await discard(res);
    const location = header(res, 'location');
    if (!location)
      throw new Error(`starting a blob upload to ${this.repo}: the registry gave no upload location`);
    return this.repo.resolveUrl(location);
  }

  /** Reads a whole blob into memory (size-capped by the descriptor and by `limit`), digest-checked. */
  async fetch(desc: Descriptor, limit: number): Promise<Buffer> {
    const what = `blob ${this.repo}@${desc.digest}`;
    if (desc.size > limit) throw new Error(`${what} is ${desc.size} bytes, over the ${limit}-byte limit`);
    return retryBodyReads(async () => {
      const stream = await this.open(desc);
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of stream) chunks.push(chunk as Buffer);
      } catch (err) {
        // Our own checks (size, digest, rate) name the blob; anything else is the connection.
        if (err instanceof DigestMismatchError || (err as Error).message.startsWith(what)) throw err;
        throw new BodyReadError(
          `${what}: the connection broke while reading it (${(err as Error).message}); retry the job if this persists`,
          { cause: err },
        );
      }
      return Buffer.concat(chunks);
    });
  }

  /**
   * Streams a blob. The stream errors (never ends cleanly) when the bytes exceed the descriptor's
   * size or do not hash to its digest, so a consumer can never act on unverified content.
   */
  async open(desc: Descriptor): Promise<Readable> {
    const res = await this.repo.send({ method: 'GET', path: `/blobs/${desc.digest}` }, ['pull']);
    const what = `blob ${this.repo}@${desc.digest}`;
    if (res.status !== 200) throw await registryError(res, `fetching ${what}`);
    const verifier = new DigestVerifier(what, desc.digest);
    let seen = 0;
    let started: number | undefined;
    const graceMs = res.timeoutMs ?? 30_000;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > desc.size)
          return done(new Error(`${what}: more than the ${desc.size} bytes its descriptor declares`));
        // Timed from the first chunk, not from the request: a layer waits its turn in the squasher.
        started ??= Date.now();
        const elapsed = Date.now() - started;
        if (elapsed > graceMs && (seen * 1000) / elapsed < MIN_BLOB_RATE)
          return done(
            new Error(
              `${what}: arriving at ${Math.round((seen * 1000) / elapsed)} bytes/s after ${Math.round(elapsed / 1000)} s, ` +
                `under the ${MIN_BLOB_RATE} bytes/s floor (a stalled or hostile registry); giving up`,
            ),
          );
        verifier.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        try {
          if (seen !== desc.size)
            throw new Error(`${what}: ${seen} bytes, but its descriptor declares ${desc.size}`);
          verifier.finish();
          done();
        } catch (err) {
          done(err as Error);
        }
      },
    });
    // pipeline() destroys both ends on any failure, so an abandoned download frees its socket.
    return pipeline(res.body, check, () => {});
  }
}
