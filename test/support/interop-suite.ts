// The interop matrix for one registry kind: for each storage mode, sigstamp signs an image with
// everything it can publish (signature, SLSA provenance, SPDX and CycloneDX SBOMs, a custom
// predicate) plus the near misses, and every consumer of what it printed is run on each case:
// the printed cosign commands (cosign v3.1.3, and v2.6 as users still have it), cosign v2.2 on the
// legacy tags (Kyverno's embedded generation), the Kyverno CLI on all three printed Kyverno
// policies, policy-controller's tester on the printed ClusterImagePolicy, and the printed gh command.
// Each cell is recorded (test/support/interop.ts) and must be what the consumer's expectation says.
//
// The Sigstore is the real one (Fulcio, Rekor, TSA: test/support/real-sigstore) so that gh, which
// applies the public-good policy to a CA named like the stand-ins, verifies too.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTufRepository } from '../../src/sigstore/tuf-repo.js';
import { customSigstoreInputs, runAction, type ActionRun } from './action.js';
import { buildImage, pushImage } from './image.js';
import {
  ADMITTED,
  ARTIFACTS,
  CASES,
  CONSUMER_CATALOGUE,
  REJECTED,
  STORAGES,
  correctVerdict,
  recordCells,
  wrongCells,
  type Artifact,
  type CaseName,
  type Cell,
  type Expectation,
  type RegistryKind,
  type StorageMode,
} from './interop.js';
import { kyvernoAdmits, pinnedLikeMutateDigest } from './kyverno.js';
import { NEAR_MISS_CLAIMS, PREFIX_REPO } from './near-misses.js';
import {
  policyTesterAdmits,
  splitPolicyControllerFile,
  type PolicyControllerFiles,
} from './policy-tester.js';
import { printedCommands, runPrinted, toolBin, type PrintedCommands } from './printed-commands.js';
import { REAL_SIGSTORE_TOOLS, startRealSigstore } from './real-sigstore/index.js';
import { startDistribution, startOlareg, type TestRegistry } from './registry.js';
import { DEFAULT_REPO, type GitHubClaims, type SigstoreUnderTest } from './sigstore/index.js';
import { serveDirectory, type StaticServer } from './static-server.js';
import { toolGate } from './tools.js';
import { cosignEnvVerify, runTool } from './verifiers.js';

export const PREDICATE_TYPES: Record<Exclude<Artifact, 'signature'>, string> = {
  slsa: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  custom: 'https://cosign.sigstore.dev/attestation/vuln/v1',
};

type Image = 'signed' | 'unsigned' | 'otherWorkflow' | 'otherBranch' | 'prefixRepo' | 'noAttestations';
const IMAGE_OF: Record<Exclude<CaseName, 'by-tag' | 'by-digest' | `artifact:${string}`>, Image> = {
  unsigned: 'unsigned',
  'other-workflow': 'otherWorkflow',
  'other-branch': 'otherBranch',
  'prefix-repo': 'prefixRepo',
  'no-attestations': 'noAttestations',
};

interface Context {
  registry: TestRegistry;
  registryKind: RegistryKind;
  storage: StorageMode;
  sigstore: SigstoreUnderTest;
  ref: string;
  digests: Record<Image, string>;
  run: ActionRun;
  printed: PrintedCommands;
  /** Path of a printed policy file, by its file name. */
  policy(file: string): string | undefined;
  pc?: PolicyControllerFiles;
  /** TUF_ROOT initialised (cosign v2.2 `initialize`) from the served sigstamp tuf-repo. */
  tufRoot: string;
  bins: Record<'cosign3' | 'cosign2' | 'gh', string>;
}

interface Verdict {
  admitted: boolean;
  denied: boolean;
  out: string;
}

/** How to run a consumer of the catalogue on a case, and what must happen. */
interface Runner {
  check(ctx: Context, c: CaseName): Promise<Verdict>;
  expectation(ctx: Context, c: CaseName): Expectation;
}

const correct = (c: CaseName): Expectation => (correctVerdict(c) === 'admitted' ? ADMITTED : REJECTED);
const artifactOf = (c: CaseName): Artifact | undefined =>
  c.startsWith('artifact:') ? (c.slice('artifact:'.length) as Artifact) : undefined;

/** The image a case runs on: the signed one by tag, by digest, or a near miss by digest. */
function imageFor(ctx: Context, c: CaseName): string {
  if (c === 'by-tag') return `${ctx.ref}:signed`;
  if (c === 'by-digest' || artifactOf(c)) return `${ctx.ref}@${ctx.digests.signed}`;
  return `${ctx.ref}@${ctx.digests[IMAGE_OF[c as keyof typeof IMAGE_OF]]}`;
}

const shellVerdict = (code: number, out: string): Verdict => ({
  admitted: code === 0,
  denied: code !== 0,
  out,
});

/** The printed cosign lines for a case: one line for an artifact, all of them (in order) otherwise. */
function cosignLines(ctx: Context, c: CaseName): string[] {
  const a = artifactOf(c);
  const lines = ctx.printed.cosign;
  if (!a) return lines;
  const line =
    a === 'signature'
      ? lines.find((l) => l.startsWith('cosign verify '))
      : lines.find((l) => l.includes(`--type ${PREDICATE_TYPES[a]} `));
  if (!line) throw new Error(`no printed cosign line for ${a}:\n${lines.join('\n')}`);
  return [line];
}

/** The printed lines with the image replaced; the first failing line decides (as `set -e` would). */
async function runCosignLines(ctx: Context, c: CaseName, bin: string): Promise<Verdict> {
  const printedRef = `${ctx.ref}@${ctx.digests.signed}`;
  let out = '';
  for (const l of cosignLines(ctx, c)) {
    if (!l.endsWith(` ${printedRef}`))
      throw new Error(`printed cosign line does not end in ${printedRef}: ${l}`);
    const r = await runPrinted(`${l.slice(0, -printedRef.length)}${imageFor(ctx, c)}`, bin);
    out += `$ ${l}\n${r.out}`;
    if (r.code !== 0) return shellVerdict(r.code, out);
  }
  return shellVerdict(0, out);
}

/** A printed ClusterPolicy reduced to one artifact: the signature alone, or one attestation alone. */
function cpolVariant(text: string, a: Artifact): string {
  const doc = parseAllDocuments(text)[0]!.toJS() as {
    spec: { rules: { verifyImages: { attestations?: { type: string }[] }[] }[] };
  };
  for (const rule of doc.spec.rules)
    for (const vi of rule.verifyImages) {
      if (a === 'signature') delete vi.attestations;
      else vi.attestations = (vi.attestations ?? []).filter((x) => x.type === PREDICATE_TYPES[a]);
    }
  return stringify(doc);
}

/** The printed ImageValidatingPolicy reduced to one artifact's attestation and validation. */
function ivpVariant(text: string, a: Artifact): string {
  const doc = parseAllDocuments(text)[0]!.toJS() as {
    spec: {
      attestations?: { name: string; intoto: { type: string } }[];
      validations: { expression: string }[];
    };
  };
  if (a === 'signature') {
    delete doc.spec.attestations;
    doc.spec.validations = doc.spec.validations.filter((v) => !v.expression.includes('attestations.'));
  } else {
    const att = (doc.spec.attestations ?? []).filter((x) => x.intoto.type === PREDICATE_TYPES[a]);
    doc.spec.attestations = att;
    doc.spec.validations = doc.spec.validations.filter((v) =>
      att.some((x) => v.expression.includes(`attestations.${x.name},`)),
    );
  }
  return stringify(doc);
}

/** The policy-controller file as the tester takes it for a case (a derived file for an artifact). */
async function pcPolicy(ctx: Context, c: CaseName): Promise<string> {
  const pc = ctx.pc!;
  const names = Object.keys(pc.each);
  const signature = pc.each[names.find((n) => n.endsWith('-signature'))!]!;
  const attestations = pc.each[names.find((n) => n.endsWith('-attestations'))!]!;
  const a = artifactOf(c);
  if (!a) return pc.all;
  if (a === 'signature') return signature;
  const doc = parseAllDocuments(await readFile(attestations, 'utf8'))[0]!.toJS() as {
    spec: { authorities: { attestations: { predicateType: string }[] }[] };
  };
  for (const auth of doc.spec.authorities)
    auth.attestations = auth.attestations.filter((x) => x.predicateType === PREDICATE_TYPES[a]);
  return writeVariant(stringify(doc), `pc-${a}.yaml`);
}

async function writeVariant(text: string, name: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'sigstamp-interop-')), name);
  await writeFile(path, text);
  return path;
}

/** `kyverno apply` of a printed policy (or its one-artifact variant) to a Pod of the case's image. */
async function kyvernoCheck(
  ctx: Context,
  c: CaseName,
  file: string,
  opts: { variant: (text: string, a: Artifact) => string; mutateDigest?: boolean; tuf?: boolean },
): Promise<Verdict> {
  const printed = ctx.policy(file);
  if (!printed) throw new Error(`the run printed no ${file}`);
  const a = artifactOf(c);
  const policy = a ? await writeVariant(opts.variant(await readFile(printed, 'utf8'), a), file) : printed;
  let image = imageFor(ctx, c);
  // In a cluster the mutating webhook pins the tag first; `kyverno apply` runs validation only.
  if (c === 'by-tag' && opts.mutateDigest) image = await pinnedLikeMutateDigest(image);
  return kyvernoAdmits(
    policy,
    c.replace(/[^a-z0-9]/g, '-'),
    image,
    [],
    opts.tuf ? { TUF_ROOT: ctx.tufRoot } : {},
  );
}

function ghCommand(ctx: Context, c: CaseName): string {
  const gh = ctx.printed.gh!;
  const printedRef = `oci://${ctx.ref}@${ctx.digests.signed} `;
  if (!gh.includes(printedRef)) throw new Error(`printed gh line does not name ${printedRef}: ${gh}`);
  let command = gh.replace(printedRef, `oci://${imageFor(ctx, c)} `);
  const a = artifactOf(c);
  if (a) {
    const type = a === 'signature' ? 'https://sigstore.dev/cosign/sign/v1' : PREDICATE_TYPES[a];
    command = command.replace(/--predicate-type \S+/, `--predicate-type ${type}`);
  }
  return command;
}

const LEGACY_ONLY =
  'reads only the legacy .sig/.att tags, and storage: referrers writes none (use cosign v3 or storage: both)';

const COSIGN_26_LEGACY =
  'cosign v2.6 takes --trusted-root for verify-attestation only with the new bundle format, and storage: legacy ' +
  'writes no bundle ("trusted root path currently only supported with --new-bundle-format"): with v2 give the ' +
  'trust as SIGSTORE_ROOT_FILE and SIGSTORE_REKOR_PUBLIC_KEY instead (as the cosign v2.2 row does), or use cosign v3';

const PC_1958 = {
  issue: 'policy-controller#1958',
  url: 'https://github.com/sigstore/policy-controller/issues/1958',
  what: 'signatureFormat: bundle does not verify image signatures ("bundle support for image signatures is not yet implemented")',
};
const PC_1968 = {
  issue: 'policy-controller#1968',
  url: 'https://github.com/sigstore/policy-controller/pull/1968',
  what: 'a TrustRoot’s tLogs get a log ID no bundle matches ("not enough verified log entries from transparency log: 0 < 1"); fix unreleased',
};

const RUNNERS: Record<string, Runner> = {
  'cosign-v3': {
    check: (ctx, c) => runCosignLines(ctx, c, ctx.bins.cosign3),
    expectation: (_ctx, c) => correct(c),
  },
  'cosign-v2.6': {
    check: (ctx, c) => runCosignLines(ctx, c, ctx.bins.cosign2),
    // With no bundle to read, v2.6 refuses --trusted-root for attestations (verify-attestation:
    // "trusted root path currently only supported with --new-bundle-format").
    expectation: (ctx, c) =>
      ctx.storage === 'legacy' && correctVerdict(c) === 'admitted' && artifactOf(c) !== 'signature'
        ? { verdict: 'rejected', limitation: COSIGN_26_LEGACY }
        : correct(c),
  },
  'cosign-v2.2': {
    check: async (ctx, c) => {
      const a = artifactOf(c);
      const id = { regexp: ctx.run.outputs['subject-regex']!, issuer: ctx.run.outputs.issuer! };
      const types = a
        ? a === 'signature'
          ? [undefined]
          : [PREDICATE_TYPES[a]]
        : [undefined, ...Object.values(PREDICATE_TYPES)];
      let out = '';
      for (const t of types) {
        const r = await cosignEnvVerify('cosign22', ctx.sigstore, imageFor(ctx, c), id, t);
        out += r.stdout + r.stderr;
        if (r.code !== 0) return shellVerdict(r.code, out);
      }
      return shellVerdict(0, out);
    },
    expectation: (ctx, c) =>
      ctx.storage === 'referrers' && correctVerdict(c) === 'admitted'
        ? { verdict: 'rejected', limitation: LEGACY_ONLY }
        : correct(c),
  },
  'kyverno-cpol-cosign': {
    check: (ctx, c) => kyvernoCheck(ctx, c, 'kyverno-clusterpolicy-cosign.yaml', { variant: cpolVariant }),
    expectation: (_ctx, c) => correct(c),
  },
  'kyverno-cpol-sigstorebundle': {
    check: (ctx, c) =>
      kyvernoCheck(ctx, c, 'kyverno-clusterpolicy-bundle.yaml', { variant: cpolVariant, tuf: true }),
    expectation: (_ctx, c) => correct(c),
  },
  'kyverno-ivp': {
    check: (ctx, c) =>
      kyvernoCheck(ctx, c, 'kyverno-imagevalidatingpolicy.yaml', { variant: ivpVariant, mutateDigest: true }),
    expectation: (_ctx, c) => correct(c),
  },
  'policy-controller': {
    check: async (ctx, c) =>
      policyTesterAdmits(await pcPolicy(ctx, c), imageFor(ctx, c), {
        trustRoot: ctx.pc!.trustRoot,
        oci11: ctx.storage === 'referrers',
      }),
    expectation: (ctx, c) => {
      if (ctx.storage !== 'referrers' || correctVerdict(c) === 'rejected') return correct(c);
      const a = artifactOf(c);
      return { verdict: 'rejected', bug: !a || a === 'signature' ? PC_1958 : PC_1968 };
    },
  },
  gh: {
    check: async (ctx, c) => {
      const r = await runPrinted(ghCommand(ctx, c), ctx.bins.gh);
      return shellVerdict(r.code, r.out);
    },
    expectation: (_ctx, c) => correct(c),
  },
};

const REGISTRIES: Record<RegistryKind, { name: string; tool: string; start(): Promise<TestRegistry> }> = {
  distribution: {
    name: 'distribution 2.8 (no referrers API)',
    tool: 'docker-registry',
    start: () => startDistribution(),
  },
  olareg: { name: 'olareg (referrers API)', tool: 'olareg', start: () => startOlareg() },
};

const TOOLS = ['skopeo', 'umoci', 'cosign3', 'cosign2', 'cosign22', 'kyverno', 'policy-tester', 'gh', 'jq'];

export function interopSuite(registryKind: RegistryKind): void {
  const kind = REGISTRIES[registryKind];
  describe.skipIf(!toolGate(kind.tool, ...TOOLS, ...REAL_SIGSTORE_TOOLS))(
    `interop matrix on ${kind.name}: every printed policy and command, run by its consumer`,
    () => {
      let sigstore: SigstoreUnderTest;
      let tuf: StaticServer;
      let tufRootJson: string;
      let tufRoot: string;
      let bins: Context['bins'];
      let vulnFile: string;

      beforeAll(async () => {
        sigstore = await startRealSigstore();
        const out = join(sigstore.dir, 'tuf');
        tufRootJson = (await writeTufRepository({ trustedRootPath: sigstore.trustedRootPath, outDir: out }))
          .rootPath;
        tuf = await serveDirectory(out);
        // Kyverno's ClusterPolicy SigstoreBundle takes its trust only from Kyverno's own TUF client
        // (sigstore/sigstore pkg/tuf, from TUF_ROOT): the CLI's equivalent of the controller's
        // --tufMirror/--tufRoot is a TUF_ROOT initialised from the same repository.
        tufRoot = await mkdtemp(join(tmpdir(), 'sigstamp-kyverno-tuf-'));
        const init = await runTool('cosign22', ['initialize', '--mirror', tuf.url, '--root', tufRootJson], {
          TUF_ROOT: tufRoot,
        });
        expect(init.code, init.stdout + init.stderr).toBe(0);
        bins = {
          cosign3: await toolBin({ cosign: 'cosign3' }),
          cosign2: await toolBin({ cosign: 'cosign2' }),
          gh: await toolBin({ gh: 'gh', jq: 'jq' }),
        };
        vulnFile = join(sigstore.dir, 'vuln.json');
        await writeFile(
          vulnFile,
          JSON.stringify({ scanner: { uri: 'pkg:github/aquasecurity/trivy@0.50.0' }, metadata: {} }),
        );
      }, 600_000);
      afterAll(async () => Promise.all([sigstore?.stop(), tuf?.close()]));

      for (const storage of STORAGES)
        describe(`storage: ${storage}`, () => {
          const ctx = { registryKind, storage } as Context;

          async function sign(
            name: Image,
            claims: Partial<GitHubClaims>,
            extra: Record<string, string> = {},
            env: Record<string, string> = {},
          ): Promise<ActionRun> {
            ctx.digests[name] = await pushImage(
              await buildImage([{ '/which': `${name} ${storage}\n` }]),
              `${ctx.ref}:${name}`,
            );
            sigstore.oidc.setClaims(claims);
            const r = await runAction(
              {
                image: ctx.ref,
                digest: ctx.digests[name],
                storage,
                predicates: `${PREDICATE_TYPES.custom}=${vulnFile}`,
                ...customSigstoreInputs(sigstore),
                // The real stack timestamps through its TSA.
                ...(sigstore.tsaUrl ? { 'tsa-url': sigstore.tsaUrl } : {}),
                'tuf-mirror': tuf.url,
                'tuf-root': tufRootJson,
                ...extra,
              },
              { sigstore, env },
            );
            expect(r.code, r.stdout + r.stderr).toBe(0);
            return r;
          }

          beforeAll(async () => {
            const registry = await kind.start();
            Object.assign(ctx, { registry, sigstore, tufRoot, bins, digests: {} });
            ctx.ref = `${registry.host}/${DEFAULT_REPO}`;
            ctx.run = await sign('signed', {});
            ctx.digests.unsigned = await pushImage(
              await buildImage([{ '/which': `unsigned ${storage}\n` }]),
              `${ctx.ref}:unsigned`,
            );
            // Near misses carry every artifact: refused for who signed, not for something missing.
            await sign('otherWorkflow', NEAR_MISS_CLAIMS.otherWorkflow);
            await sign('otherBranch', NEAR_MISS_CLAIMS.otherBranch);
            const evil = NEAR_MISS_CLAIMS.prefixRepo.workflow_ref;
            await sign(
              'prefixRepo',
              NEAR_MISS_CLAIMS.prefixRepo,
              {},
              {
                GITHUB_REPOSITORY: PREFIX_REPO,
                GITHUB_WORKFLOW_REF: evil,
              },
            );
            sigstore.oidc.setClaims({});
            await sign('noAttestations', {}, { provenance: 'none', sbom: 'none', predicates: '' });
            ctx.printed = await printedCommands(ctx.run);
            const paths = ctx.run.outputs['policy-paths']!.split('\n');
            ctx.policy = (file) => paths.find((p) => p.endsWith(`/${file}`));
            const pc = ctx.policy('policy-controller-clusterimagepolicy.yaml');
            if (pc) ctx.pc = await splitPolicyControllerFile(pc);
          }, 900_000);
          afterAll(async () => ctx.registry?.stop());

          for (const consumer of CONSUMER_CATALOGUE) {
            if (!consumer.ranFor.includes(storage)) continue;
            const runner = RUNNERS[consumer.id]!;
            it(`${consumer.label}: ${CASES.length} cases`, async () => {
              const cells: Cell[] = [];
              for (const c of CASES) {
                const expected = runner.expectation(ctx, c);
                let observed: Cell['observed'];
                let detail: string;
                try {
                  const v = await runner.check(ctx, c);
                  observed = v.admitted ? 'admitted' : v.denied ? 'rejected' : 'error';
                  detail = v.out;
                } catch (e) {
                  observed = 'error';
                  detail = e instanceof Error ? e.message : String(e);
                }
                cells.push({
                  registry: registryKind,
                  storage,
                  consumer: { id: consumer.id, label: consumer.label, version: consumer.version },
                  case: c,
                  expected,
                  observed,
                  detail,
                });
              }
              await recordCells(cells);
              expect(wrongCells(cells), 'cells that are not what they must be').toBe('');
            }, 900_000);
          }

          it('prints exactly the consumers the matrix runs for this storage (nothing printed goes unrun)', () => {
            const printedFiles = ctx.run.outputs['policy-paths']!.split('\n').map((p) => p.split('/').pop());
            const kyvernoFiles = {
              'kyverno-cpol-cosign': 'kyverno-clusterpolicy-cosign.yaml',
              'kyverno-cpol-sigstorebundle': 'kyverno-clusterpolicy-bundle.yaml',
              'kyverno-ivp': 'kyverno-imagevalidatingpolicy.yaml',
            } as const;
            for (const [id, file] of Object.entries(kyvernoFiles))
              expect(printedFiles.includes(file), `${file} for storage ${storage}`).toBe(
                CONSUMER_CATALOGUE.find((x) => x.id === id)!.printedFor.includes(storage),
              );
            expect(printedFiles).toContain('policy-controller-clusterimagepolicy.yaml');
            expect(ctx.printed.gh !== undefined, 'gh line').toBe(storage !== 'legacy');
            expect(ctx.printed.cosign).toHaveLength(1 + ARTIFACTS.length - 1);
            // What the cosign v2.6 row measured for legacy storage, said where the commands are printed.
            expect(ctx.run.summary.includes('cosign v2.6 refuses `--trusted-root`'), 'v2.6 warning').toBe(
              storage === 'legacy',
            );
          });
        });
    },
  );
}
