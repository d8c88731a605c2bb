import * as core from '@actions/core';
import { parseOptions } from './options.js';
import { run } from './run.js';
import { summaryMarkdown } from './report/summary.js';
import type { Logger } from './log.js';

/** The Action entry: the only file that reads inputs. It fills Options, calls run(), reports. */

const logger: Logger = { info: core.info, warn: core.warning, debug: core.debug };

async function main(): Promise<void> {
  const password = core.getInput('registry-password');
  if (password) core.setSecret(password);
  const options = parseOptions({
    image: core.getInput('image', { required: true }),
    digest: core.getInput('digest'),
    tags: core.getInput('tags'),
    registryUsername: core.getInput('registry-username'),
    registryPassword: password,
  });
  const result = await run(options, { logger });
  core.setOutput('digest', result.subject.descriptor.digest);
  if (core.getBooleanInput('show-summary')) await core.summary.addRaw(summaryMarkdown(result)).write();
}

main().catch((err: unknown) => core.setFailed(err instanceof Error ? err.message : String(err)));
