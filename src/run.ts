import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publish, COSIGN_SIGN_PREDICATE, type PublishResult } from './attach/publish.js';
import { dockerReference, simpleSigningPayload } from './attach/cosign-legacy.js';
import { BUNDLE_ARTIFACT_TYPE, MAX_BUNDLE_BYTES } from './attach/bundle-referrer.js';
import { IMAGE_SIGNATURE, supersedeRule } from './attach/supersede.js';
import { imageSubject, statement, type Statement } from './intoto.js';
import type { Repository } from './oci/client.js';
import { clientFor } from './registry-client.js';
import { listReferrers, type ReferrerList } from './oci/referrers.js';
import { hasWork, type Options } from './options.js';
import { escapeRegExp } from './policy/identity.js';
import { readPredicateFile } from './predicates.js';
import { SLSA_V02, SLSA_V1, slsaV02, slsaV1, workflowClaims } from './provenance/slsa.js';
import { certificateIdentity, type CertificateIdentity } from './sigstore/certificate.js';
import { SigningSession } from './sigstore/session.js';
import {
  explainWitnessError,
  signMessage,
  signStatement,
  witnesses,
  type SignedStatement,
} from './sigstore/sign.js';
import { actionsTokenSource, staticTokenSource, type Claims, type TokenSource } from './sigstore/token.js';
import { publicGoodTrust, trustFromFile, type Trust } from './sigstore/trust.js';
import { policiesForRun, type RunPolicies } from './policy/for-run.js';
import { resolveSubject, type Subject } from './subject.js';
import { SettleQueue } from './oci/shared-tag.js';
import { sbomsForRun, type SbomRun } from './sbom/for-run.js';
import type { Descriptor } from './oci/types.js';
import { verifyPublished, type VerifiedArtifact } from './verify/published.js';
import type { Logger } from './log.js';

/**
 * The pipeline as plain steps over Options (DESIGN.md): resolve the subject; read every payload
 * input; only then get the token and ONE certificate; build provenance from the certificate; sign
 * everything in parallel; attach; read back and verify; report.
 */

export interface RunContext {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** How to get the OIDC token (the Action passes @actions/core's). Default: --identity-token, else the Actions env. */
  tokenSource?: TokenSource;
}

export interface SigningReport {
  identity: CertificateIdentity;
  certificateRequests: number;
  rekorLogIndexes: string[];
  published: PublishResult;
  verified: VerifiedArtifact[];
  files: { bundles: string[]; provenance?: string; policies: string[] };
  policies: RunPolicies;
  sboms: SbomRun;
}

export interface RunResult {
  subject: Subject;
  referrers: ReferrerList;
  signing?: SigningReport;
  warnings: string[];
}

export class VerificationFailedError extends Error {
  constructor(readonly failures: VerifiedArtifact[]) {
    super(
      'published artifacts did not verify:\n' +
        failures.map((f) => `  - ${f.predicateType} at ${f.location}: ${f.error}`).join('\n'),
    );
    this.name = 'VerificationFailedError';
  }
}

/** Public-good Rekor is world-readable: a private repository's names must not land there by accident. */
export function visibilityCheck(opts: Options): (claims: Claims) => void {
  return (claims) => {
    const visibility = String(claims.repository_visibility ?? 'unknown');
    if (opts.sigstore.kind !== 'public-good' || visibility === 'public' || opts.allowPublicTransparencyLog)
      return;
    throw new Error(
      `refusing to sign with the public Sigstore: the repository ${String(claims.repository ?? '')} is ${visibility}, and the public ` +
        'Rekor log is world-readable and permanent — every entry would publish the repository, workflow and ref names. ' +
        'Either run your own Sigstore (sigstore: custom with fulcio-url, rekor-url or tsa-url, trusted-root), or accept ' +
        'the disclosure explicitly with allow-public-transparency-log: true',
    );
  };
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
    ctx.logger.info(`subject: ${repo}@${subject.descriptor.digest} (${subject.descriptor.mediaType})`);
    if (!hasWork(opts))
      return { subject, referrers: await listReferrers(repo, subject.descriptor.digest), warnings };

    // Everything slow or fallible that needs no certificate happens before the 10-minute window opens.
    const predicates = await Promise.all(opts.predicates.map(readPredicateFile));
    const phases = new PhaseClock();
    const sboms = await sbomsForRun(repo, subject, opts, ctx.logger);
    phases.mark('sbom');
    const targets = [subject.descriptor, ...(opts.perPlatform ? subject.platforms : [])];
    if (opts.storage === 'legacy') await warnForeignBundles(repo, subject.descriptor.digest, warn);

    const env = ctx.env ?? process.env;
    const tokenSource =
      ctx.tokenSource ??
      (opts.identityToken
        ? staticTokenSource(opts.identityToken)
        : actionsTokenSource(env, client.transport));
    const session = new SigningSession({
      fulcioUrl: opts.sigstore.fulcioUrl,
      tokenSource,
      transport: client.transport,
      checkClaims: visibilityCheck(opts),
    });
    const { chain } = await session.getCertificate();
    phases.mark('certificate');
    const identity = certificateIdentity(chain[0]!);
    ctx.logger.info(`signing identity: ${identity.san} (issuer ${identity.issuer})`);

    const name = dockerReference(opts.image.registry, opts.image.repository);
    const subjects = targets.map((t) => imageSubject(name, t.digest));
    // Each statement with the targets it is attached to: provenance and user predicates to every
    // target, a platform's SBOM to that platform and to the index (what admission checks).
    const statements: { statement: Statement; targets: Descriptor[] }[] = [];
    if (opts.provenance !== 'none') {
      const claims = workflowClaims(identity);
      statements.push({
        statement:
          opts.provenance === 'v1'
            ? statement(subjects, SLSA_V1, slsaV1(claims))
            : statement(subjects, SLSA_V02, slsaV02(claims)),
        targets,
      });
    }
    for (const p of predicates)
      statements.push({ statement: statement(subjects, p.type, p.content), targets });
    for (const p of sboms.predicates) {
      statements.push({
        statement: statement(
          p.subjects.map((d) => imageSubject(name, d.digest)),
          p.type,
          p.content,
        ),
        targets: p.targets,
      });
    }
    const allTargets = uniqueByDigest([...targets, ...statements.flatMap((s) => s.targets)]);

    const witnessOptions = {
      ...(opts.sigstore.rekorUrl ? { rekorUrl: opts.sigstore.rekorUrl } : {}),
      ...(opts.sigstore.tsaUrl ? { tsaUrl: opts.sigstore.tsaUrl } : {}),
    };
    const w = witnesses(witnessOptions);
    const [signatures, attestations] = await Promise.all([
      Promise.all(
        (opts.sign ? targets : []).map(async (target) => ({
          target,
          ...(opts.storage !== 'referrers'
            ? { message: await signMessage(session, w, simpleSigningPayload(name, target.digest)) }
            : {}),
          ...(opts.storage !== 'legacy'
            ? {
                statement: await signStatement(
                  session,
                  w,
                  statement([imageSubject(name, target.digest)], COSIGN_SIGN_PREDICATE, {}),
                ),
              }
            : {}),
        })),
      ),
      Promise.all(
        statements.map(async (s) => ({
          signed: await signStatement(session, w, s.statement),
          targets: s.targets.map((t) => t.digest),
        })),
      ),
    ]).catch((err: unknown) => {
      throw explainWitnessError(err, witnessOptions);
    });
    phases.mark('sign');
    const typesSigned = new Set([
      ...(opts.sign ? [IMAGE_SIGNATURE, COSIGN_SIGN_PREDICATE] : []),
      ...statements.map((s) => s.statement.predicateType),
    ]);
    // Shared tags (fallback index, .sig/.att) end with a settle delay and a re-check
    // (docs/concurrency.md); trust, policies and output files are prepared during that delay.
    const settle = new SettleQueue();
    const published = await publish({
      settle,
      repo,
      storage: opts.storage,
      chain,
      signatures: allTargets.map(
        (target) => signatures.find((s) => s.target.digest === target.digest) ?? { target },
      ),
      attestations,
      supersede: supersedeRule(identity, typesSigned),
      logger: ctx.logger,
    });
    phases.mark('publish');
    if (published.fallbackTagUsed) {
      warn(
        `${repo.registry} has no OCI referrers API: bundles are listed in the fallback tag sha256-<hex> (what cosign v3 and oras read there)`,
      );
    }
    if (published.replaced)
      ctx.logger.info(`replaced ${published.replaced} entr(ies) of an earlier attempt of this workflow run`);

    // Everything read back during the delay is addressed by digest (referrer manifests, and the
    // legacy layers as written), never through a shared tag: until the re-check a concurrent
    // signer's stale write may hide one of our entries there for a moment (the re-check restores
    // it, and is what proves each entry is in its tag).
    const { policies, files, verified } = await (async () => {
      const trust = opts.verify || opts.sigstore.kind === 'custom' ? await loadTrust(opts) : undefined;
      const predicateTypes = [...new Set(statements.map((s) => s.statement.predicateType))];
      const [policies, verified] = await Promise.all([
        policiesForRun(opts, identity, subject.descriptor.digest, predicateTypes, trust),
        opts.verify && trust ? verifyAll(repo, published, identity, trust, opts) : [],
      ]);
      phases.mark('verify');
      const files = await writeOutputs(opts.outputDir, policies, [
        ...signatures.flatMap((s) => (s.statement ? [s.statement] : [])),
        ...attestations.map((a) => a.signed),
      ]);
      return { policies, files, verified };
    })().finally(() => settle.drain());
    phases.mark('settle');
    const referrers = await listReferrers(repo, subject.descriptor.digest);
    if (referrers.referrers.length >= 40) {
      warn(
        `${repo}@${subject.descriptor.digest} has ${referrers.referrers.length} referrers; Kyverno's SigstoreBundle verification fails above 50. Remove old ones`,
      );
    }
    phases.mark('report');
    // One line for whoever tunes a pipeline: where the step's time went (bench/e2e.ts reads it).
    ctx.logger.debug(`phases (ms): ${phases}`);
    const rekorLogIndexes = [
      ...new Set(
        [
          ...signatures.flatMap((s) => [s.message?.tlogEntry, s.statement?.tlogEntry]),
          ...attestations.map((a) => a.signed.tlogEntry),
        ].flatMap((e) => (e ? [e.logIndex] : [])),
      ),
    ];
    return {
      subject,
      referrers,
      warnings,
      signing: {
        identity,
        certificateRequests: session.certificateRequests,
        rekorLogIndexes,
        published,
        verified,
        files,
        policies,
        sboms,
      },
    };
  } finally {
    await client.close();
  }
}

async function warnForeignBundles(
  repo: Repository,
  digest: string,
  warn: (m: string) => void,
): Promise<void> {
  const { referrers } = await listReferrers(repo, digest, BUNDLE_ARTIFACT_TYPE);
  if (referrers.length) {
    warn(
      `${repo}@${digest} already has ${referrers.length} Sigstore bundle referrer(s) (e.g. from actions/attest): cosign v3 then ` +
        'reads only bundles and ignores the legacy .sig/.att tags written with storage: legacy, so `cosign verify` v3 will not ' +
        'see this signature. Use storage: both to reach every verifier',
    );
  }
}

function slug(predicateType: string): string {
  return predicateType.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}

async function writeOutputs(
  dir: string,
  policies: RunPolicies,
  signed: SignedStatement[],
): Promise<SigningReport['files']> {
  await mkdir(dir, { recursive: true });
  const bundles: string[] = [];
  let provenance: string | undefined;
  for (const [i, s] of signed.entries()) {
    const base = `${String(i + 1).padStart(2, '0')}-${slug(s.statement.predicateType)}`;
    const path = join(dir, `${base}.sigstore.json`);
    await writeFile(path, s.bundleJson);
    bundles.push(path);
    if (s.statement.predicateType === SLSA_V1 || s.statement.predicateType === SLSA_V02) {
      provenance = join(dir, 'provenance.intoto.json');
      await writeFile(provenance, JSON.stringify(s.statement, null, 2) + '\n');
    }
  }
  const policyFiles: string[] = [];
  for (const p of policies.policies) {
    const path = join(dir, p.filename);
    await writeFile(path, p.text);
    policyFiles.push(path);
  }
  const commands = join(dir, 'verify-commands.sh');
  // gh is optional where this script runs; cosign is what every consumer's check reduces to.
  const gh = policies.gh ? [`if command -v gh >/dev/null 2>&1; then ${policies.gh}; fi`] : [];
  await writeFile(commands, ['#!/bin/sh', 'set -e', ...policies.cosign, ...gh].join('\n') + '\n', {
    mode: 0o755,
  });
  policyFiles.push(commands);
  return { bundles, ...(provenance ? { provenance } : {}), policies: policyFiles };
}

async function loadTrust(opts: Options): Promise<Trust> {
  return opts.sigstore.trustedRoot ? trustFromFile(opts.sigstore.trustedRoot) : publicGoodTrust(undefined);
}

async function verifyAll(
  repo: Repository,
  published: PublishResult,
  identity: CertificateIdentity,
  trust: Trust,
  opts: Options,
): Promise<VerifiedArtifact[]> {
  const results = await verifyPublished(repo, published.artifacts, {
    trust,
    // Anchored: @sigstore/verify uses a string SAN as an unanchored regex.
    policy: {
      subjectAlternativeName: new RegExp(`^${escapeRegExp(identity.san)}$`),
      extensions: { issuer: identity.issuer },
    },
    requireTlog: Boolean(opts.sigstore.rekorUrl),
    requireSct: opts.sigstore.kind === 'public-good',
    maxBundleBytes: MAX_BUNDLE_BYTES,
  });
  const failures = results.filter((r) => !r.ok);
  if (failures.length) throw new VerificationFailedError(failures);
  return results;
}

/** Wall time between consecutive marks, named by the phase each mark ends. */
class PhaseClock {
  private last = Date.now();
  private readonly phases: [string, number][] = [];

  mark(phase: string): void {
    const now = Date.now();
    this.phases.push([phase, now - this.last]);
    this.last = now;
  }

  toString(): string {
    return this.phases.map(([p, ms]) => `${p} ${ms}`).join(', ');
  }
}

function uniqueByDigest(list: Descriptor[]): Descriptor[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(d.digest) && (seen.add(d.digest), true));
}
