// A loopback stand-in of GitHub's Sigstore instance at its real hostnames: the real Fulcio (of the
// private stack, test/support/real-sigstore) trusting a GitHub-shaped OIDC issuer that presents
// itself as https://token.actions.githubusercontent.com, the real timestamp authority, no Rekor,
// and a TUF repository of their trusted root written by `sigstamp tuf-repo` — served through the
// TLS front of tls-front.ts as fulcio.githubapp.com, timestamp.githubapp.com,
// token.actions.githubusercontent.com and tuf-repo.github.com. A sandbox (netns.ts) gives the
// product and the verifiers those names, so sigstamp runs with its defaults, unchanged.
//
// With `tenant`, the same for a GHE.com tenant: fulcio.<host>, timestamp.<host>, the issuer
// https://token.actions.<host> (identities at https://<host>/…), and the tenant's trusted root in the
// TUF repository at tuf-repo.github.com as `<trust domain>.trusted_root.json`, the name GitHub gives it.
//
// What cannot be had here is GitHub's own keys: the TUF repository is signed by test keys, so the
// runs give its root.json as `tuf-root` (the documented input for a mirror of GitHub's TUF
// repository) while the mirror URL stays GitHub's default, https://tuf-repo.github.com.
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transport } from '../../src/http/transport.js';
import { buildTrustedRoot, gatherTrustSources } from '../../src/sigstore/trusted-root.js';
import { writeTufRepository } from '../../src/sigstore/tuf-repo.js';
import { startSandbox, type Sandbox } from './netns.js';
import { onExitCleanup } from './process.js';
import { startFulcio, startTimestampAuthority } from './real-sigstore/index.js';
import { startOidcIssuer, type OidcIssuer } from './sigstore/oidc.js';
import { serveDirectory } from './static-server.js';
import { makeTestCa, startTlsFront, type TestCa, type TlsFront } from './tls-front.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITHUB_HOSTS = {
  fulcio: 'fulcio.githubapp.com',
  tsa: 'timestamp.githubapp.com',
  tuf: 'tuf-repo.github.com',
  oidc: 'token.actions.githubusercontent.com',
} as const;

/** A GHE.com tenant: its host (acme.ghe.com) and the trust domain its GET /meta names. */
export interface Tenant {
  host: string;
  trustDomain: string;
}

/** The hostnames of GitHub's instance for github.com or a tenant (TUF is GitHub's repository either way). */
export function githubHosts(tenant?: Tenant): Record<keyof typeof GITHUB_HOSTS, string> {
  if (!tenant) return { ...GITHUB_HOSTS };
  return {
    fulcio: `fulcio.${tenant.host}`,
    tsa: `timestamp.${tenant.host}`,
    tuf: GITHUB_HOSTS.tuf,
    oidc: `token.actions.${tenant.host}`,
  };
}

/** Tools the stand-in needs (for toolGate). */
export const GITHUB_SIGSTORE_TOOLS = ['fulcio', 'timestamp-server', 'socat', 'unshare', 'ip'] as const;

export interface GitHubSigstore {
  /** Its private directory (removed by stop). */
  dir: string;
  ca: TestCa;
  front: TlsFront;
  /** The hostnames it serves as (githubHosts). */
  hosts: Record<keyof typeof GITHUB_HOSTS, string>;
  oidc: OidcIssuer;
  trustedRootPath: string;
  /** root.json of the TUF repository served as https://tuf-repo.github.com (the `tuf-root` input). */
  tufRootPath: string;
  /** Paths the TUF repository was asked for. */
  tufRequests: string[];
  /** What a Node child needs to trust the front (NODE_EXTRA_CA_CERTS) and a Go child (SSL_CERT_FILE). */
  env: Record<string, string>;
  /**
   * A sandbox where GitHub's hostnames, and `more` (e.g. fulcio.sigstore.dev routed with `front.routes`),
   * reach the front on 443, and `ports` (the registry, the token services) are bridged in.
   */
  sandbox(ports: number[], more?: string[]): Promise<Sandbox>;
  stop(): Promise<void>;
}

export async function startGitHubSigstore(
  opts: { moreHosts?: string[]; tenant?: Tenant } = {},
): Promise<GitHubSigstore> {
  const hosts = githubHosts(opts.tenant);
  const issuer = `https://${hosts.oidc}`;
  // Short: unix socket paths in it must stay under 108 bytes.
  const dir = await mkdtemp(join(tmpdir(), 'ghs-'));
  const unregister = onExitCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    unregister();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ca = await makeTestCa(dir);
    const names = [...Object.values(hosts), ...(opts.moreHosts ?? [])];
    const front = await startTlsFront(ca, Object.fromEntries(names.map((n) => [n, 0])));
    stops.push(front.close);
    const oidc = await startOidcIssuer({ issuer });
    stops.push(oidc.stop);
    front.routes[hosts.oidc] = Number(new URL(oidc.requestUrl).port);
    const [fulcio, tsa] = await Promise.all([
      startFulcio(
        dir,
        issuer,
        { hosts: [hosts.oidc], bridges: [{ port: 443, to: front.port }], caPath: ca.caPath },
        opts.tenant ? `https://${opts.tenant.host}` : undefined,
      ),
      startTimestampAuthority(dir),
    ]);
    stops.push(fulcio.stop, tsa.stop);
    const port = (url: string) => Number(new URL(url).port);
    front.routes[hosts.fulcio] = port(fulcio.url);
    front.routes[hosts.tsa] = port(tsa.url);

    // The trust material from the running services, named with GitHub's URLs as GitHub's own
    // trusted_root.json names them.
    const transport = new Transport({ retries: 2 });
    const sources = await gatherTrustSources(transport, { fulcioUrl: fulcio.url, tsaUrl: tsa.url }).finally(
      () => transport.close(),
    );
    sources.fulcio.url = `https://${hosts.fulcio}`;
    sources.tsa!.url = `https://${hosts.tsa}`;
    const trustedRootPath = join(dir, 'trusted_root.json');
    await writeFile(trustedRootPath, JSON.stringify(buildTrustedRoot(sources), null, 2) + '\n');
    const tufDir = join(dir, 'tuf');
    const { rootPath: tufRootPath } = await writeTufRepository({
      trustedRootPath,
      outDir: tufDir,
      ...(opts.tenant ? { trustedRootTarget: `${opts.tenant.trustDomain}.trusted_root.json` } : {}),
    });
    const tuf = await serveDirectory(tufDir);
    stops.push(tuf.close);
    front.routes[hosts.tuf] = port(tuf.url);

    return {
      dir,
      ca,
      front,
      hosts,
      oidc,
      trustedRootPath,
      tufRootPath,
      tufRequests: tuf.requests,
      env: { NODE_EXTRA_CA_CERTS: ca.caPath, SSL_CERT_FILE: ca.caPath },
      async sandbox(ports, more = []) {
        const sandboxDir = await mkdtemp(join(tmpdir(), 'ghx-'));
        stops.push(() => rm(sandboxDir, { recursive: true, force: true }));
        const box = await startSandbox({
          dir: sandboxDir,
          hosts: [...names, ...more],
          bridges: [
            { port: 443, to: front.port },
            ...[...new Set([front.routes[hosts.oidc]!, ...ports])].map((p) => ({ port: p, to: p })),
          ],
        });
        stops.push(box.close);
        return box;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
