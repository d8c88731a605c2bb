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
export type { FulcioStandIn, OidcIssuer, OidcIssuerOptions, RekorStandIn, TrustedRootJson, TsaStandIn };

export interface SigstoreOptions {
  tsa?: boolean;
  oidc?: OidcIssuerOptions;
  /** Fulcio's SAN/extension host template value (default https://github.com). */
  serverUrl?: string;
}

/**
 * What tests and verifiers need of a Sigstore, whether the stand-ins here or the real services
 * (test/support/real-sigstore): its URLs, its trust material, and the OIDC issuer behind it.
 */
export interface SigstoreUnderTest extends TrustFiles {
  kind: 'stand-in' | 'real';
  oidc: OidcIssuer;
  /** The parsed trusted_root.json (protobuf JSON form: TrustedRoot.fromJSON accepts it). */
  trustedRoot: TrustedRootJson;
  fulcioUrl: string;
  rekorUrl: string;
  /** The TSA's base URL (the tsa-url input); the trusted root names <base>/api/v1/timestamp. */
  tsaUrl?: string;
  /** The OIDC issuer URL: `iss` of every token, `--certificate-oidc-issuer` for cosign. */
  issuer: string;
  /** Directory holding the trust files; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

export interface LoopbackSigstore extends SigstoreUnderTest {
  kind: 'stand-in';
  fulcio: FulcioStandIn;
  rekor: RekorStandIn;
  tsa?: TsaStandIn;
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
    const files = await writeTrustFiles(dir, trustedRoot, {
      fulcioChainPem: fulcio.chainPem.join(''),
      rekorPublicKeyPem: rekor.publicKeyPem,
      ...(tsa ? { tsaChainPem: tsa.chainPem.join('') } : {}),
    });
    return {
      kind: 'stand-in',
      ...files,
      oidc,
      fulcio,
      rekor,
      tsa,
      trustedRoot,
      fulcioUrl: fulcio.url,
      rekorUrl: rekor.url,
      tsaUrl: tsa?.url,
      issuer: oidc.issuer,
      dir,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
