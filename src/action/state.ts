import * as core from '@actions/core';
import { decodeRechecks, encodeRechecks, RECHECK_SPEC_MAX_BYTES } from '../attach/recheck-state.js';
import { SettleQueue, type PendingRecheck } from '../oci/shared-tag.js';

/**
 * The step state between the Action's main and post steps: the shared-tag re-checks main hands
 * over (core.saveState writes GITHUB_STATE; the runner gives them to post as STATE_<name>).
 */

/** The queue main runs with: every describable settle is handed over instead of waited for. */
export function handOverQueue(): SettleQueue {
  return new SettleQueue({ maxSpecBytes: RECHECK_SPEC_MAX_BYTES });
}

export function saveRechecks(rechecks: readonly PendingRecheck[]): void {
  for (const [name, value] of Object.entries(encodeRechecks(rechecks))) core.saveState(name, value);
}

export function loadRechecks(): PendingRecheck[] {
  return decodeRechecks((name) => core.getState(name));
}
