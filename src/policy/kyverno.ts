// Kyverno ClusterPolicies for the identity that signed (type Cosign and SigstoreBundle). Field names
// are those of Kyverno v1.19.1: api/kyverno/v1/image_verification_types.go and
// config/crds/kyverno/kyverno.io_clusterpolicies.yaml; the ImageValidatingPolicy is in
// kyverno-ivp.ts. Behaviour cited from the engine sources named below.
import type { IdentityPolicy } from './identity.js';
import {
  GITHUB_WORKFLOW_BUILD_TYPE,
  PUBLIC_REKOR_URL,
  kyvernoImageNames,
  ownerRepo,
  predicateInfos,
  resourceName,
  sourceRepositoryUrl,
  tagAndDigestGlobs,
  target,
  type GeneratedPolicy,
  type PolicyInput,
  type PredicateInfo,
  type Target,
} from './input.js';
import { chainPem, header, trimSlash, yamlText } from './render.js';

type Obj = Record<string, unknown>;

/**
 * Kyverno compares `issuer` with go-wildcard (pkg/image/verifiers/cpol/cosign/cosign.go
 * matchExtensions), which has no escape: a `*` or `?` in an issuer would be a wildcard.
 */
function literalIssuer(p: IdentityPolicy): string {
  if (/[*?]/.test(p.issuer)) throw new Error(`issuer ${p.issuer} contains * or ?, a wildcard to Kyverno`);
  return p.issuer;
}

/** Rekor and CT settings of a ClusterPolicy keyless attestor (KeylessAttestor.Rekor / .CTLog). */
function cpolTransparency(i: PolicyInput): Obj {
  if (i.sigstore.kind === 'public-good') {
    // KeylessAttestor.Validate requires a Rekor URL or roots; the CT log keys come from TUF.
    return { rekor: { url: PUBLIC_REKOR_URL } };
  }
  const s = i.sigstore;
  const out: Obj = {
    // Fulcio chain of the private Sigstore (cosign.go buildCosignOptions: opts.Roots -> RootCerts).
    roots: chainPem(s.fulcioChainPem),
    // A private Fulcio without a CT log issues no SCT (ctlog: false): verifying one would fail.
    // tsaCertChain only when this run was timestamped: it makes a signed timestamp mandatory.
    ctlog: { ignoreSCT: true, ...(s.tsaUrl && s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}) },
  };
  out.rekor = s.rekorUrl
    ? { url: trimSlash(s.rekorUrl), ...(s.rekorPublicKeyPem ? { pubkey: s.rekorPublicKeyPem } : {}) }
    : // Signed without Rekor: KeylessAttestor.Validate still demands a non-empty URL, which
      // buildCosignOptions never uses once ignoreTlog is set.
      { url: PUBLIC_REKOR_URL, ignoreTlog: true };
  return out;
}

/** The conditions worth checking inside a predicate, as Kyverno JMESPath over the predicate. */
function cpolConditions(p: PredicateInfo, policy: IdentityPolicy): Obj[] | undefined {
  // pkg/engine/internal/utils.go EvaluateConditions adds statement.predicate to the context, so
  // keys are paths inside the predicate.
  const all: Obj[] = [];
  const eq = (key: string, value: string): void => {
    all.push({ key: `{{ ${key} }}`, operator: 'Equals', value });
  };
  const repo = sourceRepositoryUrl(policy);
  switch (p.kind) {
    case 'slsa-v1':
      eq('buildDefinition.buildType', GITHUB_WORKFLOW_BUILD_TYPE);
      // The repository whose workflow ran, as sigstamp (and actions/attest) record it from the
      // certificate: ties the provenance to the source, not only to the signer.
      if (repo) eq('buildDefinition.externalParameters.workflow.repository', repo);
      break;
    case 'slsa-v0.2':
      eq('buildType', GITHUB_WORKFLOW_BUILD_TYPE);
      break;
    case 'spdx':
      eq('SPDXID', 'SPDXRef-DOCUMENT'); // mandatory document id in SPDX 2.x
      break;
    case 'cyclonedx':
      eq('bomFormat', 'CycloneDX');
      break;
    case 'custom':
      return undefined;
  }
  return [{ all }];
}

function cpolRule(i: PolicyInput, t: Target, type: 'Cosign' | 'SigstoreBundle', keyless: Obj): Obj {
  const attestors = [{ entries: [{ keyless }] }];
  return {
    name: 'verify-image',
    // Pods only: Kyverno's auto-gen (pkg/autogen/v1/autogen.go CanAutoGen) copies a Pod rule to
    // Deployments, StatefulSets, Jobs, CronJobs… as long as it names no resource or selector.
    match: { any: [{ resources: { kinds: ['Pod'] } }] },
    verifyImages: [
      {
        type,
        imageReferences: tagAndDigestGlobs(kyvernoImageNames(t)),
        // Per-rule failure action (ImageVerification.FailureAction); spec.validationFailureAction
        // is deprecated in v1.19.
        failureAction: i.action === 'audit' ? 'Audit' : 'Enforce',
        // Kyverno refuses mutateDigest with Audit ("mutateDigest must be set to false for 'Audit'
        // failure action"); an audit that does not pin tags would report every tag as undigested,
        // so audit checks signatures only.
        ...(i.action === 'audit'
          ? { mutateDigest: false, verifyDigest: false }
          : { mutateDigest: true, verifyDigest: true }),
        required: true,
        ...(i.insecureRegistry ? { imageRegistryCredentials: { allowInsecureRegistry: true } } : {}),
        attestors,
        // Every attestation carries the attestor: one without attestors is checked with an empty
        // one, i.e. no identity at all (pkg/engine/internal/imageverifier.go verifyAttestations).
        ...(i.predicateTypes.length > 0
          ? {
              attestations: predicateInfos(i.predicateTypes).map((p) => {
                const conditions = cpolConditions(p, i.policy);
                return { type: p.type, attestors, ...(conditions ? { conditions } : {}) };
              }),
            }
          : {}),
      },
    ],
  };
}

function clusterPolicy(i: PolicyInput, t: Target, name: string, title: string, rule: Obj): Obj {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name,
      annotations: {
        'policies.kyverno.io/title': title,
        'policies.kyverno.io/description':
          `Images of ${t.name} must be signed${i.predicateTypes.length > 0 ? ', and attested,' : ''} by a ` +
          `certificate of issuer ${i.policy.issuer} whose subject matches ${i.policy.subjectRegExp}.`,
      },
    },
    spec: {
      // As Kyverno's own verify-images conformance policies: verification happens at admission.
      background: false,
      // Image verification fetches from registries and Rekor: the 10 s default is short.
      webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
      rules: [rule],
    },
  };
}

function commonNotes(t: Target): string[] {
  const notes = [
    'The rule matches Pods; Kyverno auto-generates the same rule for Deployments, StatefulSets, DaemonSets, ' +
      'Jobs, CronJobs and ReplicaSets (auto-gen rules), so a workload is refused before its Pods are created.',
    `imageReferences cover ${t.name} only (any tag, any digest): other images are not governed by this policy.`,
  ];
  if (t.hub) {
    notes.push(
      'Docker Hub: Kyverno names an image as written plus `docker.io/`, without adding `library/`, so every ' +
        'spelling (docker.io/…, index.docker.io/…, with and without library/) is listed. With ' +
        'enableDefaultRegistryMutation: false, also add the spellings without a registry.',
    );
  }
  return notes;
}

export function kyvernoClusterPolicyCosign(i: PolicyInput): GeneratedPolicy {
  const t = target(i);
  const keyless: Obj = {
    // `subject` (go-wildcard glob over the whole SAN), NOT subjectRegExp: the two are OR'ed
    // (cosign.go matchCertificateData) and Kyverno ≤ 1.13.5 skipped the identity check when only
    // subjectRegExp was set.
    subject: i.policy.kyvernoGlob,
    issuer: literalIssuer(i.policy),
    ...cpolTransparency(i),
  };
  const notes = commonNotes(t);
  const caller = i.policy.callerRepository ? ownerRepo(i.policy.callerRepository) : undefined;
  if (i.policy.reusableWorkflow) {
    if (caller) {
      // Fulcio extension 1.3.6.1.4.1.57264.1.5 (`repository` claim, owner/repo), read by
      // extractCertExtensionValue under cosign's name githubWorkflowRepository.
      keyless.additionalExtensions = { githubWorkflowRepository: caller };
      notes.push(
        `The signer is a reusable workflow: additionalExtensions.githubWorkflowRepository pins the calling ` +
          `repository ${caller}, so other repositories calling the same workflow are refused.`,
      );
    } else {
      notes.push(
        'The signer is a reusable workflow and the calling repository is unknown: every repository that can call ' +
          'it passes. Add additionalExtensions.githubWorkflowRepository: <owner>/<repo> to pin the caller.',
      );
    }
  }
  notes.push('type: Cosign reads only the legacy .sig/.att tags (cosign v2 layout).');
  if (i.sigstore.kind === 'custom') {
    notes.push(
      'Private Sigstore: keyless.roots holds its Fulcio chain, rekor.pubkey its Rekor key; ctlog.ignoreSCT is set ' +
        'because its Fulcio has no CT log.',
    );
    if (i.sigstore.rekorUrl && !i.sigstore.rekorPublicKeyPem) {
      notes.push(
        'No Rekor public key was given: Kyverno will check Rekor entries against the public-good keys and fail.',
      );
    }
  }
  return {
    consumer: 'kyverno-clusterpolicy-cosign',
    filename: 'kyverno-clusterpolicy-cosign.yaml',
    text: yamlText(
      header(i, t, 'Kyverno ClusterPolicy (type: Cosign)'),
      clusterPolicy(
        i,
        t,
        resourceName(t, 'cosign'),
        'Verify sigstamp signatures (cosign legacy tags)',
        cpolRule(i, t, 'Cosign', keyless),
      ),
    ),
    notes,
  };
}

export function kyvernoClusterPolicyBundle(i: PolicyInput): GeneratedPolicy {
  const t = target(i);
  // SigstoreBundle builds a sigstore-go identity only when issuer AND subject are both set, and
  // otherwise checks the digest alone (pkg/image/verifiers/cpol/cosign/sigstore.go buildPolicy).
  // In bundle mode `ignoreSCT` checks no SCT at all: sigstore.go buildVerifyOptions maps !ignoreSCT
  // to WithObserverTimestamps(1) and never asks for SCTs. With ignoreSCT and a tlog the verifier gets
  // no timestamp option, and sigstore-go refuses every bundle ("you must specify at least one of
  // WithObserverTimestamps()…", measured with Kyverno v1.19.1). Left unset, the Rekor entry's time
  // (or the TSA's) is the observer timestamp, as it should be.
  const transparency = cpolTransparency(i);
  if (transparency.ctlog) {
    const { ignoreSCT: _ignored, ...ctlog } = transparency.ctlog as Obj;
    if (Object.keys(ctlog).length) transparency.ctlog = ctlog;
    else delete transparency.ctlog;
  }
  const keyless: Obj = {
    issuer: literalIssuer(i.policy),
    subjectRegExp: i.policy.subjectRegExp,
    ...transparency,
  };
  const notes = commonNotes(t);
  notes.push(
    'type: SigstoreBundle reads only OCI 1.1 bundle referrers, and fails an image with more than 50 referrers ' +
      'or a bundle layer over 10 MB (sigstore.go fetchBundles).',
  );
  if (i.policy.reusableWorkflow) {
    notes.push(
      'The signer is a reusable workflow: SigstoreBundle cannot check the calling repository (it ignores ' +
        'additionalExtensions), so every repository that can call the workflow passes.',
    );
  }
  if (i.sigstore.kind === 'custom') {
    notes.push(
      'Private Sigstore: SigstoreBundle verifies bundles only against the trusted root of Kyverno’s own TUF ' +
        '(sigstore.go getTrustedMaterial ignores roots and rekor.pubkey): start Kyverno with ' +
        (i.sigstore.tuf
          ? `--tufMirror=${i.sigstore.tuf.mirror} and --tufRoot (your tuf/root.json)`
          : '--tufMirror/--tufRoot of your Sigstore’s TUF repository (`sigstamp tuf-repo`)') +
        '; for the Kyverno CLI, set TUF_ROOT to a cache initialised from it (`cosign initialize --mirror … --root …`, cosign v2).',
    );
  }
  return {
    consumer: 'kyverno-clusterpolicy-sigstorebundle',
    filename: 'kyverno-clusterpolicy-bundle.yaml',
    text: yamlText(
      header(i, t, 'Kyverno ClusterPolicy (type: SigstoreBundle)'),
      clusterPolicy(
        i,
        t,
        resourceName(t, 'bundle'),
        'Verify sigstamp signatures (Sigstore bundles)',
        cpolRule(i, t, 'SigstoreBundle', keyless),
      ),
    ),
    notes,
  };
}
