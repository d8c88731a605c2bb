import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
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

      it('keeps every entry', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'sigstamp-race-'));
        const cli = join(process.cwd(), 'dist', 'cli', 'index.js');
        const results = await Promise.all(
          Array.from({ length: WRITERS }, async (_, i) => {
            const file = join(dir, `note-${i}.json`);
            await writeFile(file, JSON.stringify({ writer: i }));
            const { stdout } = await exec(
              process.execPath,
              [
                cli,
                'attach',
                `${registry.host}/race/app@${digest}`,
                '--artifact-type',
                `application/vnd.example.w${i}+json`,
                '--file',
                file,
              ],
              { env: { PATH: process.env.PATH ?? '', HOME: dir } },
            );
            return stdout.trim();
          }),
        );
        const client = new RegistryClient();
        const list = await listReferrers(
          client.repository(parseReference(`${registry.host}/race/app`)),
          digest,
        );
        await client.close();
        expect(list.referrers.map((r) => r.digest).sort()).toEqual([...results].sort());
        expect(list.referrers).toHaveLength(WRITERS);
      }, 240_000);
    },
  );
}
