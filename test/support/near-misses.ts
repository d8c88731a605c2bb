// The identities that must NOT pass a policy written for the release workflow of DEFAULT_REPO on a
// tag push: the OIDC claims (for the loopback issuer's setClaims) of a signer that is almost it.
// One definition for every consumer's conformance suite, so each refuses the same near misses.
import { DEFAULT_REPO, type GitHubClaims } from './sigstore/index.js';

/** The workflow that signs in the tests: release.yml of DEFAULT_REPO at tag v1.2.3. */
export const RELEASE = `${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`;
/** A repository whose name starts with DEFAULT_REPO's (`app` vs `app-evil`). */
export const PREFIX_REPO = `${DEFAULT_REPO}-evil`;

const OTHER_WORKFLOW = RELEASE.replace('release.yml', 'other.yml');
const OTHER_BRANCH = `${DEFAULT_REPO}/.github/workflows/release.yml@refs/heads/feature`;
const PREFIX_RELEASE = RELEASE.replace(DEFAULT_REPO, PREFIX_REPO);

export const NEAR_MISS_CLAIMS = {
  /** Another workflow file of the same repository, same tag. */
  otherWorkflow: { job_workflow_ref: OTHER_WORKFLOW, workflow_ref: OTHER_WORKFLOW },
  /** The same workflow file run from a branch. */
  otherBranch: {
    job_workflow_ref: OTHER_BRANCH,
    workflow_ref: OTHER_BRANCH,
    ref: 'refs/heads/feature',
    ref_type: 'branch',
  },
  /** The same workflow file and tag in the repository sharing the name prefix. */
  prefixRepo: {
    repository: PREFIX_REPO,
    repository_id: '666',
    sub: `repo:${PREFIX_REPO}:ref:refs/tags/v1.2.3`,
    job_workflow_ref: PREFIX_RELEASE,
    workflow_ref: PREFIX_RELEASE,
  },
} satisfies Record<string, Partial<GitHubClaims>>;
