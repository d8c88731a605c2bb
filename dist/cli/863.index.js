export const id = 863;
export const ids = [863];
export const modules = {

/***/ 42863:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  storeFailure: () => (/* binding */ storeFailure),
  I: () => (/* binding */ storeForRun)
});

// UNUSED EXPORTS: StoreIncompleteError

// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./build/src/http/transport.js
var transport = __webpack_require__(33811);
;// CONCATENATED MODULE: ./build/src/github/rest.js


/**
 * GitHub's REST API over the project's transport (its size caps, proxies and CA handling), with
 * the retry policy of actions/attest: @actions/attest sends through Octokit with
 * @octokit/plugin-retry at 5 retries, which retries every status ≥ 400 except 400, 401, 403, 404,
 * 410, 422 and 451, waiting (retryCount + 1)² seconds. That plugin ignores Retry-After and treats a
 * rate-limit 403 as final; GitHub's REST documentation ("Rate limits for the REST API") says to wait
 * for `retry-after`, or for `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, and both limits
 * may answer 403 or 429. Those waits are honoured here, and a rate-limit 403 is retried rather than
 * mistaken for a missing permission. The token goes only into the Authorization header of requests
 * to the API URL it was given for; messages carry origin and path only.
 */
const API_VERSION = '2022-11-28';
const DEFAULT_RETRIES = 5;
/** Longer waits than this (a primary rate limit resetting in an hour) end the retries: the job should not hang. */
const MAX_WAIT_MS = 60_000;
const MAX_RESPONSE_BYTES = 1 << 20;
const NOT_RETRIED = new Set([400, 401, 403, 404, 410, 422, 451]);
/** An answer GitHub gave (after retries): its status, its documented error body and rate-limit state. */
class GitHubApiError extends Error {
    method;
    url;
    status;
    apiMessage;
    documentationUrl;
    rateLimited;
    attempts;
    constructor(method, url, status, 
    /** GitHub's `message`, e.g. "Resource not accessible by integration". */
    apiMessage, documentationUrl, rateLimited, attempts) {
        super(`${method} ${(0,transport/* describeUrl */.Ng)(url)}: HTTP ${status}${apiMessage ? ` "${apiMessage}"` : ''}` +
            (attempts > 1 ? ` after ${attempts} attempts` : ''));
        this.method = method;
        this.url = url;
        this.status = status;
        this.apiMessage = apiMessage;
        this.documentationUrl = documentationUrl;
        this.rateLimited = rateLimited;
        this.attempts = attempts;
        this.name = 'GitHubApiError';
    }
}
function seconds(v) {
    return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v.trim()) : undefined;
}
/**
 * Whether an answer is worth another attempt, and after how long. `attempt` counts from 0 (the
 * first request). Rate limits (REST docs): `retry-after` seconds, else `x-ratelimit-remaining: 0`
 * with `x-ratelimit-reset` (epoch seconds); a 403 without either is final (a missing permission).
 */
function retryDecision(res, attempt, opts) {
    const h = (n) => (0,transport/* header */.wx)(res, n);
    const retryAfter = seconds(h('retry-after'));
    const reset = seconds(h('x-ratelimit-reset'));
    const exhausted = h('x-ratelimit-remaining')?.trim() === '0';
    // A secondary rate limit may come without retry-after; then the docs say to wait a minute.
    const secondary = res.status === 403 && /rate limit/i.test(opts.apiMessage ?? '');
    const rateLimited = (res.status === 403 || res.status === 429) &&
        (retryAfter !== undefined || exhausted || secondary || res.status === 429);
    const backoff = (attempt + 1) ** 2 * opts.backoffUnitMs;
    let waitMs;
    if (rateLimited && retryAfter !== undefined)
        waitMs = retryAfter * 1000;
    else if (rateLimited && exhausted && reset !== undefined)
        waitMs = Math.max(0, reset * 1000 - opts.now);
    else if (secondary)
        waitMs = 60_000;
    else
        waitMs = backoff;
    const retryable = rateLimited || (res.status >= 400 && !NOT_RETRIED.has(res.status));
    return { retry: retryable && attempt < opts.retries && waitMs <= MAX_WAIT_MS, waitMs, rateLimited };
}
class GitHubApi {
    o;
    retries;
    unit;
    log;
    now;
    constructor(o) {
        this.o = o;
        this.retries = o.retries ?? DEFAULT_RETRIES;
        this.unit = o.backoffUnitMs ?? 1000;
        this.log = o.log ?? (() => { });
        this.now = o.now ?? Date.now;
    }
    /** `path` is relative to the API URL and already escaped, e.g. `/repos/o/r/attestations`. */
    async request(method, path, body) {
        const url = `${this.o.apiUrl.replace(/\/+$/, '')}${path}`;
        const headers = {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.o.token}`,
            'x-github-api-version': API_VERSION,
            ...(body ? { 'content-type': 'application/json' } : {}),
        };
        for (let attempt = 0;; attempt++) {
            let res;
            try {
                // Retries are decided here (the transport's policy is the registries'), so: none below.
                res = await this.o.transport.send({ method, url, headers, ...(body ? { body } : {}), retries: 0 });
            }
            catch (err) {
                // A connection that failed never reached GitHub's handler: as plugin-retry, retry it.
                if (!(err instanceof transport/* TransportError */.wX) || attempt >= this.retries)
                    throw err;
                const wait = (attempt + 1) ** 2 * this.unit;
                this.log(`retrying ${method} ${(0,transport/* describeUrl */.Ng)(url)} in ${wait} ms (${err.message})`);
                await (0,promises_.setTimeout)(wait);
                continue;
            }
            if (res.status >= 200 && res.status < 300) {
                const text = (await (0,transport/* readBody */.x8)(res, MAX_RESPONSE_BYTES, `${method} ${(0,transport/* describeUrl */.Ng)(url)}`)).toString('utf8');
                return (text ? JSON.parse(text) : {});
            }
            // Error bodies are small and say whether a 403 is a secondary rate limit: read before deciding.
            const error = await errorBody(res);
            const decision = retryDecision(res, attempt, {
                retries: this.retries,
                backoffUnitMs: this.unit,
                now: this.now(),
                apiMessage: error.message,
            });
            if (decision.retry) {
                this.log(`retrying ${method} ${(0,transport/* describeUrl */.Ng)(url)} in ${decision.waitMs} ms (HTTP ${res.status})`);
                await (0,promises_.setTimeout)(decision.waitMs);
                continue;
            }
            throw new GitHubApiError(method, url, res.status, error.message, error.documentationUrl, decision.rateLimited, attempt + 1);
        }
    }
}
/** GitHub's documented error body: `{"message": …, "documentation_url": …}` (anything else: no message). */
async function errorBody(res) {
    try {
        const text = (await (0,transport/* readBody */.x8)(res, 64 * 1024, 'GitHub error body')).toString('utf8');
        const json = JSON.parse(text);
        return {
            message: typeof json.message === 'string' ? json.message.slice(0, 500) : '',
            ...(typeof json.documentation_url === 'string' ? { documentationUrl: json.documentation_url } : {}),
        };
    }
    catch {
        return { message: '' };
    }
}

;// CONCATENATED MODULE: ./build/src/github/attestation-store.js

/**
 * The repository's attestation store (`POST /repos/{owner}/{repo}/attestations`), written as
 * @actions/attest's writeAttestation writes it: the body is `{"bundle": <the bundle JSON>}` and the
 * answer `{"id": …}`; the attestation's page is `{server}/{owner}/{repo}/attestations/{id}` (what
 * actions/attest prints and sets as attestation-url). The registry holds every bundle first; what
 * the store refuses is reported, never silently dropped.
 */
/** GitHub's limit for what the store takes (actions/attest: "cannot exceed 16MB"; 16 MiB). */
const STORE_MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
const ATTESTATIONS_PERMISSION = 'attestations: write';
function attestationUrl(t, id) {
    return `${t.serverUrl.replace(/\/+$/, '')}/${t.owner}/${t.repo}/attestations/${id}`;
}
/** The request body, byte for byte what Octokit sends for `{ bundle }`: the bundle's JSON is embedded as it is. */
function storeRequestBody(bundleJson) {
    return Buffer.from(`{"bundle":${bundleJson}}`);
}
/**
 * Uploads each bundle in turn. A 403 that is no rate limit means the token lacks
 * `attestations: write`: nothing more is sent (every upload would be refused the same way) and ONE
 * warning names the permission. A bundle over the store's limit is skipped with a warning. Any other
 * failure (after the retries) stops the uploads too; the caller decides what that means for the run.
 */
async function uploadToStore(api, target, bundles, warn) {
    const out = { stored: [], notStored: [] };
    const path = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/attestations`;
    let stop;
    let forbidden;
    for (const b of bundles) {
        if (stop) {
            out.notStored.push({ predicateType: b.predicateType, ...stop });
            continue;
        }
        const size = Buffer.byteLength(b.bundleJson);
        if (size > STORE_MAX_BUNDLE_BYTES) {
            const detail = `${size} bytes, over the store's ${STORE_MAX_BUNDLE_BYTES}-byte limit`;
            out.notStored.push({ predicateType: b.predicateType, reason: 'too-large', detail });
            warn(`the ${b.predicateType} bundle was not uploaded to the attestation store of ${target.owner}/${target.repo}: ${detail}. ` +
                'It is in the registry; reduce the predicate to have it in the store too');
            continue;
        }
        try {
            const res = await api.request('POST', path, storeRequestBody(b.bundleJson));
            if (typeof res.id !== 'number' && typeof res.id !== 'string')
                throw new Error(`POST ${path}: the answer carries no attestation id`);
            const id = String(res.id);
            out.stored.push({ predicateType: b.predicateType, id, url: attestationUrl(target, id) });
        }
        catch (err) {
            if (err instanceof GitHubApiError && err.status === 403 && !err.rateLimited) {
                forbidden = err;
                stop = { reason: 'forbidden', detail: `HTTP 403: the token lacks ${ATTESTATIONS_PERMISSION}` };
            }
            else {
                stop = { reason: 'failed', detail: err.message };
            }
            out.notStored.push({ predicateType: b.predicateType, ...stop });
        }
    }
    if (forbidden) {
        const n = out.notStored.filter((n) => n.reason === 'forbidden').length;
        warn(`the attestation store of ${target.owner}/${target.repo} refused the upload (HTTP 403${forbidden.apiMessage ? ` "${forbidden.apiMessage}"` : ''}): ` +
            `${n} of ${bundles.length} bundle(s) are in the registry only. Add \`${ATTESTATIONS_PERMISSION}\` to the job's permissions ` +
            '(and give github-token a token that has it), or set push-to-attestation-store: false');
    }
    return out;
}

;// CONCATENATED MODULE: ./build/src/github/storage-record.js

/**
 * The artifact metadata storage record (`POST /orgs/{org}/artifacts/metadata/storage-record`), as
 * actions/attest v4.2.2 writes it (src/attest.ts createAttestation → @actions/attest
 * createStorageRecord): only after the registry push, only when `GET /repos/{owner}/{repo}` says the
 * owner is an Organization (the API exists for organizations only; for a user-owned repository
 * nothing is attempted), with the body `{name: <registry/repository>, digest, registry_url:
 * <registry origin>}`; the answer's `storage_records[].id` are the record ids. Like actions/attest,
 * a failure is a warning naming `artifact-metadata: write`: the record is metadata about where the
 * image is, not an attestation.
 */
const ARTIFACT_METADATA_PERMISSION = 'artifact-metadata: write';
async function createStorageRecord(api, target, artifact, warn) {
    const owner = encodeURIComponent(target.owner);
    try {
        const repo = await api.request('GET', `/repos/${owner}/${encodeURIComponent(target.repo)}`);
        if (repo.owner?.type !== 'Organization')
            return {
                skipped: `${target.owner} is not an organization (storage records exist for organizations only)`,
            };
        const body = { name: artifact.name, digest: artifact.digest, registry_url: artifact.registryUrl };
        const res = await api.request('POST', `/orgs/${owner}/artifacts/metadata/storage-record`, Buffer.from(JSON.stringify(body)));
        const ids = (res.storage_records ?? []).flatMap((r) => (typeof r.id === 'number' ? [r.id] : []));
        if (!ids.length)
            warn('the storage record request succeeded but GitHub created no storage record');
        return { ids };
    }
    catch (err) {
        const why = err instanceof GitHubApiError && err.status === 403 && !err.rateLimited
            ? `HTTP 403${err.apiMessage ? ` "${err.apiMessage}"` : ''}`
            : err.message;
        warn(`no storage record for ${artifact.name}@${artifact.digest} (${why}): add \`${ARTIFACT_METADATA_PERMISSION}\` to the job's ` +
            "permissions to have it on the organization's linked artifacts page. The attestations are not affected");
        return { skipped: why };
    }
}

;// CONCATENATED MODULE: ./build/src/github/for-run.js




class StoreIncompleteError extends Error {
    constructor(report) {
        const failed = report.notStored.filter((n) => n.reason === 'failed');
        super(`the attestation store of ${report.repository} did not receive ${failed.length} bundle(s): ` +
            failed.map((f) => f.predicateType).join(', ') +
            ` (${failed[0]?.detail ?? ''}). Everything is published${report.registryVerified ? ' and verified' : ''} in the registry; ` +
            're-run the job to upload them, ' +
            'or set push-to-attestation-store: false to rely on the registry alone');
        this.name = 'StoreIncompleteError';
    }
}
/** Why the run must not end green, if the store stage left it incomplete. */
function storeFailure(report) {
    return report?.notStored.some((n) => n.reason === 'failed') ? new StoreIncompleteError(report) : undefined;
}
async function storeForRun(opts, signed, subjectDigest, ctx) {
    const cfg = opts.attestationStore;
    if (!cfg)
        return undefined;
    const api = new GitHubApi({
        apiUrl: cfg.apiUrl,
        token: cfg.token,
        transport: ctx.transport,
        log: ctx.logger.debug,
    });
    const target = { owner: cfg.owner, repo: cfg.repo, serverUrl: cfg.serverUrl };
    const upload = await uploadToStore(api, target, signed.map((s) => ({ predicateType: s.statement.predicateType, bundleJson: s.bundleJson })), ctx.warn);
    for (const s of upload.stored)
        ctx.logger.info(`attestation store: ${s.predicateType} → ${s.url}`);
    const { registry, repository } = opts.image;
    const plain = (0,reference/* isLoopbackRegistry */.jW)(registry) || opts.insecureRegistries.includes(registry);
    // A store that just failed through its retries would fail the record too, a minute later.
    const storeDown = upload.notStored.some((n) => n.reason === 'failed');
    const record = storeDown
        ? { skipped: 'the attestation store failed' }
        : await createStorageRecord(api, target, {
            name: `${registry}/${repository}`,
            digest: subjectDigest,
            registryUrl: `${plain ? 'http' : 'https'}://${registry}`,
        }, ctx.warn);
    if ('skipped' in record)
        ctx.logger.info(`storage record: skipped (${record.skipped})`);
    return {
        repository: `${cfg.owner}/${cfg.repo}`,
        ...upload,
        storageRecordIds: 'ids' in record ? record.ids : [],
        registryVerified: opts.verify,
    };
}


/***/ })

};
