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

describe('splitList', () => {
  it('drops blanks', () => {
    expect(splitList(' a ,\n\nb,')).toEqual(['a', 'b']);
  });
});
