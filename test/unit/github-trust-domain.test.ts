// A GHE.com tenant's trust domain (src/sigstore/github/trust-domain.ts): the /meta answer parsed as
// gh v2.83.0 reads it, the TUF target it names, and the fetch over the project's transport against a
// loopback server answering as GitHub's REST API does (status codes, `{message, documentation_url}`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport } from '../../src/http/transport.js';
import {
  fetchTrustDomain,
  metaUrl,
  tenantApiUrl,
  tenantTrustedRootTarget,
  trustDomainOf,
} from '../../src/sigstore/github/trust-domain.js';
import { metaBody } from '../support/github-meta.js';

const URL_ = 'https://api.acme.ghe.com/meta';

describe('trustDomainOf and the target name', () => {
  it('reads domains.artifact_attestations.trust_domain and names <trust domain>.trusted_root.json', () => {
    expect(trustDomainOf(metaBody('acme.ghe.com', 'acme'), URL_)).toBe('acme');
    expect(tenantTrustedRootTarget('acme')).toBe('acme.trusted_root.json');
  });
  it('derives the API as gh does (https://api.<host>) unless GITHUB_API_URL is given', () => {
    expect(metaUrl(tenantApiUrl(undefined, 'acme.ghe.com'))).toBe('https://api.acme.ghe.com/meta');
    expect(metaUrl(tenantApiUrl('https://api.acme.ghe.com//', 'acme.ghe.com'))).toBe(
      'https://api.acme.ghe.com/meta',
    );
  });
  it('refuses an answer without the field, naming the URL and trusted-root', () => {
    for (const [body, what] of [
      [metaBody('acme.ghe.com', undefined), 'is missing'],
      [{ domains: { artifact_attestations: { trust_domain: '' } } }, 'is ""'],
      [{ domains: { artifact_attestations: { trust_domain: 7 } } }, 'is 7'],
      [null, 'is missing'],
      [[], 'is missing'],
    ] as const)
      expect(() => trustDomainOf(body, URL_)).toThrow(
        new RegExp(
          `GET ${URL_} names no artifact attestation trust domain \\(domains\\.artifact_attestations\\.trust_domain ${what.replace(/[()]/g, '\\$&')}\\).*give your tenant's trusted root as trusted-root`,
        ),
      );
  });
  it('refuses a trust domain that is not one plain name (it becomes part of a TUF target path)', () => {
    for (const td of ['../root', 'a/b', 'acme.trusted_root', '-acme', 'acme ', 'ac%2fme'])
      expect(() => trustDomainOf({ domains: { artifact_attestations: { trust_domain: td } } }, URL_)).toThrow(
        /is not a plain name.*trusted-root/,
      );
    expect(trustDomainOf({ domains: { artifact_attestations: { trust_domain: 'acme-corp_2' } } }, URL_)).toBe(
      'acme-corp_2',
    );
  });
});

describe('fetchTrustDomain over the transport', () => {
  let url = '';
  const seen: { auth?: string; accept?: string; version?: string }[] = [];
  let answer: (res: ServerResponse) => void = () => {};
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({
      ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
      ...(typeof req.headers.accept === 'string' ? { accept: req.headers.accept } : {}),
      ...(typeof req.headers['x-github-api-version'] === 'string'
        ? { version: req.headers['x-github-api-version'] }
        : {}),
    });
    answer(res);
  });
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const transport = new Transport({ retries: 1, backoffMs: 1, timeoutMs: 5000 });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta`;
  });
  afterAll(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('GETs /meta as a REST client (accept, API version), sending the token only when given', async () => {
    answer = (res) => json(res, 200, metaBody('acme.ghe.com', 'acme'));
    seen.length = 0;
    expect(await fetchTrustDomain(transport, url)).toBe('acme');
    expect(await fetchTrustDomain(transport, url, 'ghs_jobtoken')).toBe('acme');
    expect(seen).toEqual([
      { accept: 'application/vnd.github+json', version: '2022-11-28' },
      { auth: 'Bearer ghs_jobtoken', accept: 'application/vnd.github+json', version: '2022-11-28' },
    ]);
  });
  it('a REST error names the status, GitHub’s message, the URL and trusted-root', async () => {
    answer = (res) =>
      json(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
    await expect(fetchTrustDomain(transport, url)).rejects.toThrow(
      new RegExp(`GET ${url} answered HTTP 404: Not Found; check that ${url} is reachable .*as trusted-root`),
    );
  });
  it('retries a 5xx, then says what failed', async () => {
    let n = 0;
    answer = (res) => {
      n++;
      json(res, 503, { message: 'Service Unavailable', documentation_url: 'https://docs.github.com/rest' });
    };
    await expect(fetchTrustDomain(transport, url)).rejects.toThrow(/answered HTTP 503: Service Unavailable/);
    expect(n).toBe(2);
  });
  it('a body that is not JSON, one over the cap, and a server that is not there', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    };
    await expect(fetchTrustDomain(transport, url)).rejects.toThrow(/HTTP 200 with a body that is not JSON/);
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc((1 << 20) + 1, 0x20));
    };
    await expect(fetchTrustDomain(transport, url)).rejects.toThrow(/over the 1048576-byte limit/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/meta`;
    await new Promise((r) => closed.close(r));
    await expect(fetchTrustDomain(transport, gone)).rejects.toThrow(
      new RegExp(
        `GET ${gone} failed \\(.*\\); check that ${gone} is reachable from the runner, or give .*trusted-root`,
      ),
    );
  });
});
