export const id = 530;
export const ids = [530];
export const modules = {

/***/ 58636:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K0: () => (/* binding */ refRule),
/* harmony export */   QW: () => (/* binding */ parseSan),
/* harmony export */   TE: () => (/* binding */ reusableCaller),
/* harmony export */   rP: () => (/* binding */ identityPolicy)
/* harmony export */ });
/* harmony import */ var _regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49859);
// The signing identity of one run, turned into the subject patterns each verifier needs.
//
// Pure: the caller parses the Fulcio certificate and hands over its SAN and extensions. Host and
// issuer are always taken from that certificate — a private Fulcio builds the SAN from its own URL
// template (GHE.com: https://<sub>.ghe.com/…, issuer https://token.actions.<sub>.ghe.com), so
// assuming github.com would pin the wrong subject.


/**
 * Fulcio's GitHub Actions SAN is `<server URL>/` + the token's `job_workflow_ref`, which GitHub
 * formats as `<owner>/<repo>/<path>@<ref>` (fulcio config/identity: ci-provider "github-workflow",
 * SubjectAlternativeName template `{{ .url }}{{ .job_workflow_ref }}`). GitHub only runs workflow
 * files placed directly in .github/workflows with a .yml/.yaml extension, so the path can be split
 * from the ref at the first `.yml@`/`.yaml@` even when the ref itself contains `@`. Whitespace never
 * occurs in a URI, nor in a git ref (git check-ref-format).
 */
const GITHUB_WORKFLOW_SAN = /^(https?:\/\/[^/\s@]+)\/([^/\s@]+)\/([^/\s@]+)\/(\.github\/workflows\/[^/\s]+?\.[yY][aA]?[mM][lL])@(\S+)$/;
function parseSan(san) {
    const m = GITHUB_WORKFLOW_SAN.exec(san);
    if (!m) {
        throw new Error(`certificate SAN ${JSON.stringify(san)} is not a GitHub Actions workflow identity ` +
            '(expected https://<host>/<owner>/<repo>/.github/workflows/<file>.yml@<ref>)');
    }
    const [, serverUrl, owner, repo, workflowPath, ref] = m;
    return { serverUrl, owner, repo, workflowPath, ref, refKind: refKindOf(ref) };
}
function refKindOf(ref) {
    if (/^refs\/tags\/./.test(ref))
        return 'tag';
    if (/^refs\/heads\/./.test(ref))
        return 'branch';
    if (/^refs\/pull\/./.test(ref))
        return 'pull';
    return 'other';
}
/**
 * A tag shaped like a SemVer 2.0.0 version core (optionally `v`-prefixed, optionally with a
 * pre-release), the convention release workflows trigger on. Build metadata (`+…`) and anything
 * else keep the exact tag: an unknown shape gives no safe generalisation.
 */
const SEMVER_TAG = /^(v?)[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;
const VERSION_CORE = '[0-9]+\\.[0-9]+\\.[0-9]+';
const PRE_RELEASE = '(-[0-9A-Za-z.-]+)?';
function refRule(p) {
    const exact = (why) => ({
        regex: (0,_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeRegExp */ .N)(p.ref),
        glob: globLiteral(p.ref),
        wildcard: false,
        why,
    });
    switch (p.refKind) {
        case 'tag': {
            const tag = p.ref.slice('refs/tags/'.length);
            const semver = SEMVER_TAG.exec(tag);
            if (!semver) {
                return exact(`Ref pinned exactly to \`${p.ref}\`: the tag \`${tag}\` is not a semantic version, so no pattern ` +
                    'would safely cover the next release; widen it by hand if your tags follow another scheme.');
            }
            const v = semver[1] ?? '';
            const pre = semver[2] !== undefined;
            return {
                regex: `refs/tags/${v}${VERSION_CORE}${pre ? PRE_RELEASE : ''}`,
                glob: `refs/tags/${v}*.*.*`,
                wildcard: true,
                why: `Ref pattern \`refs/tags/${v}${VERSION_CORE}${pre ? PRE_RELEASE : ''}\`: this run pushed the tag \`${tag}\`, so ` +
                    `the policy admits later ${v ? '`v`-prefixed ' : ''}version tags${pre ? ' (pre-releases included, as this one is)' : ' (pre-releases excluded, as this one is a release)'} ` +
                    'signed by the same workflow, and refuses branches, pull requests and other tags: anyone who can push a ' +
                    'branch can run the workflow there, only a tag push is a release.',
            };
        }
        case 'branch':
            return exact(`Ref pinned exactly to the branch \`${p.ref}\`: any collaborator can push another branch and run this ` +
                'workflow on it, so no other branch (and no tag or pull request) may pass.');
        case 'pull':
            return exact(`Ref pinned exactly to \`${p.ref}\`: this run was a pull request, an identity that a deployment policy ` +
                'should rarely admit; it matches this pull request only.');
        case 'other':
            return exact(`Ref pinned exactly to \`${p.ref}\`: its kind gives no safe generalisation.`);
    }
}
/**
 * A literal for Kyverno's glob. Kyverno matches `subject` with github.com/IGLOU-EU/go-wildcard
 * v1.0.3 (ext/wildcard/match.go), which has no escape: a literal `*` or `?` would be a wildcard.
 * Git refs cannot contain either (git check-ref-format), so only an odd workflow file name could.
 */
function globLiteral(s) {
    if (/[*?]/.test(s)) {
        throw new Error(`${JSON.stringify(s)} contains * or ?, which Kyverno's subject glob cannot match literally`);
    }
    return s;
}
function repositoryUrl(p) {
    return `${p.serverUrl}/${p.owner}/${p.repo}`;
}
function tryParseSan(uri) {
    if (uri === undefined)
        return undefined;
    try {
        return parseSan(uri);
    }
    catch {
        return undefined;
    }
}
/**
 * In a reusable workflow the token's job_workflow_ref — hence the SAN — names the CALLED workflow;
 * the caller appears only in Build Config URI (.1.18 = server + workflow_ref) and Source Repository
 * URI (.1.12). Outside one, workflow_ref == job_workflow_ref, so the two URIs are equal.
 */
function reusableCaller(id, p) {
    if (id.buildConfigUri !== undefined && id.buildConfigUri !== id.san) {
        const caller = id.sourceRepositoryUri ?? tryParseSan(id.buildConfigUri);
        return { reusable: true, caller: typeof caller === 'string' ? caller : caller && repositoryUrl(caller) };
    }
    if (id.buildConfigUri === undefined &&
        id.sourceRepositoryUri !== undefined &&
        id.sourceRepositoryUri.toLowerCase() !== repositoryUrl(p).toLowerCase()) {
        // No Build Config URI (older Fulcio), but the source repository is not the SAN's: the SAN can
        // only name a workflow of another repository if that workflow was called.
        return { reusable: true, caller: id.sourceRepositoryUri };
    }
    return { reusable: false };
}
function identityPolicy(id) {
    const p = parseSan(id.san);
    if (id.issuer.trim() === '' || id.issuer !== id.issuer.trim()) {
        throw new Error(`certificate issuer ${JSON.stringify(id.issuer)} is empty or padded`);
    }
    const fixed = `${p.serverUrl}/${p.owner}/${p.repo}/${p.workflowPath}@`;
    const ref = refRule(p);
    const subjectRegExp = `^${(0,_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeRegExp */ .N)(fixed)}${ref.regex}$`;
    const kyvernoGlob = `${globLiteral(fixed)}${ref.glob}`;
    const { reusable, caller } = reusableCaller(id, p);
    const rationale = [
        `Subject pinned to the host \`${p.serverUrl}\`, the repository \`${p.owner}/${p.repo}\` and the workflow file ` +
            `\`${p.workflowPath}\`, as the Fulcio certificate issued to this run states them (SAN = server URL + the ` +
            'token’s `job_workflow_ref`).',
        ref.why,
        'The regex is anchored `^…$` and escapes every metacharacter (`.` included): cosign, Kyverno and ' +
            'policy-controller match it with Go RE2 `MatchString`, which is unanchored, so an unanchored pattern would ' +
            'also accept a SAN of another host, owner or repository that merely contains this one.',
        ref.wildcard
            ? `Kyverno ClusterPolicy \`type: Cosign\` gets the glob \`${kyvernoGlob}\` as \`subject\`: its \`*\` matches any ` +
                'characters, `/` and `@` included, so the glob pins everything the regex pins except the exact shape of ' +
                'the tag. Use `subject`, not `subjectRegExp` alone: Kyverno up to 1.13.5 skipped the identity check when only ' +
                '`subjectRegExp` was set.'
            : `Kyverno ClusterPolicy \`type: Cosign\` gets the exact subject as its \`subject\` glob (it contains no ` +
                'wildcard). Use `subject`, not `subjectRegExp` alone: Kyverno up to 1.13.5 skipped the identity check when ' +
                'only `subjectRegExp` was set.',
        `Issuer \`${id.issuer}\`, as the certificate states it: always check it with the subject (Kyverno ` +
            '`SigstoreBundle` and ImageValidatingPolicy need both; an ImageValidatingPolicy identity missing one is ' +
            'dropped without a word).',
    ];
    if (reusable) {
        rationale.push(`This run used a reusable workflow: the certificate names the called workflow \`${p.owner}/${p.repo}/` +
            `${p.workflowPath}\`, not the caller${caller ? ` \`${caller}\`` : ''}. A subject policy therefore trusts ` +
            'every repository that can call that workflow. To admit only this caller, also check the certificate’s ' +
            'source repository: cosign `--certificate-github-workflow-repository`, Kyverno `additionalExtensions` ' +
            '`githubWorkflowRepository` (extension 1.3.6.1.4.1.57264.1.5).', 
        // job_workflow_ref carries the ref written in the caller's `uses: …@<ref>`, not the ref that
        // triggered the run (that one is in Source Repository Ref, .1.14).
        `The ref \`${p.ref}\` in the subject is the version of the reusable workflow that the caller's ` +
            `\`uses:\` names${id.sourceRepositoryRef ? `; the caller ran on \`${id.sourceRepositoryRef}\`` : ''}.`);
    }
    else if (id.buildConfigUri === undefined) {
        rationale.push('The certificate carries no Build Config URI (extension 1.3.6.1.4.1.57264.1.18), so whether the SAN names ' +
            'a reusable workflow cannot be told from it.');
    }
    const policy = {
        exactSubject: id.san,
        issuer: id.issuer,
        reusableWorkflow: reusable,
        subjectRegExp,
        exactRegExp: `^${(0,_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeRegExp */ .N)(id.san)}$`,
        kyvernoGlob,
        refPattern: ref.regex,
        rationale,
    };
    if (reusable && caller !== undefined)
        policy.callerRepository = caller;
    return policy;
}


/***/ }),

/***/ 49859:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ escapeRegExp),
/* harmony export */   q: () => (/* binding */ assertAnchoredRe2)
/* harmony export */ });
// Regular-expression primitives for the patterns we hand to verifiers.
//
// Every verifier that takes a subject regex (cosign --certificate-identity-regexp, Kyverno
// subjectRegExp, policy-controller subjectRegExp) compiles it with Go's `regexp` package — RE2
// syntax, unanchored MatchString. So what we emit must (1) be valid RE2, (2) be anchored by us, and
// (3) mean the same in JavaScript, where we check it before publishing it.
/**
 * Exactly the set Go's regexp.QuoteMeta escapes (`\.+*?()|[]{}^$`, regexp/regexp.go
 * `special`). Escaping more is not safe: RE2 accepts `\` before any ASCII punctuation, but a
 * JavaScript RegExp with the `u` flag rejects identity escapes such as `\-` or `\/` outside a
 * class. With this set, the escaped string is a literal in both engines.
 */
const SPECIAL = /[\\.+*?()|[\]{}^$]/g;
/** Escapes `s` so that it matches itself literally in Go RE2 and in a JavaScript `u` RegExp. */
function escapeRegExp(s) {
    return s.replace(SPECIAL, '\\$&');
}
/**
 * Constructs JavaScript supports but RE2 refuses (re2 Syntax wiki, "NOT SUPPORTED"): lookahead and
 * lookbehind, backreferences (numbered and named), atomic groups, possessive quantifiers. Go's
 * regexp.Compile fails on all of them, so a verifier would reject the policy at admission time.
 * Matched against the pattern with escapes and character classes blanked out (see `skeleton`).
 */
const RE2_UNSUPPORTED = [
    [/\(\?<?[=!]/, 'lookaround'],
    [/\(\?>/, 'atomic group'],
    [/[*+?}]\+/, 'possessive quantifier'],
];
/**
 * The pattern with each escape pair and each character class replaced by `_`, so that `\(?=` or
 * `[(?=]` (literals) are not mistaken for constructs. Backreferences are found on the way, since
 * they only exist as escapes.
 */
function skeleton(pattern) {
    let out = '';
    let backreference;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            const next = pattern[i + 1] ?? '';
            if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<'))
                backreference ??= `\\${next}`;
            out += '_';
            i++;
        }
        else if (c === '[') {
            // A class ends at the first unescaped `]` that is not its first member (`[]a]`, `[^]a]`).
            let j = i + 1;
            if (pattern[j] === '^')
                j++;
            if (pattern[j] === ']')
                j++;
            while (j < pattern.length && pattern[j] !== ']')
                j += pattern[j] === '\\' ? 2 : 1;
            out += '_';
            i = j;
        }
        else {
            out += c;
        }
    }
    return backreference === undefined ? { skeleton: out } : { skeleton: out, backreference };
}
/**
 * Throws unless `pattern` is anchored `^…$`, free of constructs RE2 lacks, and compiles as a
 * JavaScript `u` RegExp. Run on every pattern before it reaches a summary or a policy file.
 */
function assertAnchoredRe2(pattern) {
    const { skeleton: shape, backreference } = skeleton(pattern);
    // Go's MatchString is unanchored: without ^…$ a SAN that merely contains ours would pass. The
    // skeleton turns an escaped `\$` into `_`, so a trailing literal dollar is not taken for an anchor.
    if (!shape.startsWith('^') || !shape.endsWith('$')) {
        throw new Error(`subject pattern ${pattern} is not anchored with ^…$`);
    }
    if (backreference !== undefined) {
        throw new Error(`subject pattern ${pattern} uses a backreference (${backreference}), which Go RE2 does not support`);
    }
    for (const [construct, what] of RE2_UNSUPPORTED) {
        if (construct.test(shape)) {
            throw new Error(`subject pattern ${pattern} uses a ${what}, which Go RE2 does not support`);
        }
    }
    try {
        new RegExp(pattern, 'u');
    }
    catch (e) {
        throw new Error(`subject pattern ${pattern} does not compile: ${e.message}`);
    }
}


/***/ }),

/***/ 15530:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ policyFor)
});

// EXTERNAL MODULE: ./build/src/policy/identity.js
var policy_identity = __webpack_require__(58636);
// EXTERNAL MODULE: ./build/src/policy/regex.js
var regex = __webpack_require__(49859);
;// CONCATENATED MODULE: ./build/src/policy/self-check.js
// The run-time self-check of an identity policy: the patterns must accept the SAN actually issued
// and reject every near miss (another workflow file, repository, owner, branch, host, a suffix), for
// the regex and for Kyverno's glob as Kyverno matches it.


/** SANs that MUST NOT match the policy of `id`: each probes one thing the patterns must pin. */
function nearMisses(id) {
    const p = (0,policy_identity/* parseSan */.QW)(id.san);
    const rule = (0,policy_identity/* refRule */.K0)(p);
    const build = (q) => {
        const r = { ...p, ...q };
        return `${r.serverUrl}/${r.owner}/${r.repo}/${r.workflowPath}@${r.ref}`;
    };
    const file = p.workflowPath.slice('.github/workflows/'.length);
    const otherScheme = p.serverUrl.startsWith('https://')
        ? p.serverUrl.replace(/^https/, 'http')
        : p.serverUrl.replace(/^http/, 'https');
    const misses = [
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
            }
            else {
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
                san: build({ ref: p.ref.replace(/^refs\/pull\/([^/]+)/, (_m, n) => `refs/pull/${n}0`) }),
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
    const { reusable } = (0,policy_identity/* reusableCaller */.TE)(id, p);
    if (reusable && id.buildConfigUri !== undefined) {
        misses.push({
            label: 'the caller workflow signing directly, without the reusable workflow',
            san: id.buildConfigUri,
        });
    }
    // Only a tag rule has a wildcard in the glob: there the glob is not required to reject a
    // different tag of the same workflow (its shape is the regex's job).
    const tagPrefix = `${p.serverUrl}/${p.owner}/${p.repo}/${p.workflowPath}@refs/tags/`;
    const seen = new Set([id.san]);
    const out = [];
    for (const m of misses) {
        if (seen.has(m.san))
            continue;
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
function globMatches(glob, subject) {
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
        if (starP < 0)
            return false;
        pi = starP + 1;
        si = ++starS;
    }
    while (p[pi] === '*')
        pi++;
    return pi === p.length;
}
/**
 * Run-time self-check before anything is published: the patterns accept the SAN actually issued
 * and reject every near miss. Throws naming the pattern and the offending SAN.
 */
function checkPolicy(policy, id) {
    if (policy.exactSubject !== id.san) {
        throw new Error(`policy subject ${JSON.stringify(policy.exactSubject)} is not the issued SAN ${JSON.stringify(id.san)}`);
    }
    if (policy.issuer !== id.issuer) {
        throw new Error(`policy issuer ${JSON.stringify(policy.issuer)} is not the issued ${JSON.stringify(id.issuer)}`);
    }
    const regexes = [
        { name: 'subject regex', pattern: policy.subjectRegExp },
        { name: 'exact subject regex', pattern: policy.exactRegExp },
    ].map((r) => {
        (0,regex/* assertAnchoredRe2 */.q)(r.pattern);
        return { ...r, re: new RegExp(r.pattern, 'u') };
    });
    for (const r of regexes) {
        if (!r.re.test(id.san)) {
            throw new Error(`${r.name} ${r.pattern} does not match the issued SAN ${JSON.stringify(id.san)}`);
        }
    }
    if (!globMatches(policy.kyvernoGlob, id.san)) {
        throw new Error(`Kyverno subject glob ${policy.kyvernoGlob} does not match the issued SAN ${JSON.stringify(id.san)}`);
    }
    for (const miss of nearMisses(id)) {
        for (const r of regexes) {
            if (r.re.test(miss.san)) {
                throw new Error(`${r.name} ${r.pattern} accepts ${miss.label}: ${JSON.stringify(miss.san)}`);
            }
        }
        if (!miss.regexOnly && globMatches(policy.kyvernoGlob, miss.san)) {
            throw new Error(`Kyverno subject glob ${policy.kyvernoGlob} accepts ${miss.label}: ${JSON.stringify(miss.san)}`);
        }
    }
}

;// CONCATENATED MODULE: ./build/src/policy/signing-identity.js


/** The policy for the certificate actually issued, self-checked against its near misses before use. */
function policyFor(cert) {
    const e = cert.extensions;
    const identity = {
        san: cert.san,
        issuer: cert.issuer,
        ...(e.buildConfigUri ? { buildConfigUri: e.buildConfigUri } : {}),
        ...(e.sourceRepositoryUri ? { sourceRepositoryUri: e.sourceRepositoryUri } : {}),
        ...(e.sourceRepositoryRef ? { sourceRepositoryRef: e.sourceRepositoryRef } : {}),
        ...(e.runInvocationUri ? { runInvocationUri: e.runInvocationUri } : {}),
    };
    const policy = (0,policy_identity/* identityPolicy */.rP)(identity);
    checkPolicy(policy, identity);
    return { identity, policy };
}


/***/ })

};
