import { dockerReference, simpleSigningPayload } from '../attach/cosign-legacy.js';
import { COSIGN_SIGN_PREDICATE, type PublishInput, type TargetSignatures } from '../attach/publish.js';
import type { Transport } from '../http/transport.js';
import { imageSubject, statement } from '../intoto.js';
import type { Logger } from '../log.js';
import type { Descriptor } from '../oci/types.js';
import type { Options, RunOptions, SigstoreConfig } from '../options.js';
import type { AttachedStatement } from '../statements.js';
import { certificateIdentity, type CertificateIdentity } from './certificate.js';
import { chooseSigstore, type ChosenSigstore } from './choice.js';
import { explainGitHubInstanceError, githubInstance } from './github/instance.js';
import { SigningSession } from './session.js';
import {
  explainWitnessError,
  signMessage,
  signStatement,
  timestampOf,
  witnesses,
  type SignedStatement,
  type WitnessOptions,
} from './sign.js';
import { actionsTokenSource, staticTokenSource, type Claims, type TokenSource } from './token.js';

/**
 * Steps 3 and 5 of the pipeline: ONE certificate for the run, requested only once every payload
 * input has been read (its 10-minute window is short), then every signature and attestation
 * signed with it in parallel.
 */

/** Public-good Rekor is world-readable: a private repository's names must not land there by accident. */
export function visibilityCheck(sigstore: SigstoreConfig, allowPublicLog: boolean, claims: Claims): void {
  const visibility = String(claims.repository_visibility ?? 'unknown');
  if (sigstore.kind !== 'public-good' || visibility === 'public' || allowPublicLog) return;
  throw new Error(
    `refusing to sign with the public Sigstore: the repository ${String(claims.repository ?? '')} is ${visibility}, and the public ` +
      'Rekor log is world-readable and permanent — every entry would publish the repository, workflow and ref names. ' +
      "Either sign with GitHub's Sigstore instance (sigstore: github, or leave sigstore at its default, auto), run your " +
      'own Sigstore (sigstore: custom with fulcio-url, rekor-url or tsa-url, trusted-root), or accept ' +
      'the disclosure explicitly with allow-public-transparency-log: true',
  );
}

export interface RunCertificate {
  session: SigningSession;
  chain: string[];
  identity: CertificateIdentity;
  /** The Sigstore this run signed with, and why (the one line the summary states). */
  sigstore: ChosenSigstore;
}

export async function certificateForRun(
  opts: Options,
  ctx: { logger: Logger; env?: NodeJS.ProcessEnv; tokenSource?: TokenSource },
  transport: Transport,
): Promise<RunCertificate> {
  const env = ctx.env ?? process.env;
  const tokenSource =
    ctx.tokenSource ??
    (opts.identityToken ? staticTokenSource(opts.identityToken) : actionsTokenSource(env, transport));
  let chosen: ChosenSigstore | undefined;
  const session = new SigningSession({
    // Decided from the token, checked, and logged before the certificate request goes anywhere.
    checkClaims: (claims) => {
      chosen = chooseSigstore(opts.sigstore, claims, opts.allowPublicTransparencyLog);
      visibilityCheck(chosen.config, opts.allowPublicTransparencyLog, claims);
      ctx.logger.info(`sigstore: ${chosen.reason}`);
    },
    fulcioUrl: () => chosen!.config.fulcioUrl,
    tokenSource,
    transport,
  });
  const { chain } = await session.getCertificate().catch((err: unknown) => {
    const config = chosen?.config;
    throw config?.kind === 'github'
      ? explainGitHubInstanceError(err, githubInstance(config.githubHost ?? 'github.com'))
      : err;
  });
  const identity = certificateIdentity(chain[0]!);
  ctx.logger.info(`signing identity: ${identity.san} (issuer ${identity.issuer})`);
  return { session, chain, identity, sigstore: chosen! };
}

export interface RunSignatures {
  signatures: TargetSignatures[];
  attestations: PublishInput['attestations'];
}

/**
 * Each target's signature in the formats `storage` writes (the legacy simple-signing message, the
 * bundle-format statement), and every attestation.
 */
export async function signForRun(
  opts: RunOptions,
  session: SigningSession,
  targets: Descriptor[],
  statements: AttachedStatement[],
): Promise<RunSignatures> {
  const name = dockerReference(opts.image.registry, opts.image.repository);
  const witnessOptions = {
    ...(opts.sigstore.rekorUrl ? { rekorUrl: opts.sigstore.rekorUrl } : {}),
    ...(opts.sigstore.tsaUrl ? { tsaUrl: opts.sigstore.tsaUrl } : {}),
    timeoutMs: opts.httpTimeoutMs,
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
        signed: await withEnvelopeTimestamp(
          opts,
          witnessOptions,
          await signStatement(session, w, s.statement),
        ),
        targets: s.targets.map((t) => t.digest),
      })),
    ),
  ]).catch((err: unknown) => {
    throw explainWitnessError(err, witnessOptions);
  });
  return { signatures, attestations };
}

/** The legacy `.att` layer of a statement without a Rekor entry is dated by a timestamp of its own. */
async function withEnvelopeTimestamp(
  opts: RunOptions,
  witnessOptions: WitnessOptions,
  signed: SignedStatement,
): Promise<SignedStatement> {
  if (opts.storage === 'referrers' || signed.tlogEntry || !witnessOptions.tsaUrl) return signed;
  return {
    ...signed,
    envelopeTimestamp: await timestampOf(witnessOptions, Buffer.from(signed.envelopeJson)),
  };
}

/** Every signed statement, the targets' bundle-format signatures first. */
export function signedStatements(s: RunSignatures): SignedStatement[] {
  return [
    ...s.signatures.flatMap((t) => (t.statement ? [t.statement] : [])),
    ...s.attestations.map((a) => a.signed),
  ];
}

export function rekorLogIndexes(s: RunSignatures): string[] {
  return [
    ...new Set(
      [
        ...s.signatures.flatMap((t) => [t.message?.tlogEntry, t.statement?.tlogEntry]),
        ...s.attestations.map((a) => a.signed.tlogEntry),
      ].flatMap((e) => (e ? [e.logIndex] : [])),
    ),
  ];
}
