import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers, pushReferrer } from '../../src/oci/referrers.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { toolGate } from '../support/tools.js';

const exec = promisify(execFile);
const NODE = process.execPath;

/** Environment with nothing of the developer's own registry logins in it. */
async function isolatedEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), 'sigstamp-home-'));
  return { PATH: process.env.PATH ?? '', HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), ...extra };
}

function basicAuth(user: string, pass: string): string {
  return Buffer.from(`${user}:${pass}`).toString('base64');
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))(
  'registry auth against real registries',
  () => {
    let basic: TestRegistry;
    let token: TestRegistry;
    let basicDigest: string;
    let tokenDigest: string;
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);

    beforeAll(async () => {
      [basic, token] = await Promise.all([
        startDistribution({ auth: 'htpasswd' }),
        startDistribution({ auth: 'token', token: { denyPush: ['locked/app'] } }),
      ]);
      const image = await buildImage([{ '/hello': 'hi\n' }]);
      basicDigest = await pushImage(image, `${basic.host}/team/app:1`, {
        creds: `${basic.username}:${basic.password}`,
      });
      tokenDigest = await pushImage(image, `${token.host}/team/app:1`, {
        creds: `${token.username}:${token.password}`,
      });
      await pushImage(image, `${token.host}/locked/app:1`, {
        creds: `${token.username}:${token.password}`,
      }).catch(() => undefined);
    });
    afterAll(async () => {
      await Promise.all([basic?.stop(), token?.stop()]);
    });

    async function resolveWith(
      reg: TestRegistry,
      env: NodeJS.ProcessEnv,
      explicit?: { username: string; password: string }[],
    ) {
      const client = new RegistryClient({ credentials: { env, ...(explicit ? { explicit } : {}) }, log });
      try {
        return (await client.repository(parseReference(`${reg.host}/team/app`)).resolve('1', 'push it'))
          .digest;
      } finally {
        await client.close();
      }
    }

    it('Basic: explicit credentials work; none gives a clear 401 error; a wrong password names its source', async () => {
      expect(
        await resolveWith(basic, await isolatedEnv(), [
          { username: basic.username!, password: basic.password! },
        ]),
      ).toBe(basicDigest);
      await expect(resolveWith(basic, await isolatedEnv())).rejects.toThrow(
        /requires a login .*no credential was found; log in/,
      );
      await expect(
        resolveWith(basic, await isolatedEnv(), [{ username: basic.username!, password: 'wrong' }]),
      ).rejects.toThrow(/refused .* with the credential from explicit/);
    });

    it('Basic: DOCKER_CONFIG auths', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sigstamp-dockercfg-'));
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({
          auths: { [`http://${basic.host}`]: { auth: basicAuth(basic.username!, basic.password!) } },
        }),
      );
      expect(await resolveWith(basic, await isolatedEnv({ DOCKER_CONFIG: dir }))).toBe(basicDigest);
    });

    it('Basic: a credential helper on PATH named by credHelpers', async () => {
      const bin = await mkdtemp(join(tmpdir(), 'sigstamp-helper-'));
      const helper = join(bin, 'docker-credential-sigtest');
      await writeFile(
        helper,
        `#!/bin/sh\n[ "$1" = get ] || exit 1\nread -r server\n[ "$server" = "${basic.host}" ] || { echo "credentials not found in native keychain"; exit 1; }\n` +
          `printf '{"ServerURL":"%s","Username":"${basic.username}","Secret":"${basic.password}"}' "$server"\n`,
      );
      await chmod(helper, 0o755);
      const env = await isolatedEnv({ PATH: `${bin}:${process.env.PATH}` });
      await mkdir(join(env.HOME!, '.docker'), { recursive: true });
      await writeFile(
        join(env.HOME!, '.docker', 'config.json'),
        JSON.stringify({ credHelpers: { [basic.host]: 'sigtest' } }),
      );
      expect(await resolveWith(basic, env)).toBe(basicDigest);
    });

    it('Basic: the podman/buildah auth file, from REGISTRY_AUTH_FILE and from XDG_RUNTIME_DIR', async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'sigstamp-podman-')), 'auth.json');
      const content = JSON.stringify({
        auths: { [`${basic.host}/team`]: { auth: basicAuth(basic.username!, basic.password!) } },
      });
      await writeFile(file, content);
      expect(await resolveWith(basic, await isolatedEnv({ REGISTRY_AUTH_FILE: file }))).toBe(basicDigest);
      const env = await isolatedEnv();
      await mkdir(join(env.XDG_RUNTIME_DIR!, 'containers'), { recursive: true });
      await writeFile(join(env.XDG_RUNTIME_DIR!, 'containers', 'auth.json'), content);
      expect(await resolveWith(basic, env)).toBe(basicDigest);
    });

    it('Bearer: asks the token service for pull, then pull+push, and reuses tokens', async () => {
      const issuer = token.tokenIssuer!;
      issuer.requests.length = 0;
      const client = new RegistryClient({
        credentials: {
          env: await isolatedEnv(),
          explicit: [{ username: token.username!, password: token.password! }],
        },
        log,
      });
      const repo = client.repository(parseReference(`${token.host}/team/app`));
      const subject = await repo.resolve(tokenDigest, 'push it');
      for (let i = 0; i < 3; i++) {
        await pushReferrer(repo, {
          artifactType: `application/vnd.example.t${i}+json`,
          subject,
          layers: [{ mediaType: 'application/json', data: Buffer.from(`{"i":${i}}`) }],
        });
      }
      expect((await listReferrers(repo, tokenDigest)).referrers).toHaveLength(3);
      await client.close();
      const scopes = issuer.requests.flatMap((r) => r.scope);
      expect(scopes).toContain('repository:team/app:pull');
      expect(scopes).toContain('repository:team/app:pull,push');
      expect(issuer.requests.every((r) => r.authorized && r.grant === 'basic')).toBe(true);
      // Dozens of registry requests above; tokens are cached per scope set, so only a handful of token requests.
      expect(issuer.requests.length).toBeLessThanOrEqual(4);
    });

    it('Bearer: an identity token from the Docker config uses the OAuth2 refresh-token grant', async () => {
      const issuer = token.tokenIssuer!;
      issuer.requests.length = 0;
      const dir = await mkdtemp(join(tmpdir(), 'sigstamp-dockercfg-'));
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({ auths: { [token.host]: { identitytoken: issuer.refreshToken } } }),
      );
      expect(await resolveWith(token, await isolatedEnv({ DOCKER_CONFIG: dir }))).toBe(tokenDigest);
      expect(issuer.requests.map((r) => r.grant)).toContain('refresh_token');
    });

    it('Bearer: a credential that may pull but not push gets an error that says so', async () => {
      const client = new RegistryClient({
        credentials: {
          env: await isolatedEnv(),
          explicit: [{ username: token.username!, password: token.password! }],
        },
      });
      const repo = client.repository(parseReference(`${token.host}/locked/app`));
      const subject = await repo.resolve('1', 'push it').catch(() => undefined);
      const target = subject ?? {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: tokenDigest,
        size: 1,
      };
      await expect(
        pushReferrer(repo, {
          artifactType: 'application/vnd.example+json',
          subject: target,
          layers: [{ mediaType: 'application/json', data: Buffer.from('{}') }],
        }),
      ).rejects.toThrow(
        /the credential from explicit is not allowed repository:locked\/app:.*push.* \(insufficient_scope\)/,
      );
      await client.close();
    });

    it('never prints a password or a token, even with --verbose and on failure', async () => {
      const cli = join(process.cwd(), 'dist', 'cli', 'index.js');
      const env = await isolatedEnv({
        SIGSTAMP_REGISTRY_USERNAME: token.username!,
        SIGSTAMP_REGISTRY_PASSWORD: token.password!,
      });
      // Resolve only (nothing to sign): the registry credential is the secret under test.
      const args = [
        cli,
        'run',
        '--verbose',
        '--sign',
        'false',
        '--provenance',
        'none',
        '--sbom',
        'none',
        '--image',
        `${token.host}/team/app:1`,
      ];
      const ok = await exec(NODE, args, { env });
      const failed = await exec(NODE, args, {
        env: { ...env, SIGSTAMP_REGISTRY_PASSWORD: `${token.password}x` },
      }).then(
        () => ({ stdout: '', stderr: 'unexpected success' }),
        (e: { stdout: string; stderr: string }) => e,
      );
      const output = [ok.stdout, ok.stderr, failed.stdout, failed.stderr, ...logs].join('\n');
      expect(ok.stdout).toContain(tokenDigest);
      expect(failed.stderr).toMatch(/token service .* refused the credential from explicit/);
      for (const secret of [
        token.password!,
        basic.password!,
        token.tokenIssuer!.refreshToken,
        basicAuth(token.username!, token.password!),
      ]) {
        expect(output).not.toContain(secret);
      }
      // Registry tokens are JWTs: base64url of '{"' starts every one of them.
      expect(output).not.toMatch(/eyJ[\w-]{10,}/);
    });
  },
);
