import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient, type Repository } from '../../src/oci/client.js';
import { DigestMismatchError } from '../../src/oci/digest.js';
import { parseReference } from '../../src/oci/reference.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { buildImage, pushImage } from '../support/image.js';
import { startDistribution, type TestRegistry } from '../support/registry.js';
import { toolGate } from '../support/tools.js';

const exec = promisify(execFile);

type Mode = 'pass' | 'tamper-manifest' | 'tamper-blob' | 'huge-manifest';

/**
 * A loopback proxy in front of a real registry that can alter what it serves: the registry
 * client must notice every change, since that is what a compromised mirror or cache would do.
 */
async function startTamperingProxy(upstream: string): Promise<{ host: string; mode: Mode; server: Server }> {
  const state = { host: '', mode: 'pass' as Mode, server: undefined as unknown as Server };
  state.server = createServer((req, res) => {
    const isManifest = /\/manifests\//.test(req.url ?? '');
    const isBlob = /\/blobs\/sha256:/.test(req.url ?? '');
    if (state.mode === 'huge-manifest' && isManifest && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
      return;
    }
    const up = request(
      `http://${upstream}${req.url}`,
      { method: req.method, headers: req.headers },
      (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          let body = Buffer.concat(chunks);
          const tamper =
            (state.mode === 'tamper-manifest' && isManifest) || (state.mode === 'tamper-blob' && isBlob);
          if (tamper && req.method === 'GET' && upRes.statusCode === 200) {
            body = Buffer.from(body);
            body[body.length - 2] = body[body.length - 2]! ^ 1;
          }
          const headers = { ...upRes.headers };
          delete headers['transfer-encoding'];
          headers['content-length'] = String(body.length);
          res.writeHead(upRes.statusCode ?? 502, headers);
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', r));
  state.host = `127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

describe.skipIf(!toolGate('docker-registry', 'skopeo', 'umoci'))(
  'content that does not match its digest is refused',
  () => {
    let registry: TestRegistry;
    let proxy: Awaited<ReturnType<typeof startTamperingProxy>>;
    let client: RegistryClient;
    let repo: Repository;
    let digest: string;

    beforeAll(async () => {
      registry = await startDistribution();
      digest = await pushImage(await buildImage([{ '/a': 'a\n' }]), `${registry.host}/x/app:1`);
      proxy = await startTamperingProxy(registry.host);
      client = new RegistryClient({ retries: 0 });
      repo = client.repository(parseReference(`${proxy.host}/x/app`));
    });
    afterAll(async () => {
      await client?.close();
      await new Promise((r) => proxy?.server.close(r));
      await registry?.stop();
    });

    it('passes untouched content', async () => {
      proxy.mode = 'pass';
      expect((await repo.getManifest(digest)).descriptor.digest).toBe(digest);
    });

    it('refuses a manifest whose bytes do not hash to the digest asked for, or to the digest the registry sent', async () => {
      proxy.mode = 'tamper-manifest';
      await expect(repo.getManifest(digest)).rejects.toThrow(DigestMismatchError);
      await expect(repo.getManifest(digest)).rejects.toThrow(/does not match the expected sha256:.*refusing/);
      // By tag there is no digest in the request, but Docker-Content-Digest still names the real one.
      await expect(repo.getManifest('1')).rejects.toThrow(DigestMismatchError);
    });

    it('refuses a blob whose bytes do not hash to its digest', async () => {
      proxy.mode = 'pass';
      const manifest = (await repo.getManifest(digest)).manifest as ImageManifest;
      proxy.mode = 'tamper-blob';
      await expect(repo.fetchBlob(manifest.layers[0]!, 1 << 20)).rejects.toThrow(DigestMismatchError);
    });

    it('refuses an oversized manifest without reading it all', async () => {
      proxy.mode = 'huge-manifest';
      await expect(repo.getManifest(digest)).rejects.toThrow(/over the 4194304-byte limit/);
    });
  },
);

describe('bad references are refused before any network use', () => {
  it('names the malformed reference and what a valid one looks like (CLI exit 2)', async () => {
    const cli = join(process.cwd(), 'dist', 'cli', 'index.js');
    const err = await exec(process.execPath, [cli, 'run', '--image', 'GHCR.io/Owner/App:1'], {
      env: { PATH: process.env.PATH ?? '' },
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toMatch(/input image: invalid image reference "GHCR\.io\/Owner\/App:1"/);
  });
});
