import { ASN1Obj, X509Certificate } from '@sigstore/core';

/**
 * What a Fulcio certificate states about the signer: the SAN and the extensions Fulcio filled from
 * the claims it verified (OIDs from fulcio's docs/oid-info.md). Everything downstream — provenance,
 * policies — reads identity from here, never from the unverified token.
 */

const OID = {
  issuerV1: '1.3.6.1.4.1.57264.1.1',
  githubWorkflowTrigger: '1.3.6.1.4.1.57264.1.2',
  githubWorkflowSha: '1.3.6.1.4.1.57264.1.3',
  githubWorkflowName: '1.3.6.1.4.1.57264.1.4',
  githubWorkflowRepository: '1.3.6.1.4.1.57264.1.5',
  githubWorkflowRef: '1.3.6.1.4.1.57264.1.6',
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  buildSignerDigest: '1.3.6.1.4.1.57264.1.10',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
  sourceRepositoryIdentifier: '1.3.6.1.4.1.57264.1.15',
  sourceRepositoryOwnerUri: '1.3.6.1.4.1.57264.1.16',
  sourceRepositoryOwnerIdentifier: '1.3.6.1.4.1.57264.1.17',
  buildConfigUri: '1.3.6.1.4.1.57264.1.18',
  buildConfigDigest: '1.3.6.1.4.1.57264.1.19',
  buildTrigger: '1.3.6.1.4.1.57264.1.20',
  runInvocationUri: '1.3.6.1.4.1.57264.1.21',
  sourceRepositoryVisibilityAtSigning: '1.3.6.1.4.1.57264.1.22',
} as const;

export type FulcioExtensionName = keyof typeof OID;
export type FulcioExtensions = Partial<Record<FulcioExtensionName, string>>;

export interface CertificateIdentity {
  san: string;
  issuer: string;
  extensions: FulcioExtensions;
  notBefore: Date;
  notAfter: Date;
}

// Extensions .1.1–.1.6 hold raw bytes; .1.8 onwards a DER UTF8String (fulcio pkg/certificate/extensions.go).
const RAW = new Set<string>([
  OID.issuerV1,
  OID.githubWorkflowTrigger,
  OID.githubWorkflowSha,
  OID.githubWorkflowName,
  OID.githubWorkflowRepository,
  OID.githubWorkflowRef,
]);

export function certificateIdentity(pem: string): CertificateIdentity {
  const cert = X509Certificate.parse(pem);
  const extensions: FulcioExtensions = {};
  for (const [name, oid] of Object.entries(OID) as [FulcioExtensionName, string][]) {
    const ext = cert.extension(oid);
    if (!ext) continue;
    extensions[name] = RAW.has(oid)
      ? ext.value.toString('utf8')
      : ASN1Obj.parseBuffer(ext.value as Buffer<ArrayBuffer>).value.toString('utf8');
  }
  const san = cert.extSubjectAltName?.uri ?? cert.extSubjectAltName?.rfc822Name;
  if (!san) throw new Error('the signing certificate has no URI or email subject alternative name');
  const issuer = extensions.issuer ?? extensions.issuerV1;
  if (!issuer)
    throw new Error('the signing certificate names no OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8)');
  return { san, issuer, extensions, notBefore: cert.notBefore, notAfter: cert.notAfter };
}

/** The run id and attempt from the Run Invocation URI (…/actions/runs/<id>/attempts/<n>). */
export function runInvocation(ext: FulcioExtensions): { runId: string; attempt: number } | undefined {
  const m = /\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(ext.runInvocationUri ?? '');
  return m ? { runId: m[1]!, attempt: Number(m[2]) } : undefined;
}
