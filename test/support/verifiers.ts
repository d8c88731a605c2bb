import { execFile } from 'node:child_process';
import type { Sandbox } from './netns.js';
import { toolPath } from './tools.js';
import type { SigstoreUnderTest } from './sigstore/index.js';

/** The real verifiers, run as users run them, against loopback registries and trust material. */

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTool(
  tool: string,
  args: string[],
  env: Record<string, string> = {},
  /** Runs it inside this sandbox (test/support/netns.ts): real hostnames on loopback. */
  via?: Pick<Sandbox, 'wrap'>,
): Promise<ToolRun> {
  const [cmd, argv] = via ? via.wrap(toolPath(tool), args) : [toolPath(tool), args];
  return new Promise((resolve) => {
    execFile(
      cmd,
      argv,
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        maxBuffer: 64 << 20,
        timeout: 180_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Identity {
  regexp: string;
  issuer: string;
}

/** cosign v2.6 / v3 with a trusted_root.json (`mode: legacy` makes v3 read the .sig/.att tags only). */
export function cosignVerify(
  tool: 'cosign2' | 'cosign3',
  s: SigstoreUnderTest,
  ref: string,
  id: Identity,
  opts: { attestationType?: string; legacy?: boolean; timestampOnly?: boolean } = {},
): Promise<ToolRun> {
  const args = [
    opts.attestationType ? 'verify-attestation' : 'verify',
    ...(opts.attestationType ? ['--type', opts.attestationType] : []),
    '--trusted-root',
    s.trustedRootPath,
    '--certificate-identity-regexp',
    id.regexp,
    '--certificate-oidc-issuer',
    id.issuer,
    '--insecure-ignore-sct',
    ...(opts.legacy ? ['--new-bundle-format=false'] : []),
    // A signature timestamped but never logged: what sigstamp prints for TSA-only signing.
    ...(opts.timestampOnly ? ['--insecure-ignore-tlog', '--use-signed-timestamps'] : []),
    '--output',
    'json',
    ref,
  ];
  return runTool(tool, args, { COSIGN_EXPERIMENTAL: '0', TUF_ROOT: '/nonexistent-tuf-root' });
}

/**
 * cosign v2 on the legacy tags, with its trust from the environment (SIGSTORE_ROOT_FILE,
 * SIGSTORE_REKOR_PUBLIC_KEY): v2.2.4 — the generation older Kyverno releases embed — reads nothing
 * else, and v2.6's verify-attestation takes --trusted-root only with the new bundle format.
 */
export function cosignEnvVerify(
  tool: 'cosign2' | 'cosign22',
  s: SigstoreUnderTest,
  ref: string,
  id: Identity,
  attestationType?: string,
): Promise<ToolRun> {
  const args = [
    attestationType ? 'verify-attestation' : 'verify',
    ...(attestationType ? ['--type', attestationType] : []),
    '--certificate-identity-regexp',
    id.regexp,
    '--certificate-oidc-issuer',
    id.issuer,
    '--insecure-ignore-sct',
    '--output',
    'json',
    ref,
  ];
  return runTool(tool, args, { ...s.legacyEnv, TUF_ROOT: '/nonexistent-tuf-root' });
}

export function cosign22Verify(
  s: SigstoreUnderTest,
  ref: string,
  id: Identity,
  attestationType?: string,
): Promise<ToolRun> {
  return cosignEnvVerify('cosign22', s, ref, id, attestationType);
}
