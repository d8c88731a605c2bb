// The real Sigstore services on loopback — Fulcio v1.8.8 with an ephemeral CA, Rekor v1.5.4 on
// Trillian v1.7.3 and MariaDB, the timestamp authority v2.1.3 — built and pinned by
// .ci/install-tools, trusting the loopback GitHub-shaped OIDC issuer as a `github-workflow` CI
// provider with Fulcio's own production templates. It returns the same shape as the stand-ins
// (test/support/sigstore), so every test and verifier runs unchanged against either.
//
// Listeners: MariaDB on a unix socket only; Fulcio, Trillian + Rekor, and the TSA inside network
// namespaces of their own (see netns.ts for why), relayed to 127.0.0.1. The trust material is
// fetched from the running services by the product's `sigstamp trusted-root` code
// (src/sigstore/trusted-root.ts).
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transport } from '../../../src/http/transport.js';
import { buildTrustedRoot, gatherTrustSources } from '../../../src/sigstore/trusted-root.js';
import { onExitCleanup } from '../process.js';
import { startOidcIssuer, type OidcIssuerOptions } from '../sigstore/oidc.js';
import { writeTrustFiles } from '../sigstore/trusted-root.js';
import type { SigstoreUnderTest } from '../sigstore/index.js';
import { toolData, toolPath } from '../tools.js';
import { startMariaDb } from './mariadb.js';
import type { Bridge } from '../netns.js';
import { startNamespaced, type NamespacedService } from './netns.js';

/** Every tool the real stack needs (for toolGate). */
export const REAL_SIGSTORE_TOOLS = [
  'fulcio',
  'trillian_log_server',
  'trillian_log_signer',
  'createtree',
  'rekor-server',
  'timestamp-server',
  'mariadbd',
  'mariadb-install-db',
  'socat',
  'unshare',
  'ip',
] as const;

export interface RealSigstore extends SigstoreUnderTest {
  kind: 'real';
  /** Process ids of everything started, for the stack script's report. */
  pids: Record<string, number>;
}

/**
 * Fulcio's production identity config (config/identity/config.yaml of the pinned module) with its
 * OIDC issuers replaced by the loopback one: the `define:` anchors and `ci-issuer-metadata:` (the
 * github-workflow extension and SAN templates) are kept as Fulcio ships them.
 */
async function fulcioConfig(issuer: string, serverUrl?: string): Promise<string> {
  const shipped = await readFile(toolData('fulcio', 'config.yaml'), 'utf8');
  const sections = new Map<string, string>();
  let current = '';
  for (const line of shipped.split('\n')) {
    const top = /^([a-z-]+):/.exec(line);
    if (top?.[1]) current = top[1];
    if (current) sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  const define = sections.get('define');
  const ciMetadata = sections.get('ci-issuer-metadata');
  if (!define || !ciMetadata?.includes('*github-type'))
    throw new Error('fulcio config.yaml: no define/ci-issuer-metadata sections; has its layout changed?');
  // GitHub's instance on a GHE.com tenant certifies https://<tenant>/… identities, not github.com's.
  const metadata = serverUrl
    ? ciMetadata.replace('url: "https://github.com"', `url: ${JSON.stringify(serverUrl)}`)
    : ciMetadata;
  if (metadata === ciMetadata && serverUrl)
    throw new Error(
      'fulcio config.yaml: no url: "https://github.com" in ci-issuer-metadata; has its layout changed?',
    );
  const issuers =
    `oidc-issuers:\n  ${JSON.stringify(issuer)}:\n    issuer-url: ${JSON.stringify(issuer)}\n` +
    `    client-id: sigstore\n    type: ci-provider\n    ci-provider: *github-type\n`;
  return `${define}${issuers}${metadata}`;
}

/**
 * How Fulcio reaches an issuer at a real hostname (https://token.actions.githubusercontent.com):
 * that name on 127.0.0.1 inside its namespace, 443 bridged to test/support/tls-front.ts, and the
 * test CA trusted (Go reads SSL_CERT_FILE).
 */
export interface IssuerReach {
  hosts: string[];
  bridges: Bridge[];
  caPath: string;
}

export async function startFulcio(
  dir: string,
  issuer: string,
  reach?: IssuerReach,
  /** The identities' server URL (the github-workflow `url` template value; default https://github.com). */
  serverUrl?: string,
): Promise<NamespacedService> {
  const configPath = join(dir, 'fulcio.yaml');
  await writeFile(configPath, await fulcioConfig(issuer, serverUrl));
  // Fulcio verifies tokens against the issuer's discovery document and JWKS: relay its port in.
  const issuerPort = Number(new URL(issuer).port);
  const script = `
exec "$FULCIO" serve --ca=ephemeralca --config-path="$CONFIG" --ct-log-url= \\
  --host=127.0.0.1 --port=3000 --grpc-host=127.0.0.1 --grpc-port=3001 --metrics-port=2112
`;
  return startNamespaced({
    name: 'Fulcio',
    dir,
    script,
    port: 3000,
    hostPorts: issuerPort ? [issuerPort] : [],
    ...(reach ? { hosts: reach.hosts, bridges: reach.bridges } : {}),
    env: {
      FULCIO: toolPath('fulcio'),
      CONFIG: configPath,
      ...(reach ? { SSL_CERT_FILE: reach.caPath } : {}),
    },
    readyPath: '/api/v2/trustBundle',
  });
}

async function startTrillianAndRekor(
  dir: string,
  dsn: { trillian: string; rekor: string },
): Promise<NamespacedService> {
  // Fixed ports are fine: the namespace is private. The signer sequences every 100 ms, so an entry
  // is in the tree (and has an inclusion proof) moments after Rekor accepts it.
  // --rekor_server.hostname names the checkpoint signer, and sigstore-js accepts a checkpoint only
  // from a log whose URL contains that name (verify/tlog/checkpoint.js): the default, the OS host
  // name, is not in http://127.0.0.1:PORT.
  const script = `
"$TRILLIAN_LOG_SERVER" --storage_system=mysql --quota_system=mysql --mysql_uri="$TRILLIAN_DSN" \\
  --rpc_endpoint=127.0.0.1:8090 --http_endpoint=127.0.0.1:8091 --logtostderr &
"$TRILLIAN_LOG_SIGNER" --storage_system=mysql --quota_system=mysql --mysql_uri="$TRILLIAN_DSN" \\
  --rpc_endpoint=127.0.0.1:8092 --http_endpoint=127.0.0.1:8093 --force_master \\
  --sequencer_interval=100ms --batch_size=100 --logtostderr &
tree=""
for _ in $(seq 150); do
  if tree=$("$CREATETREE" --admin_server=127.0.0.1:8090 --display_name=sigstamp-test 2>/dev/null); then break; fi
  sleep 0.2
done
[ -n "$tree" ] || { echo "createtree: Trillian did not answer" >&2; exit 1; }
echo "trillian tree $tree" >&2
exec "$REKOR_SERVER" serve --rekor_server.address=127.0.0.1 --port=3000 --rekor_server.hostname=127.0.0.1 \\
  --trillian_log_server.address=127.0.0.1 --trillian_log_server.port=8090 \\
  --trillian_log_server.tlog_id="$tree" --rekor_server.signer=memory \\
  --search_index.storage_provider=mysql --search_index.mysql.dsn="$REKOR_DSN"
`;
  return startNamespaced({
    name: 'Rekor',
    dir,
    script,
    port: 3000,
    env: {
      TRILLIAN_LOG_SERVER: toolPath('trillian_log_server'),
      TRILLIAN_LOG_SIGNER: toolPath('trillian_log_signer'),
      CREATETREE: toolPath('createtree'),
      REKOR_SERVER: toolPath('rekor-server'),
      TRILLIAN_DSN: dsn.trillian,
      REKOR_DSN: dsn.rekor,
    },
    readyPath: '/api/v1/log',
    readyTimeoutMs: 90_000,
  });
}

export async function startTimestampAuthority(dir: string): Promise<NamespacedService> {
  // --disable-ntp-monitoring: by default it polls public NTP servers (off-machine traffic).
  const script = `
exec "$TIMESTAMP_SERVER" serve --host=127.0.0.1 --port=3000 --scheme=http \\
  --disable-ntp-monitoring --timestamp-signer=memory
`;
  return startNamespaced({
    name: 'TSA',
    dir,
    script,
    port: 3000,
    env: { TIMESTAMP_SERVER: toolPath('timestamp-server') },
    readyPath: '/api/v1/timestamp/certchain',
  });
}

export async function startRealSigstore(opts: { oidc?: OidcIssuerOptions } = {}): Promise<RealSigstore> {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-real-'));
  const unregister = onExitCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    // Reverse start order: Rekor before the database it writes to.
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    unregister();
    await rm(dir, { recursive: true, force: true });
  };
  const pids: Record<string, number> = {};
  try {
    const oidc = await startOidcIssuer(opts.oidc);
    stops.push(oidc.stop);
    const db = await startMariaDb(dir);
    stops.push(db.stop);
    pids.mariadb = db.process.pid;
    await db.sql('CREATE DATABASE trillian; CREATE DATABASE rekor;');
    await db.sql(await readFile(toolData('createtree', 'storage.sql'), 'utf8'), 'trillian');

    const [fulcio, log, tsa] = await Promise.all([
      startFulcio(dir, oidc.issuer),
      startTrillianAndRekor(dir, { trillian: db.dsn('trillian'), rekor: db.dsn('rekor') }),
      startTimestampAuthority(dir),
    ]);
    stops.push(fulcio.stop, log.stop, tsa.stop);
    Object.assign(pids, { fulcio: fulcio.process.pid, rekor: log.process.pid, tsa: tsa.process.pid });

    const transport = new Transport({ retries: 2 });
    const sources = await gatherTrustSources(transport, {
      fulcioUrl: fulcio.url,
      rekorUrl: log.url,
      tsaUrl: tsa.url,
      // An hour back, as for the stand-ins: nothing logged now falls before it.
      rekorStartTime: new Date(Date.now() - 3_600_000),
    }).finally(() => transport.close());
    const trustedRoot = buildTrustedRoot(sources);
    const files = await writeTrustFiles(dir, trustedRoot, {
      fulcioChainPem: sources.fulcio.chainsPem.join('\n'),
      rekorPublicKeyPem: sources.rekor!.publicKeyPem,
      tsaChainPem: sources.tsa!.chainPem,
    });
    return {
      kind: 'real',
      ...files,
      oidc,
      trustedRoot,
      fulcioUrl: fulcio.url,
      rekorUrl: log.url,
      tsaUrl: tsa.url,
      issuer: oidc.issuer,
      dir,
      pids,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
