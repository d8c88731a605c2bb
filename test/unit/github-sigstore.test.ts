// sigstore: github and sigstore: auto — the inputs, the choice from the token's claims, and the
// pinned TUF root of GitHub's instance.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions, PUBLIC_GOOD, type SigstoreChoice, type SigstoreConfig } from '../../src/options.js';
import { chooseSigstore } from '../../src/sigstore/choice.js';
import {
  explainGitHubInstanceError,
  githubInstance,
  isGitHubActionsIssuer,
} from '../../src/sigstore/github/instance.js';
import { GITHUB_TUF_ROOT_JSON, GITHUB_TUF_ROOT_SHA256 } from '../../src/sigstore/github/tuf-root.js';
import { FulcioError } from '../../src/sigstore/fulcio.js';
import {
  cosignCommands,
  ghAttestationCommand,
  kyvernoImageValidatingPolicy,
  type PolicyInput,
} from '../../src/policy/consumers.js';
import { identityPolicy } from '../../src/policy/identity.js';
import { createFulcioCa } from '../support/sigstore/fulcio-ca.js';
import { parse } from 'yaml';

const D = 'sha256:' + 'a'.repeat(64);
const ACTIONS = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com' };
const GH_ISSUER = 'https://token.actions.githubusercontent.com';
const base = { image: 'ghcr.io/owner/app', digest: D };
const claims = (visibility: string | undefined, iss = GH_ISSUER) => ({
  iss,
  repository: 'owner/app',
  ...(visibility ? { repository_visibility: visibility } : {}),
});

describe('the pinned TUF root of GitHub’s instance', () => {
  it('is byte for byte the root.json gh v2.83.0 embeds (sha256 recorded with its origin)', () => {
    expect(createHash('sha256').update(GITHUB_TUF_ROOT_JSON).digest('hex')).toBe(GITHUB_TUF_ROOT_SHA256);
    expect(GITHUB_TUF_ROOT_SHA256).toBe('98cba97be9075bc98b2322de3de85fbd1b70ec7392991dfd2f53d215bede1a8d');
    const root = JSON.parse(GITHUB_TUF_ROOT_JSON) as { signed: { _type: string; version: number } };
    expect(root.signed._type).toBe('root');
    expect(root.signed.version).toBe(3);
  });
});

describe('endpoints of GitHub’s instance, as @actions/attest derives them', () => {
  it('github.com → *.githubapp.com; a GHE.com tenant → fulcio.<host>, timestamp.<host>', () => {
    expect(githubInstance('github.com')).toEqual({
      fulcioUrl: 'https://fulcio.githubapp.com',
      tsaUrl: 'https://timestamp.githubapp.com',
      host: 'github.com',
    });
    expect(githubInstance('acme.ghe.com')).toMatchObject({
      fulcioUrl: 'https://fulcio.acme.ghe.com',
      tsaUrl: 'https://timestamp.acme.ghe.com',
    });
  });
  it('knows GitHub Actions’ issuers, with an enterprise’s unique issuer path', () => {
    expect(isGitHubActionsIssuer(GH_ISSUER, 'github.com')).toBe(true);
    expect(isGitHubActionsIssuer(`${GH_ISSUER}/acme-corp`, 'github.com')).toBe(true);
    expect(isGitHubActionsIssuer('https://token.actions.acme.ghe.com', 'acme.ghe.com')).toBe(true);
    expect(
      isGitHubActionsIssuer('https://token.actions.githubusercontent.com.evil.example', 'github.com'),
    ).toBe(false);
    expect(isGitHubActionsIssuer('https://gitlab.com', 'github.com')).toBe(false);
    expect(isGitHubActionsIssuer(GH_ISSUER, 'acme.ghe.com')).toBe(false);
  });
});

describe('sigstore: github — bad input, each refused before anything happens', () => {
  it('parses with GitHub’s endpoints, no Rekor, and the pinned root at tuf-repo.github.com', () => {
    const o = parseOptions({ ...base, sigstore: 'github' }, ACTIONS);
    expect(o.sigstore).toEqual({
      kind: 'github',
      fulcioUrl: 'https://fulcio.githubapp.com',
      tsaUrl: 'https://timestamp.githubapp.com',
      githubHost: 'github.com',
      tuf: { mirror: 'https://tuf-repo.github.com', rootJson: GITHUB_TUF_ROOT_JSON },
    });
  });
  it('refuses rekor-url, and fulcio-url/tsa-url', () => {
    expect(() =>
      parseOptions({ ...base, sigstore: 'github', 'rekor-url': 'https://rekor.example.com' }, ACTIONS),
    ).toThrow(
      /input rekor-url given with sigstore: github: GitHub's Sigstore instance has no transparency log/,
    );
    expect(() =>
      parseOptions({ ...base, sigstore: 'github', 'fulcio-url': 'https://fulcio.example.com' }, ACTIONS),
    ).toThrow(/input fulcio-url given with sigstore: github/);
  });
  it('refuses to run outside GitHub Actions without a token source, and accepts a given token', () => {
    expect(() => parseOptions({ ...base, sigstore: 'github' }, {})).toThrow(
      /sigstore: github outside GitHub Actions needs a GitHub Actions OIDC token.*--identity-token/,
    );
    expect(parseOptions({ ...base, sigstore: 'github', 'identity-token': 'a.b.c' }, {}).sigstore.kind).toBe(
      'github',
    );
  });
  it('refuses GitHub Enterprise Server, naming both ways forward', () => {
    expect(() =>
      parseOptions(
        { ...base, sigstore: 'github' },
        { ...ACTIONS, GITHUB_SERVER_URL: 'https://git.corp.example' },
      ),
    ).toThrow(
      /not available on GitHub Enterprise Server \(git\.corp\.example\).*sigstore: custom.*sigstore: public-good with allow-public-transparency-log: true/,
    );
  });
  it('on a GHE.com tenant looks the trust domain up at the tenant’s GET /meta (GITHUB_API_URL or api.<host>)', () => {
    const env = { ...ACTIONS, GITHUB_SERVER_URL: 'https://acme.ghe.com' };
    expect(parseOptions({ ...base, sigstore: 'github' }, env).sigstore).toMatchObject({
      fulcioUrl: 'https://fulcio.acme.ghe.com',
      tsaUrl: 'https://timestamp.acme.ghe.com',
      githubHost: 'acme.ghe.com',
      trustDomainFrom: 'https://api.acme.ghe.com/meta',
      tuf: { mirror: 'https://tuf-repo.github.com' },
    });
    const github = (o: ReturnType<typeof parseOptions>) => o.sigstore as SigstoreConfig;
    expect(
      github(
        parseOptions(
          { ...base, sigstore: 'github' },
          { ...env, GITHUB_API_URL: 'https://api.acme.ghe.com/' },
        ),
      ).trustDomainFrom,
    ).toBe('https://api.acme.ghe.com/meta');
    // auto prepares the same for a private repository's run.
    const auto = parseOptions(base, env).sigstore;
    expect(auto.kind === 'auto' && auto.github).toMatchObject({
      trustDomainFrom: 'https://api.acme.ghe.com/meta',
    });
    expect(() =>
      parseOptions({ ...base, sigstore: 'github' }, { ...env, GITHUB_API_URL: 'not a url' }),
    ).toThrow(/input GITHUB_API_URL: "not a url" is not a URL/);
    // trusted-root stays the override: no lookup then; github.com never needs one.
    const dir = mkdtempSync(join(tmpdir(), 'sigstamp-gh-'));
    const given = parseOptions({ ...base, sigstore: 'github', 'trusted-root': join(dir, 'root.json') }, env);
    expect(github(given).trustedRoot).toBe(join(dir, 'root.json'));
    expect(github(given).trustDomainFrom).toBeUndefined();
    expect(github(parseOptions({ ...base, sigstore: 'github' }, ACTIONS)).trustDomainFrom).toBeUndefined();
  });
  it('takes a mirror of GitHub’s TUF repository with its own root.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigstamp-gh-'));
    const root = join(dir, 'root.json');
    writeFileSync(root, '{"signed":{"_type":"root","version":1},"signatures":[]}');
    const o = parseOptions(
      { ...base, sigstore: 'github', 'tuf-mirror': 'https://tuf.internal.example', 'tuf-root': root },
      ACTIONS,
    );
    expect(o.sigstore.kind === 'github' && o.sigstore.tuf).toEqual({
      mirror: 'https://tuf.internal.example',
      rootPath: root,
      rootJson: '{"signed":{"_type":"root","version":1},"signatures":[]}',
    });
  });
});

describe('sigstore: auto (the default) decides by the token’s repository_visibility', () => {
  const auto = (env: NodeJS.ProcessEnv = ACTIONS): SigstoreChoice => parseOptions(base, env).sigstore;
  it('is the default', () => {
    expect(auto().kind).toBe('auto');
  });
  it('public → public-good; private and internal → GitHub’s instance; one line says which and why', () => {
    const pub = chooseSigstore(auto(), claims('public'), false);
    expect(pub.config.kind).toBe('public-good');
    expect(pub.reason).toBe(
      'the public Sigstore (fulcio.sigstore.dev, rekor.sigstore.dev): owner/app is public (repository_visibility public in the OIDC token)',
    );
    for (const v of ['private', 'internal']) {
      const c = chooseSigstore(auto(), claims(v), false);
      expect(c.config.kind).toBe('github');
      expect(c.config.rekorUrl).toBeUndefined();
      expect(c.reason).toBe(
        `GitHub's Sigstore instance (fulcio.githubapp.com, timestamp.githubapp.com, no transparency log): owner/app is ${v} (repository_visibility ${v} in the OIDC token)`,
      );
      expect(c.reason).not.toMatch(/\n/);
    }
  });
  it('takes trusted-root, tuf-mirror and tuf-root for GitHub’s instance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigstamp-gh-'));
    const root = join(dir, 'root.json');
    writeFileSync(root, '{"signed":{"_type":"root","version":1},"signatures":[]}');
    const c = parseOptions({ ...base, 'tuf-root': root }, ACTIONS).sigstore;
    expect(c.kind === 'auto' && 'tuf' in c.github && c.github.tuf).toMatchObject({
      mirror: 'https://tuf-repo.github.com',
      rootPath: root,
    });
    expect(c.kind === 'auto' && c.publicGood).toEqual({ kind: 'public-good', ...PUBLIC_GOOD });
  });
  it('never guesses: a token without the claim is not public', () => {
    expect(chooseSigstore(auto(), claims(undefined), false).config.kind).toBe('github');
  });
  it('allow-public-transparency-log keeps its meaning: the consent to the public log', () => {
    const c = chooseSigstore(auto(), claims('private'), true);
    expect(c.config.kind).toBe('public-good');
    expect(c.reason).toMatch(/is not public .*allow-public-transparency-log is true/);
  });
  it('refuses a token whose issuer is not GitHub Actions’ for GitHub’s instance', () => {
    expect(() => chooseSigstore(auto(), claims('private', 'https://gitlab.com'), false)).toThrow(
      /the identity token was issued by "https:\/\/gitlab.com", not by GitHub Actions/,
    );
    const explicit = parseOptions({ ...base, sigstore: 'github' }, ACTIONS).sigstore;
    expect(() => chooseSigstore(explicit, claims('public', 'http://127.0.0.1:1234'), false)).toThrow(
      /not by GitHub Actions \(https:\/\/token\.actions\.githubusercontent\.com\)/,
    );
    // An explicit choice stands whatever the visibility.
    expect(chooseSigstore(explicit, claims('public'), false).reason).toMatch(/sigstore: github was set$/);
  });
  it('on GitHub Enterprise Server, a private repository is refused with both ways forward', () => {
    const ghes = auto({ ...ACTIONS, GITHUB_SERVER_URL: 'https://git.corp.example' });
    expect(chooseSigstore(ghes, claims('public'), false).config.kind).toBe('public-good');
    expect(() => chooseSigstore(ghes, claims('private'), false)).toThrow(
      /sigstore: auto: owner\/app is not public .* GitHub Enterprise Server .*sigstore: custom.*allow-public-transparency-log: true/,
    );
  });
});

describe('GitHub’s instance refusing', () => {
  const instance = githubInstance('github.com');
  it('a 403 from its Fulcio names the plan and both ways forward', () => {
    const e = explainGitHubInstanceError(new FulcioError('Fulcio answered HTTP 403', 403), instance);
    expect(e.message).toMatch(
      /refused to certify this repository .*GitHub Enterprise Cloud, not on other plans; either run your own Sigstore \(sigstore: custom.*sigstore: public-good with allow-public-transparency-log: true/,
    );
  });
  it('a host that does not resolve: there is no instance for it', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND fulcio.githubapp.com'), { code: 'ENOTFOUND' });
    const e = explainGitHubInstanceError(new Error('request failed', { cause: dns }), instance);
    expect(e.message).toMatch(
      /does not resolve .*there is none for github\.com; either run your own Sigstore/,
    );
  });
  it('anything else (a 503) stays what it was', () => {
    const err = new FulcioError('Fulcio answered HTTP 503: retry later', 503);
    expect(explainGitHubInstanceError(err, instance)).toBe(err);
  });
});

describe('policies and commands for GitHub’s instance', () => {
  const policy = identityPolicy({
    san: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3',
    issuer: 'https://token.actions.githubusercontent.com',
  });
  const github = async (): Promise<PolicyInput> => {
    const fulcio = await createFulcioCa();
    const tsa = await createFulcioCa();
    return {
      policy,
      image: { registry: 'ghcr.io', repository: 'acme/app' },
      digest: `sha256:${'ab'.repeat(32)}`,
      predicateTypes: ['https://slsa.dev/provenance/v1'],
      storage: 'both',
      sigstore: {
        kind: 'custom',
        instance: 'github',
        fulcioUrl: 'https://fulcio.githubapp.com',
        tsaUrl: 'https://timestamp.githubapp.com',
        fulcioChainPem: fulcio.chainPem.join(''),
        tsaChainPem: tsa.chainPem.join(''),
        ctlog: false,
        trustedRootJson: '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}',
        trustedRootPath: '/tmp/out/github-trusted-root.json',
        tuf: { mirror: 'https://tuf-repo.github.com', rootJson: GITHUB_TUF_ROOT_JSON },
      },
    };
  };
  it('cosign: --trusted-root, signed timestamps, no tlog, no SCT', async () => {
    const [verify] = cosignCommands(await github());
    expect(verify).toContain(
      '--trusted-root /tmp/out/github-trusted-root.json --insecure-ignore-sct --insecure-ignore-tlog --use-signed-timestamps',
    );
    expect(verify).not.toContain('--rekor-url');
  });
  it('gh: plain (gh fetches GitHub’s trusted root itself), no --custom-trusted-root', async () => {
    const gh = ghAttestationCommand(await github());
    expect(gh).toMatch(/^gh attestation verify oci:\/\/ghcr\.io\/acme\/app@sha256:/);
    expect(gh).not.toContain('--custom-trusted-root');
  });
  it('Kyverno ImageValidatingPolicy: GitHub’s TUF mirror with the pinned root, its trusted root, TSA chain, no tlog', async () => {
    const i = await github();
    const ivp = kyvernoImageValidatingPolicy(i);
    const doc = parse(ivp.text) as { spec: { attestors: Array<{ cosign: Record<string, any> }> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const cosign = doc.spec.attestors[0]!.cosign;
    expect(cosign.tuf).toEqual({
      mirror: 'https://tuf-repo.github.com',
      root: { data: Buffer.from(GITHUB_TUF_ROOT_JSON).toString('base64') },
    });
    expect(cosign.ctlog).toMatchObject({ insecureIgnoreTlog: true, insecureIgnoreSCT: true });
    expect(cosign.ctlog.tsaCertChain).toBe(i.sigstore.kind === 'custom' && i.sigstore.tsaChainPem);
    expect(cosign.trustedRoot).toEqual({
      value: (i.sigstore as { trustedRootJson: string }).trustedRootJson,
    });
    expect(ivp.notes.join('\n')).toMatch(/GitHub serves and re-signs that repository/);
    expect(ivp.notes.join('\n')).not.toMatch(/NOT READY/);
  });
});
