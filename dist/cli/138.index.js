export const id = 138;
export const ids = [138,937];
export const modules = {

/***/ 57138:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  storeFailure: () => (/* reexport */ storeFailure)
});

// EXTERNAL MODULE: ./build/src/oci/referrers.js
var oci_referrers = __webpack_require__(24687);
// EXTERNAL MODULE: ./build/src/oci/errors.js
var errors = __webpack_require__(88548);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var oci_digest = __webpack_require__(6559);
// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(93662);
// EXTERNAL MODULE: ./build/src/oci/shared-tag.js
var shared_tag = __webpack_require__(63311);
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
        if (logged && `sha256:${logged}` !== (0,oci_digest/* sha256 */.sc)(data)) {
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
    await (0,shared_tag/* updateSharedTag */.$)(repo, tag, update, shared_tag/* SHARED_TAG_TIMING */.gG, opts.settle);
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
            if (!mediatypes/* IMAGE_MANIFEST_MEDIA_TYPES */.vA.includes(fetched.descriptor.mediaType) || !Array.isArray(m.layers)) {
                throw new errors/* ForeignContentError */.Sp(`${repo}:${tag} holds a ${fetched.descriptor.mediaType} manifest, not cosign's signature image; it was left untouched. ` +
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
                repo.pushBlob(config, mediatypes/* MediaType */.zu.ImageConfig, { force }),
                ...(force ? (what.layers ?? []).map((l) => repo.pushBlob(l.data, l.mediaType, { force })) : []),
            ]);
            const manifest = {
                schemaVersion: 2,
                mediaType: mediatypes/* MediaType */.zu.ImageManifest,
                config: { mediaType: mediatypes/* MediaType */.zu.ImageConfig, size: config.length, digest: (0,oci_digest/* digestOf */.ol)(config) },
                layers: all,
                ...(current?.annotations ? { annotations: current.annotations } : {}),
            };
            return { bytes: Buffer.from(JSON.stringify(manifest)), mediaType: mediatypes/* MediaType */.zu.ImageManifest };
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
    return (0,oci_digest/* sha256 */.sc)(Buffer.from(layerKey(l)));
}

;// CONCATENATED MODULE: ./build/src/intoto.js
/** in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** A subject for an image: name = the repository (as cosign writes it), digest by algorithm. */
function imageSubject(repository, digest) {
    const [algorithm, hex] = digest.split(':');
    return { name: repository, digest: { [algorithm]: hex } };
}
function statement(subject, predicateType, predicate) {
    return { _type: STATEMENT_TYPE, subject, predicateType, predicate };
}

;// CONCATENATED MODULE: ./build/src/provenance/slsa.js
/**
 * SLSA provenance from verified claims: every field comes from the Fulcio certificate's extensions,
 * which Fulcio filled from the OIDC token it verified (no second token, no network). Laid out as
 * GitHub's actions/attest lays out its provenance, so policies written for one accept the other.
 */
const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const SLSA_V02 = 'https://slsa.dev/provenance/v0.2';
const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
class ProvenanceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ProvenanceError';
    }
}
/** Reads the workflow claims from the certificate; fails naming the missing extension. */
function workflowClaims(id) {
    const e = id.extensions;
    const need = (name, oid) => {
        const v = e[name];
        if (!v) {
            throw new ProvenanceError(`the signing certificate lacks the Fulcio extension ${name} (${oid}) that provenance needs; ` +
                'provenance can only be built from a GitHub Actions identity issued by a Fulcio that sets the CI extensions');
        }
        return v;
    };
    const buildConfigUri = need('buildConfigUri', '1.3.6.1.4.1.57264.1.18');
    // Build Config URI = server + "/" + workflow_ref, e.g. https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1
    const m = /^(https?:\/\/[^/]+)\/([^/]+\/[^/]+)\/(.+)@(.+)$/.exec(buildConfigUri);
    if (!m)
        throw new ProvenanceError(`cannot read a workflow reference from the Build Config URI "${buildConfigUri}"`);
    return {
        serverUrl: m[1],
        workflowRepository: m[2],
        workflowPath: m[3],
        workflowRef: m[4],
        builderId: need('buildSignerUri', '1.3.6.1.4.1.57264.1.9'),
        sourceRepositoryUri: need('sourceRepositoryUri', '1.3.6.1.4.1.57264.1.12'),
        sourceRef: need('sourceRepositoryRef', '1.3.6.1.4.1.57264.1.14'),
        sourceDigest: need('sourceRepositoryDigest', '1.3.6.1.4.1.57264.1.13'),
        eventName: need('buildTrigger', '1.3.6.1.4.1.57264.1.20'),
        repositoryId: e.sourceRepositoryIdentifier ?? '',
        repositoryOwnerId: e.sourceRepositoryOwnerIdentifier ?? '',
        runnerEnvironment: e.runnerEnvironment ?? '',
        invocationId: need('runInvocationUri', '1.3.6.1.4.1.57264.1.21'),
    };
}
function slsaV1(c) {
    return {
        buildDefinition: {
            buildType: GITHUB_WORKFLOW_BUILD_TYPE,
            externalParameters: {
                workflow: {
                    ref: c.workflowRef,
                    repository: `${c.serverUrl}/${c.workflowRepository}`,
                    path: c.workflowPath,
                },
            },
            internalParameters: {
                github: {
                    event_name: c.eventName,
                    repository_id: c.repositoryId,
                    repository_owner_id: c.repositoryOwnerId,
                    runner_environment: c.runnerEnvironment,
                },
            },
            resolvedDependencies: [
                { uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`, digest: { gitCommit: c.sourceDigest } },
            ],
        },
        runDetails: {
            builder: { id: c.builderId },
            metadata: { invocationId: c.invocationId },
        },
    };
}
/** SLSA v0.2, for policies that still check it (as GitHub's former generic generator wrote it). */
function slsaV02(c) {
    return {
        builder: { id: c.builderId },
        buildType: GITHUB_WORKFLOW_BUILD_TYPE,
        invocation: {
            configSource: {
                uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`,
                digest: { sha1: c.sourceDigest },
                entryPoint: c.workflowPath,
            },
            parameters: {},
            environment: {
                github_event_name: c.eventName,
                github_repository_id: c.repositoryId,
                github_repository_owner_id: c.repositoryOwnerId,
                github_runner_environment: c.runnerEnvironment,
            },
        },
        metadata: {
            buildInvocationId: c.invocationId,
            completeness: { parameters: true, environment: false, materials: false },
            reproducible: false,
        },
        materials: [{ uri: `git+${c.sourceRepositoryUri}@${c.sourceRef}`, digest: { sha1: c.sourceDigest } }],
    };
}

;// CONCATENATED MODULE: ./build/src/statements.js



function statementsForRun(opts, identity, targets, predicates, sboms) {
    const name = dockerReference(opts.image.registry, opts.image.repository);
    const subjects = targets.map((t) => imageSubject(name, t.digest));
    const statements = [];
    if (opts.provenance !== 'none') {
        const claims = workflowClaims(identity);
        statements.push({
            statement: opts.provenance === 'v1'
                ? statement(subjects, SLSA_V1, slsaV1(claims))
                : statement(subjects, SLSA_V02, slsaV02(claims)),
            targets,
        });
    }
    for (const p of predicates)
        statements.push({ statement: statement(subjects, p.type, p.content), targets });
    for (const p of sboms.predicates) {
        statements.push({
            statement: statement(p.subjects.map((d) => imageSubject(name, d.digest)), p.type, p.content),
            targets: p.targets,
        });
    }
    return statements;
}
/** Every manifest something is attached to: the targets, and each platform an SBOM went to. */
function attachmentTargets(targets, statements) {
    const seen = new Set();
    return [...targets, ...statements.flatMap((s) => s.targets)].filter((d) => !seen.has(d.digest) && (seen.add(d.digest), true));
}
function predicateTypes(statements) {
    return [...new Set(statements.map((s) => s.statement.predicateType))];
}

;// CONCATENATED MODULE: ./build/src/attach/bundle-referrer.js

/**
 * Sigstore bundles as OCI 1.1 referrers, laid out as cosign v3 and GitHub's actions/attest write them
 * (what cosign v3, `gh attestation verify --bundle-from-oci`, Kyverno `SigstoreBundle` and
 * ImageValidatingPolicy read).
 */
const BUNDLE_ARTIFACT_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const BundleAnnotation = {
    content: 'dev.sigstore.bundle.content',
    predicateType: 'dev.sigstore.bundle.predicateType',
    created: 'org.opencontainers.image.created',
};
/** Kyverno `SigstoreBundle` fails the WHOLE image when any bundle layer exceeds 10,000,000 bytes. */
const MAX_BUNDLE_BYTES = 10_000_000;
class BundleTooLargeError extends Error {
    constructor(predicateType, size) {
        super(`the ${predicateType} bundle is ${size} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit: Kyverno's SigstoreBundle ` +
            'verification fails for every signature of an image with a bundle that large. Reduce the predicate (e.g. an SBOM without per-file entries)');
        this.name = 'BundleTooLargeError';
    }
}
function assertBundleSize(signed) {
    const size = Buffer.byteLength(signed.bundleJson);
    if (size > MAX_BUNDLE_BYTES)
        throw new BundleTooLargeError(signed.statement.predicateType, size);
}
function bundleArtifact(subject, signed, created) {
    assertBundleSize(signed);
    return {
        artifactType: BUNDLE_ARTIFACT_TYPE,
        subject,
        layers: [{ mediaType: BUNDLE_ARTIFACT_TYPE, data: Buffer.from(signed.bundleJson) }],
        annotations: {
            [BundleAnnotation.content]: 'dsse-envelope',
            [BundleAnnotation.predicateType]: signed.statement.predicateType,
            [BundleAnnotation.created]: created.toISOString(),
        },
    };
}
/** Pushes the bundles of one subject as referrers, replacing `supersedes` in the fallback index. */
async function pushBundleReferrers(repo, subject, signed, opts = {}) {
    const created = opts.created ?? new Date();
    return (0,oci_referrers/* pushReferrers */.zA)(repo, signed.map((s) => bundleArtifact(subject, s, created)), {
        ...(opts.settle ? { settle: opts.settle } : {}),
        ...(opts.supersedes ? { supersedes: opts.supersedes } : {}),
    });
}

// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var dist = __webpack_require__(83917);
;// CONCATENATED MODULE: ./build/src/sigstore/certificate.js

/**
 * What a Fulcio certificate states about the signer: the SAN and the extensions Fulcio filled from
 * the claims it verified (OIDs from fulcio's docs/oid-info.md). Everything downstream — provenance,
 * policies — reads identity from here, never from the unverified token.
 */
const OID = {
    issuerV1: '1.3.6.1.4.1.57264.1.1',
    githubWorkflowTrigger: '1.3.6.1.4.1.57264.1.2',
    githubWorkflowSha: '1.3.6.1.4.1.57264.1.3',
    githubWorkflowName: '1.3.6.1.4.1.57264.1.4',
    githubWorkflowRepository: '1.3.6.1.4.1.57264.1.5',
    githubWorkflowRef: '1.3.6.1.4.1.57264.1.6',
    issuer: '1.3.6.1.4.1.57264.1.8',
    buildSignerUri: '1.3.6.1.4.1.57264.1.9',
    buildSignerDigest: '1.3.6.1.4.1.57264.1.10',
    runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
    sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
    sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
    sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
    sourceRepositoryIdentifier: '1.3.6.1.4.1.57264.1.15',
    sourceRepositoryOwnerUri: '1.3.6.1.4.1.57264.1.16',
    sourceRepositoryOwnerIdentifier: '1.3.6.1.4.1.57264.1.17',
    buildConfigUri: '1.3.6.1.4.1.57264.1.18',
    buildConfigDigest: '1.3.6.1.4.1.57264.1.19',
    buildTrigger: '1.3.6.1.4.1.57264.1.20',
    runInvocationUri: '1.3.6.1.4.1.57264.1.21',
    sourceRepositoryVisibilityAtSigning: '1.3.6.1.4.1.57264.1.22',
};
// Extensions .1.1–.1.6 hold raw bytes; .1.8 onwards a DER UTF8String (fulcio pkg/certificate/extensions.go).
const RAW = new Set([
    OID.issuerV1,
    OID.githubWorkflowTrigger,
    OID.githubWorkflowSha,
    OID.githubWorkflowName,
    OID.githubWorkflowRepository,
    OID.githubWorkflowRef,
]);
function certificateIdentity(pem) {
    const cert = dist.X509Certificate.parse(pem);
    const extensions = {};
    for (const [name, oid] of Object.entries(OID)) {
        const ext = cert.extension(oid);
        if (!ext)
            continue;
        extensions[name] = RAW.has(oid)
            ? ext.value.toString('utf8')
            : dist.ASN1Obj.parseBuffer(ext.value).value.toString('utf8');
    }
    const san = cert.extSubjectAltName?.uri ?? cert.extSubjectAltName?.rfc822Name;
    if (!san)
        throw new Error('the signing certificate has no URI or email subject alternative name');
    const issuer = extensions.issuer ?? extensions.issuerV1;
    if (!issuer)
        throw new Error('the signing certificate names no OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8)');
    return { san, issuer, extensions, notBefore: cert.notBefore, notAfter: cert.notAfter };
}
/** The run id and attempt from the Run Invocation URI (…/actions/runs/<id>/attempts/<n>). */
function runInvocation(ext) {
    const m = /\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(ext.runInvocationUri ?? '');
    return m ? { runId: m[1], attempt: Number(m[2]) } : undefined;
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
;// CONCATENATED MODULE: ./build/src/verify/bundle-json.js


/** A Sigstore bundle that could not be read: bytes from a registry, written by anyone. */
class BundleFormatError extends Error {
    name = 'BundleFormatError';
}
/**
 * Parses a Sigstore bundle read from a registry. @sigstore/bundle validates the shape it needs, but
 * on JSON that is not an object (or has `null` where an object belongs) it fails with a TypeError
 * that names no input; every failure here names `what` instead (found by fuzzing, test/fuzz).
 */
function parseBundleJson(bytes, what) {
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch (err) {
        throw new BundleFormatError(`${what} is not JSON: ${err.message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new BundleFormatError(`${what} is not a JSON object, so no Sigstore bundle`);
    return bundleFromObject(what, json);
}
/** bundleFromJSON, its failures (ValidationError, or a TypeError on `null` fields) naming `what`. */
function bundleFromObject(what, json) {
    try {
        return (0,bundle_dist.bundleFromJSON)(json);
    }
    catch (err) {
        throw new BundleFormatError(`${what} is not a Sigstore bundle: ${err.message}`);
    }
}
/**
 * Verifies a bundle read from outside. @sigstore/verify reports failed checks as VerificationError
 * or PolicyError, but malformed inner bytes (an empty RFC 3161 timestamp, a certificate that is not
 * DER) escape its parsers as plain Errors such as "request past end of buffer" (found by fuzzing):
 * those become a BundleFormatError that names the bundle.
 */
function verifyUntrusted(verifier, bundle, artifact, policy, what) {
    return guardMalformed(what, () => verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle, artifact), policy));
}
/** Runs a verification step; any failure but a failed check becomes a BundleFormatError naming `what`. */
function guardMalformed(what, step) {
    try {
        return step();
    }
    catch (err) {
        if (err instanceof verify_dist/* VerificationError */.mk || err instanceof verify_dist/* PolicyError */.pn)
            throw err;
        throw new BundleFormatError(`${what} is malformed: ${err.message}`);
    }
}

;// CONCATENATED MODULE: ./build/src/attach/supersede.js





function supersedeRule(ours, predicateTypes) {
    const run = runInvocation(ours.extensions);
    if (!run)
        return () => false;
    return (pem, predicateType) => {
        if (!pem || !predicateTypes.has(predicateType ?? ''))
            return false;
        let theirs;
        try {
            theirs = certificateIdentity(pem);
        }
        catch {
            return false; // Not a certificate we can read: never ours to remove.
        }
        const other = runInvocation(theirs.extensions);
        return (theirs.san === ours.san &&
            theirs.issuer === ours.issuer &&
            other?.runId === run.runId &&
            other.attempt < run.attempt);
    };
}
/** The legacy-layer form: the predicate type of a `.sig` layer is the image signature's marker. */
function legacyLayerSuperseded(rule, kind) {
    return (layer) => rule(layer.annotations?.[Annotation.certificate], kind === 'sig' ? IMAGE_SIGNATURE : layer.annotations?.[Annotation.predicateType]);
}
/** Marker for the simple-signing signature in supersede checks (it has no predicate type). */
const IMAGE_SIGNATURE = 'cosign container image signature';
/** Bundle referrers of `subject` that this run replaces (their bundles are read to learn the signer). */
async function supersededBundles(repo, subject, rule, maxBytes) {
    const { referrers } = await (0,oci_referrers/* listReferrers */.xt)(repo, subject, BUNDLE_ARTIFACT_TYPE);
    const found = [];
    for (const r of referrers) {
        const predicateType = r.annotations?.[BundleAnnotation.predicateType];
        if (!predicateType)
            continue;
        try {
            const m = (await repo.getManifest(r.digest)).manifest;
            const layer = m.layers?.[0];
            if (!layer || layer.size > maxBytes)
                continue;
            const bundle = parseBundleJson(await repo.fetchBlob(layer, maxBytes), `referrer ${r.digest}`);
            const vm = bundle.verificationMaterial.content;
            const der = vm.$case === 'certificate'
                ? vm.certificate.rawBytes
                : vm.$case === 'x509CertificateChain'
                    ? vm.x509CertificateChain.certificates[0]?.rawBytes
                    : undefined;
            if (!der)
                continue;
            const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
            if (rule(pem, predicateType))
                found.push(r.digest);
        }
        catch {
            // A referrer we cannot read is someone else's business: keep it.
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./build/src/attach/publish.js




/**
 * Step 6: attaches each target's signature and the run's attestations to the registry, in the
 * formats `storage` asks for. Writing both formats is what reaches every consumer: cosign v3 and
 * ImageValidatingPolicy read only bundles once one exists, Kyverno `type: Cosign` only `.sig`/`.att`.
 */
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
async function publish(input) {
    const { repo, storage } = input;
    const results = await Promise.all(input.signatures.map((t) => publishTarget(input, t)));
    const out = { artifacts: [], locations: [], replaced: 0, fallbackTagUsed: false };
    for (const r of results) {
        out.artifacts.push(...r.artifacts);
        out.locations.push(...r.locations);
        out.replaced += r.replaced;
        out.fallbackTagUsed ||= r.fallbackTagUsed;
    }
    input.logger.info(`published ${out.artifacts.length} artifact(s) to ${repo} (storage: ${storage})`);
    return out;
}
async function publishTarget(input, t) {
    const { repo, storage, chain } = input;
    const out = { artifacts: [], locations: [], replaced: 0, fallbackTagUsed: false };
    const settle = input.settle ? { settle: input.settle } : {};
    const record = (artifact, ref, via) => {
        out.artifacts.push(artifact);
        out.locations.push({ artifact, ref, via });
    };
    const attestations = input.attestations
        .filter((a) => a.targets.includes(t.target.digest))
        .map((a) => a.signed);
    const jobs = [];
    if (storage !== 'referrers') {
        if (t.message) {
            const msg = t.message;
            jobs.push(appendToLegacyTag(repo, t.target.digest, 'sig', [signatureLayer(msg, chain)], {
                ...settle,
                superseded: legacyLayerSuperseded(input.supersede, 'sig'),
            }).then((r) => {
                out.replaced += r.replaced;
                record({
                    format: 'legacy-sig',
                    predicateType: IMAGE_SIGNATURE,
                    digest: r.layers[0].digest,
                    subject: t.target,
                    layer: r.layers[0],
                }, `${repo}:${r.tag}`, 'cosign legacy tag');
            }));
        }
        if (attestations.length) {
            jobs.push(appendToLegacyTag(repo, t.target.digest, 'att', attestations.map((a) => attestationLayer(a, chain)), {
                ...settle,
                superseded: legacyLayerSuperseded(input.supersede, 'att'),
            }).then((r) => {
                out.replaced += r.replaced;
                r.layers.forEach((l, i) => record({
                    format: 'legacy-att',
                    predicateType: attestations[i].statement.predicateType,
                    digest: l.digest,
                    subject: t.target,
                    layer: l,
                }, `${repo}:${r.tag}`, 'cosign legacy tag'));
            }));
        }
    }
    if (storage !== 'legacy') {
        const bundles = [...(t.statement ? [t.statement] : []), ...attestations];
        jobs.push((async () => {
            const old = await supersededBundles(repo, t.target.digest, input.supersede, MAX_BUNDLE_BYTES);
            const pushed = await pushBundleReferrers(repo, t.target, bundles, { ...settle, supersedes: old });
            pushed.forEach((p, i) => {
                out.fallbackTagUsed ||= p.via === 'fallback';
                record({
                    format: 'bundle-referrer',
                    predicateType: bundles[i].statement.predicateType,
                    digest: p.descriptor.digest,
                    subject: t.target,
                }, `${repo}@${p.descriptor.digest}`, p.via === 'api' ? 'OCI referrer' : `OCI referrer (fallback tag ${(0,oci_digest/* digestTag */.t9)(t.target.digest)})`);
            });
            // Deleted only after ours are in place: a verifier never sees the subject without this run's entries.
            await deleteSuperseded(input, old);
            out.replaced += old.length;
        })());
    }
    await Promise.all(jobs);
    return out;
}
async function deleteSuperseded(input, digests) {
    for (const d of digests) {
        try {
            await input.repo.deleteManifest(d);
        }
        catch (err) {
            input.logger.warn(`could not delete the superseded referrer ${input.repo}@${d}: ${err.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./build/src/attach/for-run.js





/** Step 6 of the pipeline as a run does it: what gets attached where, and what to warn about. */
/** storage: legacy next to existing bundles: cosign v3 would never look at what this run writes. */
async function warnForeignBundles(repo, digest, warn) {
    const { referrers } = await (0,oci_referrers/* listReferrers */.xt)(repo, digest, BUNDLE_ARTIFACT_TYPE);
    if (referrers.length) {
        warn(`${repo}@${digest} already has ${referrers.length} Sigstore bundle referrer(s) (e.g. from actions/attest): cosign v3 then ` +
            'reads only bundles and ignores the legacy .sig/.att tags written with storage: legacy, so `cosign verify` v3 will not ' +
            'see this signature. Use storage: both to reach every verifier');
    }
}
async function publishForRun(p) {
    // An earlier attempt's entries are replaced only for the types this attempt signs again.
    const typesSigned = new Set([
        ...(p.opts.sign ? [IMAGE_SIGNATURE, COSIGN_SIGN_PREDICATE] : []),
        ...p.statements.map((s) => s.statement.predicateType),
    ]);
    const published = await publish({
        settle: p.settle,
        repo: p.repo,
        storage: p.opts.storage,
        chain: p.certificate.chain,
        signatures: attachmentTargets(p.targets, p.statements).map((target) => p.signed.signatures.find((s) => s.target.digest === target.digest) ?? { target }),
        attestations: p.signed.attestations,
        supersede: supersedeRule(p.certificate.identity, typesSigned),
        logger: p.logger,
    });
    if (published.fallbackTagUsed) {
        p.warn(`${p.repo.registry} has no OCI referrers API: bundles are listed in the fallback tag sha256-<hex> (what cosign v3 and oras read there)`);
    }
    if (published.replaced)
        p.logger.info(`replaced ${published.replaced} entr(ies) of an earlier attempt of this workflow run`);
    return published;
}

// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./build/src/http/transport.js
var http_transport = __webpack_require__(33811);
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
        super(`${method} ${(0,http_transport/* describeUrl */.Ng)(url)}: HTTP ${status}${apiMessage ? ` "${apiMessage}"` : ''}` +
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
    const h = (n) => (0,http_transport/* header */.wx)(res, n);
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
                if (!(err instanceof http_transport/* TransportError */.wX) || attempt >= this.retries)
                    throw err;
                const wait = (attempt + 1) ** 2 * this.unit;
                this.log(`retrying ${method} ${(0,http_transport/* describeUrl */.Ng)(url)} in ${wait} ms (${err.message})`);
                await (0,promises_.setTimeout)(wait);
                continue;
            }
            if (res.status >= 200 && res.status < 300) {
                const text = (await (0,http_transport/* readBody */.x8)(res, MAX_RESPONSE_BYTES, `${method} ${(0,http_transport/* describeUrl */.Ng)(url)}`)).toString('utf8');
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
                this.log(`retrying ${method} ${(0,http_transport/* describeUrl */.Ng)(url)} in ${decision.waitMs} ms (HTTP ${res.status})`);
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
        const text = (await (0,http_transport/* readBody */.x8)(res, 64 * 1024, 'GitHub error body')).toString('utf8');
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

// EXTERNAL MODULE: ./build/src/options.js + 3 modules
var options = __webpack_require__(63050);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./build/src/predicates.js


/**
 * User-given predicates (`predicates: type=path`), read and checked before anything is written:
 * each must be a JSON object. Size-capped well under the consumers' limits (GitHub: 16 MiB per
 * predicate; Kyverno SigstoreBundle: 10 MB per bundle, base64 and envelope included).
 */
const MAX_PREDICATE_BYTES = 7 * 1024 * 1024;
async function readPredicateFile(p) {
    let text;
    try {
        text = await (0,external_node_fs_promises_.readFile)(p.path);
    }
    catch (err) {
        throw new options/* OptionsError */.ZW(`input predicates: cannot read ${p.path} for ${p.type} (${err.code ?? err.message})`);
    }
    if (text.length > MAX_PREDICATE_BYTES) {
        throw new options/* OptionsError */.ZW(`input predicates: ${p.path} is ${text.length} bytes; the limit is ${MAX_PREDICATE_BYTES} so its bundle stays under Kyverno's 10 MB`);
    }
    let content;
    try {
        content = JSON.parse(text.toString('utf8'));
    }
    catch (err) {
        throw new options/* OptionsError */.ZW(`input predicates: ${p.path} (for ${p.type}) is not JSON: ${err.message}`);
    }
    if (content === null || typeof content !== 'object' || Array.isArray(content)) {
        throw new options/* OptionsError */.ZW(`input predicates: ${p.path} (for ${p.type}) must hold a JSON object, the predicate itself`);
    }
    return { type: p.type, content, source: p.path };
}

// EXTERNAL MODULE: ./build/src/registry-client.js
var registry_client = __webpack_require__(2224);
;// CONCATENATED MODULE: ./build/src/report/for-run.js

/** Step 8 of the pipeline: what the run reports besides what it published. */
/** The subject's referrers as they stand now, with a warning well before Kyverno stops coping. */
async function referrersForReport(repo, digest, warn) {
    const referrers = await (0,oci_referrers/* listReferrers */.xt)(repo, digest);
    if (referrers.referrers.length >= 40) {
        warn(`${repo}@${digest} has ${referrers.referrers.length} referrers; Kyverno's SigstoreBundle verification fails above 50. Remove old ones`);
    }
    return referrers;
}
/**
 * Wall time between consecutive marks, named by the phase each mark ends: one debug line for
 * whoever tunes a pipeline (bench/e2e.ts reads it).
 */
class PhaseClock {
    last = Date.now();
    phases = [];
    mark(phase) {
        const now = Date.now();
        this.phases.push([phase, now - this.last]);
        this.last = now;
    }
    toString() {
        return this.phases.map(([p, ms]) => `${p} ${ms}`).join(', ');
    }
}

// EXTERNAL MODULE: ./build/src/sbom/for-run.js + 26 modules
var for_run = __webpack_require__(84896);
// EXTERNAL MODULE: ./build/src/sigstore/github/instance.js
var instance = __webpack_require__(75351);
;// CONCATENATED MODULE: ./build/src/sigstore/choice.js

class SigstoreChoiceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SigstoreChoiceError';
    }
}
function describeInstance(c) {
    const host = (u) => new URL(u).host;
    if (c.kind === 'public-good')
        return 'the public Sigstore (fulcio.sigstore.dev, rekor.sigstore.dev)';
    const parts = [
        host(c.fulcioUrl),
        ...(c.rekorUrl ? [host(c.rekorUrl)] : []),
        ...(c.tsaUrl ? [host(c.tsaUrl)] : []),
    ];
    const log = c.rekorUrl ? '' : ', no transparency log';
    return c.kind === 'github'
        ? `GitHub's Sigstore instance (${parts.join(', ')}${log})`
        : `your own Sigstore (${parts.join(', ')}${log})`;
}
/** A GitHub-signed claim: "public", "private" or "internal"; anything else is not known. */
function visibilityOf(claims) {
    const v = claims.repository_visibility;
    return typeof v === 'string' && v ? v : undefined;
}
function chooseSigstore(choice, claims, allowPublicLog) {
    const visibility = visibilityOf(claims);
    const repo = typeof claims.repository === 'string' ? claims.repository : 'the repository';
    if (choice.kind !== 'auto') {
        const config = choice;
        if (config.kind === 'github')
            checkGitHubIssuer(config, claims);
        return { config, reason: `${describeInstance(config)}: sigstore: ${config.kind} was set` };
    }
    const seen = `repository_visibility ${visibility ?? 'absent'} in the OIDC token`;
    if (visibility === 'public')
        return {
            config: choice.publicGood,
            reason: `${describeInstance(choice.publicGood)}: ${repo} is public (${seen})`,
        };
    if (allowPublicLog)
        return {
            config: choice.publicGood,
            reason: `${describeInstance(choice.publicGood)}: ${repo} is not public (${seen}), and allow-public-transparency-log is true`,
        };
    if ('unavailable' in choice.github)
        throw new SigstoreChoiceError(`sigstore: auto: ${repo} is not public (${seen}), so it would sign with GitHub's Sigstore instance, but ${choice.github.unavailable}`);
    const config = choice.github;
    checkGitHubIssuer(config, claims);
    return {
        config,
        reason: `${describeInstance(config)}: ${repo} is ${visibility ?? 'not public'} (${seen})`,
    };
}
/** GitHub's Fulcio certifies GitHub Actions tokens only: anything else is refused before it is sent. */
function checkGitHubIssuer(config, claims) {
    const host = config.githubHost ?? 'github.com';
    const issuer = typeof claims.iss === 'string' ? claims.iss : '';
    if ((0,instance/* isGitHubActionsIssuer */.YA)(issuer, host))
        return;
    const expected = host === 'github.com' ? 'https://token.actions.githubusercontent.com' : `https://token.actions.${host}`;
    throw new SigstoreChoiceError(`sigstore: github: the identity token was issued by ${JSON.stringify(issuer)}, not by GitHub Actions (${expected}); ` +
        "GitHub's Sigstore instance certifies only GitHub Actions tokens. Sign in a GitHub Actions job with " +
        `permissions: id-token: write; with another CI's token, ${instance/* GITHUB_INSTANCE_ALTERNATIVES */.NC}`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/src/sigstore/fulcio.js

/**
 * Fulcio's v2 API (`POST /api/v2/signingCert`), spoken directly rather than through
 * @sigstore/sign's FulcioSigner: that signer asks for a new certificate on every signature, and a
 * run must use ONE certificate for all its signatures (one request, one identity, one 10-minute
 * window). Its CA client is not exported, and the request is a single JSON POST.
 */
class FulcioError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'FulcioError';
    }
}
/** Returns the PEM chain, leaf first. */
async function requestSigningCertificate(req) {
    const url = `${req.fulcioUrl.replace(/\/+$/, '')}/api/v2/signingCert`;
    const body = JSON.stringify({
        credentials: { oidcIdentityToken: req.token },
        publicKeyRequest: {
            publicKey: { algorithm: 'ECDSA', content: req.publicKeyPem },
            proofOfPossession: req.proofOfPossession.toString('base64'),
        },
    });
    // Asking again after a broken answer is safe: Fulcio issues a fresh certificate for the same key.
    const { res, text } = await (0,http_transport/* retryBodyReads */.ax)(async () => {
        const res = await req.transport.send({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: Buffer.from(body),
        });
        return {
            res,
            text: (await (0,http_transport/* readBody */.x8)(res, 1 << 20, `Fulcio ${(0,http_transport/* describeUrl */.Ng)(url)} response`)).toString('utf8'),
        };
    });
    if (res.status !== 200 && res.status !== 201) {
        let detail = '';
        try {
            detail = JSON.parse(text).message ?? '';
        }
        catch {
            detail = text.slice(0, 200);
        }
        const hint = res.status === 400 || res.status === 401 || res.status === 403
            ? 'Fulcio refused the identity token: check that its issuer is one this Fulcio trusts and its audience is "sigstore"'
            : 'Fulcio is unavailable; retry the job later';
        throw new FulcioError(`Fulcio ${(0,http_transport/* describeUrl */.Ng)(url)} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}: ${hint}`, res.status);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new FulcioError(`Fulcio ${(0,http_transport/* describeUrl */.Ng)(url)} answered something that is not JSON; retry the job later`);
    }
    const chain = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
        ?.certificates;
    if (!chain?.length)
        throw new FulcioError(`Fulcio ${(0,http_transport/* describeUrl */.Ng)(url)} answered without a certificate chain`);
    return chain.map((pem) => (pem.endsWith('\n') ? pem : pem + '\n'));
}

;// CONCATENATED MODULE: ./build/src/sigstore/token.js

class IdentityTokenError extends Error {
    constructor(message) {
        super(message);
        this.name = 'IdentityTokenError';
    }
}
const MISSING_ID_TOKEN_PERMISSION = 'no GitHub OIDC token is available to this job: add `permissions: id-token: write` to the job (and, in a reusable ' +
    'workflow, to the calling job too); on a pull request from a fork GitHub never grants it';
function decodeClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3)
        throw new IdentityTokenError('the identity token is not a JWT (expected three dot-separated parts)');
    try {
        return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    }
    catch {
        throw new IdentityTokenError('the identity token is not a JWT (its payload is not base64url JSON)');
    }
}
/** Fails early (and clearly) on a token Fulcio would refuse anyway for its lifetime. */
function assertFresh(claims, now = Date.now()) {
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
        throw new IdentityTokenError(`the identity token expired at ${new Date(claims.exp * 1000).toISOString()}; request a fresh one ` +
            '(in GitHub Actions tokens live a few minutes: sigstamp fetches its own right before signing)');
    }
}
/** A token given outright (the CLI's --identity-token). */
function staticTokenSource(token) {
    return { description: 'the given identity token', getToken: async () => token };
}
/**
 * GitHub Actions' token request protocol (what `core.getIDToken` speaks): GET
 * $ACTIONS_ID_TOKEN_REQUEST_URL&audience=… with the request token as Bearer; answers {"value": jwt}.
 * Used by the CLI inside a workflow step; the Action itself goes through @actions/core.
 */
function actionsTokenSource(env, transport) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    return {
        description: 'the GitHub Actions OIDC token service',
        async getToken(audience) {
            if (!url || !requestToken)
                throw new IdentityTokenError(MISSING_ID_TOKEN_PERMISSION);
            const u = new URL(url);
            u.searchParams.set('audience', audience);
            const { res, body } = await (0,http_transport/* retryBodyReads */.ax)(async () => {
                const res = await transport.send({
                    method: 'GET',
                    url: u.toString(),
                    headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' },
                });
                return {
                    res,
                    body: await (0,http_transport/* readBody */.x8)(res, 64 * 1024, `OIDC token response of ${(0,http_transport/* describeUrl */.Ng)(u.toString())}`),
                };
            });
            if (res.status !== 200) {
                throw new IdentityTokenError(res.status >= 500 || res.status === 429
                    ? `the OIDC token service ${(0,http_transport/* describeUrl */.Ng)(u.toString())} answered HTTP ${res.status}; it is unavailable, retry the job later`
                    : `the OIDC token service ${(0,http_transport/* describeUrl */.Ng)(u.toString())} answered HTTP ${res.status}; ${MISSING_ID_TOKEN_PERMISSION}`);
            }
            let value;
            try {
                value = JSON.parse(body.toString('utf8')).value;
            }
            catch {
                throw new IdentityTokenError(`the OIDC token service ${(0,http_transport/* describeUrl */.Ng)(u.toString())} answered something that is not JSON; retry the job later`);
            }
            if (!value)
                throw new IdentityTokenError(`the OIDC token service ${(0,http_transport/* describeUrl */.Ng)(u.toString())} answered without a token`);
            return value;
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sigstore/session.js



class SigningSession {
    opts;
    privateKey;
    publicKeyPem;
    certificate;
    /** Certificate requests made: one per run, whatever the number of artifacts. */
    certificateRequests = 0;
    constructor(opts) {
        this.opts = opts;
        const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' });
        this.privateKey = privateKey;
        this.publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    }
    /** The run's certificate, requested once (concurrent callers share the request). */
    getCertificate() {
        this.certificate ??= this.requestCertificate();
        return this.certificate;
    }
    async requestCertificate() {
        const token = await this.opts.tokenSource.getToken('sigstore');
        const claims = decodeClaims(token);
        assertFresh(claims);
        this.opts.checkClaims?.(claims);
        const { fulcioUrl } = this.opts;
        // Fulcio's proof of possession for CI tokens: a signature over the token's `sub`.
        const proof = this.signBytes(Buffer.from(String(claims.sub ?? '')));
        this.certificateRequests++;
        const chain = await requestSigningCertificate({
            fulcioUrl: typeof fulcioUrl === 'string' ? fulcioUrl : fulcioUrl(claims),
            token,
            publicKeyPem: this.publicKeyPem,
            proofOfPossession: proof,
            transport: this.opts.transport,
        });
        return { chain, claims };
    }
    signBytes(data) {
        return (0,external_node_crypto_.sign)('sha256', data, this.privateKey);
    }
    /** @sigstore/sign's Signer: signs with the session key, presents the session certificate. */
    async sign(data) {
        const { chain } = await this.getCertificate();
        return { signature: this.signBytes(data), key: { $case: 'x509Certificate', certificate: chain[0] } };
    }
}

// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
;// CONCATENATED MODULE: ./build/src/sigstore/sign.js



const fetchOptions = (opts) => ({
    retry: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true },
    timeout: opts.timeoutMs ?? 30_000,
});
function witnesses(opts) {
    const list = [];
    // fetchOnConflict: a retried upload that Rekor already logged answers 409; fetch that entry instead.
    if (opts.rekorUrl)
        list.push(new sign_dist/* RekorWitness */.fU({
            rekorBaseURL: opts.rekorUrl,
            entryType: 'dsse',
            fetchOnConflict: true,
            ...fetchOptions(opts),
        }));
    if (opts.tsaUrl)
        list.push(new sign_dist/* TSAWitness */.gs({ tsaBaseURL: opts.tsaUrl, ...fetchOptions(opts) }));
    if (list.length === 0)
        throw new Error('signing needs a transparency log (rekor-url) or a timestamp authority (tsa-url), or both');
    return list;
}
/**
 * @sigstore/sign reports a witness failure as "error creating tlog entry" with the HTTP error as
 * its cause: name the service, the cause, and what to do.
 */
function explainWitnessError(err, opts) {
    const e = err;
    const cause = e.cause?.message ?? e.message ?? String(err);
    if (e.code === 'TLOG_CREATE_ENTRY_ERROR') {
        return new Error(`Rekor ${opts.rekorUrl ?? ''} did not log the signature (${cause}); nothing was published — retry the job later`);
    }
    if (e.code === 'TSA_CREATE_TIMESTAMP_ERROR') {
        return new Error(`the timestamp authority ${opts.tsaUrl ?? ''} did not timestamp the signature (${cause}); nothing was published — retry the job later`);
    }
    return err instanceof Error ? err : new Error(String(err));
}
/**
 * An RFC 3161 timestamp over `data` itself. cosign dates a legacy `.att` layer by a timestamp over
 * the layer's payload, the whole DSSE envelope (pkg/cosign/verify.go VerifyRFC3161Timestamp: no
 * base64 signature on attestation layers, so "we rely on the signed payload"), while a bundle's
 * timestamp covers the DSSE signature (what sigstore-go checks). Without a Rekor entry to date it,
 * the `.att` layer needs a timestamp of its own, from the same TSA through the same client.
 */
async function timestampOf(opts, data) {
    if (!opts.tsaUrl)
        throw new Error('internal: a timestamp without a tsa-url');
    const witness = new sign_dist/* TSAWitness */.gs({ tsaBaseURL: opts.tsaUrl, ...fetchOptions(opts) });
    // The TSA client timestamps "the signature" of what it is given: here, the envelope bytes.
    const vm = await witness.testify({
        $case: 'messageSignature',
        messageSignature: { signature: data },
    });
    const ts = vm.rfc3161Timestamps?.[0]?.signedTimestamp;
    if (!ts)
        throw new Error(`the timestamp authority ${opts.tsaUrl} answered without a timestamp`);
    return ts;
}
async function signStatement(session, witnessList, statement) {
    const builder = new sign_dist/* DSSEBundleBuilder */.VV({ signer: session, witnesses: witnessList });
    const bundle = await builder.create({
        data: Buffer.from(JSON.stringify(statement)),
        type: INTOTO_PAYLOAD_TYPE,
    });
    if (bundle.content.$case !== 'dsseEnvelope')
        throw new Error('internal: DSSE bundle without an envelope');
    // @sigstore/sign's dsse entry sends JSON.stringify(envelopeToJSON(envelope)); the same function here
    // yields the same bytes, and the tlog body's envelopeHash proves it (checked in attach/ before use).
    const envelopeJson = JSON.stringify((0,bundle_dist.envelopeToJSON)(bundle.content.dsseEnvelope));
    const tlogEntry = bundle.verificationMaterial.tlogEntries[0];
    return {
        statement,
        bundle,
        bundleJson: JSON.stringify((0,bundle_dist.bundleToJSON)(bundle)),
        envelopeJson,
        ...(tlogEntry ? { tlogEntry } : {}),
    };
}
async function signMessage(session, witnessList, payload) {
    const builder = new sign_dist/* MessageSignatureBundleBuilder */.z3({ signer: session, witnesses: witnessList });
    const bundle = await builder.create({ data: payload });
    if (bundle.content.$case !== 'messageSignature')
        throw new Error('internal: message bundle without a signature');
    const tlogEntry = bundle.verificationMaterial.tlogEntries[0];
    return {
        payload,
        signature: bundle.content.messageSignature.signature,
        bundle,
        ...(tlogEntry ? { tlogEntry } : {}),
    };
}

;// CONCATENATED MODULE: ./build/src/sigstore/for-run.js









/**
 * Steps 3 and 5 of the pipeline: ONE certificate for the run, requested only once every payload
 * input has been read (its 10-minute window is short), then every signature and attestation
 * signed with it in parallel.
 */
/** Public-good Rekor is world-readable: a private repository's names must not land there by accident. */
function visibilityCheck(sigstore, allowPublicLog, claims) {
    const visibility = String(claims.repository_visibility ?? 'unknown');
    if (sigstore.kind !== 'public-good' || visibility === 'public' || allowPublicLog)
        return;
    throw new Error(`refusing to sign with the public Sigstore: the repository ${String(claims.repository ?? '')} is ${visibility}, and the public ` +
        'Rekor log is world-readable and permanent — every entry would publish the repository, workflow and ref names. ' +
        "Either sign with GitHub's Sigstore instance (sigstore: github, or leave sigstore at its default, auto), run your " +
        'own Sigstore (sigstore: custom with fulcio-url, rekor-url or tsa-url, trusted-root), or accept ' +
        'the disclosure explicitly with allow-public-transparency-log: true');
}
async function certificateForRun(opts, ctx, transport) {
    const env = ctx.env ?? process.env;
    const tokenSource = ctx.tokenSource ??
        (opts.identityToken ? staticTokenSource(opts.identityToken) : actionsTokenSource(env, transport));
    let chosen;
    const session = new SigningSession({
        // Decided from the token, checked, and logged before the certificate request goes anywhere.
        checkClaims: (claims) => {
            chosen = chooseSigstore(opts.sigstore, claims, opts.allowPublicTransparencyLog);
            visibilityCheck(chosen.config, opts.allowPublicTransparencyLog, claims);
            ctx.logger.info(`sigstore: ${chosen.reason}`);
        },
        fulcioUrl: () => chosen.config.fulcioUrl,
        tokenSource,
        transport,
    });
    const { chain } = await session.getCertificate().catch((err) => {
        const config = chosen?.config;
        throw config?.kind === 'github'
            ? (0,instance/* explainGitHubInstanceError */.GB)(err, (0,instance/* githubInstance */.LJ)(config.githubHost ?? 'github.com'))
            : err;
    });
    const identity = certificateIdentity(chain[0]);
    ctx.logger.info(`signing identity: ${identity.san} (issuer ${identity.issuer})`);
    return { session, chain, identity, sigstore: chosen };
}
/**
 * Each target's signature in the formats `storage` writes (the legacy simple-signing message, the
 * bundle-format statement), and every attestation.
 */
async function signForRun(opts, session, targets, statements) {
    const name = dockerReference(opts.image.registry, opts.image.repository);
    const witnessOptions = {
        ...(opts.sigstore.rekorUrl ? { rekorUrl: opts.sigstore.rekorUrl } : {}),
        ...(opts.sigstore.tsaUrl ? { tsaUrl: opts.sigstore.tsaUrl } : {}),
        timeoutMs: opts.httpTimeoutMs,
    };
    const w = witnesses(witnessOptions);
    const [signatures, attestations] = await Promise.all([
        Promise.all((opts.sign ? targets : []).map(async (target) => ({
            target,
            ...(opts.storage !== 'referrers'
                ? { message: await signMessage(session, w, simpleSigningPayload(name, target.digest)) }
                : {}),
            ...(opts.storage !== 'legacy'
                ? {
                    statement: await signStatement(session, w, statement([imageSubject(name, target.digest)], COSIGN_SIGN_PREDICATE, {})),
                }
                : {}),
        }))),
        Promise.all(statements.map(async (s) => ({
            signed: await withEnvelopeTimestamp(opts, witnessOptions, await signStatement(session, w, s.statement)),
            targets: s.targets.map((t) => t.digest),
        }))),
    ]).catch((err) => {
        throw explainWitnessError(err, witnessOptions);
    });
    return { signatures, attestations };
}
/** The legacy `.att` layer of a statement without a Rekor entry is dated by a timestamp of its own. */
async function withEnvelopeTimestamp(opts, witnessOptions, signed) {
    if (opts.storage === 'referrers' || signed.tlogEntry || !witnessOptions.tsaUrl)
        return signed;
    return {
        ...signed,
        envelopeTimestamp: await timestampOf(witnessOptions, Buffer.from(signed.envelopeJson)),
    };
}
/** Every signed statement, the targets' bundle-format signatures first. */
function signedStatements(s) {
    return [
        ...s.signatures.flatMap((t) => (t.statement ? [t.statement] : [])),
        ...s.attestations.map((a) => a.signed),
    ];
}
function rekorLogIndexes(s) {
    return [
        ...new Set([
            ...s.signatures.flatMap((t) => [t.message?.tlogEntry, t.statement?.tlogEntry]),
            ...s.attestations.map((a) => a.signed.tlogEntry),
        ].flatMap((e) => (e ? [e.logIndex] : []))),
    ];
}

// EXTERNAL MODULE: ./build/src/subject.js
var src_subject = __webpack_require__(24937);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./build/src/sigstore/trust.js





async function trustFromFile(path) {
    let json;
    try {
        json = JSON.parse(await (0,external_node_fs_promises_.readFile)(path, 'utf8'));
    }
    catch (err) {
        throw new Error(`trusted-root ${path}: cannot read it as JSON (${err.message}); give the trusted_root.json of your Sigstore`);
    }
    let trustedRoot;
    let material;
    try {
        // Both throw TypeErrors that name no input on JSON of the wrong shape (`null`, a string where a
        // list belongs; found by fuzzing, test/fuzz/sigstore.test.ts).
        trustedRoot = protobuf_specs_dist.TrustedRoot.fromJSON(json);
        material = (0,verify_dist/* toTrustMaterial */.jO)(trustedRoot);
    }
    catch (err) {
        throw new Error(`trusted-root ${path}: does not parse as a trusted root (${err.message}); give the trusted_root.json of your Sigstore`);
    }
    if (trustedRoot.certificateAuthorities.length === 0) {
        throw new Error(`trusted-root ${path}: lists no certificate authority; it must contain your Fulcio's CA chain`);
    }
    return { trustedRoot, material, source: path };
}
async function publicGoodTrust(cachePath) {
    // Loaded lazily: only public-good runs need the TUF client.
    const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(908), __webpack_require__.e(694)]).then(__webpack_require__.t.bind(__webpack_require__, 84423, 19));
    const trustedRoot = await getTrustedRoot(cachePath ? { cachePath } : {});
    return { trustedRoot, material: (0,verify_dist/* toTrustMaterial */.jO)(trustedRoot), source: 'public-good Sigstore (TUF)' };
}
/**
 * A Sigstore's trusted root from its TUF repository — GitHub's (https://tuf-repo.github.com, from
 * the root pinned in github/tuf-root.ts) or a mirror — verified and cached by @sigstore/tuf exactly
 * as the public-good one is. @sigstore/tuf seeds a mirror it does not know from a root.json file:
 * the pinned root is written to one first (a cached, newer root takes precedence, as TUF requires).
 * `target` names another target than trusted_root.json: a GHE.com tenant's
 * `<trust domain>.trusted_root.json` (github/trust-domain.ts).
 */
async function tufTrust(tuf, what, o = {}) {
    const { getTrustedRoot, initTUF } = await Promise.all(/* import() */[__webpack_require__.e(908), __webpack_require__.e(694)]).then(__webpack_require__.t.bind(__webpack_require__, 84423, 19));
    let rootPath = tuf.rootPath;
    if (!rootPath) {
        const dir = await (0,external_node_fs_promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'sigstamp-tuf-root-'));
        rootPath = (0,external_node_path_.join)(dir, 'root.json');
        await (0,external_node_fs_promises_.writeFile)(rootPath, tuf.rootJson);
    }
    const target = o.target ?? 'trusted_root.json';
    const options = { mirrorURL: tuf.mirror, rootPath, ...(o.cachePath ? { cachePath: o.cachePath } : {}) };
    let trustedRoot;
    try {
        trustedRoot = o.target
            ? protobuf_specs_dist.TrustedRoot.fromJSON(JSON.parse(await (await initTUF(options)).getTarget(o.target)))
            : await getTrustedRoot(options);
    }
    catch (err) {
        // TUFError carries the fetch or verification failure as its cause.
        const e = err;
        if (e.code === 'TUF_FIND_TARGET_ERROR')
            throw new Error(`${what}: the TUF repository ${tuf.mirror} has no target ${target} (its targets metadata does not list it); ` +
                'check the trust domain and the TUF mirror (tuf-mirror, tuf-root), or give the trusted root as trusted-root', { cause: err });
        const detail = [e.message, e.cause?.message].filter(Boolean).join(': ');
        throw new Error(`${what}: cannot fetch a verified ${target} from the TUF repository ${tuf.mirror} (${detail}); ` +
            'check that it is reachable from the runner, or give the trusted root as trusted-root', { cause: err });
    }
    return {
        trustedRoot,
        material: (0,verify_dist/* toTrustMaterial */.jO)(trustedRoot),
        source: `${what} (TUF ${tuf.mirror}, ${target})`,
    };
}
function pem(der, label) {
    return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}
/** The PEM material a policy needs (Kyverno `roots`, `rekor.pubkey`), from the first entry of each kind. */
function trustPems(root) {
    const ca = root.certificateAuthorities[0];
    const fulcioChainPem = (ca?.certChain?.certificates ?? [])
        .map((c) => pem(c.rawBytes, 'CERTIFICATE'))
        .join('');
    const rekorKey = root.tlogs[0]?.publicKey?.rawBytes;
    const tsa = root.timestampAuthorities[0]?.certChain?.certificates ?? [];
    return {
        fulcioChainPem,
        ...(rekorKey ? { rekorPublicKeyPem: pem(rekorKey, 'PUBLIC KEY') } : {}),
        ...(tsa.length ? { tsaChainPem: tsa.map((c) => pem(c.rawBytes, 'CERTIFICATE')).join('') } : {}),
    };
}

// EXTERNAL MODULE: ./build/src/policy/identity.js
var identity = __webpack_require__(58636);
// EXTERNAL MODULE: ./build/src/policy/regex.js
var regex = __webpack_require__(49859);
;// CONCATENATED MODULE: ./build/src/policy/input.js
// What every consumer's policy and command is generated from: the checked input (PolicyInput),
// its image normalised once (Target), and the naming and matching rules all consumers share.
// Pure: every string a verifier will interpret (regex, glob, image pattern) is derived here from
// checked input. The consumers (kyverno.ts, kyverno-ivp.ts, policy-controller.ts, commands.ts)
// import from here, and consumers.ts assembles them, so nothing here imports a consumer.



/** Where a run with GitHub's instance writes the trusted root it verified with (in output-dir). */
const GITHUB_TRUSTED_ROOT_FILE = 'github-trusted-root.json';
const PUBLIC_REKOR_URL = 'https://rekor.sigstore.dev';
const PUBLIC_FULCIO_URL = 'https://fulcio.sigstore.dev';
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
const input_GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** What `cosign sign` v3 (and sigstamp) signs an image with in the bundle format (DESIGN.md). */
const input_COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
/** Docker Hub's registry host names; go-containerregistry rewrites docker.io to index.docker.io. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
// The OCI distribution-spec repository grammar (path components of lowercase alphanumerics and
// separators). Nothing here is a glob metacharacter for go-wildcard, gobwas/glob or
// policy-controller's glob, so a name is always a literal in every image pattern we emit.
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const REGISTRY = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/** Checks the input once for every generator and normalises the image name. */
function target(i) {
    (0,regex/* assertAnchoredRe2 */.q)(i.policy.subjectRegExp);
    if (i.policy.issuer.trim() === '' || /\s/.test(i.policy.issuer)) {
        throw new Error(`issuer ${JSON.stringify(i.policy.issuer)} is empty or contains whitespace`);
    }
    const registry = i.image.registry.toLowerCase();
    if (!REGISTRY.test(registry)) {
        throw new Error(`registry ${JSON.stringify(i.image.registry)} is not a host[:port]`);
    }
    const hub = HUB_HOSTS.has(registry);
    const repository = hub && !i.image.repository.includes('/') ? `library/${i.image.repository}` : i.image.repository;
    if (!REPOSITORY.test(repository)) {
        throw new Error(`repository ${JSON.stringify(i.image.repository)} is not a valid OCI repository name`);
    }
    if (!DIGEST.test(i.digest))
        throw new Error(`digest ${JSON.stringify(i.digest)} is not sha256:/sha512:<hex>`);
    const seen = new Set();
    for (const t of i.predicateTypes) {
        if (t.trim() === '' || /\s/.test(t))
            throw new Error(`predicate type ${JSON.stringify(t)} is empty or has whitespace`);
        if (seen.has(t))
            throw new Error(`predicate type ${t} is listed twice`);
        seen.add(t);
    }
    const reg = hub ? 'docker.io' : registry;
    const name = `${reg}/${repository}`;
    return { registry: reg, repository, hub, name, ref: `${name}@${i.digest}` };
}
/**
 * The names Kyverno's ClusterPolicy engine compares `imageReferences` against: ImageInfo.String()
 * (pkg/utils/image/infos.go) = `<registry>/<path>` + `:<tag>` or, when a digest is present,
 * `@<digest>` alone. The registry is added only when missing (addDefaultRegistry: `docker.io/`),
 * and `reference.Parse` does NOT add Docker Hub's `library/`, so `nginx` becomes
 * `docker.io/nginx` while `docker.io/library/nginx` stays as written; `index.docker.io/…` is
 * kept as a registry of its own. Every spelling of the image is listed, none of another image.
 */
function kyvernoImageNames(t) {
    if (!t.hub)
        return [t.name];
    const short = t.repository.startsWith('library/') ? [t.repository.slice('library/'.length)] : [];
    return ['docker.io', 'index.docker.io'].flatMap((host) => [t.repository, ...short].map((p) => `${host}/${p}`));
}
/** `<name>:*` (any tag) and `<name>@*` (any digest): never `*` alone, never a bare prefix glob. */
function tagAndDigestGlobs(names) {
    return names.flatMap((n) => [`${n}:*`, `${n}@*`]);
}
/**
 * go-containerregistry's normalised name, what policy-controller matches its globs against
 * (pkg/apis/glob/glob.go Match: `ref.Name()`; name/registry.go rewrites docker.io to
 * index.docker.io, name/repository.go adds `library/` to a one-component Hub name).
 */
function policyControllerImageName(t) {
    return t.hub ? `index.docker.io/${t.repository}` : t.name;
}
/** The repository whose workflow run built the image: the caller of a reusable workflow. */
function sourceRepositoryUrl(p) {
    if (p.reusableWorkflow)
        return p.callerRepository;
    const s = (0,identity/* parseSan */.QW)(p.exactSubject);
    return `${s.serverUrl}/${s.owner}/${s.repo}`;
}
/** `owner/repo` of a repository URL (the form of Fulcio extension .1.5, githubWorkflowRepository). */
function ownerRepo(url) {
    const m = /^https?:\/\/[^/]+\/([^/\s]+\/[^/\s]+?)\/?$/.exec(url);
    return m?.[1];
}
function predicateInfos(types) {
    let custom = 0;
    return types.map((type) => {
        if (type === SLSA_PROVENANCE_V1)
            return { type, kind: 'slsa-v1', name: 'slsa_v1' };
        if (type === SLSA_PROVENANCE_V02)
            return { type, kind: 'slsa-v0.2', name: 'slsa_v02' };
        // GitHub's attest writes https://spdx.dev/Document/v2.3; cosign --type spdxjson the bare one.
        if (type === 'https://spdx.dev/Document' || type.startsWith('https://spdx.dev/Document/')) {
            return { type, kind: 'spdx', name: type === 'https://spdx.dev/Document' ? 'spdx' : `spdx_${++custom}` };
        }
        if (type === 'https://cyclonedx.org/bom' || type.startsWith('https://cyclonedx.org/bom/')) {
            return {
                type,
                kind: 'cyclonedx',
                name: type === 'https://cyclonedx.org/bom' ? 'cyclonedx' : `cyclonedx_${++custom}`,
            };
        }
        return { type, kind: 'custom', name: `predicate_${++custom}` };
    });
}
/**
 * A DNS-1123 label (lowercase alphanumerics and `-`, at most 63, alphanumeric at both ends): valid
 * as a cluster-scoped name of every kind we emit and as a label value. Long names keep a readable
 * prefix and end in a hash of the full image name, so two repositories never collide.
 */
function resourceName(t, suffix) {
    const slug = (s) => s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const base = slug(`${t.registry}/${t.repository}`);
    const tail = suffix ? `-${slug(suffix)}` : '';
    const full = `sigstamp-${base}${tail}`;
    if (full.length <= 63)
        return full;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(`${t.registry}/${t.repository}`).digest('hex').slice(0, 8);
    const room = 63 - 'sigstamp-'.length - tail.length - hash.length - 1;
    return `sigstamp-${base.slice(0, room).replace(/-+$/, '')}-${hash}${tail}`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./build/src/policy/render.js
// The text every generated policy shares: YAML 1.1 documents under a header naming the signer,
// and a custom Sigstore's certificate chain in the order and form the consumers want it. All YAML
// goes through the `yaml` package so quoting is never hand-made.


/**
 * YAML 1.1 output: Kubernetes reads manifests with a YAML 1.1 parser (sigs.k8s.io/yaml over
 * go-yaml), where an unquoted `on`, `no` or `1:20` is not a string; the 1.1 schema quotes them.
 */
function yamlText(header, ...docs) {
    return docs
        .map((obj, n) => {
        // No anchors/aliases for objects used twice (the attestor): plain, repeated text is what
        // reviewers and `kubectl diff` expect.
        const doc = new yaml_dist/* Document */.yo(obj, { version: '1.1', aliasDuplicateObjects: false });
        if (n === 0 && header.length > 0)
            doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
        return doc.toString({ lineWidth: 0 });
    })
        .join('---\n');
}
function header(i, t, what) {
    return [
        `${what} for ${t.name}, generated by sigstamp.`,
        `Signer: ${i.policy.exactSubject}`,
        `Issuer: ${i.policy.issuer}`,
    ];
}
/** The PEM certificates of a chain, leaf (or intermediate) first and the self-signed root last. */
function pemCertificates(pem) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0)
        throw new Error('certificate chain PEM holds no CERTIFICATE block');
    const first = new external_node_crypto_.X509Certificate(blocks[0]);
    return blocks.length > 1 && first.checkIssued(first) ? [...blocks].reverse() : blocks;
}
/** The chain as PEM text, root last (what policy-controller's CertificateAuthority.certChain wants). */
function chainPem(pem) {
    return pemCertificates(pem).join('\n') + '\n';
}
/** Organization and common name of the chain's root, as policy-controller's TrustRoot requires. */
function rootSubject(pem) {
    const certs = pemCertificates(pem);
    const root = new external_node_crypto_.X509Certificate(certs[certs.length - 1]);
    const field = (k) => root.subject
        .split('\n')
        .find((l) => l.startsWith(`${k}=`))
        ?.slice(k.length + 1);
    const organization = field('O');
    const commonName = field('CN');
    return { ...(organization ? { organization } : {}), ...(commonName ? { commonName } : {}) };
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./build/src/policy/commands.js
// Verification commands for the identity that signed: cosign (flags of sigstore/cosign v3,
// cmd/cosign/cli/options/{certificate,verify,registry,predicate}.go, all present in recent v2) and
// gh (cli/cli pkg/cmd/attestation/verify/verify.go and options.go). Every argument is shell-quoted:
// the regex carries `\`, `$`, `(`, `[` and `?`, which a shell would otherwise interpret.



/** POSIX shell quoting: plain words stay bare, anything else goes in single quotes ('\'' for '). */
function shellQuote(s) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s))
        return s;
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
const line = (args) => args.map(shellQuote).join(' ');
function trustedRootPath(i) {
    return i.sigstore.kind === 'custom' ? (i.sigstore.trustedRootPath ?? 'trusted_root.json') : undefined;
}
function cosignFlags(i) {
    // cosign matches --certificate-identity-regexp with Go's unanchored MatchString: the regex is
    // anchored by identityPolicy (and re-checked by target()).
    const flags = [
        '--certificate-identity-regexp',
        i.policy.subjectRegExp,
        '--certificate-oidc-issuer',
        i.policy.issuer,
    ];
    const caller = i.policy.callerRepository && ownerRepo(i.policy.callerRepository);
    if (i.policy.reusableWorkflow && caller) {
        // Fulcio extension .1.5 (owner/repo of the run): the SAN names the called workflow only.
        flags.push('--certificate-github-workflow-repository', caller);
    }
    if (i.sigstore.kind === 'custom') {
        flags.push('--trusted-root', trustedRootPath(i));
        // No CT log behind a private Fulcio, so no SCT to check.
        flags.push('--insecure-ignore-sct');
        if (i.sigstore.rekorUrl)
            flags.push('--rekor-url', trimSlash(i.sigstore.rekorUrl));
        else
            flags.push('--insecure-ignore-tlog', '--use-signed-timestamps'); // TSA-only signing
    }
    // cosign v3 reads bundles by default (and falls back to the legacy tags when there are none);
    // cosign v2 reads the legacy tags unless told otherwise.
    if (i.storage === 'referrers')
        flags.push('--new-bundle-format');
    if (i.insecureRegistry)
        flags.push('--allow-insecure-registry');
    return flags;
}
/** `cosign verify …` and one `cosign verify-attestation --type <predicate type> …` per predicate. */
function cosignCommands(i) {
    const t = target(i);
    const flags = cosignFlags(i);
    return [
        line(['cosign', 'verify', ...flags, t.ref]),
        // --type takes the predicate type URI as is (options/predicate.go ParsePredicateType).
        ...i.predicateTypes.map((type) => line(['cosign', 'verify-attestation', '--type', type, ...flags, t.ref])),
    ];
}
/**
 * `gh attestation verify oci://… --bundle-from-oci`: reads the bundle referrers, so undefined for
 * legacy storage. gh verifies one predicate type per run (SLSA provenance v1 unless told
 * otherwise): this picks the provenance if published, else the first predicate, else the image
 * signature's own statement type. Undefined too where gh cannot work: a host other than
 * github.com or a GHE.com tenant, or a reusable workflow whose caller is unknown (--repo must name
 * the repository the run belongs to).
 */
function ghAttestationCommand(i) {
    if (i.storage === 'legacy')
        return undefined;
    const t = target(i);
    const host = new URL((0,identity/* parseSan */.QW)(i.policy.exactSubject).serverUrl).host;
    if (host !== 'github.com' && !host.endsWith('.ghe.com'))
        return undefined;
    const source = sourceRepositoryUrl(i.policy);
    const repo = source && ownerRepo(source);
    if (!repo)
        return undefined;
    const predicate = i.predicateTypes.includes(SLSA_PROVENANCE_V1)
        ? SLSA_PROVENANCE_V1
        : (i.predicateTypes[0] ?? input_COSIGN_SIGN_PREDICATE);
    const args = [
        'gh',
        'attestation',
        'verify',
        `oci://${t.ref}`,
        '--bundle-from-oci',
        // --repo checks the Source Repository extension (.1.12); --cert-identity-regex replaces the
        // default SAN check (options.go SetPolicyFlags), and unlike --signer-workflow pins the ref.
        '--repo',
        repo,
        '--cert-identity-regex',
        i.policy.subjectRegExp,
        '--cert-oidc-issuer',
        i.policy.issuer,
        '--predicate-type',
        predicate,
    ];
    if (host !== 'github.com')
        args.push('--hostname', host);
    // gh knows GitHub's instance: it fetches GitHub's trusted root from its own TUF (tuf-repo.github.com).
    if (i.sigstore.kind === 'custom' && i.sigstore.instance !== 'github') {
        // gh reads --custom-trusted-root as JSON Lines, one trusted root per newline-terminated line
        // (verification/sigstore.go), so a pretty-printed trusted_root.json must be compacted first.
        // gh demands a Rekor entry whenever the root lists a Rekor log (newCustomVerifier:
        // WithTransparencyLog(1) if RekorLogs() > 0) and has no flag to waive it: for TSA-only signing
        // the copy leaves the logs out, which is what cosign's --insecure-ignore-tlog does. The
        // observer timestamp gh still requires can then only be the TSA's.
        const path = trustedRootPath(i);
        const jsonl = `${path.replace(/\.json$/, '')}.jsonl`;
        const filter = i.sigstore.rekorUrl ? '.' : 'del(.tlogs)';
        args.push('--custom-trusted-root', jsonl);
        return `${line(['jq', '-c', filter, path])} > ${shellQuote(jsonl)} && ${line(args)}`;
    }
    return line(args);
}

;// CONCATENATED MODULE: ./build/src/policy/kyverno.js


/**
 * Kyverno compares `issuer` with go-wildcard (pkg/image/verifiers/cpol/cosign/cosign.go
 * matchExtensions), which has no escape: a `*` or `?` in an issuer would be a wildcard.
 */
function literalIssuer(p) {
    if (/[*?]/.test(p.issuer))
        throw new Error(`issuer ${p.issuer} contains * or ?, a wildcard to Kyverno`);
    return p.issuer;
}
/** Rekor and CT settings of a ClusterPolicy keyless attestor (KeylessAttestor.Rekor / .CTLog). */
function cpolTransparency(i) {
    if (i.sigstore.kind === 'public-good') {
        // KeylessAttestor.Validate requires a Rekor URL or roots; the CT log keys come from TUF.
        return { rekor: { url: PUBLIC_REKOR_URL } };
    }
    const s = i.sigstore;
    const out = {
        // Fulcio chain of the private Sigstore (cosign.go buildCosignOptions: opts.Roots -> RootCerts).
        roots: chainPem(s.fulcioChainPem),
        // A private Fulcio without a CT log issues no SCT (ctlog: false): verifying one would fail.
        // tsaCertChain only when this run was timestamped: it makes a signed timestamp mandatory.
        ctlog: { ignoreSCT: true, ...(s.tsaUrl && s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}) },
    };
    out.rekor = s.rekorUrl
        ? { url: trimSlash(s.rekorUrl), ...(s.rekorPublicKeyPem ? { pubkey: s.rekorPublicKeyPem } : {}) }
        : // Signed without Rekor: KeylessAttestor.Validate still demands a non-empty URL, which
            // buildCosignOptions never uses once ignoreTlog is set.
            { url: PUBLIC_REKOR_URL, ignoreTlog: true };
    return out;
}
/** The conditions worth checking inside a predicate, as Kyverno JMESPath over the predicate. */
function cpolConditions(p, policy) {
    // pkg/engine/internal/utils.go EvaluateConditions adds statement.predicate to the context, so
    // keys are paths inside the predicate.
    const all = [];
    const eq = (key, value) => {
        all.push({ key: `{{ ${key} }}`, operator: 'Equals', value });
    };
    const repo = sourceRepositoryUrl(policy);
    switch (p.kind) {
        case 'slsa-v1':
            eq('buildDefinition.buildType', input_GITHUB_WORKFLOW_BUILD_TYPE);
            // The repository whose workflow ran, as sigstamp (and actions/attest) record it from the
            // certificate: ties the provenance to the source, not only to the signer.
            if (repo)
                eq('buildDefinition.externalParameters.workflow.repository', repo);
            break;
        case 'slsa-v0.2':
            eq('buildType', input_GITHUB_WORKFLOW_BUILD_TYPE);
            break;
        case 'spdx':
            eq('SPDXID', 'SPDXRef-DOCUMENT'); // mandatory document id in SPDX 2.x
            break;
        case 'cyclonedx':
            eq('bomFormat', 'CycloneDX');
            break;
        case 'custom':
            return undefined;
    }
    return [{ all }];
}
function cpolRule(i, t, type, keyless) {
    const attestors = [{ entries: [{ keyless }] }];
    return {
        name: 'verify-image',
        // Pods only: Kyverno's auto-gen (pkg/autogen/v1/autogen.go CanAutoGen) copies a Pod rule to
        // Deployments, StatefulSets, Jobs, CronJobs… as long as it names no resource or selector.
        match: { any: [{ resources: { kinds: ['Pod'] } }] },
        verifyImages: [
            {
                type,
                imageReferences: tagAndDigestGlobs(kyvernoImageNames(t)),
                // Per-rule failure action (ImageVerification.FailureAction); spec.validationFailureAction
                // is deprecated in v1.19.
                failureAction: i.action === 'audit' ? 'Audit' : 'Enforce',
                // Kyverno refuses mutateDigest with Audit ("mutateDigest must be set to false for 'Audit'
                // failure action"); an audit that does not pin tags would report every tag as undigested,
                // so audit checks signatures only.
                ...(i.action === 'audit'
                    ? { mutateDigest: false, verifyDigest: false }
                    : { mutateDigest: true, verifyDigest: true }),
                required: true,
                ...(i.insecureRegistry ? { imageRegistryCredentials: { allowInsecureRegistry: true } } : {}),
                attestors,
                // Every attestation carries the attestor: one without attestors is checked with an empty
                // one, i.e. no identity at all (pkg/engine/internal/imageverifier.go verifyAttestations).
                ...(i.predicateTypes.length > 0
                    ? {
                        attestations: predicateInfos(i.predicateTypes).map((p) => {
                            const conditions = cpolConditions(p, i.policy);
                            return { type: p.type, attestors, ...(conditions ? { conditions } : {}) };
                        }),
                    }
                    : {}),
            },
        ],
    };
}
function clusterPolicy(i, t, name, title, rule) {
    return {
        apiVersion: 'kyverno.io/v1',
        kind: 'ClusterPolicy',
        metadata: {
            name,
            annotations: {
                'policies.kyverno.io/title': title,
                'policies.kyverno.io/description': `Images of ${t.name} must be signed${i.predicateTypes.length > 0 ? ', and attested,' : ''} by a ` +
                    `certificate of issuer ${i.policy.issuer} whose subject matches ${i.policy.subjectRegExp}.`,
            },
        },
        spec: {
            // As Kyverno's own verify-images conformance policies: verification happens at admission.
            background: false,
            // Image verification fetches from registries and Rekor: the 10 s default is short.
            webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
            rules: [rule],
        },
    };
}
function commonNotes(t) {
    const notes = [
        'The rule matches Pods; Kyverno auto-generates the same rule for Deployments, StatefulSets, DaemonSets, ' +
            'Jobs, CronJobs and ReplicaSets (auto-gen rules), so a workload is refused before its Pods are created.',
        `imageReferences cover ${t.name} only (any tag, any digest): other images are not governed by this policy.`,
    ];
    if (t.hub) {
        notes.push('Docker Hub: Kyverno names an image as written plus `docker.io/`, without adding `library/`, so every ' +
            'spelling (docker.io/…, index.docker.io/…, with and without library/) is listed. With ' +
            'enableDefaultRegistryMutation: false, also add the spellings without a registry.');
    }
    return notes;
}
function kyvernoClusterPolicyCosign(i) {
    const t = target(i);
    const keyless = {
        // `subject` (go-wildcard glob over the whole SAN), NOT subjectRegExp: the two are OR'ed
        // (cosign.go matchCertificateData) and Kyverno ≤ 1.13.5 skipped the identity check when only
        // subjectRegExp was set.
        subject: i.policy.kyvernoGlob,
        issuer: literalIssuer(i.policy),
        ...cpolTransparency(i),
    };
    const notes = commonNotes(t);
    const caller = i.policy.callerRepository ? ownerRepo(i.policy.callerRepository) : undefined;
    if (i.policy.reusableWorkflow) {
        if (caller) {
            // Fulcio extension 1.3.6.1.4.1.57264.1.5 (`repository` claim, owner/repo), read by
            // extractCertExtensionValue under cosign's name githubWorkflowRepository.
            keyless.additionalExtensions = { githubWorkflowRepository: caller };
            notes.push(`The signer is a reusable workflow: additionalExtensions.githubWorkflowRepository pins the calling ` +
                `repository ${caller}, so other repositories calling the same workflow are refused.`);
        }
        else {
            notes.push('The signer is a reusable workflow and the calling repository is unknown: every repository that can call ' +
                'it passes. Add additionalExtensions.githubWorkflowRepository: <owner>/<repo> to pin the caller.');
        }
    }
    notes.push('type: Cosign reads only the legacy .sig/.att tags (cosign v2 layout).');
    if (i.sigstore.kind === 'custom') {
        notes.push('Private Sigstore: keyless.roots holds its Fulcio chain, rekor.pubkey its Rekor key; ctlog.ignoreSCT is set ' +
            'because its Fulcio has no CT log.');
        if (i.sigstore.rekorUrl && !i.sigstore.rekorPublicKeyPem) {
            notes.push('No Rekor public key was given: Kyverno will check Rekor entries against the public-good keys and fail.');
        }
    }
    return {
        consumer: 'kyverno-clusterpolicy-cosign',
        filename: 'kyverno-clusterpolicy-cosign.yaml',
        text: yamlText(header(i, t, 'Kyverno ClusterPolicy (type: Cosign)'), clusterPolicy(i, t, resourceName(t, 'cosign'), 'Verify sigstamp signatures (cosign legacy tags)', cpolRule(i, t, 'Cosign', keyless))),
        notes,
    };
}
function kyvernoClusterPolicyBundle(i) {
    const t = target(i);
    // SigstoreBundle builds a sigstore-go identity only when issuer AND subject are both set, and
    // otherwise checks the digest alone (pkg/image/verifiers/cpol/cosign/sigstore.go buildPolicy).
    // In bundle mode `ignoreSCT` checks no SCT at all: sigstore.go buildVerifyOptions maps !ignoreSCT
    // to WithObserverTimestamps(1) and never asks for SCTs. With ignoreSCT and a tlog the verifier gets
    // no timestamp option, and sigstore-go refuses every bundle ("you must specify at least one of
    // WithObserverTimestamps()…", measured with Kyverno v1.19.1). Left unset, the Rekor entry's time
    // (or the TSA's) is the observer timestamp, as it should be.
    const transparency = cpolTransparency(i);
    if (transparency.ctlog) {
        const { ignoreSCT: _ignored, ...ctlog } = transparency.ctlog;
        if (Object.keys(ctlog).length)
            transparency.ctlog = ctlog;
        else
            delete transparency.ctlog;
    }
    const keyless = {
        issuer: literalIssuer(i.policy),
        subjectRegExp: i.policy.subjectRegExp,
        ...transparency,
    };
    const notes = commonNotes(t);
    notes.push('type: SigstoreBundle reads only OCI 1.1 bundle referrers, and fails an image with more than 50 referrers ' +
        'or a bundle layer over 10 MB (sigstore.go fetchBundles).');
    if (i.policy.reusableWorkflow) {
        notes.push('The signer is a reusable workflow: SigstoreBundle cannot check the calling repository (it ignores ' +
            'additionalExtensions), so every repository that can call the workflow passes.');
    }
    if (i.sigstore.kind === 'custom') {
        notes.push('Private Sigstore: SigstoreBundle verifies bundles only against the trusted root of Kyverno’s own TUF ' +
            '(sigstore.go getTrustedMaterial ignores roots and rekor.pubkey): start Kyverno with ' +
            (i.sigstore.tuf
                ? `--tufMirror=${i.sigstore.tuf.mirror} and --tufRoot (your tuf/root.json)`
                : '--tufMirror/--tufRoot of your Sigstore’s TUF repository (`sigstamp tuf-repo`)') +
            '; for the Kyverno CLI, set TUF_ROOT to a cache initialised from it (`cosign initialize --mirror … --root …`, cosign v2).');
    }
    return {
        consumer: 'kyverno-clusterpolicy-sigstorebundle',
        filename: 'kyverno-clusterpolicy-bundle.yaml',
        text: yamlText(header(i, t, 'Kyverno ClusterPolicy (type: SigstoreBundle)'), clusterPolicy(i, t, resourceName(t, 'bundle'), 'Verify sigstamp signatures (Sigstore bundles)', cpolRule(i, t, 'SigstoreBundle', keyless))),
        notes,
    };
}

;// CONCATENATED MODULE: ./build/src/policy/kyverno-ivp.js


/** A CEL string literal (single-quoted; backslash and quote escaped). */
function cel(s) {
    return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
/** IVP image patterns: the raw Pod spellings (validations) and Kyverno's normalised ones (mutateDigest). */
function ivpImageReferences(t) {
    // pkg/image/verification/evaluator/policy.go matches the image string of the Pod spec as written
    // for validations and ImageInfo.String() for mutateDigest, with gobwas/glob (no separators: `*`
    // also crosses `/`). So: the bare name (implicit latest) and any tag or digest of each spelling.
    const names = kyvernoImageNames(t);
    if (t.hub)
        names.push(t.repository); // `library/nginx` and `acme/app` as written in a Pod
    const refs = names.flatMap((n) => [n, `${n}:*`, `${n}@*`]).map((glob) => ({ glob }));
    if (t.hub && t.repository.startsWith('library/')) {
        // `nginx`, `nginx:1`, `nginx@sha256:…`. A glob `nginx:*` would also match `nginx:5000/x`,
        // an image of the registry host nginx:5000; the RE2 (CEL matches) allows no `/` after it.
        const short = t.repository.slice('library/'.length).replace(/\./g, '\\.');
        refs.push({ expression: `ref.matches(${cel(`^${short}(:[^/@]+)?(@[^/]+)?$`)})` });
    }
    return refs;
}
function ivpCondition(p, policy) {
    // extractPayload returns the verified in-toto statement (pkg/cel/libs/imageverify/lib.go).
    const at = (path) => `extractPayload(image, attestations.${p.name}).predicate.${path}`;
    const repo = sourceRepositoryUrl(policy);
    switch (p.kind) {
        case 'slsa-v1':
            return [
                `${at('buildDefinition.buildType')} == ${cel(input_GITHUB_WORKFLOW_BUILD_TYPE)}`,
                ...(repo ? [`${at('buildDefinition.externalParameters.workflow.repository')} == ${cel(repo)}`] : []),
            ].join(' && ');
        case 'slsa-v0.2':
            return `${at('buildType')} == ${cel(input_GITHUB_WORKFLOW_BUILD_TYPE)}`;
        case 'spdx':
            return `${at('SPDXID')} == 'SPDXRef-DOCUMENT'`;
        case 'cyclonedx':
            return `${at('bomFormat')} == 'CycloneDX'`;
        case 'custom':
            return undefined;
    }
}
function kyvernoImageValidatingPolicy(i) {
    const t = target(i);
    const preds = predicateInfos(i.predicateTypes);
    const notes = [
        'The policy matches Pods; Kyverno auto-generates its variants for Pod controllers (spec.autogen, on by default).',
        `matchImageReferences cover ${t.name} only (no tag, any tag, any digest), in every spelling a Pod may use` +
            (t.hub ? ' (Docker Hub: with and without docker.io/, index.docker.io/ and library/)' : '') +
            ': other images are not governed by this policy.',
    ];
    const cosign = {
        keyless: {
            // Both issuer and subject in the one identity: in 1.19 an identity missing either is dropped
            // and the check falls back to the digest alone; bundle verification takes one identity only
            // (cosign pkg/cosign/verify.go verificationOptions refuses more).
            identities: [{ issuer: i.policy.issuer, subjectRegExp: i.policy.subjectRegExp }],
        },
    };
    if (i.sigstore.kind === 'public-good') {
        cosign.ctlog = { url: PUBLIC_REKOR_URL };
    }
    else {
        const s = i.sigstore;
        // opts.go checkOptions: keyless.roots -> RootCerts (legacy signatures); ctlog -> Rekor client,
        // Rekor key, SCT and TSA settings; trustedRoot -> TrustedMaterial (bundles).
        cosign.keyless.roots = chainPem(s.fulcioChainPem);
        cosign.ctlog = {
            ...(s.rekorUrl
                ? { url: trimSlash(s.rekorUrl), ...(s.rekorPublicKeyPem ? { rekorPubKey: s.rekorPublicKeyPem } : {}) }
                : { insecureIgnoreTlog: true }),
            insecureIgnoreSCT: true,
            // Only when this run was timestamped: tsaCertChain makes a signed timestamp mandatory.
            ...(s.tsaUrl && s.tsaChainPem ? { tsaCertChain: s.tsaChainPem } : {}),
        };
        if (s.rekorUrl && !s.rekorPublicKeyPem) {
            notes.push('No Rekor public key was given: Kyverno will check Rekor entries against the public-good keys and fail.');
        }
        if (s.trustedRootJson) {
            cosign.trustedRoot = { value: s.trustedRootJson };
            notes.push('Private Sigstore: its trusted_root.json is inlined as trustedRoot, which bundle verification uses.');
        }
        else {
            notes.push('Private Sigstore: no trusted_root.json was given, so bundles are verified against the public-good ' +
                'trusted root and will fail; add attestors[0].cosign.trustedRoot.value with your trusted_root.json.');
        }
        if (s.tuf) {
            // opts.go initTUFAndFetch: keyless attestors initialise TUF (mirror + root) before anything
            // else, even with the inline trustedRoot; without `tuf` that is the public-good mirror.
            cosign.tuf = { mirror: s.tuf.mirror, root: { data: Buffer.from(s.tuf.rootJson).toString('base64') } };
            notes.push(`Kyverno initialises its TUF client from ${s.tuf.mirror} (root.json pinned inline as tuf.root.data): ` +
                (s.instance === 'github'
                    ? 'GitHub serves and re-signs that repository; the cluster must reach it (or a mirror of it: sigstamp tuf-repo).'
                    : 'keep that repository served and re-sign it (sigstamp tuf-repo) before its metadata expires.'));
        }
        else {
            notes.push('NOT READY: Kyverno initialises a TUF client for keyless attestors even with the inline trustedRoot, and ' +
                'without tuf.mirror that is the public-good mirror, which does not know this Sigstore. Write a TUF ' +
                'repository for it (`sigstamp tuf-repo --trusted-root trusted_root.json --out tuf`), serve the directory, ' +
                'and give sigstamp tuf-mirror (its URL) and tuf-root (tuf/root.json) so this policy carries both.');
        }
    }
    if (i.policy.reusableWorkflow) {
        notes.push('The signer is a reusable workflow: ImageValidatingPolicy ignores keyless.additionalExtensions ' +
            '(opts.go passes only identities), so every repository that can call the workflow passes.');
    }
    const images = '(images.containers + images.initContainers + images.ephemeralContainers)';
    const validations = [
        {
            expression: `${images}.all(image, verifyImageSignatures(image, [attestors.sigstamp]) > 0)`,
            message: `image of ${t.name} is not signed by the sigstamp identity`,
        },
        ...preds.map((p) => {
            const cond = ivpCondition(p, i.policy);
            const verified = `verifyAttestationSignatures(image, attestations.${p.name}, [attestors.sigstamp]) > 0`;
            return {
                expression: `${images}.all(image, ${cond ? `${verified} && ${cond}` : verified})`,
                message: `image of ${t.name} lacks a valid ${p.type} attestation from the sigstamp identity`,
            };
        }),
    ];
    const doc = {
        apiVersion: 'policies.kyverno.io/v1',
        kind: 'ImageValidatingPolicy',
        metadata: { name: resourceName(t, '') },
        spec: {
            webhookConfiguration: { timeoutSeconds: 30 },
            failurePolicy: 'Fail',
            // Audit records a policy report, Warn tells the user who applied the Pod; neither denies.
            validationActions: i.action === 'audit' ? ['Audit', 'Warn'] : ['Deny'],
            matchConstraints: {
                resourceRules: [
                    { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
                ],
            },
            matchImageReferences: ivpImageReferences(t),
            ...(i.insecureRegistry ? { credentials: { allowInsecureRegistry: true } } : {}),
            // Audit changes nothing in the Pods it reports on (no digest pinning), as ClusterPolicy must.
            validationConfigurations: i.action === 'audit'
                ? { mutateDigest: false, verifyDigest: false, required: true }
                : { mutateDigest: true, verifyDigest: true, required: true },
            attestors: [{ name: 'sigstamp', cosign }],
            // A cosign attestor verifies `intoto` attestations only (ivpol/cosign/verifier.go).
            ...(preds.length > 0
                ? { attestations: preds.map((p) => ({ name: p.name, intoto: { type: p.type } })) }
                : {}),
            validations,
        },
    };
    notes.push('ImageValidatingPolicy reads bundle referrers once one exists, else the legacy tags (cosign v3 behaviour).');
    return {
        consumer: 'kyverno-imagevalidatingpolicy',
        filename: 'kyverno-imagevalidatingpolicy.yaml',
        text: yamlText(header(i, t, 'Kyverno ImageValidatingPolicy (policies.kyverno.io/v1)'), doc),
        notes,
    };
}

;// CONCATENATED MODULE: ./build/src/policy/policy-controller.js
// policy-controller (sigstore/policy-controller v0.15) ClusterImagePolicy for the identity that
// signed. Field names from pkg/apis/policy/v1beta1/clusterimagepolicy_types.go and, for a private
// Sigstore, pkg/apis/policy/v1alpha1/trustroot_types.go; behaviour from pkg/webhook/validator.go.


const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
/**
 * The TrustRoot (policy.sigstore.dev/v1alpha1) holding a private Sigstore's keys. Its []byte
 * fields (certChain, publicKey) travel as base64 of the PEM text (Go's JSON encoding of []byte);
 * subject organization and commonName are required (trustroot_validation.go
 * ValidateDistinguishedName). No ctLogs: this Fulcio has no CT log.
 */
function trustRoot(name, s, notes) {
    const subject = (pem, what) => {
        const { organization, commonName } = rootSubject(pem);
        if (!organization || !commonName) {
            notes.push(`The ${what} root certificate lacks O= or CN=; the TrustRoot subject was filled with "sigstamp".`);
        }
        return { organization: organization ?? 'sigstamp', commonName: commonName ?? 'sigstamp' };
    };
    const keys = {
        certificateAuthorities: [
            {
                subject: subject(s.fulcioChainPem, 'Fulcio'),
                uri: trimSlash(s.fulcioUrl),
                certChain: b64(chainPem(s.fulcioChainPem)),
            },
        ],
    };
    if (s.rekorUrl && s.rekorPublicKeyPem) {
        // hashAlgorithm as config/sigstore_keys.go HashStringToHashAlgorithm spells SHA2_256.
        keys.tLogs = [
            { baseURL: trimSlash(s.rekorUrl), hashAlgorithm: 'sha-256', publicKey: b64(s.rekorPublicKeyPem) },
        ];
    }
    if (s.tsaUrl && s.tsaChainPem) {
        keys.timestampAuthorities = [
            {
                subject: subject(s.tsaChainPem, 'TSA'),
                uri: trimSlash(s.tsaUrl),
                certChain: b64(chainPem(s.tsaChainPem)),
            },
        ];
    }
    return {
        apiVersion: 'policy.sigstore.dev/v1alpha1',
        kind: 'TrustRoot',
        metadata: { name },
        spec: { sigstoreKeys: keys },
    };
}
function authority(i, trustRootName, attestations) {
    const keyless = {
        // validator.go ValidatePolicySignaturesForAuthority refuses a keyless authority without a URL
        // ("no Keyless URL specified"); SetDefaults would add the public one.
        url: i.sigstore.kind === 'custom' ? trimSlash(i.sigstore.fulcioUrl) : PUBLIC_FULCIO_URL,
        // Identity.Validate: subject or subjectRegExp, issuer or issuerRegExp, each required.
        identities: [{ issuer: i.policy.issuer, subjectRegExp: i.policy.subjectRegExp }],
    };
    const a = { name: 'sigstamp', keyless };
    if (i.sigstore.kind === 'public-good') {
        a.ctlog = { url: PUBLIC_REKOR_URL };
    }
    else {
        const s = i.sigstore;
        keyless.trustRootRef = trustRootName;
        keyless.insecureIgnoreSCT = true; // no CT log behind this Fulcio
        if (s.rekorUrl) {
            // checkOptsFromAuthority: the bundle format requires ctlog.trustRootRef == keyless.trustRootRef.
            a.ctlog = { url: trimSlash(s.rekorUrl), trustRootRef: trustRootName };
        }
        else if (s.tsaChainPem && s.tsaUrl) {
            // Only without Rekor: an rfc3161timestamp authority makes policy-controller skip the
            // transparency log (checkOptsFromAuthority sets IgnoreTlog), which would weaken a Rekor setup.
            a.rfc3161timestamp = { trustRootRef: trustRootName };
        }
    }
    // Authority.SignatureFormat: "legacy" (default, .sig/.att tags) or "bundle" (OCI referrers).
    if (i.storage === 'referrers')
        a.signatureFormat = 'bundle';
    if (attestations)
        a.attestations = attestations;
    return a;
}
function cip(t, name, auth, action) {
    return {
        apiVersion: 'policy.sigstore.dev/v1beta1',
        kind: 'ClusterImagePolicy',
        metadata: { name },
        spec: {
            // glob.go: `*` is [^/]*, matched against go-containerregistry's normalised name, so
            // `<name>:*` and `<name>@*` cover this repository's tags and digests and nothing else.
            images: tagAndDigestGlobs([policyControllerImageName(t)]).map((glob) => ({ glob })),
            authorities: [auth],
            // warn: admits and returns the failure as an admission warning.
            mode: action === 'audit' ? 'warn' : 'enforce',
        },
    };
}
function policyControllerClusterImagePolicy(i) {
    const t = target(i);
    const notes = [
        'policy-controller only checks namespaces labelled policy.sigstore.dev/include=true.',
        `images cover ${policyControllerImageName(t)} only (any tag, any digest); other images are not governed by these policies.`,
    ];
    if (i.insecureRegistry) {
        notes.push('policy-controller has no per-policy insecure-registry switch; go-containerregistry already uses plain HTTP ' +
            'for localhost, 127.0.0.1 and RFC 1918 hosts (name/registry.go Scheme).');
    }
    const docs = [];
    let trustRootName;
    if (i.sigstore.kind === 'custom') {
        trustRootName = resourceName(t, 'trust-root');
        docs.push(trustRoot(trustRootName, i.sigstore, notes));
        notes.push(`Private Sigstore: apply the TrustRoot ${trustRootName} with the policies; keyless.trustRootRef, ` +
            'ctlog.trustRootRef and rfc3161timestamp.trustRootRef name it.');
        if (i.sigstore.rekorUrl && !i.sigstore.rekorPublicKeyPem) {
            notes.push('No Rekor public key was given: the TrustRoot has no tLogs, so Rekor entries cannot be verified; add it.');
        }
    }
    // Authorities of one policy are OR'ed and one with attestations checks only attestations
    // (validator.go ValidatePolicy), whereas every policy matching an image must pass
    // (validatePolicies). So the signature and the attestations are two policies.
    docs.push(cip(t, resourceName(t, 'signature'), authority(i, trustRootName), i.action));
    const preds = predicateInfos(i.predicateTypes);
    if (preds.length > 0) {
        const attestations = preds.map((p) => ({ name: p.name.replace(/_/g, '-'), predicateType: p.type }));
        docs.push(cip(t, resourceName(t, 'attestations'), authority(i, trustRootName, attestations), i.action));
        notes.push('Two ClusterImagePolicies: one requires the image signature, the other every attestation; policy-controller ' +
            'admits an image only when every policy matching it passes.');
    }
    notes.push(i.storage === 'referrers'
        ? 'signatureFormat: bundle: the authorities read Sigstore bundle referrers.'
        : 'The authorities read the legacy .sig/.att tags (signatureFormat legacy, the default).');
    if (i.storage === 'referrers') {
        // Both shown by policy-controller v0.15.1's own tester (test/conformance/policy-controller.test.ts).
        notes.push('NOT READY: policy-controller (v0.15.1) does not verify image signatures in the bundle format ' +
            '(sigstore/policy-controller#1958: "bundle support for image signatures is not yet implemented"): the ' +
            'signature policy refuses every image until that is fixed; sign with storage: both to use these policies now.');
        if (i.sigstore.kind === 'custom' && i.sigstore.rekorUrl) {
            notes.push("NOT READY: policy-controller (v0.15.1) gives a TrustRoot's tLogs a log ID no bundle matches, so bundle " +
                'attestations fail ("not enough verified log entries from transparency log: 0 < 1"); the fix is the ' +
                'unreleased sigstore/policy-controller#1968. storage: both (legacy tags) verifies with this TrustRoot.');
        }
    }
    return {
        consumer: 'policy-controller',
        filename: 'policy-controller-clusterimagepolicy.yaml',
        text: yamlText(header(i, t, 'policy-controller ClusterImagePolicy'), ...docs),
        notes,
    };
}

;// CONCATENATED MODULE: ./build/src/policy/consumers.js
// Ready-to-apply admission policies and verification commands for the identity that signed THIS
// run: Kyverno (ClusterPolicy `type: Cosign`, `type: SigstoreBundle`, ImageValidatingPolicy),
// policy-controller (ClusterImagePolicy), cosign and gh commands.
//
// This module assembles them (`allPolicies`) and is the one import for their callers. The input
// and the shared naming rules are in input.ts, the shared text in render.ts; the text of each
// consumer is built in kyverno.ts, kyverno-ivp.ts, policy-controller.ts and commands.ts, which
// import only those two, never this module. Pure: no network, no files.









/**
 * The policies that reach every consumer of what was published: `type: Cosign` reads only the
 * legacy `.sig`/`.att` tags, `SigstoreBundle` and ImageValidatingPolicy only bundle referrers
 * (once one exists), policy-controller either (its authority's signatureFormat).
 */
function allPolicies(i) {
    const out = [];
    if (i.storage !== 'referrers')
        out.push(kyvernoClusterPolicyCosign(i));
    if (i.storage !== 'legacy')
        out.push(kyvernoClusterPolicyBundle(i), kyvernoImageValidatingPolicy(i));
    out.push(policyControllerClusterImagePolicy(i));
    return out;
}

// EXTERNAL MODULE: ./build/src/policy/signing-identity.js + 1 modules
var signing_identity = __webpack_require__(15530);
;// CONCATENATED MODULE: ./build/src/policy/for-run.js









async function policiesForRun(opts, identity, digest, predicateTypes, trust) {
    const { policy } = (0,signing_identity/* policyFor */.K)(identity);
    let sigstore = { kind: 'public-good' };
    const s = opts.sigstore;
    if (s.kind === 'custom' || s.kind === 'github') {
        const pems = trust ? trustPems(trust.trustedRoot) : { fulcioChainPem: '' };
        // GitHub's instance has no file of its own: the root it was verified against, from its TUF.
        const trustedRootJson = s.trustedRoot
            ? await (0,external_node_fs_promises_.readFile)(s.trustedRoot, 'utf8')
            : trust
                ? JSON.stringify(protobuf_specs_dist.TrustedRoot.toJSON(trust.trustedRoot))
                : undefined;
        sigstore = {
            kind: 'custom',
            ...(s.kind === 'github' ? { instance: 'github' } : {}),
            fulcioUrl: s.fulcioUrl,
            ...(s.rekorUrl ? { rekorUrl: s.rekorUrl } : {}),
            ...(s.tsaUrl ? { tsaUrl: s.tsaUrl } : {}),
            ...pems,
            ctlog: false,
            ...(trustedRootJson ? { trustedRootJson } : {}),
            ...(s.trustedRoot
                ? { trustedRootPath: s.trustedRoot }
                : s.kind === 'github'
                    ? { trustedRootPath: (0,external_node_path_.join)(opts.outputDir, GITHUB_TRUSTED_ROOT_FILE) }
                    : {}),
            ...(s.tuf ? { tuf: { mirror: s.tuf.mirror, rootJson: s.tuf.rootJson } } : {}),
        };
    }
    const input = {
        policy,
        image: opts.image,
        digest,
        predicateTypes,
        storage: opts.storage,
        action: opts.policyAction,
        sigstore,
        ...((0,reference/* isLoopbackRegistry */.jW)(opts.image.registry) || opts.insecureRegistries.includes(opts.image.registry)
            ? { insecureRegistry: true }
            : {}),
    };
    const gh = ghAttestationCommand(input);
    return { input, policies: allPolicies(input), cosign: cosignCommands(input), ...(gh ? { gh } : {}) };
}

;// CONCATENATED MODULE: ./build/src/report/files.js



function slug(predicateType) {
    return predicateType.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}
async function writeOutputs(dir, policies, signed) {
    await (0,external_node_fs_promises_.mkdir)(dir, { recursive: true });
    const bundles = [];
    let provenance;
    for (const [i, s] of signed.entries()) {
        const base = `${String(i + 1).padStart(2, '0')}-${slug(s.statement.predicateType)}`;
        const path = (0,external_node_path_.join)(dir, `${base}.sigstore.json`);
        await (0,external_node_fs_promises_.writeFile)(path, s.bundleJson);
        bundles.push(path);
        if (s.statement.predicateType === SLSA_V1 || s.statement.predicateType === SLSA_V02) {
            provenance = (0,external_node_path_.join)(dir, 'provenance.intoto.json');
            await (0,external_node_fs_promises_.writeFile)(provenance, JSON.stringify(s.statement, null, 2) + '\n');
        }
    }
    const policyFiles = [];
    for (const p of policies.policies) {
        const path = (0,external_node_path_.join)(dir, p.filename);
        await (0,external_node_fs_promises_.writeFile)(path, p.text);
        policyFiles.push(path);
    }
    const { sigstore } = policies.input;
    if (sigstore.kind === 'custom' &&
        sigstore.instance === 'github' &&
        sigstore.trustedRootJson &&
        sigstore.trustedRootPath) {
        // GitHub's trusted root as fetched through its TUF: what the cosign commands' --trusted-root name.
        await (0,external_node_fs_promises_.writeFile)(sigstore.trustedRootPath, sigstore.trustedRootJson + '\n');
        policyFiles.push(sigstore.trustedRootPath);
    }
    const commands = (0,external_node_path_.join)(dir, 'verify-commands.sh');
    // gh is optional where this script runs; cosign is what every consumer's check reduces to.
    const gh = policies.gh ? [`if command -v gh >/dev/null 2>&1; then ${policies.gh}; fi`] : [];
    await (0,external_node_fs_promises_.writeFile)(commands, ['#!/bin/sh', 'set -e', ...policies.cosign, ...gh].join('\n') + '\n', {
        mode: 0o755,
    });
    policyFiles.push(commands);
    return { bundles, ...(provenance ? { provenance } : {}), policies: policyFiles };
}

// EXTERNAL MODULE: ./build/src/sigstore/github/trust-domain.js
var trust_domain = __webpack_require__(83581);
;// CONCATENATED MODULE: ./build/src/verify/legacy-bundle.js




function pemToDer(pem) {
    return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
/** JSON of an annotation (or the layer itself), an object; anything else names what is wrong. */
function jsonObject(text, what) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch (err) {
        throw new BundleFormatError(`${what} is not JSON (${err.message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new BundleFormatError(`${what} is not a JSON object`);
    return v;
}
const BUNDLE_ANNOTATION = `the ${Annotation.bundle} annotation`;
function tlogEntries(annotations, check) {
    const raw = annotations[Annotation.bundle];
    if (!raw)
        return [];
    // Annotations are written by whoever pushed the layer: every field is checked before it is used
    // (fuzzing found TypeErrors and SyntaxErrors that named nothing; test/fuzz/sigstore.test.ts).
    const rb = jsonObject(raw, BUNDLE_ANNOTATION);
    const p = rb.Payload;
    if (typeof p !== 'object' ||
        p === null ||
        typeof p.body !== 'string' ||
        typeof p.logID !== 'string' ||
        typeof rb.SignedEntryTimestamp !== 'string')
        throw new BundleFormatError(`${BUNDLE_ANNOTATION} lacks SignedEntryTimestamp or Payload.body/logID (not what cosign writes)`);
    const body = jsonObject(Buffer.from(p.body, 'base64').toString('utf8'), `the Rekor body in ${BUNDLE_ANNOTATION}`);
    check(body);
    return [
        {
            logIndex: String(p.logIndex),
            logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
            kindVersion: { kind: body.kind, version: body.apiVersion },
            integratedTime: String(p.integratedTime),
            inclusionPromise: { signedEntryTimestamp: rb.SignedEntryTimestamp },
            canonicalizedBody: p.body,
        },
    ];
}
function rfc3161(annotation) {
    const what = `the ${Annotation.rfc3161} annotation`;
    const v = jsonObject(annotation, what).SignedRFC3161Timestamp;
    if (typeof v !== 'string')
        throw new BundleFormatError(`${what} has no SignedRFC3161Timestamp string`);
    return v;
}
function verificationMaterial(annotations, entries) {
    const leaf = annotations[Annotation.certificate];
    if (!leaf)
        throw new BundleFormatError(`layer has no ${Annotation.certificate} annotation`);
    const ts = annotations[Annotation.rfc3161];
    const rfc3161Timestamps = ts ? [{ signedTimestamp: rfc3161(ts) }] : [];
    return {
        // A promise-only (SET) entry is a v0.1 bundle; without a log entry, v0.3 with the bare certificate.
        ...(entries.length
            ? { x509CertificateChain: { certificates: [{ rawBytes: pemToDer(leaf) }] } }
            : { certificate: { rawBytes: pemToDer(leaf) } }),
        tlogEntries: entries,
        timestampVerificationData: { rfc3161Timestamps },
    };
}
function bundleFromSignatureLayer(payload, annotations) {
    const signature = annotations[Annotation.signature];
    if (!signature)
        throw new BundleFormatError(`signature layer has no ${Annotation.signature} annotation`);
    const digest = (0,oci_digest/* sha256 */.sc)(payload).slice('sha256:'.length);
    const entries = tlogEntries(annotations, (body) => {
        const spec = body.spec;
        if (body.kind !== 'hashedrekord' ||
            spec.data?.hash?.value !== digest ||
            spec.signature?.content !== signature) {
            throw new BundleFormatError('the Rekor entry in the bundle annotation does not describe this payload and signature');
        }
    });
    return bundleFromObject('the .sig layer', {
        mediaType: entries.length ? bundle_dist.BUNDLE_V01_MEDIA_TYPE : bundle_dist.BUNDLE_V03_MEDIA_TYPE,
        verificationMaterial: verificationMaterial(annotations, entries),
        messageSignature: {
            messageDigest: { algorithm: 'SHA2_256', digest: Buffer.from(digest, 'hex').toString('base64') },
            signature,
        },
    });
}
function bundleFromAttestationLayer(envelope, annotations) {
    const entries = tlogEntries(annotations, (body) => {
        const spec = body.spec;
        if (body.kind !== 'dsse' || `sha256:${spec.envelopeHash?.value}` !== (0,oci_digest/* sha256 */.sc)(envelope)) {
            throw new BundleFormatError('the Rekor entry in the bundle annotation does not describe this DSSE envelope (envelopeHash differs)');
        }
    });
    return bundleFromObject('the .att layer', {
        mediaType: entries.length ? bundle_dist.BUNDLE_V01_MEDIA_TYPE : bundle_dist.BUNDLE_V03_MEDIA_TYPE,
        verificationMaterial: verificationMaterial(annotations, entries),
        dsseEnvelope: jsonObject(envelope.toString('utf8'), 'the .att layer (a DSSE envelope)'),
    });
}

;// CONCATENATED MODULE: ./build/src/verify/published.js





async function verifyPublished(repo, artifacts, opts) {
    const verifier = new verify_dist/* Verifier */.BL(opts.trust.material, {
        tlogThreshold: opts.requireTlog ? 1 : 0,
        ctlogThreshold: opts.requireSct ? 1 : 0,
        timestampThreshold: 1,
    });
    return Promise.all(artifacts.map(async (a) => {
        const location = a.format === 'bundle-referrer'
            ? `${repo}@${a.digest} (referrer of ${a.subject.digest})`
            : `${repo}:${legacyTag(a.subject.digest, a.format === 'legacy-sig' ? 'sig' : 'att')} layer ${a.digest}`;
        try {
            if (a.format === 'bundle-referrer') {
                const { manifest } = await repo.getManifest(a.digest);
                const m = manifest;
                if (m.artifactType !== BUNDLE_ARTIFACT_TYPE ||
                    m.subject?.digest !== a.subject.digest ||
                    m.layers.length !== 1) {
                    throw new Error('the referrer is not a Sigstore bundle about this image');
                }
                const bytes = await repo.fetchBlob(m.layers[0], opts.maxBundleBytes);
                const bundle = parseBundleJson(bytes, `the bundle of ${location}`);
                checkStatement(verifyBundle(verifier, bundle, opts.policy, location), a);
            }
            else {
                const kind = a.format === 'legacy-sig' ? 'sig' : 'att';
                const layer = a.layer;
                if (!layer)
                    throw new Error(`no descriptor recorded for the ${kind} layer ${a.digest}`);
                const bytes = await repo.fetchBlob(layer, opts.maxBundleBytes);
                const annotations = layer.annotations ?? {};
                if (kind === 'sig') {
                    if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE)
                        throw new Error(`unexpected media type ${layer.mediaType}`);
                    verifyUntrusted(verifier, bundleFromSignatureLayer(bytes, annotations), bytes, opts.policy, location);
                    const claimed = JSON.parse(bytes.toString('utf8')).critical?.image?.['docker-manifest-digest'];
                    if (claimed !== a.subject.digest)
                        throw new Error(`the signed payload names ${claimed}, not ${a.subject.digest}`);
                }
                else {
                    if (layer.mediaType !== DSSE_ENVELOPE_MEDIA_TYPE)
                        throw new Error(`unexpected media type ${layer.mediaType}`);
                    // Without a Rekor entry the layer is dated by a timestamp over the whole envelope,
                    // which is what cosign checks there (sign.ts timestampOf).
                    const dated = !annotations[Annotation.bundle] && annotations[Annotation.rfc3161] ? bytes : undefined;
                    checkStatement(verifyBundle(verifier, bundleFromAttestationLayer(bytes, annotations), opts.policy, location, dated), a);
                }
            }
            return { ...a, location, ok: true };
        }
        catch (err) {
            return { ...a, location, ok: false, error: explainVerifyError(err) };
        }
    }));
}
/**
 * @sigstore/verify's messages, with what a private Sigstore's operator does about them.
 * The checkpoint one is the trap of a self-run Rekor: sigstore-js accepts a checkpoint only when
 * its signer name (Rekor's --rekor_server.hostname, the OS host name by default) is part of the
 * log's baseUrl in the trusted root (verify/tlog/checkpoint.js).
 */
function explainVerifyError(err) {
    const message = err.message ?? String(err);
    if (message.includes('no signatures found in checkpoint'))
        return (`${message} — the Rekor checkpoint is signed under a name that is not part of the Rekor URL in ` +
            'the trusted root: start Rekor with --rekor_server.hostname set to the host name of its URL, ' +
            'or give the trusted root the URL under that name');
    return message;
}
/** Verifies a DSSE bundle and returns its in-toto statement. */
function verifyBundle(verifier, bundle, policy, what, 
/** Bytes the RFC 3161 timestamp covers instead of the DSSE signature (a legacy `.att` layer). */
dated) {
    guardMalformed(what, () => {
        const entity = (0,verify_dist/* toSignedEntity */.DC)(bundle);
        if (dated) {
            // @sigstore/verify checks a TSA timestamp against `signature.signature` (verifier.js
            // verifyTimestamps) and everything else through the content's methods: only the former moves.
            const content = entity.signature;
            entity.signature = {
                compareDigest: (d) => content.compareDigest(d),
                compareSignedDigest: (d) => content.compareSignedDigest(d),
                compareSignature: (sig) => content.compareSignature(sig),
                verifySignature: (key) => content.verifySignature(key),
                signature: dated,
            };
        }
        verifier.verify(entity, policy);
    });
    if (bundle.content.$case !== 'dsseEnvelope')
        throw new Error('expected a DSSE envelope');
    try {
        return JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8'));
    }
    catch {
        throw new Error('the DSSE payload is not JSON, so no in-toto statement');
    }
}
function checkStatement(st, a) {
    const [algorithm, hex] = a.subject.digest.split(':');
    if (!st.subject?.some((s) => s.digest?.[algorithm] === hex))
        throw new Error(`the statement's subjects do not include ${a.subject.digest}`);
    if (st.predicateType !== a.predicateType)
        throw new Error(`the statement's predicate type is ${st.predicateType}, expected ${a.predicateType}`);
}

;// CONCATENATED MODULE: ./build/src/verify/for-run.js









/**
 * Step 7 of the pipeline: what was published, read back and verified as this run's identity, while
 * the shared tags settle; the policies and output files, which need nothing the settle could
 * change, are prepared in that delay too.
 */
class VerificationFailedError extends Error {
    failures;
    constructor(failures) {
        super('published artifacts did not verify:\n' +
            failures.map((f) => `  - ${f.predicateType} at ${f.location}: ${f.error}`).join('\n') +
            '\nWhat was written stays in the registry, unverified: retry the job (a re-run replaces it); if it ' +
            'fails the same way again, the registry (or something before it) serves other bytes than it stored');
        this.failures = failures;
        this.name = 'VerificationFailedError';
    }
}
/**
 * Loaded without verify too for a custom Sigstore and GitHub's instance: their policies carry the
 * trust root's certificates.
 */
async function trustForRun(opts, transport) {
    const { sigstore } = opts;
    if (!opts.verify && sigstore.kind === 'public-good')
        return undefined;
    if (sigstore.trustedRoot)
        return trustFromFile(sigstore.trustedRoot);
    if (sigstore.kind === 'github' && sigstore.tuf) {
        const what = `GitHub's Sigstore instance${sigstore.githubHost && sigstore.githubHost !== 'github.com' ? ` for ${sigstore.githubHost}` : ''}`;
        // A GHE.com tenant: its trusted root is named by its trust domain (GET /meta).
        const target = sigstore.trustDomainFrom
            ? (0,trust_domain/* tenantTrustedRootTarget */.bn)(await (0,trust_domain/* fetchTrustDomain */.ze)(transport, sigstore.trustDomainFrom, opts.attestationStore?.token))
            : undefined;
        return tufTrust(sigstore.tuf, what, target ? { target } : {});
    }
    return publicGoodTrust(undefined);
}
async function verifyForRun(repo, published, identity, trust, opts) {
    if (!opts.verify || !trust)
        return [];
    const results = await verifyPublished(repo, published.artifacts, {
        trust,
        // Anchored: @sigstore/verify uses a string SAN as an unanchored regex.
        policy: {
            subjectAlternativeName: new RegExp(`^${(0,regex/* escapeRegExp */.N)(identity.san)}$`),
            extensions: { issuer: identity.issuer },
        },
        requireTlog: Boolean(opts.sigstore.rekorUrl),
        requireSct: opts.sigstore.kind === 'public-good',
        maxBundleBytes: MAX_BUNDLE_BYTES,
    });
    const failures = results.filter((r) => !r.ok);
    if (failures.length)
        throw new VerificationFailedError(failures);
    return results;
}
async function verifyAndSettle(w) {
    const { opts, identity } = w;
    // Everything read back during the delay is addressed by digest (referrer manifests, and the
    // legacy layers as written), never through a shared tag: until the re-check a concurrent
    // signer's stale write may hide one of our entries there for a moment (the re-check restores
    // it, and is what proves each entry is in its tag).
    return (async () => {
        const { trust } = w;
        const [policies, verified] = await Promise.all([
            policiesForRun(opts, identity, w.digest, predicateTypes(w.statements), trust),
            verifyForRun(w.repo, w.published, identity, trust, opts),
        ]);
        w.phases.mark('verify');
        const files = await writeOutputs(opts.outputDir, policies, signedStatements(w.signed));
        return { policies, files, verified };
    })().finally(() => w.settle.drain());
}

;// CONCATENATED MODULE: ./build/src/run.js













// For the CLI, which loads run.js on demand: one chunk holds the store module (ncc copied it into a
// second chunk when the CLI imported it on its own).

async function run(opts, ctx) {
    const client = (0,registry_client/* clientFor */.$)(opts, ctx);
    const warnings = [];
    const warn = (m) => {
        warnings.push(m);
        ctx.logger.warn(m);
    };
    try {
        const repo = client.repository(opts.image);
        const subject = await (0,src_subject.resolveSubject)(repo, opts.image, opts.digest, opts.tags);
        const digest = subject.descriptor.digest;
        ctx.logger.info(`subject: ${repo}@${digest} (${subject.descriptor.mediaType})`);
        if (!(0,options/* hasWork */.OJ)(opts))
            return { subject, referrers: await (0,oci_referrers/* listReferrers */.xt)(repo, digest), warnings };
        // Everything slow or fallible that needs no certificate happens before the 10-minute window opens.
        const predicates = await Promise.all(opts.predicates.map(readPredicateFile));
        const phases = new PhaseClock();
        const sboms = await (0,for_run.sbomsForRun)(repo, subject, opts, ctx.logger);
        phases.mark('sbom');
        const targets = (0,src_subject.signingTargets)(subject, opts.perPlatform);
        if (opts.storage === 'legacy')
            await warnForeignBundles(repo, digest, warn);
        const certificate = await certificateForRun(opts, ctx, client.transport);
        phases.mark('certificate');
        // From here on the Sigstore is decided (sigstore: auto, by the token's repository visibility).
        const runOpts = { ...opts, sigstore: certificate.sigstore.config };
        const { identity } = certificate;
        const statements = statementsForRun(runOpts, identity, targets, predicates, sboms);
        // The trust root is loaded while signing, before anything is written: a lookup that fails
        // (a TUF repository, a GHE.com tenant's /meta) stops the run with nothing in the registry.
        const [signed, trust] = await Promise.all([
            signForRun(runOpts, certificate.session, targets, statements),
            trustForRun(runOpts, client.transport),
        ]);
        phases.mark('sign');
        // Shared tags (fallback index, .sig/.att) end with a settle delay and a re-check
        // (docs/concurrency.md); trust, policies and output files are prepared during that delay,
        // or, in the Action, the post step does the re-check.
        const settle = ctx.settle ?? new shared_tag/* SettleQueue */.xi();
        const { logger } = ctx;
        const published = await publishForRun({
            opts: runOpts,
            repo,
            settle,
            certificate,
            targets,
            statements,
            signed,
            logger,
            warn,
        });
        phases.mark('publish');
        const { policies, files, verified } = await verifyAndSettle({
            opts: runOpts,
            repo,
            settle,
            identity,
            digest,
            statements,
            signed,
            published,
            phases,
            trust,
        });
        phases.mark('settle');
        // Only now, with this run's bundles published and verified in the registry (the primary copy).
        const store = await storeForRun(opts, signedStatements(signed), digest, {
            transport: client.transport,
            logger,
            warn,
        });
        phases.mark('store');
        const referrers = await referrersForReport(repo, digest, warn);
        phases.mark('report');
        ctx.logger.debug(`phases (ms): ${phases}`);
        const { certificateRequests } = certificate.session;
        return {
            subject,
            referrers,
            warnings,
            signing: {
                identity,
                sigstore: certificate.sigstore.reason,
                certificateRequests,
                rekorLogIndexes: rekorLogIndexes(signed),
                published,
                verified,
                files,
                policies,
                sboms,
                ...(store ? { store } : {}),
            },
        };
    }
    finally {
        await client.close();
    }
}


/***/ }),

/***/ 24937:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isAttestationManifest: () => (/* binding */ isAttestationManifest),
/* harmony export */   resolveSubject: () => (/* binding */ resolveSubject),
/* harmony export */   signingTargets: () => (/* binding */ signingTargets)
/* harmony export */ });
/* harmony import */ var _oci_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88548);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93662);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84974);



const NOT_PUSHED = "push it first: with docker/build-push-action set push: true (load: true only puts the image in the runner's local daemon, " +
    'where no registry and no verifier can see it), and pass its digest output';
async function resolveSubject(repo, image, digest, tags) {
    let descriptor;
    if (digest) {
        descriptor = await repo.resolve(digest, NOT_PUSHED);
    }
    else {
        descriptor = await repo.resolve(tags[0].tag, NOT_PUSHED);
    }
    await Promise.all(tags.map(async (t) => {
        let got;
        try {
            got = await repo.resolve(t.tag, NOT_PUSHED);
        }
        catch (err) {
            if (err instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_)
                throw new Error(`tag ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(t)} does not exist in the registry; ${NOT_PUSHED}`);
            throw err;
        }
        if (got.digest !== descriptor.digest) {
            throw new Error(`tag ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(t)} points to ${got.digest}, not to ${descriptor.digest}: it was moved or pushed by another build; ` +
                'sign the digest this build produced and pass only the tags it pushed');
        }
    }));
    const platforms = (0,_oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(descriptor.mediaType)
        ? await platformManifests(repo, descriptor.digest)
        : [];
    return { repository: image, descriptor, tags, platforms };
}
/** What gets signed: the subject, and with per-platform each of its platform manifests too. */
function signingTargets(subject, perPlatform) {
    return [subject.descriptor, ...(perPlatform ? subject.platforms : [])];
}
/** BuildKit stores its provenance/SBOM attestations in an index as platform `unknown/unknown`: not platforms. */
function isAttestationManifest(d) {
    return ((d.platform?.os === 'unknown' && d.platform.architecture === 'unknown') ||
        d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
}
async function platformManifests(repo, digest) {
    const { manifest } = await repo.getManifest(digest);
    return (manifest.manifests ?? []).filter((d) => !isAttestationManifest(d));
}


/***/ })

};
