import * as core from '@actions/core';
import { actionLogger as logger } from './action/inputs.js';
import { decodeRechecks } from './attach/recheck-state.js';

/**
 * The Action's post step (action.yml `runs.post`, at the end of the job): the settle-and-re-check of
 * the shared tags the main step wrote (docs/concurrency.md). Waits only for what remains of the
 * settle delay, re-checks and repairs each tag exactly as the CLI does in process, writes one line
 * to the job summary, and fails the job when an entry cannot be restored. Credentials are resolved
 * again from the inputs, as in main: the state holds no secret.
 */

async function post(): Promise<void> {
  const rechecks = decodeRechecks((name) => core.getState(name));
  if (rechecks.length === 0) {
    logger.info('sigstamp post: no shared tag to re-check');
    return;
  }
  // The registry client and the updates are loaded only when there is something to re-check: a
  // post step with nothing to do (storage: referrers on a registry with the API) stays a no-op.
  const { recheckAll } = await import('./action/recheck-all.js');
  await recheckAll(rechecks);
}

post().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
