import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { isLoopbackRegistry } from '../oci/reference.js';
import type { RunOptions } from '../options.js';
import type { CertificateIdentity } from '../sigstore/certificate.js';
import { trustPems, type Trust } from '../sigstore/trust.js';
import { GITHUB_TRUSTED_ROOT_FILE } from './input.js';
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
  opts: RunOptions,
  identity: CertificateIdentity,
  digest: string,
  predicateTypes: string[],
  trust: Trust | undefined,
): Promise<RunPolicies> {
  const { policy } = policyFor(identity);
  let sigstore: PolicyInput['sigstore'] = { kind: 'public-good' };
  const s = opts.sigstore;
  if (s.kind === 'custom' || s.kind === 'github') {
    const pems = trust ? trustPems(trust.trustedRoot) : { fulcioChainPem: '' };
    // GitHub's instance has no file of its own: the root it was verified against, from its TUF.
    const trustedRootJson = s.trustedRoot
      ? await readFile(s.trustedRoot, 'utf8')
      : trust
        ? JSON.stringify(TrustedRoot.toJSON(trust.trustedRoot))
        : undefined;
    sigstore = {
      kind: 'custom',
      ...(s.kind === 'github' ? { instance: 'github' as const } : {}),
      fulcioUrl: s.fulcioUrl,
      ...(s.rekorUrl ? { rekorUrl: s.rekorUrl } : {}),
      ...(s.tsaUrl ? { tsaUrl: s.tsaUrl } : {}),
      ...pems,
      ctlog: false,
      ...(trustedRootJson ? { trustedRootJson } : {}),
      ...(s.trustedRoot
        ? { trustedRootPath: s.trustedRoot }
        : s.kind === 'github'
          ? { trustedRootPath: join(opts.outputDir, GITHUB_TRUSTED_ROOT_FILE) }
          : {}),
      ...(s.tuf ? { tuf: { mirror: s.tuf.mirror, rootJson: s.tuf.rootJson } } : {}),
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
