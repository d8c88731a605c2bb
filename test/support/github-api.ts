// A loopback stand-in of the GitHub REST endpoints sigstamp and `gh attestation` use, built from
// GitHub's REST API documentation (docs.github.com/rest, API version 2022-11-28; the request and
// response schemas as @octokit/openapi-types publishes them):
// - POST /repos/{owner}/{repo}/attestations `{"bundle": …}` → 201 `{"id": N}`; 403 without
//   `attestations: write`; 422 "Validation Failed" for a body that is no Sigstore bundle.
// - GET /repos/{owner}/{repo}/attestations/{subject_digest}, /orgs/{org}/…, /users/{username}/… →
//   `{"attestations": [{"bundle", "repository_id", "bundle_url", "initiator"}]}` (what gh reads:
//   pkg/cmd/attestation/api), `predicate_type` filtering; `bundle_url` serves the bundle
//   snappy-compressed, as GitHub's blob storage does (gh decodes it with golang/snappy).
// - GET /repos/{owner}/{repo} (`owner.type`), POST /orgs/{org}/artifacts/metadata/storage-record.
// - GET /meta (github-meta.ts): no authentication needed ("can be used without authentication"),
//   a token that is sent must still be valid.
// - Authentication: `Authorization: Bearer <token>` (or `token <token>`, which gh sends); 401
//   "Requires authentication" / "Bad credentials"; errors as `{"message", "documentation_url",
//   "status"}`; rate-limit headers on every answer; injected faults: 5xx, and rate limits as the
//   docs describe them (primary: 403/429 with x-ratelimit-remaining 0 and x-ratelimit-reset;
//   secondary: 403/429 with retry-after).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { metaBody } from './github-meta.js';

const snappy = createRequire(import.meta.url)('snappyjs') as { compress(b: Buffer): Buffer };

const DOCS = 'https://docs.github.com/rest';
const MAX_BODY = 32 << 20;

export type Route = 'create-attestation' | 'list-attestations' | 'get-repo' | 'storage-record' | 'meta';

export interface Grant {
  attestations?: 'read' | 'write';
  artifactMetadata?: 'write';
}

export interface StoredAttestation {
  id: number;
  repository: string;
  repositoryId: number;
  /** The request body exactly as received. */
  body: string;
  /** The bundle re-serialised (JSON.stringify of what was parsed). */
  bundleJson: string;
  predicateType: string;
  subjectDigests: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The Authorization scheme only, never the token. */
  auth: string;
  apiVersion?: string;
  status: number;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  message?: string;
}

/** The documented rate-limit answers (REST docs, "Rate limits for the REST API"). */
export const faults = {
  serverError: (status = 502): Fault => ({
    status,
    message: status === 502 ? 'Bad Gateway' : 'Server Error',
  }),
  secondaryRateLimit: (status: 403 | 429, retryAfterSeconds: number): Fault => ({
    status,
    headers: { 'retry-after': String(retryAfterSeconds) },
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  }),
  primaryRateLimit: (status: 403 | 429, resetInSeconds: number): Fault => ({
    status,
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds),
    },
    message: 'API rate limit exceeded for installation ID 1.',
  }),
};

interface Repository {
  owner: string;
  name: string;
  id: number;
  ownerType: 'Organization' | 'User';
}

export interface GitHubApiStandIn {
  /** The API URL (GITHUB_API_URL), http://127.0.0.1:<port>. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  attestations: StoredAttestation[];
  storageRecords: Record<string, unknown>[];
  /**
   * What GET /meta answers: the host its domains name and the trust domain (undefined: no
   * artifact_attestations, as GitHub Enterprise Server answers). Mutable between runs.
   */
  meta: { host: string; trustDomain?: string };
  /** A token and what it may do. */
  grant(token: string, grant: Grant): void;
  addRepository(fullName: string, ownerType?: 'Organization' | 'User'): void;
  /** The next requests to `route` get these answers, in order, before anything else is checked. */
  failNext(route: Route, ...answers: Fault[]): void;
  stop(): Promise<void>;
}

function statement(bundle: unknown): { predicateType: string; subjectDigests: string[] } | undefined {
  const b = bundle as { mediaType?: unknown; dsseEnvelope?: { payload?: unknown; payloadType?: unknown } };
  if (typeof b?.mediaType !== 'string' || !b.mediaType.startsWith('application/vnd.dev.sigstore.bundle'))
    return undefined;
  if (typeof b.dsseEnvelope?.payload !== 'string') return undefined;
  try {
    const s = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8')) as {
      predicateType?: unknown;
      subject?: { digest?: { sha256?: unknown } }[];
    };
    if (typeof s.predicateType !== 'string' || !Array.isArray(s.subject)) return undefined;
    const subjectDigests = s.subject.flatMap((x) =>
      typeof x.digest?.sha256 === 'string' ? [`sha256:${x.digest.sha256}`] : [],
    );
    return { predicateType: s.predicateType, subjectDigests };
  } catch {
    return undefined;
  }
}

/** `predicate_type` as the list endpoints document it: provenance, sbom, or a type given in full. */
function predicateMatches(filter: string | null, type: string): boolean {
  if (!filter) return true;
  if (filter === 'provenance') return type.startsWith('https://slsa.dev/provenance/');
  if (filter === 'sbom')
    return type.startsWith('https://spdx.dev/Document') || type === 'https://cyclonedx.org/bom';
  return filter === type;
}

/**
 * Plain HTTP on 127.0.0.1: a Node client reaches it as GITHUB_API_URL (loopback http is accepted);
 * a client that needs https at api.github.com (gh) reaches it through test/support/tls-front.ts in
 * test/support/netns.ts's sandbox, and then `publicUrl` is the URL it is known by there (bundle_url
 * is built from it).
 */
export async function startGitHubApi(
  opts: { publicUrl?: string; meta?: GitHubApiStandIn['meta'] } = {},
): Promise<GitHubApiStandIn> {
  const meta = opts.meta ?? { host: 'github.com' };
  const grants = new Map<string, Grant>();
  const repos = new Map<string, Repository>();
  const pending = new Map<Route, Fault[]>();
  const requests: RecordedRequest[] = [];
  const attestations: StoredAttestation[] = [];
  const storageRecords: Record<string, unknown>[] = [];
  const blobKey = randomBytes(8).toString('hex');
  let nextId = 1000;
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomBytes(6).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(text);
  };
  const error = (
    res: ServerResponse,
    status: number,
    message: string,
    doc = DOCS,
    headers?: Record<string, string>,
  ) => send(res, status, { message, documentation_url: doc, status: String(status) }, headers);

  async function readBody(req: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return undefined;
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  function routeOf(method: string, path: string): Route | undefined {
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/attestations$/.test(path)) return 'create-attestation';
    if (
      method === 'GET' &&
      /^\/(repos\/[^/]+\/[^/]+|orgs\/[^/]+|users\/[^/]+)\/attestations\/[^/]+$/.test(path)
    )
      return 'list-attestations';
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+$/.test(path)) return 'get-repo';
    if (method === 'GET' && path === '/meta') return 'meta';
    if (method === 'POST' && /^\/orgs\/[^/]+\/artifacts\/metadata\/storage-record$/.test(path))
      return 'storage-record';
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname;
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization ?? '';
    const record: RecordedRequest = {
      method,
      path,
      auth: auth.split(' ')[0] || 'none',
      ...(typeof req.headers['x-github-api-version'] === 'string'
        ? { apiVersion: req.headers['x-github-api-version'] }
        : {}),
      status: 0,
    };
    requests.push(record);
    const finish = res.end.bind(res);
    res.end = ((...a: Parameters<typeof res.end>) => {
      record.status = res.statusCode;
      return finish(...a);
    }) as typeof res.end;

    // Blob storage: what bundle_url points to (a signed URL there; no Authorization).
    const blob = /^\/blobs\/([0-9a-f]+)\/(\d+)$/.exec(path);
    if (method === 'GET' && blob) {
      const a = blob[1] === blobKey ? attestations.find((x) => x.id === Number(blob[2])) : undefined;
      if (!a) return void error(res, 404, 'Not Found');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(snappy.compress(Buffer.from(a.bundleJson)));
    }
    const route = routeOf(method, path);
    if (!route) return void error(res, 404, 'Not Found');
    const fault = pending.get(route)?.shift();
    if (fault) return void error(res, fault.status, fault.message ?? 'Server Error', DOCS, fault.headers);
    const m = /^(Bearer|token) (\S+)$/i.exec(auth);
    if (route === 'meta' && (!auth || (m && grants.has(m[2]!))))
      return void send(res, 200, metaBody(meta.host, meta.trustDomain));
    if (!m) return void error(res, 401, 'Requires authentication');
    const grant = grants.get(m[2]!);
    if (!grant) return void error(res, 401, 'Bad credentials');
    const parts = path.split('/').slice(1).map(decodeURIComponent);

    if (route === 'get-repo') {
      const r = repos.get(`${parts[1]}/${parts[2]}`);
      if (!r) return void error(res, 404, 'Not Found', `${DOCS}/repos/repos#get-a-repository`);
      return void send(res, 200, {
        id: r.id,
        name: r.name,
        full_name: `${r.owner}/${r.name}`,
        private: true,
        visibility: 'private',
        owner: { login: r.owner, id: r.id + 1, type: r.ownerType },
      });
    }
    if (route === 'create-attestation') {
      const doc = `${DOCS}/repos/attestations#create-an-attestation`;
      const r = repos.get(`${parts[1]}/${parts[2]}`);
      if (!r) return void error(res, 404, 'Not Found', doc);
      if (grant.attestations !== 'write')
        return void error(res, 403, 'Resource not accessible by integration', doc);
      const body = await readBody(req);
      if (body === undefined) return void error(res, 413, 'Payload too large', doc);
      let parsed: { bundle?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        return void error(res, 400, 'Problems parsing JSON', doc);
      }
      const s = statement(parsed.bundle);
      if (!s)
        return void send(res, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Attestation', field: 'bundle', code: 'invalid' }],
          documentation_url: doc,
          status: '422',
        });
      const id = nextId++;
      attestations.push({
        id,
        repository: `${r.owner}/${r.name}`,
        repositoryId: r.id,
        body,
        bundleJson: JSON.stringify(parsed.bundle),
        ...s,
      });
      return void send(res, 201, { id });
    }
    if (route === 'list-attestations') {
      const digest = parts[parts.length - 1]!;
      const scope = parts[0] === 'repos' ? `${parts[1]}/${parts[2]}` : `${parts[1]}/`;
      const filter = u.searchParams.get('predicate_type');
      const perPage = Number(u.searchParams.get('per_page') ?? 30);
      const found = attestations
        .filter((a) => (scope.endsWith('/') ? a.repository.startsWith(scope) : a.repository === scope))
        .filter((a) => a.subjectDigests.includes(digest) && predicateMatches(filter, a.predicateType))
        .slice(0, perPage);
      return void send(res, 200, {
        attestations: found.map((a) => ({
          bundle: JSON.parse(a.bundleJson) as unknown,
          repository_id: a.repositoryId,
          bundle_url: `${opts.publicUrl ?? url}/blobs/${blobKey}/${a.id}`,
          initiator: 'user',
        })),
      });
    }
    // storage-record
    const doc = `${DOCS}/orgs/artifact-metadata#create-artifact-metadata-storage-record`;
    const org = parts[1]!;
    if (![...repos.values()].some((r) => r.owner === org && r.ownerType === 'Organization'))
      return void error(res, 404, 'Not Found', doc);
    if (grant.artifactMetadata !== 'write')
      return void error(res, 403, 'Resource not accessible by integration', doc);
    const body = JSON.parse((await readBody(req)) ?? '{}') as Record<string, unknown>;
    const missing = ['name', 'digest', 'registry_url'].filter((k) => typeof body[k] !== 'string' || !body[k]);
    if (missing.length)
      return void send(res, 422, {
        message: 'Validation Failed',
        errors: missing.map((field) => ({ resource: 'StorageRecord', field, code: 'missing_field' })),
        documentation_url: doc,
        status: '422',
      });
    const rec = { id: nextId++, ...body, status: 'active', created_at: new Date().toISOString() };
    storageRecords.push(rec);
    return void send(res, 200, { total_count: 1, storage_records: [rec] });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) error(res, 500, 'Server Error');
      else res.destroy();
    });
  };
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    requests,
    attestations,
    storageRecords,
    meta,
    grant: (token, g) => void grants.set(token, g),
    addRepository(fullName, ownerType = 'Organization') {
      const [owner, name] = fullName.split('/') as [string, string];
      repos.set(fullName, { owner, name, id: 100 + repos.size, ownerType });
    },
    failNext: (route, ...answers) => void pending.set(route, [...(pending.get(route) ?? []), ...answers]),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
