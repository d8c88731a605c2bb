// The signing identity of one run, turned into the subject patterns each verifier needs.
//
// Pure: the caller parses the Fulcio certificate and hands over its SAN and extensions. Host and
// issuer are always taken from that certificate — a private Fulcio builds the SAN from its own URL
// template (GHE.com: https://<sub>.ghe.com/…, issuer https://token.actions.<sub>.ghe.com), so
// assuming github.com would pin the wrong subject.
import { escapeRegExp } from './regex.js';

export { escapeRegExp } from './regex.js';

export interface SigningIdentity {
  /** The certificate's SAN URI exactly, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3 */
  san: string;
  /** OIDC issuer from the certificate (extension 1.3.6.1.4.1.57264.1.8, or the deprecated .1.1). */
  issuer: string;
  /** Extension .1.18: server + the caller's workflow_ref (differs from the SAN in a reusable workflow). */
  buildConfigUri?: string;
  /** Extension .1.12, e.g. https://github.com/acme/app */
  sourceRepositoryUri?: string;
  /** Extension .1.14, e.g. refs/tags/v1.2.3 */
  sourceRepositoryRef?: string;
  /** Extension .1.21: …/actions/runs/<id>/attempts/<n> */
  runInvocationUri?: string;
}

export type RefKind = 'tag' | 'branch' | 'pull' | 'other';

export interface ParsedSan {
  /** Scheme and host as the certificate states them: 'https://github.com' or a GHE host. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** e.g. .github/workflows/release.yml */
  workflowPath: string;
  /** e.g. refs/tags/v1.2.3 (or a commit SHA when a reusable workflow is called at one) */
  ref: string;
  refKind: RefKind;
}

export interface IdentityPolicy {
  /** The SAN: what cosign --certificate-identity, Kyverno SigstoreBundle/ImageValidatingPolicy and policy-controller match exactly. */
  exactSubject: string;
  issuer: string;
  /** The SAN names a CALLED (reusable) workflow, not the workflow the run started from. */
  reusableWorkflow: boolean;
  /** The repository whose run called the reusable workflow (Source Repository URI), when reusable. */
  callerRepository?: string;
  /** Recommended pattern: anchored, RE2-compatible, pins scheme+host, owner, repo, workflow file and a ref pattern. */
  subjectRegExp: string;
  /** ^<escaped SAN>$ */
  exactRegExp: string;
  /** For Kyverno ClusterPolicy `type: Cosign` `subject:` (go-wildcard glob, whole string, `*` crosses `/` and `@`). */
  kyvernoGlob: string;
  /** The ref part of subjectRegExp. */
  refPattern: string;
  /** Sentences for the job summary: what is pinned and why. */
  rationale: string[];
}

/**
 * Fulcio's GitHub Actions SAN is `<server URL>/` + the token's `job_workflow_ref`, which GitHub
 * formats as `<owner>/<repo>/<path>@<ref>` (fulcio config/identity: ci-provider "github-workflow",
 * SubjectAlternativeName template `{{ .url }}{{ .job_workflow_ref }}`). GitHub only runs workflow
 * files placed directly in .github/workflows with a .yml/.yaml extension, so the path can be split
 * from the ref at the first `.yml@`/`.yaml@` even when the ref itself contains `@`. Whitespace never
 * occurs in a URI, nor in a git ref (git check-ref-format).
 */
const GITHUB_WORKFLOW_SAN =
  /^(https?:\/\/[^/\s@]+)\/([^/\s@]+)\/([^/\s@]+)\/(\.github\/workflows\/[^/\s]+?\.[yY][aA]?[mM][lL])@(\S+)$/;

export function parseSan(san: string): ParsedSan {
  const m = GITHUB_WORKFLOW_SAN.exec(san);
  if (!m) {
    throw new Error(
      `certificate SAN ${JSON.stringify(san)} is not a GitHub Actions workflow identity ` +
        '(expected https://<host>/<owner>/<repo>/.github/workflows/<file>.yml@<ref>)',
    );
  }
  const [, serverUrl, owner, repo, workflowPath, ref] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { serverUrl, owner, repo, workflowPath, ref, refKind: refKindOf(ref) };
}

function refKindOf(ref: string): RefKind {
  if (/^refs\/tags\/./.test(ref)) return 'tag';
  if (/^refs\/heads\/./.test(ref)) return 'branch';
  if (/^refs\/pull\/./.test(ref)) return 'pull';
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

export interface RefRule {
  regex: string;
  glob: string;
  /** The glob covers the ref with a wildcard: it is looser than the regex about the ref's shape. */
  wildcard: boolean;
  why: string;
}

export function refRule(p: ParsedSan): RefRule {
  const exact = (why: string): RefRule => ({
    regex: escapeRegExp(p.ref),
    glob: globLiteral(p.ref),
    wildcard: false,
    why,
  });
  switch (p.refKind) {
    case 'tag': {
      const tag = p.ref.slice('refs/tags/'.length);
      const semver = SEMVER_TAG.exec(tag);
      if (!semver) {
        return exact(
          `Ref pinned exactly to \`${p.ref}\`: the tag \`${tag}\` is not a semantic version, so no pattern ` +
            'would safely cover the next release; widen it by hand if your tags follow another scheme.',
        );
      }
      const v = semver[1] ?? '';
      const pre = semver[2] !== undefined;
      return {
        regex: `refs/tags/${v}${VERSION_CORE}${pre ? PRE_RELEASE : ''}`,
        glob: `refs/tags/${v}*.*.*`,
        wildcard: true,
        why:
          `Ref pattern \`refs/tags/${v}${VERSION_CORE}${pre ? PRE_RELEASE : ''}\`: this run pushed the tag \`${tag}\`, so ` +
          `the policy admits later ${v ? '`v`-prefixed ' : ''}version tags${pre ? ' (pre-releases included, as this one is)' : ' (pre-releases excluded, as this one is a release)'} ` +
          'signed by the same workflow, and refuses branches, pull requests and other tags: anyone who can push a ' +
          'branch can run the workflow there, only a tag push is a release.',
      };
    }
    case 'branch':
      return exact(
        `Ref pinned exactly to the branch \`${p.ref}\`: any collaborator can push another branch and run this ` +
          'workflow on it, so no other branch (and no tag or pull request) may pass.',
      );
    case 'pull':
      return exact(
        `Ref pinned exactly to \`${p.ref}\`: this run was a pull request, an identity that a deployment policy ` +
          'should rarely admit; it matches this pull request only.',
      );
    case 'other':
      return exact(`Ref pinned exactly to \`${p.ref}\`: its kind gives no safe generalisation.`);
  }
}

/**
 * A literal for Kyverno's glob. Kyverno matches `subject` with github.com/IGLOU-EU/go-wildcard
 * v1.0.3 (ext/wildcard/match.go), which has no escape: a literal `*` or `?` would be a wildcard.
 * Git refs cannot contain either (git check-ref-format), so only an odd workflow file name could.
 */
function globLiteral(s: string): string {
  if (/[*?]/.test(s)) {
    throw new Error(
      `${JSON.stringify(s)} contains * or ?, which Kyverno's subject glob cannot match literally`,
    );
  }
  return s;
}

function repositoryUrl(p: ParsedSan): string {
  return `${p.serverUrl}/${p.owner}/${p.repo}`;
}

function tryParseSan(uri: string | undefined): ParsedSan | undefined {
  if (uri === undefined) return undefined;
  try {
    return parseSan(uri);
  } catch {
    return undefined;
  }
}

/**
 * In a reusable workflow the token's job_workflow_ref — hence the SAN — names the CALLED workflow;
 * the caller appears only in Build Config URI (.1.18 = server + workflow_ref) and Source Repository
 * URI (.1.12). Outside one, workflow_ref == job_workflow_ref, so the two URIs are equal.
 */
export function reusableCaller(id: SigningIdentity, p: ParsedSan): { reusable: boolean; caller?: string } {
  if (id.buildConfigUri !== undefined && id.buildConfigUri !== id.san) {
    const caller = id.sourceRepositoryUri ?? tryParseSan(id.buildConfigUri);
    return { reusable: true, caller: typeof caller === 'string' ? caller : caller && repositoryUrl(caller) };
  }
  if (
    id.buildConfigUri === undefined &&
    id.sourceRepositoryUri !== undefined &&
    id.sourceRepositoryUri.toLowerCase() !== repositoryUrl(p).toLowerCase()
  ) {
    // No Build Config URI (older Fulcio), but the source repository is not the SAN's: the SAN can
    // only name a workflow of another repository if that workflow was called.
    return { reusable: true, caller: id.sourceRepositoryUri };
  }
  return { reusable: false };
}

export function identityPolicy(id: SigningIdentity): IdentityPolicy {
  const p = parseSan(id.san);
  if (id.issuer.trim() === '' || id.issuer !== id.issuer.trim()) {
    throw new Error(`certificate issuer ${JSON.stringify(id.issuer)} is empty or padded`);
  }
  const fixed = `${p.serverUrl}/${p.owner}/${p.repo}/${p.workflowPath}@`;
  const ref = refRule(p);
  const subjectRegExp = `^${escapeRegExp(fixed)}${ref.regex}$`;
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
    rationale.push(
      `This run used a reusable workflow: the certificate names the called workflow \`${p.owner}/${p.repo}/` +
        `${p.workflowPath}\`, not the caller${caller ? ` \`${caller}\`` : ''}. A subject policy therefore trusts ` +
        'every repository that can call that workflow. To admit only this caller, also check the certificate’s ' +
        'source repository: cosign `--certificate-github-workflow-repository`, Kyverno `additionalExtensions` ' +
        '`githubWorkflowRepository` (extension 1.3.6.1.4.1.57264.1.5).',
      // job_workflow_ref carries the ref written in the caller's `uses: …@<ref>`, not the ref that
      // triggered the run (that one is in Source Repository Ref, .1.14).
      `The ref \`${p.ref}\` in the subject is the version of the reusable workflow that the caller's ` +
        `\`uses:\` names${id.sourceRepositoryRef ? `; the caller ran on \`${id.sourceRepositoryRef}\`` : ''}.`,
    );
  } else if (id.buildConfigUri === undefined) {
    rationale.push(
      'The certificate carries no Build Config URI (extension 1.3.6.1.4.1.57264.1.18), so whether the SAN names ' +
        'a reusable workflow cannot be told from it.',
    );
  }

  const policy: IdentityPolicy = {
    exactSubject: id.san,
    issuer: id.issuer,
    reusableWorkflow: reusable,
    subjectRegExp,
    exactRegExp: `^${escapeRegExp(id.san)}$`,
    kyvernoGlob,
    refPattern: ref.regex,
    rationale,
  };
  if (reusable && caller !== undefined) policy.callerRepository = caller;
  return policy;
}
