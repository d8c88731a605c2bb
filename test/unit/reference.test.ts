import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  InvalidReferenceError,
  apiHost,
  formatReference,
  isLoopbackRegistry,
  parseReference,
  repositoryName,
  withDigest,
  withTag,
  type Reference,
} from '../../src/oci/reference.js';

interface ParseOk {
  input: string;
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  normalized: string;
}
interface ParseErr {
  input: string;
  error: true;
  reason: string;
  deviation?: string;
}
interface Vectors {
  source: { repository: string; commit: string; files: string[] };
  parse: (ParseOk | ParseErr)[];
  canonical: { input: string; canonical: boolean }[];
  dockerRef: { input: string; expected: string }[];
  invalidTags: { tag: string }[];
  invalidDigests: { digest: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/reference-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

const label = (s: string): string =>
  s.length > 90 ? `${JSON.stringify(s.slice(0, 87))}…` : JSON.stringify(s);
const isErr = (v: ParseOk | ParseErr): v is ParseErr => 'error' in v;
const SHA = 'sha256:' + 'a'.repeat(64);

function thrown(fn: () => unknown): InvalidReferenceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidReferenceError);
    return err as InvalidReferenceError;
  }
  throw new Error('expected InvalidReferenceError, nothing was thrown');
}

describe('upstream vectors (distribution/reference)', () => {
  it('names its source and holds the upstream tables', () => {
    expect(vectors.source.repository).toBe('https://github.com/distribution/reference');
    expect(vectors.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(vectors.parse.length).toBeGreaterThan(250);
  });

  describe('parseReference', () => {
    for (const v of vectors.parse) {
      if (isErr(v)) {
        it(`rejects ${label(v.input)}`, () => {
          const err = thrown(() => parseReference(v.input));
          expect(err.message).toContain(v.reason);
          expect(err.message).toContain(`invalid image reference ${JSON.stringify(v.input)}:`);
        });
      } else {
        it(`parses ${label(v.input)}`, () => {
          const ref = parseReference(v.input);
          const want: Reference = {
            registry: v.registry,
            repository: v.repository,
            ...(v.tag !== undefined && { tag: v.tag }),
            ...(v.digest !== undefined && { digest: v.digest }),
          };
          expect(ref).toStrictEqual(want);
          expect(formatReference(ref)).toBe(v.normalized);
          // Normalisation is idempotent.
          expect(parseReference(formatReference(ref))).toStrictEqual(want);
        });
      }
    }
  });

  describe('canonical form (ParseNamed: input is canonical iff it equals its normalised form)', () => {
    for (const v of vectors.canonical) {
      it(`${label(v.input)} is ${v.canonical ? '' : 'not '}canonical`, () => {
        expect(formatReference(parseReference(v.input)) === v.input).toBe(v.canonical);
      });
    }
  });

  describe('ParseDockerRef expectations via withTag/withDigest', () => {
    for (const v of vectors.dockerRef) {
      it(`${label(v.input)} -> ${v.expected}`, () => {
        let ref = parseReference(v.input);
        if (ref.digest !== undefined) ref = withDigest(ref, ref.digest);
        else if (ref.tag === undefined) ref = withTag(ref, 'latest');
        expect(formatReference(ref)).toBe(v.expected);
      });
    }
  });

  it('rejects the invalid tag and digest components', () => {
    const ref = parseReference('busybox');
    for (const { tag } of vectors.invalidTags) thrown(() => withTag(ref, tag));
    for (const { digest } of vectors.invalidDigests) thrown(() => withDigest(ref, digest));
  });
});

describe('parseReference (sigstamp specifics)', () => {
  it('does not default the tag to latest', () => {
    expect(parseReference('ubuntu')).toStrictEqual({ registry: 'docker.io', repository: 'library/ubuntu' });
  });

  it('keeps both tag and digest', () => {
    expect(parseReference(`ghcr.io/owner/app:1.0@${SHA}`)).toStrictEqual({
      registry: 'ghcr.io',
      repository: 'owner/app',
      tag: '1.0',
      digest: SHA,
    });
  });

  it('validates digests as go-digest does', () => {
    const sha384 = 'sha384:' + 'b'.repeat(96);
    const sha512 = 'sha512:' + 'c'.repeat(128);
    expect(parseReference(`ghcr.io/o/a@${sha384}`).digest).toBe(sha384);
    expect(parseReference(`ghcr.io/o/a@${sha512}`).digest).toBe(sha512);
    expect(thrown(() => parseReference(`ghcr.io/o/a@sha256:${'A'.repeat(64)}`)).message).toContain(
      'invalid checksum digest format',
    );
    expect(thrown(() => parseReference(`ghcr.io/o/a@sha512:${'c'.repeat(64)}`)).message).toContain(
      'invalid checksum digest length',
    );
    expect(thrown(() => parseReference(`ghcr.io/o/a@md5:${'d'.repeat(32)}`)).message).toContain(
      'unsupported digest algorithm',
    );
  });

  it('rejects a name whose first component looks like a host but is not one', () => {
    // Upstream returns "foo_bar.com/app" with an empty domain; there is no registry to talk to.
    expect(thrown(() => parseReference('foo_bar.com/app')).message).toContain(
      '"foo_bar.com" is not a valid registry host name',
    );
  });

  it('names the input, the problem and a valid example in the message', () => {
    const err = thrown(() => parseReference('docker/Docker'));
    expect(err.message).toBe(
      'invalid image reference "docker/Docker": repository name must be lowercase ' +
        '(e.g. ghcr.io/owner/app:1.0 or ghcr.io/owner/app@sha256:<64 hex>)',
    );
    expect(err.input).toBe('docker/Docker');
    expect(err.name).toBe('InvalidReferenceError');
  });

  it('stays fast on long pathological input', () => {
    const inputs = [
      'a'.repeat(50_000) + '!',
      'a-'.repeat(25_000),
      'a.'.repeat(25_000) + '/x',
      `${'a/'.repeat(20_000)}:`,
    ];
    const start = performance.now();
    for (const input of inputs) thrown(() => parseReference(input));
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('apiHost / repositoryName / formatReference', () => {
  it('maps Docker Hub to its API host and leaves others alone', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost(parseReference('index.docker.io/library/ubuntu').registry)).toBe('registry-1.docker.io');
    for (const r of ['ghcr.io', 'localhost:5000', '127.0.0.1:5000', '[::1]:5000', 'registry-1.docker.io']) {
      expect(apiHost(r)).toBe(r);
    }
  });

  it('formats names and full references', () => {
    const ref = parseReference(`[::1]:5000/o/a:v1@${SHA}`);
    expect(repositoryName(ref)).toBe('[::1]:5000/o/a');
    expect(formatReference(ref)).toBe(`[::1]:5000/o/a:v1@${SHA}`);
  });
});

describe('withDigest / withTag', () => {
  const tagged = parseReference('ghcr.io/owner/app:1.0');
  const digested = parseReference(`ghcr.io/owner/app@${SHA}`);

  it('withDigest drops the tag and sets the digest', () => {
    const sha = 'sha256:' + 'f'.repeat(64);
    expect(withDigest(tagged, sha)).toStrictEqual({
      registry: 'ghcr.io',
      repository: 'owner/app',
      digest: sha,
    });
    expect(withDigest(digested, sha).digest).toBe(sha);
  });

  it('withTag drops the digest and sets the tag', () => {
    expect(withTag(digested, 'v2.0_rc-1')).toStrictEqual({
      registry: 'ghcr.io',
      repository: 'owner/app',
      tag: 'v2.0_rc-1',
    });
    expect(withTag(tagged, 'T'.repeat(128)).tag).toBe('T'.repeat(128));
  });

  it('rejects invalid digests and tags, naming the result', () => {
    for (const bad of ['sha256:abc', `sha256:${'A'.repeat(64)}`, 'md5:' + 'a'.repeat(32), SHA.slice(7), '']) {
      thrown(() => withDigest(tagged, bad));
    }
    for (const bad of ['', '.x', '-x', 'a'.repeat(129), 'a:b', 'a/b', 'a@b']) {
      thrown(() => withTag(tagged, bad));
    }
    expect(thrown(() => withTag(tagged, 'a/b')).message).toContain('"ghcr.io/owner/app:a/b"');
  });
});

describe('isLoopbackRegistry', () => {
  it.each([
    'localhost',
    'localhost:5000',
    '127.0.0.1',
    '127.0.0.1:5000',
    '127.1.2.3:80',
    '[::1]',
    '[::1]:5000',
    '[0:0:0:0:0:0:0:1]:5000',
  ])('%s is loopback', (r) => expect(isLoopbackRegistry(r)).toBe(true));
  it.each([
    'docker.io',
    'ghcr.io',
    '128.0.0.1',
    '127.0.0.256',
    '10.0.0.1:5000',
    '[::2]:5000',
    'localhost.example.com',
    '127.0.0.1.nip.io',
  ])('%s is not loopback', (r) => expect(isLoopbackRegistry(r)).toBe(false));
});
