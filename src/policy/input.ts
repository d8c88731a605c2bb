// What every consumer's policy and command is generated from: the checked input (PolicyInput),
// its image normalised once (Target), and the naming and matching rules all consumers share.
// Pure: every string a verifier will interpret (regex, glob, image pattern) is derived here from
// checked input. The consumers (kyverno.ts, kyverno-ivp.ts, policy-controller.ts, commands.ts)
// import from here, and consumers.ts assembles them, so nothing here imports a consumer.
import { createHash } from 'node:crypto';
import { parseSan, type IdentityPolicy } from './identity.js';
import { assertAnchoredRe2 } from './regex.js';

export type Storage = 'both' | 'referrers' | 'legacy';

/** Where a run with GitHub's instance writes the trusted root it verified with (in output-dir). */
export const GITHUB_TRUSTED_ROOT_FILE = 'github-trusted-root.json';

/**
 * A Sigstore other than public-good: the user's own, or GitHub's instance (`instance: 'github'`),
 * which every consumer verifies the same way — Fulcio chain, TSA chain, no transparency log, no
 * CT log — with its trust from GitHub's TUF repository.
 */
export interface CustomSigstore {
  kind: 'custom';
  instance?: 'github';
  fulcioUrl: string;
  rekorUrl?: string;
  tsaUrl?: string;
  fulcioChainPem: string;
  rekorPublicKeyPem?: string;
  tsaChainPem?: string;
  ctlog: false;
  /**
   * The trusted_root.json of this Sigstore (the `trusted-root` input). Kyverno verifies Sigstore
   * BUNDLES only against a sigstore-go TrustedRoot, never against `keyless.roots`
   * (pkg/image/verifiers/ivpol/cosign/opts.go resolveTrustedMaterial): without it an
   * ImageValidatingPolicy cannot verify this Sigstore's bundles.
   */
  trustedRootJson?: string;
  /** Where the user keeps that file, for the commands (default `trusted_root.json`). */
  trustedRootPath?: string;
  /** The served TUF repository of this Sigstore (`sigstamp tuf-repo`) and its root.json. */
  tuf?: { mirror: string; rootJson: string };
}

export interface PolicyInput {
  policy: IdentityPolicy;
  /** Normalised: 'docker.io' for Docker Hub, 'ghcr.io', '127.0.0.1:5000'. */
  image: { registry: string; repository: string };
  digest: string;
  predicateTypes: string[];
  storage: Storage;
  /**
   * enforce: deny what fails; audit: only report it (Kyverno Audit, ImageValidatingPolicy
   * Audit + Warn, policy-controller warn), the first step of a rollout. Default enforce.
   */
  action?: 'enforce' | 'audit';
  sigstore: { kind: 'public-good' } | CustomSigstore;
  /** Loopback test registries: Kyverno's allowInsecureRegistry, cosign --allow-insecure-registry. */
  insecureRegistry?: boolean;
}

export interface GeneratedPolicy {
  consumer: string;
  filename: string;
  text: string;
  notes: string[];
}

export const PUBLIC_REKOR_URL = 'https://rekor.sigstore.dev';
export const PUBLIC_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
export const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** What `cosign sign` v3 (and sigstamp) signs an image with in the bundle format (DESIGN.md). */
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/** Docker Hub's registry host names; go-containerregistry rewrites docker.io to index.docker.io. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
// The OCI distribution-spec repository grammar (path components of lowercase alphanumerics and
// separators). Nothing here is a glob metacharacter for go-wildcard, gobwas/glob or
// policy-controller's glob, so a name is always a literal in every image pattern we emit.
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const REGISTRY = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export interface Target {
  /** Registry as the input names it, Docker Hub folded to docker.io. */
  registry: string;
  /** Repository; on Docker Hub an official image gets its implicit `library/`. */
  repository: string;
  hub: boolean;
  /** `<registry>/<repository>`: what cosign and the job summary show. */
  name: string;
  /** `<name>@<digest>`. */
  ref: string;
}

/** Checks the input once for every generator and normalises the image name. */
export function target(i: PolicyInput): Target {
  assertAnchoredRe2(i.policy.subjectRegExp);
  if (i.policy.issuer.trim() === '' || /\s/.test(i.policy.issuer)) {
    throw new Error(`issuer ${JSON.stringify(i.policy.issuer)} is empty or contains whitespace`);
  }
  const registry = i.image.registry.toLowerCase();
  if (!REGISTRY.test(registry)) {
    throw new Error(`registry ${JSON.stringify(i.image.registry)} is not a host[:port]`);
  }
  const hub = HUB_HOSTS.has(registry);
  const repository =
    hub && !i.image.repository.includes('/') ? `library/${i.image.repository}` : i.image.repository;
  if (!REPOSITORY.test(repository)) {
    throw new Error(`repository ${JSON.stringify(i.image.repository)} is not a valid OCI repository name`);
  }
  if (!DIGEST.test(i.digest))
    throw new Error(`digest ${JSON.stringify(i.digest)} is not sha256:/sha512:<hex>`);
  const seen = new Set<string>();
  for (const t of i.predicateTypes) {
    if (t.trim() === '' || /\s/.test(t))
      throw new Error(`predicate type ${JSON.stringify(t)} is empty or has whitespace`);
    if (seen.has(t)) throw new Error(`predicate type ${t} is listed twice`);
    seen.add(t);
  }
  const reg = hub ? 'docker.io' : registry;
  const name = `${reg}/${repository}`;
  return { registry: reg, repository, hub, name, ref: `${name}@${i.digest}` };
}

/**
 * The names Kyverno's ClusterPolicy engine compares `imageReferences` against: ImageInfo.String()
 * (pkg/utils/image/infos.go) = `<registry>/<path>` + `:<tag>` or, when a digest is present,
 * `@<digest>` alone. The registry is added only when missing (addDefaultRegistry: `docker.io/`),
 * and `reference.Parse` does NOT add Docker Hub's `library/`, so `nginx` becomes
 * `docker.io/nginx` while `docker.io/library/nginx` stays as written; `index.docker.io/…` is
 * kept as a registry of its own. Every spelling of the image is listed, none of another image.
 */
export function kyvernoImageNames(t: Target): string[] {
  if (!t.hub) return [t.name];
  const short = t.repository.startsWith('library/') ? [t.repository.slice('library/'.length)] : [];
  return ['docker.io', 'index.docker.io'].flatMap((host) =>
    [t.repository, ...short].map((p) => `${host}/${p}`),
  );
}

/** `<name>:*` (any tag) and `<name>@*` (any digest): never `*` alone, never a bare prefix glob. */
export function tagAndDigestGlobs(names: string[]): string[] {
  return names.flatMap((n) => [`${n}:*`, `${n}@*`]);
}

/**
 * go-containerregistry's normalised name, what policy-controller matches its globs against
 * (pkg/apis/glob/glob.go Match: `ref.Name()`; name/registry.go rewrites docker.io to
 * index.docker.io, name/repository.go adds `library/` to a one-component Hub name).
 */
export function policyControllerImageName(t: Target): string {
  return t.hub ? `index.docker.io/${t.repository}` : t.name;
}

/** The repository whose workflow run built the image: the caller of a reusable workflow. */
export function sourceRepositoryUrl(p: IdentityPolicy): string | undefined {
  if (p.reusableWorkflow) return p.callerRepository;
  const s = parseSan(p.exactSubject);
  return `${s.serverUrl}/${s.owner}/${s.repo}`;
}

/** `owner/repo` of a repository URL (the form of Fulcio extension .1.5, githubWorkflowRepository). */
export function ownerRepo(url: string): string | undefined {
  const m = /^https?:\/\/[^/]+\/([^/\s]+\/[^/\s]+?)\/?$/.exec(url);
  return m?.[1];
}

export type PredicateKind = 'slsa-v1' | 'slsa-v0.2' | 'spdx' | 'cyclonedx' | 'custom';

export interface PredicateInfo {
  type: string;
  kind: PredicateKind;
  /** A CEL identifier (ImageValidatingPolicy refers to it as `attestations.<name>`) and a k8s-safe name. */
  name: string;
}

export function predicateInfos(types: string[]): PredicateInfo[] {
  let custom = 0;
  return types.map((type) => {
    if (type === SLSA_PROVENANCE_V1) return { type, kind: 'slsa-v1', name: 'slsa_v1' };
    if (type === SLSA_PROVENANCE_V02) return { type, kind: 'slsa-v0.2', name: 'slsa_v02' };
    // GitHub's attest writes https://spdx.dev/Document/v2.3; cosign --type spdxjson the bare one.
    if (type === 'https://spdx.dev/Document' || type.startsWith('https://spdx.dev/Document/')) {
      return { type, kind: 'spdx', name: type === 'https://spdx.dev/Document' ? 'spdx' : `spdx_${++custom}` };
    }
    if (type === 'https://cyclonedx.org/bom' || type.startsWith('https://cyclonedx.org/bom/')) {
      return {
        type,
        kind: 'cyclonedx',
        name: type === 'https://cyclonedx.org/bom' ? 'cyclonedx' : `cyclonedx_${++custom}`,
      };
    }
    return { type, kind: 'custom', name: `predicate_${++custom}` };
  });
}

/**
 * A DNS-1123 label (lowercase alphanumerics and `-`, at most 63, alphanumeric at both ends): valid
 * as a cluster-scoped name of every kind we emit and as a label value. Long names keep a readable
 * prefix and end in a hash of the full image name, so two repositories never collide.
 */
export function resourceName(t: Target, suffix: string): string {
  const slug = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const base = slug(`${t.registry}/${t.repository}`);
  const tail = suffix ? `-${slug(suffix)}` : '';
  const full = `sigstamp-${base}${tail}`;
  if (full.length <= 63) return full;
  const hash = createHash('sha256').update(`${t.registry}/${t.repository}`).digest('hex').slice(0, 8);
  const room = 63 - 'sigstamp-'.length - tail.length - hash.length - 1;
  return `sigstamp-${base.slice(0, room).replace(/-+$/, '')}-${hash}${tail}`;
}
