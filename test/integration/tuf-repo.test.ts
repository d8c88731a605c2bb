// `sigstamp tuf-repo`: the static TUF repository a private Sigstore's verifiers initialise from
// (Kyverno's tuf.mirror/tuf.root, cosign initialize, policy-controller TrustRoot.remote), read back
// with the real clients: tuf-js, cosign v3 (go-tuf v2 via sigstore-go), cosign v2.6 and v2.2 (the
// legacy go-tuf v0.7 client of sigstore/sigstore pkg/tuf, which reads the per-service targets).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { bundleToJSON } from '@sigstore/bundle';
import { Updater } from 'tuf-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryFor, writeTufRepository, type TufRepoOptions } from '../../src/sigstore/tuf-repo.js';
import {
  bundleBuilders,
  DEFAULT_REPO,
  startSigstore,
  toLegacyCosignBundle,
  toLegacyRfc3161Timestamp,
  type LoopbackSigstore,
} from '../support/sigstore/index.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';
import { TempDirs } from '../support/temp.js';
import { toolGate, toolPath } from '../support/tools.js';

const execFileAsync = promisify(execFile);
const DAY_MS = 86_400_000;
const temps = new TempDirs();
const artifact = Buffer.from('sigstamp tuf-repo artifact\n');
const SAN = `https://github.com/${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`;

/** Every file under `dir` with its mode and sha256: equal before and after means nothing changed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = ((await stat(path)).mode & 0o777).toString(8);
    out[relative(dir, path)] = entry.isFile()
      ? `${mode} ${createHash('sha256')
          .update(await readFile(path))
          .digest('hex')}`
      : `${mode} dir`;
  }
  return out;
}

const sha256hex = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const json = async <T = { signed: { version: number; expires: string } }>(path: string) =>
  JSON.parse(await readFile(path, 'utf8')) as T;

/** A tuf-js client of the served repository, trusting `rootPath` (or what it already holds). */
async function tufClient(url: string, metadataDir: string, rootPath?: string) {
  await mkdir(metadataDir, { recursive: true });
  if (rootPath) await copyFile(rootPath, join(metadataDir, 'root.json'));
  const targetDir = await temps.make('sigstamp-tuf-targets-');
  const updater = new Updater({
    metadataBaseUrl: url,
    targetBaseUrl: `${url}/targets`,
    metadataDir,
    targetDir,
  });
  await updater.refresh();
  const download = async (name: string) => {
    const info = await updater.getTargetInfo(name);
    if (!info) throw new Error(`${name} is not a target`);
    return readFile(await updater.downloadTarget(info));
  };
  return { updater, download };
}

function signingConfig(s: LoopbackSigstore) {
  const validFor = { start: '2024-01-01T00:00:00Z' };
  const service = (url: string, majorApiVersion = 1) => ({
    url,
    majorApiVersion,
    validFor,
    operator: 'sigstamp-test',
  });
  return {
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [service(s.fulcioUrl)],
    oidcUrls: [service(s.issuer)],
    rekorTlogUrls: [service(s.rekorUrl)],
    rekorTlogConfig: { selector: 'ANY' },
    tsaUrls: [service(`${s.tsaUrl}/api/v1/timestamp`)],
    tsaConfig: { selector: 'ANY' },
  };
}

let s: LoopbackSigstore;
let work: string;
let signingConfigPath: string;

beforeAll(async () => {
  s = await startSigstore({ tsa: true });
  work = await temps.make('sigstamp-tuf-repo-');
  signingConfigPath = join(work, 'signing_config.v0.2.json');
  await writeFile(signingConfigPath, `${JSON.stringify(signingConfig(s), null, 2)}\n`);
  // Signed material for the cosign suites: they verify it with trust from the repository alone.
  const blob = await bundleBuilders(s, { tsa: true }).blob.create({ data: artifact });
  await writeFile(join(s.dir, 'blob.txt'), artifact);
  await writeFile(join(s.dir, 'blob.bundle.json'), JSON.stringify(bundleToJSON(blob)));
  await writeFile(join(s.dir, 'blob.legacy.json'), toLegacyCosignBundle(blob));
  await writeFile(join(s.dir, 'blob.rfc3161.json'), toLegacyRfc3161Timestamp(blob));
});
afterAll(async () => {
  await s?.stop();
  await temps.removeAll();
});

describe('tuf-repo with tuf-js', () => {
  let out: string;
  let server: StaticServer;
  const clientDir = () => join(work, 'client-v1');
  beforeAll(async () => {
    out = join(work, 'repo');
    server = await serveDirectory(out);
  });
  afterAll(() => server?.close());

  it('writes version 1 that tuf-js verifies, serving the inputs byte for byte', async () => {
    const now = new Date();
    const r = await writeTufRepository({
      trustedRootPath: s.trustedRootPath,
      signingConfigPath,
      outDir: out,
      now,
    });
    expect(r).toMatchObject({
      created: true,
      rootBumped: false,
      versions: { root: 1, targets: 1, snapshot: 1, timestamp: 1 },
      keysDir: `${out}.keys`,
      rootPath: join(out, 'root.json'),
    });
    expect(r.expires).toEqual(expiryFor(now, 365));
    expect(r.expires.getTime() - now.getTime()).toBeGreaterThanOrEqual(365 * DAY_MS);
    expect(r.targets).toEqual([
      'trusted_root.json',
      'fulcio_v1.crt.pem',
      'rekor.pub',
      'tsa_leaf.crt.pem',
      'tsa_root.crt.pem',
      'ctfe.pub',
      'signing_config.v0.2.json',
    ]);
    // The stand-ins have no CT log: ctfe.pub is the placeholder Kyverno needs, marked Expired and
    // named as one, a P-256 key nobody holds.
    const listed = await json<{
      signed: { targets: Record<string, { custom?: Record<string, Record<string, string>> }> };
    }>(join(out, 'targets.json'));
    expect(listed.signed.targets['ctfe.pub']!.custom!.sigstore).toEqual({
      usage: 'CTFE',
      status: 'Expired',
    });
    expect(listed.signed.targets['ctfe.pub']!.custom!.sigstamp!.placeholder).toMatch(/private key discarded/);
    expect(await readFile(join(out, 'targets', 'ctfe.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);

    // The keys: outside what is served, private, one per role.
    expect((await stat(r.keysDir)).mode & 0o777).toBe(0o700);
    for (const role of ['root', 'targets', 'snapshot', 'timestamp']) {
      const key = join(r.keysDir, `${role}.pem`);
      expect((await stat(key)).mode & 0o777).toBe(0o600);
      expect(await readFile(key, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    const served = Object.keys(await tree(out));
    expect(served.filter((f) => /\.pem$/.test(f) && !f.startsWith('targets/'))).toEqual([]);
    expect((await stat(out)).mode & 0o777).toBe(0o755);
    expect(served).toEqual(
      expect.arrayContaining([
        'root.json',
        '1.root.json',
        'timestamp.json',
        '1.snapshot.json',
        '1.targets.json',
      ]),
    );

    const root = await json<{
      signed: {
        spec_version: string;
        consistent_snapshot: boolean;
        keys: Record<string, { keytype: string }>;
      };
    }>(join(out, 'root.json'));
    expect(root.signed).toMatchObject({ spec_version: '1.0.31', consistent_snapshot: true });
    expect(Object.values(root.signed.keys).map((k) => k.keytype)).toEqual(Array(4).fill('ed25519'));

    const { download } = await tufClient(server.url, clientDir(), r.rootPath);
    expect(await download('trusted_root.json')).toEqual(await readFile(s.trustedRootPath));
    expect(await download('signing_config.v0.2.json')).toEqual(await readFile(signingConfigPath));
    // Fetched by consistent-snapshot name, as every client does with consistent_snapshot: true.
    expect(server.requests).toEqual(
      expect.arrayContaining(['/2.root.json', '/timestamp.json', '/1.snapshot.json', '/1.targets.json']),
    );
    expect(server.requests.some((p) => /^\/targets\/[0-9a-f]{64}\.trusted_root\.json$/.test(p))).toBe(true);

    // The legacy targets carry the custom metadata cosign v2 looks them up by.
    const targets = await json<{
      signed: { targets: Record<string, { custom?: { sigstore: { usage: string; status: string } } }> };
    }>(join(out, 'targets.json'));
    expect(targets.signed.targets['fulcio_v1.crt.pem']?.custom).toEqual({
      sigstore: { usage: 'Fulcio', status: 'Active', uri: s.fulcioUrl },
    });
    expect(targets.signed.targets['rekor.pub']?.custom?.sigstore.usage).toBe('Rekor');
    expect(targets.signed.targets['tsa_root.crt.pem']?.custom?.sigstore.usage).toBe('TSA');
    expect(await readFile(join(out, 'targets', 'rekor.pub'), 'utf8')).toBe(s.rekor.publicKeyPem);
  });

  it('re-run: targets, snapshot and timestamp at version 2, root stays 1; a client at v1 updates', async () => {
    const r = await writeTufRepository({
      trustedRootPath: s.trustedRootPath,
      signingConfigPath,
      outDir: out,
    });
    expect(r).toMatchObject({
      created: false,
      rootBumped: false,
      versions: { root: 1, targets: 2, snapshot: 2, timestamp: 2 },
    });
    expect((await json(join(out, 'timestamp.json'))).signed.version).toBe(2);
    expect((await json(join(out, '2.targets.json'))).signed.version).toBe(2);
    // Version 1 stays for clients that read the old timestamp a moment ago.
    expect((await json(join(out, '1.snapshot.json'))).signed.version).toBe(1);

    const { download } = await tufClient(server.url, clientDir());
    for (const role of ['timestamp', 'snapshot', 'targets'])
      expect((await json(join(clientDir(), `${role}.json`))).signed.version).toBe(2);
    expect((await json(join(clientDir(), 'root.json'))).signed.version).toBe(1);
    expect(await download('trusted_root.json')).toEqual(await readFile(s.trustedRootPath));
  });

  it('re-signs the root (version 2, same keys) when it would expire before the rest', async () => {
    const later = new Date(Date.now() + 100 * DAY_MS);
    const r = await writeTufRepository({
      trustedRootPath: s.trustedRootPath,
      outDir: out,
      expiresDays: 400,
      now: later,
    });
    expect(r).toMatchObject({
      rootBumped: true,
      versions: { root: 2, targets: 3, snapshot: 3, timestamp: 3 },
    });
    expect(r.expires).toEqual(expiryFor(later, 400));
    expect(r.targets).not.toContain('signing_config.v0.2.json');
    expect((await json(join(out, '2.root.json'))).signed.expires).toBe(
      r.expires.toISOString().replace('.000', ''),
    );
    const { updater } = await tufClient(server.url, clientDir());
    expect((await json(join(clientDir(), 'root.json'))).signed.version).toBe(2);
    expect(await updater.getTargetInfo('signing_config.v0.2.json')).toBeUndefined();
  });
});

it('writes into an existing empty directory (a mount point, say) and keeps its name', async () => {
  const out = join(work, 'empty-mount');
  await mkdir(out);
  const r = await writeTufRepository({ trustedRootPath: s.trustedRootPath, outDir: out });
  expect(r.created).toBe(true);
  expect(await readdir(out)).toContain('timestamp.json');
  expect((await readdir(work)).filter((f) => f.includes('.tmp-'))).toEqual([]);
});

describe('the ctfe.pub placeholder', () => {
  it('is left out when asked, and when the trusted root has a CT log of its own', async () => {
    const dir = await temps.make('sigstamp-tuf-ct-');
    const without = await writeTufRepository({
      trustedRootPath: s.trustedRootPath,
      outDir: join(dir, 'no-placeholder'),
      ctLogPlaceholder: false,
    });
    expect(without.targets).not.toContain('ctfe.pub');
    // A trusted root with a CT log (its Rekor key reused as the log's key): the real key is published.
    const root = await json<Record<string, unknown[]>>(s.trustedRootPath);
    const withCt = join(dir, 'with-ct.json');
    await writeFile(withCt, JSON.stringify({ ...root, ctlogs: root.tlogs }));
    const r = await writeTufRepository({ trustedRootPath: withCt, outDir: join(dir, 'with-ct') });
    expect(r.targets.filter((t) => t.startsWith('ctfe'))).toEqual(['ctfe.pub']);
    const targets = await json<{ signed: { targets: Record<string, { custom?: Record<string, unknown> }> } }>(
      join(dir, 'with-ct', 'targets.json'),
    );
    expect(targets.signed.targets['ctfe.pub']!.custom!.sigstamp).toBeUndefined();
    expect(await readFile(join(dir, 'with-ct', 'targets', 'ctfe.pub'), 'utf8')).toBe(
      await readFile(join(dir, 'with-ct', 'targets', 'rekor.pub'), 'utf8'),
    );
  });
});

describe('tuf-repo refuses bad input and changes nothing', () => {
  let out: string;
  let before: Record<string, string>;
  const opts = (o: Partial<TufRepoOptions> = {}): TufRepoOptions => ({
    trustedRootPath: s.trustedRootPath,
    outDir: out,
    ...o,
  });
  beforeAll(async () => {
    out = join(work, 'guarded', 'repo');
    await writeTufRepository(opts());
    // A second repository with its own keys, and a copy of the first one's keys missing one file.
    await writeTufRepository(opts({ outDir: join(work, 'guarded', 'other') }));
    await cp(`${out}.keys`, join(work, 'guarded', 'partial.keys'), { recursive: true });
    await unlink(join(work, 'guarded', 'partial.keys', 'timestamp.pem'));
    await mkdir(join(work, 'guarded', 'website'));
    await writeFile(join(work, 'guarded', 'website', 'index.html'), '<p>hello</p>\n');
    await writeFile(join(work, 'guarded', 'garbage.json'), 'not json at all');
    await writeFile(join(work, 'guarded', 'empty.json'), '{}');
    await writeFile(
      join(work, 'guarded', 'nothing.json'),
      JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }),
    );
    before = await tree(join(work, 'guarded'));
  });

  const cases: Array<[string, () => Partial<TufRepoOptions>, RegExp]> = [
    [
      'a trusted root that is not JSON',
      () => ({ trustedRootPath: join(work, 'guarded', 'garbage.json') }),
      /--trusted-root \S+\/garbage\.json is not JSON/,
    ],
    [
      'JSON that is not a trusted root',
      () => ({ trustedRootPath: join(work, 'guarded', 'empty.json') }),
      /--trusted-root \S+\/empty\.json: no trusted root mediaType/,
    ],
    [
      'a trusted root that trusts nothing',
      () => ({ trustedRootPath: join(work, 'guarded', 'nothing.json') }),
      /nothing\.json names no certificate authority and no transparency log/,
    ],
    [
      'a trusted root that does not exist, into a new directory',
      () => ({
        trustedRootPath: join(work, 'guarded', 'missing.json'),
        outDir: join(work, 'guarded', 'new'),
      }),
      /--trusted-root \S+\/missing\.json: ENOENT/,
    ],
    [
      'a signing config of another media type',
      () => ({ signingConfigPath: s.trustedRootPath }),
      /--signing-config \S+: mediaType "application\/vnd\.dev\.sigstore\.trustedroot\+json;version=0\.1" is not/,
    ],
    [
      'a missing key file',
      () => ({ keysDir: join(work, 'guarded', 'partial.keys') }),
      /partial\.keys\/timestamp\.pem: not found: the timestamp key that signs .*Give --keys the directory/,
    ],
    [
      'a missing keys directory',
      () => ({ keysDir: join(work, 'guarded', 'no.keys') }),
      /no\.keys\/root\.pem: not found/,
    ],
    [
      "another repository's keys",
      () => ({ keysDir: join(work, 'guarded', 'other.keys') }),
      /guarded\/repo holds another repository's root\.json \(its root key is not \S+\/other\.keys\/root\.pem\)/,
    ],
    [
      'a non-empty directory without root.json',
      () => ({ outDir: join(work, 'guarded', 'website') }),
      /--out \S+\/website is not empty and holds no root\.json/,
    ],
    [
      'keys inside the served directory',
      () => ({ outDir: join(work, 'guarded', 'new'), keysDir: join(work, 'guarded', 'new', 'keys') }),
      /--keys \S+ is inside --out/,
    ],
    [
      'existing keys for a new repository',
      () => ({ outDir: join(work, 'guarded', 'new'), keysDir: join(work, 'guarded', 'other.keys') }),
      /--keys \S+other\.keys is not empty/,
    ],
    [
      '--expires 0',
      () => ({ expiresDays: 0 }),
      /--expires 0: expected a whole number of days from 1 to 3650/,
    ],
    ['--expires 3651', () => ({ expiresDays: 3651 }), /--expires 3651/],
  ];
  it.each(cases)('%s', async (_, o, message) => {
    const err = await writeTufRepository(opts(o())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('TufRepoError');
    expect((err as Error).message).toMatch(message);
    expect(await tree(join(work, 'guarded'))).toEqual(before);
  });

  it('refuses a root.json altered after signing', async () => {
    const dir = join(work, 'altered');
    await writeTufRepository(opts({ outDir: dir }));
    const root = await json<{ signed: { expires: string } }>(join(dir, 'root.json'));
    root.signed.expires = '2099-01-01T00:00:00Z';
    await writeFile(join(dir, 'root.json'), JSON.stringify(root));
    const snapshot = await tree(work);
    await expect(writeTufRepository(opts({ outDir: dir }))).rejects.toThrow(
      /altered\/root\.json is not signed by its root key/,
    );
    expect(await tree(work)).toEqual(snapshot);
  });
});

describe('the tuf-repo CLI (src/cli.ts under tsx)', () => {
  const cli = (args: string[]) =>
    execFileAsync(
      process.execPath,
      ['--import', 'tsx', join(process.cwd(), 'src', 'cli.ts'), 'tuf-repo', ...args],
      {
        env: { ...process.env, SIGSTAMP_TRUSTED_ROOT: '' },
      },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code?: number; stdout: string; stderr: string }) => ({
        code: e.code ?? 1,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('writes the repository and says what to serve, pin and keep; exits 2 on bad input', async () => {
    const out = join(work, 'cli', 'repo');
    const keys = join(work, 'cli', 'secret-keys');
    const args = ['--trusted-root', s.trustedRootPath, '--out', out, '--keys', keys, '--expires', '30'];
    const ok = await cli(args);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain(`wrote the TUF repository ${out}: serve this directory`);
    expect(ok.stderr).toContain(`pin ${out}/root.json`);
    expect(ok.stderr).toContain(`keys: ${keys} — keep it private`);
    expect(ok.stderr).toMatch(/versions: root 1, targets 1, snapshot 1, timestamp 1/);
    expect(ok.stderr).toMatch(/re-run this command before \d{4}-\d{2}-\d{2}/);
    expect(ok.stderr).not.toMatch(/PRIVATE KEY/);
    expect((await readdir(keys)).sort()).toEqual([
      'root.pem',
      'snapshot.pem',
      'targets.pem',
      'timestamp.pem',
    ]);

    const again = await cli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/re-signed the TUF repository .*\n.*\n {2}versions: root 1, targets 2/);

    const snapshot = await tree(join(work, 'cli'));
    for (const [args, message] of [
      [
        ['--trusted-root', s.trustedRootPath, '--out', out, '--keys', keys, '--expires', '0'],
        '--expires 0: expected',
      ],
      [
        ['--trusted-root', s.trustedRootPath, '--out', out, '--expires', 'soon'],
        '--expires "soon": expected',
      ],
      [['--trusted-root', join(work, 'cli', 'nope.json'), '--out', out], 'nope.json: ENOENT'],
      [['--trusted-root', s.trustedRootPath, '--out', out], `${out}.keys/root.pem: not found`],
      [['--out', out], 'tuf-repo needs --trusted-root FILE and --out DIR'],
    ] as const) {
      const bad = await cli([...args]);
      expect(bad.code, bad.stderr).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    expect(await tree(join(work, 'cli'))).toEqual(snapshot);
  });
});

/**
 * `cosign initialize --mirror --root` against the served repository, then a verification with no
 * trust given but the TUF cache: proves the client took the trust material from the repository.
 */
const cosignSuite = (tool: string, verify: 'bundle' | 'legacy') => () => {
  let server: StaticServer;
  let home: string;
  const out = () => join(work, `repo-${tool}`);
  beforeAll(async () => {
    await writeTufRepository({ trustedRootPath: s.trustedRootPath, signingConfigPath, outDir: out() });
    server = await serveDirectory(out());
    home = await temps.make(`sigstamp-${tool}-home-`);
  });
  afterAll(() => server?.close());
  const cosign = (args: string[]) =>
    execFileAsync(toolPath(tool), args, {
      cwd: s.dir,
      // Its own HOME and TUF cache: nothing may reach for the public-good root or old state.
      env: { ...process.env, HOME: home, TUF_ROOT: join(home, 'tuf') },
    });
  const identity = () => ['--certificate-identity', SAN, '--certificate-oidc-issuer', s.issuer];

  it('initializes from the mirror and the pinned root.json', async () => {
    const r = await cosign(['initialize', '--mirror', server.url, '--root', join(out(), 'root.json')]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(server.requests).toContain('/timestamp.json');
    expect(server.requests.some((p) => /^\/targets\/[0-9a-f]{64}\.trusted_root\.json$/.test(p))).toBe(true);
  });

  if (verify === 'bundle')
    it('verifies a bundle with the trusted root it fetched (no --trusted-root)', async () => {
      const r = await cosign([
        'verify-blob',
        '--bundle',
        'blob.bundle.json',
        '--new-bundle-format',
        '--insecure-ignore-sct',
        ...identity(),
        'blob.txt',
      ]);
      expect(r.stderr).toContain('Verified OK');
    });
  else
    it('verifies a legacy bundle with Fulcio and Rekor from the legacy targets', async () => {
      // go-tuf v0.7 downloads every target at initialize, by its consistent-snapshot name; cosign
      // then finds the per-service files by custom.sigstore.usage. (cosign v2.2 verify-blob takes a
      // TSA chain only from --timestamp-certificate-chain, so the timestamp is left out here: the
      // Rekor SET dates the signature.) Its TUF cache is new and no SIGSTORE_ROOT_FILE is set, so
      // the loopback Fulcio and Rekor are trusted through the repository or not at all.
      for (const name of ['fulcio_v1.crt.pem', 'rekor.pub', 'tsa_leaf.crt.pem', 'tsa_root.crt.pem'])
        expect(
          server.requests.some((p) => p === `/targets/${sha256hex(join(out(), 'targets', name))}.${name}`),
        ).toBe(true);
      const r = await cosign([
        'verify-blob',
        '--bundle',
        'blob.legacy.json',
        '--insecure-ignore-sct',
        ...identity(),
        'blob.txt',
      ]);
      expect(r.stderr).toContain('Verified OK');
    });
};

describe.skipIf(!toolGate('cosign3'))('tuf-repo with cosign v3.1', cosignSuite('cosign3', 'bundle'));
describe.skipIf(!toolGate('cosign2'))('tuf-repo with cosign v2.6', cosignSuite('cosign2', 'bundle'));
describe.skipIf(!toolGate('cosign22'))(
  'tuf-repo with cosign v2.2 (legacy go-tuf)',
  cosignSuite('cosign22', 'legacy'),
);
