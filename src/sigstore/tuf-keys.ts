// The role keys of `sigstamp tuf-repo`. Keys are ed25519, one per role, threshold 1: the one key
// type every client reads (go-tuf v0.7, the legacy client of sigstore/sigstore pkg/tuf in cosign
// v2; go-tuf v2 in sigstore-go; tuf-js). Private keys live in a sibling directory, never inside
// the directory that gets served.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Key, Signature } from '@tufjs/models';
import { TufRepoError } from './tuf-repo-error.js';

export const ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleKey {
  privateKey: KeyObject;
  key: Key;
}
export type Keys = Record<Role, RoleKey>;

/** The TUF form of an ed25519 public key; keyid = sha256 of its canonical JSON (TUF spec §4.2). */
function tufKey(publicKey: KeyObject): Key {
  const x = publicKey.export({ format: 'jwk' }).x;
  if (publicKey.asymmetricKeyType !== 'ed25519' || !x) throw new Error('not an ed25519 key');
  const body = {
    keytype: 'ed25519',
    scheme: 'ed25519',
    keyval: { public: Buffer.from(x, 'base64url').toString('hex') },
  };
  const keyID = createHash('sha256').update(canonicalize(body)).digest('hex');
  return new Key({ keyID, keyType: body.keytype, scheme: body.scheme, keyVal: body.keyval });
}

export function generateKeys(): Keys {
  const entries = ROLES.map((role) => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return [role, { privateKey, key: tufKey(publicKey) }] as const;
  });
  return Object.fromEntries(entries) as Keys;
}

export async function loadKeys(keysDir: string, outDir: string): Promise<Keys> {
  const keys: Partial<Keys> = {};
  for (const role of ROLES) {
    const path = join(keysDir, `${role}.pem`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new TufRepoError(
        `${path}: ${missing ? 'not found' : (err as Error).message}: the ${role} key that signs ${outDir}. ` +
          `Give --keys the directory the first run wrote (default ${outDir}.keys); without the keys the ` +
          'repository cannot be re-signed: write a new one to an empty --out and pin its root.json again',
      );
    }
    try {
      const privateKey = createPrivateKey(text);
      keys[role] = { privateKey, key: tufKey(createPublicKey(privateKey)) };
    } catch (err) {
      throw new TufRepoError(`${path}: not an ed25519 private key (${(err as Error).message})`);
    }
  }
  return keys as Keys;
}

export async function writeKeys(dir: string, keys: Keys): Promise<void> {
  for (const role of ROLES) {
    const pemText = keys[role].privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    await writeFile(join(dir, `${role}.pem`), pemText, { mode: 0o600, flag: 'wx' });
  }
}

export const signer = (k: RoleKey) => (data: Buffer) =>
  new Signature({ keyID: k.key.keyID, sig: sign(null, data, k.privateKey).toString('hex') });
