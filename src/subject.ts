import { NotFoundError } from './oci/errors.js';
import { isIndexMediaType } from './oci/mediatypes.js';
import { formatReference, type Reference } from './oci/reference.js';
import type { Repository } from './oci/client.js';
import type { Descriptor, ImageIndex } from './oci/types.js';

/**
 * Step 1 of the pipeline: the one digest everything is about, every tag checked to point at it, and
 * (for a multi-arch index) the platform manifests, BuildKit's attestation manifests left out.
 */

export interface Subject {
  repository: Reference;
  descriptor: Descriptor;
  tags: Reference[];
  /** Platform manifests of an index (empty for a single-platform image). */
  platforms: Descriptor[];
}

const NOT_PUSHED =
  "push it first: with docker/build-push-action set push: true (load: true only puts the image in the runner's local daemon, " +
  'where no registry and no verifier can see it), and pass its digest output';

export async function resolveSubject(
  repo: Repository,
  image: Reference,
  digest: string | undefined,
  tags: Reference[],
): Promise<Subject> {
  let descriptor: Descriptor;
  if (digest) {
    descriptor = await repo.resolve(digest, NOT_PUSHED);
  } else {
    descriptor = await repo.resolve(tags[0]!.tag!, NOT_PUSHED);
  }
  await Promise.all(
    tags.map(async (t) => {
      let got: Descriptor;
      try {
        got = await repo.resolve(t.tag!, NOT_PUSHED);
      } catch (err) {
        if (err instanceof NotFoundError)
          throw new Error(`tag ${formatReference(t)} does not exist in the registry; ${NOT_PUSHED}`);
        throw err;
      }
      if (got.digest !== descriptor.digest) {
        throw new Error(
          `tag ${formatReference(t)} points to ${got.digest}, not to ${descriptor.digest}: it was moved or pushed by another build; ` +
            'sign the digest this build produced and pass only the tags it pushed',
        );
      }
    }),
  );
  const platforms = isIndexMediaType(descriptor.mediaType)
    ? await platformManifests(repo, descriptor.digest)
    : [];
  return { repository: image, descriptor, tags, platforms };
}

/** What gets signed: the subject, and with per-platform each of its platform manifests too. */
export function signingTargets(subject: Subject, perPlatform: boolean): Descriptor[] {
  return [subject.descriptor, ...(perPlatform ? subject.platforms : [])];
}

/** BuildKit stores its provenance/SBOM attestations in an index as platform `unknown/unknown`: not platforms. */
export function isAttestationManifest(d: Descriptor): boolean {
  return (
    (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown') ||
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
  );
}

async function platformManifests(repo: Repository, digest: string): Promise<Descriptor[]> {
  const { manifest } = await repo.getManifest(digest);
  return ((manifest as ImageIndex).manifests ?? []).filter((d) => !isAttestationManifest(d));
}
