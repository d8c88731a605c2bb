// Admission as policy-controller decides it, without a cluster: its own tester
// (sigstore/policy-controller cmd/tester) compiles ClusterImagePolicies with the webhook's code and
// runs webhook.ValidatePolicy against an image in the registry. It exits 0 with nothing on stdout
// when every matching policy passes, 1 with `{"errors":[…],"warnings":[…]}` on stdout when one
// fails, and 1 through log.Fatal (stderr, no JSON) when it cannot even compile the policy.
//
// Its -policy file holds ClusterImagePolicies (and Secrets) only: any other kind is "unknown type"
// (pkg/policy/validate.go), so the TrustRoot sigstamp prints in the same file goes to -trustroot,
// which reads exactly one TrustRoot (main.go unmarshals one v1alpha1.TrustRoot).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { runTool } from './verifiers.js';
import type { Admission } from './kyverno.js';

export interface PolicyControllerFiles {
  /** Every ClusterImagePolicy of the printed file, as admission would apply them together. */
  all: string;
  /** Each ClusterImagePolicy alone, by metadata.name. */
  each: Record<string, string>;
  /** The TrustRoot document, when the file has one. */
  trustRoot?: string;
}

/** Splits the printed policy-controller file into what the tester's flags take. */
export async function splitPolicyControllerFile(path: string): Promise<PolicyControllerFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'sigstamp-policy-tester-'));
  const docs = parseAllDocuments(await readFile(path, 'utf8')).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string } },
  );
  const kinds = docs.map((d) => d.kind);
  const unexpected = kinds.filter((k) => k !== 'TrustRoot' && k !== 'ClusterImagePolicy');
  if (unexpected.length) throw new Error(`${path}: unexpected kinds ${unexpected.join(', ')}`);
  const trustRoots = docs.filter((d) => d.kind === 'TrustRoot');
  if (trustRoots.length > 1)
    throw new Error(`${path}: ${trustRoots.length} TrustRoots; the tester takes one`);
  const cips = docs.filter((d) => d.kind === 'ClusterImagePolicy');
  const files: PolicyControllerFiles = { all: join(dir, 'all.yaml'), each: {} };
  await writeFile(files.all, cips.map((d) => stringify(d)).join('---\n'));
  for (const d of cips) {
    const p = join(dir, `${d.metadata.name}.yaml`);
    await writeFile(p, stringify(d));
    files.each[d.metadata.name] = p;
  }
  if (trustRoots[0]) {
    files.trustRoot = join(dir, 'trustroot.yaml');
    await writeFile(files.trustRoot, stringify(trustRoots[0]));
  }
  return files;
}

export interface PolicyTesterAdmission extends Admission {
  /** The tester's `errors`, when it printed its JSON verdict. */
  errors: string[];
  warnings: string[];
}

/**
 * `policy-tester -policy POLICY -image IMAGE [-trustroot T] [-enable-oci11]`. HOME is a fresh dir
 * (no TUF cache is shared). `denied` is the tester's verdict (its JSON with errors), never a crash.
 */
export async function policyTesterAdmits(
  policyPath: string,
  image: string,
  opts: { trustRoot?: string; oci11?: boolean } = {},
): Promise<PolicyTesterAdmission> {
  const home = await mkdtemp(join(tmpdir(), 'sigstamp-policy-tester-home-'));
  const args = ['-policy', policyPath, '-image', image, '-log-level', 'warn'];
  if (opts.trustRoot) args.push('-trustroot', opts.trustRoot);
  if (opts.oci11) args.push('-enable-oci11');
  const r = await runTool('policy-tester', args, { HOME: home });
  let verdict: { errors?: string[]; warnings?: string[] } | undefined;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (line.startsWith('{')) {
    try {
      verdict = JSON.parse(line) as typeof verdict;
    } catch {
      verdict = undefined;
    }
  }
  const errors = verdict?.errors ?? [];
  return {
    admitted: r.code === 0 && !verdict,
    denied: r.code !== 0 && errors.length > 0,
    errors,
    warnings: verdict?.warnings ?? [],
    out: `exit ${r.code}\n${r.stdout}${r.stderr}`,
  };
}
