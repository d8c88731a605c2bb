import * as core from '@actions/core';
import { encodeIndex, encodeRecheck, RECHECK_SPEC_MAX_BYTES } from '../attach/recheck-state.js';
import { SettleQueue } from '../oci/shared-tag.js';

/**
 * The step state between the Action's main and post steps: the shared-tag re-checks main hands
 * over (core.saveState writes GITHUB_STATE; the runner gives them to post as STATE_<name>, which
 * src/post.ts reads with core.getState).
 */

/**
 * The queue main runs with: every describable settle is handed over instead of waited for, and saved
 * the moment it is (a main step killed on cancellation still leaves post what it wrote), with the
 * index saved again each time: the runner keeps the last value of a name.
 */
export function handOverQueue(): SettleQueue {
  saveAll(encodeIndex(0));
  return new SettleQueue({
    maxSpecBytes: RECHECK_SPEC_MAX_BYTES,
    saved: (recheck, index) => saveAll({ ...encodeRecheck(recheck, index), ...encodeIndex(index + 1) }),
  });
}

function saveAll(state: Record<string, string>): void {
  for (const [name, value] of Object.entries(state)) core.saveState(name, value);
}
