// Shared harness of the fuzz targets (test/fuzz): property-based with fast-check (Jazzer.js, the
// coverage-guided option, ships no Linux prebuild that loads on this glibc; see test/fuzz/README.md).
// Every input must end in a result or in the target's typed error; anything else is a crash: another
// error class (TypeError, RangeError…), a non-Error throw, a call slower than the bound, or an output
// larger than the bound, or resident memory grown past MAX_RSS_GROWTH. fast-check then shrinks the
// input and prints the seed and path to replay it.
import fc from 'fast-check';
import { expect } from 'vitest';

/** SIGSTAMP_FUZZ_RUNS multiplies every target's runs (npm run fuzz); SIGSTAMP_FUZZ_SEED picks the seed. */
const multiplier = Number(process.env.SIGSTAMP_FUZZ_RUNS ?? '1') || 1;
export const FUZZ_SEED = Number(process.env.SIGSTAMP_FUZZ_SEED ?? '15') | 0;
/** Per-input wall-clock bound: generous, so only a hang or a blow-up trips it. */
export const MAX_MS_PER_INPUT = 2000;
/**
 * Memory bound: the process' resident set may not grow more than this over a target's start. The
 * inputs are at most a few hundred KiB, so only an input that makes a parser allocate far beyond
 * its size (a length field trusted, a bomb inflated) trips it.
 */
export const MAX_RSS_GROWTH = 512 * 1024 * 1024;

export const runs = (base: number): number => Math.max(1, Math.round(base * multiplier));

/** A vitest timeout that grows with the run count (the harness' own bound is per input). */
export const fuzzTimeout = (base: number): number => 60_000 + runs(base) * MAX_MS_PER_INPUT;

/** Says whether a thrown value is the target's documented failure. */
export type Typed = (err: unknown) => boolean;

/** An instance of one of `classes`. */
export const instanceOf =
  (...classes: (abstract new (...args: never[]) => Error)[]): Typed =>
  (err) =>
    classes.some((c) => err instanceof c);

/**
 * A plain `Error` (exactly that class: TypeError and RangeError are crashes) whose message matches one
 * of the messages the parser deliberately throws.
 */
export const plainError =
  (...messages: RegExp[]): Typed =>
  (err) =>
    err instanceof Error && err.constructor === Error && messages.some((m) => m.test(err.message));

export const anyOf =
  (...typed: Typed[]): Typed =>
  (err) =>
    typed.some((t) => t(err));

/** The target's typed error; never: the parser must not throw at all. */
export const neverThrows: Typed = () => false;

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}\n${err.stack ?? ''}`;
  return `non-Error throw: ${String(err)}`;
}

export interface Bounds<T> {
  /** Size of the result, checked against `maxOutput` (e.g. a count of packages, or of characters). */
  size?: (out: T) => number;
  maxOutput?: number;
}

/** Outcomes of the inputs of the running target, printed when it ends (the executions figure). */
const outcomes = { results: 0, typedErrors: 0, slowest: 0, rssStart: 0, rssPeak: 0 };

function checkResult<T>(out: T, started: number, bounds: Bounds<T>): void {
  const ms = performance.now() - started;
  outcomes.slowest = Math.max(outcomes.slowest, ms);
  if (ms > MAX_MS_PER_INPUT) throw new Error(`crash: one input took ${ms.toFixed(0)} ms`);
  const rss = process.memoryUsage.rss();
  outcomes.rssPeak = Math.max(outcomes.rssPeak, rss);
  if (rss - outcomes.rssStart > MAX_RSS_GROWTH)
    throw new Error(`crash: resident memory grew ${((rss - outcomes.rssStart) / 2 ** 20).toFixed(0)} MiB`);
  if (bounds.size && bounds.maxOutput !== undefined && bounds.size(out) > bounds.maxOutput)
    throw new Error(`crash: output of size ${bounds.size(out)} > ${bounds.maxOutput}`);
}

function checkError(err: unknown, started: number, typed: Typed): void {
  if (!typed(err)) throw new Error(`crash: untyped failure: ${describe(err)}`);
  checkResult(undefined, started, {});
  outcomes.typedErrors++;
}

/** Calls `fn(input)` and fails the property unless it returns (within bounds) or throws a typed error. */
export function call<I, T>(fn: (input: I) => T, input: I, typed: Typed, bounds: Bounds<T> = {}): void {
  const started = performance.now();
  let out: T;
  try {
    out = fn(input);
  } catch (err) {
    checkError(err, started, typed);
    return;
  }
  checkResult(out, started, bounds);
  outcomes.results++;
}

/** The async form of `call`; a promise that does not settle within the bound is a hang. */
export async function callAsync<I, T>(
  fn: (input: I) => Promise<T>,
  input: I,
  typed: Typed,
  bounds: Bounds<T> = {},
): Promise<void> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('crash: hang')), MAX_MS_PER_INPUT * 2);
  });
  let out: T;
  try {
    out = await Promise.race([fn(input), hang]);
  } catch (err) {
    if (err instanceof Error && err.message === 'crash: hang') throw err;
    checkError(err, started, typed);
    return;
  } finally {
    clearTimeout(timer);
  }
  checkResult(out, started, bounds);
  outcomes.results++;
}

function startCounting(): void {
  const rss = process.memoryUsage.rss();
  Object.assign(outcomes, { results: 0, typedErrors: 0, slowest: 0, rssStart: rss, rssPeak: rss });
}

/** One line per target: how many inputs ran and how they ended (npm run fuzz collects these). */
function report(): void {
  const name = expect.getState().currentTestName ?? 'fuzz target';
  console.log(
    `${name}: ${outcomes.results + outcomes.typedErrors} executions (seed ${FUZZ_SEED}), ` +
      `${outcomes.results} results, ${outcomes.typedErrors} typed errors, 0 crashes, slowest ${outcomes.slowest.toFixed(0)} ms, ` +
      `resident memory +${((outcomes.rssPeak - outcomes.rssStart) / 2 ** 20).toFixed(0)} MiB`,
  );
}

/** Runs a synchronous property: `numRuns` inputs from `arb`, fixed seed. */
export function fuzz<I>(arb: fc.Arbitrary<I>, base: number, check: (input: I) => void): void {
  startCounting();
  fc.assert(fc.property(arb, check), { numRuns: runs(base), seed: FUZZ_SEED, endOnFailure: false });
  report();
}

export async function fuzzAsync<I>(
  arb: fc.Arbitrary<I>,
  base: number,
  check: (input: I) => Promise<void>,
): Promise<void> {
  startCounting();
  await fc.assert(fc.asyncProperty(arb, check), { numRuns: runs(base), seed: FUZZ_SEED });
  report();
}

// ---- Inputs: seeds from the fixtures, mutated the way a byte-level fuzzer would. ----

type Mutation = (b: Buffer) => Buffer;

const mutation = (len: number): fc.Arbitrary<Mutation> => {
  const at = fc.nat({ max: Math.max(0, len) });
  const bytes = fc.uint8Array({ maxLength: 64 });
  return fc.oneof(
    // Flip one byte to an arbitrary value.
    fc.tuple(at, fc.integer({ min: 0, max: 255 })).map(([i, v]): Mutation => (b) => {
      const c = Buffer.from(b);
      if (c.length) c[i % c.length] = v;
      return c;
    }),
    // Truncate.
    at.map(
      (i): Mutation =>
        (b) =>
          b.subarray(0, i),
    ),
    // Insert bytes.
    fc.tuple(at, bytes).map(
      ([i, ins]): Mutation =>
        (b) =>
          Buffer.concat([b.subarray(0, i), ins, b.subarray(i)]),
    ),
    // Delete a range.
    fc.tuple(at, at).map(
      ([i, j]): Mutation =>
        (b) =>
          Buffer.concat([b.subarray(0, Math.min(i, j)), b.subarray(Math.max(i, j))]),
    ),
    // Splice: duplicate a range elsewhere (repeats records, headers, lengths).
    fc.tuple(at, at, at).map(([i, j, k]): Mutation => (b) => {
      const piece = b.subarray(Math.min(i, j), Math.max(i, j));
      return Buffer.concat([b.subarray(0, k), piece, b.subarray(k)]);
    }),
    // Overwrite four bytes with an interesting 32-bit value (lengths and offsets in binary formats).
    fc
      .tuple(at, fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff), fc.boolean())
      .map(([i, v, le]): Mutation => (b) => {
        const c = Buffer.from(b);
        if (c.length >= 4) {
          const o = i % (c.length - 3);
          if (le) c.writeUInt32LE(v >>> 0, o);
          else c.writeUInt32BE(v >>> 0, o);
        }
        return c;
      }),
  );
};

/** A seed with 1 to `max` mutations applied, or (one time in five) arbitrary bytes. */
export function mutatedBytes(
  seeds: Buffer[],
  opts: { max?: number; maxRandom?: number } = {},
): fc.Arbitrary<Buffer> {
  const maxLen = Math.max(...seeds.map((s) => s.length), 1);
  const mutated = fc
    .tuple(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(mutation(maxLen), { minLength: 1, maxLength: opts.max ?? 4 }),
    )
    .map(([i, ms]) => ms.reduce((b, m) => m(b), seeds[i]!));
  const random = fc.uint8Array({ maxLength: opts.maxRandom ?? 1024 }).map((u) => Buffer.from(u));
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: random, weight: 1 });
}

/** Text inputs: mutated seeds (as UTF-8, so broken sequences become U+FFFD) or arbitrary strings. */
export function mutatedText(seeds: string[], alphabet = ''): fc.Arbitrary<string> {
  const bytes = mutatedBytes(seeds.map((s) => Buffer.from(s, 'utf8'))).map((b) => b.toString('utf8'));
  const chars = alphabet
    ? fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 200 })
    : fc.string({ maxLength: 200 });
  return fc.oneof(
    { arbitrary: bytes, weight: 3 },
    { arbitrary: chars, weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  );
}

/** Arbitrary JSON text, plus mutations of the seeds' JSON (to reach past JSON.parse). */
export function mutatedJson(seeds: unknown[]): fc.Arbitrary<string> {
  const texts = seeds.map((s) => JSON.stringify(s));
  return fc.oneof(
    { arbitrary: mutatedText(texts), weight: 2 },
    { arbitrary: fc.json({ maxDepth: 4 }), weight: 1 },
    // Structure-aware: a seed with one value anywhere in it replaced by an arbitrary JSON value.
    {
      arbitrary: fc
        .tuple(fc.nat({ max: seeds.length - 1 }), fc.nat(), fc.jsonValue({ maxDepth: 3 }))
        .map(([i, at, v]) => JSON.stringify(replaceAt(seeds[i], at, v))),
      weight: 3,
    },
  );
}

/** Replaces the `at`-th node (pre-order, modulo the node count) of a JSON value. */
function replaceAt(root: unknown, at: number, value: unknown): unknown {
  const count = (v: unknown): number =>
    v !== null && typeof v === 'object' ? 1 + Object.values(v).reduce<number>((n, c) => n + count(c), 0) : 1;
  let n = at % count(root);
  const walk = (v: unknown): unknown => {
    if (n-- === 0) return value;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, c]) => [k, walk(c)]));
    return v;
  };
  return walk(root);
}
