import { isLoopbackRegistry } from './oci/reference.js';

/** The value parsers every input shares, and the one error type they raise. */

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

/** Splits a list input given as lines or commas (docker/metadata-action outputs newline-separated tags). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = value?.trim().toLowerCase();
  if (!v) return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new OptionsError(`input ${name}: "${value}" is not a boolean; use true or false`);
}

/** A number of seconds, 0.1 to 600 (fractions allowed: a loopback test may want 0.5 s). */
export function seconds(name: string, value: string | undefined, fallback: number): number {
  const v = value?.trim();
  if (!v) return fallback;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || n < 0.1 || n > 600)
    throw new OptionsError(
      `input ${name}: "${value}" is not a number of seconds from 0.1 to 600 (default ${fallback})`,
    );
  return n;
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = value?.trim() || fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new OptionsError(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
  }
  return v as T;
}

export function url(name: string, value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new OptionsError(`input ${name}: "${v}" is not a URL; give e.g. https://fulcio.example.com`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackRegistry(u.host))) {
    throw new OptionsError(`input ${name}: ${v} must use https (plain http is accepted only on loopback)`);
  }
  return v.replace(/\/+$/, '');
}
