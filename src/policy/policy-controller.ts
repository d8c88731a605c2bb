// policy-controller (sigstore/policy-controller v0.15) ClusterImagePolicy for the identity that
// signed. Field names from pkg/apis/policy/v1beta1/clusterimagepolicy_types.go and, for a private
// Sigstore, pkg/apis/policy/v1alpha1/trustroot_types.go; behaviour from pkg/webhook/validator.go.
import {
  PUBLIC_FULCIO_URL,
  PUBLIC_REKOR_URL,
  policyControllerImageName,
  predicateInfos,
  resourceName,
  tagAndDigestGlobs,
  target,
  type CustomSigstore,
  type GeneratedPolicy,
  type PolicyInput,
  type Target,
} from './input.js';
import { chainPem, header, rootSubject, trimSlash, yamlText } from './render.js';

type Obj = Record<string, unknown>;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/**
 * The TrustRoot (policy.sigstore.dev/v1alpha1) holding a private Sigstore's keys. Its []byte
 * fields (certChain, publicKey) travel as base64 of the PEM text (Go's JSON encoding of []byte);
 * subject organization and commonName are required (trustroot_validation.go
 * ValidateDistinguishedName). No ctLogs: this Fulcio has no CT log.
 */
function trustRoot(name: string, s: CustomSigstore, notes: string[]): Obj {
  const subject = (pem: string, what: string): Obj => {
    const { organization, commonName } = rootSubject(pem);
    if (!organization || !commonName) {
      notes.push(
        `The ${what} root certificate lacks O= or CN=; the TrustRoot subject was filled with "sigstamp".`,
      );
    }
    return { organization: organization ?? 'sigstamp', commonName: commonName ?? 'sigstamp' };
  };
  const keys: Obj = {
    certificateAuthorities: [
      {
        subject: subject(s.fulcioChainPem, 'Fulcio'),
        uri: trimSlash(s.fulcioUrl),
        certChain: b64(chainPem(s.fulcioChainPem)),
      },
    ],
  };
  if (s.rekorUrl && s.rekorPublicKeyPem) {
    // hashAlgorithm as config/sigstore_keys.go HashStringToHashAlgorithm spells SHA2_256.
    keys.tLogs = [
      { baseURL: trimSlash(s.rekorUrl), hashAlgorithm: 'sha-256', publicKey: b64(s.rekorPublicKeyPem) },
    ];
  }
  if (s.tsaUrl && s.tsaChainPem) {
    keys.timestampAuthorities = [
      {
        subject: subject(s.tsaChainPem, 'TSA'),
        uri: trimSlash(s.tsaUrl),
        certChain: b64(chainPem(s.tsaChainPem)),
      },
    ];
  }
  return {
    apiVersion: 'policy.sigstore.dev/v1alpha1',
    kind: 'TrustRoot',
    metadata: { name },
    spec: { sigstoreKeys: keys },
  };
}

function authority(i: PolicyInput, trustRootName: string | undefined, attestations?: Obj[]): Obj {
  const keyless: Obj = {
    // validator.go ValidatePolicySignaturesForAuthority refuses a keyless authority without a URL
    // ("no Keyless URL specified"); SetDefaults would add the public one.
    url: i.sigstore.kind === 'custom' ? trimSlash(i.sigstore.fulcioUrl) : PUBLIC_FULCIO_URL,
    // Identity.Validate: subject or subjectRegExp, issuer or issuerRegExp, each required.
    identities: [{ issuer: i.policy.issuer, subjectRegExp: i.policy.subjectRegExp }],
  };
  const a: Obj = { name: 'sigstamp', keyless };
  if (i.sigstore.kind === 'public-good') {
    a.ctlog = { url: PUBLIC_REKOR_URL };
  } else {
    const s = i.sigstore;
    keyless.trustRootRef = trustRootName;
    keyless.insecureIgnoreSCT = true; // no CT log behind this Fulcio
    if (s.rekorUrl) {
      // checkOptsFromAuthority: the bundle format requires ctlog.trustRootRef == keyless.trustRootRef.
      a.ctlog = { url: trimSlash(s.rekorUrl), trustRootRef: trustRootName };
    } else if (s.tsaChainPem && s.tsaUrl) {
      // Only without Rekor: an rfc3161timestamp authority makes policy-controller skip the
      // transparency log (checkOptsFromAuthority sets IgnoreTlog), which would weaken a Rekor setup.
      a.rfc3161timestamp = { trustRootRef: trustRootName };
    }
  }
  // Authority.SignatureFormat: "legacy" (default, .sig/.att tags) or "bundle" (OCI referrers).
  if (i.storage === 'referrers') a.signatureFormat = 'bundle';
  if (attestations) a.attestations = attestations;
  return a;
}

function cip(t: Target, name: string, auth: Obj, action: PolicyInput['action']): Obj {
  return {
    apiVersion: 'policy.sigstore.dev/v1beta1',
    kind: 'ClusterImagePolicy',
    metadata: { name },
    spec: {
      // glob.go: `*` is [^/]*, matched against go-containerregistry's normalised name, so
      // `<name>:*` and `<name>@*` cover this repository's tags and digests and nothing else.
      images: tagAndDigestGlobs([policyControllerImageName(t)]).map((glob) => ({ glob })),
      authorities: [auth],
      // warn: admits and returns the failure as an admission warning.
      mode: action === 'audit' ? 'warn' : 'enforce',
    },
  };
}

export function policyControllerClusterImagePolicy(i: PolicyInput): GeneratedPolicy {
  const t = target(i);
  const notes: string[] = [
    'policy-controller only checks namespaces labelled policy.sigstore.dev/include=true.',
    `images cover ${policyControllerImageName(t)} only (any tag, any digest); other images are not governed by these policies.`,
  ];
  if (i.insecureRegistry) {
    notes.push(
      'policy-controller has no per-policy insecure-registry switch; go-containerregistry already uses plain HTTP ' +
        'for localhost, 127.0.0.1 and RFC 1918 hosts (name/registry.go Scheme).',
    );
  }
  const docs: Obj[] = [];
  let trustRootName: string | undefined;
  if (i.sigstore.kind === 'custom') {
    trustRootName = resourceName(t, 'trust-root');
    docs.push(trustRoot(trustRootName, i.sigstore, notes));
    notes.push(
      `Private Sigstore: apply the TrustRoot ${trustRootName} with the policies; keyless.trustRootRef, ` +
        'ctlog.trustRootRef and rfc3161timestamp.trustRootRef name it.',
    );
    if (i.sigstore.rekorUrl && !i.sigstore.rekorPublicKeyPem) {
      notes.push(
        'No Rekor public key was given: the TrustRoot has no tLogs, so Rekor entries cannot be verified; add it.',
      );
    }
  }
  // Authorities of one policy are OR'ed and one with attestations checks only attestations
  // (validator.go ValidatePolicy), whereas every policy matching an image must pass
  // (validatePolicies). So the signature and the attestations are two policies.
  docs.push(cip(t, resourceName(t, 'signature'), authority(i, trustRootName), i.action));
  const preds = predicateInfos(i.predicateTypes);
  if (preds.length > 0) {
    const attestations = preds.map((p) => ({ name: p.name.replace(/_/g, '-'), predicateType: p.type }));
    docs.push(cip(t, resourceName(t, 'attestations'), authority(i, trustRootName, attestations), i.action));
    notes.push(
      'Two ClusterImagePolicies: one requires the image signature, the other every attestation; policy-controller ' +
        'admits an image only when every policy matching it passes.',
    );
  }
  notes.push(
    i.storage === 'referrers'
      ? 'signatureFormat: bundle: the authorities read Sigstore bundle referrers.'
      : 'The authorities read the legacy .sig/.att tags (signatureFormat legacy, the default).',
  );
  if (i.storage === 'referrers') {
    // Both shown by policy-controller v0.15.1's own tester (test/conformance/policy-controller.test.ts).
    notes.push(
      'NOT READY: policy-controller (v0.15.1) does not verify image signatures in the bundle format ' +
        '(sigstore/policy-controller#1958: "bundle support for image signatures is not yet implemented"): the ' +
        'signature policy refuses every image until that is fixed; sign with storage: both to use these policies now.',
    );
    if (i.sigstore.kind === 'custom' && i.sigstore.rekorUrl) {
      notes.push(
        "NOT READY: policy-controller (v0.15.1) gives a TrustRoot's tLogs a log ID no bundle matches, so bundle " +
          'attestations fail ("not enough verified log entries from transparency log: 0 < 1"); the fix is the ' +
          'unreleased sigstore/policy-controller#1968. storage: both (legacy tags) verifies with this TrustRoot.',
      );
    }
  }
  return {
    consumer: 'policy-controller',
    filename: 'policy-controller-clusterimagepolicy.yaml',
    text: yamlText(header(i, t, 'policy-controller ClusterImagePolicy'), ...docs),
    notes,
  };
}
