import { parseDigest } from './oci/digest.js';
import { InvalidReferenceError, parseReference, type Reference } from './oci/reference.js';
import type { RawInputs } from './inputs.js';
import { bool, oneOf, OptionsError, seconds, splitList, url } from './option-values.js';
import { sigstoreChoice, type SigstoreChoice, type SigstoreConfig } from './sigstore/options.js';

export { OptionsError, splitList } from './option-values.js';
export {
  PUBLIC_GOOD,
  type SigstoreChoice,
  type SigstoreConfig,
  type SigstoreKind,
} from './sigstore/options.js';

/**
 * The one typed Options object both shells (Action and CLI) fill from the same inputs, and its
 * validation. Every error names the input and says what a valid value looks like, and all are raised
 * before anything touches the network.
 */

export type Storage = 'both' | 'referrers' | 'legacy';
export type ProvenanceVersion = 'v1' | 'v0.2' | 'none';

export interface PredicateFile {
  type: string;
  path: string;
}

export type PolicyAction = 'enforce' | 'audit';

/** Where the bundles also go: the repository's attestation store on GitHub (src/github/). */
export interface AttestationStoreConfig {
  /** GITHUB_API_URL, e.g. https://api.github.com. */
  apiUrl: string;
  /** GITHUB_SERVER_URL, e.g. https://github.com: where the attestation pages are. */
  serverUrl: string;
  owner: string;
  repo: string;
  token: string;
}

export interface Options {
  /** The image repository (tag and digest stripped), e.g. ghcr.io/owner/app. */
  image: Reference;
  /** The digest everything is about: the build step's output, or resolved from `image`'s tag. */
  digest?: string;
  /** Full references that must all resolve to `digest`. */
  tags: Reference[];
  registryCredential?: { username: string; password: string };
  insecureRegistries: string[];
  sign: boolean;
  provenance: ProvenanceVersion;
  predicates: PredicateFile[];
  /** SBOM formats to generate from the image's layers; empty for none. */
  sbom: ('spdx' | 'cyclonedx')[];
  /** A user's own SBOM file, attested as it is instead of generating one. */
  sbomPath?: string;
  storage: Storage;
  /** The generated policies deny (enforce) or only report (audit) what fails verification. */
  policyAction: PolicyAction;
  perPlatform: boolean;
  /** The Sigstore to sign with; `auto` is decided by the OIDC token (sigstore/choice.ts). */
  sigstore: SigstoreChoice;
  allowPublicTransparencyLog: boolean;
  outputDir: string;
  /** The request timeout of every registry and Sigstore request (`http-timeout`, in seconds). */
  httpTimeoutMs: number;
  verify: boolean;
  showSummary: boolean;
  identityToken?: string;
  attestationStore?: AttestationStoreConfig;
}

function predicates(value: string | undefined): PredicateFile[] {
  return (value ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf('=');
      const type = line.slice(0, eq).trim();
      const path = line.slice(eq + 1).trim();
      if (eq <= 0 || !path || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(type)) {
        throw new OptionsError(
          `input predicates: "${line}" is not <predicate type URI>=<path>, e.g. https://cosign.sigstore.dev/attestation/vuln/v1=trivy.json`,
        );
      }
      return { type, path };
    });
}

function reference(input: string, value: string): Reference {
  try {
    return parseReference(value);
  } catch (err) {
    if (err instanceof InvalidReferenceError) throw new OptionsError(`input ${input}: ${err.message}`);
    throw err;
  }
}

/** `aliasOf` inputs (actions/attest's names) fill their target; giving both with different values is an error. */
function alias(
  raw: RawInputs,
  name: 'image' | 'digest',
  other: 'subject-name' | 'subject-digest',
): string | undefined {
  const a = raw[name]?.trim();
  const b = raw[other]?.trim();
  if (a && b && a !== b)
    throw new OptionsError(`inputs ${name} and ${other} name the same thing and differ; give one of them`);
  return a || b;
}

export function parseOptions(raw: RawInputs, env: NodeJS.ProcessEnv = process.env): Options {
  const imageInput = alias(raw, 'image', 'subject-name');
  if (!imageInput)
    throw new OptionsError(
      'input image is required: the repository the build pushed, e.g. ghcr.io/owner/app',
    );
  const image = reference('image', imageInput);
  let digest = alias(raw, 'digest', 'subject-digest');
  if (digest !== undefined) {
    try {
      parseDigest(digest);
    } catch {
      throw new OptionsError(
        `input digest: "${digest}" is not a digest; pass the build step's output, e.g. \${{ steps.build.outputs.digest }} (sha256:<64 hex>)`,
      );
    }
  }
  if (image.digest && digest && image.digest !== digest) {
    throw new OptionsError(
      `input image names digest ${image.digest} but input digest is ${digest}; give one of them`,
    );
  }
  digest ??= image.digest;
  if (!digest && !image.tag) {
    throw new OptionsError(
      "input digest is required when image has no tag: pass the build step's digest output, e.g. digest: ${{ steps.build.outputs.digest }}",
    );
  }
  const tags = splitList(raw.tags).map((t) => reference('tags', t));
  for (const t of tags) {
    if (!t.tag)
      throw new OptionsError(
        `input tags: "${t.registry}/${t.repository}" has no tag; give full references such as ghcr.io/owner/app:1.2.3`,
      );
    if (t.registry !== image.registry || t.repository !== image.repository) {
      throw new OptionsError(
        `input tags: ${t.registry}/${t.repository}:${t.tag} is not in the repository of input image (${image.registry}/${image.repository})`,
      );
    }
  }
  if (image.tag) tags.unshift(image);
  const username = raw['registry-username']?.trim();
  const password = raw['registry-password'];
  if (Boolean(username) !== Boolean(password)) {
    throw new OptionsError(
      'inputs registry-username and registry-password go together: give both or neither',
    );
  }
  const verify = bool('verify', raw.verify, true);
  const options: Options = {
    image: { registry: image.registry, repository: image.repository },
    ...(digest ? { digest } : {}),
    tags,
    ...(username && password ? { registryCredential: { username, password } } : {}),
    insecureRegistries: splitList(raw['insecure-registries']),
    sign: bool('sign', raw.sign, true),
    provenance: oneOf('provenance', raw.provenance, ['v1', 'v0.2', 'none'] as const, 'v1'),
    predicates: predicates(raw.predicates),
    sbom: sbomFormats(raw.sbom),
    ...(raw['sbom-path']?.trim() ? { sbomPath: raw['sbom-path'].trim() } : {}),
    storage: oneOf('storage', raw.storage, ['both', 'referrers', 'legacy'] as const, 'both'),
    policyAction: oneOf('policy-action', raw['policy-action'], ['enforce', 'audit'] as const, 'enforce'),
    perPlatform: bool('per-platform', raw['per-platform'], false),
    sigstore: sigstoreChoice(raw, { verify, env }),
    allowPublicTransparencyLog: bool(
      'allow-public-transparency-log',
      raw['allow-public-transparency-log'],
      false,
    ),
    outputDir: raw['output-dir']?.trim() || `${env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp'}/sigstamp`,
    httpTimeoutMs: seconds('http-timeout', raw['http-timeout'], 30) * 1000,
    verify,
    showSummary: bool('show-summary', raw['show-summary'], true),
    ...(raw['identity-token']?.trim() ? { identityToken: raw['identity-token'].trim() } : {}),
  };
  const store = attestationStoreConfig(raw, env);
  if (store) options.attestationStore = store;
  const seen = new Set<string>();
  for (const p of options.predicates) {
    if (seen.has(p.type))
      throw new OptionsError(
        `input predicates: ${p.type} is given twice; one attestation per predicate type`,
      );
    seen.add(p.type);
  }
  return options;
}

function sbomFormats(value: string | undefined): ('spdx' | 'cyclonedx')[] {
  const list = splitList(value ?? 'spdx,cyclonedx');
  if (list.length === 1 && list[0] === 'none') return [];
  for (const f of list) {
    if (f !== 'spdx' && f !== 'cyclonedx') {
      throw new OptionsError(`input sbom: "${f}" is not spdx, cyclonedx or none (default spdx,cyclonedx)`);
    }
  }
  return [...new Set(list)] as ('spdx' | 'cyclonedx')[];
}

/** Whether the run signs or attests anything (the CLI's `run` may also just resolve and report). */
/** Options once the Sigstore is decided (after the OIDC token is known, before any certificate request). */
export interface RunOptions extends Options {
  sigstore: SigstoreConfig;
}

export function hasWork(o: Options): boolean {
  return (
    o.sign ||
    o.provenance !== 'none' ||
    o.predicates.length > 0 ||
    o.sbom.length > 0 ||
    o.sbomPath !== undefined
  );
}

/**
 * push-to-attestation-store: on by default on GitHub Actions when a token is there (the Action's
 * github-token defaults to the job token, as actions/attest's does); given as true, whatever is
 * missing is an error now rather than a surprise after signing.
 */
function attestationStoreConfig(raw: RawInputs, env: NodeJS.ProcessEnv): AttestationStoreConfig | undefined {
  const onGitHub = env.GITHUB_ACTIONS === 'true';
  const explicit = raw['push-to-attestation-store']?.trim()
    ? bool('push-to-attestation-store', raw['push-to-attestation-store'], false)
    : undefined;
  const token = raw['github-token']?.trim() || env.GITHUB_TOKEN?.trim() || undefined;
  if (explicit === false || (explicit === undefined && (!onGitHub || !token))) return undefined;
  const need = (what: string) =>
    new OptionsError(
      `input push-to-attestation-store: true needs ${what}` +
        (onGitHub ? '' : ' (outside GitHub Actions set GITHUB_API_URL, GITHUB_REPOSITORY and github-token)') +
        ', or set push-to-attestation-store: false',
    );
  if (!token)
    throw need('github-token (a token with attestations: write; the Action defaults it to the job token)');
  const apiUrl =
    url('GITHUB_API_URL', env.GITHUB_API_URL) ?? (onGitHub ? 'https://api.github.com' : undefined);
  if (!apiUrl) throw need('GITHUB_API_URL (the REST API, e.g. https://api.github.com)');
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length)
    throw need('GITHUB_REPOSITORY (owner/repo: the repository whose store receives the bundles)');
  const serverUrl = url('GITHUB_SERVER_URL', env.GITHUB_SERVER_URL) ?? 'https://github.com';
  return { apiUrl, serverUrl, owner, repo, token };
}
