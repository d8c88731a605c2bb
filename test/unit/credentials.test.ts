import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { CredentialError, resolveCredential, type CredentialOptions } from '../../src/oci/credentials.js';

// Every secret the fixtures contain; none of them may ever appear in an error message.
const SECRETS = [
  'hunter2:with:colons',
  'p4ss-docker',
  'p4ss-podman',
  'p4ss-authfile',
  'p4ss-home',
  'refresh-tok-123',
  'helper-s3cret',
  'helper-idtok-456',
  'leaked-in-stdout',
  'json-s3cret-on-failure',
  'explicit-s3cret',
];
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

let root: string;
let bin: string;
let caseNo = 0;

// Fake docker-credential-* helpers, written as real executables so the spawn path is exercised.
const HELPERS: Record<string, string> = {
  // Records argv and stdin, answers with a credential derived from the server URL it was asked for.
  fake: [
    '#!/bin/sh',
    'input=$(cat)',
    'dir=$(dirname "$0")',
    'printf "%s\\n" "$@" > "$dir/fake.argv"',
    'printf "%s" "$input" > "$dir/fake.stdin"',
    'printf \'{"ServerURL":"%s","Username":"user@%s","Secret":"helper-s3cret"}\\n\' "$input" "$input"',
  ].join('\n'),
  token:
    '#!/bin/sh\ncat >/dev/null\nprintf \'{"ServerURL":"x","Username":"<token>","Secret":"helper-idtok-456"}\'\n',
  notfound: '#!/bin/sh\ncat >/dev/null\necho "credentials not found in native keychain"\nexit 1\n',
  empty: '#!/bin/sh\ncat >/dev/null\nprintf \'{"ServerURL":"x","Username":"","Secret":""}\'\n',
  broken: `#!/bin/sh\ncat >/dev/null\necho "keychain locked: ${'x'.repeat(300)}" >&2\nexit 3\n`,
  stdouterr: '#!/bin/sh\ncat >/dev/null\necho "error getting credentials: cannot reach store"\nexit 1\n',
  jsonfail:
    '#!/bin/sh\ncat >/dev/null\nprintf \'{"Username":"u","Secret":"json-s3cret-on-failure"}\'\nexit 1\n',
  garbage: '#!/bin/sh\ncat >/dev/null\necho "Username=u Secret=leaked-in-stdout"\n',
  // Not `exec sleep`: the orphaned sleep keeps the pipes open, which must not delay the timeout.
  hang: '#!/bin/sh\nsleep 3\necho "{}"\n',
  // A helper that exits without reading stdin (EPIPE on our side must not crash anything).
  noread: '#!/bin/sh\nprintf \'{"Username":"early","Secret":"helper-s3cret"}\'\n',
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigstamp-cred-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  for (const [name, body] of Object.entries(HELPERS)) {
    const p = join(bin, `docker-credential-${name}`);
    await writeFile(p, body);
    await chmod(p, 0o755);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Case {
  env: NodeJS.ProcessEnv;
  home: string;
  dockerConfig: string;
  runtime: string;
  write: (path: string, content: unknown) => Promise<string>;
}

/** A fresh, hermetic environment: nothing from the real HOME or XDG_RUNTIME_DIR leaks in. */
async function newCase(): Promise<Case> {
  const dir = join(root, `case-${++caseNo}`);
  const home = join(dir, 'home');
  const runtime = join(dir, 'run');
  await mkdir(home, { recursive: true });
  await mkdir(runtime, { recursive: true });
  return {
    env: { HOME: home, XDG_RUNTIME_DIR: runtime, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    home,
    dockerConfig: join(dir, 'docker'),
    runtime,
    write: async (path, content) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
}

async function expectCredentialError(p: Promise<unknown>, ...needles: (string | RegExp)[]): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CredentialError);
  const message = (err as Error).message;
  for (const n of needles) {
    if (typeof n === 'string') expect(message).toContain(n);
    else expect(message).toMatch(n);
  }
  for (const s of SECRETS) expect(message).not.toContain(s);
  return message;
}

describe('explicit credentials', () => {
  it('applies a catch-all credential to any registry and wins over every file', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('file:p4ss-docker') } },
    });
    const opts: CredentialOptions = {
      env: c.env,
      explicit: [{ username: 'me', password: 'explicit-s3cret' }],
    };
    expect(await resolveCredential('ghcr.io', 'org/app', opts)).toEqual({
      username: 'me',
      password: 'explicit-s3cret',
      source: 'explicit',
    });
  });

  it('prefers a registry-scoped entry over a catch-all one regardless of order', async () => {
    const c = await newCase();
    const explicit = [
      { username: 'any', password: 'explicit-s3cret', registry: '' },
      { username: 'hub', password: 'explicit-s3cret', registry: 'https://index.docker.io/v1/' },
      { username: 'gh', password: 'explicit-s3cret', registry: 'ghcr.io' },
    ];
    const opts = { env: c.env, explicit };
    expect((await resolveCredential('ghcr.io', 'o/r', opts))?.username).toBe('gh');
    expect((await resolveCredential('docker.io', 'library/alpine', opts))?.username).toBe('hub');
    expect((await resolveCredential('quay.io', 'o/r', opts))?.username).toBe('any');
  });

  it('does not apply a credential scoped to another registry', async () => {
    const c = await newCase();
    const opts = {
      env: c.env,
      explicit: [{ username: 'gh', password: 'explicit-s3cret', registry: 'ghcr.io' }],
    };
    expect(await resolveCredential('quay.io', 'o/r', opts)).toBeUndefined();
  });

  it('ignores an entry with neither value and rejects a half-filled one', async () => {
    const c = await newCase();
    expect(
      await resolveCredential('ghcr.io', 'o/r', { env: c.env, explicit: [{ username: '', password: '' }] }),
    ).toBeUndefined();
    await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env, explicit: [{ username: 'me', password: '' }] }),
      'ghcr.io',
      'empty password',
    );
  });
});

describe('Docker config auths', () => {
  it('reads $DOCKER_CONFIG/config.json, splitting auth on the first colon', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    const path = await c.write(join(c.dockerConfig, 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('octocat:hunter2:with:colons') } },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toEqual({
      username: 'octocat',
      password: 'hunter2:with:colons',
      source: path,
    });
  });

  it('uses $HOME/.docker/config.json when DOCKER_CONFIG is unset, and ignores it when set', async () => {
    const c = await newCase();
    const homeCfg = await c.write(join(c.home, '.docker', 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('homeuser:p4ss-home') } },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'homeuser',
      source: homeCfg,
    });
    c.env.DOCKER_CONFIG = c.dockerConfig; // exists but holds no config.json
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
  });

  it.each([
    ['https://ghcr.io', 'ghcr.io'],
    ['https://ghcr.io/v2/', 'ghcr.io'],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['GHCR.IO', 'ghcr.io'],
  ])('matches the key %s for registry %s', async (key, registry) => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), { auths: { [key]: { auth: b64('u:p4ss-docker') } } });
    expect(await resolveCredential(registry, 'o/r', { env: c.env })).toMatchObject({ username: 'u' });
  });

  it('does not match a different port or host', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), {
      auths: {
        '127.0.0.1:5001': { auth: b64('u:p4ss-docker') },
        'https://ghcr.io.evil': { auth: b64('u:p4ss-docker') },
      },
    });
    expect(await resolveCredential('127.0.0.1:5000', 'o/r', { env: c.env })).toBeUndefined();
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
  });

  it.each(['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'])(
    'matches Docker Hub key %s',
    async (key) => {
      const c = await newCase();
      c.env.DOCKER_CONFIG = c.dockerConfig;
      await c.write(join(c.dockerConfig, 'config.json'), {
        auths: { [key]: { auth: b64('hubuser:p4ss-docker') } },
      });
      for (const registry of ['docker.io', 'index.docker.io']) {
        expect(await resolveCredential(registry, 'library/alpine', { env: c.env })).toMatchObject({
          username: 'hubuser',
          password: 'p4ss-docker',
        });
      }
      expect(await resolveCredential('ghcr.io', 'library/alpine', { env: c.env })).toBeUndefined();
    },
  );

  it('returns an identitytoken as identityToken', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), {
      auths: {
        'myacr.azurecr.io': {
          auth: b64('00000000-0000-0000-0000-000000000000:'),
          identitytoken: 'refresh-tok-123',
        },
      },
    });
    const cred = await resolveCredential('myacr.azurecr.io', 'o/r', { env: c.env });
    expect(cred).toMatchObject({
      username: '00000000-0000-0000-0000-000000000000',
      identityToken: 'refresh-tok-123',
    });
    expect(cred?.password).toBeUndefined();
  });

  it('skips an entry with neither auth nor identitytoken and moves on to the next file', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), { auths: { 'quay.io': {}, 'ghcr.io': { auth: '' } } });
    const podman = await c.write(join(c.runtime, 'containers', 'auth.json'), {
      auths: { 'quay.io': { auth: b64('pod:p4ss-podman') } },
    });
    expect(await resolveCredential('quay.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'pod',
      source: podman,
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
  });

  it('treats missing and empty files as no credential', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = join(c.dockerConfig, 'nope');
    c.env.REGISTRY_AUTH_FILE = join(c.home, 'missing.json');
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), '  \n');
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
  });
});

describe('errors in files', () => {
  it('names the file and key for malformed base64, without the secret', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    const path = await c.write(join(c.dockerConfig, 'config.json'), {
      auths: { 'ghcr.io': { auth: 'hunter2:with:colons!!' } },
    });
    await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env }),
      path,
      '"ghcr.io"',
      'base64',
    );
  });

  it('rejects an auth without a colon', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    const path = await c.write(join(c.dockerConfig, 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('p4ss-docker') } },
    });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), path, '"ghcr.io"');
  });

  it('names the path of a file that is not JSON, without quoting it', async () => {
    const c = await newCase();
    const path = await c.write(join(c.home, 'auth.json'), '{"auths": {"ghcr.io": {"auth": "p4ss-authfile"}');
    c.env.REGISTRY_AUTH_FILE = path;
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), path, 'not valid JSON');
  });

  it('rejects a file of the wrong shape', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    const path = await c.write(join(c.dockerConfig, 'config.json'), { auths: ['p4ss-docker'] });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), path, '"auths"');
  });

  it('names the path of a file that cannot be read', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    // A directory where the file should be: unreadable even for root, unlike chmod 000.
    const path = join(c.dockerConfig, 'config.json');
    await mkdir(path, { recursive: true });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), path, 'cannot read');
  });
});

describe('containers auth files', () => {
  it('reads REGISTRY_AUTH_FILE before the Docker config', async () => {
    const c = await newCase();
    c.env.DOCKER_CONFIG = c.dockerConfig;
    await c.write(join(c.dockerConfig, 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('docker:p4ss-docker') } },
    });
    const authFile = await c.write(join(c.home, 'ci-auth.json'), {
      auths: { 'ghcr.io': { auth: b64('ci:p4ss-authfile') } },
    });
    c.env.REGISTRY_AUTH_FILE = authFile;
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toEqual({
      username: 'ci',
      password: 'p4ss-authfile',
      source: authFile,
    });
  });

  it('reads the Docker config before the podman runtime file', async () => {
    const c = await newCase();
    const podman = await c.write(join(c.runtime, 'containers', 'auth.json'), {
      auths: { 'ghcr.io': { auth: b64('pod:p4ss-podman') }, 'quay.io': { auth: b64('pod:p4ss-podman') } },
    });
    const docker = await c.write(join(c.home, '.docker', 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('docker:p4ss-home') } },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'docker',
      source: docker,
    });
    expect(await resolveCredential('quay.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'pod',
      source: podman,
    });
  });

  it('picks the most specific namespace key on path-component boundaries', async () => {
    const c = await newCase();
    await c.write(join(c.runtime, 'containers', 'auth.json'), {
      auths: {
        'quay.io': { auth: b64('host:p4ss-podman') },
        'quay.io/org': { auth: b64('org:p4ss-podman') },
        'quay.io/org/app': { auth: b64('app:p4ss-podman') },
        'quay.io/or': { auth: b64('prefix-trap:p4ss-podman') },
        'docker.io/library': { auth: b64('hub-library:p4ss-podman') },
      },
    });
    const user = async (registry: string, repo: string): Promise<string | undefined> =>
      (await resolveCredential(registry, repo, { env: c.env }))?.username;
    expect(await user('quay.io', 'org/app')).toBe('app');
    expect(await user('quay.io', 'org/app/sub')).toBe('app');
    expect(await user('quay.io', 'org/other')).toBe('org');
    expect(await user('quay.io', 'org2/app')).toBe('host');
    expect(await user('quay.io', 'orga')).toBe('host');
    expect(await user('docker.io', 'library/alpine')).toBe('hub-library');
    expect(await user('docker.io', 'someone/app')).toBeUndefined();
  });
});

describe('credential helpers', () => {
  const dockerCfg = async (c: Case, content: unknown): Promise<string> => {
    c.env.DOCKER_CONFIG = c.dockerConfig;
    return c.write(join(c.dockerConfig, 'config.json'), content);
  };

  it('runs docker-credential-<name> get with the registry host on stdin', async () => {
    const c = await newCase();
    await dockerCfg(c, { credHelpers: { '127.0.0.1:5000': 'fake' } });
    expect(await resolveCredential('127.0.0.1:5000', 'o/r', { env: c.env })).toEqual({
      username: 'user@127.0.0.1:5000',
      password: 'helper-s3cret',
      source: 'docker-credential-fake',
    });
    expect(await readFile(join(bin, 'fake.argv'), 'utf8')).toBe('get\n');
    expect(await readFile(join(bin, 'fake.stdin'), 'utf8')).toBe('127.0.0.1:5000');
  });

  it("asks for Docker Hub under docker's v1 URL, and under docker.io from a containers file", async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'fake' });
    expect(await resolveCredential('docker.io', 'library/alpine', { env: c.env })).toMatchObject({
      username: 'user@https://index.docker.io/v1/',
    });
    expect(await readFile(join(bin, 'fake.stdin'), 'utf8')).toBe('https://index.docker.io/v1/');

    const d = await newCase();
    await d.write(join(d.runtime, 'containers', 'auth.json'), { credHelpers: { 'docker.io': 'fake' } });
    expect(await resolveCredential('docker.io', 'library/alpine', { env: d.env })).toMatchObject({
      username: 'user@docker.io',
    });
  });

  it.each(['https://index.docker.io/v1/', 'docker.io'])(
    'finds a Docker Hub credHelpers entry keyed %s',
    async (key) => {
      const c = await newCase();
      await dockerCfg(c, { credHelpers: { [key]: 'token' } });
      expect(await resolveCredential('docker.io', 'library/alpine', { env: c.env })).toEqual({
        identityToken: 'helper-idtok-456',
        source: 'docker-credential-token',
      });
    },
  );

  it('tries credHelpers before auths, and auths before credsStore', async () => {
    const c = await newCase();
    const path = await dockerCfg(c, {
      credHelpers: { 'ghcr.io': 'token' },
      credsStore: 'fake',
      auths: {
        'ghcr.io': { auth: b64('file:p4ss-docker') },
        'quay.io': { auth: b64('file:p4ss-docker') },
        'gcr.io': {},
      },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toMatchObject({
      source: 'docker-credential-token',
    });
    expect(await resolveCredential('quay.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'file',
      source: path,
    });
    // `{}` is the marker `docker login` leaves when a credsStore holds the secret.
    expect(await resolveCredential('gcr.io', 'o/r', { env: c.env })).toMatchObject({
      source: 'docker-credential-fake',
    });
  });

  it('treats "credentials not found" as no credential and moves on to the next file only', async () => {
    const c = await newCase();
    await dockerCfg(c, {
      credHelpers: { 'ghcr.io': 'notfound' },
      auths: { 'ghcr.io': { auth: b64('shadowed:p4ss-docker') } },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
    const podman = await c.write(join(c.runtime, 'containers', 'auth.json'), {
      auths: { 'ghcr.io': { auth: b64('pod:p4ss-podman') } },
    });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toMatchObject({
      username: 'pod',
      source: podman,
    });
  });

  it('treats an empty Secret as no credential', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'empty' });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toBeUndefined();
  });

  it('survives a helper that answers without reading stdin', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'noread' });
    expect(await resolveCredential('ghcr.io', 'o/r', { env: c.env })).toMatchObject({ username: 'early' });
  });

  it('reports a missing helper with what to do', async () => {
    const c = await newCase();
    const path = await dockerCfg(c, { credHelpers: { 'ghcr.io': 'not-installed-anywhere' } });
    await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env }),
      'docker-credential-not-installed-anywhere',
      'ghcr.io',
      path,
      /install/i,
    );
  });

  it('does not look up helpers in relative PATH entries', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'fake' });
    // The helper directory, but spelled relative to the cwd: it must not be found that way.
    c.env.PATH = relative(process.cwd(), bin);
    expect(c.env.PATH.startsWith('/')).toBe(false);
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), 'not installed');
  });

  it('reports a failing helper with its stderr truncated to 200 chars', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'broken' });
    const message = await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env }),
      'docker-credential-broken',
      'ghcr.io',
      'exit code 3',
      'keychain locked',
    );
    const quoted = /: (keychain locked: x+…)/.exec(message)?.[1] ?? '';
    expect(quoted.length).toBe(201); // 200 chars and the ellipsis
  });

  it('reports the stdout error of a helper built on docker-credential-helpers', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'stdouterr' });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), 'cannot reach store');
  });

  it('never echoes JSON a failing helper printed', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'jsonfail' });
    await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env }),
      'docker-credential-jsonfail',
    );
  });

  it('rejects output that is not JSON without quoting it', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: 'garbage' });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), 'not a JSON credential');
  });

  it('times out a helper that hangs, without waiting for its children', async () => {
    const c = await newCase();
    await dockerCfg(c, { credHelpers: { 'ghcr.io': 'hang' } });
    const started = Date.now();
    await expectCredentialError(
      resolveCredential('ghcr.io', 'o/r', { env: c.env, helperTimeoutMs: 300 }),
      'docker-credential-hang',
      'ghcr.io',
      '300 ms',
    );
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('rejects a helper name that is a path', async () => {
    const c = await newCase();
    await dockerCfg(c, { credsStore: '../bin/fake' });
    await expectCredentialError(resolveCredential('ghcr.io', 'o/r', { env: c.env }), 'invalid helper name');
  });
});
