// Proves test/support/sigstore against the real verifiers: what the loopback Fulcio/Rekor/TSA
// produce through @sigstore/sign must be accepted by @sigstore/verify and cosign with the
// generated trust material, and the stand-ins must refuse what the real services refuse.
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleBuilders,
  defaultClaims,
  DEFAULT_REPO,
  fulcioExtensionBytes,
  hashLeaf,
  leafCertificate,
  requestSigningCert,
  startSigstore,
  toLegacyCosignBundle,
  toLegacyRfc3161Timestamp,
  verifyBundle,
  verifyInclusion,
  type LoopbackSigstore,
} from '../support/sigstore/index.js';
import type { LogEntryAnon } from '../support/sigstore/rekor.js';
import { toolGate, toolPath } from '../support/tools.js';
import { x509 } from '../support/x509.js';

const execFileAsync = promisify(execFile);
const INTOTO = 'application/vnd.in-toto+json';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SAN = `https://github.com/${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`;
const SAN_RE = new RegExp(`^${escapeRe(SAN)}$`);
const NEAR_MISS = `^${escapeRe(SAN.replace('v1.2.3', 'v1.2.4'))}$`;
const artifact = Buffer.from('sigstamp loopback sigstore artifact\n');
const statement = (name: string) =>
  Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name, digest: { sha256: createHash('sha256').update(artifact).digest('hex') } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    }),
  );
const text = (b: Buffer | undefined) => b?.toString('utf8');
/** DER UTF8String → string, insisting on the tag (Fulcio's .1.8 onward). */
const utf8 = (b: Buffer | undefined) =>
  b?.[0] === 0x0c ? b.subarray(2).toString('utf8') : `not DER: ${text(b)}`;

/** Starts a Sigstore, signs the artifact and a statement, writes both bundles next to the trust files. */
async function signedFixture(opts: { tsa?: boolean } = {}) {
  const s = await startSigstore(opts);
  const b = bundleBuilders(s, opts);
  const blob = await b.blob.create({ data: artifact });
  const dsse = await b.dsse.create({ data: statement('blob.txt'), type: INTOTO });
  await writeFile(join(s.dir, 'blob.txt'), artifact);
  await writeFile(join(s.dir, 'blob.bundle.json'), JSON.stringify(bundleToJSON(blob)));
  await writeFile(join(s.dir, 'dsse.bundle.json'), JSON.stringify(bundleToJSON(dsse)));
  await writeFile(join(s.dir, 'blob.legacy.json'), toLegacyCosignBundle(blob));
  if (opts.tsa) await writeFile(join(s.dir, 'blob.rfc3161.json'), toLegacyRfc3161Timestamp(blob));
  return { s, blob, dsse };
}

describe('loopback Sigstore with @sigstore/sign and @sigstore/verify', () => {
  let s: LoopbackSigstore;
  let blob: Bundle;
  let dsse: Bundle;
  beforeAll(async () => ({ s, blob, dsse } = await signedFixture({ tsa: true })));
  afterAll(() => s?.stop());

  it('signs a blob and a DSSE statement that verify with an anchored SAN', () => {
    const signer = verifyBundle(s, blob, SAN_RE, artifact);
    expect(signer.identity).toMatchObject({ subjectAlternativeName: SAN, extensions: { issuer: s.issuer } });
    expect(verifyBundle(s, dsse, SAN_RE).identity?.subjectAlternativeName).toBe(SAN);
    expect(dsse.verificationMaterial.tlogEntries[0]?.kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });
    expect(blob.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    expect(() => verifyBundle(s, blob, new RegExp(NEAR_MISS), artifact)).toThrow(
      /certificate identity error/,
    );
    expect(() => verifyBundle(s, blob, SAN_RE, Buffer.from('other'))).toThrow();
  });

  it('issues the SAN and Fulcio extensions real Fulcio derives from the claims', () => {
    const c = defaultClaims(s.issuer);
    const leaf = leafCertificate(dsse);
    const san = leaf.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.critical).toBe(true);
    expect(san?.names.toJSON()).toEqual([{ type: 'url', value: `https://github.com/${c.job_workflow_ref}` }]);
    expect(leaf.subject).toBe('');
    expect(leaf.notAfter.getTime() - leaf.notBefore.getTime()).toBe(600_000);
    expect(leaf.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
      x509.ExtendedKeyUsage.codeSigning,
    ]);
    // Deprecated .1.1–.1.6: raw string bytes (Kyverno `type: Cosign` reads the issuer from .1.1).
    const deprecated = [1, 2, 3, 4, 5, 6].map((n) => text(fulcioExtensionBytes(leaf, n)));
    expect(deprecated).toEqual([s.issuer, c.event_name, c.sha, c.workflow, c.repository, c.ref]);
    const gh = 'https://github.com';
    const ext = (n: number) => utf8(fulcioExtensionBytes(leaf, n));
    expect(Object.fromEntries([...Array(17).keys()].map((i) => [i + 8, ext(i + 8)]))).toEqual({
      8: s.issuer,
      9: `${gh}/${c.job_workflow_ref}`,
      10: c.job_workflow_sha,
      11: 'github-hosted',
      12: `${gh}/${c.repository}`,
      13: c.sha,
      14: c.ref,
      15: c.repository_id,
      16: `${gh}/${c.repository_owner}`,
      17: c.repository_owner_id,
      18: `${gh}/${c.workflow_ref}`,
      19: c.workflow_sha,
      20: c.event_name,
      21: `${gh}/${c.repository}/actions/runs/${c.run_id}/attempts/${c.run_attempt}`,
      22: 'public',
      23: 'not DER: undefined', // no `environment` claim: Fulcio omits .1.23
      24: c.sub,
    });
  });

  it('runs the Actions token protocol; a reusable workflow is the SAN, its caller .1.18', async () => {
    const called = 'other-org/shared/.github/workflows/build.yml@refs/heads/main';
    const get = (auth: string) =>
      fetch(`${s.oidc.requestUrl}&audience=sigstore`, { headers: { authorization: `Bearer ${auth}` } });
    const before = s.oidc.tokenRequests;
    expect((await get('wrong')).status).toBe(401);
    s.oidc.setClaims({ job_workflow_ref: called, environment: 'prod' });
    const { value } = (await (await get(s.oidc.requestToken)).json()) as { value: string };
    s.oidc.setClaims({});
    expect(s.oidc.tokenRequests - before).toBe(2);
    expect(s.oidc.audiences.at(-1)).toBe('sigstore');
    const b = bundleBuilders(s, { identityProvider: { getToken: async () => value } });
    const leaf = leafCertificate(await b.dsse.create({ data: statement('x'), type: INTOTO }));
    expect(leaf.getExtension(x509.SubjectAlternativeNameExtension)?.names.items[0]?.value).toBe(
      `https://github.com/${called}`,
    );
    expect(utf8(fulcioExtensionBytes(leaf, 18))).toBe(
      `https://github.com/${defaultClaims(s.issuer).workflow_ref}`,
    );
    expect(utf8(fulcioExtensionBytes(leaf, 23))).toBe('prod');
  });

  it('refuses tokens and proofs real Fulcio refuses, with its error shape', async () => {
    const invalid = { code: 3, message: 'There was an error processing the identity token', details: [] };
    const expired = await s.oidc.mint({}, { issuedAt: Math.floor(Date.now() / 1000) - 900 });
    expect(await requestSigningCert(s, expired)).toEqual({ status: 400, body: invalid });
    expect(await requestSigningCert(s, await s.oidc.mint({}, { audience: 'not-sigstore' }))).toMatchObject({
      status: 400,
    });
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ ...defaultClaims(s.issuer) })
      .setProtectedHeader({ alg: 'RS256', kid: String(s.oidc.jwk.kid) })
      .setAudience('sigstore')
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    expect((await requestSigningCert(s, forged)).body).toEqual(invalid);
    const otherIssuer = await s.oidc.mint({ iss: 'https://token.actions.githubusercontent.com' });
    expect((await requestSigningCert(s, otherIssuer)).status).toBe(400);
    const badProof = await requestSigningCert(
      s,
      await s.oidc.mint(),
      'repo:someone/else:ref:refs/heads/main',
    );
    expect(badProof.body.message).toBe('The signature supplied in the request could not be verified');
    expect(s.fulcio.rejections.slice(-5)).toEqual([
      'oidc: token is expired',
      expect.stringMatching(/"aud" claim/),
      'oidc: signature verification failed',
      'unsupported issuer: https://token.actions.githubusercontent.com',
      'proof of possession does not verify over sub',
    ]);
    const requests = s.fulcio.requests;
    s.fulcio.failNext(1, 503);
    expect((await requestSigningCert(s, await s.oidc.mint())).status).toBe(503);
    expect((await requestSigningCert(s, await s.oidc.mint())).status).toBe(200);
    expect(s.fulcio.requests - requests).toBe(2);
  });
});

describe('loopback Rekor log', () => {
  let s: LoopbackSigstore;
  beforeAll(async () => void (s = await startSigstore()));
  afterAll(() => s?.stop());

  it('keeps a real RFC 6962 tree with signed checkpoints', async () => {
    const b = bundleBuilders(s);
    const data = [Buffer.from('one'), undefined, Buffer.from('three')];
    const bundles = [
      await b.blob.create({ data: Buffer.from('one') }),
      await b.dsse.create({ data: statement('two'), type: INTOTO }),
      await b.blob.create({ data: Buffer.from('three') }),
    ];
    expect([s.rekor.entries, s.rekor.tree.size, s.rekor.kinds]).toEqual([
      3,
      3,
      ['hashedrekord', 'dsse', 'hashedrekord'],
    ]);
    const info = (await (await fetch(`${s.rekorUrl}/api/v1/log`)).json()) as {
      treeSize: number;
      rootHash: string;
    };
    expect(info.treeSize).toBe(3);
    const rekorKey = createPublicKey(await (await fetch(`${s.rekorUrl}/api/v1/log/publicKey`)).text());
    for (const [i, bundle] of bundles.entries()) {
      // Each bundle's proof was against the tree of its time (size i + 1), and verifies.
      expect(verifyBundle(s, bundle, SAN_RE, data[i]).identity?.subjectAlternativeName).toBe(SAN);
      expect(bundle.verificationMaterial.tlogEntries[0]?.inclusionProof?.treeSize).toBe(String(i + 1));
      const id = Object.keys(s.rekor.entry(i) ?? {})[0] ?? '';
      const got = (await (await fetch(`${s.rekorUrl}/api/v1/log/entries/${id}`)).json()) as Record<
        string,
        LogEntryAnon
      >;
      const e = got[id] as LogEntryAnon;
      const proof = e.verification.inclusionProof;
      expect([proof.treeSize, proof.logIndex, proof.rootHash]).toEqual([3, i, info.rootHash]);
      const leaf = hashLeaf(Buffer.from(e.body, 'base64'));
      expect(id.slice(16)).toBe(leaf.toString('hex'));
      const hashes = proof.hashes.map((h) => Buffer.from(h, 'hex'));
      const root = Buffer.from(proof.rootHash, 'hex');
      expect(verifyInclusion(i, 3, leaf, hashes, root)).toBe(true);
      expect(verifyInclusion((i + 1) % 3, 3, leaf, hashes, root)).toBe(false);
      const [note, sigLine] = proof.checkpoint.split('\n\n');
      expect(note?.split('\n')).toEqual([
        `127.0.0.1:${new URL(s.rekorUrl).port} - ${s.rekor.treeId}`,
        '3',
        root.toString('base64'),
      ]);
      const sig = Buffer.from(sigLine?.split(' ')[2] ?? '', 'base64');
      expect(verify('sha256', Buffer.from(`${note}\n`), rekorKey, sig.subarray(4))).toBe(true);
    }
  });

  it('answers a duplicate with 409 and its Location, refuses a bad signature, injects faults', async () => {
    const first = Object.entries(s.rekor.entry(0) ?? {})[0];
    const body = JSON.parse(Buffer.from(first?.[1].body ?? '', 'base64').toString()) as {
      spec: { signature: { publicKey: { content: string } } };
    };
    expect(Buffer.from(body.spec.signature.publicKey.content, 'base64').toString()).toMatch(
      /^-----BEGIN CERTIFICATE-----\n/,
    );
    const post = (spec: unknown) =>
      fetch(`${s.rekorUrl}/api/v1/log/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: '0.0.1', kind: 'hashedrekord', spec }),
      });
    const dup = await post(body.spec);
    expect([dup.status, dup.headers.get('location')]).toEqual([409, `/api/v1/log/entries/${first?.[0]}`]);
    s.rekor.failNext(1, 503);
    expect((await post(body.spec)).status).toBe(503);
    expect(
      (await post({ ...body.spec, data: { hash: { algorithm: 'sha256', value: 'b'.repeat(64) } } })).status,
    ).toBe(400);
    expect(s.rekor.entries).toBe(3);
  });
});

const cosignSuite = (tool: string, newBundleVerbs: boolean) => () => {
  // cosign v2.2 has no bundle-format verbs and no trusted-root command: those checks do not exist
  // for it (not defined rather than skipped, so a skip count always means a missing tool).
  const whenNewBundleVerbs = (newBundleVerbs ? it : () => undefined) as typeof it;
  let s: LoopbackSigstore;
  beforeAll(async () => void ({ s } = await signedFixture({ tsa: true })));
  afterAll(() => s?.stop());
  const cosign = (args: string[], env: Record<string, string> = {}) =>
    execFileAsync(toolPath(tool), args, {
      cwd: s.dir,
      // An empty TUF cache of its own: nothing may reach for the public-good root.
      env: { ...process.env, TUF_ROOT: join(s.dir, 'tuf'), ...env },
    });
  const identity = (re: string) => [
    '--certificate-identity-regexp',
    re,
    '--certificate-oidc-issuer',
    s.issuer,
  ];
  const bundled = () => ['--new-bundle-format', '--trusted-root', s.trustedRootPath, '--insecure-ignore-sct'];

  whenNewBundleVerbs(
    'verify-blob accepts the bundle with --trusted-root and refuses a near miss',
    async () => {
      const args = ['verify-blob', '--bundle', 'blob.bundle.json', ...bundled()];
      const ok = await cosign([...args, ...identity(SAN_RE.source), 'blob.txt']);
      expect(ok.stderr).toContain('Verified OK');
      await expect(cosign([...args, ...identity(NEAR_MISS), 'blob.txt'])).rejects.toThrow(
        /no matching CertificateIdentity|expected SAN/,
      );
    },
  );

  whenNewBundleVerbs('verify-blob-attestation accepts the DSSE bundle', async () => {
    const args = ['verify-blob-attestation', '--bundle', 'dsse.bundle.json', ...bundled()];
    const ok = await cosign([
      ...args,
      '--type',
      'https://sigstore.dev/cosign/sign/v1',
      ...identity(SAN_RE.source),
      'blob.txt',
    ]);
    expect(ok.stderr).toContain('Verified OK');
  });

  it('verify-blob accepts the legacy bundle + timestamp with SIGSTORE_ROOT_FILE / SIGSTORE_REKOR_PUBLIC_KEY', async () => {
    const args = ['verify-blob', '--bundle', 'blob.legacy.json', '--insecure-ignore-sct'];
    args.push(
      '--rfc3161-timestamp',
      'blob.rfc3161.json',
      '--timestamp-certificate-chain',
      s.tsaChainPath ?? '',
    );
    const ok = await cosign([...args, ...identity(SAN_RE.source), 'blob.txt'], s.legacyEnv);
    expect(ok.stderr).toContain('Verified OK');
    await expect(cosign([...args, ...identity(NEAR_MISS), 'blob.txt'], s.legacyEnv)).rejects.toThrow();
  });

  whenNewBundleVerbs('writes the trusted root `cosign trusted-root create` writes', async () => {
    const start = s.trustedRoot.tlogs[0]?.publicKey.validFor.start;
    await cosign([
      'trusted-root',
      'create',
      '--out',
      'cosign-root.json',
      `--fulcio=url=${s.fulcioUrl},certificate-chain=${s.fulcioChainPath}`,
      `--rekor=url=${s.rekorUrl},public-key=${s.rekorPublicKeyPath},start-time=${start}`,
      `--tsa=url=${s.tsaUrl}/api/v1/timestamp,certificate-chain=${s.tsaChainPath}`,
    ]);
    const theirs = JSON.parse(await readFile(join(s.dir, 'cosign-root.json'), 'utf8')) as unknown;
    expect(JSON.parse(await readFile(s.trustedRootPath, 'utf8'))).toEqual(theirs);
  });
};

describe.skipIf(!toolGate('cosign3'))('loopback Sigstore with cosign v3.1', cosignSuite('cosign3', true));
describe.skipIf(!toolGate('cosign2'))('loopback Sigstore with cosign v2.6', cosignSuite('cosign2', true));
describe.skipIf(!toolGate('cosign22'))('loopback Sigstore with cosign v2.2', cosignSuite('cosign22', false));
