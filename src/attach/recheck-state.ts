import type { PendingRecheck } from '../oci/shared-tag.js';
import type { Descriptor } from '../oci/types.js';

/**
 * The shared-tag re-checks the Action's main step leaves for its post step, as the step state the
 * runner carries between them (`core.saveState` in main, `STATE_<name>` variables in post). One
 * variable per tag: the runner passes each as an environment variable, and one variable must stay
 * well under Linux's 128 KiB limit for a single environment string (SettleQueue keeps a larger one
 * in the main step). Nothing secret goes in: registry and repository names, tags, descriptors and
 * the certificates already published in them.
 */

export const STATE_VERSION = 1;
/** Per variable; SettleQueue's `maxSpecBytes` is a little less, for the envelope around `check`. */
export const MAX_STATE_VALUE_BYTES = 96 * 1024;
export const RECHECK_SPEC_MAX_BYTES = MAX_STATE_VALUE_BYTES - 1024;
const INDEX = 'rechecks';
const entryName = (i: number) => `recheck-${i}`;

export class RecheckStateError extends Error {
  constructor(message: string) {
    super(
      `the state the main step saved for the post step is unusable (${message}); the shared tags were not re-checked`,
    );
    this.name = 'RecheckStateError';
  }
}

/** The state variables (name → value) that carry `rechecks`. */
export function encodeRechecks(rechecks: readonly PendingRecheck[]): Record<string, string> {
  return Object.assign(encodeIndex(rechecks.length), ...rechecks.map((r, i) => encodeRecheck(r, i)));
}

/** The index: how many re-checks there are. Saved again after each one (the runner keeps a name's last value). */
export function encodeIndex(count: number): Record<string, string> {
  return { [INDEX]: JSON.stringify({ v: STATE_VERSION, count }) };
}

/** The variable of re-check number `index`. */
export function encodeRecheck(r: PendingRecheck, index: number): Record<string, string> {
  const value = JSON.stringify(r);
  if (Buffer.byteLength(value) > MAX_STATE_VALUE_BYTES)
    throw new Error(
      `internal: the re-check of ${r.registry}/${r.repository}:${r.tag} is too large for the step state`,
    );
  return { [entryName(index)]: value };
}

/** Reads them back through `get` (the post step's getState); an empty list when main saved none. */
export function decodeRechecks(get: (name: string) => string): PendingRecheck[] {
  const index = get(INDEX);
  if (!index) return [];
  const head = parse(index, INDEX) as { v?: unknown; count?: unknown };
  if (head.v !== STATE_VERSION)
    throw new RecheckStateError(
      `${INDEX} has version ${String(head.v)}, this post step reads ${STATE_VERSION}`,
    );
  if (!Number.isInteger(head.count) || (head.count as number) < 0)
    throw new RecheckStateError(`${INDEX} has no count`);
  return Array.from({ length: head.count as number }, (_, i) => {
    const name = entryName(i);
    const text = get(name);
    if (!text) throw new RecheckStateError(`${name} is missing`);
    return validRecheck(parse(text, name), name);
  });
}

function parse(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RecheckStateError(`${name} is not JSON`);
  }
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

function validRecheck(v: unknown, name: string): PendingRecheck {
  const bad = (what: string): never => {
    throw new RecheckStateError(`${name}: ${what}`);
  };
  if (typeof v !== 'object' || v === null) return bad('not an object');
  const r = v as Record<string, unknown>;
  if (typeof r.registry !== 'string' || !r.registry) bad('no registry');
  if (typeof r.repository !== 'string' || !r.repository) bad('no repository');
  if (typeof r.tag !== 'string' || !TAG.test(r.tag)) bad('no valid tag');
  if (typeof r.notBefore !== 'number' || !Number.isFinite(r.notBefore)) bad('no notBefore time');
  const check = r.check as Record<string, unknown> | undefined;
  if (typeof check !== 'object' || check === null) return bad('no check');
  const descriptors = (key: string) => {
    const list = check[key];
    if (!Array.isArray(list) || !list.every(isDescriptor)) bad(`check.${key} is not a list of descriptors`);
  };
  const strings = (key: string) => {
    const list = check[key];
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string'))
      bad(`check.${key} is not a list of strings`);
  };
  if (check.kind === 'cosign-legacy') {
    descriptors('ours');
    strings('dropped');
  } else if (check.kind === 'referrers-fallback') {
    descriptors('ours');
    strings('remove');
    descriptors('lastWritten');
  } else bad(`check.kind ${JSON.stringify(check.kind)} is not one this post step knows`);
  return r as unknown as PendingRecheck;
}

function isDescriptor(d: unknown): d is Descriptor {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return (
    typeof x.digest === 'string' &&
    DIGEST.test(x.digest) &&
    typeof x.mediaType === 'string' &&
    typeof x.size === 'number' &&
    (x.annotations === undefined || (typeof x.annotations === 'object' && x.annotations !== null))
  );
}
