export const id = 687;
export const ids = [687];
export const modules = {

/***/ 24687:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listReferrers: () => (/* binding */ listReferrers),
/* harmony export */   pushReferrer: () => (/* binding */ pushReferrer),
/* harmony export */   zA: () => (/* binding */ pushReferrers)
/* harmony export */ });
/* unused harmony exports hasReferrersApi, readFallbackIndex, referrerDescriptor, buildArtifactManifest, updateFallbackIndex */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6559);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88548);
/* harmony import */ var _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93662);
/* harmony import */ var _shared_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63311);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33811);





/**
 * OCI 1.1 referrers: the API (`GET /v2/<name>/referrers/<digest>`) where the registry has it, and the
 * referrers tag schema (`<alg>-<hex>` image index) where it does not, maintained as the distribution
 * spec says ("Pushing Manifests with Subject") and under the shared-tag protocol of shared-tag.ts.
 */
const PAGE_LIMIT = 4 * 1024 * 1024;
const MAX_PAGES = 64;
const apiSupport = new WeakMap();
/** Does the registry serve the referrers API for this repository? (200 with an image index.) */
async function hasReferrersApi(repo, subjectDigest) {
    const known = apiSupport.get(repo);
    if (known !== undefined)
        return known;
    const page = await fetchReferrersPage(repo, `/referrers/${subjectDigest}`);
    const supported = page !== undefined;
    apiSupport.set(repo, supported);
    return supported;
}
async function fetchReferrersPage(repo, path) {
    const res = await repo.send({ method: 'GET', path, headers: { accept: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex } }, ['pull']);
    const type = (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_4__/* .header */ .wx)(res, 'content-type')?.split(';')[0]?.trim();
    if (res.status !== 200 || type !== _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex) {
        // 404 (or any non-index answer) means no API: ECR, for one, sends OCI-Subject without serving it.
        await (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_4__/* .discard */ .vf)(res);
        if (res.status >= 500)
            throw await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .registryError */ .eo)(res, `listing referrers in ${repo}`);
        return undefined;
    }
    let index;
    try {
        index = JSON.parse((await (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_4__/* .readBody */ .x8)(res, PAGE_LIMIT, `referrers of ${repo}`)).toString('utf8'));
    }
    catch (err) {
        if (err.name === 'TransportError')
            throw err;
        return undefined;
    }
    if (!Array.isArray(index.manifests))
        return undefined;
    const link = (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_4__/* .header */ .wx)(res, 'link');
    const next = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
    const filtered = ((0,_http_transport_js__WEBPACK_IMPORTED_MODULE_4__/* .header */ .wx)(res, 'oci-filters-applied') ?? '').split(',').includes('artifactType');
    return { index, ...(next ? { next } : {}), filtered };
}
/** Lists the referrers of `subjectDigest`, optionally only those of one artifactType. */
async function listReferrers(repo, subjectDigest, artifactType) {
    const keep = (d) => artifactType === undefined || d.artifactType === artifactType;
    if (await hasReferrersApi(repo, subjectDigest)) {
        const referrers = [];
        let path = `/referrers/${subjectDigest}` +
            (artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '');
        for (let pages = 0; path; pages++) {
            if (pages >= MAX_PAGES)
                throw new Error(`referrers of ${repo}@${subjectDigest}: more than ${MAX_PAGES} pages`);
            const page = await fetchReferrersPage(repo, path);
            if (!page)
                throw new Error(`referrers of ${repo}@${subjectDigest}: the registry stopped answering with an index`);
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
        return parseFallback(repo, (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestTag */ .t9)(subjectDigest), await repo.getManifest((0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestTag */ .t9)(subjectDigest)));
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .NotFoundError */ .m_)
            return undefined;
        throw err;
    }
}
function parseFallback(repo, tag, fetched) {
    if (!fetched)
        return undefined;
    const m = fetched.manifest;
    if (fetched.descriptor.mediaType !== _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex || !Array.isArray(m.manifests)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ForeignContentError */ .Sp(`${repo}:${tag} holds a ${fetched.descriptor.mediaType || 'non-index'} manifest, not the OCI image index the referrers ` +
            'fallback tag must be; it was left untouched. Remove or move that tag, or use a registry with the referrers API');
    }
    return m;
}
/** The descriptor of a referrer as the fallback index lists it (distribution spec: artifactType and all annotations). */
function referrerDescriptor(manifest, bytes) {
    return {
        mediaType: manifest.mediaType ?? _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageManifest,
        digest: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestOf */ .ol)(bytes),
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
        mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageManifest,
        artifactType: artifact.artifactType,
        config: {
            mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.Empty,
            digest: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .EMPTY_DIGEST */ .Vx,
            size: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .EMPTY_JSON */ .JO.length,
            data: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .EMPTY_JSON */ .JO.toString('base64'),
        },
        layers: artifact.layers.map((l) => ({
            mediaType: l.mediaType,
            digest: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestOf */ .ol)(l.data),
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
    let roundTrip = 0;
    const pushed = await Promise.all(artifacts.map(async (artifact) => {
        const { manifest, bytes, blobs } = buildArtifactManifest(artifact);
        const descriptor = referrerDescriptor(manifest, bytes);
        const started = Date.now();
        const put = await repo.putManifestWithBlobs(descriptor.digest, bytes, _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageManifest, [
            { data: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .EMPTY_JSON */ .JO, mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.Empty },
            ...blobs,
        ]);
        // Blobs (HEAD, POST, PUT; in parallel) then the manifest PUT: four round trips in sequence.
        roundTrip = Math.max(roundTrip, (Date.now() - started) / 4);
        return { descriptor, ociSubject: put.ociSubject };
    }));
    // Both signs are required: ECR sends OCI-Subject without serving the API, others serve the API silently.
    const api = pushed.every((p) => p.ociSubject === subject) && (await hasReferrersApi(repo, subject));
    if (api) {
        await ensureListed(repo, subject, artifacts, pushed.map((p) => p.descriptor));
    }
    else {
        const timing = opts.timing ?? (0,_shared_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .calibrateTiming */ .eu)(roundTrip);
        await updateFallbackIndex(repo, subject, { add: pushed.map((p) => p.descriptor), remove: new Set(opts.supersedes ?? []) }, timing, opts.settle);
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
            await repo.putManifest(descriptors[i].digest, bytes, _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageManifest);
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
async function updateFallbackIndex(repo, subjectDigest, change, timing, settle) {
    const tag = (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestTag */ .t9)(subjectDigest);
    const ours = new Map(change.add.map((e) => [e.digest, e]));
    const remove = change.remove ?? new Set();
    const restore = new Map();
    let lastWritten = [];
    await (0,_shared_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .updateSharedTag */ .$)(repo, tag, {
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
                mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex,
                manifests: [...manifests, ...missing],
            };
            return { bytes: Buffer.from(JSON.stringify(index)), mediaType: _mediatypes_js__WEBPACK_IMPORTED_MODULE_2__/* .MediaType */ .zu.ImageIndex };
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
    }, timing, settle);
}
function dedupe(list) {
    const seen = new Set();
    return list.filter((d) => !seen.has(d.digest) && (seen.add(d.digest), true));
}


/***/ }),

/***/ 63311:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ updateSharedTag),
/* harmony export */   eu: () => (/* binding */ calibrateTiming),
/* harmony export */   xi: () => (/* binding */ SettleQueue)
/* harmony export */ });
/* unused harmony export SharedTagError */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88548);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77076);



/** Timing from a measured registry round trip: generous multiples, with floors for noisy CI machines. */
function calibrateTiming(roundTripMs) {
    const readToWriteMs = Math.max(1_000, Math.ceil(roundTripMs * 5));
    const writeTimeoutMs = Math.max(2_000, Math.ceil(roundTripMs * 10));
    return {
        readToWriteMs,
        writeTimeoutMs,
        settleMs: readToWriteMs + writeTimeoutMs,
        jitterMs: 500,
        maxRounds: 12,
    };
}
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
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .NotFoundError */ .m_)
            return undefined;
        throw err;
    }
}
/**
 * Settle phases handed over by updates that were asked not to wait for them: the caller does other
 * work (reading back and verifying what it wrote) while the delay runs, then drains the queue, which
 * throws the first failure. A deferred settle never rejects unobserved.
 */
class SettleQueue {
    pending = [];
    failure;
    defer(settle) {
        this.pending.push(settle.then(() => undefined, (error) => {
            this.failure ??= { error };
        }));
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
 * settle-and-re-check phase (step 3) continues in the queue; without one it returns after it.
 */
async function updateSharedTag(repo, tag, update, timing, settleQueue) {
    const result = { writes: 0, repairs: 0 };
    const jitter = () => (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.random() * timing.jitterMs);
    // Write phase: merge into a fresh read, within the read-to-write bound, until a PUT is accepted.
    const write = async () => {
        for (let attempt = 0;; attempt++) {
            if (attempt >= timing.maxRounds) {
                throw new SharedTagError(`${repo}:${tag}: could not write after ${attempt} attempts (conflicts or timeouts)`);
            }
            const readAt = Date.now();
            const fetched = await readTag(repo, tag);
            const next = await update.merge(update.parse(fetched), attempt);
            if (!next)
                return;
            if (Date.now() - readAt > timing.readToWriteMs)
                continue;
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
                if (!(err instanceof _client_js__WEBPACK_IMPORTED_MODULE_2__/* .PreconditionFailedError */ .k9) && !isTransient(err))
                    throw err;
                await jitter();
            }
        }
    };
    // Settle phase: outlast every concurrent write based on a read older than our last PUT, re-read,
    // and write again (then settle again) while an entry we guarantee is missing.
    const settle = async () => {
        for (let round = 0; round < timing.maxRounds; round++) {
            if (round > 0)
                await write();
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(timing.settleMs);
            await jitter();
            if (await update.holds(update.parse(await readTag(repo, tag))))
                return result;
            result.repairs++;
        }
        throw new SharedTagError(`${repo}:${tag}: our entry was removed by concurrent writers ${timing.maxRounds} times in a row; ` +
            'the registry may not offer read-your-writes consistency (a cache in front of it?) — sign once after the matrix instead');
    };
    await write();
    if (!settleQueue)
        return settle();
    settleQueue.defer(settle());
    return result;
}
function isTransient(err) {
    const name = err.name;
    const status = err.status;
    // BlobUnknownError: a concurrent upload of the same blob was committing; the next attempt re-uploads.
    return (name === 'TransportError' ||
        name === 'BlobUnknownError' ||
        (status !== undefined && (status >= 500 || status === 429 || status === 408)));
}


/***/ })

};
