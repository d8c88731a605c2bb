import type { Repository } from '../oci/client.js';
import { fallbackIndexUpdate, type FallbackRecheck } from '../oci/referrers.js';
import {
  SHARED_TAG_TIMING,
  remainingDelayMs,
  settleSharedTag,
  type PendingRecheck,
  type SharedTagResult,
  type SharedTagUpdate,
} from '../oci/shared-tag.js';
import { keyHash, legacyTagUpdate, type LegacyRecheck } from './cosign-legacy.js';

/**
 * The settle-and-re-check of a shared tag resumed in another process (the Action's post step): the
 * SAME update the main step's write used (legacyTagUpdate, fallbackIndexUpdate), rebuilt from what
 * main described, and the same settle loop, whose first wait is only what remains of the delay.
 */

export interface RecheckOutcome {
  /** `registry/repository:tag`. */
  where: string;
  result: SharedTagResult;
  waitedMs: number;
}

export async function resumeRecheck(
  repo: Repository,
  pending: PendingRecheck,
  now: () => number = Date.now,
): Promise<RecheckOutcome> {
  const check = pending.check as LegacyRecheck | FallbackRecheck;
  const waitedMs = remainingDelayMs(pending.notBefore, now(), SHARED_TAG_TIMING.settleMs);
  const settle = <T>(update: SharedTagUpdate<T>) =>
    settleSharedTag(repo, pending.tag, update, SHARED_TAG_TIMING, waitedMs);
  let result: SharedTagResult;
  if (check.kind === 'cosign-legacy') {
    const dropped = new Set(check.dropped);
    result = await settle(
      legacyTagUpdate(repo, pending.tag, { ours: check.ours, superseded: (l) => dropped.has(keyHash(l)) }),
    );
  } else {
    result = await settle(fallbackIndexUpdate(repo, pending.tag, check));
  }
  return { where: `${pending.registry}/${pending.repository}:${pending.tag}`, result, waitedMs };
}

/** The post step's one summary line. */
export function recheckSummaryLine(outcomes: readonly RecheckOutcome[]): string {
  const repaired = outcomes.filter((o) => o.result.repairs > 0);
  const head = `sigstamp: re-checked ${outcomes.length} shared tag(s) after the settle delay`;
  if (repaired.length === 0) return `${head}: every entry of this run is present.`;
  return (
    `${head}: restored entries a concurrent writer had removed in ${repaired.map((o) => `\`${o.where}\``).join(', ')}; ` +
    'every entry of this run is present.'
  );
}
