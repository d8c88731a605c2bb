// Regular-expression primitives for the patterns we hand to verifiers.
//
// Every verifier that takes a subject regex (cosign --certificate-identity-regexp, Kyverno
// subjectRegExp, policy-controller subjectRegExp) compiles it with Go's `regexp` package — RE2
// syntax, unanchored MatchString. So what we emit must (1) be valid RE2, (2) be anchored by us, and
// (3) mean the same in JavaScript, where we check it before publishing it.

/**
 * Exactly the set Go's regexp.QuoteMeta escapes (`\.+*?()|[]{}^$`, regexp/regexp.go
 * `special`). Escaping more is not safe: RE2 accepts `\` before any ASCII punctuation, but a
 * JavaScript RegExp with the `u` flag rejects identity escapes such as `\-` or `\/` outside a
 * class. With this set, the escaped string is a literal in both engines.
 */
const SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** Escapes `s` so that it matches itself literally in Go RE2 and in a JavaScript `u` RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(SPECIAL, '\\$&');
}

/**
 * Constructs JavaScript supports but RE2 refuses (re2 Syntax wiki, "NOT SUPPORTED"): lookahead and
 * lookbehind, backreferences (numbered and named), atomic groups, possessive quantifiers. Go's
 * regexp.Compile fails on all of them, so a verifier would reject the policy at admission time.
 * Matched against the pattern with escapes and character classes blanked out (see `skeleton`).
 */
const RE2_UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookaround'],
  [/\(\?>/, 'atomic group'],
  [/[*+?}]\+/, 'possessive quantifier'],
];

/**
 * The pattern with each escape pair and each character class replaced by `_`, so that `\(?=` or
 * `[(?=]` (literals) are not mistaken for constructs. Backreferences are found on the way, since
 * they only exist as escapes.
 */
function skeleton(pattern: string): { skeleton: string; backreference?: string } {
  let out = '';
  let backreference: string | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) backreference ??= `\\${next}`;
      out += '_';
      i++;
    } else if (c === '[') {
      // A class ends at the first unescaped `]` that is not its first member (`[]a]`, `[^]a]`).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      out += '_';
      i = j;
    } else {
      out += c;
    }
  }
  return backreference === undefined ? { skeleton: out } : { skeleton: out, backreference };
}

/**
 * Throws unless `pattern` is anchored `^…$`, free of constructs RE2 lacks, and compiles as a
 * JavaScript `u` RegExp. Run on every pattern before it reaches a summary or a policy file.
 */
export function assertAnchoredRe2(pattern: string): void {
  const { skeleton: shape, backreference } = skeleton(pattern);
  // Go's MatchString is unanchored: without ^…$ a SAN that merely contains ours would pass. The
  // skeleton turns an escaped `\$` into `_`, so a trailing literal dollar is not taken for an anchor.
  if (!shape.startsWith('^') || !shape.endsWith('$')) {
    throw new Error(`subject pattern ${pattern} is not anchored with ^…$`);
  }
  if (backreference !== undefined) {
    throw new Error(
      `subject pattern ${pattern} uses a backreference (${backreference}), which Go RE2 does not support`,
    );
  }
  for (const [construct, what] of RE2_UNSUPPORTED) {
    if (construct.test(shape)) {
      throw new Error(`subject pattern ${pattern} uses a ${what}, which Go RE2 does not support`);
    }
  }
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    throw new Error(`subject pattern ${pattern} does not compile: ${(e as Error).message}`);
  }
}
