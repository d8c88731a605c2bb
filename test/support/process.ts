// Child processes (registries, token servers' peers) that must never outlive the test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitForHttp } from './ports.js';

export interface StartProcessOptions {
  /** The child's whole environment (not merged); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Polled until it answers one of okStatuses before startProcess resolves. */
  readyUrl?: string;
  okStatuses?: number[];
  readyTimeoutMs?: number;
}

export interface ManagedProcess {
  pid: number;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
  /** The last 64 KiB of interleaved stdout/stderr, for error messages. */
  output(): string;
  running(): boolean;
}

const RING_BYTES = 64 * 1024;
const live = new Set<ChildProcess>();
const cleanups = new Set<() => void>();
let hooksInstalled = false;

function killQuietly(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone, which is what we wanted.
  }
}

/**
 * 'exit' covers normal ends and process.exit(); the signal handlers cover Ctrl-C and a runner's
 * SIGTERM, which would otherwise end Node without running 'exit' listeners. The handler re-raises
 * the signal only when nobody else listens, so the default "terminate" still happens.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const cleanUp = (): void => {
    for (const child of live) killQuietly(child.pid, 'SIGKILL');
    for (const fn of cleanups) {
      try {
        fn();
      } catch {
        // Keep going: one failed cleanup must not leave the other servers running.
      }
    }
    cleanups.clear();
  };
  process.once('exit', cleanUp);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      cleanUp();
      process.removeListener(sig, onSignal);
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

/**
 * Registers a synchronous cleanup (e.g. rmSync of a temp dir) run when the process exits or is
 * signalled, after children are killed. Returns the unregister function for the normal path.
 */
export function onExitCleanup(fn: () => void): () => void {
  installExitHooks();
  cleanups.add(fn);
  return () => void cleanups.delete(fn);
}

/**
 * A SIGKILLed test worker runs no handlers at all, so a tiny detached shell watches both pids and
 * kills the child once this process is gone. It exits by itself as soon as the child has exited.
 */
function startWatchdog(childPid: number): void {
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; ' +
    'if kill -0 "$2" 2>/dev/null; then kill -TERM "$2"; sleep 3; kill -0 "$2" 2>/dev/null && kill -KILL "$2"; fi';
  try {
    const dog = spawn('sh', ['-c', script, 'sigstamp-watchdog', String(process.pid), String(childPid)], {
      detached: true,
      stdio: 'ignore',
    });
    dog.on('error', () => undefined);
    dog.unref();
  } catch {
    // Best effort: the exit hooks still cover every ordinary way the test run ends.
  }
}

export async function startProcess(
  cmd: string,
  args: string[],
  opts: StartProcessOptions = {},
): Promise<ManagedProcess> {
  installExitHooks();
  const child = spawn(cmd, args, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ring = Buffer.alloc(0);
  const capture = (chunk: Buffer): void => {
    ring = Buffer.concat([ring, chunk]);
    if (ring.length > RING_BYTES) ring = ring.subarray(ring.length - RING_BYTES);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const output = (): string => ring.toString('utf8');

  let exitInfo: string | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
      live.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      spawnError = err;
      live.delete(child);
      resolve();
    });
  });
  // 'spawn' or 'error' fires first; waiting for it turns ENOENT into a clear rejection.
  await Promise.race([once(child, 'spawn'), exited]);
  const describe = `${cmd} ${args.join(' ')}`;
  if (spawnError || child.pid === undefined) {
    throw new Error(`could not start ${describe}: ${spawnError?.message ?? 'no pid'}`);
  }
  const pid = child.pid;
  live.add(child);
  startWatchdog(pid);

  const running = (): boolean => exitInfo === undefined && spawnError === undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!running()) return;
      killQuietly(pid, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(3_000).then(() => false)]);
      if (!gone) {
        killQuietly(pid, 'SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  if (opts.readyUrl) {
    try {
      await waitForHttp(opts.readyUrl, {
        timeoutMs: opts.readyTimeoutMs ?? 20_000,
        okStatuses: opts.okStatuses,
        abort: () => (running() ? undefined : new Error(`${describe} ${exitInfo ?? 'failed'} before ready`)),
      });
    } catch (err) {
      await stop();
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(`${msg}\n--- output of ${describe} ---\n${output()}`, { cause: err });
    }
  }
  return { pid, stop, output, running };
}
