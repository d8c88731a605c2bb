// Proves test/support against the real tools: if these pass, a failing integration test is about
// sigstamp, not about the harness.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildImage,
  cleanupImages,
  OCI_INDEX,
  OCI_MANIFEST,
  pushImage,
  pushIndex,
  type BuiltImage,
} from '../support/image.js';
import { startProcess } from '../support/process.js';
import { freePort } from '../support/ports.js';
import { startDistribution, startOlareg, type TestRegistry } from '../support/registry.js';
import { toolGate, toolPath } from '../support/tools.js';

const execFileAsync = promisify(execFile);
const DOCKER_V2S2 = 'application/vnd.docker.distribution.manifest.v2+json';
const ACCEPT = [
  OCI_MANIFEST,
  OCI_INDEX,
  DOCKER_V2S2,
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const basic = (user: string, pass: string): string =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

async function getManifest(host: string, repo: string, ref: string, authorization?: string) {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, {
    headers: { accept: ACCEPT, ...(authorization ? { authorization } : {}) },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    www: res.headers.get('www-authenticate'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function tokenFor(reg: TestRegistry, scope: string, authorization?: string): Promise<Response> {
  const issuer = reg.tokenIssuer!;
  const url = `${issuer.realm}?service=${encodeURIComponent(issuer.service)}&scope=${encodeURIComponent(scope)}`;
  return fetch(url, { headers: authorization ? { authorization } : {} });
}

const layers = [
  { '/etc/os-release': 'ID=sigstamp-test\n', '/bin/hello': { content: '#!/bin/sh\necho hi\n', mode: 0o755 } },
  {
    '/usr/share/doc/x/copyright': Buffer.from('MIT\n'),
    '/usr/bin/hi': { symlink: '/bin/hello' },
    '/var/empty': { dir: true },
  },
] as const;

let imagePromise: Promise<BuiltImage> | undefined;
const image = (): Promise<BuiltImage> =>
  (imagePromise ??= buildImage([...layers], {
    tag: 'v1',
    config: { Entrypoint: ['/bin/hello'], Env: ['A=1'] },
  }));
afterAll(cleanupImages);

describe('tools and processes', () => {
  it('toolGate throws in CI and skips loudly elsewhere', () => {
    const saved = process.env.CI;
    // Captured, so the run's log shows no "SKIPPING" banner for a suite that is not skipped.
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      process.env.CI = 'true';
      expect(() => toolGate('sigstamp-no-such-tool')).toThrow(/sigstamp-no-such-tool not found in CI/);
      process.env.CI = 'false';
      expect(toolGate('sigstamp-no-such-tool')).toBe(false);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(
        /SKIPPING support\.test\.ts: tool sigstamp-no-such-tool not found — run bash \.ci\/install-tools/,
      );
    } finally {
      stderr.mockRestore();
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });

  it('startProcess reports the output of a child that dies before it is ready', async () => {
    const url = `http://127.0.0.1:${await freePort()}/`;
    await expect(
      startProcess('sh', ['-c', 'echo boom-marker >&2; exit 3'], { readyUrl: url }),
    ).rejects.toThrow(/exited with code 3[\s\S]*boom-marker/);
  });

  it('stop() ends the child by pid', async () => {
    const p = await startProcess('sh', ['-c', 'echo started; exec sleep 60']);
    expect(p.running()).toBe(true);
    await p.stop();
    expect(p.running()).toBe(false);
    expect(() => process.kill(p.pid, 0)).toThrow();
  });
});

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci', 'perl'))('distribution', () => {
  describe('auth: none', () => {
    let reg: TestRegistry;
    beforeAll(async () => (reg = await startDistribution()));
    afterAll(() => reg?.stop());

    it('answers /v2/ and has no referrers API', async () => {
      expect((await fetch(`http://${reg.host}/v2/`)).status).toBe(200);
      expect(reg.referrersApi).toBe(false);
    });

    it('serves a pushed OCI image by the digest skopeo reported', async () => {
      const img = await image();
      const digest = await pushImage(img, `${reg.host}/test/app:v1`);
      expect(digest).toBe(img.manifestDigest);
      const m = await getManifest(reg.host, 'test/app', digest);
      expect(m.status).toBe(200);
      expect(m.type).toBe(OCI_MANIFEST);
      expect(sha256(m.body)).toBe(digest);
      expect((JSON.parse(m.body.toString()) as { layers: unknown[] }).layers).toHaveLength(2);
    });

    it('pushes Docker v2s2 when asked', async () => {
      const digest = await pushImage(await image(), `${reg.host}/test/docker:v1`, { format: 'v2s2' });
      const m = await getManifest(reg.host, 'test/docker', digest);
      expect(m.type).toBe(DOCKER_V2S2);
      expect(sha256(m.body)).toBe(digest);
    });
  });

  describe('auth: htpasswd', () => {
    let reg: TestRegistry;
    beforeAll(async () => (reg = await startDistribution({ auth: 'htpasswd' })));
    afterAll(() => reg?.stop());

    it('challenges without credentials and accepts the bcrypt ones', async () => {
      const anon = await fetch(`http://${reg.host}/v2/`);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      const bad = await fetch(`http://${reg.host}/v2/`, {
        headers: { authorization: basic(reg.username!, 'wrong') },
      });
      expect(bad.status).toBe(401);
      const good = await fetch(`http://${reg.host}/v2/`, {
        headers: { authorization: basic(reg.username!, reg.password!) },
      });
      expect(good.status).toBe(200);
    });

    it('pushes with credentials and refuses without', async () => {
      const img = await image();
      await expect(pushImage(img, `${reg.host}/test/app:v1`)).rejects.toThrow();
      const digest = await pushImage(img, `${reg.host}/test/app:v1`, {
        creds: `${reg.username}:${reg.password}`,
      });
      const m = await getManifest(reg.host, 'test/app', digest, basic(reg.username!, reg.password!));
      expect(m.status).toBe(200);
      expect(sha256(m.body)).toBe(digest);
    });
  });

  describe('auth: token', () => {
    let reg: TestRegistry;
    let digest: string;
    const repo = 'test/app';
    beforeAll(async () => {
      reg = await startDistribution({ auth: 'token', token: { denyPush: ['test/readonly'] } });
      digest = await pushImage(await image(), `${reg.host}/${repo}:v1`, {
        creds: `${reg.username}:${reg.password}`,
      });
    });
    afterAll(() => reg?.stop());

    it('challenges with the issuer realm and service', async () => {
      const res = await fetch(`http://${reg.host}/v2/`);
      expect(res.status).toBe(401);
      const www = res.headers.get('www-authenticate') ?? '';
      expect(www).toContain(`Bearer realm="${reg.tokenIssuer!.realm}"`);
      expect(www).toContain(`service="${reg.tokenIssuer!.service}"`);
    });

    it('recorded the push scope flow of skopeo', () => {
      const pushes = reg.tokenIssuer!.requests.filter(
        (r) => r.authorized && r.scope.some((s) => s.startsWith(`repository:${repo}:`)),
      );
      expect(pushes.length).toBeGreaterThan(0);
      expect(pushes.some((r) => r.granted.some((g) => g.name === repo && g.actions.includes('push')))).toBe(
        true,
      );
    });

    it('issues a pull token the registry accepts, and 401s bad credentials', async () => {
      const bad = await tokenFor(reg, `repository:${repo}:pull`, basic(reg.username!, 'nope'));
      expect(bad.status).toBe(401);
      expect(reg.tokenIssuer!.requests.at(-1)).toMatchObject({
        authorized: false,
        scope: [`repository:${repo}:pull`],
      });

      const res = await tokenFor(reg, `repository:${repo}:pull`, basic(reg.username!, reg.password!));
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        token: string;
        access_token: string;
        expires_in: number;
        issued_at: string;
      };
      expect(body.access_token).toBe(body.token);
      expect(body.expires_in).toBeGreaterThan(0);
      const m = await getManifest(reg.host, repo, digest, `Bearer ${body.token}`);
      expect(m.status).toBe(200);
      expect(sha256(m.body)).toBe(digest);

      // The same token does not allow a push: insufficient_scope, as a real registry reports it.
      const up = await fetch(`http://${reg.host}/v2/${repo}/blobs/uploads/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(up.status).toBe(401);
      expect(up.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    });

    it('rejects tokens for another audience', async () => {
      const token = await reg.tokenIssuer!.issue([`repository:${repo}:pull`], { audience: 'elsewhere' });
      const m = await getManifest(reg.host, repo, digest, `Bearer ${token}`);
      expect(m.status).toBe(401);
      expect(m.www).toContain('error="invalid_token"');
    });

    it('withholds push on a denied repository', async () => {
      await expect(
        pushImage(await image(), `${reg.host}/test/readonly:v1`, {
          creds: `${reg.username}:${reg.password}`,
        }),
      ).rejects.toThrow();
      const asked = reg.tokenIssuer!.requests.filter((r) =>
        r.scope.some((s) => s.startsWith('repository:test/readonly:')),
      );
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.granted.every((g) => !g.actions.includes('push')))).toBe(true);
    });

    it('exchanges the refresh token (POST grant) for a working token', async () => {
      const issuer = reg.tokenIssuer!;
      const form = (refresh: string) =>
        fetch(issuer.realm, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: refresh,
            service: issuer.service,
            scope: `repository:${repo}:pull`,
            client_id: 'sigstamp',
          }),
        });
      expect((await form('not-it')).status).toBe(401);
      const res = await form(issuer.refreshToken);
      expect(res.status).toBe(200);
      const { access_token } = (await res.json()) as { access_token: string };
      expect((await getManifest(reg.host, repo, digest, `Bearer ${access_token}`)).status).toBe(200);
      expect(issuer.requests.at(-1)).toMatchObject({
        method: 'POST',
        grant: 'refresh_token',
        authorized: true,
      });
    });
  });
});

describe.skipIf(!toolGate('olareg', 'oras', 'skopeo', 'umoci'))('olareg', () => {
  let reg: TestRegistry;
  beforeAll(async () => (reg = await startOlareg()));
  afterAll(() => reg?.stop());

  it('serves a pushed image, and oras discover finds no referrers yet', async () => {
    expect((await fetch(`http://${reg.host}/v2/`)).status).toBe(200);
    expect(reg.referrersApi).toBe(true);
    const digest = await pushImage(await image(), `${reg.host}/test/app:v1`);
    const m = await getManifest(reg.host, 'test/app', digest);
    expect(m.status).toBe(200);
    expect(sha256(m.body)).toBe(digest);

    const { stdout } = await execFileAsync(toolPath('oras'), [
      'discover',
      '--plain-http',
      '--format',
      'json',
      `${reg.host}/test/app@${digest}`,
    ]);
    const found = JSON.parse(stdout) as { digest: string; referrers: unknown[] };
    expect(found.digest).toBe(digest);
    expect(found.referrers).toEqual([]);
  });

  it('pushes a two-platform index', async () => {
    const arm = await buildImage([{ '/etc/arch': 'arm64\n' }], {
      platform: { os: 'linux', architecture: 'arm64' },
    });
    const amd = await buildImage([{ '/etc/arch': 'amd64\n' }]);
    const digest = await pushIndex([amd, arm], `${reg.host}/test/multi:v1`);
    const m = await getManifest(reg.host, 'test/multi', digest);
    expect(m.type).toBe(OCI_INDEX);
    expect(sha256(m.body)).toBe(digest);
    const index = JSON.parse(m.body.toString()) as {
      manifests: Array<{ digest: string; platform: { architecture: string } }>;
    };
    expect(index.manifests.map((d) => d.platform.architecture)).toEqual(['amd64', 'arm64']);
    for (const d of index.manifests)
      expect((await getManifest(reg.host, 'test/multi', d.digest)).status).toBe(200);
  });
});
