import { describe, expect, it } from 'vitest';
import { parseChallenges, repositoryScope } from '../../src/oci/auth.js';

describe('parseChallenges', () => {
  it('reads a distribution Bearer challenge with a comma inside the quoted scope', () => {
    const [c] = parseChallenges(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
    );
    expect(c).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:samalba/my-app:pull,push',
      },
    });
  });

  it('reads Basic with a realm, unquoted values, escapes and several challenges in one header', () => {
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
    expect(parseChallenges('Bearer realm=https://x/token, error=insufficient_scope')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/token', error: 'insufficient_scope' } },
    ]);
    expect(parseChallenges('Basic realm="a \\"b\\"", Bearer realm="r",service="s"')).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"' } },
      { scheme: 'bearer', params: { realm: 'r', service: 's' } },
    ]);
  });

  it('returns nothing for an empty header', () => {
    expect(parseChallenges('')).toEqual([]);
  });
});

describe('repositoryScope', () => {
  it('formats the resource scope of the token spec', () => {
    expect(repositoryScope('owner/app', ['pull', 'push'])).toBe('repository:owner/app:pull,push');
  });
});
