// https for loopback stand-ins at real hostnames: a test CA made per run, one server certificate
// naming every hostname, and a TLS-terminating front that routes each connection by its SNI to a
// plain-HTTP service on 127.0.0.1 (the real Fulcio and TSA of the private stack, the REST stand-in,
// a static TUF repository). Reached from inside test/support/netns.ts's sandbox through
// `{ port: 443, to: front.port }`. Clients trust `caPath` through NODE_EXTRA_CA_CERTS (Node) and
// SSL_CERT_FILE (Go).
import { randomBytes, webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';
import { x509 } from './x509.js';

const KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ALG = { name: 'ECDSA', hash: 'SHA-256' } as const;
// A leading 01 keeps the DER INTEGER positive: recent Go rejects negative serial numbers.
const serial = (): string => `01${randomBytes(15).toString('hex')}`;

function pem(der: ArrayBuffer, label: string): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

export interface TestCa {
  /** The CA certificate (PEM) written to caPath. */
  caPem: string;
  caPath: string;
  /** A server certificate and key (PEM) for every hostname given. */
  issueServer(hostnames: string[]): Promise<{ certPem: string; keyPem: string }>;
}

/** A root CA for one test run, written to `<dir>/test-ca.pem`. */
export async function makeTestCa(dir: string): Promise<TestCa> {
  const keys = (await webcrypto.subtle.generateKey(KEY, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const notBefore = new Date(now - 3_600_000);
  const notAfter = new Date(now + 7 * 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'O=sigstamp tests, CN=sigstamp test TLS CA',
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const caPem = pem(ca.rawData, 'CERTIFICATE');
  const caPath = join(dir, 'test-ca.pem');
  await writeFile(caPath, caPem);
  return {
    caPem,
    caPath,
    async issueServer(hostnames) {
      const leafKeys = (await webcrypto.subtle.generateKey(KEY, true, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${hostnames[0] ?? 'localhost'}`,
        issuer: ca.subject,
        notBefore,
        notAfter,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(hostnames.map((value) => ({ type: 'dns', value }))),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey);
      return { certPem: pem(cert.rawData, 'CERTIFICATE'), keyPem: pem(pkcs8, 'PRIVATE KEY') };
    },
  };
}

export interface TlsFront {
  /** The front's port on 127.0.0.1. */
  port: number;
  /** SNI names of the connections it accepted, in order (what a test asserts reached it). */
  served: string[];
  /**
   * Hostname → 127.0.0.1 port, read per connection: a route may be set once its service is up (the
   * certificate names every hostname given at start).
   */
  routes: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Terminates TLS for every hostname in `routes` and pipes the decrypted bytes to that route's
 * 127.0.0.1 port. A connection without SNI, or for a name not routed, is closed (and a verifying
 * client has refused it already: the certificate does not name it).
 */
export async function startTlsFront(ca: TestCa, routes: Record<string, number>): Promise<TlsFront> {
  const { certPem, keyPem } = await ca.issueServer(Object.keys(routes));
  const served: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(
    { cert: certPem, key: keyPem, ALPNProtocols: ['http/1.1'] },
    (tls: TLSSocket) => {
      const name = typeof tls.servername === 'string' ? tls.servername.toLowerCase() : '';
      const to = routes[name];
      if (!to) {
        tls.destroy();
        return;
      }
      served.push(name);
      const upstream = createConnection(to, '127.0.0.1');
      sockets.add(tls).add(upstream);
      const drop = () => {
        tls.destroy();
        upstream.destroy();
        sockets.delete(tls);
        sockets.delete(upstream);
      };
      tls.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      tls.pipe(upstream).pipe(tls);
    },
  );
  // A handshake a client aborts (untrusted CA, wrong name) is the client's answer, not a crash.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('TLS front: no port');
  return {
    port: address.port,
    served,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
