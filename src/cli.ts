#!/usr/bin/env node
// First: tunes the GC before anything else allocates (see the module).
import './gc-tuning.js';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { INPUTS, type InputName, type RawInputs } from './inputs.js';
import { consoleLogger } from './log.js';
import { OptionsError, parseOptions, splitList } from './options.js';
import { Transport } from './http/transport.js';
import { formatReference, parseReference } from './oci/reference.js';
import { listReferrers, pushReferrer } from './oci/referrers.js';
import { clientFor } from './registry-client.js';
import { VERSION } from './version.js';

// Beyond the registry client (and the referrers API, small and shared by several commands, which a
// chunk of its own made the bundler copy into two chunks), each command imports what it needs when it
// runs: evaluating the signing, verification and policy libraries up front cost every command
// (`sigstamp sbom` too) about 0.1 s and 22 MB of RSS before its first request.

/**
 * The CLI entry (`sigstamp`): the Action's inputs as `--name` flags or SIGSTAMP_NAME variables (a
 * flag wins), so it runs in any CI with an OIDC token. Secrets are best passed by environment:
 * argv is visible to other processes.
 */

const USAGE = `usage:
  sigstamp [run] --image REPO[:TAG] [--digest sha256:…] [options]     sign, attest, attach, verify, report
  sigstamp sbom REF [--sbom spdx,cyclonedx] [--output-dir DIR] [--json]
                                                                    write the image's SBOMs (one per platform
                                                                    of an index), without signing anything
  sigstamp referrers REF [--artifact-type TYPE] [--json]            list what refers to an image
  sigstamp attach REF --artifact-type TYPE --file PATH [--media-type T] [--annotation k=v …]
                                                                    attach a file as an OCI referrer
  sigstamp trusted-root --fulcio-url URL [--rekor-url URL] [--tsa-url URL] [--out FILE]
                        [--fulcio-chain PEM] [--rekor-public-key PEM] [--tsa-chain PEM]
                        [--rekor-start-time RFC3339]
                                                                    write the trusted_root.json of a private
                                                                    Sigstore (the trusted-root input), asking
                                                                    each service unless its PEM file is given
  sigstamp tuf-repo --trusted-root FILE [--signing-config FILE] --out DIR [--keys DIR] [--expires DAYS]
                    [--target-name NAME]
                                                                    write (or re-sign) a static TUF repository
                                                                    serving that trusted root, for Kyverno's
                                                                    tuf.mirror/root, cosign initialize and
                                                                    policy-controller; private keys in DIR.keys
                                                                    unless --keys; expires in 365 days unless
                                                                    --expires; the trusted root's target is
                                                                    trusted_root.json unless --target-name
                                                                    (<trust domain>.trusted_root.json for a
                                                                    GHE.com tenant)
options (each also read from SIGSTAMP_<NAME>, e.g. SIGSTAMP_REGISTRY_PASSWORD):
${Object.entries(INPUTS)
  .map(
    ([name, spec]) =>
      `  --${name.padEnd(31)} ${spec.description}${'default' in spec ? ` [${spec.default}]` : ''}`,
  )
  .join('\n')}
  --summary-file PATH               also write the job summary (Markdown) there
  --json                            print the outputs as JSON
  --verbose                         log every registry request (never headers or secrets)
  --version                         print sigstamp's version
exit codes: 0 ok, 1 failure, 2 bad input`;

const CLI_FLAGS = {
  'summary-file': { type: 'string' },
  'artifact-type': { type: 'string' },
  'media-type': { type: 'string' },
  file: { type: 'string' },
  annotation: { type: 'string', multiple: true },
  out: { type: 'string' },
  'fulcio-chain': { type: 'string' },
  'rekor-public-key': { type: 'string' },
  'tsa-chain': { type: 'string' },
  'rekor-start-time': { type: 'string' },
  'signing-config': { type: 'string' },
  'target-name': { type: 'string' },
  keys: { type: 'string' },
  expires: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const FLAGS: ParseArgsConfig['options'] = {
  ...Object.fromEntries(Object.keys(INPUTS).map((name) => [name, { type: 'string' as const }])),
  ...CLI_FLAGS,
};

function envName(name: string): string {
  return `SIGSTAMP_${name.toUpperCase().replace(/-/g, '_')}`;
}

function inputs(values: Record<string, unknown>, env: NodeJS.ProcessEnv): RawInputs {
  const raw: RawInputs = {};
  for (const name of Object.keys(INPUTS) as InputName[]) {
    const v = typeof values[name] === 'string' ? (values[name] as string) : env[envName(name)];
    if (v !== undefined && v !== '') raw[name] = v;
  }
  return raw;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new OptionsError(`${(err as Error).message}\n${USAGE}`);
  }
  const positionals = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(`sigstamp ${VERSION}\n`);
    return 0;
  }
  const logger = consoleLogger(Boolean(values.verbose));
  const command = positionals[0] ?? 'run';
  const raw = inputs(values, env);
  const cliValue = (name: keyof typeof CLI_FLAGS) =>
    typeof values[name] === 'string' ? (values[name] as string) : env[envName(name)];
  if (command === 'run') {
    const [{ run, storeFailure }, { summaryMarkdown, summaryText }, { actionOutputs }] = await Promise.all([
      import('./run.js'),
      import('./report/summary.js'),
      import('./report/outputs.js'),
    ]);
    const options = parseOptions(raw, env);
    const result = await run(options, { logger, env });
    process.stdout.write(
      values.json ? JSON.stringify(actionOutputs(result), null, 2) + '\n' : summaryText(result),
    );
    const summaryFile = cliValue('summary-file');
    if (summaryFile) await writeFile(summaryFile, summaryMarkdown(result));
    const incomplete = storeFailure(result.signing?.store);
    if (incomplete) throw incomplete;
    return 0;
  }
  if (command === 'sbom') {
    const target = positionals[1];
    if (!target)
      throw new OptionsError('sbom needs an image reference, e.g. sbom ghcr.io/owner/app@sha256:…');
    const opts = parseOptions(
      { ...raw, image: target, sign: 'false', provenance: 'none', 'output-dir': raw['output-dir'] ?? '.' },
      env,
    );
    if (opts.sbom.length === 0) throw new OptionsError('sbom: --sbom none leaves nothing to do');
    const [{ resolveSubject }, { sbomsForRun }] = await Promise.all([
      import('./subject.js'),
      import('./sbom/for-run.js'),
    ]);
    const client = clientFor(opts, { logger, env });
    try {
      const repo = client.repository(opts.image);
      const subject = await resolveSubject(repo, opts.image, opts.digest, opts.tags);
      const sboms = await sbomsForRun(repo, subject, opts, logger);
      for (const w of sboms.warnings) logger.warn(w);
      const files = [...sboms.files.spdx, ...sboms.files.cyclonedx];
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ digest: subject.descriptor.digest, packages: sboms.packages, ...sboms.files }, null, 2)}\n`
          : files.map((f) => `${f}\n`).join(''),
      );
      return 0;
    } finally {
      await client.close();
    }
  }
  if (command === 'referrers' || command === 'attach') {
    const target = positionals[1];
    if (!target)
      throw new OptionsError(
        `${command} needs an image reference, e.g. ${command} ghcr.io/owner/app@sha256:…`,
      );
    const ref = parseReference(target);
    const opts = parseOptions({ ...raw, image: target, sign: 'false', provenance: 'none' }, env);
    const client = clientFor(opts, { logger, env });
    try {
      const repo = client.repository(ref);
      const subject = await repo.resolve(ref.digest ?? ref.tag ?? 'latest', 'push the image first');
      if (command === 'referrers') {
        const list = await listReferrers(repo, subject.digest, cliValue('artifact-type'));
        if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else
          for (const r of list.referrers)
            process.stdout.write(`${r.artifactType ?? r.mediaType}\t${r.digest}\t${r.size}\n`);
        logger.info(
          `${list.referrers.length} referrer(s) of ${formatReference({ ...ref, digest: subject.digest })} via ${list.source}`,
        );
        return 0;
      }
      const artifactType = cliValue('artifact-type');
      const file = cliValue('file');
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
          { mediaType: cliValue('media-type') ?? 'application/octet-stream', data: await readFile(file) },
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
  if (command === 'trusted-root') {
    if (!raw['fulcio-url'])
      throw new OptionsError(
        'trusted-root: --fulcio-url is required: the trusted root names the Fulcio it trusts',
      );
    const file = async (flag: 'fulcio-chain' | 'rekor-public-key' | 'tsa-chain') => {
      const path = cliValue(flag);
      if (!path) return undefined;
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        throw new OptionsError(`--${flag} ${path}: ${(err as Error).message}`);
      }
    };
    const start = cliValue('rekor-start-time');
    const rekorStartTime = start ? new Date(start) : undefined;
    if (rekorStartTime && Number.isNaN(rekorStartTime.getTime()))
      throw new OptionsError(
        `--rekor-start-time "${start}": expected an RFC 3339 time, e.g. 2026-01-01T00:00:00Z`,
      );
    const pems = {
      fulcioChainPem: await file('fulcio-chain'),
      rekorPublicKeyPem: await file('rekor-public-key'),
      tsaChainPem: await file('tsa-chain'),
    };
    const { buildTrustedRoot, gatherTrustSources } = await import('./sigstore/trusted-root.js');
    const transport = new Transport({ log: (m) => logger.debug(m), env });
    try {
      const sources = await gatherTrustSources(transport, {
        fulcioUrl: raw['fulcio-url'],
        rekorUrl: raw['rekor-url'],
        tsaUrl: raw['tsa-url'],
        ...Object.fromEntries(Object.entries(pems).filter(([, v]) => v !== undefined)),
        ...(rekorStartTime ? { rekorStartTime } : {}),
      });
      for (const w of sources.warnings ?? []) logger.warn(w);
      const json = `${JSON.stringify(buildTrustedRoot(sources), null, 2)}\n`;
      const out = cliValue('out');
      if (out) {
        await writeFile(out, json);
        logger.info(
          `wrote ${out}: Fulcio ${sources.fulcio.url}` +
            (sources.rekor ? `, Rekor ${sources.rekor.url}` : ', no Rekor') +
            (sources.tsa ? `, TSA ${sources.tsa.url}` : ', no TSA') +
            ' — review it, then give it to sigstamp (trusted-root) and cosign (--trusted-root)',
        );
      } else process.stdout.write(json);
      return 0;
    } finally {
      await transport.close();
    }
  }
  if (command === 'tuf-repo') {
    const trustedRootPath = raw['trusted-root'];
    const outDir = cliValue('out');
    if (!trustedRootPath || !outDir)
      throw new OptionsError('tuf-repo needs --trusted-root FILE and --out DIR (the directory to serve)');
    const days = cliValue('expires');
    if (days !== undefined && !/^\d+$/.test(days))
      throw new OptionsError(`--expires "${days}": expected a whole number of days, e.g. 365`);
    const { writeTufRepository } = await import('./sigstore/tuf-repo.js');
    const r = await writeTufRepository({
      trustedRootPath,
      signingConfigPath: cliValue('signing-config'),
      trustedRootTarget: cliValue('target-name'),
      outDir,
      keysDir: cliValue('keys'),
      expiresDays: days === undefined ? undefined : Number(days),
    });
    const v = r.versions;
    const expires = r.expires.toISOString().replace('.000Z', 'Z');
    logger.info(
      [
        `${r.created ? 'wrote' : 're-signed'} the TUF repository ${r.outDir}: serve this directory as it is (the mirror URL)`,
        `  targets: ${r.targets.join(', ')}`,
        `  versions: root ${v.root}${r.rootBumped ? ' (re-signed: it would have expired first)' : ''}, targets ${v.targets}, snapshot ${v.snapshot}, timestamp ${v.timestamp}`,
        `  pin ${r.rootPath} in clients: Kyverno tuf.root, cosign initialize --root, policy-controller remote.root`,
        `  keys: ${r.keysDir} — keep it private (never serve it); it is needed to re-sign`,
        `  expires ${expires}: re-run this command before ${expires.slice(0, 10)} (no client accepts it after)`,
      ].join('\n'),
    );
    if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
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
