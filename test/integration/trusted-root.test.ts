import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../../src/http/transport.js';
import { buildTrustedRoot, gatherTrustSources, tsaEndpoint } from '../../src/sigstore/trusted-root.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';

// `sigstamp trusted-root`: the trusted_root.json of a private Sigstore, read from the services
// (here the loopback stand-ins; the real services and the byte-for-byte comparison with
// `cosign trusted-root create` are in test/conformance/private-sigstore.test.ts).

const execFileAsync = promisify(execFile);
const cli = (args: string[]) =>
  execFileAsync(process.execPath, [
    join(process.cwd(), 'dist', 'cli', 'index.js'),
    'trusted-root',
    ...args,
  ]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code?: number; stdout: string; stderr: string }) => ({
      code: e.code ?? 1,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

describe('trusted root from a running Sigstore', () => {
  let s: LoopbackSigstore;
  let transport: Transport;
  beforeAll(async () => {
    s = await startSigstore({ tsa: true });
    transport = new Transport({ retries: 0 });
  });
  afterAll(async () => {
    await transport?.close();
    await s?.stop();
  });

  it('asks Fulcio, Rekor and the TSA and writes the root the verifiers load', async () => {
    const start = new Date(s.trustedRoot.tlogs[0]!.publicKey.validFor.start);
    const sources = await gatherTrustSources(transport, {
      fulcioUrl: s.fulcioUrl,
      rekorUrl: s.rekorUrl,
      tsaUrl: s.tsaUrl,
      rekorStartTime: start,
    });
    expect(sources.warnings).toBeUndefined();
    const root = buildTrustedRoot(sources);
    expect(root).toEqual(s.trustedRoot);
    expect(TrustedRoot.fromJSON(root).certificateAuthorities[0]?.certChain?.certificates).toHaveLength(
      s.fulcio.chainPem.length,
    );
  });

  it('takes PEM files instead of asking, and a TSA URL with or without its endpoint path', async () => {
    const sources = await gatherTrustSources(transport, {
      fulcioUrl: 'https://fulcio.internal.example/',
      fulcioChainPem: s.fulcio.chainPem.join(''),
      rekorUrl: 'https://rekor.internal.example',
      rekorPublicKeyPem: s.rekor.publicKeyPem,
      tsaUrl: `${s.tsaUrl}/api/v1/timestamp`,
    });
    const root = buildTrustedRoot(sources);
    expect(root.certificateAuthorities[0]?.uri).toBe('https://fulcio.internal.example');
    expect(root.tlogs[0]?.baseUrl).toBe('https://rekor.internal.example');
    expect(root.tlogs[0]?.publicKey.validFor.start).toBe('1970-01-01T00:00:00Z');
    expect(root.timestampAuthorities[0]?.uri).toBe(`${s.tsaUrl}/api/v1/timestamp`);
    expect(tsaEndpoint(`${s.tsaUrl}/`)).toBe(`${s.tsaUrl}/api/v1/timestamp`);
  });

  it('warns when Rekor signs checkpoints under a name its URL does not contain', async () => {
    // The stand-in signs as "127.0.0.1:PORT"; reached as localhost, sigstore-js would reject it.
    const sources = await gatherTrustSources(transport, {
      fulcioUrl: s.fulcioUrl,
      rekorUrl: s.rekorUrl.replace('127.0.0.1', 'localhost'),
    });
    expect(sources.warnings?.[0]).toMatch(
      /signs its checkpoints as "127\.0\.0\.1:\d+".*--rekor_server\.hostname/,
    );
  });

  it('refuses a chain out of order, a CA as TSA signer and a URL that is not a Fulcio', async () => {
    const [leafSide, root] = s.fulcio.chainPem;
    expect(() =>
      buildTrustedRoot({ fulcio: { url: s.fulcioUrl, chainsPem: [`${root}${leafSide}`] } }),
    ).toThrow(
      /Fulcio CA chain: certificate 1 .* is not issued by certificate 2; give the chain leaf-side first/,
    );
    expect(() =>
      buildTrustedRoot({
        fulcio: { url: s.fulcioUrl, chainsPem: [s.fulcio.chainPem.join('')] },
        tsa: { url: s.tsaUrl!, chainPem: s.fulcio.chainPem.join('') },
      }),
    ).toThrow(/TSA chain: must start with the timestamp signing certificate/);
    await expect(gatherTrustSources(transport, { fulcioUrl: s.rekorUrl })).rejects.toThrow(
      /Fulcio trust bundle: GET .*\/api\/v2\/trustBundle answered 404/,
    );
  });

  it('the CLI writes the file, and names the input it cannot use', async () => {
    const out = join(s.dir, 'cli-root.json');
    const ok = await cli([
      '--fulcio-url',
      s.fulcioUrl,
      '--rekor-url',
      s.rekorUrl,
      '--tsa-url',
      s.tsaUrl!,
      '--out',
      out,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain(`wrote ${out}`);
    const written = JSON.parse(await readFile(out, 'utf8')) as typeof s.trustedRoot;
    expect(written.certificateAuthorities).toEqual(s.trustedRoot.certificateAuthorities);
    expect(written.timestampAuthorities).toEqual(s.trustedRoot.timestampAuthorities);

    const badTime = await cli([
      '--fulcio-url',
      s.fulcioUrl,
      '--rekor-url',
      s.rekorUrl,
      '--rekor-start-time',
      'yesterday',
    ]);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--rekor-start-time "yesterday": expected an RFC 3339 time');
    const missing = await cli(['--rekor-url', s.rekorUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--fulcio-url is required');
    const garbage = join(s.dir, 'garbage.pem');
    await writeFile(garbage, 'not a certificate');
    const badPem = await cli(['--fulcio-url', s.fulcioUrl, '--fulcio-chain', garbage]);
    expect(badPem.code).not.toBe(0);
    expect(badPem.stderr).toContain('Fulcio CA chain: no PEM certificate found');
  });
});
