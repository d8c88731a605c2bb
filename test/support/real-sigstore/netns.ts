// Running a service in a network namespace of its own, reachable on 127.0.0.1 through a unix socket.
//
// Why: Rekor (cmd/rekor-server/app/serve.go), the timestamp authority (pkg/server/prometheus.go)
// and Fulcio (cmd/app/serve.go, `:<metrics-port>`) serve Prometheus metrics on every interface, and
// Rekor and the TSA on ":2112", a port no flag changes; the TSA exits when it is taken. (Fulcio's
// duplex mode would bind metrics on loopback, but v1.8.8 panics in it: a duplicate gRPC metrics
// registration.) Servers we start must listen on loopback only. In a namespace of its own each
// service has a private loopback where those listeners reach nobody; a socat inside relays a unix
// socket (the filesystem is shared) to the service's port, and a relay in this process serves that
// socket on 127.0.0.1:<free port>. Host ports the service must call (Fulcio → the OIDC issuer) are
// relayed the other way, under the same port number, so URLs read the same inside and out.
//
// `unshare --pid --fork --kill-child` makes the script PID 1 of a PID namespace that dies with the
// unshare process: stopping it (even SIGKILL) takes every process inside down with it.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFile } from 'node:fs/promises';
import { hostsFileText, relay, type Bridge } from '../netns.js';
import { startProcess, type ManagedProcess } from '../process.js';

export interface NamespacedService {
  /** http://127.0.0.1:PORT, relayed to the service inside the namespace. */
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts `script` (sh) as PID 1 of fresh network and PID namespaces, with loopback up, the
 * service's `port` relayed out and each of `hostPorts` relayed in. Resolves once the service
 * answers `readyPath` through the relay.
 */
export async function startNamespaced(opts: {
  name: string;
  /** Where the relay sockets go (a private temp directory; unix socket paths stay under 108 bytes). */
  dir: string;
  script: string;
  /** The service's HTTP port inside the namespace. */
  port: number;
  hostPorts?: number[];
  /** Host ports reached under another number inside (e.g. 443 → the TLS front of tls-front.ts). */
  bridges?: Bridge[];
  /** Hostnames that resolve to 127.0.0.1 inside (a private /etc/hosts in a mount namespace of its own). */
  hosts?: string[];
  env: NodeJS.ProcessEnv;
  readyPath: string;
  readyTimeoutMs?: number;
}): Promise<NamespacedService> {
  const slug = opts.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const socketPath = join(opts.dir, `${slug}.sock`);
  const closers: Array<() => Promise<void>> = [];
  const relaysIn: string[] = [];
  const bridges = [...(opts.hostPorts ?? []).map((port) => ({ port, to: port })), ...(opts.bridges ?? [])];
  for (const { port, to } of bridges) {
    const sock = join(opts.dir, `${slug}-in-${port}.sock`);
    // Host ports the service calls, served on a unix socket the namespace's socat connects to.
    closers.push((await relay({ path: sock }, to)).close);
    relaysIn.push(`socat TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${sock} &`);
  }
  const mounts: string[] = [];
  if (opts.hosts?.length) {
    const hostsFile = join(opts.dir, `${slug}-hosts`);
    await writeFile(hostsFile, hostsFileText(opts.hosts));
    mounts.push(`mount --bind ${hostsFile} /etc/hosts`);
  }
  const script = [
    ...mounts,
    'ip link set lo up',
    `socat UNIX-LISTEN:${socketPath},fork,unlink-early TCP:127.0.0.1:${opts.port} &`,
    ...relaysIn,
    opts.script,
  ].join('\n');
  // Unprivileged users get the namespaces through a user namespace mapping them to root inside.
  const asUser = userInfo().uid === 0 ? [] : ['--map-root-user'];
  const proc = await startProcess(
    'unshare',
    [
      ...asUser,
      '--net',
      ...(mounts.length ? ['--mount'] : []),
      '--pid',
      '--fork',
      '--kill-child',
      'sh',
      '-euc',
      script,
    ],
    // HOME: Rekor and the TSA look for config files there (viper) and fail without one.
    { env: { PATH: process.env.PATH ?? '', HOME: opts.dir, ...opts.env } },
  );
  const stop = async () => {
    await proc.stop();
    await Promise.all(closers.map((c) => c()));
  };
  try {
    // The service, served on 127.0.0.1:<free port> from the socket its socat listens on.
    const out = await relay({ port: 0 }, socketPath);
    closers.push(out.close);
    const url = `http://127.0.0.1:${out.port}`;
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    let last = 'no answer';
    for (;;) {
      if (!proc.running()) throw new Error(`${opts.name} exited before it was ready`);
      if (existsSync(socketPath)) {
        try {
          const res = await fetch(`${url}${opts.readyPath}`, { signal: AbortSignal.timeout(2_000) });
          await res.arrayBuffer();
          if (res.ok) break;
          last = `HTTP ${res.status}`;
        } catch (err) {
          last = (err as Error).message;
        }
      }
      if (Date.now() > deadline)
        throw new Error(`${opts.name} not ready after ${opts.readyTimeoutMs ?? 60_000} ms (${last})`);
      await sleep(200);
    }
    return { url, process: proc, stop };
  } catch (err) {
    const output = proc.output();
    await stop();
    const hint = /^unshare: /m.test(output)
      ? '\n(unshare failed: run as root, or allow unprivileged user namespaces — on Ubuntu 24.04 ' +
        '`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`)'
      : '';
    throw new Error(`${(err as Error).message}${hint}\n--- ${opts.name} output ---\n${output}`);
  }
}
