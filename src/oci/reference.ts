// Container image references, parsed exactly as docker/distribution does (github.com/distribution/reference:
// the grammar in regexp.go, ParseAnyReference/ParseNormalizedNamed in normalize.go, Parse in reference.go,
// digest validation from github.com/opencontainers/go-digest). Test vectors: test/fixtures/reference-vectors.json.

export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(
      `invalid image reference ${JSON.stringify(input)}: ${reason} ` +
        '(e.g. ghcr.io/owner/app:1.0 or ghcr.io/owner/app@sha256:<64 hex>)',
    );
  }
}

export interface Reference {
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

// regexp.go. JS RegExp and Go's regexp both pick the leftmost-first (Perl) submatches, so the
// name/tag split of ambiguous inputs such as "test.com:5000" (name "test.com", tag "5000") is identical.
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
// Zone identifiers and IPv4-mapped forms are deliberately excluded upstream.
const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;

const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const ANCHORED_TAG_RE = new RegExp(`^${TAG}$`);
const ANCHORED_DIGEST_RE = new RegExp(`^${DIGEST}$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;
// go-digest's DigestRegexpAnchored: decides "invalid format" vs "unsupported" for unknown algorithms.
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
// go-digest knows only these (hex, lower case, size*2 characters); any other algorithm that the
// reference grammar admits is rejected as unsupported, as upstream does.
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

// reference.go RepositoryNameTotalLengthMax; since distribution/reference aaca75e it bounds the path only.
const REPOSITORY_NAME_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const LOWERCASE = 'repository name must be lowercase';

/** go-digest Digest.Validate: returns the failure reason, or undefined when the digest is valid. */
function digestProblem(digest: string): string | undefined {
  const i = digest.indexOf(':');
  if (i <= 0 || i + 1 === digest.length) return 'invalid checksum digest format';
  const length = DIGEST_HEX_LENGTH[digest.slice(0, i)];
  if (length === undefined) {
    return GO_DIGEST_RE.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  }
  const encoded = digest.slice(i + 1);
  if (encoded.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/** normalize.go splitDockerDomain, applied (as upstream does) to the whole input including tag and digest. */
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  // A single element is always a Docker Hub official image, even "localhost" or "example.com:5000",
  // so that "name:tag" is never mistaken for "host:port".
  if (slash === -1) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const first = name.slice(0, slash);
  let rest = name.slice(slash + 1);
  let domain: string;
  if (first === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) domain = first;
  else [domain, rest] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !rest.includes('/')) rest = OFFICIAL_REPO_PREFIX + rest;
  return [domain, rest];
}

/** ParseAnyReference, keeping only results that name a repository. */
export function parseReference(input: string): Reference {
  const fail = (reason: string): never => {
    throw new InvalidReferenceError(input, reason);
  };
  // ParseNormalizedNamed refuses bare image IDs; ParseAnyReference turns them and bare digests into
  // digest-only references, which name no repository to sign or push to.
  if (ANCHORED_IDENTIFIER_RE.test(input))
    fail('cannot specify 64-byte hexadecimal strings (an image ID names no repository)');
  if (digestProblem(input) === undefined) fail('a digest alone does not name a repository');

  const [domain, remainder] = splitDockerDomain(input);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
  if (remote.toLowerCase() !== remote) fail(LOWERCASE);

  const full = `${domain}/${remainder}`;
  const match = REFERENCE_RE.exec(full);
  if (!match) {
    const lower = full.toLowerCase();
    return fail(lower !== full && REFERENCE_RE.test(lower) ? LOWERCASE : 'invalid reference format');
  }
  const [, name = '', tag, digest] = match;
  const nameMatch = ANCHORED_NAME_RE.exec(name);
  const registry = nameMatch?.[1] ?? '';
  const repository = nameMatch?.[2] ?? name;
  if (repository.length > REPOSITORY_NAME_MAX) {
    fail(`repository name must not be more than ${REPOSITORY_NAME_MAX} characters`);
  }
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem !== undefined) fail(problem);
  }
  // A first component with "." or ":" that fails the domain grammar (e.g. "foo_bar.com/app") is
  // re-read by Parse as a path, leaving upstream with an empty domain; there is no registry to use.
  if (registry === '')
    fail(`${JSON.stringify(input.slice(0, input.indexOf('/')))} is not a valid registry host name`);

  return { registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** Docker Hub's canonical name is not where its registry API is served. */
export function apiHost(registry: string): string {
  return registry === DEFAULT_DOMAIN ? 'registry-1.docker.io' : registry;
}

export function repositoryName(ref: Reference): string {
  return `${ref.registry}/${ref.repository}`;
}

export function formatReference(ref: Reference): string {
  return (
    repositoryName(ref) +
    (ref.tag !== undefined ? `:${ref.tag}` : '') +
    (ref.digest !== undefined ? `@${ref.digest}` : '')
  );
}

/** Pins to a digest; the tag is dropped so the result names exactly one manifest. */
export function withDigest(ref: Reference, digest: string): Reference {
  // Full go-digest validation (not just WithDigest's grammar check) so the result re-parses.
  const problem = ANCHORED_DIGEST_RE.test(digest) ? digestProblem(digest) : 'invalid digest format';
  if (problem !== undefined) throw new InvalidReferenceError(`${repositoryName(ref)}@${digest}`, problem);
  return { registry: ref.registry, repository: ref.repository, digest };
}

export function withTag(ref: Reference, tag: string): Reference {
  if (!ANCHORED_TAG_RE.test(tag)) {
    throw new InvalidReferenceError(
      `${repositoryName(ref)}:${tag}`,
      'invalid tag format (tags match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})',
    );
  }
  return { registry: ref.registry, repository: ref.repository, tag };
}

/** localhost, 127.0.0.0/8 and [::1], with or without a port. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:[0-9]+$/, '').toLowerCase();
  if (host === 'localhost') return true;
  // The URL parser canonicalises IPv6 (e.g. "[0:0:0:0:0:0:0:1]" -> "[::1]").
  if (host.startsWith('['))
    return URL.canParse(`http://${host}`) && new URL(`http://${host}`).hostname === '[::1]';
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
