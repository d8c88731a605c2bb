/**
 * Every input, once: the Action reads these names from action.yml, the CLI takes them as `--name`
 * flags or `SIGSTAMP_NAME` variables. A test checks action.yml against this table.
 */

export interface InputSpec {
  description: string;
  default?: string;
  required?: boolean;
  /** Masked in logs (the Action calls core.setSecret on it). */
  secret?: boolean;
  /** Another name accepted for the same input (actions/attest's names). */
  aliasOf?: string;
  /** Only the CLI takes it (the Action gets the same from the runner). */
  cliOnly?: boolean;
}

export const INPUTS = {
  image: {
    description:
      'Image repository the build pushed, e.g. ghcr.io/owner/app (a tag or digest may be appended).',
  },
  'subject-name': { description: 'Alias of image (the name actions/attest uses).', aliasOf: 'image' },
  digest: {
    description:
      'Digest the build produced, e.g. ${{ steps.build.outputs.digest }}. Required unless image carries a tag.',
  },
  'subject-digest': { description: 'Alias of digest (the name actions/attest uses).', aliasOf: 'digest' },
  tags: { description: 'Full references (newline- or comma-separated); each must resolve to digest.' },
  sign: { description: 'Sign the image (true/false).', default: 'true' },
  provenance: { description: 'SLSA provenance to attest: v1, v0.2 or none.', default: 'v1' },
  sbom: {
    description: 'SBOMs of the image to generate and attest: spdx, cyclonedx, both comma-separated, or none.',
    default: 'spdx,cyclonedx',
  },
  'sbom-path': {
    description: 'Attest this SPDX or CycloneDX JSON file (detected by content) instead of generating SBOMs.',
  },
  predicates: { description: 'More attestations, one per line: <predicate type URI>=<path to a JSON file>.' },
  storage: {
    description:
      'Where signatures and attestations go: both (referrers and cosign legacy tags), referrers or legacy.',
    default: 'both',
  },
  'policy-action': {
    description:
      'What the generated admission policies do with an image that fails: enforce (deny it) or audit (report it, for a rollout).',
    default: 'enforce',
  },
  'per-platform': {
    description: 'For a multi-arch index, also attach to each platform manifest (true/false).',
    default: 'false',
  },
  'registry-username': {
    description: 'Registry user. Default: the Docker config, credential helpers, or the podman auth file.',
  },
  'registry-password': {
    description: 'Registry password or token (masked). Goes with registry-username.',
    secret: true,
  },
  'insecure-registries': {
    description: 'Registries (host[:port], comma-separated) reached over plain HTTP; loopback always is.',
  },
  sigstore: {
    description:
      "auto (public repository: the public Sigstore; private or internal: GitHub's instance, by the OIDC token's repository_visibility), public-good, github (GitHub's Fulcio and timestamp authority, no transparency log) or custom (your own Fulcio, Rekor and/or TSA).",
    default: 'auto',
  },
  'fulcio-url': { description: 'Fulcio URL (sigstore: custom).' },
  'rekor-url': {
    description: 'Rekor v1 URL (sigstore: custom). Leave empty to sign with a timestamp authority only.',
  },
  'tsa-url': { description: 'RFC 3161 timestamp authority URL (optional; required without rekor-url).' },
  'trusted-root': {
    description:
      "Path to the trusted_root.json of your Sigstore (sigstore: custom), or of GitHub's instance instead of its TUF repository (sigstore: github; on GHE.com the tenant's root, found otherwise through GET /meta's trust domain).",
  },
  'tuf-mirror': {
    description:
      "URL where you serve the TUF repository of your Sigstore (sigstamp tuf-repo), for the ImageValidatingPolicy (sigstore: custom); with sigstore: github, a mirror of GitHub's (default https://tuf-repo.github.com).",
  },
  'tuf-root': {
    description:
      "Path to that TUF repository's root.json, pinned in the ImageValidatingPolicy (sigstore: custom); with sigstore: github, the initial root of the mirror (default: GitHub's, pinned in sigstamp).",
  },
  'allow-public-transparency-log': {
    description:
      "Allow a private repository's identity to be written to the public Rekor (world-readable); with sigstore: auto, a private repository then signs on the public Sigstore.",
    default: 'false',
  },
  'push-to-attestation-store': {
    description:
      "Also upload every bundle to the repository's attestation store (needs attestations: write). Default: true on GitHub Actions.",
  },
  'github-token': {
    description: 'Token for the attestation store and the storage record (masked). Default: the job token.',
    default: '${{ github.token }}',
    secret: true,
  },
  'output-dir': {
    description: 'Where bundles, provenance and policies are written. Default: $RUNNER_TEMP/sigstamp.',
  },
  'http-timeout': {
    description:
      'Seconds to wait on a registry or Sigstore service (for its answer, for a whole small body, for any silence in a large one) before the request is retried.',
    default: '30',
  },
  verify: { description: 'Read back and verify everything published (true/false).', default: 'true' },
  'show-summary': { description: 'Write the job summary (true/false).', default: 'true' },
  'identity-token': {
    description: 'An OIDC token to sign with, outside GitHub Actions.',
    secret: true,
    cliOnly: true,
  },
} as const satisfies Record<string, InputSpec>;

export type InputName = keyof typeof INPUTS;
export type RawInputs = Partial<Record<InputName, string>>;

export const OUTPUTS = {
  digest: 'The digest that was resolved, checked against every tag, signed and attested.',
  'signature-refs': 'Where the image signatures were published (one per line).',
  'attestation-refs': 'Where the attestations were published (one per line).',
  'bundle-paths': 'Paths of the Sigstore bundles written to output-dir (one per line).',
  'provenance-path': 'Path of the provenance statement written to output-dir.',
  'sbom-spdx-path': 'Path(s) of the SPDX SBOM(s) written to output-dir (one per platform, one per line).',
  'sbom-cyclonedx-path':
    'Path(s) of the CycloneDX SBOM(s) written to output-dir (one per platform, one per line).',
  subject: 'The signing certificate subject (SAN), exactly.',
  'subject-regex': 'The anchored regex that matches this signing identity, for policies.',
  issuer: 'The OIDC issuer the certificate names.',
  'rekor-log-indexes': 'Rekor log indexes of the entries made (one per line).',
  'kyverno-policy-path':
    'Path of the generated Kyverno ClusterPolicy for this signing identity (type Cosign; SigstoreBundle with storage: referrers).',
  'policy-paths': 'Paths of every generated policy and of verify-commands.sh (one per line).',
  'attestation-ids':
    'IDs of the attestations in the repository attestation store (one per bundle, one per line).',
  'attestation-urls': 'URLs of those attestations on GitHub (one per line, in the order of attestation-ids).',
  'storage-record-ids': 'IDs of the artifact metadata storage records created (one per line).',
} as const;

export type OutputName = keyof typeof OUTPUTS;
