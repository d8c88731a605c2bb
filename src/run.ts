import { RegistryClient } from './oci/client.js';
import { listReferrers, type ReferrerList } from './oci/referrers.js';
import { resolveSubject, type Subject } from './subject.js';
import type { Logger } from './log.js';
import type { Options } from './options.js';

/**
 * The pipeline as plain steps over Options. Grows with the product: today it resolves the subject
 * (every tag checked against the one digest) and reads back what is attached to it.
 */

export interface RunContext {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  subject: Subject;
  referrers: ReferrerList;
}

export function clientFor(opts: Options, ctx: RunContext): RegistryClient {
  const env = ctx.env ?? process.env;
  return new RegistryClient({
    credentials: {
      env,
      ...(opts.registryCredential
        ? { explicit: [{ ...opts.registryCredential, registry: opts.image.registry }] }
        : {}),
    },
    insecureRegistries: opts.insecureRegistries,
    log: (m) => ctx.logger.debug(m),
    env,
  });
}

export async function run(opts: Options, ctx: RunContext): Promise<RunResult> {
  const client = clientFor(opts, ctx);
  try {
    const repo = client.repository(opts.image);
    const subject = await resolveSubject(repo, opts.image, opts.digest, opts.tags);
    ctx.logger.info(`subject: ${repo}@${subject.descriptor.digest} (${subject.descriptor.mediaType})`);
    const referrers = await listReferrers(repo, subject.descriptor.digest);
    if (referrers.source === 'fallback') {
      ctx.logger.info(`${repo.registry} has no referrers API: referrers are kept in the fallback tag`);
    }
    return { subject, referrers };
  } finally {
    await client.close();
  }
}
