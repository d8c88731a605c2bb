import { GitHubApiError, type GitHubApi } from './rest.js';
import type { StoreTarget } from './attestation-store.js';

/**
 * The artifact metadata storage record (`POST /orgs/{org}/artifacts/metadata/storage-record`), as
 * actions/attest v4.2.2 writes it (src/attest.ts createAttestation → @actions/attest
 * createStorageRecord): only after the registry push, only when `GET /repos/{owner}/{repo}` says the
 * owner is an Organization (the API exists for organizations only; for a user-owned repository
 * nothing is attempted), with the body `{name: <registry/repository>, digest, registry_url:
 * <registry origin>}`; the answer's `storage_records[].id` are the record ids. Like actions/attest,
 * a failure is a warning naming `artifact-metadata: write`: the record is metadata about where the
 * image is, not an attestation.
 */

export const ARTIFACT_METADATA_PERMISSION = 'artifact-metadata: write';

export interface StoredArtifact {
  /** The bare image name, e.g. ghcr.io/owner/app. */
  name: string;
  digest: string;
  /** The registry's origin, e.g. https://ghcr.io. */
  registryUrl: string;
}

export type StorageRecordResult = { ids: number[] } | { skipped: string };

export async function createStorageRecord(
  api: GitHubApi,
  target: StoreTarget,
  artifact: StoredArtifact,
  warn: (m: string) => void,
): Promise<StorageRecordResult> {
  const owner = encodeURIComponent(target.owner);
  try {
    const repo = await api.request<{ owner?: { type?: unknown } }>(
      'GET',
      `/repos/${owner}/${encodeURIComponent(target.repo)}`,
    );
    if (repo.owner?.type !== 'Organization')
      return {
        skipped: `${target.owner} is not an organization (storage records exist for organizations only)`,
      };
    const body = { name: artifact.name, digest: artifact.digest, registry_url: artifact.registryUrl };
    const res = await api.request<{ storage_records?: { id?: unknown }[] }>(
      'POST',
      `/orgs/${owner}/artifacts/metadata/storage-record`,
      Buffer.from(JSON.stringify(body)),
    );
    const ids = (res.storage_records ?? []).flatMap((r) => (typeof r.id === 'number' ? [r.id] : []));
    if (!ids.length) warn('the storage record request succeeded but GitHub created no storage record');
    return { ids };
  } catch (err) {
    const why =
      err instanceof GitHubApiError && err.status === 403 && !err.rateLimited
        ? `HTTP 403${err.apiMessage ? ` "${err.apiMessage}"` : ''}`
        : (err as Error).message;
    warn(
      `no storage record for ${artifact.name}@${artifact.digest} (${why}): add \`${ARTIFACT_METADATA_PERMISSION}\` to the job's ` +
        "permissions to have it on the organization's linked artifacts page. The attestations are not affected",
    );
    return { skipped: why };
  }
}
