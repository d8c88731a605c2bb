// A hostile registry (issue 15, part 4): a real registry behind the fault proxy, which answers what a
// compromised mirror or a broken one would: bodies far over their caps (manifests, indexes, referrers
// pages, token responses), bytes that do not match their digest on every kind of fetch, blob
// redirects to another host, `Link` pagination that loops, a slowloris drip, and layers that are
// decompression bombs. The real CLI (the ncc bundle on Node 24) runs against it; each case must end
// in a clear error that names what was refused — no stack trace, no OOM — with resident memory
// bounded (measured by the parent's getrusage of the child).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';
import { customSigstoreArgs } from '../support/action.js';
import {
  startFaultProxy,
  type Answer,
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
  type Rule,
} from '../support/fault-proxy.js';
import { buildImage, pushImage } from '../support/image.js';
import { pushRawImage, tarHeader } from '../support/raw-image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { startSigstore, type LoopbackSigstore } from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'index.js');
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** Resident memory the CLI may reach in any case here (its SBOM run of a small image is ~100 MB). */
const MAX_RSS_MB = 350;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  maxRssMb: number;
}

/**
 * Runs the CLI under a tiny Python parent that reports the child's peak RSS (getrusage of children):
 * Node's child_process gives no rusage, and /usr/bin/time is not installed everywhere.
 */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const py =
    'import resource,subprocess,sys\n' +
    'r=subprocess.run(sys.argv[1:])\n' +
    'sys.stderr.write("\\nMAXRSS_KB=%d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n' +
    'sys.exit(r.returncode)\n';
  return new Promise((resolve) => {
    execFile(
      'python3',
      ['-c', py, process.execPath, CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) => {
        const m = /\nMAXRSS_KB=(\d+)\n$/.exec(stderr);
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr: m ? stderr.slice(0, m.index) : stderr,
          maxRssMb: m ? Number(m[1]) / 1024 : NaN,
        });
      },
    );
  });
}

/** A clean failure: exit 1, the expected message, no JavaScript stack trace, memory bounded. */
function expectCleanFailure(r: CliRun, message: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(r.stderr).not.toMatch(/\[object Object\]|TypeError|FATAL ERROR|heap out of memory/);
  expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
}

const isManifest = (r: ProxiedRequest) => r.method === 'GET' && /\/manifests\//.test(r.url);
const isBlob = (r: ProxiedRequest) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.url);
const flipLastByte = (a: Answer): Answer => {
  const body = Buffer.from(a.body ?? '');
  if (a.status === 200 && body.length > 2) body[body.length - 2] = body[body.length - 2]! ^ 1;
  return { ...a, body };
};

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))('a hostile registry', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let digest: string;
  let ref: string;
  let sigstore: LoopbackSigstore;
  const out = mkdtempSync(join(tmpdir(), 'sigstamp-hostile-'));
  const endless = (mediaType: string) => ({
    kind: 'endless' as const,
    status: 200,
    headers: { 'content-type': mediaType },
    chunk: Buffer.alloc(64 * 1024, 0x20),
  });
  /** Rules apply to `/v2/app/…` only: the CLI's first `/v2/` ping is left alone. */
  const only =
    (pred: (r: ProxiedRequest) => boolean, fault: ReturnType<Rule>): Rule =>
    (r) =>
      r.url.startsWith('/v2/app/') && pred(r) ? fault : undefined;

  beforeAll(async () => {
    registry = await startDistribution();
    digest = await pushImage(
      await buildImage([{ '/etc/os-release': 'ID=hostile\nVERSION_ID=1\n', '/app/a.txt': 'a\n' }]),
      `${registry.host}/app:1`,
    );
    proxy = await startFaultProxy(`http://${registry.host}`);
    ref = `${proxy.host}/app@${digest}`;
    sigstore = await startSigstore();
  });
  afterAll(async () => {
    await sigstore?.stop();
    await proxy?.stop();
    rmSync(out, { recursive: true, force: true });
    await registry?.stop();
  });

  it('passes an untouched image (the proxy itself is transparent)', async () => {
    proxy.setRule(undefined);
    const r = await cli(['sbom', ref, '--sbom', 'spdx', '--output-dir', join(out, 'ok')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
  });

  describe('bodies far over their caps are refused without reading them', () => {
    it('a manifest (an endless body)', async () => {
      proxy.setRule(only(isManifest, endless(OCI_MANIFEST)));
      expectCleanFailure(
        await cli(['sbom', `${proxy.host}/app:1`]),
        /over the \d+-byte limit; refusing to read it/,
      );
    });

    it('a manifest declaring 5 GB', async () => {
      // The declared size alone must be enough to refuse: nothing of the body is read.
      proxy.setRule(
        only(isManifest, {
          kind: 'endless',
          status: 200,
          headers: { 'content-type': OCI_MANIFEST, 'content-length': String(5 * 1024 ** 3) },
          chunk: Buffer.alloc(1024, 0x20),
        }),
      );
      expectCleanFailure(await cli(['sbom', ref]), /5368709120 bytes is over the \d+-byte limit/);
    });

    it('a referrers page (the referrers API answering an endless index)', async () => {
      proxy.setRule(only((r) => r.url.includes('/referrers/'), endless(OCI_INDEX)));
      expectCleanFailure(await cli(['referrers', ref]), /referrers of .*over the \d+-byte limit/);
    });

    it('the referrers fallback index (an endless manifest under the sha256-… tag)', async () => {
      proxy.setRule(only((r) => isManifest(r) && /\/manifests\/sha256-/.test(r.url), endless(OCI_INDEX)));
      expectCleanFailure(await cli(['referrers', ref]), /sha256-[0-9a-f]{64}.*over the \d+-byte limit/);
    });

    it('a token response (the token endpoint answering an endless body)', async () => {
      const realm = `${proxy.url}/token`;
      proxy.setRule((r): Fault | undefined => {
        if (r.url.startsWith('/token')) return endless('application/json');
        if (r.url.startsWith('/v2/') && !r.headers.authorization)
          return {
            kind: 'answer',
            answer: {
              status: 401,
              headers: { 'www-authenticate': `Bearer realm="${realm}",service="hostile"` },
              body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
            },
          };
        return undefined;
      });
      expectCleanFailure(await cli(['sbom', ref]), /token response.*over the \d+-byte limit/);
    });
  });

  describe('bytes that do not match their digest are refused, on every kind of fetch', () => {
    it('a manifest by digest', async () => {
      proxy.setRule(only(isManifest, { kind: 'alter', alter: flipLastByte }));
      expectCleanFailure(await cli(['sbom', ref]), /manifest .*(digest|does not match)/i);
    });

    it('a manifest by tag (against the Docker-Content-Digest the registry sent)', async () => {
      proxy.setRule(only(isManifest, { kind: 'alter', alter: flipLastByte }));
      expectCleanFailure(await cli(['sbom', `${proxy.host}/app:1`]), /manifest .*(digest|does not match)/i);
    });

    it('a layer blob', async () => {
      proxy.setRule(only(isBlob, { kind: 'alter', alter: flipLastByte }));
      expectCleanFailure(await cli(['sbom', ref]), /blob .*sha256:[0-9a-f]{64}.*does not match the expected/);
    });

    it('what a run reads back (bundles, legacy layers): a failed run, nothing reported as verified', async () => {
      // Only blobs this run uploaded are altered, so the SBOM step reads the image untouched and the
      // failure is the read-back verification's.
      const uploaded = () =>
        new Set(
          proxy.log.flatMap((l) =>
            l.method === 'PUT'
              ? [/[?&]digest=(sha256(?::|%3A)[0-9a-f]{64})/.exec(l.url)?.[1]?.replace('%3A', ':')]
              : [],
          ),
        );
      proxy.setRule((r): Fault | undefined => {
        const d = /\/blobs\/(sha256:[0-9a-f]{64})/.exec(r.url)?.[1];
        return isBlob(r) && d && uploaded().has(d) ? { kind: 'alter', alter: flipLastByte } : undefined;
      });
      const r = await cli(
        [
          'run',
          '--image',
          `${proxy.host}/app`,
          '--digest',
          digest,
          '--sbom',
          'none',
          '--provenance',
          'v1',
          ...customSigstoreArgs(sigstore),
          '--output-dir',
          join(out, 'run'),
        ],
        { SIGSTAMP_IDENTITY_TOKEN: await sigstore.oidc.mint() },
      );
      expectCleanFailure(r, /published artifacts did not verify:/);
      // Each of the four read back by digest, each refused for its bytes: both bundle referrers, the
      // .sig and the .att layer.
      for (const where of [
        /\.sig layer sha256:\S+: blob .* does not match the expected/,
        /\.att layer sha256:\S+: blob .* does not match the expected/,
      ])
        expect(r.stderr).toMatch(where);
      expect(
        r.stderr.match(/\(referrer of sha256:[0-9a-f]{64}\): blob .* does not match the expected/g),
      ).toHaveLength(2);
      expect(r.stdout).not.toMatch(/verified/i);
    });
  });

  it('a blob redirect to another host: followed, without the registry credential', async () => {
    // The registry wants Basic auth (checked here, so distribution can stay open); blobs redirect to
    // a "storage" server on another port, i.e. another origin, which records what it was sent.
    const seen: { authorization?: string }[] = [];
    const storage: Server = createServer((req, res) => {
      seen.push({ ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      request(`http://${registry.host}${req.url}`, (up) => {
        res.writeHead(up.statusCode ?? 502, { 'content-type': 'application/octet-stream' });
        up.pipe(res);
      }).end();
    });
    await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
    const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
    const basic = `Basic ${Buffer.from('robot:s3cret-hostile').toString('base64')}`;
    try {
      proxy.setRule((r): Fault | undefined => {
        if (!r.url.startsWith('/v2/')) return undefined;
        if (r.headers.authorization !== basic)
          return {
            kind: 'answer',
            answer: { status: 401, headers: { 'www-authenticate': 'Basic realm="hostile"' }, body: '' },
          };
        if (isBlob(r))
          return { kind: 'answer', answer: { status: 307, headers: { location: `${storageUrl}${r.url}` } } };
        return undefined;
      });
      const r = await cli(['sbom', ref, '--sbom', 'spdx', '--output-dir', join(out, 'redirect')], {
        SIGSTAMP_REGISTRY_USERNAME: 'robot',
        SIGSTAMP_REGISTRY_PASSWORD: 's3cret-hostile',
      });
      expect(r.code, r.stderr).toBe(0);
      expect(seen.length).toBeGreaterThanOrEqual(1); // the layer came from storage
      expect(seen.filter((s) => s.authorization)).toEqual([]);
      expect(r.stdout + r.stderr).not.toContain('s3cret-hostile');
      expect(r.stdout + r.stderr).not.toContain(Buffer.from('robot:s3cret-hostile').toString('base64'));
    } finally {
      await new Promise((r) => storage.close(r));
    }
  });

  describe('a blob upload whose completing PUT landed but whose answer was lost (found by the fault campaign)', () => {
    // The registry stored the blob; the client saw an error and the transport's retry (or the
    // registry's answer to it) says the session is gone: distribution 404 BLOB_UPLOAD_UNKNOWN,
    // olareg 400. The upload must notice the blob is there instead of failing the release.
    let client: RegistryClient;
    beforeAll(() => {
      client = new RegistryClient({ retries: 0 });
    });
    afterAll(async () => client?.close());

    for (const [status, code] of [
      [404, 'BLOB_UPLOAD_UNKNOWN'],
      [400, 'BLOB_UPLOAD_INVALID'],
    ] as const)
      it(`answered ${status} ${code}: the blob is found stored, the push succeeds`, async () => {
        let lost = 0;
        proxy.setRule((r): Fault | undefined =>
          r.method === 'PUT' && /[?&]digest=/.test(r.url) && lost++ === 0
            ? {
                kind: 'alter',
                alter: () => ({
                  status,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ errors: [{ code, message: 'blob upload unknown to registry' }] }),
                }),
              }
            : undefined,
        );
        const data = Buffer.from(`lost answer ${status} ${Date.now()}`);
        const repo = client.repository(parseReference(`${proxy.host}/app`));
        const desc = await repo.pushBlob(data, 'application/octet-stream');
        expect(lost).toBeGreaterThanOrEqual(1);
        expect(await repo.fetchBlob(desc, 1024)).toEqual(data);
      });
  });

  it('Link pagination that loops is cut off, naming the page limit', async () => {
    proxy.setRule(
      only((r) => r.url.includes('/referrers/'), {
        kind: 'answer',
        answer: () => ({
          status: 200,
          headers: { 'content-type': OCI_INDEX, link: `</v2/app/referrers/${digest}>; rel="next"` },
          body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }),
        }),
      }),
    );
    expectCleanFailure(await cli(['referrers', ref]), /more than \d+ pages/);
  });

  describe('slowloris: a body dripped a byte at a time never holds a request open past its deadline', () => {
    // Against the client directly, with a 1 s timeout: the CLI's 30 s would make this a minute-long
    // test and prove the same thing. Each drip (every 300 ms) is well inside undici's silence bound.
    let client: RegistryClient;
    beforeAll(() => {
      client = new RegistryClient({ retries: 0, timeoutMs: 1000 });
    });
    afterAll(async () => client?.close());

    it('a manifest', async () => {
      proxy.setRule(only(isManifest, { kind: 'drip', bytes: 1, everyMs: 300 }));
      const started = Date.now();
      await expect(
        client.repository(parseReference(`${proxy.host}/app`)).getManifest(digest),
      ).rejects.toThrow(/took longer than 1000 ms to arrive .*a stalled or hostile server/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('a blob stream', async () => {
      proxy.setRule(undefined);
      const repo = client.repository(parseReference(`${proxy.host}/app`));
      const { manifest } = await repo.getManifest(digest);
      const layer = (manifest as { layers: { digest: string; size: number; mediaType: string }[] })
        .layers[0]!;
      proxy.setRule(only(isBlob, { kind: 'drip', bytes: 16, everyMs: 300 }));
      const started = Date.now();
      await expect(repo.fetchBlob(layer, 1 << 20)).rejects.toThrow(/under the \d+ bytes\/s floor/);
      expect(Date.now() - started).toBeLessThan(6000);
    });
  });

  describe('decompression bombs in layers', () => {
    let client: RegistryClient;
    beforeAll(() => {
      client = new RegistryClient({ retries: 0 });
    });
    afterAll(async () => client?.close());

    const pushRaw = (tag: string, layer: Buffer, diffId: string) =>
      pushRawImage(client, registry.host, 'app', tag, layer, diffId);

    /** gzip of a tar stream made of `parts`, streamed so that 1 GiB of zeros never sits in memory. */
    async function gzipOf(parts: (Buffer | { zeros: number })[]): Promise<{ gz: Buffer; diffId: string }> {
      const gzip = zlib.createGzip({ level: 9 });
      const out: Buffer[] = [];
      gzip.on('data', (c: Buffer) => out.push(c));
      const hash = (await import('node:crypto')).createHash('sha256');
      const done = new Promise((r) => gzip.on('end', r));
      const feed = new PassThrough();
      feed.pipe(gzip);
      const zero = Buffer.alloc(1 << 20);
      for (const p of parts) {
        if (Buffer.isBuffer(p)) {
          hash.update(p);
          if (!feed.write(p)) await new Promise((r) => feed.once('drain', r));
        } else {
          for (let left = p.zeros; left > 0; left -= zero.length) {
            const c = left >= zero.length ? zero : zero.subarray(0, left);
            hash.update(c);
            if (!feed.write(c)) await new Promise((r) => feed.once('drain', r));
          }
        }
      }
      feed.end();
      await done;
      return { gz: Buffer.concat(out), diffId: `sha256:${hash.digest('hex')}` };
    }

    it(
      'a gzip layer that inflates 1000×: streamed through in bounded memory, SBOM written',
      { timeout: 180_000 },
      async () => {
        const size = 1024 ** 3;
        const { gz, diffId } = await gzipOf([
          tarHeader('zeros.bin', size),
          { zeros: size },
          tarHeader('etc/os-release', 24),
          Buffer.concat([Buffer.from('ID=bomb\nVERSION_ID=1.0\n\0'), Buffer.alloc(512 - 24)]),
          Buffer.alloc(1024),
        ]);
        expect(size / gz.length).toBeGreaterThan(1000);
        const bomb = await pushRaw('bomb', gz, diffId);
        proxy.setRule(undefined);
        const r = await cli([
          'sbom',
          `${proxy.host}/app@${bomb}`,
          '--sbom',
          'spdx',
          '--output-dir',
          join(out, 'bomb'),
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.maxRssMb).toBeLessThan(MAX_RSS_MB);
      },
    );

    it('a package database entry claiming 10 GB: skipped past its cap, the short layer a clear error', async () => {
      const { gz, diffId } = await gzipOf([
        tarHeader('var/lib/dpkg/status', 10 * 1024 ** 3),
        { zeros: 4 << 20 },
      ]);
      const bomb = await pushRaw('claims-10g', gz, diffId);
      proxy.setRule(undefined);
      expectCleanFailure(
        await cli(['sbom', `${proxy.host}/app@${bomb}`, '--sbom', 'spdx', '--output-dir', join(out, '10g')]),
        /layer sha256:[0-9a-f]{64} .*truncated tar/,
      );
    });
  });
});
