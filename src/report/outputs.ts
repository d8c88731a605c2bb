import type { OutputName } from '../inputs.js';
import { policyFor } from '../policy/signing-identity.js';
import type { RunResult } from '../run-result.js';

/** The Action's outputs (and the CLI's --json), from a run's result. Lists are newline-separated. */
export function actionOutputs(result: RunResult): Record<OutputName, string> {
  const s = result.signing;
  const locations = s?.published.locations ?? [];
  const isSignature = (l: (typeof locations)[number]) =>
    l.artifact.format === 'legacy-sig' || l.artifact.predicateType === 'https://sigstore.dev/cosign/sign/v1';
  const policy = s ? policyFor(s.identity).policy : undefined;
  return {
    digest: result.subject.descriptor.digest,
    'signature-refs': [...new Set(locations.filter(isSignature).map((l) => l.ref))].join('\n'),
    'attestation-refs': [...new Set(locations.filter((l) => !isSignature(l)).map((l) => l.ref))].join('\n'),
    'bundle-paths': (s?.files.bundles ?? []).join('\n'),
    'provenance-path': s?.files.provenance ?? '',
    'sbom-spdx-path': (s?.sboms.files.spdx ?? []).join('\n'),
    'sbom-cyclonedx-path': (s?.sboms.files.cyclonedx ?? []).join('\n'),
    subject: s?.identity.san ?? '',
    'subject-regex': policy?.subjectRegExp ?? '',
    issuer: s?.identity.issuer ?? '',
    'rekor-log-indexes': (s?.rekorLogIndexes ?? []).join('\n'),
    'kyverno-policy-path': kyvernoPolicyPath(result),
    'policy-paths': (s?.files.policies ?? []).join('\n'),
    'attestation-ids': (s?.store?.stored ?? []).map((a) => a.id).join('\n'),
    'attestation-urls': (s?.store?.stored ?? []).map((a) => a.url).join('\n'),
    'storage-record-ids': (s?.store?.storageRecordIds ?? []).join('\n'),
  };
}

function kyvernoPolicyPath(result: RunResult): string {
  const s = result.signing;
  if (!s) return '';
  const preferred =
    s.policies.policies.find((p) => p.filename.includes('cosign')) ??
    s.policies.policies.find((p) => p.consumer.toLowerCase().includes('kyverno'));
  return preferred ? (s.files.policies.find((f) => f.endsWith(`/${preferred.filename}`)) ?? '') : '';
}
