// The run-time self-check of an identity policy: the patterns must accept the SAN actually issued
// and reject every near miss (another workflow file, repository, owner, branch, host, a suffix), for
// the regex and for Kyverno's glob as Kyverno matches it.
import {
  parseSan,
  refRule,
  reusableCaller,
  type IdentityPolicy,
  type ParsedSan,
  type SigningIdentity,
} from './identity.js';
import { assertAnchoredRe2 } from './regex.js';
export interface NearMiss {
  label: string;
  san: string;
  /**
   * Only the regex must reject it: the SAN differs from the issued one only inside a tag name that
   * the glob covers with `*` (go-wildcard has no character classes, so it cannot pin a tag's shape).
   */
  regexOnly?: boolean;
}

/** SANs that MUST NOT match the policy of `id`: each probes one thing the patterns must pin. */
export function nearMisses(id: SigningIdentity): NearMiss[] {
  const p = parseSan(id.san);
  const rule = refRule(p);
  const build = (q: Partial<ParsedSan>): string => {
    const r = { ...p, ...q };
    return `${r.serverUrl}/${r.owner}/${r.repo}/${r.workflowPath}@${r.ref}`;
  };
  const file = p.workflowPath.slice('.github/workflows/'.length);
  const otherScheme = p.serverUrl.startsWith('https://')
    ? p.serverUrl.replace(/^https/, 'http')
    : p.serverUrl.replace(/^http/, 'https');
  const misses: NearMiss[] = [
    {
      label: 'another workflow file of the same repository',
      san: build({ workflowPath: '.github/workflows/evil.yml' }),
    },
    {
      label: 'a workflow file whose name ends with the same name',
      san: build({ workflowPath: `.github/workflows/evil-${file}` }),
    },
    { label: 'a repository sharing the name as a prefix', san: build({ repo: `${p.repo}-evil` }) },
    { label: 'the same repository name under another owner', san: build({ owner: 'evil' }) },
    { label: 'an owner sharing the name as a prefix', san: build({ owner: `${p.owner}-evil` }) },
    { label: 'another host', san: build({ serverUrl: 'https://evil.example' }) },
    {
      label: 'a host sharing the name as a prefix',
      san: build({ serverUrl: `${p.serverUrl}.evil.example` }),
    },
    { label: 'another scheme', san: build({ serverUrl: otherScheme }) },
    { label: 'the SAN with a prefix', san: `https://evil.example/${id.san}` },
    { label: 'the SAN with a path suffix appended', san: `${id.san}/evil` },
    // Perl-style `$` also matches before a final newline; Go's and JavaScript's (without m) do not.
    { label: 'the SAN with a trailing newline', san: `${id.san}\n` },
    { label: 'the SAN with a suffix after a newline', san: `${id.san}\nevil` },
  ];

  // Each `.` of the pinned text, taken as "any character" by an unescaped pattern.
  const fixedEnd = p.serverUrl.length + 1 + p.owner.length + 1 + p.repo.length + 1 + p.workflowPath.length;
  const scanEnd = rule.wildcard ? fixedEnd : id.san.length;
  for (let i = id.san.indexOf('.'); i !== -1 && i < scanEnd; i = id.san.indexOf('.', i + 1)) {
    misses.push({
      label: `the SAN with its "." at offset ${i} replaced`,
      san: `${id.san.slice(0, i)}x${id.san.slice(i + 1)}`,
    });
  }

  const name = p.ref.replace(/^refs\/(tags|heads)\//, '');
  switch (p.refKind) {
    case 'tag': {
      misses.push({ label: 'a branch named like the tag', san: build({ ref: `refs/heads/${name}` }) });
      misses.push({ label: 'a pull request', san: build({ ref: 'refs/pull/1/merge' }) });
      if (rule.wildcard) {
        const core = /^v?[0-9]+\.[0-9]+\.[0-9]+/.exec(name)?.[0] ?? name;
        misses.push({ label: 'a tag that is not a version', san: build({ ref: 'refs/tags/latest' }) });
        misses.push({
          label: 'a tag whose version dots are other characters',
          san: build({ ref: `refs/tags/${core.replace(/\./g, 'x')}` }),
        });
        if (core === name) {
          misses.push({
            label: 'a pre-release of a release identity',
            san: build({ ref: `refs/tags/${name}-rc.1` }),
          });
        }
      } else {
        misses.push({
          label: 'a tag sharing the name as a prefix',
          san: build({ ref: `refs/tags/${name}-evil` }),
        });
      }
      break;
    }
    case 'branch':
      misses.push({
        label: 'another branch',
        san: build({ ref: name === 'evil' ? 'refs/heads/evil2' : 'refs/heads/evil' }),
      });
      misses.push({
        label: 'a branch sharing the name as a prefix',
        san: build({ ref: `refs/heads/${name}-evil` }),
      });
      misses.push({ label: 'a tag named like the branch', san: build({ ref: `refs/tags/${name}` }) });
      misses.push({ label: 'a pull request', san: build({ ref: 'refs/pull/1/merge' }) });
      break;
    case 'pull':
      misses.push({
        label: 'another pull request sharing the number as a prefix',
        san: build({ ref: p.ref.replace(/^refs\/pull\/([^/]+)/, (_m, n: string) => `refs/pull/${n}0`) }),
      });
      misses.push({ label: 'a branch push', san: build({ ref: 'refs/heads/main' }) });
      break;
    case 'other':
      misses.push({
        label: 'another ref sharing the name as a prefix',
        san: build({ ref: `${p.ref}-evil` }),
      });
      misses.push({ label: 'a branch push', san: build({ ref: 'refs/heads/main' }) });
      break;
  }

  const { reusable } = reusableCaller(id, p);
  if (reusable && id.buildConfigUri !== undefined) {
    misses.push({
      label: 'the caller workflow signing directly, without the reusable workflow',
      san: id.buildConfigUri,
    });
  }

  // Only a tag rule has a wildcard in the glob: there the glob is not required to reject a
  // different tag of the same workflow (its shape is the regex's job).
  const tagPrefix = `${p.serverUrl}/${p.owner}/${p.repo}/${p.workflowPath}@refs/tags/`;
  const seen = new Set<string>([id.san]);
  const out: NearMiss[] = [];
  for (const m of misses) {
    if (seen.has(m.san)) continue;
    seen.add(m.san);
    out.push(rule.wildcard && m.san.startsWith(tagPrefix) ? { ...m, regexOnly: true } : m);
  }
  return out;
}

/**
 * Kyverno's subject glob: github.com/IGLOU-EU/go-wildcard v1.0.3 `Match(pattern, name)`, which
 * kyverno/kyverno ext/wildcard/match.go wraps and pkg/image/verifiers/cpol/cosign/cosign.go
 * (matchCertificateData) applies to each SAN. Over runes: `*` matches any sequence (empty, `/`, `@`
 * and newlines included), `?` exactly one rune, every other rune itself; no escaping, no classes;
 * the whole name must match; the empty pattern matches only the empty name. Same results as its
 * recursive deepMatchRune, without the exponential backtracking: on a mismatch only the last `*`
 * needs to grow (https://research.swtch.com/glob).
 */
export function globMatches(glob: string, subject: string): boolean {
  const p = Array.from(glob);
  const s = Array.from(subject);
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const c = p[pi];
    if (c === '*') {
      starP = pi++;
      starS = si;
      continue;
    }
    if (c !== undefined && (c === '?' || c === s[si])) {
      pi++;
      si++;
      continue;
    }
    if (starP < 0) return false;
    pi = starP + 1;
    si = ++starS;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Run-time self-check before anything is published: the patterns accept the SAN actually issued
 * and reject every near miss. Throws naming the pattern and the offending SAN.
 */
export function checkPolicy(policy: IdentityPolicy, id: SigningIdentity): void {
  if (policy.exactSubject !== id.san) {
    throw new Error(
      `policy subject ${JSON.stringify(policy.exactSubject)} is not the issued SAN ${JSON.stringify(id.san)}`,
    );
  }
  if (policy.issuer !== id.issuer) {
    throw new Error(
      `policy issuer ${JSON.stringify(policy.issuer)} is not the issued ${JSON.stringify(id.issuer)}`,
    );
  }
  const regexes = [
    { name: 'subject regex', pattern: policy.subjectRegExp },
    { name: 'exact subject regex', pattern: policy.exactRegExp },
  ].map((r) => {
    assertAnchoredRe2(r.pattern);
    return { ...r, re: new RegExp(r.pattern, 'u') };
  });
  for (const r of regexes) {
    if (!r.re.test(id.san)) {
      throw new Error(`${r.name} ${r.pattern} does not match the issued SAN ${JSON.stringify(id.san)}`);
    }
  }
  if (!globMatches(policy.kyvernoGlob, id.san)) {
    throw new Error(
      `Kyverno subject glob ${policy.kyvernoGlob} does not match the issued SAN ${JSON.stringify(id.san)}`,
    );
  }
  for (const miss of nearMisses(id)) {
    for (const r of regexes) {
      if (r.re.test(miss.san)) {
        throw new Error(`${r.name} ${r.pattern} accepts ${miss.label}: ${JSON.stringify(miss.san)}`);
      }
    }
    if (!miss.regexOnly && globMatches(policy.kyvernoGlob, miss.san)) {
      throw new Error(
        `Kyverno subject glob ${policy.kyvernoGlob} accepts ${miss.label}: ${JSON.stringify(miss.san)}`,
      );
    }
  }
}
