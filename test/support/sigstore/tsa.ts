// A loopback RFC 3161 timestamp authority with sigstore/timestamp-authority's REST paths
// (pkg/api/routes: POST /api/v1/timestamp, GET /api/v1/timestamp/certchain).
//
// The signing itself is @sigstore/mock's TSA (timestamp/tsa.ts: TSTInfo in a CMS SignedData with
// an ESSCertIDv2 signing-certificate attribute), mounted on a real server instead of through its
// nock interceptors. Its request handler takes the JSON request sigstore-js's TSAWitness sends
// ({artifactHash, hashAlgorithm, certificates, nonce?}); the DER `application/timestamp-query`
// form (cosign sign --timestamp-server-url) is not parsed: the mock's nonce is a JS number, too
// small for the 160-bit nonces cosign sends and checks.
import { generateKeyPairSync } from 'node:crypto';
import { initializeTSA, tsaHandler } from '@sigstore/mock';
import { Faults, nowSeconds, readBody, sendJson, sendText, startLoopback, toPem } from './common.js';

export interface TsaStandIn {
  url: string;
  /** PEM [signing cert, root], the order GET /api/v1/timestamp/certchain answers. */
  chainPem: string[];
  /** DER of the same certificates. */
  chainDer: Buffer[];
  readonly requests: number;
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

const bytes = (v: ArrayBufferView): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export async function startTsa(): Promise<TsaStandIn> {
  // The mock stamps genTime (and signingTime) from the Date it is given, or from `new Date()`
  // with milliseconds, which pkijs writes as a fractional GeneralizedTime that @sigstore/core
  // refuses ("invalid time"). So it gets one Date object, set from the shared whole-second clock
  // before every request; the certificates are created first, so genTime is never before them.
  const clock = new Date(nowSeconds() * 1000);
  const tsa = await initializeTSA(generateKeyPairSync('ec', { namedCurve: 'P-256' }), clock);
  const handler = tsaHandler(tsa);
  const chainDer = [bytes(tsa.intCertificate), bytes(tsa.rootCertificate)];
  const chainPem = chainDer.map((d) => toPem(d, 'CERTIFICATE'));
  const faults = new Faults();
  let requests = 0;

  const server = await startLoopback(async (req, res, url) => {
    if (req.method === 'GET' && url.pathname === '/api/v1/timestamp/certchain') {
      return sendText(res, 200, chainPem.join(''), 'application/pem-certificate-chain');
    }
    if (req.method !== 'POST' || url.pathname !== handler.path) {
      return sendJson(res, 404, { code: 404, message: 'not found' });
    }
    requests++;
    const status = faults.take();
    if (status !== undefined) return sendJson(res, status, { code: status, message: 'injected failure' });
    if (!(req.headers['content-type'] ?? '').includes('json')) {
      return sendJson(res, 400, { code: 400, message: 'only JSON timestamp requests are supported here' });
    }
    clock.setTime(nowSeconds() * 1000);
    const result = await handler.fn((await readBody(req)).toString('utf8'));
    const body = typeof result.response === 'string' ? result.response : bytes(result.response);
    return sendText(res, result.statusCode, body, result.contentType ?? 'text/plain');
  });

  return {
    url: server.url,
    chainPem,
    chainDer,
    get requests() {
      return requests;
    },
    failNext: (n, status) => faults.failNext(n, status),
    stop: server.stop,
  };
}
