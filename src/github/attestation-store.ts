import { GitHubApiError, type GitHubApi } from './rest.js';

/**
 * The repository's attestation store (`POST /repos/{owner}/{repo}/attestations`), written as
 * @actions/attest's writeAttestation writes it: the body is `{"bundle": <the bundle JSON>}` and the
 * answer `{"id": …}`; the attestation's page is `{server}/{owner}/{repo}/attestations/{id}` (what
 * actions/attest prints and sets as attestation-url). The registry holds every bundle first; what
 * the store refuses is reported, never silently dropped.
 */

/** GitHub's limit for what the store takes (actions/attest: "cannot exceed 16MB"; 16 MiB). */
export const STORE_MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
export const ATTESTATIONS_PERMISSION = 'attestations: write';

export interface StoreTarget {
  owner: string;
  repo: string;
  /** e.g. https://github.com: where the attestation pages are. */
  serverUrl: string;
}

export interface BundleToStore {
  predicateType: string;
  /** The bundle exactly as published to the registry and written to output-dir. */
  bundleJson: string;
}

export interface StoredAttestation {
  predicateType: string;
  id: string;
  url: string;
}

export type NotStoredReason = 'too-large' | 'forbidden' | 'failed';

export interface NotStored {
  predicateType: string;
  reason: NotStoredReason;
  detail: string;
}

export interface StoreUpload {
  stored: StoredAttestation[];
  notStored: NotStored[];
}

export function attestationUrl(t: StoreTarget, id: string): string {
  return `${t.serverUrl.replace(/\/+$/, '')}/${t.owner}/${t.repo}/attestations/${id}`;
}

/** The request body, byte for byte what Octokit sends for `{ bundle }`: the bundle's JSON is embedded as it is. */
export function storeRequestBody(bundleJson: string): Buffer {
  return Buffer.from(`{"bundle":${bundleJson}}`);
}

/**
 * Uploads each bundle in turn. A 403 that is no rate limit means the token lacks
 * `attestations: write`: nothing more is sent (every upload would be refused the same way) and ONE
 * warning names the permission. A bundle over the store's limit is skipped with a warning. Any other
 * failure (after the retries) stops the uploads too; the caller decides what that means for the run.
 */
export async function uploadToStore(
  api: GitHubApi,
  target: StoreTarget,
  bundles: BundleToStore[],
  warn: (m: string) => void,
): Promise<StoreUpload> {
  const out: StoreUpload = { stored: [], notStored: [] };
  const path = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/attestations`;
  let stop: { reason: NotStoredReason; detail: string } | undefined;
  let forbidden: GitHubApiError | undefined;
  for (const b of bundles) {
    if (stop) {
      out.notStored.push({ predicateType: b.predicateType, ...stop });
      continue;
    }
    const size = Buffer.byteLength(b.bundleJson);
    if (size > STORE_MAX_BUNDLE_BYTES) {
      const detail = `${size} bytes, over the store's ${STORE_MAX_BUNDLE_BYTES}-byte limit`;
      out.notStored.push({ predicateType: b.predicateType, reason: 'too-large', detail });
      warn(
        `the ${b.predicateType} bundle was not uploaded to the attestation store of ${target.owner}/${target.repo}: ${detail}. ` +
          'It is in the registry; reduce the predicate to have it in the store too',
      );
      continue;
    }
    try {
      const res = await api.request<{ id?: unknown }>('POST', path, storeRequestBody(b.bundleJson));
      if (typeof res.id !== 'number' && typeof res.id !== 'string')
        throw new Error(`POST ${path}: the answer carries no attestation id`);
      const id = String(res.id);
      out.stored.push({ predicateType: b.predicateType, id, url: attestationUrl(target, id) });
    } catch (err) {
      if (err instanceof GitHubApiError && err.status === 403 && !err.rateLimited) {
        forbidden = err;
        stop = { reason: 'forbidden', detail: `HTTP 403: the token lacks ${ATTESTATIONS_PERMISSION}` };
      } else {
        stop = { reason: 'failed', detail: (err as Error).message };
      }
      out.notStored.push({ predicateType: b.predicateType, ...stop });
    }
  }
  if (forbidden) {
    const n = out.notStored.filter((n) => n.reason === 'forbidden').length;
    warn(
      `the attestation store of ${target.owner}/${target.repo} refused the upload (HTTP 403${forbidden.apiMessage ? ` "${forbidden.apiMessage}"` : ''}): ` +
        `${n} of ${bundles.length} bundle(s) are in the registry only. Add \`${ATTESTATIONS_PERMISSION}\` to the job's permissions ` +
        '(and give github-token a token that has it), or set push-to-attestation-store: false',
    );
  }
  return out;
}
