// Proves the sandbox of test/support/netns.ts and the TLS front of test/support/tls-front.ts: real
// hostnames resolve to loopback inside, bridged ports answer, https verifies with the per-run CA
// (and only with it), and names that are not mapped stay unresolvable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../support/netns.js';
import { TempDirs } from '../support/temp.js';
import { makeTestCa, startTlsFront, type TestCa, type TlsFront } from '../support/tls-front.js';
import { toolGate } from '../support/tools.js';

const temps = new TempDirs();
const HOSTS = ['fulcio.githubapp.com', 'timestamp.githubapp.com', 'api.github.com'];

async function httpServer(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${name} ${req.headers.host} ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const fetchScript = (url: string) =>
  `fetch(${JSON.stringify(url)}).then(async (r) => console.log(r.status, await r.text()), (e) => { console.log('ERR', String(e.cause?.code ?? e.cause ?? e)); process.exit(3); })`;

describe.skipIf(!toolGate('socat', 'unshare', 'ip', 'curl'))('netns sandbox + TLS front', () => {
  let ca: TestCa;
  let front: TlsFront;
  let sandbox: Sandbox;
  let fulcio: { server: Server; port: number };
  let plain: { server: Server; port: number };

  beforeAll(async () => {
    const dir = await temps.make('ns-');
    ca = await makeTestCa(dir);
    fulcio = await httpServer('fulcio');
    plain = await httpServer('plain');
    front = await startTlsFront(ca, { 'fulcio.githubapp.com': fulcio.port, 'api.github.com': plain.port });
    sandbox = await startSandbox({
      dir,
      hosts: HOSTS,
      bridges: [
        { port: 443, to: front.port },
        { port: plain.port, to: plain.port },
      ],
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await front?.close();
    fulcio?.server.close();
    plain?.server.close();
    await temps.removeAll();
  });

  it('resolves the mapped hostnames to 127.0.0.1 and leaves others unresolvable', async () => {
    const r = await sandbox.run('sh', [
      '-c',
      'getent hosts fulcio.githubapp.com; getent hosts api.github.com; getent hosts example.com || echo none',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '127.0.0.1       fulcio.githubapp.com',
      '127.0.0.1       api.github.com',
      'none',
    ]);
  });

  it('hands the child its environment unchanged, names that are no shell identifiers included', async () => {
    const r = await sandbox.run(process.execPath, ['-e', "console.log(process.env['INPUT_TUF-ROOT'])"], {
      env: { ...process.env, 'INPUT_TUF-ROOT': '/x/root.json' },
    });
    expect(r.stdout.trim()).toBe('/x/root.json');
  });

  it('bridges a host loopback port in under the same number', async () => {
    const r = await sandbox.run(process.execPath, ['-e', fetchScript(`http://127.0.0.1:${plain.port}/x`)]);
    expect(r.stdout.trim()).toBe(`200 plain 127.0.0.1:${plain.port} /x`);
  });

  it('serves https at the real hostname, routed by SNI, trusted through NODE_EXTRA_CA_CERTS', async () => {
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: ca.caPath };
    const a = await sandbox.run(
      process.execPath,
      ['-e', fetchScript('https://fulcio.githubapp.com/api/v2/x')],
      { env },
    );
    expect(a.stdout.trim()).toBe('200 fulcio fulcio.githubapp.com /api/v2/x');
    const b = await sandbox.run(process.execPath, ['-e', fetchScript('https://api.github.com/repos/o/r')], {
      env,
    });
    expect(b.stdout.trim()).toBe('200 plain api.github.com /repos/o/r');
    expect(front.served).toEqual(expect.arrayContaining(['fulcio.githubapp.com', 'api.github.com']));
  });

  it('refuses the certificate without the test CA, and for a name it does not carry', async () => {
    const { NODE_EXTRA_CA_CERTS: _drop, ...env } = process.env;
    const untrusted = await sandbox.run(
      process.execPath,
      ['-e', fetchScript('https://fulcio.githubapp.com/')],
      { env },
    );
    expect(untrusted.code).toBe(3);
    expect(untrusted.stdout).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify/i);
    // timestamp.githubapp.com resolves but the front has no route and its certificate does not name it.
    const unnamed = await sandbox.run(
      process.execPath,
      ['-e', fetchScript('https://timestamp.githubapp.com/')],
      {
        env: { ...env, NODE_EXTRA_CA_CERTS: ca.caPath },
      },
    );
    expect(unnamed.code).toBe(3);
    expect(unnamed.stdout).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('verifies for a non-Node TLS client with the CA file (curl, as SSL_CERT_FILE does for Go)', async () => {
    const ok = await sandbox.run('curl', ['-sS', '--cacert', ca.caPath, 'https://fulcio.githubapp.com/ok']);
    expect(ok.stdout).toBe('fulcio fulcio.githubapp.com /ok');
    const refused = await sandbox.run('curl', ['-sS', 'https://fulcio.githubapp.com/ok'], {
      env: { ...process.env, CURL_CA_BUNDLE: '/dev/null', SSL_CERT_FILE: '/dev/null' },
    });
    expect(refused.code).not.toBe(0);
  });
});
