// The whole job, side by side, on the same image, registry and loopback Sigstore, in one run:
//   sigstamp (the bundled Action): signature + SPDX + CycloneDX + SLSA provenance, both storage formats,
//     read back and verified; its main step, and main + post (the shared tags' settle-and-re-check at
//     the end of the job) for a job where sigstamp is the last step;
//   the pipeline users run today: syft (SPDX), syft (CycloneDX), cosign sign, cosign attest for each
//     of the three predicates (cosign v2.6.4, legacy storage), as consecutive workflow steps.
// Each side gets its own repository (same image bytes), 3 runs, medians of wall time and peak RSS.
// Two registries: distribution 2.8 (no referrers API: the fallback index and .sig/.att are shared
// tags, whose settle delay the post step waits out, docs/concurrency.md) with sigstamp's default
// `storage: both`; and olareg (referrers API) with `storage: referrers`, which writes no shared tag.
//   npm run bench:e2e
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customSigstoreInputs, parseFileCommands, tagPushContext } from '../test/support/action.js';
import { pushImage } from '../test/support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../test/support/registry.js';
import { buildSbomTestImage } from '../test/support/rootfs.js';
import { startSigstore } from '../test/support/sigstore/index.js';
import { toolPath } from '../test/support/tools.js';
import { measure, median, type Sample } from './measure.js';

const RUNS = 3;
const here = dirname(fileURLToPath(import.meta.url));

type Sigstore = Awaited<ReturnType<typeof startSigstore>>;
type Built = Awaited<ReturnType<typeof buildSbomTestImage>>;

async function benchOn(
  registry: TestRegistry,
  storage: 'both' | 'referrers',
  sigstore: Sigstore,
  built: Built,
  work: string,
): Promise<Record<string, Sample[]>> {
  const syft = toolPath('syft');
  const cosign = toolPath('cosign2');
  const baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    SYFT_CHECK_FOR_APP_UPDATE: 'false',
    SYFT_REGISTRY_INSECURE_USE_HTTP: 'true',
    TUF_ROOT: join(work, 'no-tuf'),
  };
  const results: Record<string, Sample[]> = { sigstamp: [], post: [], lastStep: [], pipeline: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      // Fresh repositories per run, so neither side finds the other's (or its own earlier) signatures.
      const a = `${registry.host}/bench/sigstamp-${run}`;
      const b = `${registry.host}/bench/cosign-${run}`;
      const [da, db] = await Promise.all([
        pushImage(built.image, `${a}:v1.2.3`),
        pushImage(built.image, `${b}:v1.2.3`),
      ]);
      const out = join(work, `${storage}-run-${run}`);
      await mkdir(out, { recursive: true });

      const inputs = {
        image: a,
        digest: da,
        'output-dir': join(out, 'sigstamp'),
        storage,
        ...customSigstoreInputs(sigstore),
      };
      const actionEnv = {
        ...baseEnv,
        ...tagPushContext(),
        RUNNER_TEMP: out,
        GITHUB_OUTPUT: join(out, 'gh-output'),
        GITHUB_STATE: join(out, 'gh-state'),
        GITHUB_STEP_SUMMARY: join(out, 'gh-summary'),
        ACTIONS_ID_TOKEN_REQUEST_URL: sigstore.oidc.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sigstore.oidc.requestToken,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      };
      await writeFile(actionEnv.GITHUB_OUTPUT, '');
      await writeFile(actionEnv.GITHUB_STATE, '');
      await writeFile(actionEnv.GITHUB_STEP_SUMMARY, '');
      const main = await measure(process.execPath, [join(here, '..', 'dist', 'index.js')], actionEnv, out);
      // The post step as the runner starts it when sigstamp is the job's last step: right after main,
      // with main's state as STATE_<name>; it waits out what remains of the shared tags' settle.
      const state = parseFileCommands(await readFile(actionEnv.GITHUB_STATE, 'utf8'));
      const postEnv = {
        ...actionEnv,
        ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
        GITHUB_STATE: join(out, 'gh-state-post'),
        GITHUB_STEP_SUMMARY: join(out, 'gh-summary-post'),
      };
      await writeFile(postEnv.GITHUB_STATE, '');
      await writeFile(postEnv.GITHUB_STEP_SUMMARY, '');
      const post = await measure(
        process.execPath,
        [join(here, '..', 'dist', 'post', 'index.js')],
        postEnv,
        out,
      );
      results.sigstamp!.push(main);
      results.post!.push(post);
      results.lastStep!.push({ ms: main.ms + post.ms, rssMb: Math.max(main.rssMb, post.rssMb), stdout: '' });
      const provenance = JSON.parse(
        await readFile(join(out, 'sigstamp', 'provenance.intoto.json'), 'utf8'),
      ) as { predicate: unknown };
      await writeFile(join(out, 'provenance.json'), JSON.stringify(provenance.predicate));

      // The pipeline: each step its own process, as workflow steps are; wall times add up, RSS is the max.
      const token = await sigstore.oidc.mint();
      const ref = `${b}@${db}`;
      const cosignEnv = { ...baseEnv, ...sigstore.legacyEnv };
      const keyless = [
        '--yes',
        '--fulcio-url',
        sigstore.fulcioUrl,
        '--rekor-url',
        sigstore.rekorUrl,
        '--identity-token',
        token,
        '--insecure-skip-verify',
      ];
      const steps: Array<[string, string[]]> = [
        [syft, [`registry:${ref}`, '-q', '-o', `spdx-json=${join(out, 'sbom.spdx.json')}`]],
        [syft, [`registry:${ref}`, '-q', '-o', `cyclonedx-json@1.6=${join(out, 'sbom.cdx.json')}`]],
        [cosign, ['sign', ...keyless, ref]],
        [
          cosign,
          ['attest', ...keyless, '--type', 'spdxjson', '--predicate', join(out, 'sbom.spdx.json'), ref],
        ],
        [
          cosign,
          ['attest', ...keyless, '--type', 'cyclonedx', '--predicate', join(out, 'sbom.cdx.json'), ref],
        ],
        [
          cosign,
          [
            'attest',
            ...keyless,
            '--type',
            'slsaprovenance1',
            '--predicate',
            join(out, 'provenance.json'),
            ref,
          ],
        ],
      ];
      const samples: Sample[] = [];
      for (const [cmd, args] of steps) samples.push(await measure(cmd, args, cosignEnv, out));
      results.pipeline!.push({
        ms: samples.reduce((s, x) => s + x.ms, 0),
        rssMb: Math.max(...samples.map((x) => x.rssMb)),
        stdout: '',
      });
      process.stdout.write(
        `${storage}, run ${run + 1}: sigstamp main ${Math.round(main.ms)} ms + post ${Math.round(post.ms)} ms, pipeline ${Math.round(results.pipeline!.at(-1)!.ms)} ms\n`,
      );
    }
  } finally {
    await registry.stop();
  }
  return results;
}

function report(title: string, results: Record<string, Sample[]>) {
  const row = (name: string) => ({
    name,
    ms: median(results[name]!.map((s) => s.ms)),
    rssMb: median(results[name]!.map((s) => s.rssMb)),
  });
  const s = row('sigstamp');
  const last = row('lastStep');
  const p = row('pipeline');
  // sigstamp's own account of where its time went (run.ts logs it at debug level), medians per phase.
  const phaseRuns = results.sigstamp!.map((r) => {
    const line = /phases \(ms\): (.*)/.exec(r.stdout)?.[1] ?? '';
    return Object.fromEntries(
      line.split(', ').flatMap((x) => {
        const m = /^(\S+) (\d+)$/.exec(x);
        return m ? [[m[1]!, Number(m[2])]] : [];
      }),
    ) as Record<string, number>;
  });
  const phases = Object.keys(phaseRuns[0] ?? {}).map(
    (k) => [k, median(phaseRuns.map((r) => r[k] ?? 0))] as const,
  );
  const settle = phases.find(([k]) => k === 'settle')?.[1] ?? 0;
  const lines = [
    title,
    'case                                         wall ms (median)  peak RSS MB',
    `sigstamp (sign+SPDX+CDX+SLSA)                ${String(Math.round(s.ms)).padStart(16)}  ${s.rssMb.toFixed(1).padStart(11)}`,
    `syft x2 + cosign sign + cosign attest x3     ${String(Math.round(p.ms)).padStart(16)}  ${p.rssMb.toFixed(1).padStart(11)}`,
    `main step: ${Math.round(s.ms)} ms, ratio ${(p.ms / s.ms).toFixed(2)}x (peak RSS ${(p.rssMb / s.rssMb).toFixed(2)}x)`,
    `as the last step (main + post): ${Math.round(last.ms)} ms, ratio ${(p.ms / last.ms).toFixed(2)}x`,
    `sigstamp main-step phases (median ms): ${phases.map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  of which waiting for in-process settles in main (docs/concurrency.md; 0 when all were handed to post): ${settle} ms`,
  ];
  return {
    text: lines.join('\n'),
    json: { sigstamp: s, lastStep: last, pipeline: p, phases: Object.fromEntries(phases), samples: results },
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'sigstamp-bench-e2e-'));
  process.stdout.write('building the image (debootstrap on the first run, cached after) …\n');
  const [sigstore, built] = await Promise.all([startSigstore(), buildSbomTestImage()]);
  const out: Record<string, unknown> = { runs: RUNS };
  const texts: string[] = [];
  try {
    const configs = [
      {
        key: 'distribution-both',
        title: 'distribution 2.8 (no referrers API), sigstamp storage: both (bundles + .sig/.att)',
        start: startDistribution,
        storage: 'both' as const,
      },
      {
        key: 'olareg-referrers',
        title: 'olareg (referrers API), sigstamp storage: referrers (no shared tag)',
        start: startOlareg,
        storage: 'referrers' as const,
      },
    ];
    for (const c of configs) {
      const r = report(c.title, await benchOn(await c.start(), c.storage, sigstore, built, work));
      texts.push(r.text);
      out[c.key] = r.json;
    }
  } finally {
    await sigstore.stop();
  }
  process.stdout.write(texts.join('\n\n') + '\n');
  await mkdir(join(here, 'results'), { recursive: true });
  await writeFile(
    join(here, 'results', `e2e-${new Date().toISOString().slice(0, 10)}.json`),
    JSON.stringify(out, null, 2) + '\n',
  );
}

await main();
