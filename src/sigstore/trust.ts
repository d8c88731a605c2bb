import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  let trustedRoot: TrustedRoot;
  let material: TrustMaterial;
  try {
    // Both throw TypeErrors that name no input on JSON of the wrong shape (`null`, a string where a
    // list belongs; found by fuzzing, test/fuzz/sigstore.test.ts).
    trustedRoot = TrustedRoot.fromJSON(json);
    material = toTrustMaterial(trustedRoot);
  } catch (err) {
    throw new Error(
      `trusted-root ${path}: does not parse as a trusted root (${(err as Error).message}); give the trusted_root.json of your Sigstore`,
    );
  }
  if (trustedRoot.certificateAuthorities.length === 0) {
    throw new Error(
      `trusted-root ${path}: lists no certificate authority; it must contain your Fulcio's CA chain`,
    );
  }
  return { trustedRoot, material, source: path };
}

export async function publicGoodTrust(cachePath: string | undefined): Promise<Trust> {
  // Loaded lazily: only public-good runs need the TUF client.
  const { getTrustedRoot } = await import('@sigstore/tuf');
  const trustedRoot = await getTrustedRoot(cachePath ? { cachePath } : {});
  return { trustedRoot, material: toTrustMaterial(trustedRoot), source: 'public-good Sigstore (TUF)' };
}

/**
 * A Sigstore's trusted root from its TUF repository — GitHub's (https://tuf-repo.github.com, from
 * the root pinned in github/tuf-root.ts) or a mirror — verified and cached by @sigstore/tuf exactly
 * as the public-good one is. @sigstore/tuf seeds a mirror it does not know from a root.json file:
 * the pinned root is written to one first (a cached, newer root takes precedence, as TUF requires).
 * `target` names another target than trusted_root.json: a GHE.com tenant's
 * `<trust domain>.trusted_root.json` (github/trust-domain.ts).
 */
export async function tufTrust(
  tuf: { mirror: string; rootPath?: string; rootJson: string },
  what: string,
  o: { cachePath?: string; target?: string } = {},
): Promise<Trust> {
  const { getTrustedRoot, initTUF } = await import('@sigstore/tuf');
  let rootPath = tuf.rootPath;
  if (!rootPath) {
    const dir = await mkdtemp(join(tmpdir(), 'sigstamp-tuf-root-'));
    rootPath = join(dir, 'root.json');
    await writeFile(rootPath, tuf.rootJson);
  }
  const target = o.target ?? 'trusted_root.json';
  const options = { mirrorURL: tuf.mirror, rootPath, ...(o.cachePath ? { cachePath: o.cachePath } : {}) };
  let trustedRoot: TrustedRoot;
  try {
    trustedRoot = o.target
      ? TrustedRoot.fromJSON(JSON.parse(await (await initTUF(options)).getTarget(o.target)))
      : await getTrustedRoot(options);
  } catch (err) {
    // TUFError carries the fetch or verification failure as its cause.
    const e = err as Error & { code?: string; cause?: { message?: string } };
    if (e.code === 'TUF_FIND_TARGET_ERROR')
      throw new Error(
        `${what}: the TUF repository ${tuf.mirror} has no target ${target} (its targets metadata does not list it); ` +
          'check the trust domain and the TUF mirror (tuf-mirror, tuf-root), or give the trusted root as trusted-root',
        { cause: err },
      );
    const detail = [e.message, e.cause?.message].filter(Boolean).join(': ');
    throw new Error(
      `${what}: cannot fetch a verified ${target} from the TUF repository ${tuf.mirror} (${detail}); ` +
        'check that it is reachable from the runner, or give the trusted root as trusted-root',
      { cause: err },
    );
  }
  return {
    trustedRoot,
    material: toTrustMaterial(trustedRoot),
    source: `${what} (TUF ${tuf.mirror}, ${target})`,
  };
}

function pem(der: Buffer, label: string): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The PEM material a policy needs (Kyverno `roots`, `rekor.pubkey`), from the first entry of each kind. */
export function trustPems(root: TrustedRoot): {
  fulcioChainPem: string;
  rekorPublicKeyPem?: string;
  tsaChainPem?: string;
} {
  const ca = root.certificateAuthorities[0];
  const fulcioChainPem = (ca?.certChain?.certificates ?? [])
    .map((c) => pem(c.rawBytes, 'CERTIFICATE'))
    .join('');
  const rekorKey = root.tlogs[0]?.publicKey?.rawBytes;
  const tsa = root.timestampAuthorities[0]?.certChain?.certificates ?? [];
  return {
    fulcioChainPem,
    ...(rekorKey ? { rekorPublicKeyPem: pem(rekorKey, 'PUBLIC KEY') } : {}),
    ...(tsa.length ? { tsaChainPem: tsa.map((c) => pem(c.rawBytes, 'CERTIFICATE')).join('') } : {}),
  };
}
