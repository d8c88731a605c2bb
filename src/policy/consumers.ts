// Ready-to-apply admission policies and verification commands for the identity that signed THIS
// run: Kyverno (ClusterPolicy `type: Cosign`, `type: SigstoreBundle`, ImageValidatingPolicy),
// policy-controller (ClusterImagePolicy), cosign and gh commands.
//
// This module assembles them (`allPolicies`) and is the one import for their callers. The input
// and the shared naming rules are in input.ts, the shared text in render.ts; the text of each
// consumer is built in kyverno.ts, kyverno-ivp.ts, policy-controller.ts and commands.ts, which
// import only those two, never this module. Pure: no network, no files.
import { kyvernoClusterPolicyBundle, kyvernoClusterPolicyCosign } from './kyverno.js';
import { kyvernoImageValidatingPolicy } from './kyverno-ivp.js';
import { policyControllerClusterImagePolicy } from './policy-controller.js';
import type { GeneratedPolicy, PolicyInput } from './input.js';

export * from './input.js';
export * from './render.js';
export { kyvernoClusterPolicyBundle, kyvernoClusterPolicyCosign } from './kyverno.js';
export { kyvernoImageValidatingPolicy } from './kyverno-ivp.js';
export { policyControllerClusterImagePolicy } from './policy-controller.js';
export { cosignCommands, ghAttestationCommand, shellQuote } from './commands.js';

/**
 * The policies that reach every consumer of what was published: `type: Cosign` reads only the
 * legacy `.sig`/`.att` tags, `SigstoreBundle` and ImageValidatingPolicy only bundle referrers
 * (once one exists), policy-controller either (its authority's signatureFormat).
 */
export function allPolicies(i: PolicyInput): GeneratedPolicy[] {
  const out: GeneratedPolicy[] = [];
  if (i.storage !== 'referrers') out.push(kyvernoClusterPolicyCosign(i));
  if (i.storage !== 'legacy') out.push(kyvernoClusterPolicyBundle(i), kyvernoImageValidatingPolicy(i));
  out.push(policyControllerClusterImagePolicy(i));
  return out;
}
