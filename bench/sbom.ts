// SBOM generation cost on a real image (Debian bookworm minbase + a real node_modules tree), against
// a loopback distribution registry: sigstamp vs syft 1.51 vs the floor (download + gunzip every layer).
// Each case runs in its own process, 3 times; wall ms and peak RSS are medians.
//   ~/.cache/sigstamp/bin/node24 --import tsx bench/sbom.ts
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupImages, pushImage } from '../test/support/image.js';
import { startDistribution } from '../test/support/registry.js';
import { buildSbomTestImage, cleanupRootfs } from '../test/support/rootfs.js';
import { toolPath } from '../test/support/tools.js';
import { measure, median, TIME, type Sample } from './measure.js';

const RUNS = 3;
const REPO = 'bench/debian';
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const node = process.execPath;
  const syft = toolPath('syft');
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-bench-sbom-'));
  process.stdout.write('building the image (debootstrap on the first run, cached after) …\n');
  const [registry, built] = await Promise.all([startDistribution(), buildSbomTestImage()]);
  try {
    const digest = await pushImage(built.image, `${registry.host}/${REPO}:bookworm`);
    const ref = `${registry.host}/${REPO}@${digest}`;
    const env = {
      ...process.env,
      SYFT_CHECK_FOR_APP_UPDATE: 'false',
      SYFT_REGISTRY_INSECURE_USE_HTTP: 'true',
    };
    const child = join(here, 'sbom-child.ts');
    const cases: Array<{ name: string; cmd: string; args: string[] }> = [
      {
        name: 'sigstamp (spdx+cdx)',
        cmd: node,
        args: ['--import', 'tsx', child, 'sbom', registry.host, REPO, digest],
      },
      { name: 'syft spdx-json', cmd: syft, args: [`registry:${ref}`, '-q', '-o', 'spdx-json'] },
      {
        name: 'syft cyclonedx-json@1.6',
        cmd: syft,
        args: [`registry:${ref}`, '-q', '-o', 'cyclonedx-json@1.6'],
      },
      {
        name: 'floor (fetch+gunzip)',
        cmd: node,
        args: ['--import', 'tsx', child, 'floor', registry.host, REPO, digest],
      },
    ];
    const results: Record<string, { ms: number; rssMb: number; runs: Sample[]; info?: unknown }> = {};
    for (const c of cases) {
      const runs: Sample[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(c.cmd, c.args, env, dir));
      const info = c.cmd === node ? JSON.parse(runs[runs.length - 1]?.stdout ?? '{}') : undefined;
      results[c.name] = {
        ms: median(runs.map((r) => r.ms)),
        rssMb: median(runs.map((r) => r.rssMb)),
        runs: runs.map((r) => ({
          ...r,
          stdout: r.stdout.length > 500 ? `<${r.stdout.length} bytes>` : r.stdout.trim(),
        })),
        info,
      };
    }
    const ours = results['sigstamp (spdx+cdx)']!;
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
    const table = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
    const layerInfo = floor.info as { layerBytes?: number; decompressed?: number } | undefined;
    process.stdout.write(
      `\nimage ${ref}: ${built.image.manifestDigest}, layers ${layerInfo?.layerBytes} B compressed, ` +
        `${layerInfo?.decompressed} B uncompressed; ${RUNS} runs each; RSS via ${TIME ? '/usr/bin/time %M' : '/proc VmHWM'}\n` +
        `sigstamp: ${JSON.stringify(ours.info)}\n\n${table}\n\n` +
        `syft spdx ÷ sigstamp: time ${(results['syft spdx-json']!.ms / ours.ms).toFixed(2)}×, RSS ${(results['syft spdx-json']!.rssMb / ours.rssMb).toFixed(2)}×; ` +
        `sigstamp ÷ floor: time ${(ours.ms / floor.ms).toFixed(2)}×, RSS ${(ours.rssMb / floor.rssMb).toFixed(2)}×\n`,
    );
    const outDir = join(here, 'results');
    await mkdir(outDir, { recursive: true });
    const file = join(outDir, `sbom-${new Date().toISOString().slice(0, 10)}.json`);
    await writeFile(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), image: ref, runs: RUNS, rssMethod: TIME ? 'time' : 'VmHWM', results, table }, null, 2)}\n`,
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
