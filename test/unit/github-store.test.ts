import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uploadToStore, STORE_MAX_BUNDLE_BYTES } from '../../src/github/attestation-store.js';
import { storeFailure, StoreIncompleteError, type StoreReport } from '../../src/github/for-run.js';
import { GitHubApi, GitHubApiError, MAX_WAIT_MS, retryDecision } from '../../src/github/rest.js';
import { createStorageRecord } from '../../src/github/storage-record.js';
import { Transport } from '../../src/http/transport.js';
import { OptionsError, parseOptions } from '../../src/options.js';
import { actionOutputs } from '../../src/report/outputs.js';
import { faults, startGitHubApi, type GitHubApiStandIn } from '../support/github-api.js';

// The attestation store client against the loopback stand-in of GitHub's REST API (real HTTP),
// and its retry decisions as a table.

const TOKEN = 'ghs_unitTestToken0123456789';
const target = { owner: 'acme', repo: 'app', serverUrl: 'https://github.com' };

/** A DSSE bundle of the shape the store validates (its signature is not checked by the store). */
function bundle(predicateType: string, digest = 'a'.repeat(64), pad = 0): string {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'ghcr.io/acme/app', digest: { sha256: digest } }],
    predicateType,
    predicate: pad ? { pad: 'x'.repeat(pad) } : {},
  };
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { certificate: { rawBytes: 'MIIB' }, tlogEntries: [] },
    dsseEnvelope: {
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: 'MEUC', keyid: '' }],
    },
  });
}

let gh: GitHubApiStandIn;
let transport: Transport;
const logged: string[] = [];
const api = (token = TOKEN) =>
  new GitHubApi({ apiUrl: gh.url, token, transport, backoffUnitMs: 5, log: (m) => logged.push(m) });

beforeAll(async () => {
  gh = await startGitHubApi();
  gh.addRepository('acme/app', 'Organization');
  gh.addRepository('alice/tool', 'User');
  gh.grant(TOKEN, { attestations: 'write', artifactMetadata: 'write' });
  gh.grant('ghs_readOnly', { attestations: 'read' });
  transport = new Transport({ log: (m) => logged.push(m) });
});
afterAll(async () => Promise.all([gh.stop(), transport.close()]));
afterEach(() => {
  gh.requests.length = 0;
  gh.attestations.length = 0;
});

describe('uploadToStore', () => {
  it('POSTs {"bundle": <the bundle bytes>} to /repos/{owner}/{repo}/attestations with a Bearer token and the API version, and returns ids and attestation URLs', async () => {
    const bundles = [bundle('https://slsa.dev/provenance/v1'), bundle('https://spdx.dev/Document')];
    const warnings: string[] = [];
    const r = await uploadToStore(
      api(),
      target,
      bundles.map((b, i) => ({
        predicateType: i ? 'https://spdx.dev/Document' : 'https://slsa.dev/provenance/v1',
        bundleJson: b,
      })),
      (m) => warnings.push(m),
    );
    expect(warnings).toEqual([]);
    expect(r.notStored).toEqual([]);
    expect(gh.requests.map((q) => [q.method, q.path, q.auth, q.apiVersion, q.status])).toEqual([
      ['POST', '/repos/acme/app/attestations', 'Bearer', '2022-11-28', 201],
      ['POST', '/repos/acme/app/attestations', 'Bearer', '2022-11-28', 201],
    ]);
    expect(gh.attestations.map((a) => a.body)).toEqual(bundles.map((b) => `{"bundle":${b}}`));
    expect(r.stored).toEqual(
      gh.attestations.map((a) => ({
        predicateType: a.predicateType,
        id: String(a.id),
        url: `https://github.com/acme/app/attestations/${a.id}`,
      })),
    );
    // The token is in no log line.
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('retries 5xx and rate limits (429 Retry-After, 403 with x-ratelimit-remaining 0) and then stores the bundle once', async () => {
    gh.failNext(
      'create-attestation',
      faults.serverError(502),
      faults.serverError(500),
      faults.secondaryRateLimit(429, 0),
      faults.primaryRateLimit(403, 0),
    );
    const r = await uploadToStore(api(), target, [{ predicateType: 'p', bundleJson: bundle('p') }], () => {});
    expect(gh.requests.map((q) => q.status)).toEqual([502, 500, 429, 403, 201]);
    expect(r.stored).toHaveLength(1);
    expect(gh.attestations).toHaveLength(1);
  });

  it('gives up after 5 retries (6 attempts): the bundle is reported not stored, and the run is incomplete', async () => {
    gh.failNext('create-attestation', ...Array.from({ length: 6 }, () => faults.serverError(503)));
    const r = await uploadToStore(
      api(),
      target,
      [
        { predicateType: 'p1', bundleJson: bundle('p1') },
        { predicateType: 'p2', bundleJson: bundle('p2') },
      ],
      () => {},
    );
    expect(gh.requests).toHaveLength(6);
    expect(r.notStored.map((n) => [n.predicateType, n.reason])).toEqual([
      ['p1', 'failed'],
      ['p2', 'failed'],
    ]);
    expect(r.notStored[0]!.detail).toContain('HTTP 503 "Server Error" after 6 attempts');
    const report: StoreReport = {
      repository: 'acme/app',
      ...r,
      storageRecordIds: [],
      registryVerified: true,
    };
    const failure = storeFailure(report);
    expect(failure).toBeInstanceOf(StoreIncompleteError);
    expect(failure!.message).toContain('did not receive 2 bundle(s): p1, p2');
    expect(failure!.message).toContain('published and verified in the registry');
  });

  it('a 4xx other than a rate limit is not retried', async () => {
    gh.failNext('create-attestation', { status: 422, message: 'Validation Failed' });
    const r = await uploadToStore(api(), target, [{ predicateType: 'p', bundleJson: bundle('p') }], () => {});
    expect(gh.requests).toHaveLength(1);
    expect(r.notStored[0]).toMatchObject({ reason: 'failed' });
  });

  it('a 403 without attestations: write is ONE warning naming the permission; nothing more is sent and the run is not failed', async () => {
    const warnings: string[] = [];
    const r = await uploadToStore(
      api('ghs_readOnly'),
      target,
      ['a', 'b', 'c'].map((p) => ({ predicateType: p, bundleJson: bundle(p) })),
      (m) => warnings.push(m),
    );
    expect(gh.requests.map((q) => q.status)).toEqual([403]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('refused the upload (HTTP 403 "Resource not accessible by integration")');
    expect(warnings[0]).toContain('3 of 3 bundle(s) are in the registry only');
    expect(warnings[0]).toContain('`attestations: write`');
    expect(r.notStored.map((n) => n.reason)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(
      storeFailure({ repository: 'acme/app', ...r, storageRecordIds: [], registryVerified: true }),
    ).toBeUndefined();
  });

  it(`skips a bundle over ${STORE_MAX_BUNDLE_BYTES} bytes with a warning, without sending it, and stores the others`, async () => {
    const big = bundle('https://spdx.dev/Document', 'b'.repeat(64), STORE_MAX_BUNDLE_BYTES);
    expect(Buffer.byteLength(big)).toBeGreaterThan(STORE_MAX_BUNDLE_BYTES);
    const warnings: string[] = [];
    const r = await uploadToStore(
      api(),
      target,
      [
        { predicateType: 'https://spdx.dev/Document', bundleJson: big },
        { predicateType: 'p', bundleJson: bundle('p') },
      ],
      (m) => warnings.push(m),
    );
    expect(gh.requests).toHaveLength(1);
    expect(r.stored.map((s) => s.predicateType)).toEqual(['p']);
    expect(r.notStored).toEqual([
      expect.objectContaining({ predicateType: 'https://spdx.dev/Document', reason: 'too-large' }),
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`over the store's ${STORE_MAX_BUNDLE_BYTES}-byte limit`);
    expect(warnings[0]).toContain('It is in the registry');
    expect(
      storeFailure({ repository: 'acme/app', ...r, storageRecordIds: [], registryVerified: true }),
    ).toBeUndefined();
  });
});

describe('retryDecision (plugin-retry policy, plus the documented rate limits)', () => {
  const o = { retries: 5, backoffUnitMs: 1000, now: 1_700_000_000_000 };
  const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers });
  it.each([
    [500, {}, 0, true, 1000],
    [502, {}, 1, true, 4000],
    [503, {}, 4, true, 25_000],
    [503, {}, 5, false, 36_000],
    [408, {}, 0, true, 1000],
    [429, {}, 0, true, 1000],
    [429, { 'retry-after': '7' }, 0, true, 7000],
    [403, { 'retry-after': '3' }, 2, true, 3000],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000030' }, 0, true, 30_000],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700003600' }, 0, false, 3_600_000],
    [403, {}, 0, false, 1000],
    [400, {}, 0, false, 1000],
    [401, {}, 0, false, 1000],
    [404, {}, 0, false, 1000],
    [422, {}, 0, false, 1000],
  ] as const)('HTTP %i %o at attempt %i: retry %s after %i ms', (status, headers, attempt, retry, waitMs) => {
    const d = retryDecision(res(status, headers), attempt, o);
    expect([d.retry, d.waitMs]).toEqual([retry, waitMs]);
  });
  it('a 403 saying "secondary rate limit" without retry-after waits the documented minute', () => {
    const d = retryDecision(res(403), 0, { ...o, apiMessage: 'You have exceeded a secondary rate limit.' });
    expect(d).toEqual({ retry: true, waitMs: MAX_WAIT_MS, rateLimited: true });
  });
});

describe('createStorageRecord (as actions/attest v4.2.2)', () => {
  const artifact = {
    name: 'ghcr.io/acme/app',
    digest: `sha256:${'c'.repeat(64)}`,
    registryUrl: 'https://ghcr.io',
  };
  it('for an organization: GET the repository, then POST {name, digest, registry_url} and return the record ids', async () => {
    const r = await createStorageRecord(api(), target, artifact, () => {});
    expect(gh.requests.map((q) => [q.method, q.path, q.status])).toEqual([
      ['GET', '/repos/acme/app', 200],
      ['POST', '/orgs/acme/artifacts/metadata/storage-record', 200],
    ]);
    const rec = gh.storageRecords.at(-1)!;
    expect(rec).toMatchObject({
      name: artifact.name,
      digest: artifact.digest,
      registry_url: artifact.registryUrl,
    });
    expect(r).toEqual({ ids: [rec.id] });
  });
  it('for a user-owned repository: nothing is attempted, and no warning', async () => {
    const warnings: string[] = [];
    const r = await createStorageRecord(api(), { ...target, owner: 'alice', repo: 'tool' }, artifact, (m) =>
      warnings.push(m),
    );
    expect(gh.requests.map((q) => q.method)).toEqual(['GET']);
    expect(r).toMatchObject({ skipped: expect.stringContaining('not an organization') });
    expect(warnings).toEqual([]);
  });
  it('without artifact-metadata: write: a warning naming the permission', async () => {
    gh.grant('ghs_attestOnly', { attestations: 'write' });
    const warnings: string[] = [];
    const r = await createStorageRecord(api('ghs_attestOnly'), target, artifact, (m) => warnings.push(m));
    expect(gh.requests.at(-1)!.status).toBe(403);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`artifact-metadata: write`');
    expect(r).toMatchObject({ skipped: 'HTTP 403 "Resource not accessible by integration"' });
  });
});

describe('GitHubApi errors', () => {
  it("a bad token is a GitHubApiError carrying GitHub's message, with the token nowhere in it", async () => {
    const err = await api('ghs_wrong')
      .request('GET', '/repos/acme/app')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    expect((err as GitHubApiError).status).toBe(401);
    expect((err as Error).message).toBe(`GET ${gh.url}/repos/acme/app: HTTP 401 "Bad credentials"`);
  });
});

describe('push-to-attestation-store and github-token', () => {
  const base = { image: 'ghcr.io/acme/app', digest: `sha256:${'d'.repeat(64)}` };
  const actions = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/app' };
  it("is on by default on GitHub Actions with a token, with GitHub.com's API and server URLs", () => {
    expect(parseOptions({ ...base, 'github-token': TOKEN }, actions).attestationStore).toEqual({
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      owner: 'acme',
      repo: 'app',
      token: TOKEN,
    });
  });
  it('follows GITHUB_API_URL and GITHUB_SERVER_URL (GHE.com, GHES)', () => {
    const env = {
      ...actions,
      GITHUB_API_URL: 'https://api.acme.ghe.com',
      GITHUB_SERVER_URL: 'https://acme.ghe.com',
    };
    expect(parseOptions({ ...base, 'github-token': TOKEN }, env).attestationStore).toMatchObject({
      apiUrl: 'https://api.acme.ghe.com',
      serverUrl: 'https://acme.ghe.com',
    });
  });
  it('is off by default outside GitHub Actions, and when set to false', () => {
    expect(parseOptions({ ...base, 'github-token': TOKEN }, {}).attestationStore).toBeUndefined();
    expect(
      parseOptions({ ...base, 'github-token': TOKEN, 'push-to-attestation-store': 'false' }, actions)
        .attestationStore,
    ).toBeUndefined();
  });
  it('set to true outside GitHub without API URL or token: a clear error naming what is missing, never the token', () => {
    const t = { ...base, 'push-to-attestation-store': 'true' };
    expect(() => parseOptions(t, { GITHUB_REPOSITORY: 'acme/app' })).toThrow(OptionsError);
    expect(() => parseOptions(t, { GITHUB_REPOSITORY: 'acme/app' })).toThrow(/needs github-token/);
    expect(() => parseOptions({ ...t, 'github-token': TOKEN }, { GITHUB_REPOSITORY: 'acme/app' })).toThrow(
      /needs GITHUB_API_URL .*outside GitHub Actions set GITHUB_API_URL, GITHUB_REPOSITORY and github-token/,
    );
    expect(() =>
      parseOptions({ ...t, 'github-token': TOKEN }, { GITHUB_API_URL: 'https://api.github.com' }),
    ).toThrow(/needs GITHUB_REPOSITORY/);
    try {
      parseOptions({ ...t, 'github-token': TOKEN }, {});
    } catch (e) {
      expect((e as Error).message).not.toContain(TOKEN);
    }
    expect(() => parseOptions({ ...t, 'push-to-attestation-store': 'yes' }, actions)).toThrow(
      'input push-to-attestation-store: "yes" is not a boolean; use true or false',
    );
  });
});

describe('outputs', () => {
  it('attestation-ids, attestation-urls and storage-record-ids, one per line', () => {
    const outputs = actionOutputs({
      subject: { descriptor: { digest: 'sha256:e' } },
      referrers: { referrers: [] },
      warnings: [],
      signing: {
        published: { locations: [] },
        files: { bundles: [], policies: [] },
        sboms: { files: { spdx: [], cyclonedx: [] } },
        identity: {
          san: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3',
          issuer: 'https://token.actions.githubusercontent.com',
          extensions: {},
        },
        policies: { policies: [] },
        store: {
          repository: 'acme/app',
          stored: [
            { predicateType: 'a', id: '1', url: 'https://github.com/acme/app/attestations/1' },
            { predicateType: 'b', id: '2', url: 'https://github.com/acme/app/attestations/2' },
          ],
          notStored: [],
          storageRecordIds: [7],
          registryVerified: true,
        },
      },
    } as never);
    expect(outputs['attestation-ids']).toBe('1\n2');
    expect(outputs['attestation-urls']).toBe(
      'https://github.com/acme/app/attestations/1\nhttps://github.com/acme/app/attestations/2',
    );
    expect(outputs['storage-record-ids']).toBe('7');
  });
});
