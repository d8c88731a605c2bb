import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from './netns.js';
import type { SigstoreUnderTest } from './sigstore/index.js';

/**
 * Runs the bundled Action (`node dist/index.js`) the way the runner does: inputs as INPUT_<NAME>
 * variables, the GitHub context as GITHUB_* variables, outputs and summary through the files named
 * by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and the OIDC token service at ACTIONS_ID_TOKEN_REQUEST_*.
 */

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records (@actions/core's file command). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
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
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
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
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      const [cmd, args] = (opts.via?.wrap ?? ((c: string, a: string[]) => [c, a] as [string, string[]]))(
        process.execPath,
        [join(process.cwd(), 'dist', 'index.js')],
      );
      execFile(cmd, args, { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    },
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
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
