// Plain HTTP only where the user allowed it: loopback registries, and those named in
// insecure-registries (issue 15, part 5). Everything else is HTTPS, including names that merely
// look local.
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { parseReference } from '../../src/oci/reference.js';

describe('which registries are reached over plain HTTP', () => {
  const client = new RegistryClient({ insecureRegistries: ['registry.internal:5000'] });
  afterAll(() => client.close());
  const scheme = (ref: string) => new URL(client.repository(parseReference(ref)).resolveUrl('/v2/')).protocol;

  it.each([
    ['127.0.0.1:5000/app', 'http:'],
    ['127.9.9.9/app', 'http:'],
    ['localhost:5000/app', 'http:'],
    ['[::1]:5000/app', 'http:'],
    ['registry.internal:5000/app', 'http:'],
  ])('%s: %s (loopback, or named in insecure-registries)', (ref, expected) => {
    expect(scheme(ref)).toBe(expected);
  });

  it.each([
    'ghcr.io/acme/app',
    'registry.internal/app', // the insecure entry names port 5000 only
    'registry.internal:5001/app',
    'localhost.example.com/app',
    '127.0.0.1.nip.io/app',
    '[::2]:5000/app',
  ])('%s: https:', (ref) => {
    expect(scheme(ref)).toBe('https:');
  });

  it.each(['127.0.0.256/app', '192.168.1.1:75050/repo'])(
    '%s: refused with a clear error (the grammar accepts it, no URL can hold it)',
    (ref) => {
      expect(() => scheme(ref)).toThrow(/not a host and port a registry can be reached at/);
    },
  );
});
