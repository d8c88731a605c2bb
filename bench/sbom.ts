// SBOM generation cost on real images in a loopback distribution registry, each case its own
// process, 5 runs of every case taken in turns after a warm-up round, medians of wall time and peak RSS:
//   - sigstamp: the bundled CLI as users run it, `sigstamp sbom REF` (SPDX and CycloneDX, files);
//   - syft 1.51 writing both formats in one run (`-o spdx-json=… -o cyclonedx-json@1.6=…`), and
//     each format alone (what a pipeline with one syft step per format does);
//   - the floor: download and gunzip every layer, nothing else (bench/floor.mjs).
// Images: the SBOM test image (Debian bookworm minbase + a node_modules layer, ~224 MB) and a large
// one of about 1 GB: that rootfs plus this machine's Go toolchain (GOROOT, ~270 MB of Go binaries and
// sources), the project's node_modules (~190 MB, hundreds of npm packages) and Python's
// site-packages, in one layer (the worst case for a streaming reader: nothing to overlap).
//   npm run bench:sbom            (SIGSTAMP_BENCH_IMAGES=small to skip the large image)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImageFromRootfs, cleanupImages, pushImage } from '../test/support/image.js';
import { startDistribution } from '../test/support/registry.js';
import { buildSbomTestImage, cleanupRootfs, debianRootfs } from '../test/support/rootfs.js';
import { toolPath } from '../test/support/tools.js';
import { measure, median, TIME, type Sample } from './measure.js';

const RUNS = 5;
const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

interface CaseResult {
  ms: number;
  rssMb: number;
  runs: Sample[];
}

async function benchImage(host: string, repo: string, digest: string, dir: string) {
  const node = process.execPath;
  const ref = `${host}/${repo}@${digest}`;
  const env = { ...process.env, SYFT_CHECK_FOR_APP_UPDATE: 'false', SYFT_REGISTRY_INSECURE_USE_HTTP: 'true' };
  const out = (f: string) => join(dir, f);
  const cases: Array<{ name: string; cmd: string; args: string[] }> = [
    {
      name: 'sigstamp sbom (spdx+cdx)',
      cmd: node,
      args: [join(root, 'dist', 'cli', 'index.js'), 'sbom', ref, '--output-dir', out('sigstamp')],
    },
    {
      name: 'syft (spdx+cdx, one run)',
      cmd: toolPath('syft'),
      args: [
        `registry:${ref}`,
        '-q',
        '-o',
        `spdx-json=${out('s.spdx.json')}`,
        '-o',
        `cyclonedx-json@1.6=${out('s.cdx.json')}`,
      ],
    },
    {
      name: 'syft spdx-json',
      cmd: toolPath('syft'),
      args: [`registry:${ref}`, '-q', '-o', `spdx-json=${out('s1.json')}`],
    },
    {
      name: 'syft cyclonedx-json@1.6',
      cmd: toolPath('syft'),
      args: [`registry:${ref}`, '-q', '-o', `cyclonedx-json@1.6=${out('s2.json')}`],
    },
    { name: 'floor (fetch+gunzip)', cmd: node, args: [join(here, 'floor.mjs'), host, repo, digest] },
  ];
  // Round-robin with one discarded warm-up round: every case meets the same page cache, registry
  // state and machine noise (a drift over the minutes of the run spreads over all cases alike).
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const c of cases) {
      const sample = await measure(c.cmd, c.args, env, dir);
      if (round > 0) samples.get(c.name)!.push(sample);
    }
  }
  const results: Record<string, CaseResult> = {};
  for (const c of cases) {
    const runs = samples.get(c.name)!;
    results[c.name] = {
      ms: median(runs.map((r) => r.ms)),
      rssMb: median(runs.map((r) => r.rssMb)),
      runs: runs.map((r) => ({
        ...r,
        stdout: r.stdout.length > 500 ? `<${r.stdout.length} bytes>` : r.stdout.trim(),
      })),
    };
  }
  const floorInfo = JSON.parse(results['floor (fetch+gunzip)']!.runs[0]!.stdout) as {
    layerBytes: number;
    decompressed: number;
  };
  return { results, floorInfo };
}

function table(results: Record<string, CaseResult>): string {
  const ours = results['sigstamp sbom (spdx+cdx)']!;
  const floor = results['floor (fetch+gunzip)']!;
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    r.ms.toFixed(0),
    r.rssMb.toFixed(1),
    (r.ms / ours.ms).toFixed(2),
    (r.rssMb / ours.rssMb).toFixed(2),
    (r.ms / floor.ms).toFixed(2),
  ]);
  const header = [
    'case',
    'wall ms (median)',
    'peak RSS MB',
    'time ÷ sigstamp',
    'RSS ÷ sigstamp',
    'time ÷ floor',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const execFileAsync = promisify(execFile);

/** The ~1 GB image: real trees of three more ecosystems copied into the Debian rootfs. */
async function largeImage() {
  const rootfs = await debianRootfs();
  const goroot = (await execFileAsync('go', ['env', 'GOROOT'])).stdout.trim();
  const sitePackages = (
    await execFileAsync('python3', ['-c', 'import site; print(site.getsitepackages()[0])'])
  ).stdout.trim();
  const copies: Array<[string, string]> = [
    [goroot, 'usr/local/go'],
    [join(root, 'node_modules'), 'app/node_modules'],
    [join(root, 'package.json'), 'app/package.json'],
    [sitePackages, 'usr/local/lib/python3/site-packages'],
  ];
  for (const [from, to] of copies) {
    await mkdir(dirname(join(rootfs, to)), { recursive: true });
    await execFileAsync('cp', ['-a', from, join(rootfs, to)]);
  }
  return buildImageFromRootfs(rootfs);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-bench-sbom-'));
  const registry = await startDistribution();
  const report: Record<string, unknown> = {};
  let text = '';
  try {
    const images: Array<{ name: string; repo: string; build: () => Promise<{ manifestDigest: string }> }> = [
      {
        name: 'debian-minbase+npm',
        repo: 'bench/debian',
        build: async () => (await buildSbomTestImage()).image,
      },
    ];
    if (process.env.SIGSTAMP_BENCH_IMAGES !== 'small')
      images.push({
        name: 'debian-large',
        repo: 'bench/debian-large',
        build: largeImage,
      });
    for (const img of images) {
      process.stdout.write(`building ${img.name} (debootstrap on the first run, cached after) …\n`);
      const built = await img.build();
      const digest = await pushImage(
        built as Parameters<typeof pushImage>[0],
        `${registry.host}/${img.repo}:bench`,
      );
      process.stdout.write(`measuring ${img.name} …\n`);
      const { results, floorInfo } = await benchImage(registry.host, img.repo, digest, dir);
      const ours = results['sigstamp sbom (spdx+cdx)']!;
      const syftBoth = results['syft (spdx+cdx, one run)']!;
      const floor = results['floor (fetch+gunzip)']!;
      const t = table(results);
      const summary =
        `syft (both formats) ÷ sigstamp: time ${(syftBoth.ms / ours.ms).toFixed(2)}×, RSS ${(syftBoth.rssMb / ours.rssMb).toFixed(2)}×; ` +
        `sigstamp ÷ floor: time ${(ours.ms / floor.ms).toFixed(2)}×; sigstamp peak RSS ${ours.rssMb.toFixed(0)} MB`;
      text +=
        `\n${img.name}: ${registry.host}/${img.repo}@${digest}, layers ${floorInfo.layerBytes} B compressed, ` +
        `${floorInfo.decompressed} B uncompressed; ${RUNS} runs each; RSS via ${TIME ? '/usr/bin/time %M' : '/proc VmHWM'}\n\n${t}\n\n${summary}\n`;
      report[img.name] = { digest, ...floorInfo, results, table: t, summary };
      await cleanupImages();
    }
    process.stdout.write(text);
    const outDir = join(here, 'results');
    await mkdir(outDir, { recursive: true });
    const file = join(outDir, `sbom-${new Date().toISOString().slice(0, 10)}.json`);
    await writeFile(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, images: report }, null, 2)}\n`,
    );
    process.stdout.write(`wrote ${file}\n`);
  } finally {
    await registry.stop();
    await cleanupImages();
    await cleanupRootfs();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
