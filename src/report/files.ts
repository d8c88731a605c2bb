import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunPolicies } from '../policy/for-run.js';
import { SLSA_V02, SLSA_V1 } from '../provenance/slsa.js';
import type { SignedStatement } from '../sigstore/sign.js';

/**
 * The run's files in output-dir: every bundle, the provenance statement, the policies and a
 * verify-commands.sh, for the steps after this one and for whoever applies the policies.
 */

export interface OutputFiles {
  bundles: string[];
  provenance?: string;
  policies: string[];
}

function slug(predicateType: string): string {
  return predicateType.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}

export async function writeOutputs(
  dir: string,
  policies: RunPolicies,
  signed: SignedStatement[],
): Promise<OutputFiles> {
  await mkdir(dir, { recursive: true });
  const bundles: string[] = [];
  let provenance: string | undefined;
  for (const [i, s] of signed.entries()) {
    const base = `${String(i + 1).padStart(2, '0')}-${slug(s.statement.predicateType)}`;
    const path = join(dir, `${base}.sigstore.json`);
    await writeFile(path, s.bundleJson);
    bundles.push(path);
    if (s.statement.predicateType === SLSA_V1 || s.statement.predicateType === SLSA_V02) {
      provenance = join(dir, 'provenance.intoto.json');
      await writeFile(provenance, JSON.stringify(s.statement, null, 2) + '\n');
    }
  }
  const policyFiles: string[] = [];
  for (const p of policies.policies) {
    const path = join(dir, p.filename);
    await writeFile(path, p.text);
    policyFiles.push(path);
  }
  const { sigstore } = policies.input;
  if (
    sigstore.kind === 'custom' &&
    sigstore.instance === 'github' &&
    sigstore.trustedRootJson &&
    sigstore.trustedRootPath
  ) {
    // GitHub's trusted root as fetched through its TUF: what the cosign commands' --trusted-root name.
    await writeFile(sigstore.trustedRootPath, sigstore.trustedRootJson + '\n');
    policyFiles.push(sigstore.trustedRootPath);
  }
  const commands = join(dir, 'verify-commands.sh');
  // gh is optional where this script runs; cosign is what every consumer's check reduces to.
  const gh = policies.gh ? [`if command -v gh >/dev/null 2>&1; then ${policies.gh}; fi`] : [];
  await writeFile(commands, ['#!/bin/sh', 'set -e', ...policies.cosign, ...gh].join('\n') + '\n', {
    mode: 0o755,
  });
  policyFiles.push(commands);
  return { bundles, ...(provenance ? { provenance } : {}), policies: policyFiles };
}
