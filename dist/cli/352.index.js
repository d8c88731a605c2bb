export const id = 352;
export const ids = [352];
export const modules = {

/***/ 99352:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildTrustedRoot: () => (/* binding */ buildTrustedRoot),
/* harmony export */   gatherTrustSources: () => (/* binding */ gatherTrustSources)
/* harmony export */ });
/* unused harmony exports TRUSTED_ROOT_MEDIA_TYPE, tsaEndpoint, pemCertificates */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54187);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(33811);




/**
 * The trust material of a private Sigstore as one `trusted_root.json` — what sigstamp's
 * `trusted-root` input, `cosign --trusted-root`, sigstore-go and @sigstore/verify read — built from
 * the services themselves (Fulcio's `/api/v2/trustBundle`, Rekor's `/api/v1/log/publicKey`, the
 * TSA's `/api/v1/timestamp/certchain`) or from PEM files an operator hands over.
 *
 * The layout follows `cosign trusted-root create` (sigstore-go root.NewTrustedRoot(...).MarshalJSON()),
 * the reference: protobuf JSON of dev.sigstore.trustroot.v1.TrustedRoot, media type version 0.1;
 * a Fulcio chain leaf-side first with validFor.start = the root's notBefore; a TSA chain
 * [signing certificate, …, root] with validFor.start = the signing certificate's notBefore; a Rekor
 * key with logId.keyId = sha256(DER SPKI). Written by hand because no npm library creates trusted
 * roots (sigstore-js only reads them); the result is parsed back through @sigstore/verify before
 * it is returned, so a file this module writes is one the verifiers load.
 */
const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';
/** protobuf Timestamp JSON as Go writes it: whole seconds carry no fraction. */
const rfc3339 = (d) => d.toISOString().replace('.000Z', 'Z');
const trimSlash = (url) => url.replace(/\/+$/, '');
/**
 * The timestamping endpoint of a `tsa-url`: sigstore-js (TimestampAuthority.createTimestamp) posts
 * to `<url>/api/v1/timestamp` when the URL has no path, and to the URL itself otherwise.
 */
function tsaEndpoint(url) {
    const trimmed = trimSlash(url);
    return new URL(trimmed).pathname === '/' ? `${trimmed}/api/v1/timestamp` : trimmed;
}
function pemCertificates(pem, what) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0)
        throw new Error(`${what}: no PEM certificate found`);
    return blocks.map((b, i) => {
        try {
            return new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(b);
        }
        catch (err) {
            throw new Error(`${what}: certificate ${i + 1} does not parse (${err.message})`);
        }
    });
}
/** A chain must be ordered leaf-side first, each certificate issued by the next, ending self-signed. */
function checkChain(certs, what) {
    certs.forEach((cert, i) => {
        const issuer = certs[i + 1] ?? cert;
        if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
            throw new Error(i + 1 < certs.length
                ? `${what}: certificate ${i + 1} (${cert.subject.replace(/\n/g, ', ')}) is not issued by certificate ${i + 2}; give the chain leaf-side first, ending with the root`
                : `${what}: the last certificate (${cert.subject.replace(/\n/g, ', ')}) is not a self-signed root; append the root`);
        }
    });
}
/** sigstore-go's keyDetails naming for a log key (root.TransparencyLog → PublicKeyDetails). */
function keyDetails(spki) {
    const key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: spki, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType === 'ed25519')
        return 'PKIX_ED25519';
    if (key.asymmetricKeyType === 'rsa')
        return 'PKIX_RSA_PKCS1V15_2048_SHA256';
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1')
        return 'PKIX_ECDSA_P384_SHA_384';
    if (curve === 'secp521r1')
        return 'PKIX_ECDSA_P521_SHA_512';
    if (curve === 'prime256v1')
        return 'PKIX_ECDSA_P256_SHA_256';
    throw new Error(`Rekor public key: unsupported key type ${key.asymmetricKeyType ?? '?'} ${curve ?? ''}`);
}
/** "O=…, CN=…" of the chain's root, as cosign fills `subject` from the root certificate. */
function authority(certs, uri, start) {
    const root = certs[certs.length - 1];
    const field = (name) => new RegExp(`(?:^|\\n)${name}=([^\\n]*)`).exec(root.subject)?.[1];
    const organization = field('O');
    const commonName = field('CN');
    return {
        subject: { ...(organization ? { organization } : {}), ...(commonName ? { commonName } : {}) },
        uri,
        certChain: { certificates: certs.map((c) => ({ rawBytes: c.raw.toString('base64') })) },
        validFor: { start: rfc3339(start) },
    };
}
function buildTrustedRoot(sources) {
    const certificateAuthorities = sources.fulcio.chainsPem.map((chainPem, i) => {
        const what = `Fulcio CA chain${sources.fulcio.chainsPem.length > 1 ? ` ${i + 1}` : ''}`;
        const certs = pemCertificates(chainPem, what);
        checkChain(certs, what);
        const root = certs[certs.length - 1];
        return authority(certs, trimSlash(sources.fulcio.url), new Date(root.validFrom));
    });
    if (certificateAuthorities.length === 0)
        throw new Error('Fulcio returned no CA chain');
    const tlogs = [];
    if (sources.rekor) {
        let spki;
        try {
            spki = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(sources.rekor.publicKeyPem).export({ format: 'der', type: 'spki' });
        }
        catch (err) {
            throw new Error(`Rekor public key: not a PEM public key (${err.message})`);
        }
        tlogs.push({
            baseUrl: trimSlash(sources.rekor.url),
            hashAlgorithm: 'SHA2_256',
            publicKey: {
                rawBytes: spki.toString('base64'),
                keyDetails: keyDetails(spki),
                validFor: { start: rfc3339(sources.rekor.startTime ?? new Date(0)) },
            },
            logId: { keyId: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(spki).digest('base64') },
        });
    }
    const timestampAuthorities = [];
    if (sources.tsa) {
        const certs = pemCertificates(sources.tsa.chainPem, 'TSA chain');
        checkChain(certs, 'TSA chain');
        const leaf = certs[0];
        // cosign parseTSASpec refuses a chain whose first certificate is a CA: it must be the signer.
        if (leaf.ca || certs.length < 2)
            throw new Error('TSA chain: must start with the timestamp signing certificate and end with its root');
        timestampAuthorities.push(authority(certs, tsaEndpoint(sources.tsa.url), new Date(leaf.validFrom)));
    }
    const json = {
        mediaType: TRUSTED_ROOT_MEDIA_TYPE,
        tlogs,
        certificateAuthorities,
        timestampAuthorities,
    };
    // What verifiers will do with the file: parse it and turn it into trust material.
    (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_2__/* .toTrustMaterial */ .jO)(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__.TrustedRoot.fromJSON(json));
    return json;
}
/** Caps on what the services may send: a CA bundle or key is a few KiB. */
const MAX_TRUST_RESPONSE = 1 << 20;
async function getText(transport, url, what) {
    const res = await transport.send({ method: 'GET', url, headers: { accept: '*/*' } });
    const body = (await (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_3__/* .readBody */ .x8)(res, MAX_TRUST_RESPONSE, what)).toString('utf8');
    if (res.status !== 200) {
        throw new Error(`${what}: GET ${url} answered ${res.status}; check the URL (${body.slice(0, 200)})`);
    }
    return body;
}
/** Every CA chain Fulcio serves (GET /api/v2/trustBundle), PEM, leaf-side first. */
async function fetchFulcioChains(transport, fulcio) {
    const text = await getText(transport, `${fulcio}/api/v2/trustBundle`, 'Fulcio trust bundle');
    try {
        const bundle = JSON.parse(text);
        return (bundle.chains ?? []).map((c) => (c.certificates ?? []).join('\n'));
    }
    catch {
        throw new Error(`Fulcio trust bundle from ${fulcio}: not JSON; is ${fulcio} a Fulcio?`);
    }
}
/**
 * sigstore-js accepts a Rekor checkpoint only when its signer name — Rekor's --rekor_server.hostname,
 * the OS host name by default — is part of the log's baseUrl in the trusted root
 * (@sigstore/verify tlog/checkpoint.js). A self-run Rekor often gets this wrong, and then every
 * verification fails with "no signatures found in checkpoint": say so while the root is made.
 */
async function checkpointNameWarning(transport, rekor) {
    const info = JSON.parse(await getText(transport, `${rekor}/api/v1/log`, 'Rekor log info'));
    const names = [...(info.signedTreeHead ?? '').matchAll(/^\u2014 (\S+) \S+$/gmu)].map((m) => m[1] ?? '');
    if (names.length === 0 || names.some((n) => rekor.includes(n)))
        return undefined;
    return (`Rekor at ${rekor} signs its checkpoints as "${names.join('", "')}", which is not part of that URL: ` +
        'sigstore-js verifiers (sigstamp, gh attestation) will reject every entry. Start Rekor with ' +
        '--rekor_server.hostname set to the host name of the URL clients use, or give that URL here.');
}
/**
 * The trust material of a private Sigstore — what its operator runs once, reviews and commits next
 * to the workflow (public material only: certificates and public keys). Each service's part comes
 * from its PEM file when one is given, else from the running service: Fulcio's
 * `/api/v2/trustBundle`, Rekor's `/api/v1/log/publicKey`, the TSA's `<endpoint>/certchain`.
 */
async function gatherTrustSources(transport, o) {
    if (!o.fulcioUrl)
        throw new Error('--fulcio-url is required: the trusted root names the Fulcio it trusts');
    if ((o.rekorPublicKeyPem && !o.rekorUrl) || (o.tsaChainPem && !o.tsaUrl))
        throw new Error('--rekor-public-key needs --rekor-url and --tsa-chain needs --tsa-url');
    const fulcio = trimSlash(o.fulcioUrl);
    const sources = {
        fulcio: {
            url: fulcio,
            chainsPem: o.fulcioChainPem ? [o.fulcioChainPem] : await fetchFulcioChains(transport, fulcio),
        },
    };
    if (o.rekorUrl) {
        const rekor = trimSlash(o.rekorUrl);
        let publicKeyPem = o.rekorPublicKeyPem;
        if (!publicKeyPem) {
            const warning = await checkpointNameWarning(transport, rekor);
            if (warning)
                sources.warnings = [warning];
            publicKeyPem = await getText(transport, `${rekor}/api/v1/log/publicKey`, 'Rekor public key');
        }
        sources.rekor = {
            url: rekor,
            publicKeyPem,
            ...(o.rekorStartTime ? { startTime: o.rekorStartTime } : {}),
        };
    }
    if (o.tsaUrl) {
        // sigstore/timestamp-authority serves the chain under its endpoint: /api/v1/timestamp/certchain.
        sources.tsa = {
            url: trimSlash(o.tsaUrl),
            chainPem: o.tsaChainPem ??
                (await getText(transport, `${tsaEndpoint(o.tsaUrl)}/certchain`, 'TSA certificate chain')),
        };
    }
    return sources;
}


/***/ })

};
