#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { consoleLogger } from './log.js';
import { OptionsError, parseOptions, splitList, type RawOptions } from './options.js';
import { clientFor, run } from './run.js';
import { summaryMarkdown, summaryText } from './report/summary.js';
import { listReferrers, pushReferrer } from './oci/referrers.js';
import { formatReference, parseReference } from './oci/reference.js';

/**
 * The CLI entry (`sigstamp`): the same Options as the Action, from flags or SIGSTAMP_* environment
 * variables (a flag wins). Secrets are best passed by environment: argv is visible to other processes.
 */

const USAGE = `usage:
  sigstamp [run] --image REPO[:TAG] [--digest sha256:…] [--tags REF,…]   resolve and report an image
  sigstamp referrers REF [--artifact-type TYPE] [--json]                 list what refers to an image
  sigstamp attach REF --artifact-type TYPE --file PATH [--media-type T] [--annotation k=v …]
                                                                         attach a file as an OCI referrer
common: --registry-username U (or SIGSTAMP_REGISTRY_USERNAME), SIGSTAMP_REGISTRY_PASSWORD,
        --insecure-registries HOST,…, --summary-file PATH (Markdown), --verbose`;

const FLAGS = {
  image: { type: 'string' },
  digest: { type: 'string' },
  tags: { type: 'string' },
  'registry-username': { type: 'string' },
  'registry-password': { type: 'string' },
  'insecure-registries': { type: 'string' },
  'summary-file': { type: 'string' },
  'artifact-type': { type: 'string' },
  'media-type': { type: 'string' },
  file: { type: 'string' },
  annotation: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof FLAGS;

function flag(values: Record<string, unknown>, name: Flag, env: NodeJS.ProcessEnv): string | undefined {
  const v = values[name];
  if (typeof v === 'string') return v;
  return env[`SIGSTAMP_${name.toUpperCase().replace(/-/g, '_')}`];
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: FLAGS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const logger = consoleLogger(Boolean(values.verbose));
  const command = positionals[0] ?? 'run';
  const raw: RawOptions = {
    image: flag(values, 'image', env),
    digest: flag(values, 'digest', env),
    tags: flag(values, 'tags', env),
    registryUsername: flag(values, 'registry-username', env),
    registryPassword: flag(values, 'registry-password', env),
    insecureRegistries: flag(values, 'insecure-registries', env),
  };
  if (command === 'run') {
    const result = await run(parseOptions(raw), { logger, env });
    process.stdout.write(summaryText(result));
    const summaryFile = flag(values, 'summary-file', env);
    if (summaryFile) await writeFile(summaryFile, summaryMarkdown(result));
    return 0;
  }
  if (command === 'referrers' || command === 'attach') {
    const target = positionals[1];
    if (!target)
      throw new OptionsError(
        `${command} needs an image reference, e.g. ${command} ghcr.io/owner/app@sha256:…`,
      );
    const ref = parseReference(target);
    const opts = parseOptions({ ...raw, image: target });
    const client = clientFor(opts, { logger, env });
    try {
      const repo = client.repository(ref);
      const subject = await repo.resolve(ref.digest ?? ref.tag ?? 'latest', 'push the image first');
      if (command === 'referrers') {
        const list = await listReferrers(repo, subject.digest, flag(values, 'artifact-type', env));
        if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else
          for (const r of list.referrers)
            process.stdout.write(`${r.artifactType ?? r.mediaType}\t${r.digest}\t${r.size}\n`);
        logger.info(
          `${list.referrers.length} referrer(s) of ${formatReference({ ...ref, digest: subject.digest })} via ${list.source}`,
        );
        return 0;
      }
      const artifactType = flag(values, 'artifact-type', env);
      const file = flag(values, 'file', env);
      if (!artifactType || !file) throw new OptionsError('attach needs --artifact-type TYPE and --file PATH');
      const annotations: Record<string, string> = {};
      for (const a of (values.annotation as string[] | undefined) ?? splitList(env.SIGSTAMP_ANNOTATION)) {
        const eq = a.indexOf('=');
        if (eq <= 0) throw new OptionsError(`--annotation "${a}": expected key=value`);
        annotations[a.slice(0, eq)] = a.slice(eq + 1);
      }
      const pushed = await pushReferrer(repo, {
        artifactType,
        subject,
        layers: [
          {
            mediaType: flag(values, 'media-type', env) ?? 'application/octet-stream',
            data: await readFile(file),
          },
        ],
        annotations: { 'org.opencontainers.image.created': new Date().toISOString(), ...annotations },
      });
      process.stdout.write(`${pushed.descriptor.digest}\n`);
      logger.info(
        `attached ${artifactType} to ${repo}@${subject.digest} via ${pushed.via === 'api' ? 'the referrers API' : 'the fallback tag'}`,
      );
      return 0;
    } finally {
      await client.close();
    }
  }
  throw new OptionsError(`unknown command "${command}"\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sigstamp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof OptionsError ? 2 : 1);
  },
);
