// Fuzz targets: the OS package databases of an image (dpkg status, apk installed, the three rpm
// databases and their header blobs, os-release), seeded from test/fixtures/packages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { parseApkRecords } from '../../src/sbom/catalogers/apk.js';
import { parseDpkgStanzas } from '../../src/sbom/catalogers/dpkg.js';
import { parseOsRelease } from '../../src/sbom/catalogers/os-release.js';
import { readBdbBlobs } from '../../src/sbom/catalogers/rpm-bdb.js';
import { parseRpmHeader, RpmHeaderError } from '../../src/sbom/catalogers/rpm-header.js';
import { readNdbBlobs } from '../../src/sbom/catalogers/rpm-ndb.js';
import { rpmCataloger } from '../../src/sbom/catalogers/rpm.js';
import { PACKAGE_FIXTURES } from '../support/fixtures.js';
import {
  call,
  callAsync,
  fuzz,
  fuzzAsync,
  fuzzTimeout,
  instanceOf,
  mutatedBytes,
  mutatedText,
  neverThrows,
} from '../support/fuzz.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
const fixtures = (eco: string, name: RegExp): Buffer[] =>
  filesUnder(path.join(PACKAGE_FIXTURES, eco))
    .filter((p) => name.test(p))
    .map((p) => readFileSync(p));

const dpkg = fixtures('dpkg', /\/status(\.d\/[^/]+)?$/).map((b) => b.toString('utf8'));
const apk = fixtures('apk', /\/installed$/).map((b) => b.toString('utf8'));
const ndb = fixtures('rpm', /\/Packages\.db$/);
const bdb = fixtures('rpm', /\/Packages$/);
const sqlite = fixtures('rpm', /\/rpmdb\.sqlite$/);
// Real header blobs, as the NDB and BDB readers cut them out of the fixtures.
const headers = [...readNdbBlobs(ndb[0]!).blobs, ...readBdbBlobs(bdb[0]!).blobs].slice(0, 20);
const ignore = () => {};
const records = (out: unknown[]) => out.length;

describe('fuzz: OS package databases', () => {
  // Both parsers report a malformed stanza through `warn` and go on: they must never throw.
  it('dpkg status (parseDpkgStanzas)', () => {
    fuzz(mutatedText(dpkg), 300, (text) =>
      call((t: string) => parseDpkgStanzas(t, '/var/lib/dpkg/status', ignore), text, neverThrows, {
        size: records,
        maxOutput: text.length,
      }),
    );
  });

  it('apk installed (parseApkRecords)', () => {
    fuzz(mutatedText(apk), 300, (text) =>
      call((t: string) => parseApkRecords(t, '/lib/apk/db/installed', ignore), text, neverThrows, {
        size: records,
        maxOutput: text.length,
      }),
    );
  });

  it('os-release (parseOsRelease)', () => {
    const seeds = [
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.16.2\n',
      'ID=debian\nVERSION_ID="12"\nID_LIKE="a b"\n',
    ];
    fuzz(mutatedText(seeds), 300, (text) => call(parseOsRelease, text, neverThrows));
  });

  it('rpm header blobs (parseRpmHeader)', () => {
    fuzz(mutatedBytes(headers), 400, (blob) => call(parseRpmHeader, blob, instanceOf(RpmHeaderError)));
  });

  // The database readers turn every problem into an entry of `problems`: they must never throw, and
  // every blob they return is a view inside the input.
  it('rpm NDB (readNdbBlobs)', () => {
    fuzz(mutatedBytes(ndb, { max: 6 }), 200, (buf) =>
      call(readNdbBlobs, buf, neverThrows, {
        size: (r) => r.blobs.reduce((n, b) => n + b.length, 0),
        maxOutput: buf.length,
      }),
    );
  });

  it('rpm BDB (readBdbBlobs)', () => {
    fuzz(mutatedBytes(bdb, { max: 6 }), 200, (buf) =>
      call(readBdbBlobs, buf, neverThrows, { size: (r) => r.blobs.length, maxOutput: buf.length }),
    );
  });

  // rpmdb.sqlite goes through node:sqlite (a copy on disk per input, so fewer runs); a corrupt database
  // must end in the cataloger's warning or in SQLite's own error (an Error with an errcode).
  it('rpm SQLite (rpmCataloger on rpmdb.sqlite)', { timeout: fuzzTimeout(60) }, async () => {
    const sqliteError = (err: unknown) =>
      err instanceof Error &&
      err.constructor === Error &&
      typeof (err as { errcode?: unknown }).errcode === 'number';
    await fuzzAsync(mutatedBytes(sqlite, { max: 3, maxRandom: 4096 }), 60, (db) =>
      callAsync(
        (content: Buffer) =>
          rpmCataloger().catalog(
            [{ path: '/var/lib/rpm/rpmdb.sqlite', size: content.length, mode: 0o644, content }],
            {
              warn: ignore,
            },
          ),
        db,
        sqliteError,
      ),
    );
  });
});
