import type { Repository } from '../oci/client.js';
import { listReferrers, type ReferrerList } from '../oci/referrers.js';

/** Step 8 of the pipeline: what the run reports besides what it published. */

/** The subject's referrers as they stand now, with a warning well before Kyverno stops coping. */
export async function referrersForReport(
  repo: Repository,
  digest: string,
  warn: (m: string) => void,
): Promise<ReferrerList> {
  const referrers = await listReferrers(repo, digest);
  if (referrers.referrers.length >= 40) {
    warn(
      `${repo}@${digest} has ${referrers.referrers.length} referrers; Kyverno's SigstoreBundle verification fails above 50. Remove old ones`,
    );
  }
  return referrers;
}

/**
 * Wall time between consecutive marks, named by the phase each mark ends: one debug line for
 * whoever tunes a pipeline (bench/e2e.ts reads it).
 */
export class PhaseClock {
  private last = Date.now();
  private readonly phases: [string, number][] = [];

  mark(phase: string): void {
    const now = Date.now();
    this.phases.push([phase, now - this.last]);
    this.last = now;
  }

  toString(): string {
    return this.phases.map(([p, ms]) => `${p} ${ms}`).join(', ');
  }
}
