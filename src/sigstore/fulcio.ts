import { describeUrl, readBody, retryBodyReads, type Transport } from '../http/transport.js';

/**
 * Fulcio's v2 API (`POST /api/v2/signingCert`), spoken directly rather than through
 * @sigstore/sign's FulcioSigner: that signer asks for a new certificate on every signature, and a
 * run must use ONE certificate for all its signatures (one request, one identity, one 10-minute
 * window). Its CA client is not exported, and the request is a single JSON POST.
 */

export class FulcioError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FulcioError';
  }
}

interface SigningCertificateResponse {
  signedCertificateEmbeddedSct?: { chain?: { certificates?: string[] } };
  signedCertificateDetachedSct?: { chain?: { certificates?: string[] }; signedCertificateTimestamp?: string };
}

export interface CertificateRequest {
  fulcioUrl: string;
  token: string;
  publicKeyPem: string;
  /** Signature by the key over the token's subject: Fulcio's proof of possession. */
  proofOfPossession: Buffer;
  transport: Transport;
}

/** Returns the PEM chain, leaf first. */
export async function requestSigningCertificate(req: CertificateRequest): Promise<string[]> {
  const url = `${req.fulcioUrl.replace(/\/+$/, '')}/api/v2/signingCert`;
  const body = JSON.stringify({
    credentials: { oidcIdentityToken: req.token },
    publicKeyRequest: {
      publicKey: { algorithm: 'ECDSA', content: req.publicKeyPem },
      proofOfPossession: req.proofOfPossession.toString('base64'),
    },
  });
  // Asking again after a broken answer is safe: Fulcio issues a fresh certificate for the same key.
  const { res, text } = await retryBodyReads(async () => {
    const res = await req.transport.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: Buffer.from(body),
    });
    return {
      res,
      text: (await readBody(res, 1 << 20, `Fulcio ${describeUrl(url)} response`)).toString('utf8'),
    };
  });
  if (res.status !== 200 && res.status !== 201) {
    let detail = '';
    try {
      detail = (JSON.parse(text) as { message?: string }).message ?? '';
    } catch {
      detail = text.slice(0, 200);
    }
    const hint =
      res.status === 400 || res.status === 401 || res.status === 403
        ? 'Fulcio refused the identity token: check that its issuer is one this Fulcio trusts and its audience is "sigstore"'
        : 'Fulcio is unavailable; retry the job later';
    throw new FulcioError(
      `Fulcio ${describeUrl(url)} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}: ${hint}`,
      res.status,
    );
  }
  let parsed: SigningCertificateResponse;
  try {
    parsed = JSON.parse(text) as SigningCertificateResponse;
  } catch {
    throw new FulcioError(
      `Fulcio ${describeUrl(url)} answered something that is not JSON; retry the job later`,
    );
  }
  const chain = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
    ?.certificates;
  if (!chain?.length)
    throw new FulcioError(`Fulcio ${describeUrl(url)} answered without a certificate chain`);
  return chain.map((pem) => (pem.endsWith('\n') ? pem : pem + '\n'));
}
