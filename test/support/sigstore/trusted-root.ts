// trusted_root.json for the loopback Sigstore, in the protobuf-specs JSON form
// (dev.sigstore.trustroot.v1.TrustedRoot, media type version 0.1) that `cosign trusted-root create`
// writes through sigstore-go's root.NewTrustedRoot(...).MarshalJSON(), and that cosign
// `--trusted-root`, sigstore-go and @sigstore/verify's toTrustMaterial read:
//  - certificateAuthorities: the Fulcio chain leaf-side first ([intermediate, root]), validFor.start
//    = the root's notBefore (cosign parseCAPEMFile);
//  - tlogs: Rekor's DER SPKI, keyDetails from the key type, logId.keyId = sha256(DER SPKI),
//    validFor.start a little in the past (cosign's default is the epoch; a recent start keeps
//    filterTLogAuthorities meaningful without excluding anything logged now);
//  - timestampAuthorities: the TSA chain [signing cert, root] (cosign parseTAPEMFile requires a
//    non-CA first certificate and at least two);
//  - ctlogs: none (omitted). There is no CT log: verifiers run with SCT checks off.
// Plus the legacy inputs cosign v2.2 reads from the environment (SIGSTORE_ROOT_FILE,
// SIGSTORE_REKOR_PUBLIC_KEY), which predate trusted roots.
import { createPublicKey, X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nowSeconds, pemBlocks } from './common.js';

export const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';

export interface TrustedRootJson {
  mediaType: string;
  tlogs: Array<{
    baseUrl: string;
    hashAlgorithm: 'SHA2_256';
    publicKey: { rawBytes: string; keyDetails: string; validFor: { start: string; end?: string } };
    logId: { keyId: string };
  }>;
  certificateAuthorities: CertAuthorityJson[];
  /** Omitted, as protobuf JSON omits an empty repeated field (what cosign writes without --ctfe). */
  ctlogs?: never[];
  timestampAuthorities: CertAuthorityJson[];
}

interface CertAuthorityJson {
  subject: { organization?: string; commonName?: string };
  uri: string;
  certChain: { certificates: Array<{ rawBytes: string }> };
  validFor: { start: string; end?: string };
}

export interface TrustInputs {
  fulcio: { url: string; chainPem: string[] };
  rekor: { url: string; publicKeyDer: Buffer; logId: string };
  tsa?: { url: string; chainPem: string[] };
}

/** protobuf Timestamp JSON as Go writes it: whole seconds carry no fraction. */
const rfc3339 = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

/** sigstore-go's keyDetails naming for the log key (root.TransparencyLog → PublicKeyDetails). */
function keyDetails(spki: Buffer): string {
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  if (key.asymmetricKeyType === 'ed25519') return 'PKIX_ED25519';
  if (key.asymmetricKeyType === 'rsa') return 'PKIX_RSA_PKCS1V15_2048_SHA256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve === 'secp384r1'
    ? 'PKIX_ECDSA_P384_SHA_384'
    : curve === 'secp521r1'
      ? 'PKIX_ECDSA_P521_SHA_512'
      : 'PKIX_ECDSA_P256_SHA_256';
}

/** "O=…, CN=…" of the chain's root, as cosign fills `subject` from the root certificate. */
function authority(chainPem: string[], uri: string): CertAuthorityJson {
  const ders = chainPem.flatMap((p) => pemBlocks(p).map((b) => b.der));
  const root = new X509Certificate(ders[ders.length - 1] as Buffer);
  const field = (name: string) => new RegExp(`(?:^|\\n)${name}=([^\\n]*)`).exec(root.subject)?.[1];
  const organization = field('O');
  const commonName = field('CN');
  return {
    subject: { ...(organization ? { organization } : {}), ...(commonName ? { commonName } : {}) },
    uri,
    certChain: { certificates: ders.map((d) => ({ rawBytes: d.toString('base64') })) },
    validFor: { start: rfc3339(new Date(root.validFrom)) },
  };
}

export function buildTrustedRoot(inputs: TrustInputs): TrustedRootJson {
  return {
    mediaType: TRUSTED_ROOT_MEDIA_TYPE,
    tlogs: [
      {
        baseUrl: inputs.rekor.url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: inputs.rekor.publicKeyDer.toString('base64'),
          keyDetails: keyDetails(inputs.rekor.publicKeyDer),
          validFor: { start: rfc3339(new Date((nowSeconds() - 3600) * 1000)) },
        },
        logId: { keyId: Buffer.from(inputs.rekor.logId, 'hex').toString('base64') },
      },
    ],
    certificateAuthorities: [authority(inputs.fulcio.chainPem, inputs.fulcio.url)],
    timestampAuthorities: inputs.tsa
      ? [authority(inputs.tsa.chainPem, `${inputs.tsa.url}/api/v1/timestamp`)]
      : [],
  };
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
  inputs: TrustInputs & { rekor: { publicKeyPem: string } },
): Promise<TrustFiles> {
  const trustedRootPath = join(dir, 'trusted_root.json');
  const fulcioChainPath = join(dir, 'fulcio-chain.pem');
  const rekorPublicKeyPath = join(dir, 'rekor.pub');
  await writeFile(trustedRootPath, `${JSON.stringify(root, null, 2)}\n`);
  await writeFile(fulcioChainPath, inputs.fulcio.chainPem.join(''));
  await writeFile(rekorPublicKeyPath, inputs.rekor.publicKeyPem);
  let tsaChainPath: string | undefined;
  if (inputs.tsa) {
    tsaChainPath = join(dir, 'tsa-chain.pem');
    await writeFile(tsaChainPath, inputs.tsa.chainPem.join(''));
  }
  return {
    trustedRootPath,
    fulcioChainPath,
    rekorPublicKeyPath,
    tsaChainPath,
    legacyEnv: { SIGSTORE_ROOT_FILE: fulcioChainPath, SIGSTORE_REKOR_PUBLIC_KEY: rekorPublicKeyPath },
  };
}
