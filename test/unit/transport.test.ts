import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, Transport, TransportError } from '../../src/http/transport.js';

// Real HTTP servers on loopback: the transport's retry, redirect and cap behaviour against real sockets.
const servers: Server[] = [];
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const fast = { backoffMs: 5, maxBackoffMs: 20 };

describe('Transport', () => {
  it('retries 503 and 429, honouring Retry-After, then succeeds', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls === 1) return res.writeHead(503).end();
      if (calls === 2) return res.writeHead(429, { 'retry-after': '0' }).end();
      res.end('ok');
    });
    const t = new Transport(fast);
    const res = await t.send({ method: 'GET', url: `${base}/x` });
    expect(res.status).toBe(200);
    expect((await readBody(res, 10, 'x')).toString()).toBe('ok');
    expect(calls).toBe(3);
    await t.close();
  });

  it('gives up after the configured retries and returns the last answer', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      res.writeHead(502).end();
    });
    const t = new Transport({ ...fast, retries: 2 });
    expect((await t.send({ method: 'GET', url: `${base}/x` })).status).toBe(502);
    expect(calls).toBe(3);
    await t.close();
  });

  it('retries a reset connection and reports the failure clearly when it persists', async () => {
    const base = await serve((req) => req.socket.destroy());
    const t = new Transport({ ...fast, retries: 1 });
    await expect(t.send({ method: 'GET', url: `${base}/v2/x?secret=1` })).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/v2\/x failed after 2 attempt\(s\): .*; the service did not answer reliably — retry the job later$/,
    );
    await t.close();
  });

  it('drops Authorization on a redirect to another origin and keeps it on the same origin', async () => {
    const seen: Record<string, string | undefined> = {};
    const storage = await serve((req, res) => {
      seen.storage = req.headers.authorization;
      res.end('blob');
    });
    const registry = await serve((req, res) => {
      if (req.url === '/same') return res.writeHead(307, { location: '/final' }).end();
      if (req.url === '/final') {
        seen.same = req.headers.authorization;
        return res.end('same');
      }
      res.writeHead(307, { location: `${storage}/blob?X-Amz-Signature=s` }).end();
    });
    const t = new Transport(fast);
    const headers = { authorization: 'Bearer secret-token' };
    await readBody(await t.send({ method: 'GET', url: `${registry}/other`, headers }), 100, 'x');
    await readBody(await t.send({ method: 'GET', url: `${registry}/same`, headers }), 100, 'x');
    expect(seen.storage).toBeUndefined();
    expect(seen.same).toBe('Bearer secret-token');
    await t.close();
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/declared')
        return res.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100));
      res.write('x'.repeat(60));
      res.end('x'.repeat(60));
    });
    const t = new Transport(fast);
    await expect(
      readBody(await t.send({ method: 'GET', url: `${base}/declared` }), 50, 'manifest'),
    ).rejects.toThrow(TransportError);
    await expect(
      readBody(await t.send({ method: 'GET', url: `${base}/chunked` }), 100, 'manifest'),
    ).rejects.toThrow(/over the 100-byte limit/);
    await t.close();
  });

  it('does not retry a PUT whose retries are switched off', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      res.writeHead(503).end();
    });
    const t = new Transport(fast);
    expect(
      (await t.send({ method: 'PUT', url: `${base}/x`, body: Buffer.from('{}'), retries: 0 })).status,
    ).toBe(503);
    expect(calls).toBe(1);
    await t.close();
  });
});
