// Runs a benchmark case as its own process and measures wall time and peak RSS (shared by the benches).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findTool } from '../test/support/tools.js';

export const TIME = ['/usr/bin/time', findTool('time')].find((p): p is string => !!p && existsSync(p));

export interface Sample {
  ms: number;
  rssMb: number;
  stdout: string;
}

/** Runs a child; peak RSS from `/usr/bin/time -f %M` if present, else VmHWM polled from /proc. */
export async function measure(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  dir: string,
): Promise<Sample> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const [file, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let hwmKb = 0;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const poll = TIME
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m?.[1]) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  const rssKb = TIME ? Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop()) : hwmKb;
  return { ms, rssMb: rssKb / 1024, stdout };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
