import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handOverQueue } from '../../src/action/state.js';
import {
  decodeRechecks,
  encodeRechecks,
  MAX_STATE_VALUE_BYTES,
  RecheckStateError,
} from '../../src/attach/recheck-state.js';
import { remainingDelayMs, SHARED_TAG_TIMING, type PendingRecheck } from '../../src/oci/shared-tag.js';
import { parseFileCommands } from '../support/action.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const legacy: PendingRecheck = {
  registry: 'ghcr.io',
  repository: 'acme/app',
  tag: `sha256-${'a'.repeat(64)}.sig`,
  notBefore: 1_764_000_000_000,
  check: {
    kind: 'cosign-legacy',
    ours: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: digest('b'),
        size: 250,
        annotations: {
          'dev.cosignproject.cosign/signature': 'MEUC…',
          'dev.sigstore.cosign/certificate': 'PEM\nlines',
        },
      },
    ],
    dropped: [digest('c')],
  },
};
const fallback: PendingRecheck = {
  registry: '127.0.0.1:5000',
  repository: 'race/app',
  tag: `sha256-${'a'.repeat(64)}`,
  notBefore: 1_764_000_000_500,
  check: {
    kind: 'referrers-fallback',
    ours: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest('d'), size: 700 }],
    remove: [digest('e')],
    lastWritten: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest('f'), size: 690 },
    ],
  },
};

describe('re-check state encoding', () => {
  it('round-trips every re-check, one state variable each plus the index', () => {
    const state = encodeRechecks([legacy, fallback]);
    expect(Object.keys(state).sort()).toEqual(['recheck-0', 'recheck-1', 'rechecks']);
    expect(decodeRechecks((n) => state[n] ?? '')).toEqual([legacy, fallback]);
  });

  it('reads "nothing to re-check" when main saved nothing (it failed before writing a shared tag)', () => {
    expect(decodeRechecks(() => '')).toEqual([]);
    const none = encodeRechecks([]);
    expect(decodeRechecks((n) => none[n] ?? '')).toEqual([]);
  });

  it('refuses a state it cannot use, saying which variable and why', () => {
    const state = encodeRechecks([legacy]);
    const get = (over: Record<string, string>) => (n: string) => ({ ...state, ...over })[n] ?? '';
    expect(() => decodeRechecks(get({ rechecks: '{"v":2,"count":1}' }))).toThrow(/rechecks has version 2/);
    expect(() => decodeRechecks(get({ rechecks: '{"v":1,"count":2}' }))).toThrow(/recheck-1 is missing/);
    expect(() => decodeRechecks(get({ 'recheck-0': 'not json' }))).toThrow(/recheck-0 is not JSON/);
    expect(() => decodeRechecks(get({ 'recheck-0': JSON.stringify({ ...legacy, tag: '../x' }) }))).toThrow(
      /recheck-0: no valid tag/,
    );
    expect(() =>
      decodeRechecks(get({ 'recheck-0': JSON.stringify({ ...legacy, check: { kind: 'other', ours: [] } }) })),
    ).toThrow(/check.kind "other" is not one this post step knows/);
    expect(() =>
      decodeRechecks(
        get({
          'recheck-0': JSON.stringify({ ...legacy, check: { ...legacy.check, ours: [{ digest: 'x' }] } }),
        }),
      ),
    ).toThrow(RecheckStateError);
  });

  it('matches what @actions/core writes to GITHUB_STATE and the runner hands to post as STATE_<name>', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstamp-state-')), 'state');
    writeFileSync(file, '');
    process.env.GITHUB_STATE = file;
    const queue = handOverQueue();
    for (const r of [legacy, fallback])
      queue.defer(
        () => Promise.resolve(),
        () => r,
      );
    const parsed = parseFileCommands(readFileSync(file, 'utf8'));
    // Multi-line values (the certificate annotation) survive: core uses the heredoc form.
    expect(readFileSync(file, 'utf8')).toMatch(/^rechecks<<ghadelimiter_/);
    for (const [k, v] of Object.entries(parsed)) process.env[`STATE_${k}`] = v;
    // What core.getState(name) reads in the post step.
    expect(decodeRechecks((n) => process.env[`STATE_${n}`] || '')).toEqual([legacy, fallback]);
  });

  afterEach(() => {
    delete process.env.GITHUB_STATE;
    for (const k of Object.keys(process.env)) if (k.startsWith('STATE_')) delete process.env[k];
  });
});

/** A fresh GITHUB_STATE file; `read()` is what the runner would give post from it so far. */
function stateFile() {
  const file = join(mkdtempSync(join(tmpdir(), 'sigstamp-state-')), 'state');
  writeFileSync(file, '');
  process.env.GITHUB_STATE = file;
  return {
    read: () => {
      const parsed = parseFileCommands(readFileSync(file, 'utf8'));
      return decodeRechecks((n) => parsed[n] ?? '');
    },
  };
}

describe('hand-over queue', () => {
  afterEach(() => {
    delete process.env.GITHUB_STATE;
  });

  it('saves each re-check the moment it is handed over (a main step killed later leaves them to post)', () => {
    const state = stateFile();
    const queue = handOverQueue();
    expect(state.read()).toEqual([]);
    queue.defer(
      () => Promise.reject(new Error('must not run')),
      () => legacy,
    );
    expect(state.read()).toEqual([legacy]);
    queue.defer(
      () => Promise.reject(new Error('must not run')),
      () => fallback,
    );
    expect(state.read()).toEqual([legacy, fallback]);
  });

  it('hands over a describable settle instead of running it, and runs one too large for the state', async () => {
    stateFile();
    const queue = handOverQueue();
    let ran = 0;
    const settle = async () => {
      ran++;
    };
    queue.defer(settle, () => legacy);
    expect(queue.handedOver()).toEqual([legacy]);
    const huge = {
      ...fallback,
      check: { ...fallback.check, lastWritten: [], pad: 'x'.repeat(MAX_STATE_VALUE_BYTES) },
    };
    queue.defer(settle, () => huge);
    queue.defer(settle); // an update that cannot describe itself
    await queue.drain();
    expect(ran).toBe(2);
    expect(queue.handedOver()).toEqual([legacy]);
  });
});

describe('remaining settle delay', () => {
  const settle = SHARED_TAG_TIMING.settleMs;
  it('is what remains until notBefore', () => {
    expect(remainingDelayMs(10_000, 7_000, settle)).toBe(3_000);
    expect(remainingDelayMs(10_000, 9_999.2, settle)).toBe(1);
  });
  it('is zero once notBefore has passed (a post step after long other steps does not wait)', () => {
    expect(remainingDelayMs(10_000, 10_000, settle)).toBe(0);
    expect(remainingDelayMs(10_000, 600_000, settle)).toBe(0);
  });
  it('is never more than one whole settle (a clock set back between main and post)', () => {
    expect(remainingDelayMs(10_000 + settle, 10_000, settle)).toBe(settle);
    expect(remainingDelayMs(10_000_000, 10_000, settle)).toBe(settle);
    expect(remainingDelayMs(Number.NaN, 10_000, settle)).toBe(settle);
  });
});

describe('protocol constants', () => {
  it('are at or above the floors and cover the measured worst case (docs/concurrency.md)', () => {
    const t = SHARED_TAG_TIMING;
    expect(t.readToWriteMs).toBeGreaterThanOrEqual(Math.max(1_000, 1_065));
    expect(t.writeTimeoutMs).toBeGreaterThanOrEqual(Math.max(2_000, 629));
    expect(t.settleMs).toBe(t.readToWriteMs + t.writeTimeoutMs);
    expect(t.jitterMs).toBe(500);
    expect(Object.isFrozen(t)).toBe(true);
  });
});
