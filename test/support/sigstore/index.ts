// A whole hermetic Sigstore on loopback: GitHub-shaped OIDC issuer, Fulcio, Rekor v1, optionally a
// TSA, and the trust material real verifiers need to accept what they produce. Every server is a
// real HTTP server on 127.0.0.1, so the action under test can run as a subprocess against it.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExitCleanup } from '../process.js';
import { startFulcio, type FulcioStandIn } from './fulcio.js';
import { startOidcIssuer, type OidcIssuer, type OidcIssuerOptions } from './oidc.js';
import { startRekor, type RekorStandIn } from './rekor.js';
import { buildTrustedRoot, writeTrustFiles, type TrustFiles, type TrustedRootJson } from './trusted-root.js';
import { startTsa, type TsaStandIn } from './tsa.js';

export { defaultClaims, DEFAULT_OWNER, DEFAULT_REPO, DEFAULT_SHA, type GitHubClaims } from './oidc.js';
export { FULCIO_OID, githubIdentity } from './fulcio-ca.js';
export { hashLeaf, verifyInclusion } from './merkle.js';
export {
  bundleBuilders,
  fulcioExtensionBytes,
  leafCertificate,
  requestSigningCert,
  toLegacyCosignBundle,
  toLegacyRfc3161Timestamp,
  verifyBundle,
} from './bundles.js';
export type { FulcioStandIn, OidcIssuer, RekorStandIn, TrustedRootJson, TsaStandIn };

export interface SigstoreOptions {
  tsa?: boolean;
  oidc?: OidcIssuerOptions;
  /** Fulcio's SAN/extension host template value (default https://github.com). */
  serverUrl?: string;
}

export interface LoopbackSigstore extends TrustFiles {
  oidc: OidcIssuer;
  fulcio: FulcioStandIn;
  rekor: RekorStandIn;
  tsa?: TsaStandIn;
  /** The parsed trusted_root.json (protobuf JSON form: TrustedRoot.fromJSON accepts it). */
  trustedRoot: TrustedRootJson;
  fulcioUrl: string;
  rekorUrl: string;
  /** The RFC 3161 endpoint (sigstore-js TSAWitness wants the base URL: tsa.url). */
  tsaUrl?: string;
  /** The OIDC issuer URL: `iss` of every token, `--certificate-oidc-issuer` for cosign. */
  issuer: string;
  /** Directory holding the trust files; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

export async function startSigstore(opts: SigstoreOptions = {}): Promise<LoopbackSigstore> {
  const stops: Array<() => Promise<void>> = [];
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-sigstore-'));
  const unregister = onExitCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const stopAll = async () => {
    await Promise.all(stops.map((s) => s()));
    unregister();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const oidc = await startOidcIssuer(opts.oidc);
    stops.push(oidc.stop);
    const fulcio = await startFulcio({ oidc, serverUrl: opts.serverUrl });
    stops.push(fulcio.stop);
    const rekor = await startRekor();
    stops.push(rekor.stop);
    const tsa = opts.tsa ? await startTsa() : undefined;
    if (tsa) stops.push(tsa.stop);

    const inputs = { fulcio, rekor, tsa };
    const trustedRoot = buildTrustedRoot(inputs);
    const files = await writeTrustFiles(dir, trustedRoot, inputs);
    return {
      ...files,
      oidc,
      fulcio,
      rekor,
      tsa,
      trustedRoot,
      fulcioUrl: fulcio.url,
      rekorUrl: rekor.url,
      tsaUrl: tsa ? `${tsa.url}/api/v1/timestamp` : undefined,
      issuer: oidc.issuer,
      dir,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
