// Renders the interop matrix (docs/interop.md) from the cells the matrix suites recorded
// (test/interop, SIGSTAMP_INTEROP_OUT: one JSON line per consumer run), and checks it: every cell of
// the catalogue present exactly once, each what it must be. Nothing is written by hand: a cell that
// was not measured is reported missing, never filled in.
//
//   interop.ts CELLS.jsonl --out docs/interop.md      write the matrix (exit 1 if wrong or incomplete)
//   interop.ts CELLS.jsonl --compare docs/interop.md   also fail when the committed matrix differs
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CASES,
  CONSUMER_CATALOGUE,
  PROMOTION_ROUTES,
  PROMOTION_STORAGES,
  REGISTRY_KINDS,
  STORAGES,
  isRight,
  pinnedVersion,
  type CaseName,
  type Cell,
  type PromotionCell,
} from '../test/support/interop.js';

const COLUMN: Record<CaseName, string> = {
  'by-tag': 'by tag',
  'by-digest': 'by digest',
  'artifact:signature': 'signature',
  'artifact:slsa': 'SLSA v1',
  'artifact:spdx': 'SPDX',
  'artifact:cyclonedx': 'CycloneDX',
  'artifact:custom': 'custom predicate',
  unsigned: 'unsigned',
  'other-workflow': 'other workflow',
  'other-branch': 'other branch',
  'prefix-repo': 'prefix repo',
  'no-attestations': 'no attestations',
};
const REGISTRY_NAME = {
  distribution: 'distribution 2.8 (no referrers API)',
  olareg: `olareg ${pinnedVersion('olareg')} (referrers API)`,
};
const STORAGE_TEXT = {
  both: 'bundles as OCI 1.1 referrers (or the fallback tag) and the legacy `.sig`/`.att` tags — the default',
  referrers: 'bundles as referrers only',
  legacy: 'legacy `.sig`/`.att` tags only',
};

interface Rendered {
  markdown: string;
  problems: string[];
}

/** The promotion section: each consumer at the source and after `oras copy -r` at the destination. */
function renderPromotion(cells: PromotionCell[], problems: string[]): string[] {
  const consumers = [...new Set(cells.map((c) => c.consumer))];
  const out = [
    '## Promotion: `oras copy -r` to the other registry kind',
    '',
    'The signed image (signature and SLSA provenance; the loopback stand-in Sigstore) copied by tag with ' +
      '`oras copy -r` from one registry kind to the other, then each consumer at the source and at the ' +
      'destination (the printed policies with the destination host). The bundles travel as referrers; ' +
      "cosign's `.sig`/`.att` tags do not (see [promotion.md](promotion.md)).",
    '',
    `| route | storage | where | ${consumers.join(' | ')} |`,
    `|---|---|---|${consumers.map(() => '---').join('|')}|`,
  ];
  const seen = new Set<string>();
  for (const route of PROMOTION_ROUTES)
    for (const storage of PROMOTION_STORAGES)
      for (const at of ['source', 'destination'] as const) {
        const row = cells.filter((c) => c.route === route && c.storage === storage && c.at === at);
        if (!row.length) problems.push(`not measured: promotion ${route}, storage ${storage}, at the ${at}`);
        const text = consumers.map((name) => {
          const c = row.find((x) => x.consumer === name);
          if (!c) return '—';
          const k = `${route}|${storage}|${at}|${name}`;
          if (seen.has(k)) problems.push(`measured twice: promotion ${k}`);
          seen.add(k);
          if (c.observed !== c.expected) {
            problems.push(`wrong: promotion ${k}: observed ${c.observed}, must be ${c.expected}`);
            return `**WRONG: ${c.observed}** (must be ${c.expected})`;
          }
          return c.observed;
        });
        out.push(`| ${route} | ${storage} | ${at} | ${text.join(' | ')} |`);
      }
  out.push(
    '',
    '— : not run for that storage (it writes no `.sig`/`.att` tags, so the legacy consumers have nothing to read).',
    '',
  );
  return out;
}

export function render(all: (Cell | PromotionCell)[], date: string): Rendered {
  const problems: string[] = [];
  const cells = all.filter((c): c is Cell => !('kind' in c));
  const promotion = all.filter((c): c is PromotionCell => 'kind' in c && c.kind === 'promotion');
  const key = (r: string, s: string, id: string, c: string): string => `${r}|${s}|${id}|${c}`;
  const byKey = new Map<string, Cell>();
  for (const c of cells) {
    const k = key(c.registry, c.storage, c.consumer.id, c.case);
    if (byKey.has(k)) problems.push(`measured twice: ${k}`);
    byKey.set(k, c);
  }
  const notes: string[] = [];
  const noteRef = (text: string): string => {
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return `[${i + 1}](#note-${i + 1})`;
  };
  const cellText = (c: Cell | undefined, k: string): string => {
    if (!c) {
      problems.push(`not measured: ${k}`);
      return '**NOT MEASURED**';
    }
    if (!isRight(c)) {
      problems.push(`wrong: ${k}: observed ${c.observed}, must be ${c.expected.verdict}`);
      return `**WRONG: ${c.observed}** (must be ${c.expected.verdict})`;
    }
    if (c.expected.bug) return `${c.observed}: bug [${c.expected.bug.issue}](${c.expected.bug.url})`;
    if (c.expected.limitation) return `${c.observed} ${noteRef(c.expected.limitation)}`;
    return c.observed;
  };

  const out: string[] = [
    '# Interop matrix',
    '',
    `Generated by \`npm run interop\` on ${date} from ${all.length} consumer runs; every cell is one run ` +
      'of the real consumer on what sigstamp published. Do not edit: CI regenerates it and fails when a ' +
      'cell changes or is not what it must be.',
    '',
    `Consumers: ${[...new Set(CONSUMER_CATALOGUE.map((c) => c.label.split(',')[0]))].join('; ')}. ` +
      `Registries: ${REGISTRY_KINDS.map((r) => REGISTRY_NAME[r]).join(', ')}. Sigstore: the real services on ` +
      `loopback (Fulcio ${pinnedVersion('fulcio')}, Rekor ${pinnedVersion('rekor-server')}, timestamp ` +
      `authority ${pinnedVersion('timestamp-server')}), with the TUF repository written by \`sigstamp tuf-repo\`.`,
    '',
    'What is signed: one image per storage mode with everything sigstamp publishes — the image signature, ' +
      'SLSA provenance v1, SPDX 2.3 and CycloneDX SBOMs, a custom predicate ' +
      '(`https://cosign.sigstore.dev/attestation/vuln/v1`) — by `release.yml` of `acme/app` on tag `v1.2.3`; ' +
      'and the near misses, each with every artifact: signed by another workflow file of the same repository, ' +
      'by the same workflow from a branch, by the same workflow in `acme/app-evil` (a repository sharing the ' +
      'name prefix), and an image signed by the right identity without any attestation; plus an unsigned image.',
    '',
    'Columns: **by tag** / **by digest** run the printed policy or command as a whole (every artifact it ' +
      'requires) on the signed image; **signature** … **custom predicate** run it reduced to that one ' +
      'artifact (one cosign line, one gh `--predicate-type`, a policy keeping that attestation alone); the ' +
      'near-miss columns run it as a whole. A near miss must be `rejected`; `no attestations` is rejected ' +
      'because every printed policy requires the provenance and SBOMs. Kyverno ImageValidatingPolicy by tag ' +
      'gets the tag pinned to its digest first, as its mutateDigest webhook does in a cluster.',
    '',
  ];
  for (const storage of STORAGES) {
    out.push(`## storage: ${storage}`, '', `${STORAGE_TEXT[storage]}.`, '');
    const notRun = CONSUMER_CATALOGUE.filter((c) => !c.ranFor.includes(storage));
    if (notRun.length)
      out.push(`Not printed for this storage: ${notRun.map((c) => c.label).join('; ')}.`, '');
    out.push(
      `| consumer | registry | ${CASES.map((c) => COLUMN[c]).join(' | ')} |`,
      `|---|---|${CASES.map(() => '---').join('|')}|`,
    );
    for (const consumer of CONSUMER_CATALOGUE.filter((c) => c.ranFor.includes(storage)))
      for (const registry of REGISTRY_KINDS) {
        const printed = consumer.printedFor.includes(storage) ? '' : ' (shown, not printed)';
        const row = CASES.map((c) => {
          const k = key(registry, storage, consumer.id, c);
          return cellText(byKey.get(k), k);
        });
        out.push(`| ${consumer.label}${printed} | ${registry} | ${row.join(' | ')} |`);
      }
    out.push('');
  }
  out.push(...renderPromotion(promotion, problems));
  const bugs = new Map<string, string>();
  for (const c of cells) if (c.expected.bug) bugs.set(c.expected.bug.issue, c.expected.bug.what);
  if (bugs.size) {
    out.push('## Pinned upstream bugs', '');
    out.push(
      'Each is a rejection of a correct artifact, pinned by a test that fails when upstream fixes it; the ' +
        'summary of a run that meets it warns and names the policy that works there.',
      '',
    );
    for (const [issue, what] of bugs) out.push(`- ${issue}: ${what}`);
    out.push('');
  }
  if (notes.length) {
    out.push('## Notes', '');
    notes.forEach((n, i) => out.push(`<a id="note-${i + 1}"></a>${i + 1}. ${n}`));
    out.push('');
  }
  return { markdown: out.join('\n'), problems };
}

function main(argv: string[]): number {
  const [input, ...rest] = argv;
  if (!input) {
    console.error('usage: interop.ts CELLS.jsonl [--out FILE] [--compare FILE]');
    return 2;
  }
  const opt = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const cells = readFileSync(input, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Cell | PromotionCell);
  const { markdown, problems } = render(cells, new Date().toISOString().slice(0, 10));
  const outFile = opt('--out');
  if (outFile) writeFileSync(outFile, markdown);
  const compare = opt('--compare');
  if (compare) {
    // The date line aside, the committed matrix must be what this run measured.
    const strip = (s: string): string => s.replace(/^Generated by .*$/m, '');
    let committed = '';
    try {
      committed = readFileSync(compare, 'utf8');
    } catch {
      problems.push(`${compare} does not exist`);
    }
    if (committed && strip(committed) !== strip(markdown))
      problems.push(`${compare} is not what this run measured: run \`npm run interop\` and commit it`);
  }
  for (const p of problems) console.error(`interop: ${p}`);
  console.log(`interop: ${cells.length} cells, ${problems.length} problem(s)`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
