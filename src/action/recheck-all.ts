import * as core from '@actions/core';
import { recheckSummaryLine, resumeRecheck, type RecheckOutcome } from '../attach/recheck.js';
import { parseReference } from '../oci/reference.js';
import type { PendingRecheck } from '../oci/shared-tag.js';
import { parseOptions } from '../options.js';
import { clientFor } from '../registry-client.js';
import { actionLogger as logger, readInputs } from './inputs.js';

/** The post step's work when main left re-checks (src/post.ts loads it only then). */
export async function recheckAll(rechecks: readonly PendingRecheck[]): Promise<void> {
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
