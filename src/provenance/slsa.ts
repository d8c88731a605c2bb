import type { CertificateIdentity } from '../sigstore/certificate.js';

/**
 * SLSA provenance from verified claims: every field comes from the Fulcio certificate's extensions,
 * which Fulcio filled from the OIDC token it verified (no second token, no network). Laid out as
 * GitHub's actions/attest lays out its provenance, so policies written for one accept the other.
 */

export const SLSA_V1 = 'https://slsa.dev/provenance/v1';
export const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
export const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';

export interface WorkflowClaims {
  serverUrl: string;
  /** owner/repo of the workflow file that defines the run (the caller in a reusable workflow). */
  workflowRepository: string;
  workflowPath: string;
  workflowRef: string;
  builderId: string;
  sourceRepositoryUri: string;
  sourceRef: string;
  sourceDigest: string;
  eventName: string;
  repositoryId: string;
  repositoryOwnerId: string;
  runnerEnvironment: string;
  invocationId: string;
}

export class ProvenanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProvenanceError';
  }
}

/** Reads the workflow claims from the certificate; fails naming the missing extension. */
export function workflowClaims(id: CertificateIdentity): WorkflowClaims {
  const e = id.extensions;
  const need = (name: keyof typeof e, oid: string): string => {
    const v = e[name];
    if (!v) {
      throw new ProvenanceError(
        `the signing certificate lacks the Fulcio extension ${name} (${oid}) that provenance needs; ` +
          'provenance can only be built from a GitHub Actions identity issued by a Fulcio that sets the CI extensions',
      );
    }
    return v;
  };
  const buildConfigUri = need('buildConfigUri', '1.3.6.1.4.1.57264.1.18');
  // Build Config URI = server + "/" + workflow_ref, e.g. https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1
  const m = /^(https?:\/\/[^/]+)\/([^/]+\/[^/]+)\/(.+)@(.+)$/.exec(buildConfigUri);
  if (!m)
    throw new ProvenanceError(
      `cannot read a workflow reference from the Build Config URI "${buildConfigUri}"`,
    );
  return {
    serverUrl: m[1]!,
    workflowRepository: m[2]!,
    workflowPath: m[3]!,
    workflowRef: m[4]!,
    builderId: need('buildSignerUri', '1.3.6.1.4.1.57264.1.9'),
    sourceRepositoryUri: need('sourceRepositoryUri', '1.3.6.1.4.1.57264.1.12'),
    sourceRef: need('sourceRepositoryRef', '1.3.6.1.4.1.57264.1.14'),
    sourceDigest: need('sourceRepositoryDigest', '1.3.6.1.4.1.57264.1.13'),
    eventName: need('buildTrigger', '1.3.6.1.4.1.57264.1.20'),
    repositoryId: e.sourceRepositoryIdentifier ?? '',
    repositoryOwnerId: e.sourceRepositoryOwnerIdentifier ?? '',
    runnerEnvironment: e.runnerEnvironment ?? '',
    invocationId: need('runInvocationUri', '1.3.6.1.4.1.57264.1.21'),
  };
}

export function slsaV1(c: WorkflowClaims): Record<string, unknown> {
  return {
    buildDefinition: {
      buildType: GITHUB_WORKFLOW_BUILD_TYPE,
      externalParameters: {
        workflow: {
          ref: c.workflowRef,
          repository: `${c.serverUrl}/${c.workflowRepository}`,
          path: c.workflowPath,
        },
      },
      internalParameters: {
        github: {
          event_name: c.eventName,
          repository_id: c.repositoryId,
          repository_owner_id: c.repositoryOwnerId,
          runner_environment: c.runnerEnvironment,
        },
      },
      resolvedDependencies: [
        { uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`, digest: { gitCommit: c.sourceDigest } },
      ],
    },
    runDetails: {
      builder: { id: c.builderId },
      metadata: { invocationId: c.invocationId },
    },
  };
}

/** SLSA v0.2, for policies that still check it (as GitHub's former generic generator wrote it). */
export function slsaV02(c: WorkflowClaims): Record<string, unknown> {
  return {
    builder: { id: c.builderId },
    buildType: GITHUB_WORKFLOW_BUILD_TYPE,
    invocation: {
      configSource: {
        uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`,
        digest: { sha1: c.sourceDigest },
        entryPoint: c.workflowPath,
      },
      parameters: {},
      environment: {
        github_event_name: c.eventName,
        github_repository_id: c.repositoryId,
        github_repository_owner_id: c.repositoryOwnerId,
        github_runner_environment: c.runnerEnvironment,
      },
    },
    metadata: {
      buildInvocationId: c.invocationId,
      completeness: { parameters: true, environment: false, materials: false },
      reproducible: false,
    },
    materials: [{ uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`, digest: { sha1: c.sourceDigest } }],
  };
}
