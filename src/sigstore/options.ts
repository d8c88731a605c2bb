import { readFileSync } from 'node:fs';
import type { RawInputs } from '../inputs.js';
import { oneOf, OptionsError, url } from '../option-values.js';
import { GITHUB_TUF_ROOT_JSON } from './github/tuf-root.js';
import {
  enterpriseServerError,
  githubInstance,
  GITHUB_TUF_MIRROR,
  isEnterpriseServer,
  serverHost,
} from './github/instance.js';
import { metaUrl, tenantApiUrl } from './github/trust-domain.js';

/**
 * The `sigstore` input and the inputs that go with it, checked before anything touches the network.
 * `auto` (the default) is only decided once the OIDC token is known (choice.ts): both candidates
 * are prepared here, so a bad combination still fails up front.
 */

export type SigstoreKind = 'public-good' | 'github' | 'custom';

export interface SigstoreConfig {
  kind: SigstoreKind;
  fulcioUrl: string;
  rekorUrl?: string;
  tsaUrl?: string;
  /** A trusted_root.json file; for public-good and github (without one) trust comes from TUF. */
  trustedRoot?: string;
  /**
   * The TUF repository serving this Sigstore's trusted root: `sigstamp tuf-repo` for custom,
   * GitHub's (https://tuf-repo.github.com, pinned root) for github. Kyverno's
   * ImageValidatingPolicy initialises a TUF client for keyless attestors before anything else.
   */
  tuf?: { mirror: string; rootPath?: string; rootJson: string };
  /** sigstore: github only: the GitHub host (github.com or a GHE.com tenant) whose instance this is. */
  githubHost?: string;
  /**
   * sigstore: github on a GHE.com tenant without trusted-root: the tenant's `GET /meta` URL, whose
   * trust domain names the tenant's trusted root in the TUF repository.
   */
  trustDomainFrom?: string;
}

export interface AutoSigstore {
  kind: 'auto';
  publicGood: SigstoreConfig;
  /** GitHub's instance for this host, or why there is none (GitHub Enterprise Server). */
  github: SigstoreConfig | { unavailable: string };
}

export type SigstoreChoice = SigstoreConfig | AutoSigstore;

export const PUBLIC_GOOD = {
  fulcioUrl: 'https://fulcio.sigstore.dev',
  rekorUrl: 'https://rekor.sigstore.dev',
} as const;

const ENDPOINT_INPUTS = [
  'fulcio-url',
  'rekor-url',
  'tsa-url',
  'trusted-root',
  'tuf-mirror',
  'tuf-root',
] as const;

/** Read up front, so a wrong path fails the step before anything is signed or pushed. */
function tufRootJson(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new OptionsError(
      `input tuf-root: cannot read ${path} (${(err as Error).message}); give the root.json that sigstamp tuf-repo wrote`,
    );
  }
  let root: { signed?: { _type?: string } };
  try {
    root = JSON.parse(text) as typeof root;
  } catch {
    throw new OptionsError(
      `input tuf-root: ${path} is not JSON; give the root.json that sigstamp tuf-repo wrote`,
    );
  }
  if (root?.signed?._type !== 'root')
    throw new OptionsError(`input tuf-root: ${path} is not TUF root metadata (signed._type is not "root")`);
  return text;
}

function given(raw: RawInputs, names: readonly string[]): string[] {
  return names.filter((k) => raw[k as keyof RawInputs]?.trim());
}

/**
 * GitHub's instance for this server: endpoints from GITHUB_SERVER_URL, trust from GitHub's TUF
 * repository (the pinned root, or `tuf-mirror` / `tuf-root` for a mirror of it), or from a
 * `trusted-root` file. Throws OptionsError for what can never work, whatever the token says.
 */
function githubConfig(raw: RawInputs, o: { verify: boolean; env: NodeJS.ProcessEnv }): SigstoreConfig {
  const forbidden = given(raw, ['fulcio-url', 'rekor-url', 'tsa-url']);
  if (forbidden.includes('rekor-url'))
    throw new OptionsError(
      "input rekor-url given with sigstore: github: GitHub's Sigstore instance has no transparency log (signatures " +
        'carry a signed timestamp from its timestamp authority instead); remove rekor-url, or use sigstore: custom with your own Rekor',
    );
  if (forbidden.length)
    throw new OptionsError(
      `input ${forbidden.join(', ')} given with sigstore: github, whose endpoints follow GITHUB_SERVER_URL ` +
        '(fulcio.githubapp.com and timestamp.githubapp.com on github.com); use sigstore: custom for your own services',
    );
  const host = serverHost(o.env);
  if (isEnterpriseServer(host)) throw new OptionsError(enterpriseServerError(host));
  const trustedRoot = raw['trusted-root']?.trim() || undefined;
  // A GHE.com tenant's root is `<trust domain>.trusted_root.json` in the same TUF repository, the
  // trust domain from the tenant's GET /meta (github/trust-domain.ts), looked up when trust is loaded.
  const trustDomainFrom =
    host !== 'github.com' && !trustedRoot
      ? metaUrl(tenantApiUrl(url('GITHUB_API_URL', o.env.GITHUB_API_URL), host))
      : undefined;
  const instance = githubInstance(host);
  const mirror = url('tuf-mirror', raw['tuf-mirror']) ?? GITHUB_TUF_MIRROR;
  const rootPath = raw['tuf-root']?.trim() || undefined;
  return {
    kind: 'github',
    fulcioUrl: instance.fulcioUrl,
    tsaUrl: instance.tsaUrl,
    githubHost: host,
    ...(trustedRoot ? { trustedRoot } : {}),
    ...(trustDomainFrom ? { trustDomainFrom } : {}),
    tuf: {
      mirror,
      ...(rootPath ? { rootPath, rootJson: tufRootJson(rootPath) } : { rootJson: GITHUB_TUF_ROOT_JSON }),
    },
  };
}

function customConfig(raw: RawInputs, verify: boolean): SigstoreConfig {
  const fulcioUrl = url('fulcio-url', raw['fulcio-url']);
  const rekorUrl = url('rekor-url', raw['rekor-url']);
  const tsaUrl = url('tsa-url', raw['tsa-url']);
  const trustedRoot = raw['trusted-root']?.trim() || undefined;
  const tufMirror = url('tuf-mirror', raw['tuf-mirror']);
  const tufRoot = raw['tuf-root']?.trim() || undefined;
  if (!fulcioUrl) throw new OptionsError('input fulcio-url is required with sigstore: custom');
  if (!rekorUrl && !tsaUrl) {
    throw new OptionsError(
      'sigstore: custom needs rekor-url, tsa-url, or both: a signature needs a transparency log entry or a trusted timestamp',
    );
  }
  if (verify && !trustedRoot) {
    throw new OptionsError(
      'input trusted-root is required with sigstore: custom (the trusted_root.json of your Sigstore), or set verify: false',
    );
  }
  if (!tufMirror !== !tufRoot) {
    throw new OptionsError(
      `input ${tufMirror ? 'tuf-root' : 'tuf-mirror'} is required with ${tufMirror ? 'tuf-mirror' : 'tuf-root'}: ` +
        'the ImageValidatingPolicy needs both where the TUF repository is served and its root.json (sigstamp tuf-repo writes both)',
    );
  }
  return {
    kind: 'custom',
    fulcioUrl,
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(trustedRoot ? { trustedRoot } : {}),
    ...(tufMirror && tufRoot
      ? { tuf: { mirror: tufMirror, rootPath: tufRoot, rootJson: tufRootJson(tufRoot) } }
      : {}),
  };
}

export function sigstoreChoice(
  raw: RawInputs,
  o: { verify: boolean; env: NodeJS.ProcessEnv },
): SigstoreChoice {
  const kind = oneOf('sigstore', raw.sigstore, ['auto', 'public-good', 'github', 'custom'] as const, 'auto');
  if (kind === 'custom') return customConfig(raw, o.verify);
  if (kind === 'github') {
    // GitHub's Fulcio certifies GitHub Actions tokens only: without a runner's token service or a
    // given token there is nothing it would accept.
    const tokenSource =
      raw['identity-token']?.trim() ||
      (o.env.ACTIONS_ID_TOKEN_REQUEST_URL && o.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    if (o.env.GITHUB_ACTIONS !== 'true' && !tokenSource)
      throw new OptionsError(
        "sigstore: github outside GitHub Actions needs a GitHub Actions OIDC token: GitHub's Sigstore instance " +
          'certifies only those; run the step in a workflow job with permissions: id-token: write, or give ' +
          '--identity-token (SIGSTAMP_IDENTITY_TOKEN) with a token the runner issued',
      );
    return githubConfig(raw, o);
  }
  // With auto, trusted-root / tuf-mirror / tuf-root configure GitHub's instance (a mirror of its TUF
  // repository); the public Sigstore takes none of them.
  const endpoints = given(raw, kind === 'auto' ? ['fulcio-url', 'rekor-url', 'tsa-url'] : ENDPOINT_INPUTS);
  if (endpoints.length) {
    const what =
      kind === 'public-good'
        ? 'sigstore: public-good, which uses the public Sigstore'
        : "sigstore: auto (the default), which picks the public Sigstore or GitHub's instance by the repository's visibility";
    throw new OptionsError(
      `input ${endpoints.join(', ')} given with ${what}; set sigstore: custom to use your own`,
    );
  }
  const publicGood: SigstoreConfig = { kind: 'public-good', ...PUBLIC_GOOD };
  if (kind === 'public-good') return publicGood;
  let github: AutoSigstore['github'];
  try {
    github = githubConfig(raw, o);
  } catch (err) {
    // Only an error once the token shows a private repository: a public one never needs it.
    if (!(err instanceof OptionsError)) throw err;
    github = { unavailable: err.message };
  }
  return { kind: 'auto', publicGood, github };
}
