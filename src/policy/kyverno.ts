// Kyverno policies for the identity that signed. Field names are those of Kyverno v1.19.0:
// ClusterPolicy from api/kyverno/v1/image_verification_types.go and
// config/crds/kyverno/kyverno.io_clusterpolicies.yaml; ImageValidatingPolicy from
// config/crds/policies.kyverno.io/policies.kyverno.io_imagevalidatingpolicies.yaml (version v1;
// the Go types live in github.com/kyverno/api). Behaviour cited from the engine sources named below.
import type { IdentityPolicy } from './identity.js';
import {
  GITHUB_WORKFLOW_BUILD_TYPE,
  PUBLIC_REKOR_URL,
  chainPem,
  header,
  kyvernoImageNames,
  ownerRepo,
  predicateInfos,
  resourceName,
  sourceRepositoryUrl,
  tagAndDigestGlobs,
  target,
  trimSlash,
  yamlText,
  type GeneratedPolicy,
  type PolicyInput,
  type PredicateInfo,
  type Target,
} from './consumers.js';

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
    ctlog: { ignoreSCT: true, ...(s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}) },
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
        failureAction: 'Enforce',
        mutateDigest: true,
        verifyDigest: true,
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
  const keyless: Obj = {
    issuer: literalIssuer(i.policy),
    subjectRegExp: i.policy.subjectRegExp,
    ...cpolTransparency(i),
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
        '(sigstore.go getTrustedMaterial ignores roots and rekor.pubkey): start Kyverno with --tufMirror/--tufRoot ' +
        'of your Sigstore.',
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

/** A CEL string literal (single-quoted; backslash and quote escaped). */
function cel(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** IVP image patterns: the raw Pod spellings (validations) and Kyverno's normalised ones (mutateDigest). */
function ivpImageReferences(t: Target): Obj[] {
  // pkg/image/verification/evaluator/policy.go matches the image string of the Pod spec as written
  // for validations and ImageInfo.String() for mutateDigest, with gobwas/glob (no separators: `*`
  // also crosses `/`). So: the bare name (implicit latest) and any tag or digest of each spelling.
  const names = kyvernoImageNames(t);
  if (t.hub) names.push(t.repository); // `library/nginx` and `acme/app` as written in a Pod
  const refs: Obj[] = names.flatMap((n) => [n, `${n}:*`, `${n}@*`]).map((glob) => ({ glob }));
  if (t.hub && t.repository.startsWith('library/')) {
    // `nginx`, `nginx:1`, `nginx@sha256:…`. A glob `nginx:*` would also match `nginx:5000/x`,
    // an image of the registry host nginx:5000; the RE2 (CEL matches) allows no `/` after it.
    const short = t.repository.slice('library/'.length).replace(/\./g, '\\.');
    refs.push({ expression: `ref.matches(${cel(`^${short}(:[^/@]+)?(@[^/]+)?$`)})` });
  }
  return refs;
}

function ivpCondition(p: PredicateInfo, policy: IdentityPolicy): string | undefined {
  // extractPayload returns the verified in-toto statement (pkg/cel/libs/imageverify/lib.go).
  const at = (path: string): string => `extractPayload(image, attestations.${p.name}).predicate.${path}`;
  const repo = sourceRepositoryUrl(policy);
  switch (p.kind) {
    case 'slsa-v1':
      return [
        `${at('buildDefinition.buildType')} == ${cel(GITHUB_WORKFLOW_BUILD_TYPE)}`,
        ...(repo ? [`${at('buildDefinition.externalParameters.workflow.repository')} == ${cel(repo)}`] : []),
      ].join(' && ');
    case 'slsa-v0.2':
      return `${at('buildType')} == ${cel(GITHUB_WORKFLOW_BUILD_TYPE)}`;
    case 'spdx':
      return `${at('SPDXID')} == 'SPDXRef-DOCUMENT'`;
    case 'cyclonedx':
      return `${at('bomFormat')} == 'CycloneDX'`;
    case 'custom':
      return undefined;
  }
}

export function kyvernoImageValidatingPolicy(i: PolicyInput): GeneratedPolicy {
  const t = target(i);
  const preds = predicateInfos(i.predicateTypes);
  const notes = [
    'The policy matches Pods; Kyverno auto-generates its variants for Pod controllers (spec.autogen, on by default).',
    `matchImageReferences cover ${t.name} only (no tag, any tag, any digest), in every spelling a Pod may use` +
      (t.hub ? ' (Docker Hub: with and without docker.io/, index.docker.io/ and library/)' : '') +
      ': other images are not governed by this policy.',
  ];
  const cosign: Obj = {
    keyless: {
      // Both issuer and subject in the one identity: in 1.19 an identity missing either is dropped
      // and the check falls back to the digest alone; bundle verification takes one identity only
      // (cosign pkg/cosign/verify.go verificationOptions refuses more).
      identities: [{ issuer: i.policy.issuer, subjectRegExp: i.policy.subjectRegExp }],
    },
  };
  if (i.sigstore.kind === 'public-good') {
    cosign.ctlog = { url: PUBLIC_REKOR_URL };
  } else {
    const s = i.sigstore;
    // opts.go checkOptions: keyless.roots -> RootCerts (legacy signatures); ctlog -> Rekor client,
    // Rekor key, SCT and TSA settings; trustedRoot -> TrustedMaterial (bundles).
    (cosign.keyless as Obj).roots = chainPem(s.fulcioChainPem);
    cosign.ctlog = {
      ...(s.rekorUrl
        ? { url: trimSlash(s.rekorUrl), ...(s.rekorPublicKeyPem ? { rekorPubKey: s.rekorPublicKeyPem } : {}) }
        : { insecureIgnoreTlog: true }),
      insecureIgnoreSCT: true,
      ...(s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}),
    };
    if (s.rekorUrl && !s.rekorPublicKeyPem) {
      notes.push(
        'No Rekor public key was given: Kyverno will check Rekor entries against the public-good keys and fail.',
      );
    }
    if (s.trustedRootJson) {
      cosign.trustedRoot = { value: s.trustedRootJson };
      notes.push(
        'Private Sigstore: its trusted_root.json is inlined as trustedRoot, which bundle verification uses.',
      );
    } else {
      notes.push(
        'Private Sigstore: no trusted_root.json was given, so bundles are verified against the public-good ' +
          'trusted root and will fail; add attestors[0].cosign.trustedRoot.value with your trusted_root.json.',
      );
    }
    notes.push(
      'Kyverno still initialises its TUF client for keyless attestors: it must reach its TUF mirror.',
    );
  }
  if (i.policy.reusableWorkflow) {
    notes.push(
      'The signer is a reusable workflow: ImageValidatingPolicy ignores keyless.additionalExtensions ' +
        '(opts.go passes only identities), so every repository that can call the workflow passes.',
    );
  }
  const images = '(images.containers + images.initContainers + images.ephemeralContainers)';
  const validations: Obj[] = [
    {
      expression: `${images}.all(image, verifyImageSignatures(image, [attestors.sigstamp]) > 0)`,
      message: `image of ${t.name} is not signed by the sigstamp identity`,
    },
    ...preds.map((p) => {
      const cond = ivpCondition(p, i.policy);
      const verified = `verifyAttestationSignatures(image, attestations.${p.name}, [attestors.sigstamp]) > 0`;
      return {
        expression: `${images}.all(image, ${cond ? `${verified} && ${cond}` : verified})`,
        message: `image of ${t.name} lacks a valid ${p.type} attestation from the sigstamp identity`,
      };
    }),
  ];
  const doc = {
    apiVersion: 'policies.kyverno.io/v1',
    kind: 'ImageValidatingPolicy',
    metadata: { name: resourceName(t, '') },
    spec: {
      webhookConfiguration: { timeoutSeconds: 30 },
      failurePolicy: 'Fail',
      validationActions: ['Deny'],
      matchConstraints: {
        resourceRules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
        ],
      },
      matchImageReferences: ivpImageReferences(t),
      ...(i.insecureRegistry ? { credentials: { allowInsecureRegistry: true } } : {}),
      validationConfigurations: { mutateDigest: true, verifyDigest: true, required: true },
      attestors: [{ name: 'sigstamp', cosign }],
      // A cosign attestor verifies `intoto` attestations only (ivpol/cosign/verifier.go).
      ...(preds.length > 0
        ? { attestations: preds.map((p) => ({ name: p.name, intoto: { type: p.type } })) }
        : {}),
      validations,
    },
  };
  notes.push(
    'ImageValidatingPolicy reads bundle referrers once one exists, else the legacy tags (cosign v3 behaviour).',
  );
  return {
    consumer: 'kyverno-imagevalidatingpolicy',
    filename: 'kyverno-imagevalidatingpolicy.yaml',
    text: yamlText(header(i, t, 'Kyverno ImageValidatingPolicy (policies.kyverno.io/v1)'), doc),
    notes,
  };
}
