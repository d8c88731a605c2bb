import { digestOf, digestTag } from './digest.js';
import { ForeignContentError, NotFoundError, registryError } from './errors.js';
import { EMPTY_DIGEST, EMPTY_JSON, MediaType } from './mediatypes.js';
import { SHARED_TAG_TIMING, updateSharedTag, type SettleQueue, type SharedTagUpdate } from './shared-tag.js';
import { discard, header, readBody, retryBodyReads } from '../http/transport.js';
import type { FetchedManifest, Repository } from './client.js';
import type { Annotations, Descriptor, ImageIndex, ImageManifest } from './types.js';

/**
 * OCI 1.1 referrers: the API (`GET /v2/<name>/referrers/<digest>`) where the registry has it, and the
 * referrers tag schema (`<alg>-<hex>` image index) where it does not, maintained as the distribution
 * spec says ("Pushing Manifests with Subject") and under the shared-tag protocol of shared-tag.ts.
 */

const PAGE_LIMIT = 4 * 1024 * 1024;
const MAX_PAGES = 64;

export interface ReferrerList {
  referrers: Descriptor[];
  /** Where the list came from: the referrers API or the fallback tag. */
  source: 'api' | 'fallback';
}

export interface ArtifactLayer {
  mediaType: string;
  data: Buffer;
  annotations?: Annotations;
}

export interface Artifact {
  artifactType: string;
  subject: Descriptor;
  layers: ArtifactLayer[];
  annotations?: Annotations;
}

export interface PushedReferrer {
  descriptor: Descriptor;
  /** 'api' when the registry indexes referrers itself; 'fallback' when we maintained the tag. */
  via: 'api' | 'fallback';
}

const apiSupport = new WeakMap<Repository, boolean>();

/** Does the registry serve the referrers API for this repository? (200 with an image index.) */
export async function hasReferrersApi(repo: Repository, subjectDigest: string): Promise<boolean> {
  const known = apiSupport.get(repo);
  if (known !== undefined) return known;
  const page = await retryBodyReads(() => fetchReferrersPage(repo, `/referrers/${subjectDigest}`));
  const supported = page !== undefined;
  apiSupport.set(repo, supported);
  return supported;
}

interface ReferrersPage {
  index: ImageIndex;
  next?: string;
  filtered: boolean;
}

async function fetchReferrersPage(repo: Repository, path: string): Promise<ReferrersPage | undefined> {
  const res = await repo.send({ method: 'GET', path, headers: { accept: MediaType.ImageIndex } }, ['pull']);
  const type = header(res, 'content-type')?.split(';')[0]?.trim();
  if (res.status !== 200 || type !== MediaType.ImageIndex) {
    // 404 (or any non-index answer) means no API: ECR, for one, sends OCI-Subject without serving it.
    await discard(res);
    // A registry in trouble (5xx, or 429 after the transport's retries) says nothing about the API:
    // never conclude "no referrers API" from it (the fallback tag would be written needlessly).
    if (res.status >= 500 || res.status === 429)
      throw await registryError(res, `listing referrers in ${repo}`, 'retry the job later');
    return undefined;
  }
  let index: ImageIndex;
  try {
    index = JSON.parse(
      (await readBody(res, PAGE_LIMIT, `referrers of ${repo}`)).toString('utf8'),
    ) as ImageIndex;
  } catch (err) {
    if ((err as Error).name === 'TransportError') throw err;
    return undefined;
  }
  // Valid JSON that is no object (`null`) is not an index either; found by fuzzing (test/fuzz/oci.test.ts).
  if (typeof index !== 'object' || index === null || !Array.isArray(index.manifests)) return undefined;
  const link = header(res, 'link');
  const next = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
  const filtered = (header(res, 'oci-filters-applied') ?? '').split(',').includes('artifactType');
  return { index, ...(next ? { next } : {}), filtered };
}

/** Lists the referrers of `subjectDigest`, optionally only those of one artifactType. */
export async function listReferrers(
  repo: Repository,
  subjectDigest: string,
  artifactType?: string,
): Promise<ReferrerList> {
  // An entry that is not an object (`manifests: [null]`) describes no referrer: skip it rather than
  // throw a TypeError reading its artifactType (found by fuzzing, test/fuzz/oci.test.ts).
  const keep = (d: Descriptor) =>
    typeof d === 'object' && d !== null && (artifactType === undefined || d.artifactType === artifactType);
  if (await hasReferrersApi(repo, subjectDigest)) {
    const referrers: Descriptor[] = [];
    let path: string | undefined =
      `/referrers/${subjectDigest}` +
      (artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '');
    for (let pages = 0; path; pages++) {
      if (pages >= MAX_PAGES)
        throw new Error(`referrers of ${repo}@${subjectDigest}: more than ${MAX_PAGES} pages`);
      const pagePath: string = path;
      const page: ReferrersPage | undefined = await retryBodyReads(() => fetchReferrersPage(repo, pagePath));
      if (!page)
        throw new Error(
          `referrers of ${repo}@${subjectDigest}: the registry stopped answering with an index; retry the job later`,
        );
      // The filter is re-applied here: a registry may ignore it (and says so by omitting OCI-Filters-Applied).
      referrers.push(...page.index.manifests.filter(keep));
      path = page.next ? repo.resolveUrl(page.next) : undefined;
    }
    return { referrers, source: 'api' };
  }
  const index = await readFallbackIndex(repo, subjectDigest);
  return { referrers: (index?.manifests ?? []).filter(keep), source: 'fallback' };
}

/** Reads the referrers tag; undefined when absent; ForeignContentError when it holds something else. */
export async function readFallbackIndex(
  repo: Repository,
  subjectDigest: string,
): Promise<ImageIndex | undefined> {
  try {
    return parseFallback(repo, digestTag(subjectDigest), await repo.getManifest(digestTag(subjectDigest)));
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

function parseFallback(
  repo: Repository,
  tag: string,
  fetched: FetchedManifest | undefined,
): ImageIndex | undefined {
  if (!fetched) return undefined;
  const m = fetched.manifest as ImageIndex;
  if (fetched.descriptor.mediaType !== MediaType.ImageIndex || !Array.isArray(m.manifests)) {
    throw new ForeignContentError(
      `${repo}:${tag} holds a ${fetched.descriptor.mediaType || 'non-index'} manifest, not the OCI image index the referrers ` +
        'fallback tag must be; it was left untouched. Remove or move that tag, or use a registry with the referrers API',
    );
  }
  return m;
}

/** The descriptor of a referrer as the fallback index lists it (distribution spec: artifactType and all annotations). */
export function referrerDescriptor(manifest: ImageManifest, bytes: Buffer): Descriptor {
  return {
    mediaType: manifest.mediaType ?? MediaType.ImageManifest,
    digest: digestOf(bytes),
    size: bytes.length,
    artifactType: manifest.artifactType ?? manifest.config.mediaType,
    ...(manifest.annotations && Object.keys(manifest.annotations).length
      ? { annotations: manifest.annotations }
      : {}),
  };
}

/** Builds an artifact manifest: empty config, the given layers, `subject` set (pure; blobs not pushed). */
export function buildArtifactManifest(artifact: Artifact): {
  manifest: ImageManifest;
  bytes: Buffer;
  blobs: ArtifactLayer[];
} {
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ImageManifest,
    artifactType: artifact.artifactType,
    config: {
      mediaType: MediaType.Empty,
      digest: EMPTY_DIGEST,
      size: EMPTY_JSON.length,
      data: EMPTY_JSON.toString('base64'),
    },
    layers: artifact.layers.map((l) => ({
      mediaType: l.mediaType,
      digest: digestOf(l.data),
      size: l.data.length,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    })),
    subject: {
      mediaType: artifact.subject.mediaType,
      digest: artifact.subject.digest,
      size: artifact.subject.size,
    },
    ...(artifact.annotations ? { annotations: artifact.annotations } : {}),
  };
  return { manifest, bytes: Buffer.from(JSON.stringify(manifest)), blobs: artifact.layers };
}

export interface PushReferrerOptions {
  /** Hand the fallback tag's settle-and-re-check to this queue instead of waiting for it here. */
  settle?: SettleQueue;
  /** Referrers this one replaces: dropped from the fallback index in the same update. */
  supersedes?: string[];
}

/**
 * Pushes artifacts that refer to one subject: blobs, then each manifest by digest, then — only when
 * the registry did not index them itself — ONE update of the fallback tag for all of them (each
 * update ends with a settle delay, so one per batch, not one per artifact). The order means no index
 * entry ever points at a manifest that was not pushed.
 */
export async function pushReferrers(
  repo: Repository,
  artifacts: Artifact[],
  opts: PushReferrerOptions = {},
): Promise<PushedReferrer[]> {
  const subjects = new Set(artifacts.map((a) => a.subject.digest));
  if (subjects.size !== 1) throw new Error('internal: pushReferrers takes artifacts of one subject');
  const subject = [...subjects][0]!;
  const pushed = await Promise.all(
    artifacts.map(async (artifact) => {
      const { manifest, bytes, blobs } = buildArtifactManifest(artifact);
      const descriptor = referrerDescriptor(manifest, bytes);
      const put = await repo.putManifestWithBlobs(descriptor.digest, bytes, MediaType.ImageManifest, [
        { data: EMPTY_JSON, mediaType: MediaType.Empty },
        ...blobs,
      ]);
      return { descriptor, ociSubject: put.ociSubject };
    }),
  );
  // Both signs are required: ECR sends OCI-Subject without serving the API, others serve the API silently.
  const api = pushed.every((p) => p.ociSubject === subject) && (await hasReferrersApi(repo, subject));
  if (api) {
    await ensureListed(
      repo,
      subject,
      artifacts,
      pushed.map((p) => p.descriptor),
    );
  } else {
    await updateFallbackIndex(
      repo,
      subject,
      { add: pushed.map((p) => p.descriptor), remove: new Set(opts.supersedes ?? []) },
      opts.settle,
    );
  }
  return pushed.map((p) => ({ descriptor: p.descriptor, via: api ? 'api' : 'fallback' }));
}

/**
 * A registry's referrers index is its own read-modify-write, and not every registry guards it: olareg
 * was seen to drop 1 of 32 referrers pushed by 16 concurrent processes (the manifest stored, not
 * listed). Verifiers discover bundles only through the listing, so check it, PUT the manifests the
 * registry forgot again (that makes it index them), and fail loudly if it never lists them.
 */
async function ensureListed(
  repo: Repository,
  subject: string,
  artifacts: Artifact[],
  descriptors: Descriptor[],
): Promise<void> {
  for (let round = 0; ; round++) {
    const listed = new Set((await listReferrers(repo, subject)).referrers.map((d) => d.digest));
    const missing = descriptors.map((d, i) => ({ d, i })).filter(({ d }) => !listed.has(d.digest));
    if (missing.length === 0) return;
    if (round >= 5) {
      throw new Error(
        `${repo} stores the referrer manifest(s) ${missing.map(({ d }) => d.digest).join(', ')} but does not list them as referrers of ${subject} ` +
          "after 5 attempts: verifiers would not find them. The registry's referrers index is inconsistent; retry, or report it to the registry",
      );
    }
    await new Promise((r) => setTimeout(r, 200 * 2 ** round + Math.random() * 200));
    for (const { i } of missing) {
      const { bytes } = buildArtifactManifest(artifacts[i]!);
      await repo.putManifest(descriptors[i]!.digest, bytes, MediaType.ImageManifest);
    }
  }
}

export async function pushReferrer(
  repo: Repository,
  artifact: Artifact,
  opts: PushReferrerOptions = {},
): Promise<PushedReferrer> {
  return (await pushReferrers(repo, [artifact], opts))[0]!;
}

/**
 * Merges `add` into (and drops `remove` from) the referrers tag of `subjectDigest`. Entries that
 * another writer's stale write dropped from our last index are restored when their manifests still
 * exist (a manifest that was deleted really is gone, and is not brought back).
 */
export async function updateFallbackIndex(
  repo: Repository,
  subjectDigest: string,
  change: { add: Descriptor[]; remove?: ReadonlySet<string> },
  settle?: SettleQueue,
): Promise<void> {
  const tag = digestTag(subjectDigest);
  await updateSharedTag(
    repo,
    tag,
    fallbackIndexUpdate(repo, tag, { ours: change.add, remove: [...(change.remove ?? [])] }),
    // The protocol's constants, as every writer uses them (docs/concurrency.md).
    SHARED_TAG_TIMING,
    settle,
  );
}

/** A referrers fallback tag's re-check as another process resumes it (the Action's post step). */
export type FallbackRecheck = {
  kind: 'referrers-fallback';
  /** Our referrers: what the index must list. */
  ours: Descriptor[];
  /** Referrers we replaced: what it must not list. */
  remove: string[];
  /** The index as we last wrote it: entries a stale write dropped are restored if they still exist. */
  lastWritten: Descriptor[];
};

/** The shared-tag update of a fallback index; from a FallbackRecheck, the same update resumed elsewhere. */
export function fallbackIndexUpdate(
  repo: Repository,
  tag: string,
  what: { ours: Descriptor[]; remove: string[]; lastWritten?: Descriptor[] },
): SharedTagUpdate<ImageIndex | undefined> {
  const ours = new Map(what.ours.map((e) => [e.digest, e]));
  const remove = new Set(what.remove);
  const restore = new Map<string, Descriptor>();
  let lastWritten: Descriptor[] = what.lastWritten ?? [];
  return {
    parse: (fetched) => parseFallback(repo, tag, fetched),
    merge(current) {
      const existing = current?.manifests ?? [];
      const manifests = dedupe(existing).filter((d) => !remove.has(d.digest));
      const have = new Set(manifests.map((d) => d.digest));
      const missing = [...ours.values(), ...restore.values()].filter((d) => !have.has(d.digest));
      if (current && missing.length === 0 && manifests.length === existing.length) return undefined;
      const index: ImageIndex = {
        ...(current ?? {}),
        schemaVersion: 2,
        mediaType: MediaType.ImageIndex,
        manifests: [...manifests, ...missing],
      };
      return { bytes: Buffer.from(JSON.stringify(index)), mediaType: MediaType.ImageIndex };
    },
    written(bytes) {
      lastWritten = (JSON.parse(bytes.toString('utf8')) as ImageIndex).manifests;
    },
    async holds(current) {
      const have = new Set((current?.manifests ?? []).map((d) => d.digest));
      let ok = [...ours.keys()].every((d) => have.has(d)) && ![...remove].some((d) => have.has(d));
      for (const d of lastWritten) {
        if (have.has(d.digest) || ours.has(d.digest) || remove.has(d.digest)) continue;
        if (await repo.headManifest(d.digest)) {
          restore.set(d.digest, d);
          ok = false;
        }
      }
      return ok;
    },
    recheck(): FallbackRecheck {
      // Ours are listed in `ours` already; the rest of the last write is what may need restoring.
      const others = lastWritten.filter((d) => !ours.has(d.digest) && !remove.has(d.digest));
      return { kind: 'referrers-fallback', ours: what.ours, remove: what.remove, lastWritten: others };
    },
  };
}

function dedupe(list: Descriptor[]): Descriptor[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.digest) && (seen.add(d.digest), true));
}
