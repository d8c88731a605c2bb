import { describe, expect, it } from 'vitest';
import {
  DigestMismatchError,
  DigestVerifier,
  digestTag,
  parseDigest,
  sha256,
  verifyDigest,
} from '../../src/oci/digest.js';
import { EMPTY_DIGEST, EMPTY_JSON } from '../../src/oci/mediatypes.js';

describe('digests', () => {
  it('knows the OCI empty descriptor digest', () => {
    expect(sha256(EMPTY_JSON)).toBe(EMPTY_DIGEST);
  });

  it('rejects malformed and unsupported digests with the value in the message', () => {
    expect(() => parseDigest('sha256:abc')).toThrow(/sha256:abc/);
    expect(() => parseDigest('md5:' + 'a'.repeat(32))).toThrow(/unsupported/);
    expect(() => parseDigest('sha256:' + 'A'.repeat(64))).toThrow();
  });

  it('detects content that does not match', () => {
    expect(() => verifyDigest('thing', Buffer.from('x'), EMPTY_DIGEST)).toThrow(DigestMismatchError);
    const v = new DigestVerifier('stream', EMPTY_DIGEST);
    v.update(Buffer.from('{'));
    v.update(Buffer.from('}'));
    expect(() => v.finish()).not.toThrow();
  });

  it('derives the referrers fallback tag', () => {
    expect(digestTag(EMPTY_DIGEST)).toBe(
      'sha256-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
  });
});
