// The demo: real registries on loopback, a real image, and sigstamp's bundled Action and CLI run as
// a user would run them, with every claim checked (by sigstamp itself and by oras). Exits non-zero on
// any failed check. Grows with the product: each stage of the pipeline joins it as it lands.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildImage, pushImage } from '../test/support/image.js';
import { startDistribution, startOlareg, type TestRegistry } from '../test/support/registry.js';
import { toolPath } from '../test/support/tools.js';

const exec = promisify(execFile);
const node = process.execPath;
const step = (s: string) => process.stdout.write(`\n\x1b[1m== ${s}\x1b[0m\n`);
function check(ok: boolean, what: string): void {
  process.stdout.write(`${ok ? '  ok  ' : '  FAIL'} ${what}\n`);
  if (!ok) process.exitCode = 1;
}

async function demo(registry: TestRegistry, work: string): Promise<void> {
  const label = registry.referrersApi
    ? 'olareg (referrers API)'
    : 'docker-registry (no referrers API: fallback tag)';
  step(`registry: ${label} at ${registry.host}`);
  const image = await buildImage(
    [
      {
        '/etc/os-release': await readFile('/etc/os-release'),
        '/app/hello.sh': { content: '#!/bin/sh\necho hello from sigstamp demo\n', mode: 0o755 },
      },
    ],
    { config: { Entrypoint: ['/app/hello.sh'] } },
  );
  const ref = `${registry.host}/demo/app`;
  const digest = await pushImage(image, `${ref}:v1.0.0`);
  process.stdout.write(`  pushed ${ref}:v1.0.0 -> ${digest} (umoci + skopeo)\n`);

  step('the Action, run as the runner runs it (node dist/index.js)');
  const summary = join(work, `summary-${registry.kind}.md`);
  const output = join(work, `output-${registry.kind}.txt`);
  await writeFile(summary, '');
  await writeFile(output, '');
  const action = await exec(node, ['dist/index.js'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      INPUT_IMAGE: ref,
      INPUT_DIGEST: digest,
      INPUT_TAGS: `${ref}:v1.0.0`,
      'INPUT_SHOW-SUMMARY': 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.0.0',
      GITHUB_REPOSITORY: 'demo-org/demo-app',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    },
  });
  process.stdout.write(action.stdout);
  const outputs = await readFile(output, 'utf8');
  check(outputs.includes(digest), `output digest=${digest}`);

  step('attach a referrer with the CLI (dist/cli/index.js attach)');
  const note = join(work, 'note.json');
  await writeFile(
    note,
    JSON.stringify({ demo: 'a note attached by sigstamp', at: new Date().toISOString() }),
  );
  const attached = await exec(
    node,
    [
      'dist/cli/index.js',
      'attach',
      `${ref}@${digest}`,
      '--artifact-type',
      'application/vnd.sigstamp.demo.note+json',
      '--file',
      note,
      '--media-type',
      'application/json',
    ],
    {
      env: { PATH: process.env.PATH ?? '', HOME: work },
    },
  );
  process.stdout.write(attached.stderr);
  const noteDigest = attached.stdout.trim();

  step('list it back: sigstamp, then oras (a client nobody here wrote)');
  const listed = await exec(node, ['dist/cli/index.js', 'referrers', `${ref}@${digest}`], {
    env: { PATH: process.env.PATH ?? '', HOME: work },
  });
  process.stdout.write(listed.stdout + listed.stderr);
  check(listed.stdout.includes(noteDigest), `sigstamp lists ${noteDigest}`);
  const oras = await exec(toolPath('oras'), [
    'discover',
    '--plain-http',
    '--format',
    'json',
    `${ref}@${digest}`,
  ]);
  const found =
    (JSON.parse(oras.stdout) as { referrers?: { digest: string; artifactType: string }[] }).referrers ?? [];
  check(
    found.some(
      (r) => r.digest === noteDigest && r.artifactType === 'application/vnd.sigstamp.demo.note+json',
    ),
    `oras discover finds ${noteDigest} (application/vnd.sigstamp.demo.note+json)`,
  );

  step('job summary written by the Action, read back after the attach');
  const again = await exec(
    node,
    ['dist/cli/index.js', 'run', '--image', `${ref}:v1.0.0`, '--summary-file', summary],
    { env: { PATH: process.env.PATH ?? '', HOME: work } },
  );
  process.stdout.write(await readFile(summary, 'utf8'));
  check(again.stdout.includes(noteDigest), 'the summary lists the attached referrer');
}

const work = await mkdtemp(join(tmpdir(), 'sigstamp-demo-'));
const registries = await Promise.all([startDistribution(), startOlareg()]);
try {
  for (const registry of registries) await demo(registry, work);
} finally {
  await Promise.all(registries.map((r) => r.stop()));
}
step(process.exitCode ? 'demo FAILED' : 'demo passed');
