import type { CertificateIdentity } from '../sigstore/certificate.js';
import { identityPolicy, type IdentityPolicy, type SigningIdentity } from './identity.js';
import { checkPolicy } from './self-check.js';

/** The policy for the certificate actually issued, self-checked against its near misses before use. */
export function policyFor(cert: CertificateIdentity): { identity: SigningIdentity; policy: IdentityPolicy } {
  const e = cert.extensions;
  const identity: SigningIdentity = {
    san: cert.san,
    issuer: cert.issuer,
    ...(e.buildConfigUri ? { buildConfigUri: e.buildConfigUri } : {}),
    ...(e.sourceRepositoryUri ? { sourceRepositoryUri: e.sourceRepositoryUri } : {}),
    ...(e.sourceRepositoryRef ? { sourceRepositoryRef: e.sourceRepositoryRef } : {}),
    ...(e.runInvocationUri ? { runInvocationUri: e.runInvocationUri } : {}),
  };
  const policy = identityPolicy(identity);
  checkPolicy(policy, identity);
  return { identity, policy };
}
