import type { Transport } from '../http/transport.js';
import type { Logger } from '../log.js';
import { isLoopbackRegistry } from '../oci/reference.js';
import type { Options } from '../options.js';
import type { SignedStatement } from '../sigstore/sign.js';
import { uploadToStore, type NotStored, type StoredAttestation } from './attestation-store.js';
import { GitHubApi } from './rest.js';
import { createStorageRecord } from './storage-record.js';

/**
 * The attestation-store stage of a run: after every bundle is in the registry and verified there,
 * the same bundles go to the repository's attestation store, and the storage record names where the
 * image is. The registry copy is the primary one: what the store refused for want of a permission
 * (403) or for size is a warning; anything else that left the store without this run's bundles
 * fails the run after the report is written (StoreIncompleteError), because a green job must mean
 * everything asked for is in place — re-running the job uploads them again.
 */

export interface StoreReport {
  repository: string;
  stored: StoredAttestation[];
  notStored: NotStored[];
  storageRecordIds: number[];
  /** Whether the registry copy was read back and verified (verify: true) before the upload. */
  registryVerified: boolean;
}

export class StoreIncompleteError extends Error {
  constructor(report: StoreReport) {
    const failed = report.notStored.filter((n) => n.reason === 'failed');
    super(
      `the attestation store of ${report.repository} did not receive ${failed.length} bundle(s): ` +
        failed.map((f) => f.predicateType).join(', ') +
        ` (${failed[0]?.detail ?? ''}). Everything is published${report.registryVerified ? ' and verified' : ''} in the registry; ` +
        're-run the job to upload them, ' +
        'or set push-to-attestation-store: false to rely on the registry alone',
    );
    this.name = 'StoreIncompleteError';
  }
}

/** Why the run must not end green, if the store stage left it incomplete. */
export function storeFailure(report: StoreReport | undefined): StoreIncompleteError | undefined {
  return report?.notStored.some((n) => n.reason === 'failed') ? new StoreIncompleteError(report) : undefined;
}

export async function storeForRun(
  opts: Options,
  signed: SignedStatement[],
  subjectDigest: string,
  ctx: { transport: Transport; logger: Logger; warn: (m: string) => void },
): Promise<StoreReport | undefined> {
  const cfg = opts.attestationStore;
  if (!cfg) return undefined;
  const api = new GitHubApi({
    apiUrl: cfg.apiUrl,
    token: cfg.token,
    transport: ctx.transport,
    log: ctx.logger.debug,
  });
  const target = { owner: cfg.owner, repo: cfg.repo, serverUrl: cfg.serverUrl };
  const upload = await uploadToStore(
    api,
    target,
    signed.map((s) => ({ predicateType: s.statement.predicateType, bundleJson: s.bundleJson })),
    ctx.warn,
  );
  for (const s of upload.stored) ctx.logger.info(`attestation store: ${s.predicateType} → ${s.url}`);
  const { registry, repository } = opts.image;
  const plain = isLoopbackRegistry(registry) || opts.insecureRegistries.includes(registry);
  // A store that just failed through its retries would fail the record too, a minute later.
  const storeDown = upload.notStored.some((n) => n.reason === 'failed');
  const record = storeDown
    ? { skipped: 'the attestation store failed' }
    : await createStorageRecord(
        api,
        target,
        {
          name: `${registry}/${repository}`,
          digest: subjectDigest,
          registryUrl: `${plain ? 'http' : 'https'}://${registry}`,
        },
        ctx.warn,
      );
  if ('skipped' in record) ctx.logger.info(`storage record: skipped (${record.skipped})`);
  return {
    repository: `${cfg.owner}/${cfg.repo}`,
    ...upload,
    storageRecordIds: 'ids' in record ? record.ids : [],
    registryVerified: opts.verify,
  };
}
