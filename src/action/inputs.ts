import * as core from '@actions/core';
import { INPUTS, type InputName, type RawInputs } from '../inputs.js';
import type { Logger } from '../log.js';

/** The Action's inputs as the runner passes them (INPUT_<NAME>), for the main and the post step alike. */

export const actionLogger: Logger = { info: core.info, warn: core.warning, debug: core.debug };

export function readInputs(): RawInputs {
  const raw: RawInputs = {};
  for (const [name, spec] of Object.entries(INPUTS) as [InputName, (typeof INPUTS)[InputName]][]) {
    if ('cliOnly' in spec && spec.cliOnly) continue;
    const value = core.getInput(name);
    if ('secret' in spec && spec.secret && value) core.setSecret(value);
    if (value) raw[name] = value;
  }
  return raw;
}
