// Admission as Kyverno decides it, without a cluster: `kyverno apply POLICY --resource POD` (the
// Kyverno CLI evaluates ClusterPolicy verifyImages and ImageValidatingPolicy with the same engine
// the admission controller runs, pulling signatures from the registry). One Pod per image.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestDigest } from './image.js';
import type { Sandbox } from './netns.js';
import { runTool } from './verifiers.js';

export interface Admission {
  /** Every rule passed, nothing failed or errored. */
  admitted: boolean;
  /** At least one rule failed and none errored: a denial, not a crash of the check. */
  denied: boolean;
  out: string;
}

export function podManifest(name: string, image: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`;
}

/**
 * `kyverno apply` of one policy file to a Pod running `image`; HOME is a fresh dir (TUF cache), and
 * `env` may point TUF_ROOT at an initialised cache (what the controller's --tufMirror/--tufRoot set).
 */
export async function kyvernoAdmits(
  policyPath: string,
  name: string,
  image: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  via?: Pick<Sandbox, 'wrap'>,
): Promise<Admission> {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-kyverno-'));
  const pod = join(dir, `${name}.yaml`);
  await writeFile(pod, podManifest(name, image));
  const r = await runTool(
    'kyverno',
    ['apply', policyPath, '--resource', pod, ...extraArgs],
    {
      HOME: dir,
      ...env,
    },
    via,
  );
  const out = r.stdout + r.stderr;
  return {
    admitted: r.code === 0 && /pass: [1-9]\d*, fail: 0, warn: 0, error: 0/.test(out),
    denied: /fail: [1-9]\d*, warn: 0, error: 0/.test(out),
    out,
  };
}

/**
 * `image` (REPO:TAG on a loopback registry) as an ImageValidatingPolicy with `mutateDigest` leaves
 * it for validation: `REPO:TAG@DIGEST`, the digest read from the registry. In a cluster the
 * mutating webhook pins the tag before the validating webhook runs; `kyverno apply` evaluates the
 * validation only (cmd/cli/kubectl-kyverno/commands/apply: HandleValidating), where `verifyDigest`
 * refuses a bare tag ("does not have a digest").
 */
export async function pinnedLikeMutateDigest(image: string): Promise<string> {
  const m = /^([^/]+)\/(.+):([^:/@]+)$/.exec(image);
  if (!m) throw new Error(`pinnedLikeMutateDigest: ${image} is not HOST/REPO:TAG`);
  const [, host, repo, tag] = m;
  const digest = await manifestDigest(host!, repo!, tag!);
  return `${image}@${digest}`;
}
