import { bundleToJSON, envelopeToJSON, type Bundle, type TransparencyLogEntry } from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import { INTOTO_PAYLOAD_TYPE, type Statement } from '../intoto.js';
import type { SigningSession } from './session.js';

/**
 * Signatures and their witnesses. One Rekor v1 entry per signed thing: `dsse` for statements (the
 * same entry serves the bundle referrer and cosign's `.att` layer) and `hashedrekord` for cosign's
 * simple-signing payload. Rekor v1 because sigstore-js's Rekor v2 DSSE upload is out of date.
 */

export interface WitnessOptions {
  /** Rekor v1 base URL; undefined means no transparency log (then a TSA is required). */
  rekorUrl?: string;
  tsaUrl?: string;
  timeoutMs?: number;
}

const fetchOptions = (opts: WitnessOptions) => ({
  retry: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true },
  timeout: opts.timeoutMs ?? 30_000,
});

export function witnesses(opts: WitnessOptions): Witness[] {
  const list: Witness[] = [];
  // fetchOnConflict: a retried upload that Rekor already logged answers 409; fetch that entry instead.
  if (opts.rekorUrl)
    list.push(
      new RekorWitness({
        rekorBaseURL: opts.rekorUrl,
        entryType: 'dsse',
        fetchOnConflict: true,
        ...fetchOptions(opts),
      }),
    );
  if (opts.tsaUrl) list.push(new TSAWitness({ tsaBaseURL: opts.tsaUrl, ...fetchOptions(opts) }));
  if (list.length === 0)
    throw new Error(
      'signing needs a transparency log (rekor-url) or a timestamp authority (tsa-url), or both',
    );
  return list;
}

/**
 * @sigstore/sign reports a witness failure as "error creating tlog entry" with the HTTP error as
 * its cause: name the service, the cause, and what to do.
 */
export function explainWitnessError(err: unknown, opts: WitnessOptions): Error {
  const e = err as { code?: string; message?: string; cause?: { message?: string } };
  const cause = e.cause?.message ?? e.message ?? String(err);
  if (e.code === 'TLOG_CREATE_ENTRY_ERROR') {
    return new Error(
      `Rekor ${opts.rekorUrl ?? ''} did not log the signature (${cause}); nothing was published — retry the job later`,
    );
  }
  if (e.code === 'TSA_CREATE_TIMESTAMP_ERROR') {
    return new Error(
      `the timestamp authority ${opts.tsaUrl ?? ''} did not timestamp the signature (${cause}); nothing was published — retry the job later`,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * An RFC 3161 timestamp over `data` itself. cosign dates a legacy `.att` layer by a timestamp over
 * the layer's payload, the whole DSSE envelope (pkg/cosign/verify.go VerifyRFC3161Timestamp: no
 * base64 signature on attestation layers, so "we rely on the signed payload"), while a bundle's
 * timestamp covers the DSSE signature (what sigstore-go checks). Without a Rekor entry to date it,
 * the `.att` layer needs a timestamp of its own, from the same TSA through the same client.
 */
export async function timestampOf(opts: WitnessOptions, data: Buffer): Promise<Buffer> {
  if (!opts.tsaUrl) throw new Error('internal: a timestamp without a tsa-url');
  const witness = new TSAWitness({ tsaBaseURL: opts.tsaUrl, ...fetchOptions(opts) });
  // The TSA client timestamps "the signature" of what it is given: here, the envelope bytes.
  const vm = await witness.testify({
    $case: 'messageSignature',
    messageSignature: { signature: data },
  } as never);
  const ts = vm.rfc3161Timestamps?.[0]?.signedTimestamp;
  if (!ts) throw new Error(`the timestamp authority ${opts.tsaUrl} answered without a timestamp`);
  return ts;
}

export interface SignedStatement {
  statement: Statement;
  bundle: Bundle;
  /** The bundle as JSON (protobuf-specs JSON form), what is published. */
  bundleJson: string;
  /** The DSSE envelope exactly as it was sent to Rekor: cosign's `.att` layer must be these bytes. */
  envelopeJson: string;
  tlogEntry?: TransparencyLogEntry;
  /** Without a Rekor entry: a timestamp over envelopeJson, for the legacy `.att` layer (timestampOf). */
  envelopeTimestamp?: Buffer;
}

export async function signStatement(
  session: SigningSession,
  witnessList: Witness[],
  statement: Statement,
): Promise<SignedStatement> {
  const builder = new DSSEBundleBuilder({ signer: session, witnesses: witnessList });
  const bundle = await builder.create({
    data: Buffer.from(JSON.stringify(statement)),
    type: INTOTO_PAYLOAD_TYPE,
  });
  if (bundle.content.$case !== 'dsseEnvelope') throw new Error('internal: DSSE bundle without an envelope');
  // @sigstore/sign's dsse entry sends JSON.stringify(envelopeToJSON(envelope)); the same function here
  // yields the same bytes, and the tlog body's envelopeHash proves it (checked in attach/ before use).
  const envelopeJson = JSON.stringify(envelopeToJSON(bundle.content.dsseEnvelope));
  const tlogEntry = bundle.verificationMaterial.tlogEntries[0];
  return {
    statement,
    bundle,
    bundleJson: JSON.stringify(bundleToJSON(bundle)),
    envelopeJson,
    ...(tlogEntry ? { tlogEntry } : {}),
  };
}

export interface SignedMessage {
  payload: Buffer;
  signature: Buffer;
  bundle: Bundle;
  tlogEntry?: TransparencyLogEntry;
}

export async function signMessage(
  session: SigningSession,
  witnessList: Witness[],
  payload: Buffer,
): Promise<SignedMessage> {
  const builder = new MessageSignatureBundleBuilder({ signer: session, witnesses: witnessList });
  const bundle = await builder.create({ data: payload });
  if (bundle.content.$case !== 'messageSignature')
    throw new Error('internal: message bundle without a signature');
  const tlogEntry = bundle.verificationMaterial.tlogEntries[0];
  return {
    payload,
    signature: bundle.content.messageSignature.signature,
    bundle,
    ...(tlogEntry ? { tlogEntry } : {}),
  };
}
