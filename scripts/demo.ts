// The demo: a signed release reaching admission, end to end on loopback — real registries (with and
// without the referrers API), a real image (a debootstrap'd Debian rootfs plus an npm app), a private
// Sigstore of the real services (Fulcio, Rekor on Trillian + MariaDB, the timestamp authority)
// trusting a GitHub-shaped loopback OIDC issuer and served through a TUF repository written by
// `sigstamp tuf-repo`, sigstamp's bundled Action run as the runner runs it, then the published result
// checked by tools nobody here wrote: cosign v3 and v2.2 with the printed commands, oras, and the
// Kyverno CLI applying the printed ImageValidatingPolicy and ClusterPolicy to Pods (the signed image
// admitted; an unsigned one and one signed by another workflow denied). `--stand-ins` uses the
// in-process Sigstore stand-ins instead (no MariaDB, no namespaces). Ends with one line per check;
// exits non-zero on any failed one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customSigstoreInputs, runAction, runPost } from '../test/support/action.js';
import { buildImage, pushImage, type BuiltImage } from '../test/support/image.js';
import { kyvernoAdmits, pinnedLikeMutateDigest } from '../test/support/kyverno.js';
import { buildSbomTestImage, cleanupRootfs } from '../test/support/rootfs.js';
import { serveDirectory, type StaticServer } from '../test/support/static-server.js';
import { startDistribution, startOlareg, type TestRegistry } from '../test/support/registry.js';
import { startRealSigstore } from '../test/support/real-sigstore/index.js';
import { DEFAULT_REPO, startSigstore, type SigstoreUnderTest } from '../test/support/sigstore/index.js';
import { cosign22Verify, cosignVerify, runTool } from '../test/support/verifiers.js';
import { toolCacheDir, toolPath } from '../test/support/tools.js';

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
/** A tool's output or a file, indented and marked as quoted. */
const quoted = (text: string): string => `${text.trimEnd().replace(/^/gm, '  | ')}\n`;

/** Every check, for the closing list: one line each. */
const results: { ok: boolean; what: string }[] = [];
function check(ok: boolean, what: string, detail = ''): void {
  results.push({ ok, what });
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) {
    if (detail) process.stdout.write(detail.replace(/^/gm, '       ') + '\n');
    process.exitCode = 1;
  }
}

/** `sigstamp tuf-repo` (the bundled CLI) over this Sigstore's trusted root, served on loopback. */
async function tufRepository(
  sigstore: SigstoreUnderTest,
  work: string,
): Promise<{ server: StaticServer; root: string }> {
  const out = join(work, 'tuf');
  const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ['dist/cli/index.js', 'tuf-repo', '--trusted-root', sigstore.trustedRootPath, '--out', out],
      (err, _o, stderr) => resolve({ code: err ? 1 : 0, stderr }),
    ),
  );
  process.stdout.write(quoted(r.stderr));
  check(r.code === 0, 'sigstamp tuf-repo wrote a signed TUF repository of the trusted root');
  if (r.code !== 0) throw new Error('sigstamp tuf-repo failed');
  const server = await serveDirectory(out);
  process.stdout.write(`  serving ${out} at ${server.url} (any static web server does)\n`);
  return { server, root: join(out, 'root.json') };
}

/** Package counts by purl type from the SPDX SBOM sigstamp wrote (pkg:deb, pkg:npm, …). */
async function packageCounts(spdxPath: string): Promise<Record<string, number>> {
  const doc = JSON.parse(await readFile(spdxPath, 'utf8')) as {
    packages: { externalRefs?: { referenceType: string; referenceLocator: string }[] }[];
  };
  const counts: Record<string, number> = {};
  for (const p of doc.packages) {
    const purl = p.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator;
    const type = purl?.match(/^pkg:([^/]+)\//)?.[1];
    if (type) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

const SLSA = 'https://slsa.dev/provenance/v1';
const SPDX = 'https://spdx.dev/Document';
const CDX = 'https://cyclonedx.org/bom';
const VULN = 'https://cosign.sigstore.dev/attestation/vuln/v1';

interface DemoContext {
  sigstore: SigstoreUnderTest;
  work: string;
  image: BuiltImage;
  tuf: { server: StaticServer; root: string };
}

async function demo(registry: TestRegistry, { sigstore, work, image, tuf }: DemoContext): Promise<void> {
  const where = registry.referrersApi ? 'olareg' : 'docker-registry';
  step(
    `registry: ${registry.referrersApi ? 'olareg (OCI referrers API)' : 'docker-registry (no referrers API: fallback tag)'} at ${registry.host}`,
  );
  const ref = `${registry.host}/${DEFAULT_REPO}`;
  const digest = await pushImage(image, `${ref}:v1.2.3`);
  process.stdout.write(
    `  pushed ${ref}:v1.2.3 -> ${digest} (Debian bookworm + an npm app; umoci + skopeo)\n`,
  );
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
      'tuf-mirror': tuf.server.url,
      'tuf-root': tuf.root,
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
  step("the Action's post step, as the runner runs it at the end of the job: node dist/post/index.js");
  const post = await runPost(run);
  process.stdout.write(post.summary);
  check(
    post.code === 0 && post.summary.startsWith('sigstamp: re-checked '),
    `the shared tags were re-checked after the settle delay (post step ${post.ms} ms; main step ${run.ms} ms)`,
    post.stdout + post.stderr,
  );
  const counts = await packageCounts(run.outputs['sbom-spdx-path']!.split('\n')[0]!);
  const listed = Object.entries(counts)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  check(
    (counts.deb ?? 0) > 0 && (counts.npm ?? 0) > 0,
    `${where}: the SPDX SBOM lists the image's packages: ${listed}`,
  );

  step('the verify commands sigstamp printed, run as printed (cosign = v3.1.3)');
  const commands = run.outputs['policy-paths']!.split('\n').find((p) => p.endsWith('verify-commands.sh'))!;
  process.stdout.write(quoted(await readFile(commands, 'utf8')));
  const bin = await mkdtemp(join(tmpdir(), 'sigstamp-demo-bin-'));
  await symlink(toolPath('cosign3'), join(bin, 'cosign'));
  // The printed cosign, and no gh: the script runs gh only where it is installed, and gh wants a
  // login even for --bundle-from-oci (test/conformance/gh-attestation.test.ts runs that line).
  const cache = join(toolCacheDir(), 'bin');
  const systemPath = (process.env.PATH ?? '').split(':').filter((d) => d && d !== cache);
  const printed = await runShell(commands, [bin, ...systemPath].join(':'));
  check(
    printed.code === 0,
    `${where}: verify-commands.sh: ${(printed.stderr.match(/^Verification for /gm) ?? []).length} verifications passed`,
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
    check(v3.code === 0, `${where}: cosign v3.1.3 (Sigstore bundle referrers): ${what}`, v3.stderr);
    const v22 = await cosign22Verify(sigstore, `${ref}@${digest}`, id, type);
    check(v22.code === 0, `${where}: cosign v2.2.4 (legacy .sig/.att tags): ${what}`, v22.stderr);
  }
  const miss = { ...id, regexp: id.regexp.replace('release', 'other') };
  const wrong = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, miss);
  check(wrong.code !== 0, `${where}: cosign v3 REJECTS a near-miss identity (${miss.regexp})`);
  const oras = await runTool('oras', ['discover', '--plain-http', '--format', 'tree', `${ref}@${digest}`]);
  process.stdout.write(oras.stdout);
  check(
    oras.code === 0 && oras.stdout.includes('application/vnd.dev.sigstore.bundle.v0.3+json'),
    `${where}: oras discover lists the bundle referrers`,
  );

  step('admission: the Kyverno CLI applies the printed policies to Pods');
  // An unsigned image, and one signed by another workflow file of the same repository (a near miss
  // of the identity: same repo, same tag, other workflow).
  const unsigned = await pushImage(await buildImage([{ '/which': 'unsigned\n' }]), `${ref}:unsigned`);
  const other = `${DEFAULT_REPO}/.github/workflows/other.yml@refs/tags/v1.2.3`;
  const nearMiss = await pushImage(await buildImage([{ '/which': 'other workflow\n' }]), `${ref}:other`);
  sigstore.oidc.setClaims({ job_workflow_ref: other, workflow_ref: other });
  const otherRun = await runAction(
    {
      image: ref,
      digest: nearMiss,
      sbom: 'none',
      'output-dir': join(work, `${registry.kind}-other`),
      ...customSigstoreInputs(sigstore),
      ...(sigstore.tsaUrl ? { 'tsa-url': sigstore.tsaUrl } : {}),
    },
    { sigstore },
  );
  sigstore.oidc.setClaims({});
  check(
    otherRun.code === 0,
    `${where}: an image signed by other.yml (the near miss) was signed`,
    otherRun.stderr,
  );
  const paths = run.outputs['policy-paths']!.split('\n');
  const policies = {
    ImageValidatingPolicy: paths.find((p) => p.endsWith('kyverno-imagevalidatingpolicy.yaml'))!,
    'ClusterPolicy (type: Cosign)': run.outputs['kyverno-policy-path']!,
  };
  // ImageValidatingPolicy: in a cluster the mutating webhook (mutateDigest) pins a tag to its
  // digest before validation; the CLI runs the validation only, so it gets the Pod as pinned.
  const pinned = await pinnedLikeMutateDigest(`${ref}:v1.2.3`);
  const pods = [
    ['signed, by tag', `${ref}:v1.2.3`, true],
    ['signed, by digest', `${ref}@${digest}`, true],
    ['unsigned', `${ref}@${unsigned}`, false],
    ['signed by other.yml (near miss)', `${ref}@${nearMiss}`, false],
  ] as const;
  for (const [kind, policy] of Object.entries(policies)) {
    for (const [what, podImage, admit] of pods) {
      const ivpTag = kind === 'ImageValidatingPolicy' && podImage.endsWith(':v1.2.3');
      const image = ivpTag ? pinned : podImage;
      const r = await kyvernoAdmits(policy, what.replace(/[^a-z]+/g, '-').replace(/-$/, ''), image);
      check(
        admit ? r.admitted : r.denied,
        `${where}: Kyverno ${kind} ${admit ? 'ADMITS' : 'DENIES'} the Pod of the ${what} image` +
          (ivpTag ? ' (as mutateDigest pins it: :v1.2.3@digest)' : ''),
        r.out,
      );
    }
  }
}

const work = await mkdtemp(join(tmpdir(), 'sigstamp-demo-'));
const standIns = process.argv.includes('--stand-ins');
step('building the release image: Debian bookworm (debootstrap, cached after the first run) + an npm app');
const [sigstore, built, ...registries] = await Promise.all([
  standIns ? startSigstore({ tsa: true }) : startRealSigstore(),
  buildSbomTestImage(),
  startDistribution(),
  startOlareg(),
]);
step(
  `${standIns ? 'loopback Sigstore stand-ins' : 'private Sigstore (real Fulcio, Rekor, TSA)'}: OIDC issuer ${sigstore.issuer}, ` +
    `Fulcio ${sigstore.fulcioUrl}, Rekor ${sigstore.rekorUrl}, TSA ${sigstore.tsaUrl ?? '-'}`,
);
let tuf: DemoContext['tuf'] | undefined;
try {
  tuf = await tufRepository(sigstore, work);
  for (const registry of registries) await demo(registry, { sigstore, work, image: built.image, tuf });
} catch (err) {
  check(false, `the demo stopped: ${(err as Error).message}`);
} finally {
  await Promise.all([sigstore.stop(), ...registries.map((r) => r.stop()), tuf?.server.close()]);
  await cleanupRootfs();
  await rm(work, { recursive: true, force: true });
}
step('checks');
for (const r of results) process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.what}\n`);
step(
  process.exitCode
    ? `demo FAILED (${results.filter((r) => !r.ok).length} of ${results.length} checks)`
    : `demo passed (${results.length} checks)`,
);
