// Looking for secrets where they must not be (issue 15, part 5): each secret in the forms it could
// leak in, searched for in every place a step writes. Used by the secret scan of a full run
// (test/integration/secrets.test.ts) and by the fault campaign, over every failing run's output.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A secret and the forms it could leak in: as is, base64, base64url, and inside a Basic header. */
export function forms(secret: string, username?: string): string[] {
  const out = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];
  if (username) out.push(Buffer.from(`${username}:${secret}`).toString('base64'));
  // A JWT's signature alone identifies it (and a log that cut the token short might keep it).
  const parts = secret.split('.');
  if (parts.length === 3 && parts[2]!.length > 20) out.push(parts[2]!);
  // Base64 of a string shifted by one or two bytes encodes differently: those forms too.
  for (const pad of ['x', 'xx'])
    out.push(
      Buffer.from(pad + secret)
        .toString('base64')
        .slice(4),
    );
  return out.filter((f) => f.length >= 12);
}

export interface Place {
  name: string;
  text: string;
}

export function filesUnder(dir: string): Place[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory()
      ? filesUnder(p)
      : [{ name: p, text: readFileSync(p).toString('latin1') }];
  });
}

/**
 * `::add-mask::VALUE` is the runner's protocol for a secret (@actions/core setSecret): the runner
 * swallows the line and masks VALUE in everything after it. The log a person sees is stdout without
 * those lines — and there, even unmasked, no secret may appear.
 */
export function shownLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

export function findings(places: Place[], secrets: { name: string; forms: string[] }[]): string[] {
  const found: string[] = [];
  for (const p of places)
    for (const s of secrets)
      for (const f of s.forms) if (p.text.includes(f)) found.push(`${s.name} in ${p.name}`);
  return found;
}
