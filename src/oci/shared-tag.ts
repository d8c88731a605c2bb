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
 * The bounds are protocol constants (SHARED_TAG_TIMING), the same for every writer.
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

/**
 * The protocol's bounds, the same for every writer. They are constants rather than calibrated from a
 * writer's own round trip: the settle of each writer must outlast the longest window ANY writer may
 * use, and a writer cannot learn a concurrent writer's window (one still in flight has not written
 * it anywhere yet). 2 s covers 1.9x the worst read-to-PUT measured under 16 concurrent signers
 * (1065 ms, config upload included; a read-to-PUT now excludes it, see `write`), 3 s is 4.8x the
 * worst PUT (629 ms); both are at or above the floors earlier releases used (1 s and 2 s), so this
 * settle also outlasts the window of an earlier sigstamp on a registry up to 333 ms away
 * (docs/concurrency.md).
 */
export const SHARED_TAG_TIMING: Readonly<SharedTagTiming> = Object.freeze({
  readToWriteMs: 2_000,
  writeTimeoutMs: 3_000,
  settleMs: 5_000,
  jitterMs: 500,
  maxRounds: 12,
});

export type MergeResult = { bytes: Buffer; mediaType: string } | undefined;

/** What a later process needs to re-check a tag: JSON, no secrets; `kind` names the update that reads it. */
export type RecheckSpec = { kind: string } & Record<string, unknown>;

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
  /** What `holds` checks, for a re-check in another process (the Action's post step); read after the write. */
  recheck?(): RecheckSpec;
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

/** A tag's settle-and-re-check left for a later process: where, what, and not before when (epoch ms). */
export interface PendingRecheck {
  registry: string;
  repository: string;
  tag: string;
  /** The end of the settle delay after our last PUT: the re-check must not read earlier. */
  notBefore: number;
  check: RecheckSpec;
}

/**
 * Settle phases handed over by updates that were asked not to wait for them. Waiting (the CLI): the
 * caller does other work (reading back and verifying what it wrote) while the delay runs, then
 * drains the queue, which throws the first failure; a deferred settle never rejects unobserved.
 * Handing over (the Action): the phase is not run here at all but described (`handedOver()`) for the
 * post step, which waits for what remains of the delay; a description larger than `maxSpecBytes`
 * (what one state variable carries safely) is settled here instead.
 */
export class SettleQueue {
  private readonly pending: Promise<void>[] = [];
  private readonly rechecks: PendingRecheck[] = [];
  private failure: { error: unknown } | undefined;

  /** `handOver.saved` is told of each re-check as it is handed over (so a killed process has saved it). */
  constructor(
    private readonly handOver?: {
      maxSpecBytes: number;
      saved?: (recheck: PendingRecheck, index: number) => void;
    },
  ) {}

  defer(settle: () => Promise<unknown>, recheck?: () => PendingRecheck | undefined): void {
    const described = this.handOver ? recheck?.() : undefined;
    if (described && JSON.stringify(described).length <= this.handOver!.maxSpecBytes) {
      this.rechecks.push(described);
      this.handOver!.saved?.(described, this.rechecks.length - 1);
      return;
    }
    this.pending.push(
      settle().then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  /** The re-checks left for a later process (empty when waiting). */
  handedOver(): readonly PendingRecheck[] {
    return this.rechecks;
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Runs the protocol on `tag`. With a SettleQueue the call returns once our write has landed and the
 * settle-and-re-check phase (step 3) continues in the queue (or is handed over); without one it
 * returns after it.
 */
export async function updateSharedTag<T>(
  repo: Repository,
  tag: string,
  update: SharedTagUpdate<T>,
  timing: SharedTagTiming = SHARED_TAG_TIMING,
  settleQueue?: SettleQueue,
): Promise<SharedTagResult> {
  const result: SharedTagResult = { writes: 0, repairs: 0 };
  await writeSharedTag(repo, tag, update, timing, result);
  if (!settleQueue) return settleSharedTag(repo, tag, update, timing, timing.settleMs, result);
  const writtenAt = Date.now();
  settleQueue.defer(
    () => settleSharedTag(repo, tag, update, timing, timing.settleMs, result),
    update.recheck &&
      (() => ({
        registry: repo.registry,
        repository: repo.name,
        tag,
        notBefore: writtenAt + timing.settleMs,
        check: update.recheck!(),
      })),
  );
  return result;
}

/** Write phase: merge into a fresh read, within the read-to-write bound, until a PUT is accepted. */
async function writeSharedTag<T>(
  repo: Repository,
  tag: string,
  update: SharedTagUpdate<T>,
  timing: SharedTagTiming,
  result: SharedTagResult,
): Promise<void> {
  const jitter = () => sleep(Math.random() * timing.jitterMs);
  // Bytes merged from a read that got too old: still right if the tag is unchanged at the next read
  // (their blobs are uploaded), so the read-to-PUT bound never has to cover a blob upload.
  let prepared: { base: string | undefined; next: NonNullable<MergeResult> } | undefined;
  for (let attempt = 0; ; attempt++) {
    if (attempt >= timing.maxRounds) {
      throw new SharedTagError(
        `${repo}:${tag}: could not write after ${attempt} attempts (conflicts or timeouts)`,
      );
    }
    const readAt = Date.now();
    const fetched = await readTag(repo, tag);
    const base = fetched?.descriptor.digest;
    const next =
      prepared && prepared.base === base ? prepared.next : await update.merge(update.parse(fetched), attempt);
    prepared = undefined;
    if (!next) return;
    if (Date.now() - readAt > timing.readToWriteMs) {
      prepared = { base, next };
      continue;
    }
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
}

/**
 * Settle phase: outlast every concurrent write based on a read older than our last PUT (the first
 * wait is `firstDelayMs`: what remains of it when another process resumes it), re-read, and write
 * again (then settle again) while an entry we guarantee is missing.
 */
export async function settleSharedTag<T>(
  repo: Repository,
  tag: string,
  update: SharedTagUpdate<T>,
  timing: SharedTagTiming = SHARED_TAG_TIMING,
  firstDelayMs: number = timing.settleMs,
  result: SharedTagResult = { writes: 0, repairs: 0 },
): Promise<SharedTagResult> {
  for (let round = 0; round < timing.maxRounds; round++) {
    if (round > 0) await writeSharedTag(repo, tag, update, timing, result);
    await sleep(round === 0 ? firstDelayMs : timing.settleMs);
    await sleep(Math.random() * timing.jitterMs);
    if (await update.holds(update.parse(await readTag(repo, tag)))) return result;
    result.repairs++;
  }
  throw new SharedTagError(
    `${repo}:${tag}: our entry was removed by concurrent writers ${timing.maxRounds} times in a row; ` +
      'the registry may not offer read-your-writes consistency (a cache in front of it?) — sign once after the matrix instead',
  );
}

/**
 * How long a resumed settle still has to wait: what remains until `notBefore`, never negative, and
 * never more than one whole settle (a clock set back between the two processes must not stall it).
 */
export function remainingDelayMs(
  notBefore: number,
  now: number,
  settleMs = SHARED_TAG_TIMING.settleMs,
): number {
  if (!Number.isFinite(notBefore)) return settleMs;
  return Math.min(settleMs, Math.max(0, Math.ceil(notBefore - now)));
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
