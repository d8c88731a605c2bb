import { describe, expect, it } from 'vitest';
import {
  escapeRegExp,
  identityPolicy,
  parseSan,
  type IdentityPolicy,
  type SigningIdentity,
} from '../../src/policy/identity.js';
import { checkPolicy, globMatches, nearMisses } from '../../src/policy/self-check.js';
import { assertAnchoredRe2 } from '../../src/policy/regex.js';

// Signing identities, each with SANs its recommended regex must still accept besides the one
// issued (later runs the policy is meant to admit; the glob is never tighter than the regex).
interface IdentityFixture {
  name: string;
  id: SigningIdentity;
  /** Other SANs the recommended regex must accept (and so the glob, which is never tighter). */
  alsoAccepted: string[];
}

const GH = 'https://github.com';
const ISSUER = 'https://token.actions.githubusercontent.com';
const RELEASE = `${GH}/acme/app/.github/workflows/release.yml`;

const FIXTURES: IdentityFixture[] = [
  {
    name: 'tag push (v-prefixed semver)',
    id: {
      san: `${RELEASE}@refs/tags/v1.2.3`,
      issuer: ISSUER,
      buildConfigUri: `${RELEASE}@refs/tags/v1.2.3`,
      sourceRepositoryUri: `${GH}/acme/app`,
      sourceRepositoryRef: 'refs/tags/v1.2.3',
      runInvocationUri: `${GH}/acme/app/actions/runs/42/attempts/1`,
    },
    alsoAccepted: [
      `${RELEASE}@refs/tags/v1.2.4`,
      `${RELEASE}@refs/tags/v10.20.30`,
      `${RELEASE}@refs/tags/v0.0.0`,
    ],
  },
  {
    name: 'tag push (pre-release)',
    id: {
      san: `${RELEASE}@refs/tags/v1.2.3-rc.1`,
      issuer: ISSUER,
      buildConfigUri: `${RELEASE}@refs/tags/v1.2.3-rc.1`,
    },
    alsoAccepted: [
      `${RELEASE}@refs/tags/v1.2.3`,
      `${RELEASE}@refs/tags/v2.0.0-beta-2.x`,
      `${RELEASE}@refs/tags/v1.2.3-rc.2`,
    ],
  },
  {
    name: 'tag push (semver without v)',
    id: { san: `${RELEASE}@refs/tags/1.2.3`, issuer: ISSUER, buildConfigUri: `${RELEASE}@refs/tags/1.2.3` },
    alsoAccepted: [`${RELEASE}@refs/tags/1.2.4`, `${RELEASE}@refs/tags/2.0.0`],
  },
  {
    name: 'tag push (other shape)',
    id: {
      san: `${RELEASE}@refs/tags/release-2024.01`,
      issuer: ISSUER,
      buildConfigUri: `${RELEASE}@refs/tags/release-2024.01`,
    },
    alsoAccepted: [],
  },
  {
    name: 'branch push',
    id: {
      san: `${GH}/acme/app/.github/workflows/build.yaml@refs/heads/main`,
      issuer: ISSUER,
      buildConfigUri: `${GH}/acme/app/.github/workflows/build.yaml@refs/heads/main`,
    },
    alsoAccepted: [],
  },
  {
    name: 'pull request',
    id: {
      san: `${GH}/acme/app/.github/workflows/ci.yml@refs/pull/123/merge`,
      issuer: ISSUER,
      buildConfigUri: `${GH}/acme/app/.github/workflows/ci.yml@refs/pull/123/merge`,
    },
    alsoAccepted: [],
  },
  {
    name: 'reusable workflow in another repository',
    id: {
      san: `${GH}/acme/shared-workflows/.github/workflows/sign.yml@refs/heads/main`,
      issuer: ISSUER,
      buildConfigUri: `${RELEASE}@refs/tags/v1.2.3`,
      sourceRepositoryUri: `${GH}/acme/app`,
      sourceRepositoryRef: 'refs/tags/v1.2.3',
    },
    alsoAccepted: [],
  },
  {
    name: 'reusable workflow called at a commit SHA',
    id: {
      san: `${GH}/acme/shared-workflows/.github/workflows/sign.yml@0123456789abcdef0123456789abcdef01234567`,
      issuer: ISSUER,
      buildConfigUri: `${GH}/acme/app/.github/workflows/release.yml@refs/heads/main`,
      sourceRepositoryUri: `${GH}/acme/app`,
    },
    alsoAccepted: [],
  },
  {
    name: 'GHE.com host',
    id: {
      san: 'https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v3.1.4',
      issuer: 'https://token.actions.acme.ghe.com',
      buildConfigUri: 'https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v3.1.4',
    },
    alsoAccepted: ['https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v3.2.0'],
  },
  {
    name: 'names with dots, dashes and underscores',
    id: {
      san: `${GH}/my.org/my-app_v2/.github/workflows/re.lease.yml@refs/heads/release/1.x`,
      issuer: ISSUER,
      buildConfigUri: `${GH}/my.org/my-app_v2/.github/workflows/re.lease.yml@refs/heads/release/1.x`,
    },
    alsoAccepted: [],
  },
  {
    name: 'regex metacharacters in the ref',
    id: {
      san: `${GH}/acme/app/.github/workflows/release.yml@refs/heads/fix+(x)|y{2}$^`,
      issuer: ISSUER,
      buildConfigUri: `${GH}/acme/app/.github/workflows/release.yml@refs/heads/fix+(x)|y{2}$^`,
    },
    alsoAccepted: [],
  },
];

const matches = (pattern: string, s: string): boolean => new RegExp(pattern, 'u').test(s);
const fixture = (name: string): IdentityFixture => {
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

describe('parseSan', () => {
  it('splits a tag-push SAN into host, owner, repo, workflow file and ref', () => {
    expect(parseSan(`${RELEASE}@refs/tags/v1.2.3`)).toEqual({
      serverUrl: 'https://github.com',
      owner: 'acme',
      repo: 'app',
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/tags/v1.2.3',
      refKind: 'tag',
    });
  });

  it('classifies refs: branch, pull request, commit SHA', () => {
    expect(parseSan(`${RELEASE}@refs/heads/feature/x`).refKind).toBe('branch');
    expect(parseSan(`${RELEASE}@refs/pull/9/merge`).refKind).toBe('pull');
    expect(parseSan(`${RELEASE}@0123456789abcdef0123456789abcdef01234567`).refKind).toBe('other');
    expect(parseSan(`${RELEASE}@refs/notes/x`).refKind).toBe('other');
  });

  it('keeps a GHE.com host as the certificate states it', () => {
    const p = parseSan('https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/heads/main');
    expect(p.serverUrl).toBe('https://acme.ghe.com');
    expect(p.owner).toBe('platform');
  });

  it('splits at the workflow file even when the ref contains "@"', () => {
    const p = parseSan(`${GH}/my.org/my-app_v2/.github/workflows/re.lease.yaml@refs/heads/a@b`);
    expect(p).toMatchObject({
      owner: 'my.org',
      repo: 'my-app_v2',
      workflowPath: '.github/workflows/re.lease.yaml',
    });
    expect(p.ref).toBe('refs/heads/a@b');
  });

  it.each([
    ['a GitLab CI identity', 'https://gitlab.com/acme/app//.gitlab-ci.yml@refs/heads/main'],
    ['an e-mail identity', 'someone@example.com'],
    ['a workflow outside .github/workflows', `${GH}/acme/app/ci/release.yml@refs/heads/main`],
    ['a workflow in a subdirectory', `${GH}/acme/app/.github/workflows/sub/release.yml@refs/heads/main`],
    ['no ref', `${RELEASE}`],
    ['an empty ref', `${RELEASE}@`],
    ['whitespace', `${RELEASE}@refs/heads/main `],
    ['an empty string', ''],
  ])('refuses %s, naming the SAN', (_what, san) => {
    expect(() => parseSan(san)).toThrow(
      `certificate SAN ${JSON.stringify(san)} is not a GitHub Actions workflow identity`,
    );
  });
});

describe('identityPolicy', () => {
  it('tag push: pins host, repo, workflow and the version shape of the tag', () => {
    const p = identityPolicy(fixture('tag push (v-prefixed semver)').id);
    expect(p).toMatchObject({
      exactSubject: `${RELEASE}@refs/tags/v1.2.3`,
      issuer: ISSUER,
      reusableWorkflow: false,
      subjectRegExp:
        '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+$',
      exactRegExp: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v1\\.2\\.3$',
      kyvernoGlob: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v*.*.*',
      refPattern: 'refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+',
    });
    expect(p.callerRepository).toBeUndefined();
    expect(p.rationale.join('\n')).toContain('refs/tags/v[0-9]+');
    // A release identity does not admit pre-releases; the glob cannot tell them apart.
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/tags/v1.2.4-rc.1`)).toBe(false);
    expect(globMatches(p.kyvernoGlob, `${RELEASE}@refs/tags/v1.2.4-rc.1`)).toBe(true);
  });

  it('pre-release tag: allows an optional pre-release suffix', () => {
    const p = identityPolicy(fixture('tag push (pre-release)').id);
    expect(p.refPattern).toBe('refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?');
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/tags/v1.2.3-rc.1/evil`)).toBe(false);
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/tags/v1.2.3+build.1`)).toBe(false);
  });

  it('tag without v: no v in the pattern or the glob', () => {
    const p = identityPolicy(fixture('tag push (semver without v)').id);
    expect(p.refPattern).toBe('refs/tags/[0-9]+\\.[0-9]+\\.[0-9]+');
    expect(p.kyvernoGlob).toBe(`${RELEASE}@refs/tags/*.*.*`);
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/tags/v1.2.3`)).toBe(false);
  });

  it('tag of another shape: the exact tag, escaped', () => {
    const p = identityPolicy(fixture('tag push (other shape)').id);
    expect(p.refPattern).toBe('refs/tags/release-2024\\.01');
    expect(p.subjectRegExp).toBe(p.exactRegExp);
    expect(p.kyvernoGlob).toBe(p.exactSubject);
  });

  it('branch push: the exact branch', () => {
    const p = identityPolicy(fixture('branch push').id);
    expect(p.subjectRegExp).toBe(
      '^https://github\\.com/acme/app/\\.github/workflows/build\\.yaml@refs/heads/main$',
    );
    expect(p.subjectRegExp).toBe(p.exactRegExp);
    expect(p.kyvernoGlob).toBe('https://github.com/acme/app/.github/workflows/build.yaml@refs/heads/main');
    expect(p.refPattern).toBe('refs/heads/main');
  });

  it('pull request and commit SHA refs: exact', () => {
    expect(identityPolicy(fixture('pull request').id).refPattern).toBe('refs/pull/123/merge');
    const sha = identityPolicy(fixture('reusable workflow called at a commit SHA').id);
    expect(sha.refPattern).toBe('0123456789abcdef0123456789abcdef01234567');
  });

  it('reusable workflow: pins the CALLED workflow, names the caller, explains the consequence', () => {
    const p = identityPolicy(fixture('reusable workflow in another repository').id);
    expect(p.reusableWorkflow).toBe(true);
    expect(p.callerRepository).toBe('https://github.com/acme/app');
    expect(p.subjectRegExp).toBe(
      '^https://github\\.com/acme/shared-workflows/\\.github/workflows/sign\\.yml@refs/heads/main$',
    );
    const why = p.rationale.join('\n');
    expect(why).toContain('reusable workflow');
    expect(why).toContain('https://github.com/acme/app');
    expect(why).toContain('githubWorkflowRepository');
    expect(why).toContain('the caller ran on `refs/tags/v1.2.3`');
    // The caller signing on its own is another identity.
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/tags/v1.2.3`)).toBe(false);
  });

  it('reusable workflow: caller derived from the Build Config URI when the Source Repository URI is absent', () => {
    const { sourceRepositoryUri: _, ...id } = fixture('reusable workflow in another repository').id;
    expect(identityPolicy(id).callerRepository).toBe('https://github.com/acme/app');
  });

  it('reusable workflow detected from the Source Repository URI when the Build Config URI is absent', () => {
    const { buildConfigUri: _, ...id } = fixture('reusable workflow in another repository').id;
    expect(identityPolicy(id)).toMatchObject({
      reusableWorkflow: true,
      callerRepository: 'https://github.com/acme/app',
    });
  });

  it('without a Build Config URI or a differing source: not reusable, and says it cannot tell', () => {
    const p = identityPolicy({ san: `${RELEASE}@refs/heads/main`, issuer: ISSUER });
    expect(p.reusableWorkflow).toBe(false);
    expect(p.rationale.join('\n')).toContain('Build Config URI');
  });

  it('GHE.com: host and issuer from the certificate, never github.com', () => {
    const p = identityPolicy(fixture('GHE.com host').id);
    expect(p.issuer).toBe('https://token.actions.acme.ghe.com');
    expect(p.subjectRegExp).toBe(
      '^https://acme\\.ghe\\.com/platform/api/\\.github/workflows/release\\.yml@refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+$',
    );
    expect(p.kyvernoGlob).toBe(
      'https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v*.*.*',
    );
    const onGithub = 'https://github.com/platform/api/.github/workflows/release.yml@refs/tags/v3.1.4';
    expect(matches(p.subjectRegExp, onGithub)).toBe(false);
    expect(globMatches(p.kyvernoGlob, onGithub)).toBe(false);
  });

  it('escapes dots in owner, repo and workflow file; dashes and underscores stay literal', () => {
    const p = identityPolicy(fixture('names with dots, dashes and underscores').id);
    expect(p.subjectRegExp).toBe(
      '^https://github\\.com/my\\.org/my-app_v2/\\.github/workflows/re\\.lease\\.yml@refs/heads/release/1\\.x$',
    );
    expect(
      matches(
        p.subjectRegExp,
        `${GH}/myxorg/my-app_v2/.github/workflows/re.lease.yml@refs/heads/release/1.x`,
      ),
    ).toBe(false);
  });

  it('escapes regex metacharacters a branch name may contain', () => {
    const p = identityPolicy(fixture('regex metacharacters in the ref').id);
    expect(p.refPattern).toBe('refs/heads/fix\\+\\(x\\)\\|y\\{2\\}\\$\\^');
    expect(matches(p.subjectRegExp, p.exactSubject)).toBe(true);
    expect(matches(p.subjectRegExp, `${RELEASE}@refs/heads/fixx|y`)).toBe(false);
  });

  it('refuses an empty or padded issuer', () => {
    expect(() => identityPolicy({ san: `${RELEASE}@refs/heads/main`, issuer: '' })).toThrow(/issuer/);
    expect(() => identityPolicy({ san: `${RELEASE}@refs/heads/main`, issuer: ` ${ISSUER}` })).toThrow(
      /issuer/,
    );
  });

  it('refuses a workflow file name the Kyverno glob cannot state literally', () => {
    expect(() =>
      identityPolicy({ san: `${GH}/acme/app/.github/workflows/a*b.yml@refs/heads/main`, issuer: ISSUER }),
    ).toThrow(/Kyverno's subject glob cannot match literally/);
  });
});

describe.each(FIXTURES)('$name', ({ id, alsoAccepted }) => {
  const policy = identityPolicy(id);

  it('every pattern is anchored and RE2-safe', () => {
    for (const pattern of [policy.subjectRegExp, policy.exactRegExp]) {
      expect(pattern.startsWith('^') && pattern.endsWith('$')).toBe(true);
      expect(() => assertAnchoredRe2(pattern)).not.toThrow();
    }
    // The pinned part is the escaped SAN up to the ref; only the ref part may be a pattern.
    const p = parseSan(id.san);
    const pinned = `${p.serverUrl}/${p.owner}/${p.repo}/${p.workflowPath}@`;
    expect(policy.subjectRegExp).toBe(`^${escapeRegExp(pinned)}${policy.refPattern}$`);
    expect(policy.kyvernoGlob.startsWith(pinned)).toBe(true);
  });

  it('regex, exact regex and glob accept the issued SAN; regex and glob accept later runs it is meant for', () => {
    expect(matches(policy.subjectRegExp, id.san)).toBe(true);
    expect(matches(policy.exactRegExp, id.san)).toBe(true);
    expect(globMatches(policy.kyvernoGlob, id.san)).toBe(true);
    for (const san of alsoAccepted) {
      expect(matches(policy.subjectRegExp, san), san).toBe(true);
      expect(globMatches(policy.kyvernoGlob, san), san).toBe(true);
    }
  });

  it('every near miss is rejected by the regex, the exact regex and (unless regex-only) the glob', () => {
    const misses = nearMisses(id);
    expect(misses.length).toBeGreaterThan(10);
    for (const m of misses) {
      expect(m.san, m.label).not.toBe(id.san);
      expect(matches(policy.subjectRegExp, m.san), `${m.label}: ${m.san}`).toBe(false);
      expect(matches(policy.exactRegExp, m.san), `${m.label}: ${m.san}`).toBe(false);
      if (!m.regexOnly) expect(globMatches(policy.kyvernoGlob, m.san), `${m.label}: ${m.san}`).toBe(false);
    }
    expect(() => checkPolicy(policy, id)).not.toThrow();
  });

  it('near misses cover each thing the patterns must pin', () => {
    const labels = nearMisses(id).map((m) => m.label);
    for (const expected of [
      'another workflow file of the same repository',
      'a repository sharing the name as a prefix',
      'the same repository name under another owner',
      'another host',
      'a host sharing the name as a prefix',
      'the SAN with a prefix',
      'the SAN with a path suffix appended',
    ]) {
      expect(labels).toContain(expected);
    }
    const p = parseSan(id.san);
    if (p.refKind === 'branch')
      expect(labels).toEqual(expect.arrayContaining(['another branch', 'a tag named like the branch']));
    if (p.refKind === 'tag') expect(labels).toContain('a branch named like the tag');
    if (policy.reusableWorkflow) {
      expect(labels).toContain('the caller workflow signing directly, without the reusable workflow');
    }
  });
});

describe('nearMisses', () => {
  it('for a tag identity: a branch instead of the tag, and shape-only misses marked regex-only', () => {
    const misses = nearMisses(fixture('tag push (v-prefixed semver)').id);
    const byLabel = new Map(misses.map((m) => [m.label, m]));
    expect(byLabel.get('a branch named like the tag')).toEqual({
      label: 'a branch named like the tag',
      san: `${RELEASE}@refs/heads/v1.2.3`,
    });
    expect(byLabel.get('a pre-release of a release identity')).toMatchObject({
      san: `${RELEASE}@refs/tags/v1.2.3-rc.1`,
      regexOnly: true,
    });
    expect(byLabel.get('the SAN with a path suffix appended')).toMatchObject({ regexOnly: true });
    // Misses outside the tag namespace are never regex-only.
    expect(misses.filter((m) => m.regexOnly).every((m) => m.san.startsWith(`${RELEASE}@refs/tags/`))).toBe(
      true,
    );
  });

  it('for a branch identity: nothing is regex-only, another branch and a prefix-sharing branch', () => {
    const misses = nearMisses(fixture('branch push').id);
    expect(misses.some((m) => m.regexOnly)).toBe(false);
    const sans = misses.map((m) => m.san);
    expect(sans).toContain(`${GH}/acme/app/.github/workflows/build.yaml@refs/heads/evil`);
    expect(sans).toContain(`${GH}/acme/app/.github/workflows/build.yaml@refs/heads/main-evil`);
  });

  it('replaces each dot of the pinned text, one at a time', () => {
    const misses = nearMisses(fixture('names with dots, dashes and underscores').id);
    const dots = misses.filter((m) => m.label.startsWith('the SAN with its "."'));
    // github.com, my.org, .github, re.lease.yml (2), release/1.x
    expect(dots).toHaveLength(6);
    expect(dots.map((m) => m.san)).toContain(
      `${GH}/myxorg/my-app_v2/.github/workflows/re.lease.yml@refs/heads/release/1.x`,
    );
  });
});

describe('checkPolicy', () => {
  const id = fixture('tag push (v-prefixed semver)').id;
  const good = identityPolicy(id);
  const broken = (patch: Partial<IdentityPolicy>): IdentityPolicy => ({ ...good, ...patch });

  it.each<[string, Partial<IdentityPolicy>, RegExp]>([
    ['an unanchored regex', { subjectRegExp: 'https://github\\.com/acme/app/' }, /not anchored/],
    [
      'a regex without escaped dots',
      { subjectRegExp: '^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1\\.2\\.3$' },
      /subject regex .* accepts the SAN with its "\." at offset \d+ replaced: "https:\/\/githubxcom/,
    ],
    [
      'a regex open at the end',
      {
        subjectRegExp:
          '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v1\\.2\\.3.*$',
      },
      /accepts the SAN with a path suffix appended/,
    ],
    [
      'a regex admitting every workflow of the repository',
      { subjectRegExp: '^https://github\\.com/acme/app/\\.github/workflows/[^@]+@refs/tags/v1\\.2\\.3$' },
      /accepts another workflow file of the same repository/,
    ],
    [
      'a regex with a lookahead',
      {
        subjectRegExp:
          '^(?=https)https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v1\\.2\\.3$',
      },
      /lookaround/,
    ],
    [
      'a glob over the whole owner',
      { kyvernoGlob: 'https://github.com/acme/*' },
      /Kyverno subject glob https:\/\/github\.com\/acme\/\* accepts/,
    ],
    [
      'a glob over any ref',
      { kyvernoGlob: `${RELEASE}@*` },
      /accepts a branch named like the tag: ".*refs\/heads\/v1\.2\.3"/,
    ],
    [
      'a glob that misses the issued SAN',
      { kyvernoGlob: `${RELEASE}@refs/tags/v*.*` + '.0' },
      /does not match the issued SAN/,
    ],
    ['another exact subject', { exactSubject: `${RELEASE}@refs/tags/v9.9.9` }, /is not the issued SAN/],
    ['another issuer', { issuer: 'https://token.actions.evil.example' }, /is not the issued/],
  ])('throws on %s, naming the pattern and the SAN', (_what, patch, message) => {
    expect(() => checkPolicy(broken(patch), id)).toThrow(message);
  });
});

describe('globMatches (go-wildcard v1.0.3, as Kyverno uses it)', () => {
  it.each<[string, string, boolean]>([
    ['*', 's3:GetObject', true],
    ['', 's3:GetObject', false],
    ['', '', true],
    ['s3:*', 's3:ListMultipartUploadParts', true],
    ['s3:ListBucketMultipartUploads', 's3:ListBucket', false],
    ['my-bucket/oo*', 'my-bucket/oo', true],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/Karnataka/Ban/Ban/Ban/Ban/Ban', true],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/Karnataka/Bangalore', false],
    ['my-bucket?/abc*', 'mybucket/abc', false],
    ['my-bucket/abc?efg', 'my-bucket/abc/efg', true],
    ['my-bucket/abc????', 'my-bucket/abc', false],
    ['my-bucket/mnop*?', 'my-bucket/mnop', false],
    ['my-bucket/mnop*?and', 'my-bucket/mnopqand', true],
    ['my-bucket/mnop*?and', 'my-bucket/mnopand', false],
    // What matters for subjects: `*` crosses `/` and `@`, `?` is one character (a rune, not a UTF-16 unit).
    [
      'https://github.com/acme/*',
      'https://github.com/acme/app/.github/workflows/x.yml@refs/heads/main',
      true,
    ],
    ['a*b', 'a/@\nb', true],
    ['a?b', 'a😀b', true],
    ['a??b', 'a😀b', false],
    ['a.b', 'axb', false],
    ['a*a*a*a*a*a*a*a*b', 'a'.repeat(200), false],
  ])('Match(%j, %j) = %s', (glob, subject, expected) => {
    expect(globMatches(glob, subject)).toBe(expected);
  });
});

describe('escapeRegExp and assertAnchoredRe2', () => {
  it('escapes exactly what Go regexp.QuoteMeta escapes', () => {
    expect(escapeRegExp('\\.+*?()|[]{}^$')).toBe('\\\\\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$');
    expect(escapeRegExp('a-b_c/d@e:f#g')).toBe('a-b_c/d@e:f#g');
  });

  it.each([
    ['^a$', undefined],
    ['^a\\\\$', undefined],
    ['^a[(?=]$', undefined],
    ['^a\\(?=b$', undefined],
    ['a$', /not anchored/],
    ['^a', /not anchored/],
    ['^a\\$', /not anchored/],
    ['^(?=a)a$', /lookaround/],
    ['^(?<!a)b$', /lookaround/],
    ['^(a)\\1$', /backreference/],
    ['^(?<n>a)\\k<n>$', /backreference/],
    ['^(?>a)$', /atomic group/],
    ['^a++$', /possessive/],
    ['^a($', /does not compile/],
  ])('%s', (pattern, error) => {
    if (error) expect(() => assertAnchoredRe2(pattern)).toThrow(error);
    else expect(() => assertAnchoredRe2(pattern)).not.toThrow();
  });
});
