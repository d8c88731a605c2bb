// The targets of `sigstamp tuf-repo`: the trusted root and signing config as given, checked the
// way the verifiers will read them, plus the legacy per-service files older clients look up.
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SigningConfig, TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial } from '@sigstore/verify';
import { TufRepoError } from './tuf-repo-error.js';

export const TRUSTED_ROOT_TARGET = 'trusted_root.json';
/** A target name of its own: one file name ending in trusted_root.json (GitHub's `<trust domain>.trusted_root.json`). */
const TRUSTED_ROOT_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9_-]*\.)?trusted_root\.json$/;
const SIGNING_CONFIG_TARGET = 'signing_config.v0.2.json';
const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

/** One target file: its name under `targets/`, its bytes and the `custom` fields its entry carries. */
export interface TargetBlob {
  name: string;
  data: Buffer;
  custom?: Record<string, unknown>;
}

async function readInput(path: string, what: string): Promise<{ bytes: Buffer; json: unknown }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new TufRepoError(`${what} ${path}: ${(err as Error).message}`);
  }
  try {
    return { bytes, json: JSON.parse(bytes.toString('utf8')) };
  } catch (err) {
    throw new TufRepoError(`${what} ${path} is not JSON (${(err as Error).message})`);
  }
}

const mediaType = (json: unknown): string =>
  json && typeof json === 'object' && typeof (json as { mediaType?: unknown }).mediaType === 'string'
    ? (json as { mediaType: string }).mediaType
    : '';

export async function readTargets(
  trustedRootPath: string,
  signingConfigPath: string | undefined,
  now: Date,
  placeholder: boolean,
  trustedRootTarget = TRUSTED_ROOT_TARGET,
): Promise<TargetBlob[]> {
  if (!TRUSTED_ROOT_NAME.test(trustedRootTarget))
    throw new TufRepoError(
      `--target-name "${trustedRootTarget}": give trusted_root.json or <name>.trusted_root.json (one plain name, ` +
        "e.g. a GHE.com tenant's <trust domain>.trusted_root.json, as GitHub's TUF repository names it)",
    );
  const { bytes, json } = await readInput(trustedRootPath, '--trusted-root');
  const root = parseTrustedRoot(trustedRootPath, json);
  const blobs: TargetBlob[] = [{ name: trustedRootTarget, data: bytes }, ...legacyTargets(root, now)];
  if (placeholder && root.ctlogs.length === 0) blobs.push(logPlaceholder('ctfe.pub', 'CTFE', 'a CT key'));
  if (placeholder && root.tlogs.length === 0) blobs.push(logPlaceholder('rekor.pub', 'Rekor', 'a Rekor key'));
  if (signingConfigPath) {
    const sc = await readInput(signingConfigPath, '--signing-config');
    if (!mediaType(sc.json).startsWith(SIGNING_CONFIG_MEDIA_TYPE))
      throw new TufRepoError(
        `--signing-config ${signingConfigPath}: mediaType "${mediaType(sc.json)}" is not ${SIGNING_CONFIG_MEDIA_TYPE}; ` +
          'give a signing config v0.2 (what `cosign signing-config create` writes)',
      );
    try {
      SigningConfig.fromJSON(sc.json);
    } catch (err) {
      throw new TufRepoError(`--signing-config ${signingConfigPath}: ${(err as Error).message}`);
    }
    // Always this name: the one sigstore-go and sigstore-js look the signing config up by.
    blobs.push({ name: SIGNING_CONFIG_TARGET, data: sc.bytes });
  }
  return blobs;
}

function parseTrustedRoot(path: string, json: unknown): TrustedRoot {
  const what = `--trusted-root ${path}`;
  if (!mediaType(json).startsWith('application/vnd.dev.sigstore.trustedroot'))
    throw new TufRepoError(
      `${what}: no trusted root mediaType (got "${mediaType(json)}"); give the trusted_root.json of your Sigstore ` +
        '(sigstamp trusted-root writes one)',
    );
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(json);
    // What the verifiers do with it: catches keys and certificates that do not parse.
    toTrustMaterial(root);
  } catch (err) {
    throw new TufRepoError(`${what} does not parse as a trusted root: ${(err as Error).message}`);
  }
  if (root.certificateAuthorities.length === 0 && root.tlogs.length === 0)
    throw new TufRepoError(
      `${what} names no certificate authority and no transparency log: nothing to trust`,
    );
  return root;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const numbered = (base: string, i: number, ext: string): string =>
  `${base}${i === 0 ? '' : `_${i + 1}`}${ext}`;

/**
 * The files cosign v2 and sigstore/sigstore pkg/tuf (go-tuf v0.7, `GetTargetsByMeta`) find by their
 * `custom.sigstore.usage`, from before trusted_root.json existed. Named as Sigstore's public
 * repository names them (sigstore/root-signing targets: fulcio_v1.crt.pem, rekor.pub, ctfe.pub,
 * tsa_leaf.crt.pem / tsa_intermediate_N.crt.pem / tsa_root.crt.pem, the names cosign's TSA code
 * asks for), numbered when the trusted root has more than one. A Fulcio file holds the whole chain:
 * sigstore/sigstore fulcioroots sorts self-signed certificates into roots and the rest into
 * intermediates. The TSA names can hold one chain only, so only the first TSA is published this
 * way; newer clients read every TSA from trusted_root.json.
 */
function legacyTargets(root: TrustedRoot, now: Date): TargetBlob[] {
  const status = (validFor?: { end?: Date }) =>
    validFor?.end && validFor.end.getTime() <= now.getTime() ? 'Expired' : 'Active';
  const custom = (usage: string, validFor: { end?: Date } | undefined, uri: string) => ({
    sigstore: { usage, status: status(validFor), ...(uri ? { uri } : {}) },
  });
  const blobs: TargetBlob[] = [];
  root.certificateAuthorities.forEach((ca, i) => {
    const certs = ca.certChain?.certificates ?? [];
    if (certs.length === 0) return;
    blobs.push({
      name: `fulcio_v${i + 1}.crt.pem`,
      data: Buffer.from(certs.map((c) => pem('CERTIFICATE', c.rawBytes)).join('')),
      custom: custom('Fulcio', ca.validFor, ca.uri),
    });
  });
  const logs = (list: TrustedRoot['tlogs'], base: string, usage: string) =>
    list.forEach((log, i) => {
      const raw = log.publicKey?.rawBytes;
      if (!raw) return;
      blobs.push({
        name: numbered(base, i, '.pub'),
        data: Buffer.from(pem('PUBLIC KEY', raw)),
        custom: custom(usage, log.publicKey?.validFor, log.baseUrl),
      });
    });
  logs(root.tlogs, 'rekor', 'Rekor');
  logs(root.ctlogs, 'ctfe', 'CTFE');
  const tsa = root.timestampAuthorities[0];
  const chain = tsa?.certChain?.certificates ?? [];
  if (tsa && chain.length >= 2) {
    // The trusted root orders a TSA chain signing certificate first, root last.
    const names = chain.map((_, i) =>
      i === 0
        ? 'tsa_leaf.crt.pem'
        : i === chain.length - 1
          ? 'tsa_root.crt.pem'
          : `tsa_intermediate_${i - 1}.crt.pem`,
    );
    chain.forEach((c, i) =>
      blobs.push({
        name: names[i]!,
        data: Buffer.from(pem('CERTIFICATE', c.rawBytes)),
        custom: custom('TSA', tsa.validFor, tsa.uri),
      }),
    );
  }
  return blobs;
}

/**
 * A `ctfe.pub` for a Sigstore without a certificate transparency log, and a `rekor.pub` for one
 * without a transparency log (timestamp-only signing, as GitHub's instance signs). Kyverno v1.19.1's
 * ImageValidatingPolicy loads CT log and Rekor keys from its TUF client before it looks at
 * `ctlog.insecureIgnoreSCT` / `insecureIgnoreTlog`, and fails keyless verification outright when
 * there are none (pkg/image/verifiers/ivpol/cosign/opts.go initTUFAndFetch → ctLogPubsFromTrustedRoot
 * "no CTLog public keys found in trusted root", rekorPubsFromTrustedRoot "no Rekor public keys found
 * in trusted root"; the same wall as kyverno/kyverno#8858). The key is freshly generated and its
 * private half never kept, so it can vouch for nothing; it is marked Expired and the generated
 * policies ignore SCTs (and the tlog). Drop these when Kyverno skips the keys it is told to ignore.
 */
function logPlaceholder(name: string, usage: 'CTFE' | 'Rekor', what: string): TargetBlob {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    name,
    data: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    custom: {
      sigstore: { usage, status: 'Expired' },
      sigstamp: {
        placeholder: `no ${usage === 'CTFE' ? 'CT' : 'transparency'} log in the trusted root; private key discarded (Kyverno needs ${what})`,
      },
    },
  };
}
