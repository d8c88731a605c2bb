import { publishForRun, warnForeignBundles } from './attach/for-run.js';
import type { Logger } from './log.js';
import { listReferrers } from './oci/referrers.js';
import { SettleQueue } from './oci/shared-tag.js';
import { storeForRun } from './github/for-run.js';
import { hasWork, type Options, type RunOptions } from './options.js';
import { readPredicateFile } from './predicates.js';
import { clientFor } from './registry-client.js';
import type { RunResult } from './run-result.js';
import { PhaseClock, referrersForReport } from './report/for-run.js';
import { sbomsForRun } from './sbom/for-run.js';
import { certificateForRun, rekorLogIndexes, signedStatements, signForRun } from './sigstore/for-run.js';
import type { TokenSource } from './sigstore/token.js';
import { statementsForRun } from './statements.js';
import { resolveSubject, signingTargets } from './subject.js';
import { trustForRun, verifyAndSettle } from './verify/for-run.js';

export type { RunResult, SigningReport } from './run-result.js';
// For the CLI, which loads run.js on demand: one chunk holds the store module (ncc copied it into a
// second chunk when the CLI imported it on its own).
export { storeFailure } from './github/for-run.js';

/**
 * The pipeline as plain steps over Options (DESIGN.md): resolve the subject; read every payload
 * input; only then get the token and ONE certificate; build provenance from the certificate; sign
 * everything in parallel; attach; read back and verify; report. Each step lives with its concern.
 */

export interface RunContext {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** How to get the OIDC token (the Action passes @actions/core's). Default: --identity-token, else the Actions env. */
  tokenSource?: TokenSource;
  /** Where shared tags' settle phases go; the Action's hands them over to its post step. Default: waited for here. */
  settle?: SettleQueue;
}

export async function run(opts: Options, ctx: RunContext): Promise<RunResult> {
  const client = clientFor(opts, ctx);
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    ctx.logger.warn(m);
  };
  try {
    const repo = client.repository(opts.image);
    const subject = await resolveSubject(repo, opts.image, opts.digest, opts.tags);
    const digest = subject.descriptor.digest;
    ctx.logger.info(`subject: ${repo}@${digest} (${subject.descriptor.mediaType})`);
    if (!hasWork(opts)) return { subject, referrers: await listReferrers(repo, digest), warnings };

    // Everything slow or fallible that needs no certificate happens before the 10-minute window opens.
    const predicates = await Promise.all(opts.predicates.map(readPredicateFile));
    const phases = new PhaseClock();
    const sboms = await sbomsForRun(repo, subject, opts, ctx.logger);
    phases.mark('sbom');
    const targets = signingTargets(subject, opts.perPlatform);
    if (opts.storage === 'legacy') await warnForeignBundles(repo, digest, warn);

    const certificate = await certificateForRun(opts, ctx, client.transport);
    phases.mark('certificate');
    // From here on the Sigstore is decided (sigstore: auto, by the token's repository visibility).
    const runOpts: RunOptions = { ...opts, sigstore: certificate.sigstore.config };
    const { identity } = certificate;
    const statements = statementsForRun(runOpts, identity, targets, predicates, sboms);
    // The trust root is loaded while signing, before anything is written: a lookup that fails
    // (a TUF repository, a GHE.com tenant's /meta) stops the run with nothing in the registry.
    const [signed, trust] = await Promise.all([
      signForRun(runOpts, certificate.session, targets, statements),
      trustForRun(runOpts, client.transport),
    ]);
    phases.mark('sign');

    // Shared tags (fallback index, .sig/.att) end with a settle delay and a re-check
    // (docs/concurrency.md); trust, policies and output files are prepared during that delay,
    // or, in the Action, the post step does the re-check.
    const settle = ctx.settle ?? new SettleQueue();
    const { logger } = ctx;
    const published = await publishForRun({
      opts: runOpts,
      repo,
      settle,
      certificate,
      targets,
      statements,
      signed,
      logger,
      warn,
    });
    phases.mark('publish');

    const { policies, files, verified } = await verifyAndSettle({
      opts: runOpts,
      repo,
      settle,
      identity,
      digest,
      statements,
      signed,
      published,
      phases,
      trust,
    });
    phases.mark('settle');

    // Only now, with this run's bundles published and verified in the registry (the primary copy).
    const store = await storeForRun(opts, signedStatements(signed), digest, {
      transport: client.transport,
      logger,
      warn,
    });
    phases.mark('store');

    const referrers = await referrersForReport(repo, digest, warn);
    phases.mark('report');
    ctx.logger.debug(`phases (ms): ${phases}`);
    const { certificateRequests } = certificate.session;
    return {
      subject,
      referrers,
      warnings,
      signing: {
        identity,
        sigstore: certificate.sigstore.reason,
        certificateRequests,
        rekorLogIndexes: rekorLogIndexes(signed),
        published,
        verified,
        files,
        policies,
        sboms,
        ...(store ? { store } : {}),
      },
    };
  } finally {
    await client.close();
  }
}
