import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customSigstoreInputs, tagPushContext } from '../test/support/action.js';
import { pushImage } from '../test/support/image.js';
import { startDistribution } from '../test/support/registry.js';
import { buildSbomTestImage } from '../test/support/rootfs.js';
import { startSigstore } from '../test/support/sigstore/index.js';
const [registry, sigstore, built] = await Promise.all([startDistribution(), startSigstore(), buildSbomTestImage()]);
for (let run = 0; run < 2; run++) {
  const a = `${registry.host}/bench/s${run}`;
  const da = await pushImage(built.image, `${a}:v1.2.3`);
  const out = await mkdtemp(join(tmpdir(), 'trace-'));
  const inputs = { image: a, digest: da, 'output-dir': join(out, 'o'), ...customSigstoreInputs(sigstore) };
  const env = {
    PATH: process.env.PATH ?? '', HOME: out, ...tagPushContext(), RUNNER_TEMP: out,
    GITHUB_OUTPUT: join(out, 'go'), GITHUB_STEP_SUMMARY: join(out, 'gs'),
    ACTIONS_ID_TOKEN_REQUEST_URL: sigstore.oidc.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: sigstore.oidc.requestToken,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...(process.argv[2] ? { RUNNER_DEBUG: '1' } : {}),
  };
  await writeFile(env.GITHUB_OUTPUT, ''); await writeFile(env.GITHUB_STEP_SUMMARY, '');
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/index.js'], { env });
  let buf = '';
  child.stdout.on('data', (c: Buffer) => {
    buf += c.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i); buf = buf.slice(i + 1);
      if (!line.startsWith('::debug::') || process.argv[2]) console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} ${line.slice(0, 150)}`);
    }
  });
  await new Promise((r) => child.on('close', r));
  console.log(`${(performance.now() - t0).toFixed(0).padStart(6)} END`);
}
await Promise.all([registry.stop(), sigstore.stop()]);
process.exit(0);
