import { setTimeout as sleep } from 'node:timers/promises';
import { NotFoundError } from './errors.js';
import { PreconditionFailedError, type FetchedManifest, type Repository } from './client.js';

/**
 * Read-modify-write of a tag that several writers share (the OCI referrers fallback index, cosign's
 * `.sig`/`.att` tags), without losing anyone's entry.
 *
 * Registries do not enforce `If-Match` (distribution 2.8 returns an ETag on GET and still accepts a
 * PUT whose If-Match does not match), so a stale PUT silently drops whatever another writer added
 * after our read. The protocol (docs/concurrency.md):
 *   1. always MERGE our entries into what was read, never replace it;
 *   2. bound every read-to-PUT to `readToWriteMs` (re-read when the read is older) and every PUT to
 *      `writeTimeoutMs` with no transport retries, so no write of ours can land later than
 *      readToWriteMs + writeTimeoutMs after the read it was based on;
 *   3. after our last PUT wait `settleMs` >= that bound (plus jitter), re-read, and if what we must
 *      guarantee is missing, merge it back and repeat from 3.
 * An entry present at that final read can no longer be removed by a stale write from any writer that
 * follows the same protocol: such a write would have to be based on a read made before ours landed,
 * and every such write has landed (or failed) before the settle delay ended.
 */

export interface SharedTagTiming {
  readToWriteMs: number;
  writeTimeoutMs: number;
  settleMs: number;
  jitterMs: number;
  maxRounds: number;
}

/** Timing from a measured registry round trip: generous multiples, with floors for noisy CI machines. */
export function calibrateTiming(roundTripMs: number): SharedTagTiming {
  const readToWriteMs = Math.max(1_000, Math.ceil(roundTripMs * 5));
  const writeTimeoutMs = Math.max(2_000, Math.ceil(roundTripMs * 10));
  return {
    readToWriteMs,
    writeTimeoutMs,
    settleMs: readToWriteMs + writeTimeoutMs,
    jitterMs: 500,
    maxRounds: 12,
  };
}

export type MergeResult = { bytes: Buffer; mediaType: string } | undefined;

export interface SharedTagUpdate<T> {
  /** Interprets the tag's current content (undefined: no such tag). Throws to leave a foreign tag untouched. */
  parse(current: FetchedManifest | undefined): T;
  /** The bytes to PUT so `current` gains our entries, or undefined when it already has them. */
  /** `attempt` > 0 when an earlier write of this round failed: re-upload blobs rather than trust HEAD. */
  merge(current: T, attempt: number): MergeResult | Promise<MergeResult>;
  /** Whether `current` holds everything this update guarantees (called at the settle re-read). */
  holds(current: T): Promise<boolean>;
  /** Told about each successful PUT, so `holds` can check what was written. */
  written?(bytes: Buffer): void;
}

export interface SharedTagResult {
  /** PUTs made (0 when the tag already held our entries). */
  writes: number;
  /** Settle re-reads that found an entry missing and had to write it back. */
  repairs: number;
}

export class SharedTagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SharedTagError';
  }
}

async function readTag(repo: Repository, tag: string): Promise<FetchedManifest | undefined> {
  try {
    return await repo.getManifest(tag, { actions: ['pull', 'push'] });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/**
 * Settle phases handed over by updates that were asked not to wait for them: the caller does other
 * work (reading back and verifying what it wrote) while the delay runs, then drains the queue, which
 * throws the first failure. A deferred settle never rejects unobserved.
 */
export class SettleQueue {
  private readonly pending: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  defer(settle: Promise<unknown>): void {
    this.pending.push(
      settle.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Runs the protocol on `tag`. With a SettleQueue the call returns once our write has landed and the
 * settle-and-re-check phase (step 3) continues in the queue; without one it returns after it.
 */
export async function updateSharedTag<T>(
  repo: Repository,
  tag: string,
  update: SharedTagUpdate<T>,
  timing: SharedTagTiming,
  settleQueue?: SettleQueue,
): Promise<SharedTagResult> {
  const result: SharedTagResult = { writes: 0, repairs: 0 };
  const jitter = () => sleep(Math.random() * timing.jitterMs);
  // Write phase: merge into a fresh read, within the read-to-write bound, until a PUT is accepted.
  const write = async (): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (attempt >= timing.maxRounds) {
        throw new SharedTagError(
          `${repo}:${tag}: could not write after ${attempt} attempts (conflicts or timeouts)`,
        );
      }
      const readAt = Date.now();
      const fetched = await readTag(repo, tag);
      const next = await update.merge(update.parse(fetched), attempt);
      if (!next) return;
      if (Date.now() - readAt > timing.readToWriteMs) continue;
      try {
        // If-Match is sent for the registries that honour it; the settle re-read covers the rest.
        await repo.putManifest(tag, next.bytes, next.mediaType, {
          ...(fetched?.etag ? { ifMatch: fetched.etag } : {}),
          timeoutMs: timing.writeTimeoutMs,
          retries: 0,
        });
        result.writes++;
        update.written?.(next.bytes);
        return;
      } catch (err) {
        // A conflict or a failed/timed-out write: its fate is unknown, so start again from a read.
        if (!(err instanceof PreconditionFailedError) && !isTransient(err)) throw err;
        await jitter();
      }
    }
  };
  // Settle phase: outlast every concurrent write based on a read older than our last PUT, re-read,
  // and write again (then settle again) while an entry we guarantee is missing.
  const settle = async (): Promise<SharedTagResult> => {
    for (let round = 0; round < timing.maxRounds; round++) {
      if (round > 0) await write();
      await sleep(timing.settleMs);
      await jitter();
      if (await update.holds(update.parse(await readTag(repo, tag)))) return result;
      result.repairs++;
    }
    throw new SharedTagError(
      `${repo}:${tag}: our entry was removed by concurrent writers ${timing.maxRounds} times in a row; ` +
        'the registry may not offer read-your-writes consistency (a cache in front of it?) — sign once after the matrix instead',
    );
  };
  await write();
  if (!settleQueue) return settle();
  settleQueue.defer(settle());
  return result;
}

function isTransient(err: unknown): boolean {
  const name = (err as Error).name;
  const status = (err as { status?: number }).status;
  // BlobUnknownError: a concurrent upload of the same blob was committing; the next attempt re-uploads.
  return (
    name === 'TransportError' ||
    name === 'BlobUnknownError' ||
    (status !== undefined && (status >= 500 || status === 429 || status === 408))
  );
}
