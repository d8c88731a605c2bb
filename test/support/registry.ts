// Real OCI registries on loopback: distribution 2.8 (the Debian docker-registry package; no
// referrers API, so the fallback tag schema is exercised) and olareg (has the referrers API).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';
import { onExitCleanup, startProcess, type ManagedProcess } from './process.js';
import { startTokenIssuer, type TokenIssuer, type TokenIssuerOptions } from './token-issuer.js';
import { toolPath } from './tools.js';

const execFileAsync = promisify(execFile);

export interface TestRegistry {
  kind: 'distribution' | 'olareg';
  host: string /* '127.0.0.1:PORT' */;
  referrersApi: boolean;
  username?: string;
  password?: string;
  tokenIssuer?: TokenIssuer;
  /** The server's recent stdout/stderr, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface DistributionOptions {
  auth?: 'none' | 'htpasswd' | 'token';
  /** Extra token-issuer policy (denyPush, anonymousPull, …) for auth: 'token'. */
  token?: Omit<TokenIssuerOptions, 'username' | 'password'>;
}

type Yaml = string | number | boolean | string[] | { [key: string]: Yaml };

/** Minimal YAML writer: block mappings, JSON-quoted scalars (a JSON string is a valid YAML scalar). */
function toYaml(value: { [key: string]: Yaml }, indent = ''): string {
  return Object.entries(value)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `${indent}${k}: [${v.map((s) => JSON.stringify(s)).join(', ')}]\n`;
      if (typeof v === 'object') return `${indent}${k}:\n${toYaml(v, `${indent}  `)}`;
      return `${indent}${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}\n`;
    })
    .join('');
}

/**
 * A bcrypt htpasswd line. distribution's htpasswd auth accepts only bcrypt
 * (golang.org/x/crypto/bcrypt; it takes $2a$/$2b$/$2y$). Neither `htpasswd` (apache2-utils) nor
 * Python's bcrypt module is installed, `openssl passwd` has no bcrypt mode, and Node has no
 * bcrypt. But Perl is always there (perl-base is Essential on Debian/Ubuntu) and its crypt() is
 * libc's, which on Debian/Ubuntu is libxcrypt — and libxcrypt implements bcrypt ($2b$). Cost 05
 * (Go's two-digit form; 4 is the minimum) keeps each authenticated request cheap.
 */
export async function bcryptHtpasswdLine(username: string, password: string): Promise<string> {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(22);
  // 22 chars carry 132 bits but a bcrypt salt is 128: the last char may only use its top 2 bits,
  // i.e. be one of the alphabet entries at index 0, 16, 32, 48.
  const salt =
    Array.from(bytes.subarray(0, 21), (b) => alphabet[b % 64]).join('') + '.Oeu'[(bytes[21] ?? 0) % 4];
  const { stdout } = await execFileAsync(toolPath('perl'), ['-e', 'print crypt($ENV{PW}, $ENV{SALT})'], {
    env: { PATH: process.env.PATH, PW: password, SALT: `$2b$05$${salt}` },
  });
  if (!/^\$2b\$05\$[./A-Za-z0-9]{53}$/.test(stdout)) {
    throw new Error(
      `libc crypt() did not produce bcrypt (got ${JSON.stringify(stdout)}); is libxcrypt present?`,
    );
  }
  return `${username}:${stdout}\n`;
}

/** Without this a REGISTRY_* variable in the caller's environment would silently override config.yml. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGISTRY_')));
}

/** A temp dir removed by stop(), or at exit/signal if a test never gets to stop(). */
async function serverDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const unregister = onExitCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return {
    dir,
    remove: async () => {
      unregister();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The free-port window can race with another server; a bind failure gets a new port. */
async function withPortRetry<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/i.test(String(err))) throw err;
    }
  }
}

export async function startDistribution(opts: DistributionOptions = {}): Promise<TestRegistry> {
  const auth = opts.auth ?? 'none';
  const { dir, remove } = await serverDir('sigstamp-distribution-');
  const username = `u${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  let issuer: TokenIssuer | undefined;
  let proc: ManagedProcess | undefined;
  try {
    let authConfig: { [key: string]: Yaml } | undefined;
    if (auth === 'htpasswd') {
      await writeFile(join(dir, 'htpasswd'), await bcryptHtpasswdLine(username, password), { mode: 0o600 });
      authConfig = { htpasswd: { realm: 'sigstamp-test', path: join(dir, 'htpasswd') } };
    } else if (auth === 'token') {
      issuer = await startTokenIssuer({ ...opts.token, username, password });
      await writeFile(join(dir, 'token-root.pem'), issuer.certPem);
      authConfig = {
        token: {
          realm: issuer.realm,
          service: issuer.service,
          issuer: issuer.issuer,
          rootcertbundle: join(dir, 'token-root.pem'),
        },
      };
    }
    const registry = toolPath('docker-registry');
    proc = await withPortRetry(async (port) => {
      const config: { [key: string]: Yaml } = {
        version: '0.1',
        log: { level: 'warn' },
        storage: {
          filesystem: { rootdirectory: join(dir, 'data') },
          delete: { enabled: true },
          // Upload purging starts a background walker we do not want racing test assertions.
          maintenance: { uploadpurging: { enabled: false } },
        },
        // A fixed secret silences the "generating a random secret" warning and keeps logs short.
        http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
        // The periodic storage-driver health check would turn /v2/ into 503 on a slow tmpfs.
        health: { storagedriver: { enabled: false } },
        ...(authConfig ? { auth: authConfig } : {}),
      };
      await writeFile(join(dir, 'config.yml'), toYaml(config));
      return startProcess(registry, ['serve', join(dir, 'config.yml')], {
        env: cleanEnv(),
        cwd: dir,
        readyUrl: `http://127.0.0.1:${port}/v2/`,
        okStatuses: auth === 'none' ? [200] : [401],
      }).then((p) => Object.assign(p, { port }));
    });
  } catch (err) {
    await issuer?.stop();
    await remove();
    throw err;
  }
  const p = proc as ManagedProcess & { port: number };
  return {
    kind: 'distribution',
    host: `127.0.0.1:${p.port}`,
    referrersApi: false,
    ...(auth === 'none' ? {} : { username, password }),
    tokenIssuer: issuer,
    output: p.output,
    stop: async () => {
      await p.stop();
      await issuer?.stop();
      await remove();
    },
  };
}

export async function startOlareg(): Promise<TestRegistry> {
  // An empty dir of our own: olareg's --dir defaults to the cwd, and nothing there should leak in.
  const { dir, remove } = await serverDir('sigstamp-olareg-');
  const olareg = toolPath('olareg');
  try {
    const proc = await withPortRetry(async (port) => {
      const args = ['serve', '--addr', '127.0.0.1', '--port', String(port), '--store-type', 'mem'];
      // Deletes on, as for distribution, so tests can exercise cleanup paths on both.
      args.push('--dir', dir, '--api-delete', '--api-blob-delete');
      const p = await startProcess(olareg, args, {
        cwd: dir,
        readyUrl: `http://127.0.0.1:${port}/v2/`,
        okStatuses: [200],
      });
      return Object.assign(p, { port });
    });
    return {
      kind: 'olareg',
      host: `127.0.0.1:${proc.port}`,
      referrersApi: true,
      output: proc.output,
      stop: async () => {
        await proc.stop();
        await remove();
      },
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
