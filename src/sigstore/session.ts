import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { Signature, Signer } from '@sigstore/sign';
import type { Transport } from '../http/transport.js';
import { requestSigningCertificate } from './fulcio.js';
import { assertFresh, decodeClaims, type Claims, type TokenSource } from './token.js';

/**
 * One signing session per run: one ephemeral P-256 key and ONE Fulcio certificate, shared by every
 * signature and attestation of the run. The certificate is requested on the first signature, so the
 * caller decides when the 10-minute window opens: after every payload has been built.
 */

export interface SessionOptions {
  /**
   * The Fulcio to ask, or how to pick it from the token's claims (`sigstore: auto`): called once the
   * token is known and checked, before the certificate request.
   */
  fulcioUrl: string | ((claims: Claims) => string);
  tokenSource: TokenSource;
  transport: Transport;
  /** Checks the token's claims before Fulcio sees it (visibility rules, expiry). */
  checkClaims?: (claims: Claims) => void;
}

export interface Certificate {
  /** Leaf first, as Fulcio returned it. */
  chain: string[];
  claims: Claims;
}

export class SigningSession implements Signer {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  private certificate?: Promise<Certificate>;
  /** Certificate requests made: one per run, whatever the number of artifacts. */
  certificateRequests = 0;

  constructor(private readonly opts: SessionOptions) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** The run's certificate, requested once (concurrent callers share the request). */
  getCertificate(): Promise<Certificate> {
    this.certificate ??= this.requestCertificate();
    return this.certificate;
  }

  private async requestCertificate(): Promise<Certificate> {
    const token = await this.opts.tokenSource.getToken('sigstore');
    const claims = decodeClaims(token);
    assertFresh(claims);
    this.opts.checkClaims?.(claims);
    const { fulcioUrl } = this.opts;
    // Fulcio's proof of possession for CI tokens: a signature over the token's `sub`.
    const proof = this.signBytes(Buffer.from(String(claims.sub ?? '')));
    this.certificateRequests++;
    const chain = await requestSigningCertificate({
      fulcioUrl: typeof fulcioUrl === 'string' ? fulcioUrl : fulcioUrl(claims),
      token,
      publicKeyPem: this.publicKeyPem,
      proofOfPossession: proof,
      transport: this.opts.transport,
    });
    return { chain, claims };
  }

  private signBytes(data: Buffer): Buffer {
    return cryptoSign('sha256', data, this.privateKey);
  }

  /** @sigstore/sign's Signer: signs with the session key, presents the session certificate. */
  async sign(data: Buffer): Promise<Signature> {
    const { chain } = await this.getCertificate();
    return { signature: this.signBytes(data), key: { $case: 'x509Certificate', certificate: chain[0]! } };
  }
}
