// Fuzz targets: what a registry, a user or a credential helper hands the OCI client: image
// references, digests, WWW-Authenticate challenges, manifests and indexes (by tag, the referrers API
// and the referrers fallback tag), and credential-helper output.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { parseChallenges } from '../../src/oci/auth.js';
import { CredentialError } from '../../src/oci/credential.js';
import { getFromHelper } from '../../src/oci/credential-helper.js';
import { parseDigest } from '../../src/oci/digest.js';
import { ForeignContentError } from '../../src/oci/errors.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { InvalidReferenceError, parseReference } from '../../src/oci/reference.js';
import { listReferrers, readFallbackIndex } from '../../src/oci/referrers.js';
import {
  anyOf,
  call,
  callAsync,
  fuzz,
  fuzzAsync,
  fuzzTimeout,
  instanceOf,
  mutatedJson,
  mutatedText,
  neverThrows,
  plainError,
} from '../support/fuzz.js';
import { repositoryServing } from '../support/served-repository.js';

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/reference-vectors.json', import.meta.url), 'utf8'),
) as { parse: { input: string }[]; invalidTags: unknown[]; invalidDigests: unknown[] };
const referenceInputs = vectors.parse.map((v) => v.input);
const SUBJECT = `sha256:${'ab'.repeat(32)}`;
const DESCRIPTOR = {
  mediaType: MediaType.ImageManifest,
  digest: SUBJECT,
  size: 10,
  artifactType: 'a/b',
  annotations: { k: 'v' },
};
const INDEX = {
  schemaVersion: 2,
  mediaType: MediaType.ImageIndex,
  manifests: [DESCRIPTOR, { ...DESCRIPTOR, artifactType: 'c/d' }],
};
const MANIFEST = {
  schemaVersion: 2,
  mediaType: MediaType.ImageManifest,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: SUBJECT, size: 2 },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: SUBJECT, size: 3 }],
  subject: DESCRIPTOR,
};

describe('fuzz: OCI inputs', () => {
  it('image references (parseReference)', () => {
    const alphabet = 'abcXYZ019./:@-_[]';
    // Long runs of the grammar's own characters probe the regular expressions for super-linear time.
    const long = fc.string({ unit: fc.constantFrom(...'a0.-_/:'), minLength: 1000, maxLength: 5000 });
    fuzz(
      fc.oneof(
        { arbitrary: mutatedText(referenceInputs, alphabet), weight: 9 },
        { arbitrary: long, weight: 1 },
      ),
      1500,
      (input) => call(parseReference, input, instanceOf(InvalidReferenceError)),
    );
  });

  it('digests (parseDigest)', () => {
    fuzz(
      mutatedText([SUBJECT, `sha512:${'c'.repeat(128)}`], 'sha256:0123456789abcdefABC+._-='),
      800,
      (input) => call(parseDigest, input, plainError(/^invalid or unsupported digest /)),
    );
  });

  it('WWW-Authenticate (parseChallenges)', () => {
    const seeds = [
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
      'Basic realm="x", Bearer realm=y, error="insufficient_scope"',
    ];
    fuzz(mutatedText(seeds, 'Bearer realm=",\\ \t'), 1500, (value) =>
      call(parseChallenges, value, neverThrows, { size: (c) => c.length, maxOutput: value.length }),
    );
  });

  describe('manifests and indexes from a registry', () => {
    const served = fc.record({
      body: mutatedJson([INDEX, MANIFEST]),
      contentType: fc.constantFrom(MediaType.ImageIndex, MediaType.ImageManifest, 'application/json', ''),
      api: fc.boolean(),
    });
    const typed = anyOf(
      instanceOf(ForeignContentError),
      plainError(
        / is not (?:JSON|a JSON object); the registry served something that is not a manifest$/,
        /: the registry stopped answering with an index$/,
      ),
    );

    it('by tag (Repository.getManifest)', async () => {
      await fuzzAsync(served, 400, (s) =>
        callAsync(() => repositoryServing(s).getManifest('latest'), undefined, typed),
      );
    });

    it('the referrers API and the fallback index (listReferrers, readFallbackIndex)', async () => {
      await fuzzAsync(served, 600, async (s) => {
        await callAsync(() => listReferrers(repositoryServing(s), SUBJECT, 'a/b'), undefined, typed);
        await callAsync(() => listReferrers(repositoryServing(s), SUBJECT), undefined, typed);
        await callAsync(() => readFallbackIndex(repositoryServing(s), SUBJECT), undefined, typed);
      });
    });
  });

  describe('credential-helper output (getFromHelper)', () => {
    // A helper that prints what the test put in a file and exits with the code the test chose.
    const dir = mkdtempSync(join(tmpdir(), 'sigstamp-fuzz-helper-'));
    const reply = join(dir, 'reply');
    writeFileSync(join(dir, 'docker-credential-fuzz'), '#!/bin/sh\ncat "$FUZZ_REPLY"\nexit "$FUZZ_CODE"\n');
    chmodSync(join(dir, 'docker-credential-fuzz'), 0o755);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const seeds = [
      { ServerURL: 'https://r.example', Username: 'u', Secret: 's' },
      { Username: '<token>', Secret: 'tok' },
    ];

    it('the JSON reply and the exit status', { timeout: fuzzTimeout(150) }, async () => {
      const arb = fc.record({
        stdout: fc.oneof(mutatedJson(seeds), fc.constant('credentials not found in native keychain\n')),
        code: fc.constantFrom(0, 0, 0, 1),
      });
      await fuzzAsync(arb, 150, (input) => {
        writeFileSync(reply, input.stdout);
        return callAsync(
          () =>
            getFromHelper({
              helper: 'fuzz',
              serverUrl: 'https://r.example',
              registry: 'r.example',
              configuredIn: 'credHelpers in fuzz',
              env: { PATH: `${dir}:/usr/bin:/bin`, FUZZ_REPLY: reply, FUZZ_CODE: String(input.code) },
              timeoutMs: 3000,
            }),
          input,
          instanceOf(CredentialError),
        );
      });
    });
  });
});
