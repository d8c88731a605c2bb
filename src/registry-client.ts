import type { Logger } from './log.js';
import { RegistryClient } from './oci/client.js';
import type { Options } from './options.js';

/** The registry client for a run: explicit credentials for the image's registry, else the usual stores. */
export function clientFor(opts: Options, ctx: { logger: Logger; env?: NodeJS.ProcessEnv }): RegistryClient {
  const env = ctx.env ?? process.env;
  return new RegistryClient({
    credentials: {
      env,
      ...(opts.registryCredential
        ? { explicit: [{ ...opts.registryCredential, registry: opts.image.registry }] }
        : {}),
    },
    insecureRegistries: opts.insecureRegistries,
    timeoutMs: opts.httpTimeoutMs,
    log: (m) => ctx.logger.debug(m),
    env,
  });
}
