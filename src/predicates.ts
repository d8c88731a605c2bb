import { readFile } from 'node:fs/promises';
import { OptionsError, type PredicateFile } from './options.js';

/**
 * User-given predicates (`predicates: type=path`), read and checked before anything is written:
 * each must be a JSON object. Size-capped well under the consumers' limits (GitHub: 16 MiB per
 * predicate; Kyverno SigstoreBundle: 10 MB per bundle, base64 and envelope included).
 */

const MAX_PREDICATE_BYTES = 7 * 1024 * 1024;

export interface Predicate {
  type: string;
  content: unknown;
  source: string;
}

export async function readPredicateFile(p: PredicateFile): Promise<Predicate> {
  let text: Buffer;
  try {
    text = await readFile(p.path);
  } catch (err) {
    throw new OptionsError(
      `input predicates: cannot read ${p.path} for ${p.type} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  if (text.length > MAX_PREDICATE_BYTES) {
    throw new OptionsError(
      `input predicates: ${p.path} is ${text.length} bytes; the limit is ${MAX_PREDICATE_BYTES} so its bundle stays under Kyverno's 10 MB`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new OptionsError(
      `input predicates: ${p.path} (for ${p.type}) is not JSON: ${(err as Error).message}`,
    );
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw new OptionsError(
      `input predicates: ${p.path} (for ${p.type}) must hold a JSON object, the predicate itself`,
    );
  }
  return { type: p.type, content, source: p.path };
}
