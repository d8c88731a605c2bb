// Registry credential resolution that matches what docker, docker/login-action and podman/buildah
// users already have configured. Key matching follows docker/cli (cli/config/configfile/file.go,
// cli/config/credentials/{file_store,native_store}.go) and containers/image
// (pkg/docker/config/config.go); each rule below names the one it copies.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CredentialError, type Credential } from './credential.js';
import { getFromHelper } from './credential-helper.js';

export { CredentialError, type Credential } from './credential.js';

export interface CredentialOptions {
  /** From action inputs / CLI flags; registry undefined (or '') applies to every registry. */
  explicit?: { username: string; password: string; registry?: string }[];
  /** Default process.env (DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, HOME, PATH). */
  env?: NodeJS.ProcessEnv;
  /** Default 30_000. */
  helperTimeoutMs?: number;
}

// docker/cli's key for Docker Hub (cli/command/registry.go authConfigKey, a copy of registry.IndexServer):
// `docker login` writes it into `auths` and sends it to credential helpers.
const DOCKER_HUB_URL = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOST = 'index.docker.io';
// containers/image normalizeRegistry folds these onto index.docker.io.
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** 'docker': a Docker CLI config.json. 'containers': a containers-auth.json(5) file (podman, buildah, skopeo). */
type Flavour = 'docker' | 'containers';

interface AuthFile {
  path: string;
  flavour: Flavour;
  auths: Record<string, unknown>;
  credHelpers: Record<string, string>;
  credsStore?: string;
}

function canonicalHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB_HOST : lower;
}

function isDockerHub(registry: string): boolean {
  return canonicalHost(registry) === DOCKER_HUB_HOST;
}

/**
 * The registry an `auths` key names. As in containers/image normalizeAuthFileKey, only a key with a
 * scheme loses its path (`https://index.docker.io/v1/`, `http://127.0.0.1:5000/v2/`): old `docker login`
 * wrote such URLs. A schemeless key with a path is a namespace key and is returned whole, so it never
 * equals a bare host.
 */
function keyHost(key: string): string {
  const scheme = /^https?:\/\//i.exec(key);
  return canonicalHost(scheme ? (key.slice(scheme[0].length).split('/')[0] ?? '') : key);
}

/**
 * Picks the key that applies to `registry/repository`, like containers/image findCredentialsInFile:
 * first exact keys from the most specific namespace up to the bare registry (`quay.io/org/repo`,
 * `quay.io/org`, `quay.io`), so a match is always on path-component boundaries; then any key whose
 * normalised host is the registry, in file order.
 */
function findKey(keys: string[], registry: string, repository: string): string | undefined {
  const present = new Set(keys);
  // containers/image walks reference.Name(), which spells Docker Hub as docker.io.
  const prefix = isDockerHub(registry) ? 'docker.io' : registry;
  const repo = repository.replace(/^\/+|\/+$/g, '');
  let name = repo ? `${prefix}/${repo}` : prefix;
  for (;;) {
    if (present.has(name)) return name;
    const slash = name.lastIndexOf('/');
    if (slash < 0) break;
    name = name.slice(0, slash);
  }
  const want = canonicalHost(registry);
  return keys.find((k) => keyHost(k) === want);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readAuthFile(path: string, flavour: Flavour): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Not configured is the common case, not an error (both upstreams treat a missing file as empty).
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CredentialError(
      `cannot read registry credentials file ${path} (${code ?? 'error'}); fix its permissions or remove it.`,
    );
  }
  // docker/cli LoadFromReader accepts an empty file (io.EOF) as an empty config.
  if (!text.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the error, which may be a secret: say only where.
    throw new CredentialError(`registry credentials file ${path} is not valid JSON; fix or remove it.`);
  }
  const bad = (what: string): CredentialError =>
    new CredentialError(`registry credentials file ${path}: ${what}; fix or remove it.`);
  if (!isRecord(json)) throw bad('the top level is not a JSON object');
  const { auths = {}, credHelpers = {}, credsStore } = json;
  if (!isRecord(auths)) throw bad('"auths" is not an object');
  if (!isRecord(credHelpers)) throw bad('"credHelpers" is not an object');
  for (const [key, helper] of Object.entries(credHelpers)) {
    if (typeof helper !== 'string') throw bad(`credHelpers entry "${key}" is not a string`);
  }
  if (credsStore !== undefined && typeof credsStore !== 'string') throw bad('"credsStore" is not a string');
  return {
    path,
    flavour,
    auths,
    credHelpers: credHelpers as Record<string, string>,
    // containers/image does not read credsStore at all; only the Docker CLI config honours it.
    credsStore: flavour === 'docker' && credsStore ? credsStore : undefined,
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes one `auths` entry; undefined when it holds neither `auth` nor `identitytoken`. */
function decodeEntry(path: string, key: string, entry: unknown): Credential | undefined {
  const bad = (what: string): CredentialError =>
    new CredentialError(`registry credentials file ${path}: auths entry "${key}" ${what}; fix or remove it.`);
  if (!isRecord(entry)) throw bad('is not an object');
  const { auth, identitytoken } = entry;
  if (auth !== undefined && typeof auth !== 'string') throw bad('has a non-string "auth"');
  if (identitytoken !== undefined && typeof identitytoken !== 'string')
    throw bad('has a non-string "identitytoken"');
  // `docker login` with a credsStore leaves `{}` markers here; they mean "ask the store", not "anonymous".
  if (!auth && !identitytoken) return undefined;
  const cred: Credential = { source: path };
  if (auth) {
    // Go's base64.StdEncoding (used by both upstreams) skips \r and \n but rejects anything else;
    // Node's decoder silently drops bad characters, so validate first.
    const compact = auth.replace(/[\r\n]/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1)
      throw bad('has an "auth" that is not valid base64');
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    } catch {
      throw bad('has an "auth" that does not decode to text');
    }
    // Split on the FIRST colon (strings.Cut upstream): passwords and tokens may contain colons.
    const colon = decoded.indexOf(':');
    if (colon < 0) throw bad('has an "auth" that is not base64 of "username:password"');
    cred.username = decoded.slice(0, colon);
    // Both upstreams strip NUL padding that some old writers left around the password.
    const password = decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '');
    if (password) cred.password = password;
  }
  if (identitytoken) cred.identityToken = identitytoken;
  // base64(":") carries nothing; containers/image skips an empty result the same way.
  return cred.username || cred.password || cred.identityToken ? cred : undefined;
}

function helperServerUrl(registry: string, flavour: Flavour): string {
  // docker/cli asks helpers for Docker Hub under its v1 URL; containers/image asks for the registry
  // name (`docker.io`), and what podman stored is keyed that way.
  if (isDockerHub(registry)) return flavour === 'docker' ? DOCKER_HUB_URL : 'docker.io';
  return registry;
}

/** credHelpers keys are looked up exactly upstream; for Docker Hub accept both upstreams' spellings. */
function credHelperFor(file: AuthFile, registry: string): string | undefined {
  const keys = isDockerHub(registry)
    ? [DOCKER_HUB_URL, 'docker.io', DOCKER_HUB_HOST, 'registry-1.docker.io']
    : [registry];
  for (const key of keys) {
    const helper = file.credHelpers[key];
    if (helper !== undefined) return helper;
  }
  return undefined;
}

async function fromFile(
  file: AuthFile,
  registry: string,
  repository: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Credential | undefined> {
  const ask = (helper: string, configuredIn: string): Promise<Credential | undefined> =>
    getFromHelper({
      helper,
      serverUrl: helperServerUrl(registry, file.flavour),
      registry,
      configuredIn,
      env,
      timeoutMs,
    });

  const helper = credHelperFor(file, registry);
  // A credHelpers entry makes that helper the only source for the registry in this file: docker/cli
  // picks the store before looking anything up (getConfiguredCredentialStore) and containers/image
  // returns the helper's answer straight away (findCredentialsInFile). So no fall-through to auths.
  if (helper !== undefined) return ask(helper, `credHelpers in ${file.path}`);

  const key = findKey(Object.keys(file.auths), registry, repository);
  if (key !== undefined) {
    const cred = decodeEntry(file.path, key, file.auths[key]);
    if (cred) return cred;
  }
  if (file.credsStore) return ask(file.credsStore, `credsStore in ${file.path}`);
  return undefined;
}

function fromExplicit(
  explicit: NonNullable<CredentialOptions['explicit']>,
  registry: string,
  repository: string,
): Credential | undefined {
  // Unset optional inputs arrive as empty strings; an entry with neither value was not given at all.
  const given = explicit.filter((e) => e.username || e.password);
  const scoped = given.filter((e) => e.registry);
  const key = findKey(
    scoped.map((e) => e.registry as string),
    registry,
    repository,
  );
  // A credential scoped to this registry beats a catch-all one, whatever the order they were given in.
  const entry = key !== undefined ? scoped.find((e) => e.registry === key) : given.find((e) => !e.registry);
  if (!entry) return undefined;
  if (!entry.username || !entry.password) {
    // Typically a secret that is not available (a pull request from a fork); failing here says so,
    // where a half credential would surface later as an opaque 401.
    throw new CredentialError(
      `the explicit credential for ${registry} has ${entry.username ? 'a username but an empty password' : 'a password but an empty username'}; ` +
        'pass both, or neither to use the Docker/podman configuration.',
    );
  }
  return { username: entry.username, password: entry.password, source: 'explicit' };
}

function authFilePaths(env: NodeJS.ProcessEnv): { path: string; flavour: Flavour }[] {
  const paths: { path: string; flavour: Flavour }[] = [];
  // podman/buildah/skopeo take REGISTRY_AUTH_FILE as the default of --authfile.
  if (env.REGISTRY_AUTH_FILE) paths.push({ path: env.REGISTRY_AUTH_FILE, flavour: 'containers' });
  // docker/cli config.Dir(): $DOCKER_CONFIG, else ~/.docker (docker/login-action honours DOCKER_CONFIG too).
  if (env.DOCKER_CONFIG) paths.push({ path: join(env.DOCKER_CONFIG, 'config.json'), flavour: 'docker' });
  else if (env.HOME) paths.push({ path: join(env.HOME, '.docker', 'config.json'), flavour: 'docker' });
  // containers-auth.json(5): the primary file is $XDG_RUNTIME_DIR/containers/auth.json, and
  // /run/containers/$UID/auth.json when XDG_RUNTIME_DIR is unset (getPathToAuth).
  if (env.XDG_RUNTIME_DIR) {
    paths.push({ path: join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), flavour: 'containers' });
  } else if (process.platform === 'linux' && typeof process.getuid === 'function') {
    paths.push({ path: `/run/containers/${process.getuid()}/auth.json`, flavour: 'containers' });
  }
  // The same file named twice (REGISTRY_AUTH_FILE pointing at the Docker config) is read once.
  return paths.filter((p, i) => paths.findIndex((q) => q.path === p.path) === i);
}

/**
 * Resolves the credential for `registry` (normalised domain: 'docker.io', 'ghcr.io', '127.0.0.1:5000')
 * and `repository` (e.g. 'library/alpine'). First hit wins: explicit → $REGISTRY_AUTH_FILE → Docker
 * config → podman's auth.json. Undefined means anonymous.
 */
export async function resolveCredential(
  registry: string,
  repository: string,
  opts: CredentialOptions = {},
): Promise<Credential | undefined> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.helperTimeoutMs ?? 30_000;
  const explicit = fromExplicit(opts.explicit ?? [], registry, repository);
  if (explicit) return explicit;
  for (const { path, flavour } of authFilePaths(env)) {
    const file = await readAuthFile(path, flavour);
    if (!file) continue;
    const cred = await fromFile(file, registry, repository, env, timeoutMs);
    if (cred) return cred;
  }
  return undefined;
}
