// The verify commands sigstamp prints (verify-commands.sh, the same lines as the summary), run the way
// a user pastes them: through `sh -c`, with a PATH where `cosign`, `gh` and `jq` are the pinned
// builds, a fresh HOME and gh config (no login, no docker credentials).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionRun } from './action.js';
import { toolPath } from './tools.js';

export interface Shell {
  code: number;
  out: string;
}

/** A bin dir whose `name` links to the pinned `tool` (default: the tool of the same name). */
export async function toolBin(links: Record<string, string> = { gh: 'gh', jq: 'jq' }): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), 'sigstamp-bin-'));
  for (const [name, tool] of Object.entries(links)) await symlink(toolPath(tool), join(bin, name));
  return bin;
}

/**
 * Runs a printed command line through `sh -c` with a fresh gh config and HOME. `token` sets GH_TOKEN
 * (a dummy: nothing reaches GitHub; gh refuses to start without one, cli/cli#11803). cosign's TUF
 * cache points nowhere, so a printed command works from its own flags or not at all.
 */
export async function runPrinted(
  command: string,
  bin: string,
  opts: { token?: boolean } = {},
): Promise<Shell> {
  const home = await mkdtemp(join(tmpdir(), 'sigstamp-printed-home-'));
  await mkdir(join(home, 'gh'));
  const env: Record<string, string> = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: home,
    GH_CONFIG_DIR: join(home, 'gh'),
    GH_NO_UPDATE_NOTIFIER: '1',
    GH_PROMPT_DISABLED: '1',
    // gh's attestation logger prints nothing (not even success) unless stdout is a terminal.
    GH_FORCE_TTY: '1',
    NO_COLOR: '1',
    TUF_ROOT: join(home, 'no-tuf'),
    ...(opts.token !== false ? { GH_TOKEN: 'dummy-token-never-sent' } : {}),
  };
  return new Promise((resolve) =>
    execFile(
      'sh',
      ['-c', command],
      { env, cwd: home, maxBuffer: 64 << 20, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

export interface PrintedCommands {
  /** The cosign lines: `cosign verify …`, then one `cosign verify-attestation --type T …` per type. */
  cosign: string[];
  /** The gh line without its `if command -v gh` guard, when one was printed. */
  gh?: string;
}

/** The commands of a run's verify-commands.sh (one of its policy-paths). */
export async function printedCommands(run: ActionRun): Promise<PrintedCommands> {
  const file = run.outputs['policy-paths']!.split('\n').find((p) => p.endsWith('verify-commands.sh'));
  if (!file) throw new Error('the run wrote no verify-commands.sh');
  const out: PrintedCommands = { cosign: [] };
  for (const l of (await readFile(file, 'utf8')).split('\n')) {
    const gh = /^if command -v gh >\/dev\/null 2>&1; then (.*); fi$/.exec(l);
    if (gh) out.gh = gh[1];
    else if (l.startsWith('cosign ')) out.cosign.push(l);
  }
  return out;
}
