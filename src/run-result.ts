import type { PublishResult } from './attach/publish.js';
import type { StoreReport } from './github/for-run.js';
import type { ReferrerList } from './oci/referrers.js';
import type { RunPolicies } from './policy/for-run.js';
import type { OutputFiles } from './report/files.js';
import type { SbomRun } from './sbom/for-run.js';
import type { CertificateIdentity } from './sigstore/certificate.js';
import type { Subject } from './subject.js';
import type { VerifiedArtifact } from './verify/published.js';

/** What run() returns: what the job summary, the Action's outputs and the CLI report read. */

export interface SigningReport {
  identity: CertificateIdentity;
  /** Which Sigstore signed and why, in one line (e.g. GitHub's instance: the repository is private). */
  sigstore: string;
  certificateRequests: number;
  rekorLogIndexes: string[];
  published: PublishResult;
  verified: VerifiedArtifact[];
  files: OutputFiles;
  policies: RunPolicies;
  sboms: SbomRun;
  /** The attestation store stage, when push-to-attestation-store is on. */
  store?: StoreReport;
}

export interface RunResult {
  subject: Subject;
  referrers: ReferrerList;
  signing?: SigningReport;
  warnings: string[];
}
