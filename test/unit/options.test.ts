import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionsError, parseOptions, splitList } from '../../src/options.js';

const D = 'sha256:' + 'a'.repeat(64);

describe('parseOptions', () => {
  it('normalises the image and keeps the tags given as lines or commas', () => {
    const o = parseOptions({
      image: 'ghcr.io/owner/app',
      digest: D,
      tags: 'ghcr.io/owner/app:1.0\nghcr.io/owner/app:latest, ghcr.io/owner/app:1',
    });
    expect(o.image).toEqual({ registry: 'ghcr.io', repository: 'owner/app' });
    expect(o.digest).toBe(D);
    expect(o.tags.map((t) => t.tag)).toEqual(['1.0', 'latest', '1']);
  });

  it('names the input in every error', () => {
    expect(() => parseOptions({})).toThrow(/input image is required/);
    expect(() => parseOptions({ image: 'ghcr.io/Owner/app', digest: D })).toThrow(/input image/);
    expect(() => parseOptions({ image: 'ghcr.io/owner/app', digest: 'latest' })).toThrow(/input digest/);
    expect(() => parseOptions({ image: 'ghcr.io/owner/app' })).toThrow(/input digest is required/);
    expect(() =>
      parseOptions({ image: 'ghcr.io/owner/app', digest: D, tags: 'ghcr.io/other/app:1' }),
    ).toThrow(/input tags/);
    expect(() => parseOptions({ image: 'ghcr.io/owner/app', digest: D, 'registry-username': 'u' })).toThrow(
      OptionsError,
    );
  });

  it('accepts a tag on the image instead of a digest, and refuses two different digests', () => {
    expect(parseOptions({ image: 'ghcr.io/owner/app:1.0' }).tags[0]?.tag).toBe('1.0');
    expect(() =>
      parseOptions({ image: `ghcr.io/owner/app@${D}`, digest: 'sha256:' + 'b'.repeat(64) }),
    ).toThrow(/give one of them/);
  });
});

describe('the TUF repository of a custom Sigstore (tuf-mirror, tuf-root)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigstamp-options-'));
  const root = join(dir, 'root.json');
  writeFileSync(root, '{"signed":{"_type":"root","version":1},"signatures":[]}');
  const notRoot = join(dir, 'targets.json');
  writeFileSync(notRoot, '{"signed":{"_type":"targets"}}');
  const custom = {
    image: 'ghcr.io/owner/app',
    digest: D,
    sigstore: 'custom',
    'fulcio-url': 'https://fulcio.internal.example',
    'tsa-url': 'https://tsa.internal.example',
    verify: 'false',
  };
  it('reads the root up front and keeps the mirror', () => {
    const o = parseOptions({ ...custom, 'tuf-mirror': 'https://tuf.internal.example/', 'tuf-root': root });
    expect(o.sigstore.kind === 'custom' && o.sigstore.tuf).toEqual({
      mirror: 'https://tuf.internal.example',
      rootPath: root,
      rootJson: '{"signed":{"_type":"root","version":1},"signatures":[]}',
    });
  });
  it('refuses one without the other, a file that is not a TUF root, and either with public-good', () => {
    expect(() => parseOptions({ ...custom, 'tuf-mirror': 'https://tuf.internal.example' })).toThrow(
      /input tuf-root is required with tuf-mirror/,
    );
    expect(() => parseOptions({ ...custom, 'tuf-root': root })).toThrow(
      /input tuf-mirror is required with tuf-root/,
    );
    const bad = (path: string) =>
      parseOptions({ ...custom, 'tuf-mirror': 'https://tuf.internal.example', 'tuf-root': path });
    expect(() => bad(join(dir, 'missing.json'))).toThrow(/input tuf-root: cannot read .*missing\.json/);
    expect(() => bad(notRoot)).toThrow(/input tuf-root: .*targets\.json is not TUF root metadata/);
    expect(() =>
      parseOptions({ ...custom, 'tuf-mirror': 'http://tuf.example.com', 'tuf-root': root }),
    ).toThrow(/input tuf-mirror: .* must use https/);
    expect(() =>
      parseOptions({
        image: 'ghcr.io/owner/app',
        digest: D,
        sigstore: 'public-good',
        'tuf-mirror': 'https://tuf.internal.example',
      }),
    ).toThrow(/tuf-mirror given with sigstore: public-good/);
    expect(() =>
      parseOptions({
        image: 'ghcr.io/owner/app',
        digest: D,
        'fulcio-url': 'https://fulcio.internal.example',
      }),
    ).toThrow(/fulcio-url given with sigstore: auto \(the default\)/);
  });
});

describe('splitList', () => {
  it('drops blanks', () => {
    expect(splitList(' a ,\n\nb,')).toEqual(['a', 'b']);
  });
});
