export const id = 990;
export const ids = [990];
export const modules = {

/***/ 7990:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  recheckAll: () => (/* binding */ recheckAll)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/src/oci/digest.js

// Digest algorithms this client can verify. The OCI spec registers sha256 and sha512; anything else
// cannot be checked, and an unchecked manifest is exactly what we refuse to trust.
const ALGORITHMS = {
    sha256: { node: 'sha256', hexLength: 64 },
    sha512: { node: 'sha512', hexLength: 128 },
};
class DigestMismatchError extends Error {
    what;
    expected;
    actual;
    constructor(what, expected, actual) {
        super(`${what}: content digest ${actual} does not match the expected ${expected}; ` +
            'the registry (or something between it and us) served different bytes — refusing to use them');
        this.what = what;
        this.expected = expected;
        this.actual = actual;
        this.name = 'DigestMismatchError';
    }
}
function parseDigest(digest) {
    const m = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest);
    const algo = m && ALGORITHMS[m[1]];
    if (!m || !algo || m[2].length !== algo.hexLength || !/^[0-9a-f]+$/.test(m[2])) {
        throw new Error(`invalid or unsupported digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`);
    }
    return { algorithm: m[1], hex: m[2] };
}
function digest_sha256(data) {
    return 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
function digest_digestOf(data, algorithm = 'sha256') {
    return `${algorithm}:` + (0,external_node_crypto_.createHash)(ALGORITHMS[algorithm].node).update(data).digest('hex');
}
function verifyDigest(what, data, expected) {
    const { algorithm } = parseDigest(expected);
    const actual = digest_digestOf(data, algorithm);
    if (actual !== expected)
        throw new DigestMismatchError(what, expected, actual);
}
/** Incremental verifier for streamed blobs. */
class DigestVerifier {
    what;
    expected;
    hash;
    algorithm;
    constructor(what, expected) {
        this.what = what;
        this.expected = expected;
        this.algorithm = parseDigest(expected).algorithm;
        this.hash = (0,external_node_crypto_.createHash)(ALGORITHMS[this.algorithm].node);
    }
    update(chunk) {
        this.hash.update(chunk);
    }
    /** Throws DigestMismatchError when the bytes seen do not hash to the expected digest. */
    finish() {
        const actual = `${this.algorithm}:` + this.hash.digest('hex');
        if (actual !== this.expected)
            throw new DigestMismatchError(this.what, this.expected, actual);
    }
}
/** The tag the OCI 1.1 referrers fallback (and cosign) derive from a digest: `sha256-<hex>`. */
function digest_digestTag(digest) {
    const { algorithm, hex } = parseDigest(digest);
    return `${algorithm}-${hex}`;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./build/src/version.js
/** sigstamp's version, as package.json states it (test/unit/version.test.ts keeps the two equal). */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/src/http/transport.js



class TransportError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'TransportError';
    }
}
/**
 * The connection broke while a body was being read (a reset, a proxy cutting the body short). The
 * request itself was answered, so the transport's own retries never saw it; a caller that reads the
 * whole body of an idempotent request retries it with retryBodyReads.
 */
class BodyReadError extends TransportError {
    constructor(message, options) {
        super(message, options);
        this.name = 'BodyReadError';
    }
}
/** Body reads retried after a broken body: a GET is idempotent, so asking again is safe. */
const BODY_READ_RETRIES = 3;
/**
 * Runs `attempt` (a request and the read of its whole body) again when its body broke off, with a
 * short jittered backoff. Any other failure, and the last one, is thrown as it is.
 */
async function transport_retryBodyReads(attempt, retries = BODY_READ_RETRIES) {
    for (let i = 0;; i++) {
        try {
            return await attempt();
        }
        catch (err) {
            if (!(err instanceof BodyReadError) || i >= retries)
                throw err;
            await (0,promises_.setTimeout)(100 * 2 ** i + Math.random() * 100);
        }
    }
}
const DEFAULT_TIMEOUT_MS = 30_000;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/** Origin and path of a URL: what may appear in messages (signed blob URLs carry secrets in the query). */
function describeUrl(url) {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
}
function transport_header(res, name) {
    const v = res.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}
function headerValues(res, name) {
    const v = res.headers[name.toLowerCase()];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
/** Stops reading a body we will not use; undici reports the abort as an error nobody needs to see. */
function abort(res) {
    res.body.on('error', () => { });
    res.body.destroy();
}
async function transport_discard(res) {
    try {
        res.body.resume();
        await new Promise((resolve) => {
            res.body.once('end', resolve);
            res.body.once('error', () => resolve());
            res.body.once('close', resolve);
        });
    }
    catch {
        // A body we are throwing away cannot fail the request.
    }
}
/** Reads a response body into memory, refusing more than `limit` bytes. */
async function transport_readBody(res, limit, what) {
    const declared = Number(transport_header(res, 'content-length') ?? NaN);
    if (declared > limit) {
        abort(res);
        throw new TransportError(`${what}: ${declared} bytes is over the ${limit}-byte limit; refusing to read it`);
    }
    const chunks = [];
    let size = 0;
    const deadlineMs = res.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    res.body.on('error', () => { }); // the deadline's own error is thrown below, once
    const timer = setTimeout(() => res.body.destroy(new TransportError(`${what}: the body took longer than ${deadlineMs} ms to arrive (${size} bytes so far); ` +
        'a stalled or hostile server — giving up')), deadlineMs);
    try {
        for await (const chunk of res.body) {
            size += chunk.length;
            if (size > limit) {
                abort(res);
                throw new TransportError(`${what}: body is over the ${limit}-byte limit; refusing to read it`);
            }
            chunks.push(chunk);
        }
    }
    catch (err) {
        if (err instanceof TransportError)
            throw err;
        // undici's own words ("other side closed", "terminated") name no request: say which one.
        throw new BodyReadError(`${what}: the connection broke after ${size} bytes of the body (${err.message}); ` +
            'retry the job if this persists', { cause: err });
    }
    finally {
        clearTimeout(timer);
    }
    return Buffer.concat(chunks, size);
}
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
function isLoopbackHost(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}
class Transport {
    timeoutMs;
    retries;
    backoffMs;
    maxBackoffMs;
    userAgent;
    log;
    direct;
    proxied;
    constructor(opts = {}) {
        this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.retries = opts.retries ?? 4;
        this.backoffMs = opts.backoffMs ?? 500;
        this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
        this.userAgent = opts.userAgent ?? `sigstamp/${VERSION}`;
        this.log = opts.log ?? (() => { });
        const env = opts.env ?? process.env;
        this.direct = new undici/* Agent */.g6({ connections: 16 });
        const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
        this.proxied = proxy
            ? new undici/* EnvHttpProxyAgent */.J2({
                httpProxy: env.HTTP_PROXY ?? env.http_proxy,
                httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
                noProxy: env.NO_PROXY ?? env.no_proxy,
            })
            : undefined;
    }
    async close() {
        await Promise.all([this.direct.close(), this.proxied?.close()]);
    }
    /**
     * Sends a request, retrying transient failures when the body can be replayed, and following
     * redirects for GET/HEAD. Authorization is dropped when a redirect leaves the origin (blob
     * downloads redirect to storage that must never see the registry token).
     */
    async send(req) {
        let url = req.url;
        let headers = { ...req.headers };
        const replayable = req.body === undefined || Buffer.isBuffer(req.body) || req.method === 'GET';
        for (let redirects = 0;; redirects++) {
            const res = await this.sendWithRetry({ ...req, url, headers }, replayable);
            const location = transport_header(res, 'location');
            if (!REDIRECT_STATUS.has(res.status) || !location || (req.method !== 'GET' && req.method !== 'HEAD')) {
                return res;
            }
            await transport_discard(res);
            if (redirects >= MAX_REDIRECTS) {
                throw new TransportError(`${req.method} ${describeUrl(req.url)}: more than ${MAX_REDIRECTS} redirects`);
            }
            const next = new URL(location, url);
            if (next.origin !== new URL(url).origin) {
                headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
            }
            if (new URL(url).protocol === 'https:' && next.protocol === 'http:' && !isLoopbackHost(next.hostname)) {
                throw new TransportError(`${req.method} ${describeUrl(req.url)}: refusing a redirect from HTTPS to plain HTTP`);
            }
            url = next.toString();
        }
    }
    async sendWithRetry(req, replayable) {
        for (let attempt = 0;; attempt++) {
            const canRetry = replayable && attempt < (req.retries ?? this.retries);
            let res;
            try {
                res = await this.sendOnce(req);
            }
            catch (err) {
                if (!canRetry) {
                    throw new TransportError(`${req.method} ${describeUrl(req.url)} failed after ${attempt + 1} attempt(s): ${err.message}; ` +
                        'the service did not answer reliably — retry the job later', { cause: err });
                }
                await this.backoff(attempt, undefined, `${req.method} ${describeUrl(req.url)}: ${err.message}`);
                continue;
            }
            if (RETRYABLE_STATUS.has(res.status) && canRetry) {
                await transport_discard(res);
                await this.backoff(attempt, parseRetryAfter(transport_header(res, 'retry-after')), `${req.method} ${describeUrl(req.url)}: HTTP ${res.status}`);
                continue;
            }
            return res;
        }
    }
    async backoff(attempt, retryAfterMs, why) {
        const exp = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
        // Full jitter: concurrent signers that failed together must not retry together.
        const wait = retryAfterMs !== undefined ? Math.min(retryAfterMs, 60_000) : Math.random() * exp;
        this.log(`retrying in ${Math.round(wait)} ms (${why})`);
        await (0,promises_.setTimeout)(wait);
    }
    async sendOnce(req) {
        const u = new URL(req.url);
        const dispatcher = this.proxied && !isLoopbackHost(u.hostname) ? this.proxied : this.direct;
        const timeout = req.timeoutMs ?? this.timeoutMs;
        const body = typeof req.body === 'function' ? req.body() : req.body;
        const res = await (0,undici/* request */.Em)(req.url, {
            method: req.method,
            headers: { 'user-agent': this.userAgent, ...req.headers },
            body,
            dispatcher,
            headersTimeout: timeout,
            bodyTimeout: timeout,
        });
        this.log(`${req.method} ${describeUrl(req.url)} -> ${res.statusCode}`);
        return {
            status: res.statusCode,
            headers: res.headers,
            body: res.body,
            url: req.url,
            timeoutMs: timeout,
        };
    }
}

;// CONCATENATED MODULE: ./build/src/oci/errors.js

/** An error answer from a registry, with the distribution error codes it gave (spec: "Error Codes"). */
class RegistryError extends Error {
    status;
    codes;
    constructor(message, status, codes = []) {
        super(message);
        this.status = status;
        this.codes = codes;
        this.name = 'RegistryError';
    }
}
/** The manifest or tag asked for does not exist (HTTP 404 / MANIFEST_UNKNOWN / NAME_UNKNOWN). */
class errors_NotFoundError extends RegistryError {
    constructor(message, status = 404, codes = []) {
        super(message, status, codes);
        this.name = 'NotFoundError';
    }
}
/**
 * The registry refused a manifest because a blob it references is unknown (MANIFEST_BLOB_UNKNOWN).
 * Seen with distribution 2.8 when several writers upload the same blob at once (every signature's
 * simple-signing payload, the empty config): the blob briefly looks present to HEAD and absent to
 * the manifest check. Uploading it again and retrying resolves it.
 */
class BlobUnknownError extends RegistryError {
    constructor(message, status, codes) {
        super(message, status, codes);
        this.name = 'BlobUnknownError';
    }
}
/** A shared tag we were asked to update holds something we must not touch. */
class ForeignContentError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ForeignContentError';
    }
}
/** Reads the registry's error body (at most 64 KiB) and builds the error that names what failed. */
async function errors_registryError(res, action, hint = '') {
    let codes = [];
    let detail = '';
    try {
        const body = (await transport_readBody(res, 64 * 1024, 'error body')).toString('utf8');
        const parsed = JSON.parse(body);
        codes = (parsed.errors ?? []).map((e) => e.code ?? '').filter(Boolean);
        detail = (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    }
    catch {
        // Not every registry (or proxy in front of one) answers errors in the spec's JSON.
    }
    // A registry in trouble gets the same advice everywhere, unless the caller knows better.
    const advice = hint ||
        (res.status >= 500 || res.status === 429 ? 'the registry is in trouble; retry the job later' : '');
    const message = `${action}: ${describeUrl(res.url)} answered HTTP ${res.status}${detail ? ` (${detail.slice(0, 300)})` : ''}${advice ? `; ${advice}` : ''}`;
    const notFound = res.status === 404 || codes.some((c) => c === 'MANIFEST_UNKNOWN' || c === 'NAME_UNKNOWN');
    if (notFound)
        return new errors_NotFoundError(message, res.status, codes);
    // distribution 2.8 answers a manifest whose blob a concurrent upload is still committing with
    // DIGEST_INVALID and MANIFEST_BLOB_UNKNOWN together: the code that matters is the second.
    if (codes.includes('MANIFEST_BLOB_UNKNOWN'))
        return new BlobUnknownError(message, res.status, codes);
    return new RegistryError(message, res.status, codes);
}

;// CONCATENATED MODULE: ./build/src/oci/mediatypes.js
// Media types from the OCI image spec 1.1 and Docker's manifest v2 schema 2, by the names the specs use.
const mediatypes_MediaType = {
    ImageManifest: 'application/vnd.oci.image.manifest.v1+json',
    ImageIndex: 'application/vnd.oci.image.index.v1+json',
    ImageConfig: 'application/vnd.oci.image.config.v1+json',
    Empty: 'application/vnd.oci.empty.v1+json',
    Layer: 'application/vnd.oci.image.layer.v1.tar',
    LayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    LayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
    DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};
const INDEX_MEDIA_TYPES = [mediatypes_MediaType.ImageIndex, mediatypes_MediaType.DockerManifestList];
const IMAGE_MANIFEST_MEDIA_TYPES = [
    mediatypes_MediaType.ImageManifest,
    mediatypes_MediaType.DockerManifest,
];
const MANIFEST_MEDIA_TYPES = [...IMAGE_MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES];
/** The OCI empty descriptor's blob `{}` (image-spec 1.1, "Guidance for an empty descriptor"). */
const mediatypes_EMPTY_JSON = Buffer.from('{}');
const mediatypes_EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
function isIndexMediaType(mediaType) {
    return mediaType !== undefined && INDEX_MEDIA_TYPES.includes(mediaType);
}

;// CONCATENATED MODULE: ./build/src/oci/auth.js

/**
 * Registry authentication: anonymous, Basic, and the Bearer token flow of the distribution token spec
 * (challenge -> realm/service/scope -> token, cached per scope, refreshed on 401), including the
 * OAuth2 refresh-token grant used with identity tokens. Secrets live only in request headers and
 * form bodies: no message built here contains one.
 */
class AuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AuthError';
    }
}
/** Parses a WWW-Authenticate header (RFC 7235): `Bearer realm="…",service="…",scope="a:b:pull,push"`. */
function parseChallenges(value) {
    const out = [];
    const token = /[A-Za-z0-9!#$%&'*+.^_`|~-]+/y;
    let i = 0;
    const skip = (chars) => {
        while (i < value.length && chars.test(value[i]))
            i++;
    };
    for (;;) {
        skip(/[\s,]/);
        token.lastIndex = i;
        const name = token.exec(value)?.[0];
        if (!name)
            break;
        i += name.length;
        skip(/ /);
        if (value[i] !== '=' || out.length === 0) {
            out.push({ scheme: name.toLowerCase(), params: {} });
            continue;
        }
        i++;
        skip(/ /);
        let v = '';
        if (value[i] === '"') {
            for (i++; i < value.length && value[i] !== '"'; i++)
                v += value[i] === '\\' ? (value[++i] ?? '') : value[i];
            i++;
        }
        else {
            while (i < value.length && !/[\s,]/.test(value[i]))
                v += value[i++];
        }
        out.at(-1).params[name.toLowerCase()] = v;
    }
    return out;
}
function repositoryScope(repository, actions) {
    return `repository:${repository}:${actions.join(',')}`;
}
const TOKEN_RESPONSE_LIMIT = 1 << 20;
class RegistryAuth {
    registry;
    transport;
    credential;
    scheme;
    bearer;
    tokens = new Map();
    pending = new Map();
    constructor(registry, transport, credential) {
        this.registry = registry;
        this.transport = transport;
        this.credential = credential;
    }
    /**
     * Sends `req` with the authorization the registry asked for, learning the scheme from the first
     * 401 and retrying once with a fresh token. `scopes` are what this request needs (pull for reads,
     * pull+push for writes) and are merged with the scope the registry's challenge names.
     */
    async send(req, scopes) {
        const first = await this.transport.send(await this.withAuthorization(req, scopes, false));
        if (first.status !== 401)
            return first;
        const challenge = transport_header(first, 'www-authenticate');
        await transport_discard(first);
        await this.learn(challenge, req);
        const second = await this.transport.send(await this.withAuthorization(req, this.scopesFor(scopes, challenge), true));
        if (second.status !== 401)
            return second;
        await transport_discard(second);
        const cred = await this.credential();
        const denied = parseChallenges(transport_header(second, 'www-authenticate') ?? '').find((c) => c.params.error === 'insufficient_scope');
        if (denied && cred) {
            throw new AuthError(`registry ${this.registry} refused ${req.method} ${describeUrl(req.url)}: the credential from ${cred.source} ` +
                `is not allowed ${denied.params.scope ?? scopes.join(' ')} (insufficient_scope); give it that access ` +
                '(on GHCR: `permissions: packages: write` for GITHUB_TOKEN, or a token with write:packages)');
        }
        throw new AuthError(`registry ${this.registry} refused ${req.method} ${describeUrl(req.url)} (HTTP 401)` +
            (cred
                ? ` with the credential from ${cred.source}: check that it is valid and may ${scopes.join(' ')}`
                : ': no credential was found for it; log in (docker login / docker/login-action) or pass registry-username and registry-password'));
    }
    scopesFor(scopes, challenge) {
        const bearer = challenge ? parseChallenges(challenge).find((c) => c.scheme === 'bearer') : undefined;
        const asked = bearer?.params.scope?.split(' ').filter(Boolean) ?? [];
        return [...new Set([...scopes, ...asked])];
    }
    async learn(value, req) {
        const challenges = value ? parseChallenges(value) : [];
        const bearer = challenges.find((c) => c.scheme === 'bearer');
        if (bearer?.params.realm) {
            this.scheme = 'bearer';
            this.bearer = bearer.params;
            return;
        }
        if (challenges.some((c) => c.scheme === 'basic')) {
            this.scheme = 'basic';
            const cred = await this.credential();
            if (!cred?.username || cred.password === undefined) {
                throw new AuthError(`registry ${this.registry} requires a login for ${req.method} ${describeUrl(req.url)} (HTTP 401, Basic) and no credential was found; ` +
                    'log in (docker login / docker/login-action) or pass registry-username and registry-password');
            }
            return;
        }
        throw new AuthError(`registry ${this.registry} answered HTTP 401 to ${req.method} ${describeUrl(req.url)} without a usable WWW-Authenticate challenge`);
    }
    async withAuthorization(req, scopes, fresh) {
        if (this.scheme === 'basic') {
            const cred = await this.credential();
            if (!cred?.username)
                return req;
            const basic = Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64');
            return { ...req, headers: { ...req.headers, authorization: `Basic ${basic}` } };
        }
        if (this.scheme === 'bearer') {
            const token = await this.token(scopes, fresh);
            return { ...req, headers: { ...req.headers, authorization: `Bearer ${token.value}` } };
        }
        return req;
    }
    async token(scopes, fresh) {
        const key = [...scopes].sort().join(' ');
        const cached = this.tokens.get(key);
        if (!fresh && cached && cached.expiresAt > Date.now())
            return cached;
        // Concurrent requests for one scope share one token request.
        let pending = this.pending.get(key);
        if (!pending) {
            pending = this.fetchToken(scopes).finally(() => this.pending.delete(key));
            this.pending.set(key, pending);
        }
        const token = await pending;
        this.tokens.set(key, token);
        return token;
    }
    async fetchToken(scopes) {
        const params = this.bearer;
        const realm = new URL(params.realm);
        const cred = await this.credential();
        const form = new URLSearchParams();
        if (params.service)
            form.set('service', params.service);
        let req;
        if (cred?.identityToken) {
            // OAuth2 refresh-token grant (distribution token spec, "oauth.md"): identity tokens are refresh tokens.
            form.set('grant_type', 'refresh_token');
            form.set('refresh_token', cred.identityToken);
            form.set('client_id', 'sigstamp');
            if (scopes.length)
                form.set('scope', scopes.join(' '));
            req = {
                method: 'POST',
                url: realm.toString(),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: Buffer.from(form.toString()),
            };
        }
        else {
            for (const s of scopes)
                form.append('scope', s);
            for (const [k, v] of form)
                realm.searchParams.append(k, v);
            const headers = {};
            if (cred?.username) {
                headers.authorization =
                    'Basic ' + Buffer.from(`${cred.username}:${cred.password ?? ''}`).toString('base64');
            }
            req = { method: 'GET', url: realm.toString(), headers };
        }
        const res = await this.transport.send(req);
        const who = cred ? `the credential from ${cred.source}` : 'anonymous access';
        if (res.status !== 200) {
            await transport_discard(res);
            throw new AuthError(`the token service of registry ${this.registry} (${describeUrl(realm.toString())}) refused ${who} for ${scopes.join(' ')} (HTTP ${res.status})` +
                (cred
                    ? ': check the username and password or token'
                    : ': log in or pass registry-username and registry-password'));
        }
        const body = JSON.parse((await transport_readBody(res, TOKEN_RESPONSE_LIMIT, 'token response')).toString('utf8'));
        const value = body.token ?? body.access_token;
        if (!value)
            throw new AuthError(`the token service of registry ${this.registry} answered without a token`);
        // The spec's default lifetime is 60 s; renew 10 s early so a token never expires mid-request.
        const lifetime = Math.max(10, (body.expires_in ?? 60) - 10) * 1000;
        return { value, expiresAt: Date.now() + lifetime };
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./build/src/oci/credential.js
// What every credential source (auth files, credential helpers, explicit inputs) produces and how
// it fails; its own module so the sources and their resolver depend on it, never on each other.
/** A credential source exists but cannot be used; the message never contains a secret. */
class CredentialError extends Error {
    name = 'CredentialError';
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./build/src/oci/credential-helper.js
// Docker credential-helper client: runs `docker-credential-<name> get` the way
// github.com/docker/docker-credential-helpers/client does (server URL on stdin, JSON on stdout).





// The helper library's standard "not logged in" reply (credentials/error.go). Upstream compares the
// trimmed stdout for equality; we match a substring case-insensitively because some helpers that do
// not use that library word it slightly differently or print it on stderr.
const NOT_FOUND = /credentials not found/i;
const TOKEN_USERNAME = '<token>';
const DIAGNOSTIC_MAX = 200;
/** Collapses a helper's output to one line of at most 200 chars, for an error message. */
function diagnostic(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > DIAGNOSTIC_MAX ? `${line.slice(0, DIAGNOSTIC_MAX)}…` : line;
}
function looksLikeJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
async function findOnPath(name, env) {
    const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
    for (const dir of (env.PATH ?? '').split(external_node_path_.delimiter)) {
        // Relative PATH entries would resolve against the cwd (often an untrusted checkout); Go's
        // exec.LookPath, which docker uses, refuses those too (ErrDot).
        if (!dir || !(0,external_node_path_.isAbsolute)(dir))
            continue;
        for (const ext of exts) {
            const candidate = (0,external_node_path_.join)(dir, name + ext);
            try {
                await (0,external_node_fs_promises_.access)(candidate, external_node_fs_.constants.X_OK);
                if ((await (0,external_node_fs_promises_.stat)(candidate)).isFile())
                    return candidate;
            }
            catch {
                // Not here; keep looking.
            }
        }
    }
    return undefined;
}
/** Asks a credential helper for `serverUrl`; undefined when the helper has no credential for it. */
async function getFromHelper(req) {
    const program = `docker-credential-${req.helper}`;
    const what = `credential helper ${program} (${req.configuredIn}) for ${req.registry}`;
    // The name comes from a config file; a path separator would let it escape the PATH lookup.
    if (!req.helper || /[/\\]/.test(req.helper)) {
        throw new CredentialError(`${what}: invalid helper name; fix the entry in ${req.configuredIn}.`);
    }
    const bin = await findOnPath(program, req.env);
    if (!bin) {
        throw new CredentialError(`${what} is not installed: no executable ${program} on PATH. Install it, or remove the entry (${req.configuredIn}).`);
    }
    const { code, stdout, stderr } = await new Promise((resolve, reject) => {
        // shell: false and nothing secret in argv: the server URL travels on stdin, as upstream does.
        const child = (0,external_node_child_process_.spawn)(bin, ['get'], { shell: false, env: req.env, stdio: 'pipe', windowsHide: true });
        const out = [];
        const err = [];
        let settled = false;
        const settle = (fn) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            fn();
        };
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            // A shell-script helper's own children can keep the pipes open after the kill; do not wait for them.
            child.stdout.destroy();
            child.stderr.destroy();
            settle(() => reject(new CredentialError(`${what} did not answer within ${req.timeoutMs} ms. Check that it is not waiting for ` +
                'interactive input (a locked keychain, a GPG passphrase prompt) and that it works from a shell.')));
        }, req.timeoutMs);
        child.stdout.on('data', (c) => out.push(c));
        child.stderr.on('data', (c) => err.push(c));
        // A helper may exit before reading stdin (EPIPE); its exit status says what happened.
        child.stdin.on('error', () => { });
        child.on('error', (e) => settle(() => reject(new CredentialError(`${what} could not be started (${e.message}). Check that it is installed.`))));
        child.on('close', (exitCode) => settle(() => resolve({
            code: exitCode,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
        })));
        // Upstream writes the URL without a newline; helpers trim it either way.
        child.stdin.end(req.serverUrl);
    });
    if (code !== 0) {
        if (NOT_FOUND.test(stdout) || NOT_FOUND.test(stderr))
            return undefined;
        // Helpers built on docker-credential-helpers print their error on stdout, others on stderr. Never
        // echo stdout that parses as JSON: that would be a credential.
        const said = stderr.trim() ? stderr : looksLikeJson(stdout.trim()) ? '' : stdout;
        const detail = diagnostic(said);
        throw new CredentialError(`${what} failed (${code === null ? 'killed by a signal' : `exit code ${code}`})` +
            `${detail ? `: ${detail}` : ''}. Check the helper's configuration and that it is logged in to ${req.registry}.`);
    }
    let reply;
    try {
        reply = JSON.parse(stdout);
    }
    catch {
        reply = undefined;
    }
    if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
        // Do not quote stdout: a half-broken helper may still have printed the secret.
        throw new CredentialError(`${what} returned output that is not a JSON credential. Check the helper's version.`);
    }
    const { Username, Secret } = reply;
    if (Username !== undefined && typeof Username !== 'string') {
        throw new CredentialError(`${what} returned a non-string Username. Check the helper's version.`);
    }
    if (Secret !== undefined && typeof Secret !== 'string') {
        throw new CredentialError(`${what} returned a non-string Secret. Check the helper's version.`);
    }
    // An empty secret is how some helpers say "nothing stored" with exit 0; containers/image treats an
    // empty reply as no credential too.
    if (!Secret)
        return undefined;
    if (Username === TOKEN_USERNAME)
        return { identityToken: Secret, source: program };
    return { username: Username ?? '', password: Secret, source: program };
}

;// CONCATENATED MODULE: ./build/src/oci/credentials.js
// Registry credential resolution that matches what docker, docker/login-action and podman/buildah
// users already have configured. Key matching follows docker/cli (cli/config/configfile/file.go,
// cli/config/credentials/{file_store,native_store}.go) and containers/image
// (pkg/docker/config/config.go); each rule below names the one it copies.





// docker/cli's key for Docker Hub (cli/command/registry.go authConfigKey, a copy of registry.IndexServer):
// `docker login` writes it into `auths` and sends it to credential helpers.
const DOCKER_HUB_URL = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOST = 'index.docker.io';
// containers/image normalizeRegistry folds these onto index.docker.io.
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
function canonicalHost(host) {
    const lower = host.toLowerCase();
    return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB_HOST : lower;
}
function isDockerHub(registry) {
    return canonicalHost(registry) === DOCKER_HUB_HOST;
}
/**
 * The registry an `auths` key names. As in containers/image normalizeAuthFileKey, only a key with a
 * scheme loses its path (`https://index.docker.io/v1/`, `http://127.0.0.1:5000/v2/`): old `docker login`
 * wrote such URLs. A schemeless key with a path is a namespace key and is returned whole, so it never
 * equals a bare host.
 */
function keyHost(key) {
    const scheme = /^https?:\/\//i.exec(key);
    return canonicalHost(scheme ? (key.slice(scheme[0].length).split('/')[0] ?? '') : key);
}
/**
 * Picks the key that applies to `registry/repository`, like containers/image findCredentialsInFile:
 * first exact keys from the most specific namespace up to the bare registry (`quay.io/org/repo`,
 * `quay.io/org`, `quay.io`), so a match is always on path-component boundaries; then any key whose
 * normalised host is the registry, in file order.
 */
function findKey(keys, registry, repository) {
    const present = new Set(keys);
    // containers/image walks reference.Name(), which spells Docker Hub as docker.io.
    const prefix = isDockerHub(registry) ? 'docker.io' : registry;
    const repo = repository.replace(/^\/+|\/+$/g, '');
    let name = repo ? `${prefix}/${repo}` : prefix;
    for (;;) {
        if (present.has(name))
            return name;
        const slash = name.lastIndexOf('/');
        if (slash < 0)
            break;
        name = name.slice(0, slash);
    }
    const want = canonicalHost(registry);
    return keys.find((k) => keyHost(k) === want);
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
async function readAuthFile(path, flavour) {
    let text;
    try {
        text = await (0,external_node_fs_promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        const code = e.code;
        // Not configured is the common case, not an error (both upstreams treat a missing file as empty).
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return undefined;
        throw new CredentialError(`cannot read registry credentials file ${path} (${code ?? 'error'}); fix its permissions or remove it.`);
    }
    // docker/cli LoadFromReader accepts an empty file (io.EOF) as an empty config.
    if (!text.trim())
        return undefined;
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        // V8's message quotes the text around the error, which may be a secret: say only where.
        throw new CredentialError(`registry credentials file ${path} is not valid JSON; fix or remove it.`);
    }
    const bad = (what) => new CredentialError(`registry credentials file ${path}: ${what}; fix or remove it.`);
    if (!isRecord(json))
        throw bad('the top level is not a JSON object');
    const { auths = {}, credHelpers = {}, credsStore } = json;
    if (!isRecord(auths))
        throw bad('"auths" is not an object');
    if (!isRecord(credHelpers))
        throw bad('"credHelpers" is not an object');
    for (const [key, helper] of Object.entries(credHelpers)) {
        if (typeof helper !== 'string')
            throw bad(`credHelpers entry "${key}" is not a string`);
    }
    if (credsStore !== undefined && typeof credsStore !== 'string')
        throw bad('"credsStore" is not a string');
    return {
        path,
        flavour,
        auths,
        credHelpers: credHelpers,
        // containers/image does not read credsStore at all; only the Docker CLI config honours it.
        credsStore: flavour === 'docker' && credsStore ? credsStore : undefined,
    };
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Decodes one `auths` entry; undefined when it holds neither `auth` nor `identitytoken`. */
function decodeEntry(path, key, entry) {
    const bad = (what) => new CredentialError(`registry credentials file ${path}: auths entry "${key}" ${what}; fix or remove it.`);
    if (!isRecord(entry))
        throw bad('is not an object');
    const { auth, identitytoken } = entry;
    if (auth !== undefined && typeof auth !== 'string')
        throw bad('has a non-string "auth"');
    if (identitytoken !== undefined && typeof identitytoken !== 'string')
        throw bad('has a non-string "identitytoken"');
    // `docker login` with a credsStore leaves `{}` markers here; they mean "ask the store", not "anonymous".
    if (!auth && !identitytoken)
        return undefined;
    const cred = { source: path };
    if (auth) {
        // Go's base64.StdEncoding (used by both upstreams) skips \r and \n but rejects anything else;
        // Node's decoder silently drops bad characters, so validate first.
        const compact = auth.replace(/[\r\n]/g, '');
        if (!BASE64.test(compact) || compact.length % 4 === 1)
            throw bad('has an "auth" that is not valid base64');
        let decoded;
        try {
            decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
        }
        catch {
            throw bad('has an "auth" that does not decode to text');
        }
        // Split on the FIRST colon (strings.Cut upstream): passwords and tokens may contain colons.
        const colon = decoded.indexOf(':');
        if (colon < 0)
            throw bad('has an "auth" that is not base64 of "username:password"');
        cred.username = decoded.slice(0, colon);
        // Both upstreams strip NUL padding that some old writers left around the password.
        const password = decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '');
        if (password)
            cred.password = password;
    }
    if (identitytoken)
        cred.identityToken = identitytoken;
    // base64(":") carries nothing; containers/image skips an empty result the same way.
    return cred.username || cred.password || cred.identityToken ? cred : undefined;
}
function helperServerUrl(registry, flavour) {
    // docker/cli asks helpers for Docker Hub under its v1 URL; containers/image asks for the registry
    // name (`docker.io`), and what podman stored is keyed that way.
    if (isDockerHub(registry))
        return flavour === 'docker' ? DOCKER_HUB_URL : 'docker.io';
    return registry;
}
/** credHelpers keys are looked up exactly upstream; for Docker Hub accept both upstreams' spellings. */
function credHelperFor(file, registry) {
    const keys = isDockerHub(registry)
        ? [DOCKER_HUB_URL, 'docker.io', DOCKER_HUB_HOST, 'registry-1.docker.io']
        : [registry];
    for (const key of keys) {
        const helper = file.credHelpers[key];
        if (helper !== undefined)
            return helper;
    }
    return undefined;
}
async function fromFile(file, registry, repository, env, timeoutMs) {
    const ask = (helper, configuredIn) => getFromHelper({
        helper,
        serverUrl: helperServerUrl(registry, file.flavour),
        registry,
        configuredIn,
        env,
        timeoutMs,
    });
    const helper = credHelperFor(file, registry);
    // A credHelpers entry makes that helper the only source for the registry in this file: docker/cli
    // picks the store before looking anything up (getConfiguredCredentialStore) and containers/image
    // returns the helper's answer straight away (findCredentialsInFile). So no fall-through to auths.
    if (helper !== undefined)
        return ask(helper, `credHelpers in ${file.path}`);
    const key = findKey(Object.keys(file.auths), registry, repository);
    if (key !== undefined) {
        const cred = decodeEntry(file.path, key, file.auths[key]);
        if (cred)
            return cred;
    }
    if (file.credsStore)
        return ask(file.credsStore, `credsStore in ${file.path}`);
    return undefined;
}
function fromExplicit(explicit, registry, repository) {
    // Unset optional inputs arrive as empty strings; an entry with neither value was not given at all.
    const given = explicit.filter((e) => e.username || e.password);
    const scoped = given.filter((e) => e.registry);
    const key = findKey(scoped.map((e) => e.registry), registry, repository);
    // A credential scoped to this registry beats a catch-all one, whatever the order they were given in.
    const entry = key !== undefined ? scoped.find((e) => e.registry === key) : given.find((e) => !e.registry);
    if (!entry)
        return undefined;
    if (!entry.username || !entry.password) {
        // Typically a secret that is not available (a pull request from a fork); failing here says so,
        // where a half credential would surface later as an opaque 401.
        throw new CredentialError(`the explicit credential for ${registry} has ${entry.username ? 'a username but an empty password' : 'a password but an empty username'}; ` +
            'pass both, or neither to use the Docker/podman configuration.');
    }
    return { username: entry.username, password: entry.password, source: 'explicit' };
}
function authFilePaths(env) {
    const paths = [];
    // podman/buildah/skopeo take REGISTRY_AUTH_FILE as the default of --authfile.
    if (env.REGISTRY_AUTH_FILE)
        paths.push({ path: env.REGISTRY_AUTH_FILE, flavour: 'containers' });
    // docker/cli config.Dir(): $DOCKER_CONFIG, else ~/.docker (docker/login-action honours DOCKER_CONFIG too).
    if (env.DOCKER_CONFIG)
        paths.push({ path: (0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json'), flavour: 'docker' });
    else if (env.HOME)
        paths.push({ path: (0,external_node_path_.join)(env.HOME, '.docker', 'config.json'), flavour: 'docker' });
    // containers-auth.json(5): the primary file is $XDG_RUNTIME_DIR/containers/auth.json, and
    // /run/containers/$UID/auth.json when XDG_RUNTIME_DIR is unset (getPathToAuth).
    if (env.XDG_RUNTIME_DIR) {
        paths.push({ path: (0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'), flavour: 'containers' });
    }
    else if (process.platform === 'linux' && typeof process.getuid === 'function') {
        paths.push({ path: `/run/containers/${process.getuid()}/auth.json`, flavour: 'containers' });
    }
    // The same file named twice (REGISTRY_AUTH_FILE pointing at the Docker config) is read once.
    return paths.filter((p, i) => paths.findIndex((q) => q.path === p.path) === i);
}
/**
 * Resolves the credential for `registry` (normalised domain: 'docker.io', 'ghcr.io', '127.0.0.1:5000')
 * and `repository` (e.g. 'library/alpine'). First hit wins: explicit → $REGISTRY_AUTH_FILE → Docker
 * config → podman's auth.json. Undefined means anonymous.
 */
async function resolveCredential(registry, repository, opts = {}) {
    const env = opts.env ?? process.env;
    const timeoutMs = opts.helperTimeoutMs ?? 30_000;
    const explicit = fromExplicit(opts.explicit ?? [], registry, repository);
    if (explicit)
        return explicit;
    for (const { path, flavour } of authFilePaths(env)) {
        const file = await readAuthFile(path, flavour);
        if (!file)
            continue;
        const cred = await fromFile(file, registry, repository, env, timeoutMs);
        if (cred)
            return cred;
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./build/src/oci/blobs.js
// Blob transfer of one repository: existence, cross-repository mount, upload (one PUT, or PATCH
// chunks when large) and the digest-checked download. Manifests, which are small, parsed and
// tag-addressed, stay with the Repository (client.ts).





const DEFAULT_CHUNK = 8 * 1024 * 1024;
/** Whole uploads (session, chunks, completing PUT) tried before giving up. */
const UPLOAD_ATTEMPTS = 3;
function retryableUploadFailure(err) {
    if (err instanceof TransportError)
        return true;
    if (!(err instanceof RegistryError))
        return false;
    return (err.status >= 500 ||
        err.status === 429 ||
        err.codes.includes('BLOB_UPLOAD_UNKNOWN') ||
        err.sessionLost === true);
}
/**
 * The slowest average a blob download may keep once its first timeout period is over. undici's
 * bodyTimeout bounds only the silence between chunks, so a registry dripping a byte every few
 * seconds (slowloris) would hold a layer download open for days; 16 KiB/s is far below any real
 * link (a 1 GB layer at this rate takes 18 hours).
 */
const MIN_BLOB_RATE = 16 * 1024;
class Blobs {
    repo;
    uploads = new Map();
    constructor(repo) {
        this.repo = repo;
    }
    async exists(digest) {
        const res = await this.repo.send({ method: 'HEAD', path: `/blobs/${digest}` }, ['pull']);
        await transport_discard(res);
        if (res.status === 200)
            return true;
        if (res.status === 404)
            return false;
        throw await errors_registryError(res, `checking blob ${this.repo}@${digest}`);
    }
    /** Cross-repository mount; false when the registry chose to start an upload instead (then unused). */
    async mount(digest, from) {
        const res = await this.repo.send({
            method: 'POST',
            path: `/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
        }, ['pull', 'push'], [repositoryScope(from, ['pull'])]);
        await transport_discard(res);
        if (res.status === 201)
            return true;
        if (res.status === 202) {
            const location = transport_header(res, 'location');
            if (location)
                await transport_discard(await this.repo.send({ method: 'DELETE', path: this.repo.resolveUrl(location) }, ['pull', 'push']));
            return false;
        }
        throw await errors_registryError(res, `mounting blob ${digest} from ${from} into ${this.repo}`);
    }
    /** Uploads a blob unless it already exists: one PUT when small, PATCH chunks when large. */
    async push(data, mediaType, opts = {}) {
        const digest = digest_digestOf(data);
        // One upload per blob at a time from this process: concurrent uploads of one digest are what
        // makes distribution briefly report it unknown (see BlobUnknownError).
        const key = `${digest}${opts.force ? ' force' : ''}`;
        const inFlight = this.uploads.get(key);
        if (inFlight)
            return { ...(await inFlight), mediaType };
        const upload = this.upload(data, digest, mediaType, opts).finally(() => this.uploads.delete(key));
        this.uploads.set(key, upload);
        return upload;
    }
    async upload(data, digest, mediaType, opts) {
        const descriptor = { mediaType, digest, size: data.length };
        if (!opts.force && (await this.exists(digest)))
            return descriptor;
        for (let attempt = 1;; attempt++) {
            try {
                await this.uploadOnce(data, digest, opts.chunkSize ?? DEFAULT_CHUNK);
                return descriptor;
            }
            catch (err) {
                // An upload session is single-use: when the completing PUT reached the registry but its
                // answer was lost, the transport's retry lands on a consumed session (404
                // BLOB_UPLOAD_UNKNOWN) although the blob is stored. Look before starting over (found by the
                // fault campaign, test/support/fault-campaign.ts).
                if (attempt >= UPLOAD_ATTEMPTS || !retryableUploadFailure(err))
                    throw err;
                if (await this.exists(digest).catch(() => false))
                    return descriptor;
            }
        }
    }
    async uploadOnce(data, digest, chunkSize) {
        let location = await this.startUpload();
        if (data.length > chunkSize) {
            for (let offset = 0; offset < data.length; offset += chunkSize) {
                const chunk = data.subarray(offset, offset + chunkSize);
                const res = await this.repo.send({
                    method: 'PATCH',
                    path: location,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'content-range': `${offset}-${offset + chunk.length - 1}`,
                    },
                    body: chunk,
                }, ['pull', 'push']);
                if (res.status !== 202)
                    throw await errors_registryError(res, `uploading blob ${digest} to ${this.repo}`);
                await transport_discard(res);
                location = this.repo.resolveUrl(transport_header(res, 'location') ?? location);
            }
        }
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        const body = data.length > chunkSize ? Buffer.alloc(0) : data;
        const res = await this.repo.send({ method: 'PUT', path: url.toString(), headers: { 'content-type': 'application/octet-stream' }, body }, ['pull', 'push']);
        if (res.status !== 201) {
            const err = await errors_registryError(res, `completing upload of blob ${digest} to ${this.repo}`, 'the registry lost the upload session; retry the job');
            // A 4xx here, after the session was accepted, is the session gone (a retried PUT after its
            // answer was lost): distribution says 404 BLOB_UPLOAD_UNKNOWN, olareg 400.
            throw err.status === 400 || err.status === 404 ? Object.assign(err, { sessionLost: true }) : err;
        }
        await transport_discard(res);
    }
    async startUpload() {
        const res = await this.repo.send({ method: 'POST', path: '/blobs/uploads/' }, ['pull', 'push']);
        if (res.status !== 202)
            throw await errors_registryError(res, `starting a blob upload to ${this.repo}`, 'check that the credential may push here');
        await transport_discard(res);
        const location = transport_header(res, 'location');
        if (!location)
            throw new Error(`starting a blob upload to ${this.repo}: the registry gave no upload location`);
        return this.repo.resolveUrl(location);
    }
    /** Reads a whole blob into memory (size-capped by the descriptor and by `limit`), digest-checked. */
    async fetch(desc, limit) {
        const what = `blob ${this.repo}@${desc.digest}`;
        if (desc.size > limit)
            throw new Error(`${what} is ${desc.size} bytes, over the ${limit}-byte limit`);
        return transport_retryBodyReads(async () => {
            const stream = await this.open(desc);
            const chunks = [];
            try {
                for await (const chunk of stream)
                    chunks.push(chunk);
            }
            catch (err) {
                // Our own checks (size, digest, rate) name the blob; anything else is the connection.
                if (err instanceof DigestMismatchError || err.message.startsWith(what))
                    throw err;
                throw new BodyReadError(`${what}: the connection broke while reading it (${err.message}); retry the job if this persists`, { cause: err });
            }
            return Buffer.concat(chunks);
        });
    }
    /**
     * Streams a blob. The stream errors (never ends cleanly) when the bytes exceed the descriptor's
     * size or do not hash to its digest, so a consumer can never act on unverified content.
     */
    async open(desc) {
        const res = await this.repo.send({ method: 'GET', path: `/blobs/${desc.digest}` }, ['pull']);
        const what = `blob ${this.repo}@${desc.digest}`;
        if (res.status !== 200)
            throw await errors_registryError(res, `fetching ${what}`);
        const verifier = new DigestVerifier(what, desc.digest);
        let seen = 0;
        let started;
        const graceMs = res.timeoutMs ?? 30_000;
        const check = new external_node_stream_.Transform({
            transform(chunk, _enc, done) {
                seen += chunk.length;
                if (seen > desc.size)
                    return done(new Error(`${what}: more than the ${desc.size} bytes its descriptor declares`));
                // Timed from the first chunk, not from the request: a layer waits its turn in the squasher.
                started ??= Date.now();
                const elapsed = Date.now() - started;
                if (elapsed > graceMs && (seen * 1000) / elapsed < MIN_BLOB_RATE)
                    return done(new Error(`${what}: arriving at ${Math.round((seen * 1000) / elapsed)} bytes/s after ${Math.round(elapsed / 1000)} s, ` +
                        `under the ${MIN_BLOB_RATE} bytes/s floor (a stalled or hostile registry); giving up`));
                verifier.update(chunk);
                done(null, chunk);
            },
            flush(done) {
                try {
                    if (seen !== desc.size)
                        throw new Error(`${what}: ${seen} bytes, but its descriptor declares ${desc.size}`);
                    verifier.finish();
                    done();
                }
                catch (err) {
                    done(err);
                }
            },
        });
        // pipeline() destroys both ends on any failure, so an abandoned download frees its socket.
        return (0,external_node_stream_.pipeline)(res.body, check, () => { });
    }
}

;// CONCATENATED MODULE: ./build/src/oci/reference.js
// Container image references, parsed exactly as docker/distribution does (github.com/distribution/reference:
// the grammar in regexp.go, ParseAnyReference/ParseNormalizedNamed in normalize.go, Parse in reference.go,
// digest validation from github.com/opencontainers/go-digest). Test vectors: test/fixtures/reference-vectors.json.
class InvalidReferenceError extends Error {
    input;
    reason;
    name = 'InvalidReferenceError';
    constructor(input, reason) {
        super(`invalid image reference ${JSON.stringify(input)}: ${reason} ` +
            '(e.g. ghcr.io/owner/app:1.0 or ghcr.io/owner/app@sha256:<64 hex>)');
        this.input = input;
        this.reason = reason;
    }
}
// regexp.go. JS RegExp and Go's regexp both pick the leftmost-first (Perl) submatches, so the
// name/tag split of ambiguous inputs such as "test.com:5000" (name "test.com", tag "5000") is identical.
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
// Zone identifiers and IPv4-mapped forms are deliberately excluded upstream.
const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const ANCHORED_TAG_RE = new RegExp(`^${TAG}$`);
const ANCHORED_DIGEST_RE = new RegExp(`^${DIGEST}$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;
// go-digest's DigestRegexpAnchored: decides "invalid format" vs "unsupported" for unknown algorithms.
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
// go-digest knows only these (hex, lower case, size*2 characters); any other algorithm that the
// reference grammar admits is rejected as unsupported, as upstream does.
const DIGEST_HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128 };
// reference.go RepositoryNameTotalLengthMax; since distribution/reference aaca75e it bounds the path only.
const REPOSITORY_NAME_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const LOWERCASE = 'repository name must be lowercase';
/** go-digest Digest.Validate: returns the failure reason, or undefined when the digest is valid. */
function digestProblem(digest) {
    const i = digest.indexOf(':');
    if (i <= 0 || i + 1 === digest.length)
        return 'invalid checksum digest format';
    const length = DIGEST_HEX_LENGTH[digest.slice(0, i)];
    if (length === undefined) {
        return GO_DIGEST_RE.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
    }
    const encoded = digest.slice(i + 1);
    if (encoded.length !== length)
        return 'invalid checksum digest length';
    return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}
/** normalize.go splitDockerDomain, applied (as upstream does) to the whole input including tag and digest. */
function splitDockerDomain(name) {
    const slash = name.indexOf('/');
    // A single element is always a Docker Hub official image, even "localhost" or "example.com:5000",
    // so that "name:tag" is never mistaken for "host:port".
    if (slash === -1)
        return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
    const first = name.slice(0, slash);
    let rest = name.slice(slash + 1);
    let domain;
    if (first === LEGACY_DEFAULT_DOMAIN)
        domain = DEFAULT_DOMAIN;
    else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first)
        domain = first;
    else
        [domain, rest] = [DEFAULT_DOMAIN, name];
    if (domain === DEFAULT_DOMAIN && !rest.includes('/'))
        rest = OFFICIAL_REPO_PREFIX + rest;
    return [domain, rest];
}
/** ParseAnyReference, keeping only results that name a repository. */
function parseReference(input) {
    const fail = (reason) => {
        throw new InvalidReferenceError(input, reason);
    };
    // ParseNormalizedNamed refuses bare image IDs; ParseAnyReference turns them and bare digests into
    // digest-only references, which name no repository to sign or push to.
    if (ANCHORED_IDENTIFIER_RE.test(input))
        fail('cannot specify 64-byte hexadecimal strings (an image ID names no repository)');
    if (digestProblem(input) === undefined)
        fail('a digest alone does not name a repository');
    const [domain, remainder] = splitDockerDomain(input);
    const tagSep = remainder.indexOf(':');
    const remote = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
    if (remote.toLowerCase() !== remote)
        fail(LOWERCASE);
    const full = `${domain}/${remainder}`;
    const match = REFERENCE_RE.exec(full);
    if (!match) {
        const lower = full.toLowerCase();
        return fail(lower !== full && REFERENCE_RE.test(lower) ? LOWERCASE : 'invalid reference format');
    }
    const [, name = '', tag, digest] = match;
    const nameMatch = ANCHORED_NAME_RE.exec(name);
    const registry = nameMatch?.[1] ?? '';
    const repository = nameMatch?.[2] ?? name;
    if (repository.length > REPOSITORY_NAME_MAX) {
        fail(`repository name must not be more than ${REPOSITORY_NAME_MAX} characters`);
    }
    if (digest !== undefined) {
        const problem = digestProblem(digest);
        if (problem !== undefined)
            fail(problem);
    }
    // A first component with "." or ":" that fails the domain grammar (e.g. "foo_bar.com/app") is
    // re-read by Parse as a path, leaving upstream with an empty domain; there is no registry to use.
    if (registry === '')
        fail(`${JSON.stringify(input.slice(0, input.indexOf('/')))} is not a valid registry host name`);
    return { registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}
/** Docker Hub's canonical name is not where its registry API is served. */
function apiHost(registry) {
    return registry === DEFAULT_DOMAIN ? 'registry-1.docker.io' : registry;
}
function repositoryName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
function formatReference(ref) {
    return (repositoryName(ref) +
        (ref.tag !== undefined ? `:${ref.tag}` : '') +
        (ref.digest !== undefined ? `@${ref.digest}` : ''));
}
/** Pins to a digest; the tag is dropped so the result names exactly one manifest. */
function withDigest(ref, digest) {
    // Full go-digest validation (not just WithDigest's grammar check) so the result re-parses.
    const problem = ANCHORED_DIGEST_RE.test(digest) ? digestProblem(digest) : 'invalid digest format';
    if (problem !== undefined)
        throw new InvalidReferenceError(`${repositoryName(ref)}@${digest}`, problem);
    return { registry: ref.registry, repository: ref.repository, digest };
}
function withTag(ref, tag) {
    if (!ANCHORED_TAG_RE.test(tag)) {
        throw new InvalidReferenceError(`${repositoryName(ref)}:${tag}`, 'invalid tag format (tags match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127})');
    }
    return { registry: ref.registry, repository: ref.repository, tag };
}
/** localhost, 127.0.0.0/8 and [::1], with or without a port. */
function isLoopbackRegistry(registry) {
    const host = registry.replace(/:[0-9]+$/, '').toLowerCase();
    if (host === 'localhost')
        return true;
    // The URL parser canonicalises IPv6 (e.g. "[0:0:0:0:0:0:0:1]" -> "[::1]").
    if (host.startsWith('['))
        return URL.canParse(`http://${host}`) && new URL(`http://${host}`).hostname === '[::1]';
    const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

;// CONCATENATED MODULE: ./build/src/oci/client.js








const DEFAULT_MAX_MANIFEST = 4 * 1024 * 1024;
class RegistryClient {
    opts;
    transport;
    auths = new Map();
    credentials = new Map();
    constructor(opts = {}) {
        this.opts = opts;
        this.transport = new Transport(opts);
    }
    repository(ref) {
        const insecure = isLoopbackRegistry(ref.registry) || (this.opts.insecureRegistries ?? []).includes(ref.registry);
        const base = `${insecure ? 'http' : 'https'}://${apiHost(ref.registry)}/v2/${ref.repository}`;
        // The reference grammar (and distribution's parser) accepts hosts no URL can hold: a port over
        // 65535, dotted digits such as 127.0.0.256. Said here, before "Invalid URL" deep in a request.
        if (!URL.canParse(base))
            throw new Error(`registry ${JSON.stringify(ref.registry)}: not a host and port a registry can be reached at ` +
                '(a port over 65535, or an address like 127.0.0.256); check the image reference');
        return new Repository(ref.registry, ref.repository, base, this.auth(ref.registry, ref.repository), this.opts.maxManifestBytes ?? DEFAULT_MAX_MANIFEST);
    }
    async close() {
        await this.transport.close();
    }
    auth(registry, repository) {
        let auth = this.auths.get(registry);
        if (!auth) {
            auth = new RegistryAuth(registry, this.transport, () => this.credential(registry, repository));
            this.auths.set(registry, auth);
        }
        return auth;
    }
    credential(registry, repository) {
        const key = `${registry}/${repository}`;
        let cred = this.credentials.get(key);
        if (!cred) {
            cred = resolveCredential(registry, repository, this.opts.credentials);
            this.credentials.set(key, cred);
        }
        return cred;
    }
}
/** One repository of one registry: the distribution API's `/v2/<name>/…` endpoints. */
class Repository {
    registry;
    name;
    base;
    auth;
    maxManifestBytes;
    blobs = new Blobs(this);
    constructor(registry, name, base, auth, maxManifestBytes) {
        this.registry = registry;
        this.name = name;
        this.base = base;
        this.auth = auth;
        this.maxManifestBytes = maxManifestBytes;
    }
    toString() {
        return `${this.registry}/${this.name}`;
    }
    /** An absolute URL for a `Location` or `Link` the registry sent (relative to its origin). */
    resolveUrl(location) {
        return new URL(location, this.base).toString();
    }
    /** Sends to `path` under /v2/<name> (or to an absolute URL the registry gave) with the scopes asked. */
    send(req, actions, extraScopes = []) {
        const url = req.path.startsWith('http') ? req.path : `${this.base}${req.path}`;
        return this.auth.send({ ...req, url }, [repositoryScope(this.name, actions), ...extraScopes]);
    }
    /** GET a manifest by tag or digest; its bytes are always checked against the digest. */
    async getManifest(reference, opts = {}) {
        const accept = opts.accept ?? MANIFEST_MEDIA_TYPES;
        // A read that precedes a write asks for pull+push, so the PUT reuses the token instead of
        // spending its bounded read-to-write time on a second token request.
        const what = `manifest ${this}${reference.includes(':') ? '@' : ':'}${reference}`;
        const { res, bytes } = await transport_retryBodyReads(async () => {
            const res = await this.send({ method: 'GET', path: `/manifests/${reference}`, headers: { accept: accept.join(', ') } }, opts.actions ?? ['pull']);
            if (res.status !== 200)
                throw await errors_registryError(res, `fetching ${what}`);
            return { res, bytes: await transport_readBody(res, this.maxManifestBytes, what) };
        });
        const digest = this.checkManifestDigest(what, bytes, reference, transport_header(res, 'docker-content-digest'));
        let manifest;
        try {
            manifest = JSON.parse(bytes.toString('utf8'));
        }
        catch {
            throw new Error(`${what} is not JSON; the registry served something that is not a manifest`);
        }
        // JSON that is not an object (`null`, a number, an array) is no manifest either; found by fuzzing
        // (test/fuzz/oci.test.ts): `null` made the mediaType read below throw a TypeError.
        if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
            throw new Error(`${what} is not a JSON object; the registry served something that is not a manifest`);
        const mediaType = manifest.mediaType ?? transport_header(res, 'content-type')?.split(';')[0]?.trim() ?? '';
        const etag = transport_header(res, 'etag');
        return {
            descriptor: { mediaType, digest, size: bytes.length },
            bytes,
            manifest,
            ...(etag ? { etag } : {}),
        };
    }
    checkManifestDigest(what, bytes, reference, served) {
        if (reference.includes(':')) {
            verifyDigest(what, bytes, reference);
            return reference;
        }
        // Fetched by tag: nothing to compare with but the registry's own Docker-Content-Digest.
        const algorithm = served ? parseDigest(served).algorithm : 'sha256';
        const digest = digest_digestOf(bytes, algorithm);
        if (served)
            verifyDigest(what, bytes, served);
        return digest;
    }
    /** HEAD a manifest; undefined when it does not exist. Falls back to GET when the registry omits the digest. */
    async headManifest(reference) {
        const res = await this.send({
            method: 'HEAD',
            path: `/manifests/${reference}`,
            headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
        }, ['pull']);
        await transport_discard(res);
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw await errors_registryError(res, `checking manifest ${this}:${reference}`);
        const digest = transport_header(res, 'docker-content-digest');
        const mediaType = transport_header(res, 'content-type')?.split(';')[0]?.trim();
        const size = Number(transport_header(res, 'content-length'));
        if (!digest || !mediaType || !Number.isFinite(size))
            return (await this.getManifest(reference)).descriptor;
        if (reference.includes(':') && digest !== reference) {
            throw new Error(`manifest ${this}@${reference}: the registry reports digest ${digest} for it; refusing to trust it`);
        }
        return { mediaType, digest, size };
    }
    async putManifest(reference, bytes, mediaType, opts = {}) {
        if (reference.includes(':'))
            verifyDigest(`manifest to push as ${this}@${reference}`, bytes, reference);
        const headers = { 'content-type': mediaType };
        if (opts.ifMatch)
            headers['if-match'] = opts.ifMatch;
        const { timeoutMs, retries } = opts;
        const res = await this.send({ method: 'PUT', path: `/manifests/${reference}`, headers, body: bytes, timeoutMs, retries }, ['pull', 'push']);
        if (res.status === 412) {
            await transport_discard(res);
            throw new PreconditionFailedError(`${this}:${reference} changed since it was read (HTTP 412)`);
        }
        if (res.status !== 201 && res.status !== 200) {
            throw await errors_registryError(res, `pushing manifest ${this}:${reference}`, res.status === 401 || res.status === 403 ? 'the credential may pull but not push here' : '');
        }
        await transport_discard(res);
        const digest = digest_digestOf(bytes);
        const served = transport_header(res, 'docker-content-digest');
        if (served && served !== digest && parseDigest(served).algorithm === 'sha256') {
            throw new Error(`pushing manifest ${this}:${reference}: the registry stored digest ${served}, we sent ${digest}`);
        }
        const ociSubject = transport_header(res, 'oci-subject');
        return { digest, ...(ociSubject ? { ociSubject } : {}) };
    }
    /**
     * PUTs a manifest after making sure its blobs are there; on MANIFEST_BLOB_UNKNOWN (a concurrent
     * upload of the same blob) uploads them again and retries.
     */
    async putManifestWithBlobs(reference, bytes, mediaType, blobs) {
        for (let attempt = 0;; attempt++) {
            // Usually the other writer's upload just has to finish: wait and PUT again; upload our copy
            // again only every other attempt, so retrying writers do not keep re-racing each other.
            if (attempt % 2 === 0) {
                await Promise.all(blobs.map((b) => this.pushBlob(b.data, b.mediaType, { force: attempt > 0 })));
            }
            try {
                return await this.putManifest(reference, bytes, mediaType);
            }
            catch (err) {
                if (!(err instanceof BlobUnknownError) || attempt >= 6)
                    throw err;
                await new Promise((r) => setTimeout(r, 150 * 2 ** Math.min(attempt, 4) + Math.random() * 300));
            }
        }
    }
    async deleteManifest(digest) {
        const res = await this.send({ method: 'DELETE', path: `/manifests/${digest}` }, [
            'pull',
            'push',
            'delete',
        ]);
        await transport_discard(res);
        if (res.status !== 202 && res.status !== 200 && res.status !== 404)
            throw await errors_registryError(res, `deleting ${this}@${digest}`);
    }
    blobExists(digest) {
        return this.blobs.exists(digest);
    }
    /** Cross-repository mount; false when the registry chose to start an upload instead (then unused). */
    mountBlob(digest, from) {
        return this.blobs.mount(digest, from);
    }
    /** Uploads a blob unless it already exists: one PUT when small, PATCH chunks when large. */
    pushBlob(data, mediaType, opts = {}) {
        return this.blobs.push(data, mediaType, opts);
    }
    /** Reads a whole blob into memory (size-capped by the descriptor and by `limit`), digest-checked. */
    fetchBlob(desc, limit) {
        return this.blobs.fetch(desc, limit);
    }
    /** Streams a blob; the stream errors, never ends cleanly, on bytes that do not match `desc`. */
    openBlob(desc) {
        return this.blobs.open(desc);
    }
    /** Throws NotFoundError with `hint` when the tag or digest does not exist. */
    async resolve(reference, hint) {
        const desc = await this.headManifest(reference);
        if (!desc)
            throw new errors_NotFoundError(`${this}${reference.includes(':') ? '@' : ':'}${reference} does not exist in the registry; ${hint}`);
        return desc;
    }
}
class PreconditionFailedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PreconditionFailedError';
    }
}

;// CONCATENATED MODULE: ./build/src/oci/shared-tag.js



/**
 * The protocol's bounds, the same for every writer. They are constants rather than calibrated from a
 * writer's own round trip: the settle of each writer must outlast the longest window ANY writer may
 * use, and a writer cannot learn a concurrent writer's window (one still in flight has not written
 * it anywhere yet). 2 s covers 1.9x the worst read-to-PUT measured under 16 concurrent signers
 * (1065 ms, config upload included; a read-to-PUT now excludes it, see `write`), 3 s is 4.8x the
 * worst PUT (629 ms); both are at or above the floors earlier releases used (1 s and 2 s), so this
 * settle also outlasts the window of an earlier sigstamp on a registry up to 333 ms away
 * (docs/concurrency.md).
 */
const shared_tag_SHARED_TAG_TIMING = Object.freeze({
    readToWriteMs: 2_000,
    writeTimeoutMs: 3_000,
    settleMs: 5_000,
    jitterMs: 500,
    maxRounds: 12,
});
class SharedTagError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SharedTagError';
    }
}
async function readTag(repo, tag) {
    try {
        return await repo.getManifest(tag, { actions: ['pull', 'push'] });
    }
    catch (err) {
        if (err instanceof errors_NotFoundError)
            return undefined;
        throw err;
    }
}
/**
 * Settle phases handed over by updates that were asked not to wait for them. Waiting (the CLI): the
 * caller does other work (reading back and verifying what it wrote) while the delay runs, then
 * drains the queue, which throws the first failure; a deferred settle never rejects unobserved.
 * Handing over (the Action): the phase is not run here at all but described (`handedOver()`) for the
 * post step, which waits for what remains of the delay; a description larger than `maxSpecBytes`
 * (what one state variable carries safely) is settled here instead.
 */
class SettleQueue {
    handOver;
    pending = [];
    rechecks = [];
    failure;
    /** `handOver.saved` is told of each re-check as it is handed over (so a killed process has saved it). */
    constructor(handOver) {
        this.handOver = handOver;
    }
    defer(settle, recheck) {
        const described = this.handOver ? recheck?.() : undefined;
        if (described && JSON.stringify(described).length <= this.handOver.maxSpecBytes) {
            this.rechecks.push(described);
            this.handOver.saved?.(described, this.rechecks.length - 1);
            return;
        }
        this.pending.push(settle().then(() => undefined, (error) => {
            this.failure ??= { error };
        }));
    }
    /** The re-checks left for a later process (empty when waiting). */
    handedOver() {
        return this.rechecks;
    }
    async drain() {
        while (this.pending.length > 0)
            await Promise.all(this.pending.splice(0));
        if (this.failure)
            throw this.failure.error;
    }
}
/**
 * Runs the protocol on `tag`. With a SettleQueue the call returns once our write has landed and the
 * settle-and-re-check phase (step 3) continues in the queue (or is handed over); without one it
 * returns after it.
 */
async function shared_tag_updateSharedTag(repo, tag, update, timing = shared_tag_SHARED_TAG_TIMING, settleQueue) {
    const result = { writes: 0, repairs: 0 };
    await writeSharedTag(repo, tag, update, timing, result);
    if (!settleQueue)
        return settleSharedTag(repo, tag, update, timing, timing.settleMs, result);
    const writtenAt = Date.now();
    settleQueue.defer(() => settleSharedTag(repo, tag, update, timing, timing.settleMs, result), update.recheck &&
        (() => ({
            registry: repo.registry,
            repository: repo.name,
            tag,
            notBefore: writtenAt + timing.settleMs,
            check: update.recheck(),
        })));
    return result;
}
/** Write phase: merge into a fresh read, within the read-to-write bound, until a PUT is accepted. */
async function writeSharedTag(repo, tag, update, timing, result) {
    const jitter = () => (0,promises_.setTimeout)(Math.random() * timing.jitterMs);
    // Bytes merged from a read that got too old: still right if the tag is unchanged at the next read
    // (their blobs are uploaded), so the read-to-PUT bound never has to cover a blob upload.
    let prepared;
    for (let attempt = 0;; attempt++) {
        if (attempt >= timing.maxRounds) {
            throw new SharedTagError(`${repo}:${tag}: could not write after ${attempt} attempts (conflicts or timeouts)`);
        }
        const readAt = Date.now();
        const fetched = await readTag(repo, tag);
        const base = fetched?.descriptor.digest;
        const next = prepared && prepared.base === base ? prepared.next : await update.merge(update.parse(fetched), attempt);
        prepared = undefined;
        if (!next)
            return;
        if (Date.now() - readAt > timing.readToWriteMs) {
            prepared = { base, next };
            continue;
        }
        try {
            // If-Match is sent for the registries that honour it; the settle re-read covers the rest.
            await repo.putManifest(tag, next.bytes, next.mediaType, {
                ...(fetched?.etag ? { ifMatch: fetched.etag } : {}),
                timeoutMs: timing.writeTimeoutMs,
                retries: 0,
            });
            result.writes++;
            update.written?.(next.bytes);
            return;
        }
        catch (err) {
            // A conflict or a failed/timed-out write: its fate is unknown, so start again from a read.
            if (!(err instanceof PreconditionFailedError) && !isTransient(err))
                throw err;
            await jitter();
        }
    }
}
/**
 * Settle phase: outlast every concurrent write based on a read older than our last PUT (the first
 * wait is `firstDelayMs`: what remains of it when another process resumes it), re-read, and write
 * again (then settle again) while an entry we guarantee is missing.
 */
async function settleSharedTag(repo, tag, update, timing = shared_tag_SHARED_TAG_TIMING, firstDelayMs = timing.settleMs, result = { writes: 0, repairs: 0 }) {
    for (let round = 0; round < timing.maxRounds; round++) {
        if (round > 0)
            await writeSharedTag(repo, tag, update, timing, result);
        await (0,promises_.setTimeout)(round === 0 ? firstDelayMs : timing.settleMs);
        await (0,promises_.setTimeout)(Math.random() * timing.jitterMs);
        if (await update.holds(update.parse(await readTag(repo, tag))))
            return result;
        result.repairs++;
    }
    throw new SharedTagError(`${repo}:${tag}: our entry was removed by concurrent writers ${timing.maxRounds} times in a row; ` +
        'the registry may not offer read-your-writes consistency (a cache in front of it?) — sign once after the matrix instead');
}
/**
 * How long a resumed settle still has to wait: what remains until `notBefore`, never negative, and
 * never more than one whole settle (a clock set back between the two processes must not stall it).
 */
function remainingDelayMs(notBefore, now, settleMs = shared_tag_SHARED_TAG_TIMING.settleMs) {
    if (!Number.isFinite(notBefore))
        return settleMs;
    return Math.min(settleMs, Math.max(0, Math.ceil(notBefore - now)));
}
function isTransient(err) {
    const name = err.name;
    const status = err.status;
    // BlobUnknownError: a concurrent upload of the same blob was committing; the next attempt re-uploads.
    return (name === 'TransportError' ||
        name === 'BlobUnknownError' ||
        (status !== undefined && (status >= 500 || status === 429 || status === 408)));
}

;// CONCATENATED MODULE: ./build/src/oci/referrers.js





/**
 * OCI 1.1 referrers: the API (`GET /v2/<name>/referrers/<digest>`) where the registry has it, and the
 * referrers tag schema (`<alg>-<hex>` image index) where it does not, maintained as the distribution
 * spec says ("Pushing Manifests with Subject") and under the shared-tag protocol of shared-tag.ts.
 */
const PAGE_LIMIT = (/* unused pure expression or super */ null && (4 * 1024 * 1024));
const MAX_PAGES = 64;
const apiSupport = new WeakMap();
/** Does the registry serve the referrers API for this repository? (200 with an image index.) */
async function hasReferrersApi(repo, subjectDigest) {
    const known = apiSupport.get(repo);
    if (known !== undefined)
        return known;
    const page = await retryBodyReads(() => fetchReferrersPage(repo, `/referrers/${subjectDigest}`));
    const supported = page !== undefined;
    apiSupport.set(repo, supported);
    return supported;
}
async function fetchReferrersPage(repo, path) {
    const res = await repo.send({ method: 'GET', path, headers: { accept: MediaType.ImageIndex } }, ['pull']);
    const type = header(res, 'content-type')?.split(';')[0]?.trim();
    if (res.status !== 200 || type !== MediaType.ImageIndex) {
        // 404 (or any non-index answer) means no API: ECR, for one, sends OCI-Subject without serving it.
        await discard(res);
        // A registry in trouble (5xx, or 429 after the transport's retries) says nothing about the API:
        // never conclude "no referrers API" from it (the fallback tag would be written needlessly).
        if (res.status >= 500 || res.status === 429)
            throw await registryError(res, `listing referrers in ${repo}`, 'retry the job later');
        return undefined;
    }
    let index;
    try {
        index = JSON.parse((await readBody(res, PAGE_LIMIT, `referrers of ${repo}`)).toString('utf8'));
    }
    catch (err) {
        if (err.name === 'TransportError')
            throw err;
        return undefined;
    }
    // Valid JSON that is no object (`null`) is not an index either; found by fuzzing (test/fuzz/oci.test.ts).
    if (typeof index !== 'object' || index === null || !Array.isArray(index.manifests))
        return undefined;
    const link = header(res, 'link');
    const next = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
    const filtered = (header(res, 'oci-filters-applied') ?? '').split(',').includes('artifactType');
    return { index, ...(next ? { next } : {}), filtered };
}
/** Lists the referrers of `subjectDigest`, optionally only those of one artifactType. */
async function listReferrers(repo, subjectDigest, artifactType) {
    // An entry that is not an object (`manifests: [null]`) describes no referrer: skip it rather than
    // throw a TypeError reading its artifactType (found by fuzzing, test/fuzz/oci.test.ts).
    const keep = (d) => typeof d === 'object' && d !== null && (artifactType === undefined || d.artifactType === artifactType);
    if (await hasReferrersApi(repo, subjectDigest)) {
        const referrers = [];
        let path = `/referrers/${subjectDigest}` +
            (artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '');
        for (let pages = 0; path; pages++) {
            if (pages >= MAX_PAGES)
                throw new Error(`referrers of ${repo}@${subjectDigest}: more than ${MAX_PAGES} pages`);
            const pagePath = path;
            const page = await retryBodyReads(() => fetchReferrersPage(repo, pagePath));
            if (!page)
                throw new Error(`referrers of ${repo}@${subjectDigest}: the registry stopped answering with an index; retry the job later`);
            // The filter is re-applied here: a registry may ignore it (and says so by omitting OCI-Filters-Applied).
            referrers.push(...page.index.manifests.filter(keep));
            path = page.next ? repo.resolveUrl(page.next) : undefined;
        }
        return { referrers, source: 'api' };
    }
    const index = await readFallbackIndex(repo, subjectDigest);
    return { referrers: (index?.manifests ?? []).filter(keep), source: 'fallback' };
}
/** Reads the referrers tag; undefined when absent; ForeignContentError when it holds something else. */
async function readFallbackIndex(repo, subjectDigest) {
    try {
        return parseFallback(repo, digestTag(subjectDigest), await repo.getManifest(digestTag(subjectDigest)));
    }
    catch (err) {
        if (err instanceof NotFoundError)
            return undefined;
        throw err;
    }
}
function parseFallback(repo, tag, fetched) {
    if (!fetched)
        return undefined;
    const m = fetched.manifest;
    if (fetched.descriptor.mediaType !== mediatypes_MediaType.ImageIndex || !Array.isArray(m.manifests)) {
        throw new ForeignContentError(`${repo}:${tag} holds a ${fetched.descriptor.mediaType || 'non-index'} manifest, not the OCI image index the referrers ` +
            'fallback tag must be; it was left untouched. Remove or move that tag, or use a registry with the referrers API');
    }
    return m;
}
/** The descriptor of a referrer as the fallback index lists it (distribution spec: artifactType and all annotations). */
function referrerDescriptor(manifest, bytes) {
    return {
        mediaType: manifest.mediaType ?? MediaType.ImageManifest,
        digest: digestOf(bytes),
        size: bytes.length,
        artifactType: manifest.artifactType ?? manifest.config.mediaType,
        ...(manifest.annotations && Object.keys(manifest.annotations).length
            ? { annotations: manifest.annotations }
            : {}),
    };
}
/** Builds an artifact manifest: empty config, the given layers, `subject` set (pure; blobs not pushed). */
function buildArtifactManifest(artifact) {
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.ImageManifest,
        artifactType: artifact.artifactType,
        config: {
            mediaType: MediaType.Empty,
            digest: EMPTY_DIGEST,
            size: EMPTY_JSON.length,
            data: EMPTY_JSON.toString('base64'),
        },
        layers: artifact.layers.map((l) => ({
            mediaType: l.mediaType,
            digest: digestOf(l.data),
            size: l.data.length,
            ...(l.annotations ? { annotations: l.annotations } : {}),
        })),
        subject: {
            mediaType: artifact.subject.mediaType,
            digest: artifact.subject.digest,
            size: artifact.subject.size,
        },
        ...(artifact.annotations ? { annotations: artifact.annotations } : {}),
    };
    return { manifest, bytes: Buffer.from(JSON.stringify(manifest)), blobs: artifact.layers };
}
/**
 * Pushes artifacts that refer to one subject: blobs, then each manifest by digest, then — only when
 * the registry did not index them itself — ONE update of the fallback tag for all of them (each
 * update ends with a settle delay, so one per batch, not one per artifact). The order means no index
 * entry ever points at a manifest that was not pushed.
 */
async function pushReferrers(repo, artifacts, opts = {}) {
    const subjects = new Set(artifacts.map((a) => a.subject.digest));
    if (subjects.size !== 1)
        throw new Error('internal: pushReferrers takes artifacts of one subject');
    const subject = [...subjects][0];
    const pushed = await Promise.all(artifacts.map(async (artifact) => {
        const { manifest, bytes, blobs } = buildArtifactManifest(artifact);
        const descriptor = referrerDescriptor(manifest, bytes);
        const put = await repo.putManifestWithBlobs(descriptor.digest, bytes, MediaType.ImageManifest, [
            { data: EMPTY_JSON, mediaType: MediaType.Empty },
            ...blobs,
        ]);
        return { descriptor, ociSubject: put.ociSubject };
    }));
    // Both signs are required: ECR sends OCI-Subject without serving the API, others serve the API silently.
    const api = pushed.every((p) => p.ociSubject === subject) && (await hasReferrersApi(repo, subject));
    if (api) {
        await ensureListed(repo, subject, artifacts, pushed.map((p) => p.descriptor));
    }
    else {
        await updateFallbackIndex(repo, subject, { add: pushed.map((p) => p.descriptor), remove: new Set(opts.supersedes ?? []) }, opts.settle);
    }
    return pushed.map((p) => ({ descriptor: p.descriptor, via: api ? 'api' : 'fallback' }));
}
/**
 * A registry's referrers index is its own read-modify-write, and not every registry guards it: olareg
 * was seen to drop 1 of 32 referrers pushed by 16 concurrent processes (the manifest stored, not
 * listed). Verifiers discover bundles only through the listing, so check it, PUT the manifests the
 * registry forgot again (that makes it index them), and fail loudly if it never lists them.
 */
async function ensureListed(repo, subject, artifacts, descriptors) {
    for (let round = 0;; round++) {
        const listed = new Set((await listReferrers(repo, subject)).referrers.map((d) => d.digest));
        const missing = descriptors.map((d, i) => ({ d, i })).filter(({ d }) => !listed.has(d.digest));
        if (missing.length === 0)
            return;
        if (round >= 5) {
            throw new Error(`${repo} stores the referrer manifest(s) ${missing.map(({ d }) => d.digest).join(', ')} but does not list them as referrers of ${subject} ` +
                "after 5 attempts: verifiers would not find them. The registry's referrers index is inconsistent; retry, or report it to the registry");
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** round + Math.random() * 200));
        for (const { i } of missing) {
            const { bytes } = buildArtifactManifest(artifacts[i]);
            await repo.putManifest(descriptors[i].digest, bytes, MediaType.ImageManifest);
        }
    }
}
async function pushReferrer(repo, artifact, opts = {}) {
    return (await pushReferrers(repo, [artifact], opts))[0];
}
/**
 * Merges `add` into (and drops `remove` from) the referrers tag of `subjectDigest`. Entries that
 * another writer's stale write dropped from our last index are restored when their manifests still
 * exist (a manifest that was deleted really is gone, and is not brought back).
 */
async function updateFallbackIndex(repo, subjectDigest, change, settle) {
    const tag = digestTag(subjectDigest);
    await updateSharedTag(repo, tag, fallbackIndexUpdate(repo, tag, { ours: change.add, remove: [...(change.remove ?? [])] }), 
    // The protocol's constants, as every writer uses them (docs/concurrency.md).
    SHARED_TAG_TIMING, settle);
}
/** The shared-tag update of a fallback index; from a FallbackRecheck, the same update resumed elsewhere. */
function fallbackIndexUpdate(repo, tag, what) {
    const ours = new Map(what.ours.map((e) => [e.digest, e]));
    const remove = new Set(what.remove);
    const restore = new Map();
    let lastWritten = what.lastWritten ?? [];
    return {
        parse: (fetched) => parseFallback(repo, tag, fetched),
        merge(current) {
            const existing = current?.manifests ?? [];
            const manifests = dedupe(existing).filter((d) => !remove.has(d.digest));
            const have = new Set(manifests.map((d) => d.digest));
            const missing = [...ours.values(), ...restore.values()].filter((d) => !have.has(d.digest));
            if (current && missing.length === 0 && manifests.length === existing.length)
                return undefined;
            const index = {
                ...(current ?? {}),
                schemaVersion: 2,
                mediaType: mediatypes_MediaType.ImageIndex,
                manifests: [...manifests, ...missing],
            };
            return { bytes: Buffer.from(JSON.stringify(index)), mediaType: mediatypes_MediaType.ImageIndex };
        },
        written(bytes) {
            lastWritten = JSON.parse(bytes.toString('utf8')).manifests;
        },
        async holds(current) {
            const have = new Set((current?.manifests ?? []).map((d) => d.digest));
            let ok = [...ours.keys()].every((d) => have.has(d)) && ![...remove].some((d) => have.has(d));
            for (const d of lastWritten) {
                if (have.has(d.digest) || ours.has(d.digest) || remove.has(d.digest))
                    continue;
                if (await repo.headManifest(d.digest)) {
                    restore.set(d.digest, d);
                    ok = false;
                }
            }
            return ok;
        },
        recheck() {
            // Ours are listed in `ours` already; the rest of the last write is what may need restoring.
            const others = lastWritten.filter((d) => !ours.has(d.digest) && !remove.has(d.digest));
            return { kind: 'referrers-fallback', ours: what.ours, remove: what.remove, lastWritten: others };
        },
    };
}
function dedupe(list) {
    const seen = new Set();
    return list.filter((d) => !seen.has(d.digest) && (seen.add(d.digest), true));
}

;// CONCATENATED MODULE: ./build/src/attach/cosign-legacy.js




/**
 * cosign's legacy storage (cosign v2's default; what Kyverno `type: Cosign`, policy-controller and
 * cosign ≤ 2.6 read): tags `sha256-<hex>.sig` / `.att` holding an OCI image manifest with one
 * uncompressed layer per signature, APPENDED to whatever is there, under the shared-tag protocol.
 * Layouts and annotation names as cosign's pkg/oci/static and pkg/cosign/bundle write them.
 */
const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
const DSSE_ENVELOPE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';
const Annotation = {
    signature: 'dev.cosignproject.cosign/signature',
    certificate: 'dev.sigstore.cosign/certificate',
    chain: 'dev.sigstore.cosign/chain',
    bundle: 'dev.sigstore.cosign/bundle',
    rfc3161: 'dev.sigstore.cosign/rfc3161timestamp',
    predicateType: 'predicateType',
};
/** go-containerregistry names Docker Hub `index.docker.io`; cosign writes that name. */
function dockerReference(registry, repository) {
    return `${registry === 'docker.io' ? 'index.docker.io' : registry}/${repository}`;
}
/** cosign's simple-signing payload (the bytes signed and logged as `hashedrekord`). */
function simpleSigningPayload(dockerRef, digest) {
    return Buffer.from(JSON.stringify({
        critical: {
            identity: { 'docker-reference': dockerRef },
            image: { 'docker-manifest-digest': digest },
            type: 'cosign container image signature',
        },
        optional: null,
    }));
}
/** cosign's `dev.sigstore.cosign/bundle` annotation: the Rekor entry with its SET, offline-verifiable. */
function rekorBundleAnnotation(entry) {
    const set = entry.inclusionPromise?.signedEntryTimestamp;
    if (!set)
        throw new Error('the Rekor entry has no signed entry timestamp; cosign cannot verify a legacy signature without it');
    return JSON.stringify({
        SignedEntryTimestamp: set.toString('base64'),
        Payload: {
            body: entry.canonicalizedBody.toString('base64'),
            integratedTime: Number(entry.integratedTime),
            logIndex: Number(entry.logIndex),
            logID: entry.logId.keyId.toString('hex'),
        },
    });
}
function trustAnnotations(chain, entry, timestamp) {
    const a = { [Annotation.certificate]: chain[0], [Annotation.chain]: chain.slice(1).join('') };
    if (entry)
        a[Annotation.bundle] = rekorBundleAnnotation(entry);
    // The RFC 3161 timestamp goes on a legacy layer only when there is no Rekor entry to date it.
    // cosign v2 verifies every timestamp annotation it finds and fails ("no TSA root certificate(s)
    // provided") unless it was given the TSA chain, which cosign v2.2 — the generation older Kyverno
    // releases embed — cannot take from a trusted root: with Rekor the entry suffices, and the bundle
    // referrer keeps the timestamp for verifiers that read trusted roots.
    else if (timestamp)
        a[Annotation.rfc3161] = JSON.stringify({ SignedRFC3161Timestamp: timestamp.toString('base64') });
    return a;
}
function signatureLayer(signed, chain) {
    const ts = signed.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0]?.signedTimestamp;
    return {
        mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
        data: signed.payload,
        annotations: {
            [Annotation.signature]: signed.signature.toString('base64'),
            ...trustAnnotations(chain, signed.tlogEntry, ts),
        },
    };
}
function attestationLayer(signed, chain) {
    const data = Buffer.from(signed.envelopeJson);
    // cosign checks the layer against the envelopeHash Rekor stored: they must be the same bytes.
    if (signed.tlogEntry) {
        const body = JSON.parse(signed.tlogEntry.canonicalizedBody.toString('utf8'));
        const logged = body.spec?.envelopeHash?.value;
        if (logged && `sha256:${logged}` !== sha256(data)) {
            throw new Error('internal: the DSSE envelope to publish differs from the one logged in Rekor; cosign would reject it');
        }
    }
    // cosign dates the whole envelope here, not its signature (sign.ts timestampOf).
    const ts = signed.envelopeTimestamp;
    if (!signed.tlogEntry && !ts && signed.bundle.verificationMaterial.timestampVerificationData)
        throw new Error('internal: a timestamped attestation without a timestamp over its envelope');
    return {
        mediaType: DSSE_ENVELOPE_MEDIA_TYPE,
        data,
        // cosign requires the signature key on attestation layers, empty: the signature is in the envelope.
        annotations: {
            [Annotation.signature]: '',
            [Annotation.predicateType]: signed.statement.predicateType,
            ...trustAnnotations(chain, signed.tlogEntry, ts),
        },
    };
}
function legacyTag(subjectDigest, kind) {
    return `${subjectDigest.replace(':', '-')}.${kind}`;
}
/** The config cosign's images carry: an empty image config whose rootfs lists the layers. */
function configFor(layers) {
    return Buffer.from(JSON.stringify({
        architecture: '',
        created: '0001-01-01T00:00:00Z',
        history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
        os: '',
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
        config: {},
    }));
}
/**
 * A layer's identity. Not its digest alone: every signature of one image by cosign's simple-signing
 * scheme has the same payload bytes, so the same digest; they differ in the signature annotation.
 */
function layerKey(l) {
    return [
        l.digest,
        l.annotations?.[Annotation.signature] ?? '',
        l.annotations?.[Annotation.certificate] ?? '',
    ].join('\n');
}
/** Appends our layers to the `.sig`/`.att` manifest of `subjectDigest`, keeping every other layer. */
async function appendToLegacyTag(repo, subjectDigest, kind, layers, opts) {
    const tag = legacyTag(subjectDigest, kind);
    const ours = await Promise.all(layers.map(async (l) => ({ ...(await repo.pushBlob(l.data, l.mediaType)), annotations: l.annotations })));
    const update = legacyTagUpdate(repo, tag, {
        ours,
        layers,
        ...(opts.superseded ? { superseded: opts.superseded } : {}),
    });
    // The protocol's constants, as every writer uses them (docs/concurrency.md).
    await updateSharedTag(repo, tag, update, SHARED_TAG_TIMING, opts.settle);
    return { tag, layers: ours, replaced: update.replaced };
}
/**
 * The shared-tag update of a `.sig`/`.att` tag: keep every layer, drop the superseded, add ours. Built
 * from a LegacyRecheck it is the same update resumed in another process, where our layers' bytes are
 * no longer at hand (they were pushed and verified by digest; only the config is uploaded again).
 */
function legacyTagUpdate(repo, tag, what) {
    const ourKeys = new Set(what.ours.map(layerKey));
    const dropped = new Set();
    return {
        replaced: 0,
        parse(fetched) {
            if (!fetched)
                return undefined;
            const m = fetched.manifest;
            if (!IMAGE_MANIFEST_MEDIA_TYPES.includes(fetched.descriptor.mediaType) || !Array.isArray(m.layers)) {
                throw new ForeignContentError(`${repo}:${tag} holds a ${fetched.descriptor.mediaType} manifest, not cosign's signature image; it was left untouched. ` +
                    'Remove that tag or choose storage: referrers');
            }
            return m;
        },
        async merge(current, attempt) {
            const existing = current?.layers ?? [];
            const kept = existing.filter((l) => ourKeys.has(layerKey(l)) || !what.superseded?.(l));
            for (const l of existing)
                if (!kept.includes(l))
                    dropped.add(keyHash(l));
            const have = new Set(kept.map(layerKey));
            const missing = what.ours.filter((l) => !have.has(layerKey(l)));
            if (current && missing.length === 0 && kept.length === existing.length)
                return undefined;
            this.replaced = existing.length - kept.length;
            const all = [...kept, ...missing];
            const config = configFor(all);
            // After a failed write, upload again instead of trusting HEAD (see BlobUnknownError).
            const force = attempt > 0;
            await Promise.all([
                repo.pushBlob(config, mediatypes_MediaType.ImageConfig, { force }),
                ...(force ? (what.layers ?? []).map((l) => repo.pushBlob(l.data, l.mediaType, { force })) : []),
            ]);
            const manifest = {
                schemaVersion: 2,
                mediaType: mediatypes_MediaType.ImageManifest,
                config: { mediaType: mediatypes_MediaType.ImageConfig, size: config.length, digest: digest_digestOf(config) },
                layers: all,
                ...(current?.annotations ? { annotations: current.annotations } : {}),
            };
            return { bytes: Buffer.from(JSON.stringify(manifest)), mediaType: mediatypes_MediaType.ImageManifest };
        },
        async holds(current) {
            const have = new Set((current?.layers ?? []).map(layerKey));
            return [...ourKeys].every((k) => have.has(k));
        },
        recheck() {
            return { kind: 'cosign-legacy', ours: what.ours, dropped: [...dropped] };
        },
    };
}
/** The digest of a layer's key: how a LegacyRecheck names the layers to drop, compactly. */
function keyHash(l) {
    return digest_sha256(Buffer.from(layerKey(l)));
}

;// CONCATENATED MODULE: ./build/src/attach/recheck.js



async function resumeRecheck(repo, pending, now = Date.now) {
    const check = pending.check;
    const waitedMs = remainingDelayMs(pending.notBefore, now(), shared_tag_SHARED_TAG_TIMING.settleMs);
    const settle = (update) => settleSharedTag(repo, pending.tag, update, shared_tag_SHARED_TAG_TIMING, waitedMs);
    let result;
    if (check.kind === 'cosign-legacy') {
        const dropped = new Set(check.dropped);
        result = await settle(legacyTagUpdate(repo, pending.tag, { ours: check.ours, superseded: (l) => dropped.has(keyHash(l)) }));
    }
    else {
        result = await settle(fallbackIndexUpdate(repo, pending.tag, check));
    }
    return { where: `${pending.registry}/${pending.repository}:${pending.tag}`, result, waitedMs };
}
/** The post step's one summary line. */
function recheckSummaryLine(outcomes) {
    const repaired = outcomes.filter((o) => o.result.repairs > 0);
    const head = `sigstamp: re-checked ${outcomes.length} shared tag(s) after the settle delay`;
    if (repaired.length === 0)
        return `${head}: every entry of this run is present.`;
    return (`${head}: restored entries a concurrent writer had removed in ${repaired.map((o) => `\`${o.where}\``).join(', ')}; ` +
        'every entry of this run is present.');
}

;// CONCATENATED MODULE: ./build/src/option-values.js

/** The value parsers every input shares, and the one error type they raise. */
class OptionsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'OptionsError';
    }
}
/** Splits a list input given as lines or commas (docker/metadata-action outputs newline-separated tags). */
function splitList(value) {
    return (value ?? '')
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
function bool(name, value, fallback) {
    const v = value?.trim().toLowerCase();
    if (!v)
        return fallback;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new OptionsError(`input ${name}: "${value}" is not a boolean; use true or false`);
}
/** A number of seconds, 0.1 to 600 (fractions allowed: a loopback test may want 0.5 s). */
function seconds(name, value, fallback) {
    const v = value?.trim();
    if (!v)
        return fallback;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n < 0.1 || n > 600)
        throw new OptionsError(`input ${name}: "${value}" is not a number of seconds from 0.1 to 600 (default ${fallback})`);
    return n;
}
function oneOf(name, value, allowed, fallback) {
    const v = value?.trim() || fallback;
    if (!allowed.includes(v)) {
        throw new OptionsError(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
    }
    return v;
}
function url(name, value) {
    const v = value?.trim();
    if (!v)
        return undefined;
    let u;
    try {
        u = new URL(v);
    }
    catch {
        throw new OptionsError(`input ${name}: "${v}" is not a URL; give e.g. https://fulcio.example.com`);
    }
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackRegistry(u.host))) {
        throw new OptionsError(`input ${name}: ${v} must use https (plain http is accepted only on loopback)`);
    }
    return v.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./build/src/sigstore/github/tuf-root.js
// GitHub's TUF root, pinned: the initial root.json from which GitHub's trust material (the
// trusted_root.json of fulcio.githubapp.com and timestamp.githubapp.com) is fetched and verified
// through TUF at https://tuf-repo.github.com, newer roots included (a client walks the chain of
// root versions from this one; an expired initial root is fine as long as the chain verifies).
//
// Origin: cli/cli v2.83.0, pkg/cmd/attestation/verification/embed/tuf-repo.github.com/root.json
// (what `gh attestation verify` embeds), fetched with
// `GOFLAGS=-mod=mod go mod download -json github.com/cli/cli/v2@v2.83.0`.
// sha256 of the file: 98cba97be9075bc98b2322de3de85fbd1b70ec7392991dfd2f53d215bede1a8d (version 3,
// expires 2025-04-11T14:36:57Z). Kept byte for byte (test/unit/github-sigstore.test.ts checks the
// hash), as a string so the bundle carries exactly these bytes.
const GITHUB_TUF_ROOT_SHA256 = '98cba97be9075bc98b2322de3de85fbd1b70ec7392991dfd2f53d215bede1a8d';
const GITHUB_TUF_ROOT_JSON = String.raw `{
 "signatures": [
  {
   "keyid": "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
   "sig": ""
  },
  {
   "keyid": "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
   "sig": ""
  },
  {
   "keyid": "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
   "sig": ""
  },
  {
   "keyid": "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
   "sig": "3046022100ca341d3ba2ef7657d69c2825729959681f55aec497b612e81a547e2abb616b49022100cd605b412a3d991f92e0818e07e60383bbd23904723eec221d6e39fdfeae3104"
  },
  {
   "keyid": "5e01c9a0b2641a8965a4a74e7df0bc7b2d8278a2c3ca0cf7a3f2f783d3c69800",
   "sig": "3046022100d0f70effe60d6a18319e2890088cd01d45c654ee6d2ce1d5c3cdcf2dc7f637570221008f947a2d7334d948f1c4794b0a465f1dfb99a578dd8d1f4563cee0581f457db2"
  },
  {
   "keyid": "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44",
   "sig": "304502201ae931db1c48020fb37af54d446ac856306f619dfc3f93ddcff70d2880e443dc022100992b70451aa74805adef24e85ec352e598812267f623979bd4ce719b66b62d22"
  },
  {
   "keyid": "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
   "sig": "3045022023bba8e14c177609f43873aa0087ef983ddd2bad9a0a832c0cf279e1be8798f2022100facfaecc1d7ee793042eaaa6970fb9ca700c3bdbf4ee43ed0f8d0fc3aef96563"
  },
  {
   "keyid": "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
   "sig": "3046022100d2f6cceb05d135ce6a6ce7fe1dc76c24508154ad71c433028e64ca95ba716ffb022100f0592d60eb67508dd5f9cc593a4cca33bbaf94882c3d74a560fda845a456c6cc"
  },
  {
   "keyid": "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
   "sig": "30450221009af2f0c534ed92de909a3b727f7101319c18e10623de8f48a0eba980d3d54d830220095842b16c58567c71f9dfa0b54e79daca1b2fecf3cb2ea4ee6d8393bdf93294"
  }
 ],
 "signed": {
  "_type": "root",
  "consistent_snapshot": true,
  "expires": "2025-04-11T14:36:57Z",
  "keys": {
   "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENki7aZVips5SgRzCd/Om0CGzQKY/\nnv84giqVDmdwb2ys82Z6soFLasvYYEEQcwqaC170n9gr93wHUgPc796uJA==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@ashtom"
   },
   "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElD0o2sOZN9n3RKQ7PtMLAoXj+2Ai\nn4PKT/pfnzDlNLrD3VTQwCc4sR4t+OLu4KQ+qk+kXkR9YuBsu3bdJZ1OWw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@nerdneha"
   },
   "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEimKcdST+ORD+g0aGEFDOVZDAaIYg\nIgesNKiIe2L7MUsYx5UHhzQ08quvew13eYSCNJnfwooFZu7cdTu8AwqFjQ==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@alexiswales"
   },
   "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBagkskNOpOTbetTX5CdnvMy+LiWn\nonRrNrqAHL4WgiebH7Uig7GLhC3bkeA/qgb926/vr9qhOPG9Buj2HatrPw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@gregose"
   },
   "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7IEoVNwrprchXGhT5sAhSax7SOd3\n8duuISghCzfmHdKJWSbV2wJRamRiUVRtmA83K/qm5cT20WXMCT5QeM/D3A==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@trevrosen"
   },
   "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEC2wJ3xscyXxBLybJ9FVjwkyQMe53\nRHUz77AjMO8MzVaT8xw6ZvJqdNZiytYtigWULlINxw6frNsWJKb/f7lC8A==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@kommendorkapten"
   },
   "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEDdORwcruW3gqAgaLjH/nNdGMB4kQ\nAvA+wD6DyO4P/wR8ee2ce83NZHq1ZADKhve0rlYKaKy3CqyQ5SmlZ36Zhw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@krukow"
   },
   "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENynVdQnM9h7xU71G7PiJpQaDemub\nkbjsjYwLlPJTQVuxQO8WeIpJf8MEh5rf01t2dDIuCsZ5gRx+QvDv0UzfsA==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@mph4"
   },
   "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENKNcNcX+d73lS1TRFb9Vnp8JvOoh\nzYQ+in43iGenbG8RGo9L/6FJ2hoRbVU6xskvyuErcdPbCdI4GxrQ5i8hkw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-online-uri": "azurekms://production-tuf-root.vault.azure.net/keys/Online-Key/aaf375fd8ed24acb949a5cc173700b05"
   }
  },
  "roles": {
   "root": {
    "keyids": [
     "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
     "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
     "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
     "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
     "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
     "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
     "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
     "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44"
    ],
    "threshold": 3
   },
   "snapshot": {
    "keyids": [
     "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f"
    ],
    "threshold": 1,
    "x-tuf-on-ci-expiry-period": 21,
    "x-tuf-on-ci-signing-period": 7
   },
   "targets": {
    "keyids": [
     "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
     "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
     "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
     "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
     "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
     "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
     "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
     "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44"
    ],
    "threshold": 3
   },
   "timestamp": {
    "keyids": [
     "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f"
    ],
    "threshold": 1,
    "x-tuf-on-ci-expiry-period": 7,
    "x-tuf-on-ci-signing-period": 6
   }
  },
  "spec_version": "1.0.31",
  "version": 3,
  "x-tuf-on-ci-expiry-period": 240,
  "x-tuf-on-ci-signing-period": 60
 }
}`;

;// CONCATENATED MODULE: ./build/src/sigstore/github/instance.js
/**
 * GitHub's own Sigstore instance: a Fulcio and an RFC 3161 timestamp authority, no transparency
 * log, for private and internal repositories on GitHub Enterprise Cloud (what `actions/attest`
 * signs with there). Its endpoints follow the server URL exactly as `@actions/attest` derives them
 * (lib/endpoints.js buildGitHubEndpoints): github.com → fulcio.githubapp.com and
 * timestamp.githubapp.com; a GHE.com tenant <host> → fulcio.<host> and timestamp.<host>. GitHub
 * Enterprise Server has no such instance.
 */
const GITHUB_TUF_MIRROR = 'https://tuf-repo.github.com';
/** The host of GITHUB_SERVER_URL (github.com when unset, as actions/attest defaults). */
function serverHost(env) {
    const url = env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
    try {
        return new URL(url).hostname.toLowerCase();
    }
    catch {
        throw new Error(`GITHUB_SERVER_URL "${url}" is not a URL`);
    }
}
/** GitHub Enterprise Server: any host that is neither github.com nor a GHE.com tenant. */
function isEnterpriseServer(host) {
    return host !== 'github.com' && !host.endsWith('.ghe.com');
}
function githubInstance(host) {
    const base = host === 'github.com' ? 'githubapp.com' : host;
    return { fulcioUrl: `https://fulcio.${base}`, tsaUrl: `https://timestamp.${base}`, host };
}
/** What to do instead, named in every refusal of GitHub's instance. */
const GITHUB_INSTANCE_ALTERNATIVES = 'either run your own Sigstore (sigstore: custom with fulcio-url, tsa-url and/or rekor-url, trusted-root; see ' +
    'docs/private-sigstore.md), or sign on the public Sigstore explicitly (sigstore: public-good with ' +
    'allow-public-transparency-log: true, which publishes the repository, workflow and ref names in the public Rekor log forever)';
function enterpriseServerError(host) {
    return (`GitHub's Sigstore instance is not available on GitHub Enterprise Server (${host}): it serves private and ` +
        `internal repositories on github.com and GHE.com (GitHub Enterprise Cloud) only; ${GITHUB_INSTANCE_ALTERNATIVES}`);
}
/**
 * The issuers GitHub Actions' OIDC tokens carry: https://token.actions.githubusercontent.com on
 * github.com (with `/<enterprise slug>` when the enterprise uses a unique issuer URL), and
 * https://token.actions.<host> on a GHE.com tenant.
 */
function isGitHubActionsIssuer(issuer, host) {
    const origin = host === 'github.com' ? 'https://token.actions.githubusercontent.com' : `https://token.actions.${host}`;
    return (issuer === origin ||
        (issuer.startsWith(`${origin}/`) && /^[A-Za-z0-9_.-]+$/.test(issuer.slice(origin.length + 1))));
}
/** Whether a failed request failed because the host name does not resolve (anywhere in the causes). */
function unresolvable(err) {
    for (let e = err, i = 0; e && i < 8; e = e.cause, i++)
        if (e.code === 'ENOTFOUND')
            return true;
    return false;
}
/**
 * Fulcio answers 401/403 to an identity it will not certify: on GitHub's instance that is a
 * repository whose plan does not include it. A host name that does not resolve is a GitHub host
 * without the instance. Either way, say which and name both ways forward.
 */
function explainGitHubInstanceError(err, instance) {
    const message = err instanceof Error ? err.message : String(err);
    const status = err.status;
    const why = status === 401 || status === 403
        ? `GitHub's Sigstore instance (${instance.fulcioUrl}) refused to certify this repository (${message}): it signs ` +
            'for private and internal repositories of organisations on GitHub Enterprise Cloud, not on other plans'
        : unresolvable(err)
            ? `GitHub's Sigstore instance (${instance.fulcioUrl}) does not resolve (${message}): there is none for ${instance.host}`
            : undefined;
    if (!why)
        return err instanceof Error ? err : new Error(message);
    return new Error(`${why}; ${GITHUB_INSTANCE_ALTERNATIVES}`, { cause: err });
}

;// CONCATENATED MODULE: ./build/src/sigstore/github/trust-domain.js

/**
 * A GHE.com tenant's trusted root is not GitHub's `trusted_root.json`: GitHub's TUF repository
 * (https://tuf-repo.github.com) names it `<trust domain>.trusted_root.json`, and the trust domain is
 * what the tenant's REST API says at `GET /meta` in `domains.artifact_attestations.trust_domain`.
 * That is how gh v2.83.0 finds it (pkg/cmd/attestation/api GetTrustDomain, MetaPath "meta";
 * verification/sigstore.go newGitHubVerifier: `fmt.Sprintf("%s.trusted_root.json", trustDomain)`).
 */
/** /meta is a few KiB (IP ranges, SSH keys, domains); anything near this is not GitHub's answer. */
const META_MAX_BYTES = (/* unused pure expression or super */ null && (1 << 20));
/** The REST API of a host: GITHUB_API_URL when set, else `https://api.<host>` (gh's RESTPrefix for a tenant). */
function tenantApiUrl(apiUrl, host) {
    return (apiUrl || `https://api.${host}`).replace(/\/+$/, '');
}
function metaUrl(apiUrl) {
    return `${apiUrl.replace(/\/+$/, '')}/meta`;
}
/** GitHub's TUF target holding the tenant's trusted root. */
function tenantTrustedRootTarget(trustDomain) {
    return `${trustDomain}.trusted_root.json`;
}
const TRUST_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;
const remedy = (url) => `; check that ${url} is reachable from the runner, or give your tenant's trusted root as trusted-root ` +
    '(gh attestation trusted-root --hostname <your tenant> prints it)';
/**
 * `domains.artifact_attestations.trust_domain` of a /meta answer. The name becomes part of a TUF
 * target path, so it must be one plain label (GitHub's are: e.g. "acme"), never a path.
 */
function trustDomainOf(meta, url) {
    const td = meta?.domains
        ?.artifact_attestations?.trust_domain;
    if (typeof td !== 'string' || td === '')
        throw new Error(`GET ${url} names no artifact attestation trust domain (domains.artifact_attestations.trust_domain is ` +
            `${td === undefined ? 'missing' : JSON.stringify(td)}): sigstamp cannot tell which trusted root of GitHub's ` +
            `TUF repository is your tenant's${remedy(url)}`);
    if (!TRUST_DOMAIN.test(td))
        throw new Error(`GET ${url}: domains.artifact_attestations.trust_domain ${JSON.stringify(td)} is not a plain name${remedy(url)}`);
    return td;
}
/** GitHub's error body `{message, documentation_url}`, as text for an error message. */
function githubMessage(body) {
    try {
        const e = JSON.parse(body.toString('utf8'));
        if (typeof e?.message === 'string')
            return `: ${e.message.slice(0, 200)}`;
    }
    catch {
        // not JSON: the status says enough
    }
    return '';
}
/** The tenant's trust domain, from `GET {api}/meta` (idempotent: retried, body reads too). */
async function fetchTrustDomain(transport, url, token) {
    const meta = await retryBodyReads(async () => {
        let res;
        try {
            res = await transport.send({
                method: 'GET',
                url,
                headers: {
                    accept: 'application/vnd.github+json',
                    'x-github-api-version': '2022-11-28',
                    // Public on github.com; a tenant may want the job token, as gh always authenticates.
                    ...(token ? { authorization: `Bearer ${token}` } : {}),
                },
            });
        }
        catch (err) {
            throw new Error(`GET ${url} failed (${err.message})${remedy(url)}`, { cause: err });
        }
        const body = await readBody(res, META_MAX_BYTES, `GET ${url}`);
        if (res.status !== 200)
            throw new Error(`GET ${url} answered HTTP ${res.status}${githubMessage(body)}${remedy(url)}`);
        try {
            return JSON.parse(body.toString('utf8'));
        }
        catch {
            throw new Error(`GET ${url} answered HTTP 200 with a body that is not JSON${remedy(url)}`);
        }
    });
    return trustDomainOf(meta, url);
}

;// CONCATENATED MODULE: ./build/src/sigstore/options.js





const PUBLIC_GOOD = {
    fulcioUrl: 'https://fulcio.sigstore.dev',
    rekorUrl: 'https://rekor.sigstore.dev',
};
const ENDPOINT_INPUTS = [
    'fulcio-url',
    'rekor-url',
    'tsa-url',
    'trusted-root',
    'tuf-mirror',
    'tuf-root',
];
/** Read up front, so a wrong path fails the step before anything is signed or pushed. */
function tufRootJson(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (err) {
        throw new OptionsError(`input tuf-root: cannot read ${path} (${err.message}); give the root.json that sigstamp tuf-repo wrote`);
    }
    let root;
    try {
        root = JSON.parse(text);
    }
    catch {
        throw new OptionsError(`input tuf-root: ${path} is not JSON; give the root.json that sigstamp tuf-repo wrote`);
    }
    if (root?.signed?._type !== 'root')
        throw new OptionsError(`input tuf-root: ${path} is not TUF root metadata (signed._type is not "root")`);
    return text;
}
function given(raw, names) {
    return names.filter((k) => raw[k]?.trim());
}
/**
 * GitHub's instance for this server: endpoints from GITHUB_SERVER_URL, trust from GitHub's TUF
 * repository (the pinned root, or `tuf-mirror` / `tuf-root` for a mirror of it), or from a
 * `trusted-root` file. Throws OptionsError for what can never work, whatever the token says.
 */
function githubConfig(raw, o) {
    const forbidden = given(raw, ['fulcio-url', 'rekor-url', 'tsa-url']);
    if (forbidden.includes('rekor-url'))
        throw new OptionsError("input rekor-url given with sigstore: github: GitHub's Sigstore instance has no transparency log (signatures " +
            'carry a signed timestamp from its timestamp authority instead); remove rekor-url, or use sigstore: custom with your own Rekor');
    if (forbidden.length)
        throw new OptionsError(`input ${forbidden.join(', ')} given with sigstore: github, whose endpoints follow GITHUB_SERVER_URL ` +
            '(fulcio.githubapp.com and timestamp.githubapp.com on github.com); use sigstore: custom for your own services');
    const host = serverHost(o.env);
    if (isEnterpriseServer(host))
        throw new OptionsError(enterpriseServerError(host));
    const trustedRoot = raw['trusted-root']?.trim() || undefined;
    // A GHE.com tenant's root is `<trust domain>.trusted_root.json` in the same TUF repository, the
    // trust domain from the tenant's GET /meta (github/trust-domain.ts), looked up when trust is loaded.
    const trustDomainFrom = host !== 'github.com' && !trustedRoot
        ? metaUrl(tenantApiUrl(url('GITHUB_API_URL', o.env.GITHUB_API_URL), host))
        : undefined;
    const instance = githubInstance(host);
    const mirror = url('tuf-mirror', raw['tuf-mirror']) ?? GITHUB_TUF_MIRROR;
    const rootPath = raw['tuf-root']?.trim() || undefined;
    return {
        kind: 'github',
        fulcioUrl: instance.fulcioUrl,
        tsaUrl: instance.tsaUrl,
        githubHost: host,
        ...(trustedRoot ? { trustedRoot } : {}),
        ...(trustDomainFrom ? { trustDomainFrom } : {}),
        tuf: {
            mirror,
            ...(rootPath ? { rootPath, rootJson: tufRootJson(rootPath) } : { rootJson: GITHUB_TUF_ROOT_JSON }),
        },
    };
}
function customConfig(raw, verify) {
    const fulcioUrl = url('fulcio-url', raw['fulcio-url']);
    const rekorUrl = url('rekor-url', raw['rekor-url']);
    const tsaUrl = url('tsa-url', raw['tsa-url']);
    const trustedRoot = raw['trusted-root']?.trim() || undefined;
    const tufMirror = url('tuf-mirror', raw['tuf-mirror']);
    const tufRoot = raw['tuf-root']?.trim() || undefined;
    if (!fulcioUrl)
        throw new OptionsError('input fulcio-url is required with sigstore: custom');
    if (!rekorUrl && !tsaUrl) {
        throw new OptionsError('sigstore: custom needs rekor-url, tsa-url, or both: a signature needs a transparency log entry or a trusted timestamp');
    }
    if (verify && !trustedRoot) {
        throw new OptionsError('input trusted-root is required with sigstore: custom (the trusted_root.json of your Sigstore), or set verify: false');
    }
    if (!tufMirror !== !tufRoot) {
        throw new OptionsError(`input ${tufMirror ? 'tuf-root' : 'tuf-mirror'} is required with ${tufMirror ? 'tuf-mirror' : 'tuf-root'}: ` +
            'the ImageValidatingPolicy needs both where the TUF repository is served and its root.json (sigstamp tuf-repo writes both)');
    }
    return {
        kind: 'custom',
        fulcioUrl,
        ...(rekorUrl ? { rekorUrl } : {}),
        ...(tsaUrl ? { tsaUrl } : {}),
        ...(trustedRoot ? { trustedRoot } : {}),
        ...(tufMirror && tufRoot
            ? { tuf: { mirror: tufMirror, rootPath: tufRoot, rootJson: tufRootJson(tufRoot) } }
            : {}),
    };
}
function sigstoreChoice(raw, o) {
    const kind = oneOf('sigstore', raw.sigstore, ['auto', 'public-good', 'github', 'custom'], 'auto');
    if (kind === 'custom')
        return customConfig(raw, o.verify);
    if (kind === 'github') {
        // GitHub's Fulcio certifies GitHub Actions tokens only: without a runner's token service or a
        // given token there is nothing it would accept.
        const tokenSource = raw['identity-token']?.trim() ||
            (o.env.ACTIONS_ID_TOKEN_REQUEST_URL && o.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
        if (o.env.GITHUB_ACTIONS !== 'true' && !tokenSource)
            throw new OptionsError("sigstore: github outside GitHub Actions needs a GitHub Actions OIDC token: GitHub's Sigstore instance " +
                'certifies only those; run the step in a workflow job with permissions: id-token: write, or give ' +
                '--identity-token (SIGSTAMP_IDENTITY_TOKEN) with a token the runner issued');
        return githubConfig(raw, o);
    }
    // With auto, trusted-root / tuf-mirror / tuf-root configure GitHub's instance (a mirror of its TUF
    // repository); the public Sigstore takes none of them.
    const endpoints = given(raw, kind === 'auto' ? ['fulcio-url', 'rekor-url', 'tsa-url'] : ENDPOINT_INPUTS);
    if (endpoints.length) {
        const what = kind === 'public-good'
            ? 'sigstore: public-good, which uses the public Sigstore'
            : "sigstore: auto (the default), which picks the public Sigstore or GitHub's instance by the repository's visibility";
        throw new OptionsError(`input ${endpoints.join(', ')} given with ${what}; set sigstore: custom to use your own`);
    }
    const publicGood = { kind: 'public-good', ...PUBLIC_GOOD };
    if (kind === 'public-good')
        return publicGood;
    let github;
    try {
        github = githubConfig(raw, o);
    }
    catch (err) {
        // Only an error once the token shows a private repository: a public one never needs it.
        if (!(err instanceof OptionsError))
            throw err;
        github = { unavailable: err.message };
    }
    return { kind: 'auto', publicGood, github };
}

;// CONCATENATED MODULE: ./build/src/options.js






function predicates(value) {
    return (value ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((line) => {
        const eq = line.indexOf('=');
        const type = line.slice(0, eq).trim();
        const path = line.slice(eq + 1).trim();
        if (eq <= 0 || !path || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(type)) {
            throw new OptionsError(`input predicates: "${line}" is not <predicate type URI>=<path>, e.g. https://cosign.sigstore.dev/attestation/vuln/v1=trivy.json`);
        }
        return { type, path };
    });
}
function reference(input, value) {
    try {
        return parseReference(value);
    }
    catch (err) {
        if (err instanceof InvalidReferenceError)
            throw new OptionsError(`input ${input}: ${err.message}`);
        throw err;
    }
}
/** `aliasOf` inputs (actions/attest's names) fill their target; giving both with different values is an error. */
function alias(raw, name, other) {
    const a = raw[name]?.trim();
    const b = raw[other]?.trim();
    if (a && b && a !== b)
        throw new OptionsError(`inputs ${name} and ${other} name the same thing and differ; give one of them`);
    return a || b;
}
function parseOptions(raw, env = process.env) {
    const imageInput = alias(raw, 'image', 'subject-name');
    if (!imageInput)
        throw new OptionsError('input image is required: the repository the build pushed, e.g. ghcr.io/owner/app');
    const image = reference('image', imageInput);
    let digest = alias(raw, 'digest', 'subject-digest');
    if (digest !== undefined) {
        try {
            parseDigest(digest);
        }
        catch {
            throw new OptionsError(`input digest: "${digest}" is not a digest; pass the build step's output, e.g. \${{ steps.build.outputs.digest }} (sha256:<64 hex>)`);
        }
    }
    if (image.digest && digest && image.digest !== digest) {
        throw new OptionsError(`input image names digest ${image.digest} but input digest is ${digest}; give one of them`);
    }
    digest ??= image.digest;
    if (!digest && !image.tag) {
        throw new OptionsError("input digest is required when image has no tag: pass the build step's digest output, e.g. digest: ${{ steps.build.outputs.digest }}");
    }
    const tags = splitList(raw.tags).map((t) => reference('tags', t));
    for (const t of tags) {
        if (!t.tag)
            throw new OptionsError(`input tags: "${t.registry}/${t.repository}" has no tag; give full references such as ghcr.io/owner/app:1.2.3`);
        if (t.registry !== image.registry || t.repository !== image.repository) {
            throw new OptionsError(`input tags: ${t.registry}/${t.repository}:${t.tag} is not in the repository of input image (${image.registry}/${image.repository})`);
        }
    }
    if (image.tag)
        tags.unshift(image);
    const username = raw['registry-username']?.trim();
    const password = raw['registry-password'];
    if (Boolean(username) !== Boolean(password)) {
        throw new OptionsError('inputs registry-username and registry-password go together: give both or neither');
    }
    const verify = bool('verify', raw.verify, true);
    const options = {
        image: { registry: image.registry, repository: image.repository },
        ...(digest ? { digest } : {}),
        tags,
        ...(username && password ? { registryCredential: { username, password } } : {}),
        insecureRegistries: splitList(raw['insecure-registries']),
        sign: bool('sign', raw.sign, true),
        provenance: oneOf('provenance', raw.provenance, ['v1', 'v0.2', 'none'], 'v1'),
        predicates: predicates(raw.predicates),
        sbom: sbomFormats(raw.sbom),
        ...(raw['sbom-path']?.trim() ? { sbomPath: raw['sbom-path'].trim() } : {}),
        storage: oneOf('storage', raw.storage, ['both', 'referrers', 'legacy'], 'both'),
        policyAction: oneOf('policy-action', raw['policy-action'], ['enforce', 'audit'], 'enforce'),
        perPlatform: bool('per-platform', raw['per-platform'], false),
        sigstore: sigstoreChoice(raw, { verify, env }),
        allowPublicTransparencyLog: bool('allow-public-transparency-log', raw['allow-public-transparency-log'], false),
        outputDir: raw['output-dir']?.trim() || `${env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp'}/sigstamp`,
        httpTimeoutMs: seconds('http-timeout', raw['http-timeout'], 30) * 1000,
        verify,
        showSummary: bool('show-summary', raw['show-summary'], true),
        ...(raw['identity-token']?.trim() ? { identityToken: raw['identity-token'].trim() } : {}),
    };
    const store = attestationStoreConfig(raw, env);
    if (store)
        options.attestationStore = store;
    const seen = new Set();
    for (const p of options.predicates) {
        if (seen.has(p.type))
            throw new OptionsError(`input predicates: ${p.type} is given twice; one attestation per predicate type`);
        seen.add(p.type);
    }
    return options;
}
function sbomFormats(value) {
    const list = splitList(value ?? 'spdx,cyclonedx');
    if (list.length === 1 && list[0] === 'none')
        return [];
    for (const f of list) {
        if (f !== 'spdx' && f !== 'cyclonedx') {
            throw new OptionsError(`input sbom: "${f}" is not spdx, cyclonedx or none (default spdx,cyclonedx)`);
        }
    }
    return [...new Set(list)];
}
function hasWork(o) {
    return (o.sign ||
        o.provenance !== 'none' ||
        o.predicates.length > 0 ||
        o.sbom.length > 0 ||
        o.sbomPath !== undefined);
}
/**
 * push-to-attestation-store: on by default on GitHub Actions when a token is there (the Action's
 * github-token defaults to the job token, as actions/attest's does); given as true, whatever is
 * missing is an error now rather than a surprise after signing.
 */
function attestationStoreConfig(raw, env) {
    const onGitHub = env.GITHUB_ACTIONS === 'true';
    const explicit = raw['push-to-attestation-store']?.trim()
        ? bool('push-to-attestation-store', raw['push-to-attestation-store'], false)
        : undefined;
    const token = raw['github-token']?.trim() || env.GITHUB_TOKEN?.trim() || undefined;
    if (explicit === false || (explicit === undefined && (!onGitHub || !token)))
        return undefined;
    const need = (what) => new OptionsError(`input push-to-attestation-store: true needs ${what}` +
        (onGitHub ? '' : ' (outside GitHub Actions set GITHUB_API_URL, GITHUB_REPOSITORY and github-token)') +
        ', or set push-to-attestation-store: false');
    if (!token)
        throw need('github-token (a token with attestations: write; the Action defaults it to the job token)');
    const apiUrl = url('GITHUB_API_URL', env.GITHUB_API_URL) ?? (onGitHub ? 'https://api.github.com' : undefined);
    if (!apiUrl)
        throw need('GITHUB_API_URL (the REST API, e.g. https://api.github.com)');
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || rest.length)
        throw need('GITHUB_REPOSITORY (owner/repo: the repository whose store receives the bundles)');
    const serverUrl = url('GITHUB_SERVER_URL', env.GITHUB_SERVER_URL) ?? 'https://github.com';
    return { apiUrl, serverUrl, owner, repo, token };
}

;// CONCATENATED MODULE: ./build/src/registry-client.js

/** The registry client for a run: explicit credentials for the image's registry, else the usual stores. */
function clientFor(opts, ctx) {
    const env = ctx.env ?? process.env;
    return new RegistryClient({
        credentials: {
            env,
            ...(opts.registryCredential
                ? { explicit: [{ ...opts.registryCredential, registry: opts.image.registry }] }
                : {}),
        },
        insecureRegistries: opts.insecureRegistries,
        timeoutMs: opts.httpTimeoutMs,
        log: (m) => ctx.logger.debug(m),
        env,
    });
}

// EXTERNAL MODULE: ./build/src/action/inputs.js + 1 modules
var inputs = __webpack_require__(8905);
;// CONCATENATED MODULE: ./build/src/action/recheck-all.js






/** The post step's work when main left re-checks (src/post.ts loads it only then). */
async function recheckAll(rechecks) {
    const options = parseOptions((0,inputs/* readInputs */.K)());
    const client = clientFor(options, { logger: inputs/* actionLogger */.v });
    const outcomes = [];
    const failures = [];
    try {
        await Promise.all(rechecks.map(async (r) => {
            const where = `${r.registry}/${r.repository}:${r.tag}`;
            try {
                const repo = client.repository(parseReference(`${r.registry}/${r.repository}`));
                const outcome = await resumeRecheck(repo, r);
                outcomes.push(outcome);
                inputs/* actionLogger */.v.info(`${where}: re-checked after ${outcome.waitedMs} ms more of settle delay` +
                    (outcome.result.repairs
                        ? `; restored entries a concurrent writer had removed (${outcome.result.repairs} repair(s))`
                        : '; every entry present'));
            }
            catch (err) {
                failures.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
            }
        }));
    }
    finally {
        await client.close();
    }
    const line = failures.length
        ? `sigstamp: could not restore this run's entries in ${failures.length} shared tag(s): ${failures.join('; ')}`
        : recheckSummaryLine(outcomes);
    if (options.showSummary)
        await core/* summary */.z.addRaw(line, true).write();
    if (failures.length)
        core/* setFailed */.C1(`sigstamp post step: this run's signature or attestation entries are missing from shared tags and could not be restored:\n` +
            failures.map((f) => `  - ${f}`).join('\n') +
            '\nVerifiers reading those tags will not find them; run the workflow again (a re-run replaces its earlier entries).');
}


/***/ })

};
