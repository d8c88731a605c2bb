import { readFile } from 'node:fs/promises';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';

/**
 * Trust material for verification: a given `trusted_root.json` (private Sigstore, air-gapped, tests)
 * or public-good Sigstore's, fetched and verified through TUF and cached between runs.
 */

export interface Trust {
  trustedRoot: TrustedRoot;
  material: TrustMaterial;
  source: string;
}

export async function trustFromFile(path: string): Promise<Trust> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(
      `trusted-root ${path}: cannot read it as JSON (${(err as Error).message}); give the trusted_root.json of your Sigstore`,
    );
  }
  const trustedRoot = TrustedRoot.fromJSON(json);
  if (trustedRoot.certificateAuthorities.length === 0) {
    throw new Error(
      `trusted-root ${path}: lists no certificate authority; it must contain your Fulcio's CA chain`,
    );
  }
  return { trustedRoot, material: toTrustMaterial(trustedRoot), source: path };
}

export async function publicGoodTrust(cachePath: string | undefined): Promise<Trust> {
  // Loaded lazily: only public-good runs need the TUF client.
  const { getTrustedRoot } = await import('@sigstore/tuf');
  const trustedRoot = await getTrustedRoot(cachePath ? { cachePath } : {});
  return { trustedRoot, material: toTrustMaterial(trustedRoot), source: 'public-good Sigstore (TUF)' };
}
