// The patterns we emit are run by Go (cosign, Kyverno, policy-controller), not by JavaScript.
// This suite asks Go itself: a std-lib-only program compiles every pattern with regexp.Compile and
// reports MatchString for each (pattern, subject) pair, and the outcomes must be the ones JS gives
// and the ones the policy intends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeRegExp, identityPolicy, type SigningIdentity } from '../../src/policy/identity.js';
import { globMatches, nearMisses } from '../../src/policy/self-check.js';
import { assertAnchoredRe2 } from '../../src/policy/regex.js';
import { toolGate, toolPath } from '../support/tools.js';

// Kyverno's glob is github.com/IGLOU-EU/go-wildcard v1.0.3 Match (rune-wise `*` = any sequence,
// `?` = one rune, whole string). The oracle below states the same semantics as an RE2 regex
// built by Go itself, so the glob side is checked against Go's notion of a rune too.
const GO_PROGRAM = `package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
)

type input struct {
	Regex   [][2]string \`json:"regex"\`
	Glob    [][2]string \`json:"glob"\`
	Quote   []string    \`json:"quote"\`
	Compile []string    \`json:"compile"\`
}

type regexResult struct {
	Match bool   \`json:"match"\`
	Err   string \`json:"err,omitempty"\`
}

type output struct {
	Regex   []regexResult \`json:"regex"\`
	Glob    []bool        \`json:"glob"\`
	Quote   []string      \`json:"quote"\`
	Compile []string      \`json:"compile"\`
}

func globRegexp(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?s)^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	out := output{Regex: []regexResult{}, Glob: []bool{}, Quote: []string{}, Compile: []string{}}
	for _, pair := range in.Regex {
		re, err := regexp.Compile(pair[0])
		if err != nil {
			out.Regex = append(out.Regex, regexResult{Err: err.Error()})
			continue
		}
		out.Regex = append(out.Regex, regexResult{Match: re.MatchString(pair[1])})
	}
	for _, pair := range in.Glob {
		out.Glob = append(out.Glob, globRegexp(pair[0]).MatchString(pair[1]))
	}
	for _, s := range in.Quote {
		out.Quote = append(out.Quote, regexp.QuoteMeta(s))
	}
	for _, p := range in.Compile {
		msg := ""
		if _, err := regexp.Compile(p); err != nil {
			msg = err.Error()
		}
		out.Compile = append(out.Compile, msg)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`;

interface GoInput {
  regex: [string, string][];
  glob: [string, string][];
  quote: string[];
  compile: string[];
}
interface GoOutput {
  regex: { match: boolean; err?: string }[];
  glob: boolean[];
  quote: string[];
  compile: string[];
}

const GH = 'https://github.com';
const ISSUER = 'https://token.actions.githubusercontent.com';
const RELEASE = `${GH}/acme/app/.github/workflows/release.yml`;

/** [identity, SANs besides the issued one that the recommended regex must accept] */
const IDENTITIES: [SigningIdentity, string[]][] = [
  [
    { san: `${RELEASE}@refs/tags/v1.2.3`, issuer: ISSUER },
    [`${RELEASE}@refs/tags/v1.2.4`, `${RELEASE}@refs/tags/v10.0.0`],
  ],
  [
    { san: `${RELEASE}@refs/tags/v1.2.3-rc.1`, issuer: ISSUER },
    [`${RELEASE}@refs/tags/v1.2.3`, `${RELEASE}@refs/tags/v2.0.0-beta-2.x`],
  ],
  [{ san: `${RELEASE}@refs/tags/1.2.3`, issuer: ISSUER }, [`${RELEASE}@refs/tags/1.3.0`]],
  [{ san: `${RELEASE}@refs/tags/release-2024.01`, issuer: ISSUER }, []],
  [{ san: `${GH}/acme/app/.github/workflows/build.yaml@refs/heads/main`, issuer: ISSUER }, []],
  [{ san: `${GH}/acme/app/.github/workflows/ci.yml@refs/pull/123/merge`, issuer: ISSUER }, []],
  [
    {
      san: `${GH}/acme/shared-workflows/.github/workflows/sign.yml@refs/heads/main`,
      issuer: ISSUER,
      buildConfigUri: `${RELEASE}@refs/tags/v1.2.3`,
      sourceRepositoryUri: `${GH}/acme/app`,
    },
    [],
  ],
  [
    {
      san: 'https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v3.1.4',
      issuer: 'https://token.actions.acme.ghe.com',
    },
    ['https://acme.ghe.com/platform/api/.github/workflows/release.yml@refs/tags/v3.2.0'],
  ],
  [
    { san: `${GH}/my.org/my-app_v2/.github/workflows/re.lease.yml@refs/heads/release/1.x`, issuer: ISSUER },
    [],
  ],
  [{ san: `${RELEASE}@refs/heads/fix+(x)|y{2}$^`, issuer: ISSUER }, []],
];

interface Case {
  pattern: string;
  subject: string;
  /** What the policy intends: accept the issued SAN and later runs, reject every near miss. */
  intended: boolean;
  why: string;
}

function regexCases(): Case[] {
  const cases: Case[] = [];
  for (const [id, alsoAccepted] of IDENTITIES) {
    const policy = identityPolicy(id);
    cases.push({ pattern: policy.subjectRegExp, subject: id.san, intended: true, why: 'issued SAN' });
    cases.push({ pattern: policy.exactRegExp, subject: id.san, intended: true, why: 'issued SAN (exact)' });
    for (const san of alsoAccepted)
      cases.push({ pattern: policy.subjectRegExp, subject: san, intended: true, why: 'later run' });
    for (const m of nearMisses(id)) {
      cases.push({ pattern: policy.subjectRegExp, subject: m.san, intended: false, why: m.label });
      cases.push({ pattern: policy.exactRegExp, subject: m.san, intended: false, why: `${m.label} (exact)` });
    }
  }
  return cases;
}

function globCases(): Case[] {
  const cases: Case[] = [];
  for (const [id, alsoAccepted] of IDENTITIES) {
    const policy = identityPolicy(id);
    cases.push({ pattern: policy.kyvernoGlob, subject: id.san, intended: true, why: 'issued SAN' });
    for (const san of alsoAccepted)
      cases.push({ pattern: policy.kyvernoGlob, subject: san, intended: true, why: 'later run' });
    for (const m of nearMisses(id)) {
      if (!m.regexOnly)
        cases.push({ pattern: policy.kyvernoGlob, subject: m.san, intended: false, why: m.label });
    }
  }
  return cases;
}

/** Deterministic pseudo-random globs and names over a small alphabet with `/`, `@`, a newline and an astral rune. */
function fuzzGlobPairs(count: number): [string, string][] {
  let seed = 0x9e3779b9;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const pick = (alphabet: string[], max: number): string => {
    let s = '';
    const n = Math.floor(next() * (max + 1));
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const letters = ['a', 'b', '/', '@', '.', '\n', 'é', '😀'];
  const pairs: [string, string][] = [];
  for (let i = 0; i < count; i++) pairs.push([pick([...letters, '*', '?', '*'], 6), pick(letters, 8)]);
  return pairs;
}

const QUOTE_SAMPLES = [
  '\\.+*?()|[]{}^$',
  'https://github.com/my.org/my-app_v2/.github/workflows/re.lease.yml@refs/heads/fix+(x)|y{2}$^',
  'a-b_c/d@e:f#g h~',
  'é😀',
];

// What assertAnchoredRe2 refuses must be what Go refuses too (or, for anchors, what changes meaning).
const NOT_RE2 = [
  '^(?=a)a$',
  '^(?!a)b$',
  '^(?<=a)b$',
  '^(?<!a)b$',
  '^(a)\\1$',
  '^(?<n>a)\\k<n>$',
  '^(?>a)$',
  '^a++$',
];

describe.skipIf(!toolGate('go'))('subject patterns under Go RE2 (regexp.MatchString)', () => {
  let dir: string;
  let input: GoInput;
  let output: GoOutput;
  const regex = regexCases();
  const glob = globCases();
  const fuzz = fuzzGlobPairs(3000);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sigstamp-re2-'));
    writeFileSync(join(dir, 'main.go'), GO_PROGRAM);
    input = {
      regex: regex.map((c) => [c.pattern, c.subject]),
      glob: [...glob.map((c): [string, string] => [c.pattern, c.subject]), ...fuzz],
      quote: QUOTE_SAMPLES,
      compile: NOT_RE2,
    };
    const stdout = execFileSync(toolPath('go'), ['run', 'main.go'], {
      cwd: dir,
      input: JSON.stringify(input),
      encoding: 'utf8',
      // std lib only: no module, no toolchain download, no proxy.
      env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local', GOPROXY: 'off', GO111MODULE: 'auto' },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    output = JSON.parse(stdout) as GoOutput;
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Go compiles every emitted pattern', () => {
    expect(regex.length).toBeGreaterThan(200);
    const errors = output.regex.flatMap((r, i) => (r.err ? [`${regex[i]!.pattern}: ${r.err}`] : []));
    expect(errors).toEqual([]);
  });

  it('Go accepts the issued SAN and later runs, and rejects every near miss; JS agrees on each pair', () => {
    const wrong: string[] = [];
    regex.forEach((c, i) => {
      const go = output.regex[i]!.match;
      const js = new RegExp(c.pattern, 'u').test(c.subject);
      if (go !== c.intended || js !== go) {
        wrong.push(
          `${c.why}: ${c.pattern} vs ${JSON.stringify(c.subject)}: go=${go} js=${js} intended=${c.intended}`,
        );
      }
    });
    expect(wrong).toEqual([]);
  });

  it('the Kyverno glob accepts and rejects as intended under go-wildcard semantics, and globMatches agrees', () => {
    const wrong: string[] = [];
    glob.forEach((c, i) => {
      const go = output.glob[i]!;
      const js = globMatches(c.pattern, c.subject);
      if (go !== c.intended || js !== go) {
        wrong.push(
          `${c.why}: ${c.pattern} vs ${JSON.stringify(c.subject)}: go=${go} js=${js} intended=${c.intended}`,
        );
      }
    });
    expect(wrong).toEqual([]);
  });

  it('globMatches agrees with Go on random globs (runes, `/`, `@`, newlines)', () => {
    const offset = glob.length;
    const wrong = fuzz.flatMap(([g, s], i) =>
      globMatches(g, s) === output.glob[offset + i] ? [] : [`${JSON.stringify(g)} vs ${JSON.stringify(s)}`],
    );
    expect(output.glob.slice(offset).filter(Boolean).length).toBeGreaterThan(50); // the fuzz exercises matches too
    expect(wrong).toEqual([]);
  });

  it('escapeRegExp is regexp.QuoteMeta', () => {
    expect(QUOTE_SAMPLES.map(escapeRegExp)).toEqual(output.quote);
  });

  it('what assertAnchoredRe2 refuses as non-RE2, Go refuses too', () => {
    NOT_RE2.forEach((p, i) => {
      expect(() => assertAnchoredRe2(p), p).toThrow();
      expect(output.compile[i], p).not.toBe('');
    });
  });
});
