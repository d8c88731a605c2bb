import { pipeline, Transform, type Readable } from 'node:stream';
import { RegistryAuth, repositoryScope, type Action } from './auth.js';
import { resolveCredential, type Credential, type CredentialOptions } from './credentials.js';
import { DigestVerifier, digestOf, parseDigest, verifyDigest } from './digest.js';
import { BlobUnknownError, NotFoundError, registryError } from './errors.js';
import { MANIFEST_MEDIA_TYPES } from './mediatypes.js';
import { apiHost, isLoopbackRegistry, type Reference } from './reference.js';
import {
  discard,
  header,
  readBody,
  Transport,
  type HttpRequest,
  type TransportOptions,
} from '../http/transport.js';
import type { Descriptor, Manifest } from './types.js';

export interface ClientOptions extends TransportOptions {
  credentials?: CredentialOptions;
  /** Registries (host[:port]) reached over plain HTTP. Loopback registries always are. */
  insecureRegistries?: string[];
  /** Largest manifest accepted; distribution itself refuses manifests over 4 MiB. */
  maxManifestBytes?: number;
}

export interface FetchedManifest {
  descriptor: Descriptor;
  bytes: Buffer;
  manifest: Manifest;
  /** The registry's ETag, sent back as If-Match on a read-modify-write (registries may ignore it). */
  etag?: string;
}

export interface PutManifestResult {
  digest: string;
  /** The `OCI-Subject` response header: the registry says it indexed the manifest's subject. */
  ociSubject?: string;
}

const DEFAULT_MAX_MANIFEST = 4 * 1024 * 1024;
const DEFAULT_CHUNK = 8 * 1024 * 1024;

export class RegistryClient {
  readonly transport: Transport;
  private readonly auths = new Map<string, RegistryAuth>();
  private readonly credentials = new Map<string, Promise<Credential | undefined>>();

  constructor(private readonly opts: ClientOptions = {}) {
    this.transport = new Transport(opts);
  }

  repository(ref: Pick<Reference, 'registry' | 'repository'>): Repository {
    const insecure =
      isLoopbackRegistry(ref.registry) || (this.opts.insecureRegistries ?? []).includes(ref.registry);
    const base = `${insecure ? 'http' : 'https'}://${apiHost(ref.registry)}/v2/${ref.repository}`;
    return new Repository(
      ref.registry,
      ref.repository,
      base,
      this.auth(ref.registry, ref.repository),
      this.opts.maxManifestBytes ?? DEFAULT_MAX_MANIFEST,
    );
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private auth(registry: string, repository: string): RegistryAuth {
    let auth = this.auths.get(registry);
    if (!auth) {
      auth = new RegistryAuth(registry, this.transport, () => this.credential(registry, repository));
      this.auths.set(registry, auth);
    }
    return auth;
  }

  private credential(registry: string, repository: string): Promise<Credential | undefined> {
    const key = `${registry}/${repository}`;
    let cred = this.credentials.get(key);
    if (!cred) {
      cred = resolveCredential(registry, repository, this.opts.credentials);
      this.credentials.set(key, cred);
    }
    return cred;
  }
}

/** One repository of one registry: the distribution API's `/v2/<name>/…` endpoints. */
export class Repository {
  private readonly uploads = new Map<string, Promise<Descriptor>>();

  constructor(
    readonly registry: string,
    readonly name: string,
    private readonly base: string,
    private readonly auth: RegistryAuth,
    private readonly maxManifestBytes: number,
  ) {}

  toString(): string {
    return `${this.registry}/${this.name}`;
  }

  /** An absolute URL for a `Location` or `Link` the registry sent (relative to its origin). */
  resolveUrl(location: string): string {
    return new URL(location, this.base).toString();
  }

  /** Sends to `path` under /v2/<name> (or to an absolute URL the registry gave) with the scopes asked. */
  send(req: Omit<HttpRequest, 'url'> & { path: string }, actions: Action[], extraScopes: string[] = []) {
    const url = req.path.startsWith('http') ? req.path : `${this.base}${req.path}`;
    return this.auth.send({ ...req, url }, [repositoryScope(this.name, actions), ...extraScopes]);
  }

  /** GET a manifest by tag or digest; its bytes are always checked against the digest. */
  async getManifest(
    reference: string,
    opts: { accept?: readonly string[]; actions?: Action[] } = {},
  ): Promise<FetchedManifest> {
    const accept = opts.accept ?? MANIFEST_MEDIA_TYPES;
    // A read that precedes a write asks for pull+push, so the PUT reuses the token instead of
    // spending its bounded read-to-write time on a second token request.
    const res = await this.send(
      { method: 'GET', path: `/manifests/${reference}`, headers: { accept: accept.join(', ') } },
      opts.actions ?? ['pull'],
    );
    const what = `manifest ${this}${reference.includes(':') ? '@' : ':'}${reference}`;
    if (res.status !== 200) throw await registryError(res, `fetching ${what}`);
    const bytes = await readBody(res, this.maxManifestBytes, what);
    const digest = this.checkManifestDigest(what, bytes, reference, header(res, 'docker-content-digest'));
    let manifest: Manifest;
    try {
      manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    } catch {
      throw new Error(`${what} is not JSON; the registry served something that is not a manifest`);
    }
    const mediaType = manifest.mediaType ?? header(res, 'content-type')?.split(';')[0]?.trim() ?? '';
    const etag = header(res, 'etag');
    return {
      descriptor: { mediaType, digest, size: bytes.length },
      bytes,
      manifest,
      ...(etag ? { etag } : {}),
    };
  }

  private checkManifestDigest(
    what: string,
    bytes: Buffer,
    reference: string,
    served: string | undefined,
  ): string {
    if (reference.includes(':')) {
      verifyDigest(what, bytes, reference);
      return reference;
    }
    // Fetched by tag: nothing to compare with but the registry's own Docker-Content-Digest.
    const algorithm = served ? parseDigest(served).algorithm : 'sha256';
    const digest = digestOf(bytes, algorithm);
    if (served) verifyDigest(what, bytes, served);
    return digest;
  }

  /** HEAD a manifest; undefined when it does not exist. Falls back to GET when the registry omits the digest. */
  async headManifest(reference: string): Promise<Descriptor | undefined> {
    const res = await this.send(
      {
        method: 'HEAD',
        path: `/manifests/${reference}`,
        headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
      },
      ['pull'],
    );
    await discard(res);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw await registryError(res, `checking manifest ${this}:${reference}`);
    const digest = header(res, 'docker-content-digest');
    const mediaType = header(res, 'content-type')?.split(';')[0]?.trim();
    const size = Number(header(res, 'content-length'));
    if (!digest || !mediaType || !Number.isFinite(size))
      return (await this.getManifest(reference)).descriptor;
    if (reference.includes(':') && digest !== reference) {
      throw new Error(
        `manifest ${this}@${reference}: the registry reports digest ${digest} for it; refusing to trust it`,
      );
    }
    return { mediaType, digest, size };
  }

  async putManifest(
    reference: string,
    bytes: Buffer,
    mediaType: string,
    opts: { ifMatch?: string; timeoutMs?: number; retries?: number } = {},
  ): Promise<PutManifestResult> {
    if (reference.includes(':')) verifyDigest(`manifest to push as ${this}@${reference}`, bytes, reference);
    const headers: Record<string, string> = { 'content-type': mediaType };
    if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
    const { timeoutMs, retries } = opts;
    const res = await this.send(
      { method: 'PUT', path: `/manifests/${reference}`, headers, body: bytes, timeoutMs, retries },
      ['pull', 'push'],
    );
    if (res.status === 412) {
      await discard(res);
      throw new PreconditionFailedError(`${this}:${reference} changed since it was read (HTTP 412)`);
    }
    if (res.status !== 201 && res.status !== 200) {
      throw await registryError(
        res,
        `pushing manifest ${this}:${reference}`,
        res.status === 401 || res.status === 403 ? 'the credential may pull but not push here' : '',
      );
    }
    await discard(res);
    const digest = digestOf(bytes);
    const served = header(res, 'docker-content-digest');
    if (served && served !== digest && parseDigest(served).algorithm === 'sha256') {
      throw new Error(
        `pushing manifest ${this}:${reference}: the registry stored digest ${served}, we sent ${digest}`,
      );
    }
    const ociSubject = header(res, 'oci-subject');
    return { digest, ...(ociSubject ? { ociSubject } : {}) };
  }

  /**
   * PUTs a manifest after making sure its blobs are there; on MANIFEST_BLOB_UNKNOWN (a concurrent
   * upload of the same blob) uploads them again and retries.
   */
  async putManifestWithBlobs(
    reference: string,
    bytes: Buffer,
    mediaType: string,
    blobs: { data: Buffer; mediaType: string }[],
  ): Promise<PutManifestResult> {
    for (let attempt = 0; ; attempt++) {
      // Usually the other writer's upload just has to finish: wait and PUT again; upload our copy
      // again only every other attempt, so retrying writers do not keep re-racing each other.
      if (attempt % 2 === 0) {
        await Promise.all(blobs.map((b) => this.pushBlob(b.data, b.mediaType, { force: attempt > 0 })));
      }
      try {
        return await this.putManifest(reference, bytes, mediaType);
      } catch (err) {
        if (!(err instanceof BlobUnknownError) || attempt >= 6) throw err;
        await new Promise((r) => setTimeout(r, 150 * 2 ** Math.min(attempt, 4) + Math.random() * 300));
      }
    }
  }

  async deleteManifest(digest: string): Promise<void> {
    const res = await this.send({ method: 'DELETE', path: `/manifests/${digest}` }, [
      'pull',
      'push',
      'delete',
    ]);
    await discard(res);
    if (res.status !== 202 && res.status !== 200 && res.status !== 404)
      throw await registryError(res, `deleting ${this}@${digest}`);
  }

  async blobExists(digest: string): Promise<boolean> {
    const res = await this.send({ method: 'HEAD', path: `/blobs/${digest}` }, ['pull']);
    await discard(res);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw await registryError(res, `checking blob ${this}@${digest}`);
  }

  /** Cross-repository mount; false when the registry chose to start an upload instead (then unused). */
  async mountBlob(digest: string, from: string): Promise<boolean> {
    const res = await this.send(
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
          await this.send({ method: 'DELETE', path: this.resolveUrl(location) }, ['pull', 'push']),
        );
      return false;
    }
    throw await registryError(res, `mounting blob ${digest} from ${from} into ${this}`);
  }

  /** Uploads a blob unless it already exists: one PUT when small, PATCH chunks when large. */
  async pushBlob(
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
    const upload = this.uploadBlob(data, digest, mediaType, opts).finally(() => this.uploads.delete(key));
    this.uploads.set(key, upload);
    return upload;
  }

  private async uploadBlob(
    data: Buffer,
    digest: string,
    mediaType: string,
    opts: { chunkSize?: number; force?: boolean },
  ): Promise<Descriptor> {
    const descriptor = { mediaType, digest, size: data.length };
    if (!opts.force && (await this.blobExists(digest))) return descriptor;
    let location = await this.startUpload();
    const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
    if (data.length > chunkSize) {
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        const chunk = data.subarray(offset, offset + chunkSize);
        const res = await this.send(
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
        if (res.status !== 202) throw await registryError(res, `uploading blob ${digest} to ${this}`);
        await discard(res);
        location = this.resolveUrl(header(res, 'location') ?? location);
      }
    }
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const body = data.length > chunkSize ? Buffer.alloc(0) : data;
    const res = await this.send(
      { method: 'PUT', path: url.toString(), headers: { 'content-type': 'application/octet-stream' }, body },
      ['pull', 'push'],
    );
    if (res.status !== 201) throw await registryError(res, `completing upload of blob ${digest} to ${this}`);
    await discard(res);
    return descriptor;
  }

  private async startUpload(): Promise<string> {
    const res = await this.send({ method: 'POST', path: '/blobs/uploads/' }, ['pull', 'push']);
    if (res.status !== 202)
      throw await registryError(
        res,
        `starting a blob upload to ${this}`,
        'check that the credential may push here',
      );
    await discard(res);
    const location = header(res, 'location');
    if (!location) throw new Error(`starting a blob upload to ${this}: the registry gave no upload location`);
    return this.resolveUrl(location);
  }

  /** Reads a whole blob into memory (size-capped by the descriptor and by `limit`), digest-checked. */
  async fetchBlob(desc: Descriptor, limit: number): Promise<Buffer> {
    if (desc.size > limit)
      throw new Error(`blob ${this}@${desc.digest} is ${desc.size} bytes, over the ${limit}-byte limit`);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openBlob(desc)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /**
   * Streams a blob. The stream errors (never ends cleanly) when the bytes exceed the descriptor's
   * size or do not hash to its digest, so a consumer can never act on unverified content.
   */
  async openBlob(desc: Descriptor): Promise<Readable> {
    const res = await this.send({ method: 'GET', path: `/blobs/${desc.digest}` }, ['pull']);
    const what = `blob ${this}@${desc.digest}`;
    if (res.status !== 200) throw await registryError(res, `fetching ${what}`);
    const verifier = new DigestVerifier(what, desc.digest);
    let seen = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > desc.size)
          return done(new Error(`${what}: more than the ${desc.size} bytes its descriptor declares`));
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

  /** Throws NotFoundError with `hint` when the tag or digest does not exist. */
  async resolve(reference: string, hint: string): Promise<Descriptor> {
    const desc = await this.headManifest(reference);
    if (!desc)
      throw new NotFoundError(
        `${this}${reference.includes(':') ? '@' : ':'}${reference} does not exist in the registry; ${hint}`,
      );
    return desc;
  }
}

export class PreconditionFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionFailedError';
  }
}
