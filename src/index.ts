// First: tunes the GC before anything else allocates (see the module).
import './gc-tuning.js';
import * as core from '@actions/core';
import type { OutputName } from './inputs.js';
import { parseOptions } from './options.js';
import { run } from './run.js';
import { summaryMarkdown } from './report/summary.js';
import { MISSING_ID_TOKEN_PERMISSION, IdentityTokenError, type TokenSource } from './sigstore/token.js';
import { actionOutputs } from './report/outputs.js';
import { actionLogger as logger, readInputs } from './action/inputs.js';
import { handOverQueue } from './action/state.js';
import { storeFailure } from './github/for-run.js';

/**
 * The Action's main step: fills Options from the inputs, calls run(), reports. Shared tags'
 * settle-and-re-check is handed to the post step (src/post.ts) through the step state, so this step
 * ends once everything is written and verified by digest (docs/concurrency.md, "In the Action").
 */

/** core.getIDToken masks the token it returns; the env check gives the fix instead of a bare failure. */
const githubToken: TokenSource = {
  description: 'the GitHub Actions OIDC token service',
  async getToken(audience) {
    if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
      throw new IdentityTokenError(MISSING_ID_TOKEN_PERMISSION);
    }
    return core.getIDToken(audience);
  },
};

async function main(): Promise<void> {
  const options = parseOptions(readInputs());
  // Each shared tag's re-check is saved for the post step the moment it is handed over: also when
  // the run fails (or is cancelled) later, whatever entry it did write still gets its re-check.
  const settle = handOverQueue();
  try {
    const result = await run(options, { logger, tokenSource: githubToken, settle });
    for (const [name, value] of Object.entries(actionOutputs(result)) as [OutputName, string][])
      core.setOutput(name, value);
    if (options.showSummary) await core.summary.addRaw(summaryMarkdown(result)).write();
    // Reported first (outputs, summary), then failed: the registry copy is complete, the store is not.
    const incomplete = storeFailure(result.signing?.store);
    if (incomplete) throw incomplete;
  } finally {
    const rechecks = settle.handedOver();
    if (rechecks.length)
      logger.info(
        `${rechecks.length} shared tag(s) (${rechecks.map((r) => r.tag).join(', ')}) are re-checked by this action's post step at the end of the job`,
      );
  }
}

main().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
