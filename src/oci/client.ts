import type { Readable } from 'node:stream';
import { RegistryAuth, repositoryScope, type Action } from './auth.js';
import { resolveCredential, type Credential, type CredentialOptions } from './credentials.js';
import { Blobs } from './blobs.js';
import { digestOf, parseDigest, verifyDigest } from './digest.js';
import { BlobUnknownError, NotFoundError, registryError } from './errors.js';
import { MANIFEST_MEDIA_TYPES } from './mediatypes.js';
import { apiHost, isLoopbackRegistry, type Reference } from './reference.js';
import {
  discard,
  header,
  readBody,
  retryBodyReads,
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
    // The reference grammar (and distribution's parser) accepts hosts no URL can hold: a port over
    // 65535, dotted digits such as 127.0.0.256. Said here, before "Invalid URL" deep in a request.
    if (!URL.canParse(base))
      throw new Error(
        `registry ${JSON.stringify(ref.registry)}: not a host and port a registry can be reached at ` +
          '(a port over 65535, or an address like 127.0.0.256); check the image reference',
      );
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
  private readonly blobs = new Blobs(this);

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
    const what = `manifest ${this}${reference.includes(':') ? '@' : ':'}${reference}`;
    const { res, bytes } = await retryBodyReads(async () => {
      const res = await this.send(
        { method: 'GET', path: `/manifests/${reference}`, headers: { accept: accept.join(', ') } },
        opts.actions ?? ['pull'],
      );
      if (res.status !== 200) throw await registryError(res, `fetching ${what}`);
      return { res, bytes: await readBody(res, this.maxManifestBytes, what) };
    });
    const digest = this.checkManifestDigest(what, bytes, reference, header(res, 'docker-content-digest'));
    let manifest: Manifest;
    try {
      manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    } catch {
      throw new Error(`${what} is not JSON; the registry served something that is not a manifest`);
    }
    // JSON that is not an object (`null`, a number, an array) is no manifest either; found by fuzzing
    // (test/fuzz/oci.test.ts): `null` made the mediaType read below throw a TypeError.
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new Error(`${what} is not a JSON object; the registry served something that is not a manifest`);
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

  blobExists(digest: string): Promise<boolean> {
    return this.blobs.exists(digest);
  }

  /** Cross-repository mount; false when the registry chose to start an upload instead (then unused). */
  mountBlob(digest: string, from: string): Promise<boolean> {
    return this.blobs.mount(digest, from);
  }

  /** Uploads a blob unless it already exists: one PUT when small, PATCH chunks when large. */
  pushBlob(
    data: Buffer,
    mediaType: string,
    opts: { chunkSize?: number; force?: boolean } = {},
  ): Promise<Descriptor> {
    return this.blobs.push(data, mediaType, opts);
  }

  /** Reads a whole blob into memory (size-capped by the descriptor and by `limit`), digest-checked. */
  fetchBlob(desc: Descriptor, limit: number): Promise<Buffer> {
    return this.blobs.fetch(desc, limit);
  }

  /** Streams a blob; the stream errors, never ends cleanly, on bytes that do not match `desc`. */
  openBlob(desc: Descriptor): Promise<Readable> {
    return this.blobs.open(desc);
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
