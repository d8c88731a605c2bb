// A sandbox in which a child process sees the real hostnames of services we cannot run (GitHub's
// Fulcio, timestamp authority, TUF repository, REST API) point at loopback stand-ins, so the product
// and the verifiers run unchanged — real hostnames, real https — with no test-only switch in src/.
//
// The child runs in fresh user + network + mount + PID namespaces (`unshare -rnm --pid --fork
// --kill-child`, what test/support/real-sigstore/netns.ts does for the private Sigstore's servers):
//  - a private /etc/hosts, bind-mounted over the real one in the new mount namespace, maps the given
//    hostnames to 127.0.0.1 (Node's getaddrinfo and Go's resolver both read it first);
//  - the namespace has its own loopback, so every port the child must reach is bridged in: inside, a
//    socat listens on 127.0.0.1:<port> and connects to a unix socket (the filesystem is shared, so
//    unix sockets cross network namespaces); outside, a relay in this process serves that socket and
//    connects to the host's 127.0.0.1:<to>. `{ port: 443, to: <TLS front> }` is how a hostname's https
//    reaches test/support/tls-front.ts, which terminates TLS with a per-run test CA.
// The child trusts that CA through NODE_EXTRA_CA_CERTS (Node) and SSL_CERT_FILE (Go: gh, cosign).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A byte-for-byte relay: every connection accepted where `listen` says is piped to a new connection
 * to `to` (a TCP port on 127.0.0.1, or a unix socket path).
 */
export async function relay(
  listen: { port: 0 } | { path: string },
  to: number | string,
): Promise<{ port?: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    const upstream = typeof to === 'number' ? createConnection(to, '127.0.0.1') : createConnection(to);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('path' in listen) server.listen(listen.path, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    ...(address && typeof address !== 'string' ? { port: address.port } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive connections would hold close() open until they idle out.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Bridge {
  /** The port the child connects to on its own 127.0.0.1 (443 for a hostname's https). */
  port: number;
  /** The host's 127.0.0.1 port it reaches. */
  to: number;
}

export interface SandboxOptions {
  /** A private directory (unix socket paths must stay under 108 bytes: use a short mkdtemp). */
  dir: string;
  /** Hostnames that resolve to 127.0.0.1 inside. */
  hosts: string[];
  bridges: Bridge[];
}

export interface SandboxRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  /** `cmd args…` as a command line that runs them inside (for execFile/spawn by other helpers). */
  wrap(cmd: string, args: string[]): [string, string[]];
  run(
    cmd: string,
    args: string[],
    opts?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
  ): Promise<SandboxRun>;
  close(): Promise<void>;
}

/** /etc/hosts of a sandbox: localhost, and every name given on 127.0.0.1. */
export function hostsFileText(hosts: string[]): string {
  for (const h of hosts) if (!HOSTNAME.test(h)) throw new Error(`sandbox: "${h}" is not a hostname`);
  return [
    '127.0.0.1 localhost',
    '::1 localhost ip6-localhost',
    ...hosts.map((h) => `127.0.0.1 ${h}`),
    '',
  ].join('\n');
}

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** `/proc/net/tcp` (of the reading process's network namespace) lists 127.0.0.1:<port> in LISTEN. */
function listening(port: number): string {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return `grep -q ' 0100007F:${hex} 00000000:0000 0A ' /proc/net/tcp`;
}

/** Runs the setup script, then the command with this process's environment, and exits with its status. */
const LAUNCHER = `
const { execFileSync, spawn } = require('node:child_process');
const [setup, cmd, ...args] = process.argv.slice(1);
try { execFileSync('sh', ['-euc', setup], { stdio: 'inherit' }); } catch (e) { process.exit(e.status ?? 96); }
const child = spawn(cmd, args, { stdio: 'inherit' });
child.on('error', (e) => { console.error(String(e)); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
`;

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const hostsFile = join(opts.dir, 'hosts');
  await writeFile(hostsFile, hostsFileText(opts.hosts));
  const closers: Array<() => Promise<void>> = [];
  const inside: string[] = [];
  for (const b of opts.bridges) {
    const sock = join(opts.dir, `in-${b.port}.sock`);
    closers.push((await relay({ path: sock }, b.to)).close);
    inside.push(
      `socat TCP-LISTEN:${b.port},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${sock} </dev/null >/dev/null 2>&1 &`,
    );
  }
  // The child starts only once every bridge listens: a tool that connects at once must not race it.
  const waits = opts.bridges.map(
    (b) => `n=0; until ${listening(b.port)}; do n=$((n+1)); [ $n -lt 500 ] || exit 97; sleep 0.01; done`,
  );
  const setup = [`mount --bind ${hostsFile} /etc/hosts`, 'ip link set lo up', ...inside, ...waits].join('\n');
  // Unprivileged users get the namespaces through a user namespace that maps them to root inside.
  const asUser = userInfo().uid === 0 ? [] : ['--map-root-user'];
  const unshareArgs = [...asUser, '--net', '--mount', '--pid', '--fork', '--kill-child'];
  // PID 1 inside is node, not sh: a POSIX shell drops environment variables whose names are not
  // identifiers (the runner's INPUT_TUF-ROOT), and the child must get the environment unchanged.
  const wrap = (cmd: string, args: string[]): [string, string[]] => [
    'unshare',
    [...unshareArgs, process.execPath, '-e', LAUNCHER, setup, cmd, ...args],
  ];
  return {
    wrap,
    run(cmd, args, o = {}) {
      const [c, a] = wrap(cmd, args);
      return new Promise((resolve) => {
        execFile(
          c,
          a,
          { env: o.env ?? process.env, cwd: o.cwd, maxBuffer: 64 << 20, timeout: o.timeoutMs ?? 120_000 },
          (err, stdout, stderr) => {
            const code = err ? ((err as { code?: number }).code ?? 1) : 0;
            const hint =
              code === 97
                ? '\n(sandbox: a bridge did not start listening)'
                : /^unshare: /m.test(stderr)
                  ? '\n(unshare failed: run as root, or allow unprivileged user namespaces — on Ubuntu 24.04 ' +
                    '`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`)'
                  : '';
            resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr: stderr + hint });
          },
        );
      });
    },
    close: async () => {
      await Promise.all(closers.map((c) => c()));
    },
  };
}
