// `sigstamp tuf-repo --target-name`: a repository whose trusted root is served under another name,
// as GitHub's TUF repository serves a GHE.com tenant's root (`<trust domain>.trusted_root.json`).
// Written by the CLI (src/cli.ts under tsx), read back by sigstamp's own TUF path (src/sigstore/
// trust.ts tufTrust over @sigstore/tuf, what a tenant's run uses), which finds the named target and
// says clearly when a name is not there.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tufTrust } from '../../src/sigstore/trust.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { serveDirectory, type StaticServer } from '../support/static-server.js';
import { TempDirs } from '../support/temp.js';

const execFileAsync = promisify(execFile);
const temps = new TempDirs();

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

describe('tuf-repo --target-name', () => {
  let s: LoopbackSigstore;
  let work: string;
  let out: string;
  let server: StaticServer;
  beforeAll(async () => {
    s = await startSigstore({ tsa: true });
    work = await temps.make('sigstamp-tuf-target-');
    out = join(work, 'repo');
  });
  afterAll(async () => {
    await server?.close();
    await s?.stop();
    await temps.removeAll();
  });

  it('refuses a name that is not trusted_root.json or <name>.trusted_root.json, writing nothing', async () => {
    for (const name of [
      'root.json',
      '../acme.trusted_root.json',
      'a/b.trusted_root.json',
      '.trusted_root.json',
    ]) {
      const bad = await cli(['--trusted-root', s.trustedRootPath, '--out', out, '--target-name', name]);
      expect(bad.code, bad.stderr).toBe(2);
      expect(bad.stderr).toContain(
        `--target-name "${name}": give trusted_root.json or <name>.trusted_root.json`,
      );
    }
    expect(await readdir(work)).toEqual([]);
  });

  it('serves the trusted root under the name given, which sigstamp’s TUF client finds and verifies', async () => {
    const ok = await cli([
      '--trusted-root',
      s.trustedRootPath,
      '--out',
      out,
      '--target-name',
      'acme.trusted_root.json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/targets: acme\.trusted_root\.json, fulcio_v1\.crt\.pem/);
    const targets = JSON.parse(await readFile(join(out, 'targets.json'), 'utf8')) as {
      signed: { targets: Record<string, unknown> };
    };
    expect(Object.keys(targets.signed.targets)).toContain('acme.trusted_root.json');
    expect(Object.keys(targets.signed.targets)).not.toContain('trusted_root.json');

    server = await serveDirectory(out);
    const tuf = { mirror: server.url, rootPath: join(out, 'root.json'), rootJson: '' };
    const trust = await tufTrust(tuf, 'the tenant', {
      target: 'acme.trusted_root.json',
      cachePath: join(work, 'cache'),
    });
    const given = TrustedRoot.fromJSON(JSON.parse(await readFile(s.trustedRootPath, 'utf8')));
    expect(TrustedRoot.toJSON(trust.trustedRoot)).toEqual(TrustedRoot.toJSON(given));
    expect(trust.source).toBe(`the tenant (TUF ${server.url}, acme.trusted_root.json)`);
    expect(server.requests.some((p) => p.endsWith('.acme.trusted_root.json'))).toBe(true);

    // A name the repository does not list, and github.com's default name, which it does not serve.
    for (const target of ['other.trusted_root.json', undefined])
      await expect(
        tufTrust(tuf, 'the tenant', { cachePath: join(work, 'cache'), ...(target ? { target } : {}) }),
      ).rejects.toThrow(
        `the tenant: the TUF repository ${server.url} has no target ${target ?? 'trusted_root.json'} (its targets ` +
          'metadata does not list it); check the trust domain and the TUF mirror (tuf-mirror, tuf-root), or give ' +
          'the trusted root as trusted-root',
      );
  });
});
