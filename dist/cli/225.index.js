export const id = 225;
export const ids = [225];
export const modules = {

/***/ 39225:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeTufRepository: () => (/* binding */ writeTufRepository)
});

// UNUSED EXPORTS: TufRepoError, expiryFor

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@tufjs/models/dist/index.js
var dist = __webpack_require__(68908);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@tufjs/canonical-json/lib/index.js
var lib = __webpack_require__(65178);
// EXTERNAL MODULE: ./build/src/options.js + 3 modules
var options = __webpack_require__(63050);
;// CONCATENATED MODULE: ./build/src/sigstore/tuf-repo-error.js

// Its own module: the repository writer, its targets and its keys all fail with it.
/** Thrown for anything the operator must fix: an OptionsError, so the CLI exits 2. */
class TufRepoError extends options/* OptionsError */.ZW {
    constructor(message) {
        super(message);
        this.name = 'TufRepoError';
    }
}

;// CONCATENATED MODULE: ./build/src/sigstore/tuf-keys.js
// The role keys of `sigstamp tuf-repo`. Keys are ed25519, one per role, threshold 1: the one key
// type every client reads (go-tuf v0.7, the legacy client of sigstore/sigstore pkg/tuf in cosign
// v2; go-tuf v2 in sigstore-go; tuf-js). Private keys live in a sibling directory, never inside
// the directory that gets served.






const ROLES = ['root', 'targets', 'snapshot', 'timestamp'];
/** The TUF form of an ed25519 public key; keyid = sha256 of its canonical JSON (TUF spec §4.2). */
function tufKey(publicKey) {
    const x = publicKey.export({ format: 'jwk' }).x;
    if (publicKey.asymmetricKeyType !== 'ed25519' || !x)
        throw new Error('not an ed25519 key');
    const body = {
        keytype: 'ed25519',
        scheme: 'ed25519',
        keyval: { public: Buffer.from(x, 'base64url').toString('hex') },
    };
    const keyID = (0,external_node_crypto_.createHash)('sha256').update((0,lib.canonicalize)(body)).digest('hex');
    return new dist.Key({ keyID, keyType: body.keytype, scheme: body.scheme, keyVal: body.keyval });
}
function generateKeys() {
    const entries = ROLES.map((role) => {
        const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ed25519');
        return [role, { privateKey, key: tufKey(publicKey) }];
    });
    return Object.fromEntries(entries);
}
async function loadKeys(keysDir, outDir) {
    const keys = {};
    for (const role of ROLES) {
        const path = (0,external_node_path_.join)(keysDir, `${role}.pem`);
        let text;
        try {
            text = await (0,promises_.readFile)(path, 'utf8');
        }
        catch (err) {
            const missing = err.code === 'ENOENT';
            throw new TufRepoError(`${path}: ${missing ? 'not found' : err.message}: the ${role} key that signs ${outDir}. ` +
                `Give --keys the directory the first run wrote (default ${outDir}.keys); without the keys the ` +
                'repository cannot be re-signed: write a new one to an empty --out and pin its root.json again');
        }
        try {
            const privateKey = (0,external_node_crypto_.createPrivateKey)(text);
            keys[role] = { privateKey, key: tufKey((0,external_node_crypto_.createPublicKey)(privateKey)) };
        }
        catch (err) {
            throw new TufRepoError(`${path}: not an ed25519 private key (${err.message})`);
        }
    }
    return keys;
}
async function writeKeys(dir, keys) {
    for (const role of ROLES) {
        const pemText = keys[role].privateKey.export({ format: 'pem', type: 'pkcs8' });
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, `${role}.pem`), pemText, { mode: 0o600, flag: 'wx' });
    }
}
const signer = (k) => (data) => new dist.Signature({ keyID: k.key.keyID, sig: (0,external_node_crypto_.sign)(null, data, k.privateKey).toString('hex') });

;// CONCATENATED MODULE: ./build/src/sigstore/tuf-metadata.js
// The signed top-level metadata of `sigstamp tuf-repo` (root, targets, snapshot, timestamp) as
// the bytes that get written, each role listing the one below it by length and hash.



// What @tufjs/models writes by default; go-tuf v0.7 and v2 accept any 1.x.
const SPEC_VERSION = '1.0.31';
/** TUF's ISO 8601 form: whole seconds, `Z` (go-tuf v0.7 parses it as a Go time.Time). */
const tufTime = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
function signedBytes(signed, key) {
    const md = new dist.Metadata(signed);
    md.sign(signer(key));
    return Buffer.from(`${JSON.stringify(md.toJSON(), null, 2)}\n`);
}
const sha256 = (data) => (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
function rootBytes(keys, version, expires) {
    const root = new dist.Root({
        version,
        specVersion: SPEC_VERSION,
        expires: tufTime(expires),
        consistentSnapshot: true,
    });
    for (const role of ROLES)
        root.addKey(keys[role].key, role);
    return { version, data: signedBytes(root, keys.root) };
}
/** targets, snapshot and timestamp at the given versions, each listing the one below it. */
function topLevel(keys, blobs, v, expires) {
    const common = { specVersion: SPEC_VERSION, expires: tufTime(expires) };
    const targets = new dist.Targets({ ...common, version: v.targets });
    for (const b of blobs)
        targets.addTarget(new dist.TargetFile({
            path: b.name,
            length: b.data.length,
            hashes: { sha256: sha256(b.data) },
            ...(b.custom ? { unrecognizedFields: { custom: b.custom } } : {}),
        }));
    const targetsData = signedBytes(targets, keys.targets);
    const snapshotData = signedBytes(new dist.Snapshot({
        ...common,
        version: v.snapshot,
        meta: { 'targets.json': metaFile(v.targets, targetsData) },
    }), keys.snapshot);
    const timestampData = signedBytes(new dist.Timestamp({ ...common, version: v.timestamp, snapshotMeta: metaFile(v.snapshot, snapshotData) }), keys.timestamp);
    return {
        targets: { version: v.targets, data: targetsData },
        snapshot: { version: v.snapshot, data: snapshotData },
        timestamp: { version: v.timestamp, data: timestampData },
    };
}
/** Length and hash too, though optional for snapshot: a client then fetches exactly those bytes. */
const metaFile = (version, data) => new dist.MetaFile({ version, length: data.length, hashes: { sha256: sha256(data) } });

// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
;// CONCATENATED MODULE: ./build/src/sigstore/tuf-targets.js
// The targets of `sigstamp tuf-repo`: the trusted root and signing config as given, checked the
// way the verifiers will read them, plus the legacy per-service files older clients look up.





const TRUSTED_ROOT_TARGET = 'trusted_root.json';
/** A target name of its own: one file name ending in trusted_root.json (GitHub's `<trust domain>.trusted_root.json`). */
const TRUSTED_ROOT_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9_-]*\.)?trusted_root\.json$/;
const SIGNING_CONFIG_TARGET = 'signing_config.v0.2.json';
const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';
async function readInput(path, what) {
    let bytes;
    try {
        bytes = await (0,promises_.readFile)(path);
    }
    catch (err) {
        throw new TufRepoError(`${what} ${path}: ${err.message}`);
    }
    try {
        return { bytes, json: JSON.parse(bytes.toString('utf8')) };
    }
    catch (err) {
        throw new TufRepoError(`${what} ${path} is not JSON (${err.message})`);
    }
}
const mediaType = (json) => json && typeof json === 'object' && typeof json.mediaType === 'string'
    ? json.mediaType
    : '';
async function readTargets(trustedRootPath, signingConfigPath, now, placeholder, trustedRootTarget = TRUSTED_ROOT_TARGET) {
    if (!TRUSTED_ROOT_NAME.test(trustedRootTarget))
        throw new TufRepoError(`--target-name "${trustedRootTarget}": give trusted_root.json or <name>.trusted_root.json (one plain name, ` +
            "e.g. a GHE.com tenant's <trust domain>.trusted_root.json, as GitHub's TUF repository names it)");
    const { bytes, json } = await readInput(trustedRootPath, '--trusted-root');
    const root = parseTrustedRoot(trustedRootPath, json);
    const blobs = [{ name: trustedRootTarget, data: bytes }, ...legacyTargets(root, now)];
    if (placeholder && root.ctlogs.length === 0)
        blobs.push(logPlaceholder('ctfe.pub', 'CTFE', 'a CT key'));
    if (placeholder && root.tlogs.length === 0)
        blobs.push(logPlaceholder('rekor.pub', 'Rekor', 'a Rekor key'));
    if (signingConfigPath) {
        const sc = await readInput(signingConfigPath, '--signing-config');
        if (!mediaType(sc.json).startsWith(SIGNING_CONFIG_MEDIA_TYPE))
            throw new TufRepoError(`--signing-config ${signingConfigPath}: mediaType "${mediaType(sc.json)}" is not ${SIGNING_CONFIG_MEDIA_TYPE}; ` +
                'give a signing config v0.2 (what `cosign signing-config create` writes)');
        try {
            protobuf_specs_dist.SigningConfig.fromJSON(sc.json);
        }
        catch (err) {
            throw new TufRepoError(`--signing-config ${signingConfigPath}: ${err.message}`);
        }
        // Always this name: the one sigstore-go and sigstore-js look the signing config up by.
        blobs.push({ name: SIGNING_CONFIG_TARGET, data: sc.bytes });
    }
    return blobs;
}
function parseTrustedRoot(path, json) {
    const what = `--trusted-root ${path}`;
    if (!mediaType(json).startsWith('application/vnd.dev.sigstore.trustedroot'))
        throw new TufRepoError(`${what}: no trusted root mediaType (got "${mediaType(json)}"); give the trusted_root.json of your Sigstore ` +
            '(sigstamp trusted-root writes one)');
    let root;
    try {
        root = protobuf_specs_dist.TrustedRoot.fromJSON(json);
        // What the verifiers do with it: catches keys and certificates that do not parse.
        (0,verify_dist/* toTrustMaterial */.jO)(root);
    }
    catch (err) {
        throw new TufRepoError(`${what} does not parse as a trusted root: ${err.message}`);
    }
    if (root.certificateAuthorities.length === 0 && root.tlogs.length === 0)
        throw new TufRepoError(`${what} names no certificate authority and no transparency log: nothing to trust`);
    return root;
}
function pem(label, der) {
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
const numbered = (base, i, ext) => `${base}${i === 0 ? '' : `_${i + 1}`}${ext}`;
/**
 * The files cosign v2 and sigstore/sigstore pkg/tuf (go-tuf v0.7, `GetTargetsByMeta`) find by their
 * `custom.sigstore.usage`, from before trusted_root.json existed. Named as Sigstore's public
 * repository names them (sigstore/root-signing targets: fulcio_v1.crt.pem, rekor.pub, ctfe.pub,
 * tsa_leaf.crt.pem / tsa_intermediate_N.crt.pem / tsa_root.crt.pem, the names cosign's TSA code
 * asks for), numbered when the trusted root has more than one. A Fulcio file holds the whole chain:
 * sigstore/sigstore fulcioroots sorts self-signed certificates into roots and the rest into
 * intermediates. The TSA names can hold one chain only, so only the first TSA is published this
 * way; newer clients read every TSA from trusted_root.json.
 */
function legacyTargets(root, now) {
    const status = (validFor) => validFor?.end && validFor.end.getTime() <= now.getTime() ? 'Expired' : 'Active';
    const custom = (usage, validFor, uri) => ({
        sigstore: { usage, status: status(validFor), ...(uri ? { uri } : {}) },
    });
    const blobs = [];
    root.certificateAuthorities.forEach((ca, i) => {
        const certs = ca.certChain?.certificates ?? [];
        if (certs.length === 0)
            return;
        blobs.push({
            name: `fulcio_v${i + 1}.crt.pem`,
            data: Buffer.from(certs.map((c) => pem('CERTIFICATE', c.rawBytes)).join('')),
            custom: custom('Fulcio', ca.validFor, ca.uri),
        });
    });
    const logs = (list, base, usage) => list.forEach((log, i) => {
        const raw = log.publicKey?.rawBytes;
        if (!raw)
            return;
        blobs.push({
            name: numbered(base, i, '.pub'),
            data: Buffer.from(pem('PUBLIC KEY', raw)),
            custom: custom(usage, log.publicKey?.validFor, log.baseUrl),
        });
    });
    logs(root.tlogs, 'rekor', 'Rekor');
    logs(root.ctlogs, 'ctfe', 'CTFE');
    const tsa = root.timestampAuthorities[0];
    const chain = tsa?.certChain?.certificates ?? [];
    if (tsa && chain.length >= 2) {
        // The trusted root orders a TSA chain signing certificate first, root last.
        const names = chain.map((_, i) => i === 0
            ? 'tsa_leaf.crt.pem'
            : i === chain.length - 1
                ? 'tsa_root.crt.pem'
                : `tsa_intermediate_${i - 1}.crt.pem`);
        chain.forEach((c, i) => blobs.push({
            name: names[i],
            data: Buffer.from(pem('CERTIFICATE', c.rawBytes)),
            custom: custom('TSA', tsa.validFor, tsa.uri),
        }));
    }
    return blobs;
}
/**
 * A `ctfe.pub` for a Sigstore without a certificate transparency log, and a `rekor.pub` for one
 * without a transparency log (timestamp-only signing, as GitHub's instance signs). Kyverno v1.19.1's
 * ImageValidatingPolicy loads CT log and Rekor keys from its TUF client before it looks at
 * `ctlog.insecureIgnoreSCT` / `insecureIgnoreTlog`, and fails keyless verification outright when
 * there are none (pkg/image/verifiers/ivpol/cosign/opts.go initTUFAndFetch → ctLogPubsFromTrustedRoot
 * "no CTLog public keys found in trusted root", rekorPubsFromTrustedRoot "no Rekor public keys found
 * in trusted root"; the same wall as kyverno/kyverno#8858). The key is freshly generated and its
 * private half never kept, so it can vouch for nothing; it is marked Expired and the generated
 * policies ignore SCTs (and the tlog). Drop these when Kyverno skips the keys it is told to ignore.
 */
function logPlaceholder(name, usage, what) {
    const { publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' });
    return {
        name,
        data: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
        custom: {
            sigstore: { usage, status: 'Expired' },
            sigstamp: {
                placeholder: `no ${usage === 'CTFE' ? 'CT' : 'transparency'} log in the trusted root; private key discarded (Kyverno needs ${what})`,
            },
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sigstore/tuf-repo.js








const DAY_MS = 86_400_000;
const MAX_EXPIRES_DAYS = 3650;
async function writeTufRepository(opts) {
    const now = opts.now ?? new Date();
    const expires = expiryFor(now, opts.expiresDays ?? 365);
    const outDir = (0,external_node_path_.resolve)(opts.outDir);
    const keysDir = (0,external_node_path_.resolve)(opts.keysDir ?? `${outDir}.keys`);
    const rel = (0,external_node_path_.relative)(outDir, keysDir);
    if (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel))
        throw new TufRepoError(`--keys ${keysDir} is inside --out ${outDir}, which gets served: give a directory outside it`);
    // Everything is read and checked before anything is written, so a bad input changes nothing.
    const blobs = await readTargets(opts.trustedRootPath, opts.signingConfigPath, now, opts.ctLogPlaceholder ?? true, opts.trustedRootTarget);
    const result = (await isOurRepository(outDir))
        ? await resign(outDir, keysDir, blobs, expires)
        : await create(outDir, keysDir, blobs, expires);
    return {
        ...result,
        outDir,
        keysDir,
        rootPath: (0,external_node_path_.join)(outDir, 'root.json'),
        targets: blobs.map((b) => b.name),
    };
}
/**
 * A static repository nobody re-signs daily (unlike Sigstore's, whose timestamp is re-signed every
 * few days), so every role lives long and the operator re-runs before the date. Rounded up to the
 * next midnight UTC so that re-runs on the same day produce the same expiry and keep the root.
 */
function expiryFor(now, days) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_DAYS)
        throw new TufRepoError(`--expires ${days}: expected a whole number of days from 1 to ${MAX_EXPIRES_DAYS}`);
    return new Date(Math.ceil((now.getTime() + days * DAY_MS) / DAY_MS) * DAY_MS);
}
async function isOurRepository(outDir) {
    let entries;
    try {
        entries = await (0,promises_.readdir)(outDir);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return false;
        throw new TufRepoError(`--out ${outDir}: ${err.message}`);
    }
    if (entries.length === 0)
        return false;
    if (entries.includes('root.json'))
        return true;
    throw new TufRepoError(`--out ${outDir} is not empty and holds no root.json: it is not a repository sigstamp tuf-repo wrote, ` +
        'and nothing is mixed into another directory; give a new or empty directory');
}
/** A metadata file of outDir, parsed by @tufjs/models; any failure names the file. */
async function readMetadata(outDir, name, parse) {
    const path = (0,external_node_path_.join)(outDir, name);
    try {
        return parse(JSON.parse(await (0,promises_.readFile)(path, 'utf8')));
    }
    catch (err) {
        throw new TufRepoError(`${path}: ${err.message}: the repository is incomplete or altered; restore it ` +
            '(or write a new one to an empty --out)');
    }
}
// ---------------------------------------------------------------------------------------------
// Writing.
/**
 * Version 1 of everything, built in a temp dir next to outDir and renamed into place (a rename
 * within one filesystem, also over an empty directory), so a failure leaves nothing half-written.
 */
async function create(outDir, keysDir, blobs, expires) {
    if ((await (0,promises_.readdir)(keysDir).catch(() => [])).length > 0)
        throw new TufRepoError(`--keys ${keysDir} is not empty: it may hold another repository's keys; give a new or empty directory`);
    const keys = generateKeys();
    const root = rootBytes(keys, 1, expires);
    const meta = topLevel(keys, blobs, { targets: 1, snapshot: 1, timestamp: 1 }, expires);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(outDir), { recursive: true });
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(keysDir), { recursive: true });
    const repoTmp = await (0,promises_.mkdtemp)(`${outDir}.tmp-`);
    // mkdtemp creates directories 0700: right for the keys, not for what a web server must read.
    const keysTmp = await (0,promises_.mkdtemp)(`${keysDir}.tmp-`);
    let keysPlaced = false;
    try {
        await (0,promises_.chmod)(repoTmp, 0o755);
        await (0,promises_.mkdir)((0,external_node_path_.join)(repoTmp, 'targets'));
        for (const b of blobs)
            await writeBlob(repoTmp, b);
        for (const [name, data] of metadataFiles(root, meta))
            await (0,promises_.writeFile)((0,external_node_path_.join)(repoTmp, name), data);
        await writeKeys(keysTmp, keys);
        await (0,promises_.rename)(keysTmp, keysDir);
        keysPlaced = true;
        await (0,promises_.rename)(repoTmp, outDir);
    }
    catch (err) {
        // Keys without the repository they sign are of no use: remove what this run placed.
        if (keysPlaced)
            await (0,promises_.rm)(keysDir, { recursive: true, force: true });
        throw err;
    }
    finally {
        await (0,promises_.rm)(repoTmp, { recursive: true, force: true });
        await (0,promises_.rm)(keysTmp, { recursive: true, force: true });
    }
    return {
        created: true,
        rootBumped: false,
        versions: { root: 1, targets: 1, snapshot: 1, timestamp: 1 },
        expires,
    };
}
/** Consistent-snapshot names first, then the plain copies; timestamp.json last, as clients read it first. */
function metadataFiles(root, m) {
    return [
        [`${m.targets.version}.targets.json`, m.targets.data],
        ['targets.json', m.targets.data],
        [`${m.snapshot.version}.snapshot.json`, m.snapshot.data],
        ['snapshot.json', m.snapshot.data],
        ...(root
            ? [
                [`${root.version}.root.json`, root.data],
                ['root.json', root.data],
            ]
            : []),
        ['timestamp.json', m.timestamp.data],
    ];
}
async function writeBlob(dir, b, write = (p, d) => (0,promises_.writeFile)(p, d)) {
    await write((0,external_node_path_.join)(dir, 'targets', `${sha256(b.data)}.${b.name}`), b.data);
    await write((0,external_node_path_.join)(dir, 'targets', b.name), b.data);
}
/** Write-temp-then-rename: a client reading meanwhile sees the old file or the new, never half. */
async function writeAtomic(path, data) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.tmp-${process.pid}-${Date.now()}`);
    try {
        await (0,promises_.writeFile)(tmp, data);
        await (0,promises_.rename)(tmp, path);
    }
    catch (err) {
        await (0,promises_.unlink)(tmp).catch(() => undefined);
        throw err;
    }
}
/**
 * A new version of an existing repository, signed with its keys after checking they are its keys.
 * The root is re-signed (same keys, version + 1) only when it would expire before the rest: clients
 * refuse an expired root whatever the timestamp says. Old versioned files stay: a client that read
 * the previous timestamp can still fetch what it lists.
 */
async function resign(outDir, keysDir, blobs, expires) {
    const keys = await loadKeys(keysDir, outDir);
    const root = await checkRoot(outDir, keysDir, keys);
    const timestamp = await readMetadata(outDir, 'timestamp.json', (j) => dist.Metadata.fromJSON(dist.MetadataKind.Timestamp, j));
    const snapshotVersion = timestamp.signed.snapshotMeta.version;
    const snapshot = await readMetadata(outDir, `${snapshotVersion}.snapshot.json`, (j) => dist.Metadata.fromJSON(dist.MetadataKind.Snapshot, j));
    const targetsVersion = snapshot.signed.meta['targets.json']?.version ?? 0;
    const rootBumped = new Date(root.signed.expires).getTime() < expires.getTime();
    const versions = {
        root: root.signed.version + (rootBumped ? 1 : 0),
        targets: targetsVersion + 1,
        snapshot: snapshotVersion + 1,
        timestamp: timestamp.signed.version + 1,
    };
    const meta = topLevel(keys, blobs, versions, expires);
    const newRoot = rootBumped ? rootBytes(keys, versions.root, expires) : undefined;
    for (const b of blobs)
        await writeBlob(outDir, b, writeAtomic);
    for (const [name, data] of metadataFiles(newRoot, meta))
        await writeAtomic((0,external_node_path_.join)(outDir, name), data);
    // Not bumped means the root outlives the rest: `expires` is when the repository stops verifying.
    return { created: false, rootBumped, versions, expires };
}
/** outDir/root.json must name our keys for every role and be signed by its own root key. */
async function checkRoot(outDir, keysDir, keys) {
    const root = await readMetadata(outDir, 'root.json', (j) => dist.Metadata.fromJSON(dist.MetadataKind.Root, j));
    for (const role of ROLES) {
        if (!root.signed.roles[role]?.keyIDs.includes(keys[role].key.keyID))
            throw new TufRepoError(`${outDir} holds another repository's root.json (its ${role} key is not ${(0,external_node_path_.join)(keysDir, `${role}.pem`)}); ` +
                'give --keys the keys that repository was written with, or write a new repository to an empty --out');
    }
    try {
        keys.root.key.verifySignature(root);
    }
    catch (err) {
        throw new TufRepoError(`${(0,external_node_path_.join)(outDir, 'root.json')} is not signed by its root key (${err.message}): it was altered`);
    }
    return root;
}


/***/ })

};
