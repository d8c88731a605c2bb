import * as core from '@actions/core';
import { readInputs, actionLogger as logger } from './action/inputs.js';
import { loadRechecks } from './action/state.js';
import { recheckSummaryLine, resumeRecheck, type RecheckOutcome } from './attach/recheck.js';
import { parseReference } from './oci/reference.js';
import { parseOptions } from './options.js';
import { clientFor } from './registry-client.js';

/**
 * The Action's post step (action.yml `runs.post`, at the end of the job): the settle-and-re-check of
 * the shared tags the main step wrote (docs/concurrency.md). Waits only for what remains of the
 * settle delay, re-checks and repairs each tag exactly as the CLI does in process, writes one line
 * to the job summary, and fails the job when an entry cannot be restored. Credentials are resolved
 * again from the inputs, as in main: the state holds no secret.
 */

async function post(): Promise<void> {
  const rechecks = loadRechecks();
  if (rechecks.length === 0) {
    logger.info('sigstamp post: no shared tag to re-check');
    return;
  }
  const options = parseOptions(readInputs());
  const client = clientFor(options, { logger });
  const outcomes: RecheckOutcome[] = [];
  const failures: string[] = [];
  try {
    await Promise.all(
      rechecks.map(async (r) => {
        const where = `${r.registry}/${r.repository}:${r.tag}`;
        try {
          const repo = client.repository(parseReference(`${r.registry}/${r.repository}`));
          const outcome = await resumeRecheck(repo, r);
          outcomes.push(outcome);
          logger.info(
            `${where}: re-checked after ${outcome.waitedMs} ms more of settle delay` +
              (outcome.result.repairs
                ? `; restored entries a concurrent writer had removed (${outcome.result.repairs} repair(s))`
                : '; every entry present'),
          );
        } catch (err) {
          failures.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
  } finally {
    await client.close();
  }
  const line = failures.length
    ? `sigstamp: could not restore this run's entries in ${failures.length} shared tag(s): ${failures.join('; ')}`
    : recheckSummaryLine(outcomes);
  if (options.showSummary) await core.summary.addRaw(line, true).write();
  if (failures.length)
    core.setFailed(
      `sigstamp post step: this run's signature or attestation entries are missing from shared tags and could not be restored:\n` +
        failures.map((f) => `  - ${f}`).join('\n') +
        '\nVerifiers reading those tags will not find them; run the workflow again (a re-run replaces its earlier entries).',
    );
}

post().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
