import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { startDelayProxy } from '../support/delay-proxy.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { toolGate } from '../support/tools.js';

const exec = promisify(execFile);
const WRITERS = 16;

// Matrix jobs attach to one digest at once, each its own process. On a registry without the
// referrers API every one of them read-modify-writes the same fallback tag; none may be lost.
for (const [kind, start, tool] of [
  ['distribution', () => startDistribution(), 'docker-registry'],
  ['olareg', () => startOlareg(), 'olareg'],
] as const) {
  describe.skipIf(!toolGate(tool, 'skopeo', 'umoci'))(
    `${WRITERS} concurrent processes attaching to one digest on ${kind}`,
    () => {
      let registry: TestRegistry;
      let digest: string;
      beforeAll(async () => {
        registry = await start();
        digest = await pushImage(
          await buildImage([{ '/c': 'concurrency\n' }]),
          `${registry.host}/race/app:1`,
        );
      });
      afterAll(async () => registry?.stop());

      /** One `sigstamp attach` process per host (the CLI: settle waited for in process); its referrer and time. */
      const attachAll = async (hosts: string[]) => {
        const dir = await mkdtemp(join(tmpdir(), 'sigstamp-race-'));
        const cli = join(process.cwd(), 'dist', 'cli', 'index.js');
        return Promise.all(
          hosts.map(async (host, i) => {
            const file = join(dir, `note-${i}.json`);
            await writeFile(file, JSON.stringify({ writer: i, host }));
            const started = performance.now();
            const { stdout } = await exec(
              process.execPath,
              [
                cli,
                'attach',
                `${host}/race/app@${digest}`,
                '--artifact-type',
                `application/vnd.example.w${i}+json`,
                '--file',
                file,
              ],
              { env: { PATH: process.env.PATH ?? '', HOME: dir } },
            );
            return { digest: stdout.trim(), ms: performance.now() - started };
          }),
        );
      };
      const listed = async () => {
        const client = new RegistryClient();
        const list = await listReferrers(
          client.repository(parseReference(`${registry.host}/race/app`)),
          digest,
        );
        await client.close();
        return list.referrers.map((r) => r.digest);
      };

      it('keeps every entry', async () => {
        const results = await attachAll(Array.from({ length: WRITERS }, () => registry.host));
        const after = await listed();
        expect(after.sort()).toEqual(results.map((r) => r.digest).sort());
        expect(after).toHaveLength(WRITERS);
      }, 240_000);

      // Every writer uses the same protocol bounds (SHARED_TAG_TIMING), so a fast writer's settle
      // also outlasts the window of a writer whose every round trip is 300 ms longer.
      it('keeps every entry with one slow writer among fast ones', async () => {
        const before = await listed();
        const proxy = await startDelayProxy(registry.host, 150);
        try {
          // The proxy does make that writer's every round trip slower (a fresh connection each).
          const rtt = async (host: string) => {
            const started = performance.now();
            await (await fetch(`http://${host}/v2/`)).arrayBuffer();
            return performance.now() - started;
          };
          const [direct, slow] = [await rtt(registry.host), await rtt(proxy.host)];
          expect(slow).toBeGreaterThan(direct + 300);
          const hosts = Array.from({ length: WRITERS }, (_, i) => (i === 0 ? proxy.host : registry.host));
          const results = await attachAll(hosts);
          const after = await listed();
          expect(after.sort()).toEqual([...before, ...results.map((r) => r.digest)].sort());
          const fast = results.slice(1).map((r) => r.ms);
          console.log(
            `${kind}: GET /v2/ ${Math.round(direct)} ms direct, ${Math.round(slow)} ms through the proxy; ` +
              `slow writer ${Math.round(results[0]!.ms)} ms, fast writers ${Math.round(Math.min(...fast))}–${Math.round(Math.max(...fast))} ms; ` +
              `${after.length} entries, all kept`,
          );
        } finally {
          await proxy.stop();
        }
      }, 240_000);
    },
  );
}
