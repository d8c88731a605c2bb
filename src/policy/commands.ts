// Verification commands for the identity that signed: cosign (flags of sigstore/cosign v3,
// cmd/cosign/cli/options/{certificate,verify,registry,predicate}.go, all present in recent v2) and
// gh (cli/cli pkg/cmd/attestation/verify/verify.go and options.go). Every argument is shell-quoted:
// the regex carries `\`, `$`, `(`, `[` and `?`, which a shell would otherwise interpret.
import { parseSan } from './identity.js';
import {
  COSIGN_SIGN_PREDICATE,
  SLSA_PROVENANCE_V1,
  ownerRepo,
  sourceRepositoryUrl,
  target,
  type PolicyInput,
} from './input.js';
import { trimSlash } from './render.js';

/** POSIX shell quoting: plain words stay bare, anything else goes in single quotes ('\'' for '). */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const line = (args: string[]): string => args.map(shellQuote).join(' ');

function trustedRootPath(i: PolicyInput): string | undefined {
  return i.sigstore.kind === 'custom' ? (i.sigstore.trustedRootPath ?? 'trusted_root.json') : undefined;
}

function cosignFlags(i: PolicyInput): string[] {
  // cosign matches --certificate-identity-regexp with Go's unanchored MatchString: the regex is
  // anchored by identityPolicy (and re-checked by target()).
  const flags = [
    '--certificate-identity-regexp',
    i.policy.subjectRegExp,
    '--certificate-oidc-issuer',
    i.policy.issuer,
  ];
  const caller = i.policy.callerRepository && ownerRepo(i.policy.callerRepository);
  if (i.policy.reusableWorkflow && caller) {
    // Fulcio extension .1.5 (owner/repo of the run): the SAN names the called workflow only.
    flags.push('--certificate-github-workflow-repository', caller);
  }
  if (i.sigstore.kind === 'custom') {
    flags.push('--trusted-root', trustedRootPath(i)!);
    // No CT log behind a private Fulcio, so no SCT to check.
    flags.push('--insecure-ignore-sct');
    if (i.sigstore.rekorUrl) flags.push('--rekor-url', trimSlash(i.sigstore.rekorUrl));
    else flags.push('--insecure-ignore-tlog', '--use-signed-timestamps'); // TSA-only signing
  }
  // cosign v3 reads bundles by default (and falls back to the legacy tags when there are none);
  // cosign v2 reads the legacy tags unless told otherwise.
  if (i.storage === 'referrers') flags.push('--new-bundle-format');
  if (i.insecureRegistry) flags.push('--allow-insecure-registry');
  return flags;
}

/** `cosign verify …` and one `cosign verify-attestation --type <predicate type> …` per predicate. */
export function cosignCommands(i: PolicyInput): string[] {
  const t = target(i);
  const flags = cosignFlags(i);
  return [
    line(['cosign', 'verify', ...flags, t.ref]),
    // --type takes the predicate type URI as is (options/predicate.go ParsePredicateType).
    ...i.predicateTypes.map((type) =>
      line(['cosign', 'verify-attestation', '--type', type, ...flags, t.ref]),
    ),
  ];
}

/**
 * `gh attestation verify oci://… --bundle-from-oci`: reads the bundle referrers, so undefined for
 * legacy storage. gh verifies one predicate type per run (SLSA provenance v1 unless told
 * otherwise): this picks the provenance if published, else the first predicate, else the image
 * signature's own statement type. Undefined too where gh cannot work: a host other than
 * github.com or a GHE.com tenant, or a reusable workflow whose caller is unknown (--repo must name
 * the repository the run belongs to).
 */
export function ghAttestationCommand(i: PolicyInput): string | undefined {
  if (i.storage === 'legacy') return undefined;
  const t = target(i);
  const host = new URL(parseSan(i.policy.exactSubject).serverUrl).host;
  if (host !== 'github.com' && !host.endsWith('.ghe.com')) return undefined;
  const source = sourceRepositoryUrl(i.policy);
  const repo = source && ownerRepo(source);
  if (!repo) return undefined;
  const predicate = i.predicateTypes.includes(SLSA_PROVENANCE_V1)
    ? SLSA_PROVENANCE_V1
    : (i.predicateTypes[0] ?? COSIGN_SIGN_PREDICATE);
  const args = [
    'gh',
    'attestation',
    'verify',
    `oci://${t.ref}`,
    '--bundle-from-oci',
    // --repo checks the Source Repository extension (.1.12); --cert-identity-regex replaces the
    // default SAN check (options.go SetPolicyFlags), and unlike --signer-workflow pins the ref.
    '--repo',
    repo,
    '--cert-identity-regex',
    i.policy.subjectRegExp,
    '--cert-oidc-issuer',
    i.policy.issuer,
    '--predicate-type',
    predicate,
  ];
  if (host !== 'github.com') args.push('--hostname', host);
  // gh knows GitHub's instance: it fetches GitHub's trusted root from its own TUF (tuf-repo.github.com).
  if (i.sigstore.kind === 'custom' && i.sigstore.instance !== 'github') {
    // gh reads --custom-trusted-root as JSON Lines, one trusted root per newline-terminated line
    // (verification/sigstore.go), so a pretty-printed trusted_root.json must be compacted first.
    // gh demands a Rekor entry whenever the root lists a Rekor log (newCustomVerifier:
    // WithTransparencyLog(1) if RekorLogs() > 0) and has no flag to waive it: for TSA-only signing
    // the copy leaves the logs out, which is what cosign's --insecure-ignore-tlog does. The
    // observer timestamp gh still requires can then only be the TSA's.
    const path = trustedRootPath(i)!;
    const jsonl = `${path.replace(/\.json$/, '')}.jsonl`;
    const filter = i.sigstore.rekorUrl ? '.' : 'del(.tlogs)';
    args.push('--custom-trusted-root', jsonl);
    return `${line(['jq', '-c', filter, path])} > ${shellQuote(jsonl)} && ${line(args)}`;
  }
  return line(args);
}
