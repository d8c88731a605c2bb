import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from './netns.js';
import type { SigstoreUnderTest } from './sigstore/index.js';

/**
 * Runs the bundled Action (`node dist/index.js`) the way the runner does: inputs as INPUT_<NAME>
 * variables, the GitHub context as GITHUB_* variables, outputs, state and summary through the files
 * named by GITHUB_OUTPUT, GITHUB_STATE and GITHUB_STEP_SUMMARY, and the OIDC token service at
 * ACTIONS_ID_TOKEN_REQUEST_*. `runPost` then runs the post step (`node dist/post/index.js`) as the
 * runner does at the end of the job: the same inputs, the saved state as STATE_<name> variables, and
 * files of its own.
 */

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved with core.saveState (the runner's parse of GITHUB_STATE). */
  state: Record<string, string>;
  /** The environment the step ran with (inputs, context, token service), for its post step. */
  env: Record<string, string>;
  ms: number;
}

/**
 * Parses a file-command file (GITHUB_OUTPUT, GITHUB_STATE) as the runner does
 * (actions/runner FileCommandManager, EnvFileKeyValuePairs): lines `NAME=VALUE`, or `NAME<<DELIMITER`
 * followed by the value's lines and a line that is exactly DELIMITER, whichever of `=` and `<<` comes
 * first in the line; empty lines skipped. @actions/core writes the heredoc form with a random delimiter.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) throw new Error(`invalid file-command line ${JSON.stringify(line)}`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (!name || !delimiter) throw new Error(`invalid file-command line ${JSON.stringify(line)}`);
    const value: string[] = [];
    for (i++; lines[i] !== delimiter; i++) {
      if (i >= lines.length) throw new Error(`matching delimiter not found '${delimiter}'`);
      value.push(lines[i]!);
    }
    out[name] = value.join('\n');
  }
  return out;
}

/** GITHUB_OUTPUT's records. */
export const parseOutputFile = parseFileCommands;

async function step(script: string, env: Record<string, string>, via?: Pick<Sandbox, 'wrap'>) {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-step-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary.md') };
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
  const stepEnv = {
    ...env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
  };
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      const [cmd, args] = (via?.wrap ?? ((c: string, a: string[]) => [c, a] as [string, string[]]))(
        process.execPath,
        [join(process.cwd(), 'dist', script)],
      );
      execFile(cmd, args, { env: stepEnv, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    },
  );
  const ms = Math.round(performance.now() - started);
  return {
    code,
    stdout,
    stderr,
    ms,
    env,
    outputs: parseFileCommands(await readFile(files.output, 'utf8')),
    state: parseFileCommands(await readFile(files.state, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
  };
}

export function tagPushContext(owner = 'acme', repo = 'app', tag = 'v1.2.3'): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: `refs/tags/${tag}`,
    GITHUB_REF_NAME: tag,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW_REF: `${owner}/${repo}/.github/workflows/release.yml@refs/tags/${tag}`,
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_ATTEMPT: '1',
  };
}

export async function runAction(
  inputs: Record<string, string>,
  opts: {
    sigstore?: Pick<SigstoreUnderTest, 'oidc'>;
    env?: Record<string, string>;
    idToken?: boolean;
    /** Runs the Action inside this sandbox (test/support/netns.ts): real hostnames on loopback. */
    via?: Pick<Sandbox, 'wrap'>;
  } = {},
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-runner-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    ...tagPushContext(),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...(opts.sigstore && opts.idToken !== false
      ? {
          ACTIONS_ID_TOKEN_REQUEST_URL: opts.sigstore.oidc.requestUrl,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: opts.sigstore.oidc.requestToken,
        }
      : {}),
    ...opts.env,
  };
  return step('index.js', env, opts.via);
}

/** The post step of `main` (runs.post), as the runner starts it at the end of the job. */
export async function runPost(main: Pick<ActionRun, 'env' | 'state'>): Promise<ActionRun> {
  return step(join('post', 'index.js'), {
    ...main.env,
    ...Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])),
  });
}

/** The inputs that point the Action at a loopback Sigstore. */
export function customSigstoreInputs(s: SigstoreUnderTest): Record<string, string> {
  return {
    sigstore: 'custom',
    'fulcio-url': s.fulcioUrl,
    'rekor-url': s.rekorUrl,
    'trusted-root': s.trustedRootPath,
  };
}

/** The same as CLI flags (`--sigstore custom --fulcio-url …`). */
export function customSigstoreArgs(s: SigstoreUnderTest): string[] {
  return Object.entries(customSigstoreInputs(s)).flatMap(([k, v]) => [`--${k}`, v]);
}
