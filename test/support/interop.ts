// The interop matrix's vocabulary and its record: every cell is one real consumer run (a verifier
// or an admission engine) on one artifact of an image sigstamp published, with what must happen
// and what did. The matrix suites (test/interop) append cells as JSON Lines to the file named by
// SIGSTAMP_INTEROP_OUT; scripts/interop.ts renders them to docs/interop.md and checks the set is
// complete. Nothing here decides a verdict: the suites run the consumer and compare.
import { readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const REGISTRY_KINDS = ['distribution', 'olareg'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const STORAGES = ['both', 'referrers', 'legacy'] as const;
export type StorageMode = (typeof STORAGES)[number];

/** One artifact alone, checked on the signed image by digest. */
export const ARTIFACTS = ['signature', 'slsa', 'spdx', 'cyclonedx', 'custom'] as const;
export type Artifact = (typeof ARTIFACTS)[number];

/** The printed policy or command as a whole (every artifact it requires), on one image. */
export const WHOLE_CASES = [
  'by-tag',
  'by-digest',
  'unsigned',
  'other-workflow',
  'other-branch',
  'prefix-repo',
  'no-attestations',
] as const;
export type WholeCase = (typeof WHOLE_CASES)[number];

export type CaseName = WholeCase | `artifact:${Artifact}`;
export const CASES: readonly CaseName[] = [
  'by-tag',
  'by-digest',
  ...ARTIFACTS.map((a) => `artifact:${a}` as const),
  'unsigned',
  'other-workflow',
  'other-branch',
  'prefix-repo',
  'no-attestations',
];

export type Verdict = 'admitted' | 'rejected';

/**
 * What must happen. `bug` and `limitation` are measured rejections of a correct artifact: a bug is
 * an upstream defect pinned with its issue (the cell turns wrong when upstream fixes it, and the
 * expectation is then updated); a limitation is by the consumer's design (it cannot see that
 * storage). Either way the summary names it; a cell is never silently expected to fail.
 */
export interface Expectation {
  verdict: Verdict;
  bug?: { issue: string; url: string; what: string };
  limitation?: string;
}

/** The pinned version of a Go-built tool, from .ci/tools.env (the one place tools are pinned). */
export function pinnedVersion(tool: string): string {
  const env = readFileSync(fileURLToPath(new URL('../../.ci/tools.env', import.meta.url)), 'utf8');
  // One `name=module@version:package` per line; the first follows `GO_TOOLS="`.
  const m = new RegExp(`^(?:GO_TOOLS=")?${tool.replace(/[.-]/g, '\\$&')}=[^@\\s]+@(v[^:\\s]+):`, 'm').exec(
    env,
  );
  if (!m) throw new Error(`.ci/tools.env pins no ${tool}`);
  return m[1]!;
}

export interface ConsumerInfo {
  id: string;
  /** What is run: "Kyverno CLI v1.19.1 — ClusterPolicy type: Cosign (printed)". */
  label: string;
  version: string;
  /** The storage modes sigstamp prints this policy or command for. */
  printedFor: readonly StorageMode[];
  /** Where the matrix runs it: where printed, plus where it shows what a user would meet. */
  ranFor: readonly StorageMode[];
}

const v = {
  cosign3: pinnedVersion('cosign3'),
  cosign2: pinnedVersion('cosign2'),
  cosign22: pinnedVersion('cosign22'),
  kyverno: pinnedVersion('kyverno'),
  policyTester: pinnedVersion('policy-tester'),
  gh: pinnedVersion('gh'),
};
const ALL = STORAGES;
const BUNDLES = ['both', 'referrers'] as const;
const TAGS = ['both', 'legacy'] as const;

/** Every consumer of the matrix, in the order of its rows. */
export const CONSUMER_CATALOGUE: readonly ConsumerInfo[] = [
  {
    id: 'cosign-v3',
    label: `cosign ${v.cosign3}, printed commands`,
    version: v.cosign3,
    printedFor: ALL,
    ranFor: ALL,
  },
  {
    id: 'cosign-v2.6',
    label: `cosign ${v.cosign2} running the printed commands`,
    version: v.cosign2,
    printedFor: [],
    ranFor: ALL,
  },
  {
    id: 'cosign-v2.2',
    label: `cosign ${v.cosign22}, legacy tags, trust from SIGSTORE_* (the generation older Kyverno embeds)`,
    version: v.cosign22,
    printedFor: [],
    ranFor: ALL,
  },
  {
    id: 'kyverno-cpol-cosign',
    label: `Kyverno CLI ${v.kyverno}, printed ClusterPolicy type: Cosign`,
    version: v.kyverno,
    printedFor: TAGS,
    ranFor: TAGS,
  },
  {
    id: 'kyverno-cpol-sigstorebundle',
    label: `Kyverno CLI ${v.kyverno}, printed ClusterPolicy type: SigstoreBundle (Kyverno’s TUF: sigstamp tuf-repo)`,
    version: v.kyverno,
    printedFor: BUNDLES,
    ranFor: BUNDLES,
  },
  {
    id: 'kyverno-ivp',
    label: `Kyverno CLI ${v.kyverno}, printed ImageValidatingPolicy (tuf.mirror: sigstamp tuf-repo)`,
    version: v.kyverno,
    printedFor: BUNDLES,
    ranFor: BUNDLES,
  },
  {
    id: 'policy-controller',
    label: `policy-controller ${v.policyTester} tester, printed ClusterImagePolicy + TrustRoot`,
    version: v.policyTester,
    printedFor: ALL,
    ranFor: ALL,
  },
  {
    id: 'gh',
    label: `gh ${v.gh} attestation verify, printed command (--predicate-type per artifact)`,
    version: v.gh,
    printedFor: BUNDLES,
    ranFor: BUNDLES,
  },
];

export interface Cell {
  registry: RegistryKind;
  storage: StorageMode;
  consumer: Pick<ConsumerInfo, 'id' | 'label' | 'version'>;
  case: CaseName;
  expected: Expectation;
  observed: Verdict | 'error';
  /** The consumer's own last words when the cell is wrong (for the failure message only). */
  detail?: string;
}

export const ADMITTED: Expectation = { verdict: 'admitted' };
export const REJECTED: Expectation = { verdict: 'rejected' };

export function isRight(c: Cell): boolean {
  return c.observed === c.expected.verdict;
}

/** The correct verdict for a case, before any consumer's bug or limitation is considered. */
export function correctVerdict(c: CaseName): Verdict {
  if (c === 'by-tag' || c === 'by-digest' || c.startsWith('artifact:')) return 'admitted';
  return 'rejected';
}

/**
 * Promotion (test/conformance/promotion.test.ts): a signed image copied with `oras copy -r` from
 * one registry kind to the other; each consumer at the source and at the destination.
 */
export interface PromotionCell {
  kind: 'promotion';
  /** `distribution → olareg`. */
  route: string;
  storage: StorageMode;
  at: 'source' | 'destination';
  consumer: string;
  expected: Verdict;
  observed: Verdict;
}

/** The routes × storage modes the promotion suite measures (each at the source and the destination). */
export const PROMOTION_ROUTES = ['distribution → olareg', 'olareg → distribution'] as const;
export const PROMOTION_STORAGES = ['both', 'referrers'] as const;

export async function recordCells(cells: (Cell | PromotionCell)[]): Promise<void> {
  const out = process.env.SIGSTAMP_INTEROP_OUT;
  if (!out || cells.length === 0) return;
  await appendFile(out, cells.map((c) => `${JSON.stringify({ ...c, detail: undefined })}\n`).join(''));
}

/** The wrong cells as one readable failure message (consumer, case, expected, observed, output). */
export function wrongCells(cells: Cell[]): string {
  return cells
    .filter((c) => !isRight(c))
    .map(
      (c) =>
        `${c.consumer.label} on ${c.registry}, storage ${c.storage}, ${c.case}: expected ${c.expected.verdict}` +
        `${c.expected.bug ? ` (pinned ${c.expected.bug.issue})` : ''}, observed ${c.observed}\n` +
        (c.detail ?? '')
          .split('\n')
          .filter(Boolean)
          .slice(-12)
          .map((l) => `    ${l}`)
          .join('\n'),
    )
    .join('\n');
}
