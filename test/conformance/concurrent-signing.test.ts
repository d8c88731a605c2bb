import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { customSigstoreInputs, runAction, runPost } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { DEFAULT_REPO, startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';
import { cosign22Verify, cosignVerify } from '../support/verifiers.js';

// 16 distinct workflow runs sign one digest at the same moment (matrix jobs, parallel pipelines),
// each running the Action: main, then its post step. Afterwards every signature and every referrer
// must be there, and cosign must accept each. (The CLI, which settles in process, is raced in
// test/integration/concurrency.test.ts.)
const RUNS = 16;
const SLSA = 'https://slsa.dev/provenance/v1';

for (const [kind, start, tool] of [
  ['distribution', () => startDistribution(), 'docker-registry'],
  ['olareg', () => startOlareg(), 'olareg'],
] as const) {
  describe.skipIf(!toolGate(tool, 'skopeo', 'umoci', 'cosign3', 'cosign22'))(
    `${RUNS} concurrent signing runs on ${kind}`,
    () => {
      let registry: TestRegistry;
      let sigstore: LoopbackSigstore;
      let digest: string;
      let ref: string;

      beforeAll(async () => {
        [registry, sigstore] = await Promise.all([start(), startSigstore()]);
        ref = `${registry.host}/${DEFAULT_REPO}`;
        digest = await pushImage(await buildImage([{ '/race': 'sixteen signers\n' }]), `${ref}:v1.2.3`);
      });
      afterAll(async () => Promise.all([registry?.stop(), sigstore?.stop()]));

      it('keeps all signatures and referrers, and each verifies', async () => {
        // Each job runs the Action as the runner does: main, then (at the end of the job) post,
        // which does the shared tags' settle-and-re-check main handed over in its state.
        const jobs = await Promise.all(
          Array.from({ length: RUNS }, async (_, i) => {
            const runId = String(9000 + i);
            const main = await runAction(
              {
                image: `${ref}@${digest}`,
                ...customSigstoreInputs(sigstore),
                sbom: 'none',
                'output-dir': `${tmpdir()}/sigstamp-race-${kind}-${i}`,
              },
              {
                sigstore,
                env: {
                  ACTIONS_ID_TOKEN_REQUEST_TOKEN: sigstore.oidc.jobRequestToken({
                    run_id: runId,
                    run_attempt: '1',
                  }),
                  GITHUB_RUN_ID: runId,
                },
              },
            );
            const post = main.code === 0 ? await runPost(main) : undefined;
            return { main, post };
          }),
        );
        for (const { main, post } of jobs) {
          expect(main.code, main.stdout + main.stderr).toBe(0);
          expect(post?.code, (post?.stdout ?? '') + (post?.stderr ?? '')).toBe(0);
          // .sig and .att; and the referrers fallback tag where there is no referrers API.
          const shared = kind === 'distribution' ? 3 : 2;
          expect(post?.summary).toMatch(
            new RegExp(`^sigstamp: re-checked ${shared} shared tag\\(s\\) after the settle delay`),
          );
        }
        const ms = (list: number[]) => `${Math.min(...list)}–${Math.max(...list)} ms`;
        console.log(
          `${kind}: ${RUNS} concurrent jobs: main ${ms(jobs.map((j) => j.main.ms))}, post ${ms(jobs.map((j) => j.post!.ms))}; ` +
            `${jobs.filter((j) => /restored entries/.test(j.post!.summary)).length} post step(s) restored entries`,
        );

        const client = new RegistryClient();
        const repo = client.repository(parseReference(ref));
        const sig = (await repo.getManifest(legacyTag(digest, 'sig'))).manifest as ImageManifest;
        const att = (await repo.getManifest(legacyTag(digest, 'att'))).manifest as ImageManifest;
        const referrers = await listReferrers(repo, digest);
        await client.close();
        expect(sig.layers).toHaveLength(RUNS);
        expect(att.layers).toHaveLength(RUNS);
        expect(referrers.referrers).toHaveLength(RUNS * 2);

        const id = {
          regexp: `^https://github\\.com/${DEFAULT_REPO}/\\.github/workflows/release\\.yml@refs/tags/v1\\.2\\.3$`,
          issuer: sigstore.issuer,
        };
        // cosign prints one JSON object per signature it verified; v3 also lists every other bundle
        // that verifies (the provenance), naming its predicate type in critical.type.
        const count = (out: string, type?: string) =>
          (JSON.parse(out) as { critical?: { type?: string } }[]).filter(
            (o) => !type || o.critical?.type === type,
          ).length;
        const bundles = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, id);
        expect(bundles.code, bundles.stderr).toBe(0);
        expect(count(bundles.stdout, 'https://sigstore.dev/cosign/sign/v1')).toBe(RUNS);
        expect(count(bundles.stdout, SLSA)).toBe(RUNS);
        const legacy = await cosign22Verify(sigstore, `${ref}@${digest}`, id);
        expect(legacy.code, legacy.stderr).toBe(0);
        expect(count(legacy.stdout)).toBe(RUNS);
        const provenance = await cosign22Verify(sigstore, `${ref}@${digest}`, id, SLSA);
        expect(provenance.code, provenance.stderr).toBe(0);
        expect(provenance.stdout.trim().split('\n')).toHaveLength(RUNS);
      }, 600_000);
    },
  );
}
