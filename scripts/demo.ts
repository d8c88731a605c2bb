// The demo: the main job end to end on loopback — real registries (with and without the referrers
// API), a real image, a private Sigstore of the real services (Fulcio, Rekor on Trillian + MariaDB,
// the timestamp authority) trusting a GitHub-shaped loopback OIDC issuer, sigstamp's bundled Action
// run as the runner runs it, then the published result checked by tools nobody here wrote (cosign v3,
// cosign v2.2, oras). `--stand-ins` uses the in-process Sigstore stand-ins instead (no MariaDB, no
// namespaces). Exits non-zero on any failed check. Grows with the product.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customSigstoreInputs, runAction } from '../test/support/action.js';
import { buildImage, pushImage } from '../test/support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../test/support/registry.js';
import { startRealSigstore } from '../test/support/real-sigstore/index.js';
import { DEFAULT_REPO, startSigstore, type SigstoreUnderTest } from '../test/support/sigstore/index.js';
import { cosign22Verify, cosignVerify, runTool } from '../test/support/verifiers.js';
import { toolPath } from '../test/support/tools.js';

function runShell(script: string, path: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      'sh',
      [script],
      { env: { PATH: path, HOME: tmpdir() }, maxBuffer: 64 << 20 },
      (err, _out, stderr) => resolve({ code: err ? 1 : 0, stderr }),
    ),
  );
}

const step = (s: string) => process.stdout.write(`\n\x1b[1m== ${s}\x1b[0m\n`);
function check(ok: boolean, what: string, detail = ''): void {
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) {
    if (detail) process.stdout.write(detail.replace(/^/gm, '       ') + '\n');
    process.exitCode = 1;
  }
}

const SLSA = 'https://slsa.dev/provenance/v1';
const SPDX = 'https://spdx.dev/Document';
const CDX = 'https://cyclonedx.org/bom';
const VULN = 'https://cosign.sigstore.dev/attestation/vuln/v1';

async function demo(registry: TestRegistry, sigstore: SigstoreUnderTest, work: string): Promise<void> {
  step(
    `registry: ${registry.referrersApi ? 'olareg (OCI referrers API)' : 'docker-registry (no referrers API: fallback tag)'} at ${registry.host}`,
  );
  const image = await buildImage(
    [
      {
        '/etc/os-release': 'PRETTY_NAME="sigstamp demo"\nID=demo\n',
        '/app/hello.sh': { content: '#!/bin/sh\necho hello from sigstamp demo\n', mode: 0o755 },
      },
    ],
    { config: { Entrypoint: ['/app/hello.sh'] } },
  );
  const ref = `${registry.host}/${DEFAULT_REPO}`;
  const digest = await pushImage(image, `${ref}:v1.2.3`);
  process.stdout.write(`  pushed ${ref}:v1.2.3 -> ${digest} (umoci + skopeo)\n`);
  const vuln = join(work, 'trivy-vuln.json');
  await writeFile(
    vuln,
    JSON.stringify({
      scanner: { uri: 'pkg:github/aquasecurity/trivy@0.50.0', result: { Results: [] } },
      metadata: { scanStartedOn: new Date().toISOString() },
    }),
  );

  step(
    'sigstamp, run as the runner runs it: node dist/index.js, tag push v1.2.3, OIDC token from the loopback issuer',
  );
  const run = await runAction(
    {
      image: ref,
      digest,
      tags: `${ref}:v1.2.3`,
      predicates: `${VULN}=${vuln}`,
      'output-dir': join(work, registry.kind),
      ...customSigstoreInputs(sigstore),
      ...(sigstore.tsaUrl ? { 'tsa-url': sigstore.tsaUrl } : {}),
    },
    { sigstore },
  );
  process.stdout.write(
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::debug::') && !l.startsWith('::add-mask::'))
      .join('\n'),
  );
  check(run.code === 0, 'the Action succeeded', run.stderr);
  if (run.code !== 0) return;
  step('job summary ($GITHUB_STEP_SUMMARY)');
  process.stdout.write(run.summary);

  step('the verify commands sigstamp printed, run as printed (cosign = v3.1.2)');
  const commands = run.outputs['policy-paths']!.split('\n').find((p) => p.endsWith('verify-commands.sh'))!;
  process.stdout.write((await readFile(commands, 'utf8')).replace(/^/gm, '  | '));
  const bin = await mkdtemp(join(tmpdir(), 'sigstamp-demo-bin-'));
  await symlink(toolPath('cosign3'), join(bin, 'cosign'));
  const printed = await runShell(commands, `${bin}:${process.env.PATH}`);
  check(
    printed.code === 0,
    `verify-commands.sh: ${(printed.stderr.match(/^Verification for /gm) ?? []).length} verifications passed`,
    printed.stderr,
  );

  step('verified by the real tools, with the regex sigstamp printed');
  const id = { regexp: run.outputs['subject-regex']!, issuer: run.outputs.issuer! };
  process.stdout.write(`  identity regex: ${id.regexp}\n  issuer:         ${id.issuer}\n`);
  for (const type of [undefined, SLSA, VULN, SPDX, CDX]) {
    const what = type ?? 'image signature';
    const v3 = await cosignVerify(
      'cosign3',
      sigstore,
      `${ref}@${digest}`,
      id,
      type ? { attestationType: type } : {},
    );
    check(v3.code === 0, `cosign v3.1.2 (Sigstore bundle referrers): ${what}`, v3.stderr);
    const v22 = await cosign22Verify(sigstore, `${ref}@${digest}`, id, type);
    check(v22.code === 0, `cosign v2.2.4 (legacy .sig/.att tags): ${what}`, v22.stderr);
  }
  const miss = { ...id, regexp: id.regexp.replace('release', 'other') };
  const wrong = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, miss);
  check(wrong.code !== 0, `cosign v3 REJECTS a near-miss identity (${miss.regexp})`);
  const oras = await runTool('oras', ['discover', '--plain-http', '--format', 'tree', `${ref}@${digest}`]);
  process.stdout.write(oras.stdout);
  check(
    oras.code === 0 && oras.stdout.includes('application/vnd.dev.sigstore.bundle.v0.3+json'),
    'oras discover lists the bundle referrers',
  );
}

const work = await mkdtemp(join(tmpdir(), 'sigstamp-demo-'));
const standIns = process.argv.includes('--stand-ins');
const [sigstore, ...registries] = await Promise.all([
  standIns ? startSigstore({ tsa: true }) : startRealSigstore(),
  startDistribution(),
  startOlareg(),
]);
step(
  `${standIns ? 'loopback Sigstore stand-ins' : 'private Sigstore (real Fulcio, Rekor, TSA)'}: OIDC issuer ${sigstore.issuer}, ` +
    `Fulcio ${sigstore.fulcioUrl}, Rekor ${sigstore.rekorUrl}, TSA ${sigstore.tsaUrl ?? '-'}`,
);
try {
  for (const registry of registries) await demo(registry, sigstore, work);
} finally {
  await Promise.all([sigstore.stop(), ...registries.map((r) => r.stop())]);
}
step(process.exitCode ? 'demo FAILED' : 'demo passed');
