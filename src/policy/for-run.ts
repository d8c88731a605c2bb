import { readFile } from 'node:fs/promises';
import { isLoopbackRegistry } from '../oci/reference.js';
import type { Options } from '../options.js';
import type { CertificateIdentity } from '../sigstore/certificate.js';
import { trustPems, type Trust } from '../sigstore/trust.js';
import { cosignCommands, ghAttestationCommand } from './commands.js';
import { allPolicies, type GeneratedPolicy, type PolicyInput } from './consumers.js';
import { policyFor } from './signing-identity.js';

/** The policies and verify commands for THIS run's signing identity, what it published and where. */

export interface RunPolicies {
  input: PolicyInput;
  policies: GeneratedPolicy[];
  cosign: string[];
  gh?: string;
}

export async function policiesForRun(
  opts: Options,
  identity: CertificateIdentity,
  digest: string,
  predicateTypes: string[],
  trust: Trust | undefined,
): Promise<RunPolicies> {
  const { policy } = policyFor(identity);
  let sigstore: PolicyInput['sigstore'] = { kind: 'public-good' };
  if (opts.sigstore.kind === 'custom') {
    const pems = trust ? trustPems(trust.trustedRoot) : { fulcioChainPem: '' };
    sigstore = {
      kind: 'custom',
      fulcioUrl: opts.sigstore.fulcioUrl,
      ...(opts.sigstore.rekorUrl ? { rekorUrl: opts.sigstore.rekorUrl } : {}),
      ...(opts.sigstore.tsaUrl ? { tsaUrl: opts.sigstore.tsaUrl } : {}),
      ...pems,
      ctlog: false,
      ...(opts.sigstore.trustedRoot
        ? {
            trustedRootJson: await readFile(opts.sigstore.trustedRoot, 'utf8'),
            trustedRootPath: opts.sigstore.trustedRoot,
          }
        : {}),
      ...(opts.sigstore.tuf
        ? {
            tuf: { mirror: opts.sigstore.tuf.mirror, rootJson: opts.sigstore.tuf.rootJson },
          }
        : {}),
    };
  }
  const input: PolicyInput = {
    policy,
    image: opts.image,
    digest,
    predicateTypes,
    storage: opts.storage,
    action: opts.policyAction,
    sigstore,
    ...(isLoopbackRegistry(opts.image.registry) || opts.insecureRegistries.includes(opts.image.registry)
      ? { insecureRegistry: true }
      : {}),
  };
  const gh = ghAttestationCommand(input);
  return { input, policies: allPolicies(input), cosign: cosignCommands(input), ...(gh ? { gh } : {}) };
}
