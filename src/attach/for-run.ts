import type { Logger } from '../log.js';
import type { Repository } from '../oci/client.js';
import { listReferrers } from '../oci/referrers.js';
import type { SettleQueue } from '../oci/shared-tag.js';
import type { Descriptor } from '../oci/types.js';
import type { Options } from '../options.js';
import type { RunCertificate, RunSignatures } from '../sigstore/for-run.js';
import { attachmentTargets, type AttachedStatement } from '../statements.js';
import { BUNDLE_ARTIFACT_TYPE } from './bundle-referrer.js';
import { COSIGN_SIGN_PREDICATE, publish, type PublishResult } from './publish.js';
import { IMAGE_SIGNATURE, supersedeRule } from './supersede.js';

/** Step 6 of the pipeline as a run does it: what gets attached where, and what to warn about. */

/** storage: legacy next to existing bundles: cosign v3 would never look at what this run writes. */
export async function warnForeignBundles(
  repo: Repository,
  digest: string,
  warn: (m: string) => void,
): Promise<void> {
  const { referrers } = await listReferrers(repo, digest, BUNDLE_ARTIFACT_TYPE);
  if (referrers.length) {
    warn(
      `${repo}@${digest} already has ${referrers.length} Sigstore bundle referrer(s) (e.g. from actions/attest): cosign v3 then ` +
        'reads only bundles and ignores the legacy .sig/.att tags written with storage: legacy, so `cosign verify` v3 will not ' +
        'see this signature. Use storage: both to reach every verifier',
    );
  }
}

export interface RunPublication {
  opts: Options;
  repo: Repository;
  settle: SettleQueue;
  certificate: RunCertificate;
  targets: Descriptor[];
  statements: AttachedStatement[];
  signed: RunSignatures;
  logger: Logger;
  warn: (m: string) => void;
}

export async function publishForRun(p: RunPublication): Promise<PublishResult> {
  // An earlier attempt's entries are replaced only for the types this attempt signs again.
  const typesSigned = new Set([
    ...(p.opts.sign ? [IMAGE_SIGNATURE, COSIGN_SIGN_PREDICATE] : []),
    ...p.statements.map((s) => s.statement.predicateType),
  ]);
  const published = await publish({
    settle: p.settle,
    repo: p.repo,
    storage: p.opts.storage,
    chain: p.certificate.chain,
    signatures: attachmentTargets(p.targets, p.statements).map(
      (target) => p.signed.signatures.find((s) => s.target.digest === target.digest) ?? { target },
    ),
    attestations: p.signed.attestations,
    supersede: supersedeRule(p.certificate.identity, typesSigned),
    logger: p.logger,
  });
  if (published.fallbackTagUsed) {
    p.warn(
      `${p.repo.registry} has no OCI referrers API: bundles are listed in the fallback tag sha256-<hex> (what cosign v3 and oras read there)`,
    );
  }
  if (published.replaced)
    p.logger.info(`replaced ${published.replaced} entr(ies) of an earlier attempt of this workflow run`);
  return published;
}
