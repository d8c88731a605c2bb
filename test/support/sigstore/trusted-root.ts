// trusted_root.json for the loopback Sigstore, built by the product's own builder
// (src/sigstore/trusted-root.ts, checked against `cosign trusted-root create` in
// test/integration/sigstore-support.test.ts), plus the legacy inputs cosign v2.2 reads from the
// environment (SIGSTORE_ROOT_FILE, SIGSTORE_REKOR_PUBLIC_KEY), which predate trusted roots.
// The Rekor key's validFor.start is an hour back rather than cosign's epoch default: a recent start
// keeps filterTLogAuthorities meaningful without excluding anything logged now. There is no CT log:
// verifiers run with SCT checks off.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTrustedRoot as build, type TrustedRootJson } from '../../../src/sigstore/trusted-root.js';
import { nowSeconds } from './common.js';

export type { TrustedRootJson };

export interface TrustInputs {
  fulcio: { url: string; chainPem: string[] };
  rekor?: { url: string; publicKeyPem: string };
  /** The TSA's base URL (what the tsa-url input takes). */
  tsa?: { url: string; chainPem: string[] };
}

export function buildTrustedRoot(inputs: TrustInputs): TrustedRootJson {
  return build({
    fulcio: { url: inputs.fulcio.url, chainsPem: [inputs.fulcio.chainPem.join('')] },
    ...(inputs.rekor
      ? {
          rekor: {
            url: inputs.rekor.url,
            publicKeyPem: inputs.rekor.publicKeyPem,
            startTime: new Date((nowSeconds() - 3600) * 1000),
          },
        }
      : {}),
    ...(inputs.tsa ? { tsa: { url: inputs.tsa.url, chainPem: inputs.tsa.chainPem.join('') } } : {}),
  });
}

export interface TrustFiles {
  trustedRootPath: string;
  /** Fulcio chain PEM (intermediate, root): SIGSTORE_ROOT_FILE. */
  fulcioChainPath: string;
  /** Rekor public key PEM: SIGSTORE_REKOR_PUBLIC_KEY. */
  rekorPublicKeyPath: string;
  /** TSA chain PEM, for cosign's --timestamp-certificate-chain. */
  tsaChainPath?: string;
  legacyEnv: { SIGSTORE_ROOT_FILE: string; SIGSTORE_REKOR_PUBLIC_KEY: string };
}

export async function writeTrustFiles(
  dir: string,
  root: TrustedRootJson,
  pems: { fulcioChainPem: string; rekorPublicKeyPem: string; tsaChainPem?: string },
): Promise<TrustFiles> {
  const trustedRootPath = join(dir, 'trusted_root.json');
  const fulcioChainPath = join(dir, 'fulcio-chain.pem');
  const rekorPublicKeyPath = join(dir, 'rekor.pub');
  await writeFile(trustedRootPath, `${JSON.stringify(root, null, 2)}\n`);
  await writeFile(fulcioChainPath, pems.fulcioChainPem);
  await writeFile(rekorPublicKeyPath, pems.rekorPublicKeyPem);
  let tsaChainPath: string | undefined;
  if (pems.tsaChainPem) {
    tsaChainPath = join(dir, 'tsa-chain.pem');
    await writeFile(tsaChainPath, pems.tsaChainPem);
  }
  return {
    trustedRootPath,
    fulcioChainPath,
    rekorPublicKeyPath,
    tsaChainPath,
    legacyEnv: { SIGSTORE_ROOT_FILE: fulcioChainPath, SIGSTORE_REKOR_PUBLIC_KEY: rekorPublicKeyPath },
  };
}
