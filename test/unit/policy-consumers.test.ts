import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  allPolicies,
  cosignCommands,
  ghAttestationCommand,
  kyvernoClusterPolicyBundle,
  kyvernoClusterPolicyCosign,
  kyvernoImageValidatingPolicy,
  policyControllerClusterImagePolicy,
  shellQuote,
  type CustomSigstore,
  type PolicyInput,
} from '../../src/policy/consumers.js';
import { identityPolicy, type IdentityPolicy } from '../../src/policy/identity.js';
import { globMatches } from '../../src/policy/self-check.js';
import { createFulcioCa } from '../support/sigstore/fulcio-ca.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

const GH = 'https://github.com';
const ISSUER = 'https://token.actions.githubusercontent.com';
const RELEASE = `${GH}/acme/app/.github/workflows/release.yml`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const SLSA = 'https://slsa.dev/provenance/v1';
const SPDX = 'https://spdx.dev/Document';
const CDX = 'https://cyclonedx.org/bom';
const CUSTOM = 'https://example.com/custom/v1';
const PREDICATES = [SLSA, SPDX, CDX, CUSTOM];

const tagPush: IdentityPolicy = identityPolicy({
  san: `${RELEASE}@refs/tags/v1.2.3`,
  issuer: ISSUER,
  buildConfigUri: `${RELEASE}@refs/tags/v1.2.3`,
  sourceRepositoryUri: `${GH}/acme/app`,
});
const reusable: IdentityPolicy = identityPolicy({
  san: `${GH}/acme/shared-workflows/.github/workflows/sign.yml@refs/heads/main`,
  issuer: ISSUER,
  buildConfigUri: `${RELEASE}@refs/tags/v1.2.3`,
  sourceRepositoryUri: `${GH}/acme/caller`,
});
// Every regex metacharacter a shell also cares about: `$`, `(`, `|`, `{`, `^`, `\`.
const metachars: IdentityPolicy = identityPolicy({
  san: `${RELEASE}@refs/heads/fix+(x)|y{2}$^`,
  issuer: ISSUER,
  buildConfigUri: `${RELEASE}@refs/heads/fix+(x)|y{2}$^`,
});

const GHCR = { registry: 'ghcr.io', repository: 'acme/app' };
const HUB_OFFICIAL = { registry: 'docker.io', repository: 'nginx' };
const HUB_USER = { registry: 'docker.io', repository: 'acme/app' };
const LOOPBACK = { registry: '127.0.0.1:5000', repository: 'acme/app' };

let custom: CustomSigstore;
let fulcioChain: string[];
let rekorPem: string;
const TRUSTED_ROOT = JSON.stringify({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
});

beforeAll(async () => {
  const fulcio = await createFulcioCa();
  const tsa = await createFulcioCa();
  fulcioChain = fulcio.chainPem;
  rekorPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  custom = {
    kind: 'custom',
    fulcioUrl: 'https://fulcio.internal.example/',
    rekorUrl: 'https://rekor.internal.example',
    tsaUrl: 'https://tsa.internal.example/api/v1/timestamp',
    fulcioChainPem: fulcio.chainPem.join(''),
    rekorPublicKeyPem: rekorPem,
    tsaChainPem: tsa.chainPem.join(''),
    ctlog: false,
    trustedRootJson: TRUSTED_ROOT,
  };
});

function input(over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    policy: tagPush,
    image: GHCR,
    digest: DIGEST,
    predicateTypes: PREDICATES,
    storage: 'both',
    sigstore: { kind: 'public-good' },
    ...over,
  };
}

type Y = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const docs = (text: string): Y[] => parseAllDocuments(text).map((d) => d.toJS() as Y);
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

// ---------------------------------------------------------------------------------------------
// How each consumer names a Pod's image (ports of the upstream code, to check the scoping)

/** Kyverno ClusterPolicy: ImageInfo.String() after addDefaultRegistry (pkg/utils/image/infos.go). */
function kyvernoImageString(image: string): string {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const full =
    slash === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)
      ? `docker.io/${image}`
      : image;
  const at = full.indexOf('@');
  const digest = at === -1 ? '' : full.slice(at + 1);
  const rest = at === -1 ? full : full.slice(0, at);
  const registry = rest.slice(0, rest.indexOf('/'));
  let path = rest.slice(rest.indexOf('/') + 1);
  let tag = '';
  const colon = path.lastIndexOf(':');
  if (colon !== -1) [path, tag] = [path.slice(0, colon), path.slice(colon + 1)];
  return digest ? `${registry}/${path}@${digest}` : `${registry}/${path}:${tag || 'latest'}`;
}

/** policy-controller: go-containerregistry Reference.Name(), then glob.go's regex. */
function ggcrName(image: string): string {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost');
  let registry = hasRegistry ? first : 'index.docker.io';
  if (registry === 'docker.io') registry = 'index.docker.io';
  let rest = hasRegistry ? image.slice(slash + 1) : image;
  const at = rest.indexOf('@');
  const digest = at === -1 ? '' : rest.slice(at + 1);
  if (at !== -1) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon === -1 ? 'latest' : rest.slice(colon + 1);
  let repo = colon === -1 ? rest : rest.slice(0, colon);
  if (registry === 'index.docker.io' && !repo.includes('/')) repo = `library/${repo}`;
  return digest ? `${registry}/${repo}@${digest}` : `${registry}/${repo}:${tag}`;
}
function pcGlobMatches(glob: string, image: string): boolean {
  const re = new RegExp(
    `^${glob.replace(/\./g, '\\.').replace(/\*\*/g, '#').replace(/\*/g, '[^/]*').replace(/#/g, '.*')}$`,
  );
  return re.test(ggcrName(image)) || re.test(image);
}

/** ImageValidatingPolicy: gobwas/glob without separators, or CEL `ref.matches('<RE2>')`. */
function ivpMatches(refs: Y[], image: string): boolean {
  return refs.some((r) => {
    if (typeof r.glob === 'string') return globMatches(r.glob, image);
    const m = /^ref\.matches\('((?:[^'\\]|\\.)*)'\)$/.exec(r.expression as string);
    if (!m) throw new Error(`unexpected expression ${r.expression}`);
    return new RegExp(m[1]!.replace(/\\(.)/g, '$1'), 'u').test(image);
  });
}

const D = `@${DIGEST}`;
const SCOPE = {
  ghcr: {
    input: GHCR,
    admit: ['ghcr.io/acme/app', 'ghcr.io/acme/app:v1', `ghcr.io/acme/app${D}`, `ghcr.io/acme/app:v1${D}`],
    refuse: [
      'ghcr.io/acme/app-evil:v1',
      'ghcr.io/acme/apps:v1',
      'ghcr.io/acme/app/sub:v1',
      'ghcr.io/evil/app:v1',
      'ghcr.io.evil.example/acme/app:v1',
      'evil.example/ghcr.io/acme/app:v1',
      'acme/app:v1',
    ],
  },
  hubOfficial: {
    input: HUB_OFFICIAL,
    admit: [
      'nginx',
      'nginx:1.27',
      `nginx${D}`,
      'library/nginx:1',
      `docker.io/library/nginx${D}`,
      'docker.io/nginx:1',
      'index.docker.io/library/nginx:1',
    ],
    refuse: [
      'nginx-evil:1',
      'nginxx',
      'evil/nginx:1',
      'docker.io/library/nginx-evil:1',
      'nginx:5000/x:1',
      'ghcr.io/library/nginx:1',
    ],
  },
  hubUser: {
    input: HUB_USER,
    admit: ['acme/app:v1', `docker.io/acme/app${D}`, 'index.docker.io/acme/app:v2', 'acme/app'],
    refuse: ['acme/app-evil:v1', 'acme/apps', 'app:v1', 'ghcr.io/acme/app:v1', 'docker.io/acme/app/x:1'],
  },
  loopback: {
    input: LOOPBACK,
    admit: ['127.0.0.1:5000/acme/app:v1', `127.0.0.1:5000/acme/app${D}`],
    refuse: [
      '127.0.0.1:5001/acme/app:v1',
      '127.0.0.1:5000/acme/app-evil:v1',
      '127.0.0.1/acme/app:v1',
      'acme/app:v1',
    ],
  },
};

// ---------------------------------------------------------------------------------------------

describe('allPolicies', () => {
  it.each([
    ['legacy', ['kyverno-clusterpolicy-cosign.yaml', 'policy-controller-clusterimagepolicy.yaml']],
    [
      'referrers',
      [
        'kyverno-clusterpolicy-bundle.yaml',
        'kyverno-imagevalidatingpolicy.yaml',
        'policy-controller-clusterimagepolicy.yaml',
      ],
    ],
    [
      'both',
      [
        'kyverno-clusterpolicy-cosign.yaml',
        'kyverno-clusterpolicy-bundle.yaml',
        'kyverno-imagevalidatingpolicy.yaml',
        'policy-controller-clusterimagepolicy.yaml',
      ],
    ],
  ] as const)('storage %s gives the policies that read it', (storage, files) => {
    const out = allPolicies(input({ storage }));
    expect(out.map((p) => p.filename)).toEqual(files);
    const names = out.flatMap((p) => docs(p.text).map((d) => `${d.kind}/${d.metadata.name}`));
    expect(new Set(names).size).toBe(names.length);
    for (const p of out) {
      expect(p.notes.length).toBeGreaterThan(0);
      // No anchors/aliases, and read the same by a YAML 1.1 parser (Kubernetes') as by YAML 1.2.
      expect(p.text).not.toMatch(/(?:^|\s)&[A-Za-z]+\d*\s*$/m);
      expect(parseAllDocuments(p.text, { version: '1.1' }).map((d) => d.toJS())).toEqual(docs(p.text));
      for (const d of docs(p.text)) expect(d.metadata.name).toMatch(DNS1123_LABEL);
    }
  });

  it('names are DNS-1123 labels with a hash suffix when the repository is long', () => {
    const long = {
      registry: 'registry.example.com:5000',
      repository: `team/${'very-long-name-'.repeat(6)}x`,
    };
    const other = { ...long, repository: `${long.repository}y` };
    const name = (image: typeof long): string =>
      parse(kyvernoClusterPolicyCosign(input({ image })).text).metadata.name;
    expect(name(long)).toMatch(DNS1123_LABEL);
    expect(name(long)).toMatch(/^sigstamp-registry-example-com-5000-team-.*-[0-9a-f]{8}-cosign$/);
    expect(name(long)).not.toBe(name(other));
    expect(parse(kyvernoClusterPolicyCosign(input()).text).metadata.name).toBe(
      'sigstamp-ghcr-io-acme-app-cosign',
    );
  });

  it('rejects input that would make a pattern mean something else', () => {
    expect(() => allPolicies(input({ image: { registry: 'ghcr.io', repository: 'acme/*' } }))).toThrow(
      /repository/,
    );
    expect(() => allPolicies(input({ image: { registry: 'ghcr.io', repository: 'Acme/App' } }))).toThrow(
      /repository/,
    );
    expect(() => allPolicies(input({ digest: 'sha256:abc' }))).toThrow(/digest/);
    expect(() =>
      allPolicies(input({ policy: { ...tagPush, subjectRegExp: 'https://github\\.com/acme/' } })),
    ).toThrow(/anchored/);
    expect(() => allPolicies(input({ predicateTypes: [SLSA, SLSA] }))).toThrow(/twice/);
  });
});

describe('Kyverno ClusterPolicy type: Cosign', () => {
  const rule = (i: PolicyInput): Y => {
    const d = parse(kyvernoClusterPolicyCosign(i).text) as Y;
    expect(d.apiVersion).toBe('kyverno.io/v1');
    expect(d.kind).toBe('ClusterPolicy');
    expect(d.spec.rules).toHaveLength(1);
    expect(d.spec.rules[0].match).toEqual({ any: [{ resources: { kinds: ['Pod'] } }] });
    expect(d.spec.webhookConfiguration).toEqual({ failurePolicy: 'Fail', timeoutSeconds: 30 });
    expect(d.spec.validationFailureAction).toBeUndefined();
    return d.spec.rules[0].verifyImages[0];
  };

  it('pins the subject glob and issuer, on the signature and on one attestation per predicate', () => {
    const v = rule(input());
    expect(v).toMatchObject({
      type: 'Cosign',
      failureAction: 'Enforce',
      mutateDigest: true,
      verifyDigest: true,
      required: true,
    });
    expect(v.imageReferences).toEqual(['ghcr.io/acme/app:*', 'ghcr.io/acme/app@*']);
    expect(v.imageRegistryCredentials).toBeUndefined();
    const keyless = v.attestors[0].entries[0].keyless;
    expect(v.attestors).toHaveLength(1);
    expect(v.attestors[0].entries).toHaveLength(1);
    expect(keyless).toEqual({
      subject: tagPush.kyvernoGlob,
      issuer: ISSUER,
      rekor: { url: 'https://rekor.sigstore.dev' },
    });
    expect(keyless.subjectRegExp).toBeUndefined();
    expect(v.attestations.map((a: Y) => a.type)).toEqual(PREDICATES);
    for (const a of v.attestations) {
      expect(a.attestors).toEqual(v.attestors);
      expect(JSON.stringify(a)).not.toContain('subjectRegExp');
    }
    const slsa = v.attestations[0].conditions[0].all;
    expect(slsa).toContainEqual({
      key: '{{ buildDefinition.buildType }}',
      operator: 'Equals',
      value: 'https://actions.github.io/buildtypes/workflow/v1',
    });
    expect(slsa).toContainEqual({
      key: '{{ buildDefinition.externalParameters.workflow.repository }}',
      operator: 'Equals',
      value: `${GH}/acme/app`,
    });
    expect(v.attestations[1].conditions[0].all).toEqual([
      { key: '{{ SPDXID }}', operator: 'Equals', value: 'SPDXRef-DOCUMENT' },
    ]);
    expect(v.attestations[2].conditions[0].all).toEqual([
      { key: '{{ bomFormat }}', operator: 'Equals', value: 'CycloneDX' },
    ]);
    expect(v.attestations[3].conditions).toBeUndefined();
  });

  it('has no attestations block when nothing was attested', () => {
    expect(rule(input({ predicateTypes: [] })).attestations).toBeUndefined();
  });

  it.each(Object.entries(SCOPE))('imageReferences admit only this repository (%s)', (_name, s) => {
    const refs: string[] = rule(input({ image: s.input })).imageReferences;
    for (const r of refs) {
      expect(r).not.toBe('*');
      expect(r).toMatch(/[:@]\*$/);
    }
    const hit = (image: string): boolean => refs.some((r) => globMatches(r, kyvernoImageString(image)));
    for (const image of s.admit) expect(hit(image), image).toBe(true);
    for (const image of s.refuse) expect(hit(image), image).toBe(false);
  });

  it('lists every Docker Hub spelling of an official image', () => {
    expect(rule(input({ image: HUB_OFFICIAL })).imageReferences).toEqual([
      'docker.io/library/nginx:*',
      'docker.io/library/nginx@*',
      'docker.io/nginx:*',
      'docker.io/nginx@*',
      'index.docker.io/library/nginx:*',
      'index.docker.io/library/nginx@*',
      'index.docker.io/nginx:*',
      'index.docker.io/nginx@*',
    ]);
  });

  it('allows an insecure loopback registry', () => {
    const v = rule(input({ image: LOOPBACK, insecureRegistry: true }));
    expect(v.imageRegistryCredentials).toEqual({ allowInsecureRegistry: true });
    expect(v.imageReferences).toEqual(['127.0.0.1:5000/acme/app:*', '127.0.0.1:5000/acme/app@*']);
  });

  it('pins the caller of a reusable workflow and says so', () => {
    const g = kyvernoClusterPolicyCosign(input({ policy: reusable }));
    const v = parse(g.text).spec.rules[0].verifyImages[0];
    expect(v.attestors[0].entries[0].keyless.additionalExtensions).toEqual({
      githubWorkflowRepository: 'acme/caller',
    });
    expect(v.attestors[0].entries[0].keyless.subject).toBe(reusable.kyvernoGlob);
    expect(g.notes.join('\n')).toContain('acme/caller');
    // The provenance names the caller's repository, not the reusable workflow's.
    expect(v.attestations[0].conditions[0].all[1].value).toBe(`${GH}/acme/caller`);
  });

  it('carries a private Sigstore: Fulcio roots, Rekor URL and key, no SCT', () => {
    const keyless = rule(input({ sigstore: custom })).attestors[0].entries[0].keyless;
    expect(keyless.roots).toContain(fulcioChain[0]!.trim());
    expect(keyless.roots).toContain(fulcioChain[1]!.trim());
    expect(keyless.rekor).toEqual({ url: 'https://rekor.internal.example', pubkey: rekorPem });
    expect(keyless.ctlog.ignoreSCT).toBe(true);
    expect(keyless.ctlog.tsaCertChain).toBe(custom.tsaChainPem);
    const noRekor = { ...custom, rekorUrl: undefined, rekorPublicKeyPem: undefined };
    expect(rule(input({ sigstore: noRekor })).attestors[0].entries[0].keyless.rekor.ignoreTlog).toBe(true);
  });
});

describe('Kyverno ClusterPolicy type: SigstoreBundle', () => {
  it('never sets ctlog.ignoreSCT for a private Sigstore: in bundle mode it drops the observer-timestamp requirement and sigstore-go then refuses every bundle', () => {
    const g = kyvernoClusterPolicyBundle(input({ sigstore: custom }));
    const keyless = parse(g.text).spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless;
    expect(keyless.ctlog).toEqual({ tsaCertChain: custom.tsaChainPem });
    expect(keyless.rekor).toEqual({ url: 'https://rekor.internal.example', pubkey: rekorPem });
    const noTsa = { ...custom, tsaUrl: undefined, tsaChainPem: undefined };
    const bare = parse(kyvernoClusterPolicyBundle(input({ sigstore: noTsa })).text);
    expect(bare.spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless.ctlog).toBeUndefined();
    expect(g.notes.join('\n')).toContain('TUF_ROOT');
  });

  it('pins the anchored subject regex and the issuer everywhere', () => {
    const g = kyvernoClusterPolicyBundle(input());
    const d = parse(g.text) as Y;
    expect(d.metadata.name).toBe('sigstamp-ghcr-io-acme-app-bundle');
    const v = d.spec.rules[0].verifyImages[0];
    expect(v).toMatchObject({ type: 'SigstoreBundle', failureAction: 'Enforce', required: true });
    expect(v.imageReferences).toEqual(['ghcr.io/acme/app:*', 'ghcr.io/acme/app@*']);
    const all = [v.attestors, ...v.attestations.map((a: Y) => a.attestors)];
    expect(v.attestations).toHaveLength(PREDICATES.length);
    for (const set of all) {
      const keyless = set[0].entries[0].keyless;
      expect(keyless.issuer).toBe(ISSUER);
      expect(keyless.subjectRegExp).toBe(tagPush.subjectRegExp);
      expect(keyless.subjectRegExp).toMatch(/^\^.*\$$/);
      expect(keyless.subject).toBeUndefined();
    }
  });

  it('says where a private Sigstore’s trust must come from', () => {
    expect(kyvernoClusterPolicyBundle(input({ sigstore: custom })).notes.join('\n')).toContain('--tufRoot');
  });
});

describe('Kyverno ImageValidatingPolicy', () => {
  const spec = (i: PolicyInput): Y => {
    const d = parse(kyvernoImageValidatingPolicy(i).text) as Y;
    expect(d.apiVersion).toBe('policies.kyverno.io/v1');
    expect(d.kind).toBe('ImageValidatingPolicy');
    return d.spec;
  };

  it('has one identity with both issuer and subject, and one verification per predicate', () => {
    const s = spec(input());
    expect(s.validationActions).toEqual(['Deny']);
    expect(s.failurePolicy).toBe('Fail');
    expect(s.validationConfigurations).toEqual({ mutateDigest: true, verifyDigest: true, required: true });
    expect(s.matchConstraints.resourceRules[0].resources).toEqual(['pods']);
    expect(s.attestors).toHaveLength(1);
    for (const a of s.attestors) {
      expect(a.cosign.keyless.identities).toEqual([{ issuer: ISSUER, subjectRegExp: tagPush.subjectRegExp }]);
      for (const id of a.cosign.keyless.identities) {
        expect(id.issuer).toBeTruthy();
        expect(id.subject ?? id.subjectRegExp).toBeTruthy();
      }
    }
    expect(s.attestors[0].cosign.ctlog).toEqual({ url: 'https://rekor.sigstore.dev' });
    expect(s.attestations).toEqual([
      { name: 'slsa_v1', intoto: { type: SLSA } },
      { name: 'spdx', intoto: { type: SPDX } },
      { name: 'cyclonedx', intoto: { type: CDX } },
      { name: 'predicate_1', intoto: { type: CUSTOM } },
    ]);
    expect(s.validations).toHaveLength(1 + PREDICATES.length);
    expect(s.validations[0].expression).toContain('verifyImageSignatures(image, [attestors.sigstamp]) > 0');
    for (const [n, a] of s.attestations.entries()) {
      const e: string = s.validations[n + 1].expression;
      expect(e).toContain(
        `verifyAttestationSignatures(image, attestations.${a.name}, [attestors.sigstamp]) > 0`,
      );
      expect(e).toMatch(
        /^\(images\.containers \+ images\.initContainers \+ images\.ephemeralContainers\)\.all\(image, /,
      );
      expect(e.split('(').length).toBe(e.split(')').length);
      expect(a.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
    expect(s.validations[1].expression).toContain(
      "extractPayload(image, attestations.slsa_v1).predicate.buildDefinition.buildType == 'https://actions.github.io/buildtypes/workflow/v1'",
    );
  });

  it.each(Object.entries(SCOPE))('matchImageReferences admit only this repository (%s)', (_name, s) => {
    const refs: Y[] = spec(input({ image: s.input })).matchImageReferences;
    for (const r of refs) if (r.glob) expect(r.glob).not.toMatch(/^\*|[?[\]{}\\]/);
    // Validations see the Pod's spelling; mutateDigest sees Kyverno's normalised one.
    for (const image of s.admit) {
      expect(ivpMatches(refs, image), image).toBe(true);
      expect(ivpMatches(refs, kyvernoImageString(image)), image).toBe(true);
    }
    for (const image of s.refuse) expect(ivpMatches(refs, image), image).toBe(false);
  });

  it('carries a private Sigstore, its trusted root inlined', () => {
    const s = spec(input({ sigstore: custom, insecureRegistry: true, image: LOOPBACK }));
    const c = s.attestors[0].cosign;
    expect(c.keyless.identities).toEqual([{ issuer: ISSUER, subjectRegExp: tagPush.subjectRegExp }]);
    expect(c.keyless.roots).toContain(fulcioChain[1]!.trim());
    expect(c.ctlog).toEqual({
      url: 'https://rekor.internal.example',
      rekorPubKey: rekorPem,
      insecureIgnoreSCT: true,
      tsaCertChain: custom.tsaChainPem,
    });
    expect(c.trustedRoot).toEqual({ value: TRUSTED_ROOT });
    expect(s.credentials).toEqual({ allowInsecureRegistry: true });
    const without = kyvernoImageValidatingPolicy(
      input({ sigstore: { ...custom, trustedRootJson: undefined } }),
    );
    expect(parse(without.text).spec.attestors[0].cosign.trustedRoot).toBeUndefined();
    expect(without.notes.join('\n')).toContain('trustedRoot');
  });

  it('pins the served TUF repository of a private Sigstore, and says NOT READY without one', () => {
    const rootJson = '{"signed":{"_type":"root","version":1},"signatures":[]}';
    const tuf = { mirror: 'https://tuf.internal.example', rootJson };
    const s = spec(input({ sigstore: { ...custom, tuf } }));
    expect(s.attestors[0].cosign.tuf).toEqual({
      mirror: 'https://tuf.internal.example',
      root: { data: Buffer.from(rootJson).toString('base64') },
    });
    const withTuf = kyvernoImageValidatingPolicy(input({ sigstore: { ...custom, tuf } }));
    expect(withTuf.notes.join('\n')).not.toContain('NOT READY');
    const without = kyvernoImageValidatingPolicy(input({ sigstore: custom }));
    expect(parse(without.text).spec.attestors[0].cosign.tuf).toBeUndefined();
    expect(without.notes.join('\n')).toMatch(/NOT READY: .*sigstamp tuf-repo/);
    // The public Sigstore: Kyverno's default TUF repository is the right one.
    expect(spec(input()).attestors[0].cosign.tuf).toBeUndefined();
  });

  it('checks the caller repository in the provenance of a reusable workflow', () => {
    const s = spec(input({ policy: reusable }));
    expect(s.attestors[0].cosign.keyless.identities[0].subjectRegExp).toBe(reusable.subjectRegExp);
    expect(s.validations[1].expression).toContain(`== '${GH}/acme/caller'`);
  });
});

describe('policy-controller ClusterImagePolicy', () => {
  it('requires the signature and every attestation, scoped to this repository', () => {
    const g = policyControllerClusterImagePolicy(input());
    const [sig, att, ...rest] = docs(g.text);
    expect(rest).toEqual([]);
    for (const d of [sig!, att!]) {
      expect(d.apiVersion).toBe('policy.sigstore.dev/v1beta1');
      expect(d.kind).toBe('ClusterImagePolicy');
      expect(d.spec.mode).toBe('enforce');
      expect(d.spec.images).toEqual([{ glob: 'ghcr.io/acme/app:*' }, { glob: 'ghcr.io/acme/app@*' }]);
      expect(d.spec.authorities).toHaveLength(1);
      const a = d.spec.authorities[0];
      expect(a.keyless.url).toBe('https://fulcio.sigstore.dev');
      expect(a.keyless.identities).toEqual([{ issuer: ISSUER, subjectRegExp: tagPush.subjectRegExp }]);
      expect(a.ctlog).toEqual({ url: 'https://rekor.sigstore.dev' });
      expect(a.signatureFormat).toBeUndefined();
    }
    expect(sig!.spec.authorities[0].attestations).toBeUndefined();
    expect(att!.spec.authorities[0].attestations.map((x: Y) => x.predicateType)).toEqual(PREDICATES);
    for (const x of att!.spec.authorities[0].attestations) expect(x.name).toMatch(DNS1123_LABEL);
  });

  it.each(Object.entries(SCOPE))('images admit only this repository (%s)', (_name, s) => {
    const d = docs(policyControllerClusterImagePolicy(input({ image: s.input })).text)[0]!;
    const globs: string[] = d.spec.images.map((x: Y) => x.glob);
    for (const g of globs) expect(g).toMatch(/^[a-zA-Z0-9-_:/*.@]+$/); // glob.go validGlob
    const hit = (image: string): boolean => globs.some((g) => pcGlobMatches(g, image));
    for (const image of s.admit) expect(hit(image), image).toBe(true);
    for (const image of s.refuse) expect(hit(image), image).toBe(false);
  });

  it('names Docker Hub images as go-containerregistry does', () => {
    const d = docs(policyControllerClusterImagePolicy(input({ image: HUB_OFFICIAL })).text)[0]!;
    expect(d.spec.images).toEqual([
      { glob: 'index.docker.io/library/nginx:*' },
      { glob: 'index.docker.io/library/nginx@*' },
    ]);
  });

  it('reads bundles with storage: referrers', () => {
    for (const d of docs(policyControllerClusterImagePolicy(input({ storage: 'referrers' })).text)) {
      expect(d.spec.authorities[0].signatureFormat).toBe('bundle');
    }
  });

  // What policy-controller v0.15.1's tester showed (test/conformance/policy-controller.test.ts).
  it('says NOT READY with storage: referrers (policy-controller#1958; #1968 with a private Rekor), not otherwise', () => {
    const notes = (i: Partial<PolicyInput>): string =>
      policyControllerClusterImagePolicy(input(i)).notes.join('\n');
    expect(notes({ storage: 'referrers' })).toMatch(/NOT READY: .*#1958/);
    expect(notes({ storage: 'referrers' })).not.toContain('#1968');
    expect(notes({ storage: 'referrers', sigstore: custom })).toMatch(/NOT READY: .*#1968/);
    for (const storage of ['both', 'legacy'] as const) {
      expect(notes({ storage, sigstore: custom })).not.toContain('NOT READY');
    }
  });

  it('brings a TrustRoot for a private Sigstore and refers to it', () => {
    const g = policyControllerClusterImagePolicy(input({ sigstore: custom }));
    const [tr, sig, att] = docs(g.text);
    expect(tr!.apiVersion).toBe('policy.sigstore.dev/v1alpha1');
    expect(tr!.kind).toBe('TrustRoot');
    const keys = tr!.spec.sigstoreKeys;
    const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
    expect(keys.certificateAuthorities).toHaveLength(1);
    expect(keys.certificateAuthorities[0]).toMatchObject({
      subject: { organization: 'sigstore.dev', commonName: 'sigstore' },
      uri: 'https://fulcio.internal.example',
    });
    // Root last, as CertificateAuthority.certChain wants, whatever order the chain was given in.
    const chain = unb64(keys.certificateAuthorities[0].certChain);
    expect(chain.indexOf(fulcioChain[0]!.trim())).toBeLessThan(chain.indexOf(fulcioChain[1]!.trim()));
    const reversed = { ...custom, fulcioChainPem: [...fulcioChain].reverse().join('') };
    const tr2 = docs(policyControllerClusterImagePolicy(input({ sigstore: reversed })).text)[0]!;
    expect(unb64(tr2.spec.sigstoreKeys.certificateAuthorities[0].certChain)).toBe(chain);
    expect(tr2.spec.sigstoreKeys.certificateAuthorities[0].subject).toEqual({
      organization: 'sigstore.dev',
      commonName: 'sigstore',
    });
    expect(keys.tLogs).toEqual([
      { baseURL: 'https://rekor.internal.example', hashAlgorithm: 'sha-256', publicKey: expect.any(String) },
    ]);
    expect(unb64(keys.tLogs[0].publicKey)).toBe(rekorPem);
    expect(keys.timestampAuthorities).toHaveLength(1);
    expect(keys.timestampAuthorities[0].uri).toBe('https://tsa.internal.example/api/v1/timestamp');
    expect(unb64(keys.timestampAuthorities[0].certChain)).toContain('-----BEGIN CERTIFICATE-----');
    expect(keys.ctLogs).toBeUndefined();
    for (const d of [sig!, att!]) {
      const a = d.spec.authorities[0];
      expect(a.keyless).toMatchObject({
        url: 'https://fulcio.internal.example',
        trustRootRef: tr!.metadata.name,
        insecureIgnoreSCT: true,
      });
      expect(a.keyless.identities).toEqual([{ issuer: ISSUER, subjectRegExp: tagPush.subjectRegExp }]);
      expect(a.ctlog).toEqual({ url: 'https://rekor.internal.example', trustRootRef: tr!.metadata.name });
      expect(a.rfc3161timestamp).toBeUndefined();
    }
    expect(g.notes.join('\n')).toContain('TrustRoot');
  });
});

describe('policy-action: enforce or audit', () => {
  it('enforces by default and only reports with audit, in every consumer', () => {
    const actions = (i: PolicyInput) => ({
      cosign: parse(kyvernoClusterPolicyCosign(i).text).spec.rules[0].verifyImages[0].failureAction,
      bundle: parse(kyvernoClusterPolicyBundle(i).text).spec.rules[0].verifyImages[0].failureAction,
      ivp: parse(kyvernoImageValidatingPolicy(i).text).spec.validationActions,
      pc: docs(policyControllerClusterImagePolicy(i).text)
        .filter((d) => d.kind === 'ClusterImagePolicy')
        .map((d) => d.spec.mode),
    });
    expect(actions(input())).toEqual({
      cosign: 'Enforce',
      bundle: 'Enforce',
      ivp: ['Deny'],
      pc: ['enforce', 'enforce'],
    });
    expect(actions(input({ action: 'enforce' }))).toEqual(actions(input()));
    expect(actions(input({ action: 'audit' }))).toEqual({
      cosign: 'Audit',
      bundle: 'Audit',
      ivp: ['Audit', 'Warn'],
      pc: ['warn', 'warn'],
    });
  });
});

describe('cosign commands', () => {
  /** What bash would hand to cosign: each argument on its own line. */
  const argv = (command: string): string[] => {
    const [tool, ...rest] = command.split(' ');
    const out = execFileSync('bash', ['-c', `printf '%s\\n' ${command.slice(tool!.length + 1)}`], {
      encoding: 'utf8',
    });
    expect(rest.length).toBeGreaterThan(0);
    return out.replace(/\n$/, '').split('\n');
  };
  const flag = (args: string[], name: string): string | undefined => {
    const n = args.indexOf(name);
    return n === -1 ? undefined : args[n + 1];
  };

  it.each([
    ['tag push', tagPush],
    ['regex and shell metacharacters', metachars],
  ])('pass the regex and issuer intact (%s)', (_n, policy) => {
    const cmds = cosignCommands(input({ policy }));
    expect(cmds).toHaveLength(1 + PREDICATES.length);
    expect(cmds[0]).toMatch(/^cosign verify /);
    for (const [n, c] of cmds.entries()) {
      const args = argv(c);
      expect(flag(args, '--certificate-identity-regexp')).toBe(policy.subjectRegExp);
      expect(flag(args, '--certificate-oidc-issuer')).toBe(ISSUER);
      expect(args[args.length - 1]).toBe(`ghcr.io/acme/app@${DIGEST}`);
      if (n > 0) {
        expect(c).toMatch(/^cosign verify-attestation /);
        expect(flag(args, '--type')).toBe(PREDICATES[n - 1]);
      }
      expect(args).not.toContain('--trusted-root');
      expect(args).not.toContain('--new-bundle-format');
    }
  });

  it('adds the trust material of a private Sigstore, the bundle format and the caller', () => {
    const args = argv(
      cosignCommands(
        input({
          sigstore: { ...custom, trustedRootPath: 'my root.json' },
          storage: 'referrers',
          policy: reusable,
          image: LOOPBACK,
          insecureRegistry: true,
        }),
      )[0]!,
    );
    expect(flag(args, '--trusted-root')).toBe('my root.json');
    expect(args).toContain('--insecure-ignore-sct');
    expect(flag(args, '--rekor-url')).toBe('https://rekor.internal.example');
    expect(args).toContain('--new-bundle-format');
    expect(args).toContain('--allow-insecure-registry');
    expect(flag(args, '--certificate-github-workflow-repository')).toBe('acme/caller');
    expect(args[args.length - 1]).toBe(`127.0.0.1:5000/acme/app@${DIGEST}`);
  });

  it('names a Docker Hub image with its registry and library/', () => {
    expect(cosignCommands(input({ image: HUB_OFFICIAL, predicateTypes: [] }))).toEqual([
      `cosign verify --certificate-identity-regexp '${tagPush.subjectRegExp}' --certificate-oidc-issuer ${ISSUER} docker.io/library/nginx@${DIGEST}`,
    ]);
  });

  it('shell-quotes anything', () => {
    for (const s of [`it's`, '$(touch /tmp/x) `id` "q" \\ \n ~ * ?', '', '--flag=x', 'plain']) {
      const out = execFileSync('bash', ['-c', `printf '%s' ${shellQuote(s)}`], { encoding: 'utf8' });
      expect(out).toBe(s);
    }
  });
});

describe('gh attestation verify', () => {
  const argv = (command: string): string[] =>
    execFileSync('bash', ['-c', `printf '%s\\n' ${command.slice('gh '.length)}`], { encoding: 'utf8' })
      .replace(/\n$/, '')
      .split('\n');

  it('is not offered for legacy storage', () => {
    expect(ghAttestationCommand(input({ storage: 'legacy' }))).toBeUndefined();
  });

  it('verifies the bundle from the registry against the repository and the anchored regex', () => {
    const c = ghAttestationCommand(input({ policy: metachars }))!;
    const args = argv(c);
    expect(args.slice(0, 4)).toEqual([
      'attestation',
      'verify',
      `oci://ghcr.io/acme/app@${DIGEST}`,
      '--bundle-from-oci',
    ]);
    expect(args[args.indexOf('--repo') + 1]).toBe('acme/app');
    expect(args[args.indexOf('--cert-identity-regex') + 1]).toBe(metachars.subjectRegExp);
    expect(args[args.indexOf('--cert-oidc-issuer') + 1]).toBe(ISSUER);
    expect(args[args.indexOf('--predicate-type') + 1]).toBe(SLSA);
  });

  it('names the caller of a reusable workflow and picks a predicate that exists', () => {
    const args = argv(ghAttestationCommand(input({ policy: reusable, predicateTypes: [SPDX] }))!);
    expect(args[args.indexOf('--repo') + 1]).toBe('acme/caller');
    expect(args[args.indexOf('--predicate-type') + 1]).toBe(SPDX);
    const none = argv(ghAttestationCommand(input({ predicateTypes: [] }))!);
    expect(none[none.indexOf('--predicate-type') + 1]).toBe('https://sigstore.dev/cosign/sign/v1');
  });

  it('uses the trusted root of a private Sigstore as JSON Lines', () => {
    const c = ghAttestationCommand(input({ sigstore: custom }))!;
    expect(c).toMatch(/^jq -c \. trusted_root\.json > trusted_root\.jsonl && gh attestation verify /);
    const args = argv(c.slice(c.indexOf('gh ')));
    expect(args[args.indexOf('--custom-trusted-root') + 1]).toBe('trusted_root.jsonl');
  });
});
