// Kyverno's ImageValidatingPolicy (policies.kyverno.io/v1, Kyverno v1.19.1:
// config/crds/policies.kyverno.io/policies.kyverno.io_imagevalidatingpolicies.yaml; the Go types live
// in github.com/kyverno/api) for the identity that signed: CEL validations over every attestation.
import type { IdentityPolicy } from './identity.js';
import {
  GITHUB_WORKFLOW_BUILD_TYPE,
  PUBLIC_REKOR_URL,
  kyvernoImageNames,
  predicateInfos,
  resourceName,
  sourceRepositoryUrl,
  target,
  type GeneratedPolicy,
  type PolicyInput,
  type PredicateInfo,
  type Target,
} from './input.js';
import { chainPem, header, trimSlash, yamlText } from './render.js';

type Obj = Record<string, unknown>;

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
      // Only when this run was timestamped: tsaCertChain makes a signed timestamp mandatory.
      ...(s.tsaUrl && s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}),
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
    if (s.tuf) {
      // opts.go initTUFAndFetch: keyless attestors initialise TUF (mirror + root) before anything
      // else, even with the inline trustedRoot; without `tuf` that is the public-good mirror.
      cosign.tuf = { mirror: s.tuf.mirror, root: { data: Buffer.from(s.tuf.rootJson).toString('base64') } };
      notes.push(
        `Kyverno initialises its TUF client from ${s.tuf.mirror} (root.json pinned inline as tuf.root.data): ` +
          (s.instance === 'github'
            ? 'GitHub serves and re-signs that repository; the cluster must reach it (or a mirror of it: sigstamp tuf-repo).'
            : 'keep that repository served and re-sign it (sigstamp tuf-repo) before its metadata expires.'),
      );
    } else {
      notes.push(
        'NOT READY: Kyverno initialises a TUF client for keyless attestors even with the inline trustedRoot, and ' +
          'without tuf.mirror that is the public-good mirror, which does not know this Sigstore. Write a TUF ' +
          'repository for it (`sigstamp tuf-repo --trusted-root trusted_root.json --out tuf`), serve the directory, ' +
          'and give sigstamp tuf-mirror (its URL) and tuf-root (tuf/root.json) so this policy carries both.',
      );
    }
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
      // Audit records a policy report, Warn tells the user who applied the Pod; neither denies.
      validationActions: i.action === 'audit' ? ['Audit', 'Warn'] : ['Deny'],
      matchConstraints: {
        resourceRules: [
          { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
        ],
      },
      matchImageReferences: ivpImageReferences(t),
      ...(i.insecureRegistry ? { credentials: { allowInsecureRegistry: true } } : {}),
      // Audit changes nothing in the Pods it reports on (no digest pinning), as ClusterPolicy must.
      validationConfigurations:
        i.action === 'audit'
          ? { mutateDigest: false, verifyDigest: false, required: true }
          : { mutateDigest: true, verifyDigest: true, required: true },
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
