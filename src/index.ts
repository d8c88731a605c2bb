// First: tunes the GC before anything else allocates (see the module).
import './gc-tuning.js';
import * as core from '@actions/core';
import { INPUTS, type InputName, type OutputName, type RawInputs } from './inputs.js';
import { parseOptions } from './options.js';
import { run } from './run.js';
import { summaryMarkdown } from './report/summary.js';
import { MISSING_ID_TOKEN_PERMISSION, IdentityTokenError, type TokenSource } from './sigstore/token.js';
import { actionOutputs } from './report/outputs.js';
import { storeFailure } from './github/for-run.js';
import type { Logger } from './log.js';

/** The Action entry: the only file that reads inputs. It fills Options, calls run(), reports. */

const logger: Logger = { info: core.info, warn: core.warning, debug: core.debug };

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

async function main(): Promise<void> {
  const options = parseOptions(readInputs());
  const result = await run(options, { logger, tokenSource: githubToken });
  for (const [name, value] of Object.entries(actionOutputs(result)) as [OutputName, string][])
    core.setOutput(name, value);
  if (options.showSummary) await core.summary.addRaw(summaryMarkdown(result)).write();
  // Reported first (outputs, summary), then failed: the registry copy is complete, the store is not.
  const incomplete = storeFailure(result.signing?.store);
  if (incomplete) throw incomplete;
}

main().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
