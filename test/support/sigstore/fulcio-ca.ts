// The certificate authority behind the Fulcio stand-in: a root + intermediate shaped like
// public-good Fulcio's (P-384, O=sigstore.dev, CN=sigstore / sigstore-intermediate), and leaves
// built the way Fulcio v1.8.8 builds them for a `ci-provider` issuer of type `github-workflow`:
//  - pkg/ca/common.go MakeX509: random serial, notBefore = now, notAfter = now + 10 min,
//    KeyUsage digitalSignature, ExtKeyUsage codeSigning, SubjectKeyId; empty subject, so Go's
//    x509.CreateCertificate marks the SAN critical;
//  - pkg/identity/ciprovider/principal.go Embed: SAN URI and extension values from the templates of
//    config/identity/config.yaml (`ci-issuer-metadata.github-workflow`), claims over the default
//    template values (url = https://github.com), a template naming a missing claim is an error;
//  - pkg/certificate/extensions.go Render: .1.1–.1.6 as raw bytes (the deprecated, wrongly encoded
//    ones), .1.8 onward as DER UTF8String, empty values omitted, issuer and raw `sub` (.1.24)
//    always from the token.
import { randomBytes, webcrypto } from 'node:crypto';
import { x509 } from '../x509.js';
import { derUtf8String, nowSeconds, toPem } from './common.js';

export const FULCIO_OID = (n: number): string => `1.3.6.1.4.1.57264.1.${n}`;

/** config/identity/config.yaml, github-workflow extension-templates (Fulcio v1.8.8), in OID order. */
const GITHUB_TEMPLATES: Array<[oid: number, template: string]> = [
  [2, 'event_name'], // github-workflow-trigger (deprecated)
  [3, 'sha'], // github-workflow-sha (deprecated)
  [4, 'workflow'], // github-workflow-name (deprecated)
  [5, 'repository'], // github-workflow-repository (deprecated)
  [6, 'ref'], // github-workflow-ref (deprecated)
  [9, '{{ .url }}/{{ .job_workflow_ref }}'], // build-signer-uri
  [10, 'job_workflow_sha'], // build-signer-digest
  [11, 'runner_environment'],
  [12, '{{ .url }}/{{ .repository }}'], // source-repository-uri
  [13, 'sha'], // source-repository-digest
  [14, 'ref'], // source-repository-ref
  [15, 'repository_id'], // source-repository-identifier
  [16, '{{ .url }}/{{ .repository_owner }}'], // source-repository-owner-uri
  [17, 'repository_owner_id'], // source-repository-owner-identifier
  [18, '{{ .url }}/{{ .workflow_ref }}'], // build-config-uri
  [19, 'workflow_sha'], // build-config-digest
  [20, 'event_name'], // build-trigger
  [21, '{{ .url }}/{{ .repository }}/actions/runs/{{ .run_id }}/attempts/{{ .run_attempt }}'],
  [22, 'repository_visibility'], // source-repository-visibility-at-signing
  [23, 'environment'], // deployment-environment ("" by default: omitted)
];
const SAN_TEMPLATE = '{{ .url }}/{{ .job_workflow_ref }}';

/** A request Fulcio refuses as invalid (gRPC InvalidArgument → HTTP 400). */
export class ValidationError extends Error {}

/** ciprovider mapValuesToString: whole floats print as integers, everything else with %v. */
function claimStrings(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** ciprovider applyTemplateOrReplace: a Go template over the merged data, else a claim name. */
function applyTemplate(template: string, data: Record<string, string>): string {
  if (template.includes('{{')) {
    return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => {
      const v = data[key];
      if (v === undefined) throw new ValidationError(`template: map has no entry for key "${key}"`);
      return v;
    });
  }
  const v = data[template];
  if (v === undefined)
    throw new ValidationError(`value <${template}> not present in either claims or defaults`);
  return v;
}

export interface IssuedIdentity {
  san: string;
  /** OID → decoded string value, as a verifier reads them. */
  extensions: Record<string, string>;
}

/** The SAN and Fulcio extension values real Fulcio derives from a GitHub token's claims. */
export function githubIdentity(
  claims: Record<string, unknown>,
  serverUrl = 'https://github.com',
): IssuedIdentity {
  const data = { url: serverUrl, environment: '', ...claimStrings(claims) };
  const issuer = String(claims.iss ?? '');
  const subject = String(claims.sub ?? '');
  const extensions: Record<string, string> = { [FULCIO_OID(1)]: issuer };
  for (const [n, template] of GITHUB_TEMPLATES) {
    const value = applyTemplate(template, data);
    if (value !== '') extensions[FULCIO_OID(n)] = value;
  }
  extensions[FULCIO_OID(8)] = issuer;
  if (subject) extensions[FULCIO_OID(24)] = subject;
  return { san: applyTemplate(SAN_TEMPLATE, data), extensions };
}

/** Extensions.Render(): the order and the two encodings of pkg/certificate/extensions.go. */
function renderExtensions(id: IssuedIdentity): x509.Extension[] {
  const oids = Object.keys(id.extensions).sort(
    (a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()),
  );
  return oids.map((oid) => {
    const n = Number(oid.split('.').pop());
    const value = id.extensions[oid] ?? '';
    return new x509.Extension(oid, false, n <= 6 ? Buffer.from(value, 'utf8') : derUtf8String(value));
  });
}

/** Go's cryptoutils.GenerateSerialNumber: 20 random bytes, kept positive. */
function serial(): string {
  const b = randomBytes(20);
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01;
  return b.toString('hex');
}

const CA_ALG = { name: 'ECDSA', hash: 'SHA-384' } as const;
const CA_KEY = { name: 'ECDSA', namedCurve: 'P-384' } as const;

export interface FulcioCa {
  root: x509.X509Certificate;
  intermediate: x509.X509Certificate;
  /** [intermediate, root] as PEM, the order Fulcio's trustBundle and signingCert chains use. */
  chainPem: string[];
  issue(publicKeySpki: Buffer, identity: IssuedIdentity): Promise<x509.X509Certificate>;
}

export async function createFulcioCa(): Promise<FulcioCa> {
  const rootKeys = (await webcrypto.subtle.generateKey(CA_KEY, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const intKeys = (await webcrypto.subtle.generateKey(CA_KEY, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  // Backdated an hour: the trusted root's validFor starts at the root's notBefore (what
  // `cosign trusted-root create` derives), and nothing signed "now" may fall before it.
  const notBefore = new Date((nowSeconds() - 3600) * 1000);
  const notAfter = new Date((nowSeconds() + 10 * 365 * 86_400) * 1000);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'O=sigstore.dev, CN=sigstore',
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: CA_ALG,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.BasicConstraintsExtension(true, 1, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  // Fulcio's VerifyCertChain (pkg/ca/common.go) requires code-signing EKU on an intermediate,
  // and Go enforces EKU chaining from it down to the leaf.
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'O=sigstore.dev, CN=sigstore-intermediate',
    issuer: root.subject,
    notBefore,
    notAfter,
    publicKey: intKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: CA_ALG,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
      new x509.BasicConstraintsExtension(true, 0, true),
      await x509.SubjectKeyIdentifierExtension.create(intKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const aki = await x509.AuthorityKeyIdentifierExtension.create(intKeys.publicKey);

  return {
    root,
    intermediate,
    chainPem: [
      toPem(new Uint8Array(intermediate.rawData), 'CERTIFICATE'),
      toPem(new Uint8Array(root.rawData), 'CERTIFICATE'),
    ],
    async issue(publicKeySpki, identity) {
      const now = nowSeconds();
      return x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: '',
        issuer: intermediate.subject,
        notBefore: new Date(now * 1000),
        notAfter: new Date((now + 600) * 1000),
        publicKey: publicKeySpki,
        signingKey: intKeys.privateKey,
        signingAlgorithm: CA_ALG,
        extensions: [
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
          await x509.SubjectKeyIdentifierExtension.create(publicKeySpki),
          aki,
          new x509.SubjectAlternativeNameExtension([{ type: 'url', value: identity.san }], true),
          ...renderExtensions(identity),
        ],
      });
    },
  };
}
