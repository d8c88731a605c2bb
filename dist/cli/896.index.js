export const id = 896;
export const ids = [896];
export const modules = {

/***/ 84896:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CYCLONEDX_PREDICATE: () => (/* binding */ CYCLONEDX_PREDICATE),
  SPDX_PREDICATE: () => (/* binding */ SPDX_PREDICATE),
  sbomsForRun: () => (/* binding */ sbomsForRun)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/src/options.js + 3 modules
var options = __webpack_require__(63050);
// EXTERNAL MODULE: ./build/src/version.js
var version = __webpack_require__(28009);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/src/sbom/catalogers/lang-common.js
/**
 * Helpers shared by the language catalogers, each reproducing one piece of syft 1.51 so that names, versions,
 * purls and licenses come out byte-for-byte as syft writes them.
 */

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;
/**
 * Percent-encodes one purl segment exactly as anchore/packageurl-go v0.2.0 `escape()` does (syft's purl library):
 * Go's url.QueryEscape (everything but `A-Za-z0-9-_.~` becomes `%XX`, upper-case hex, over UTF-8 bytes) with
 * the space written `%20`. packageurl-js is NOT used to render: it lower-cases npm names and leaves `+` and
 * `:` bare, so `1.0+cpu` would differ from syft's `1.0%2Bcpu` and break SBOM comparisons.
 */
function purlEscape(s) {
    let out = '';
    for (const ch of s) {
        if (UNRESERVED.test(ch)) {
            out += ch;
            continue;
        }
        for (const b of Buffer.from(ch, 'utf8'))
            out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return out;
}
/**
 * `packageurl.NewPackageURL(type, namespace, name, version, nil, "").ToString()` of packageurl-go: each
 * namespace segment escaped on its own (empty ones dropped), `@version` only when non-empty, no normalisation.
 */
function syftPurl(type, namespace, name, version) {
    const segs = [
        type,
        ...namespace
            .split('/')
            .filter((s) => s !== '')
            .map(purlEscape),
    ];
    segs.push(purlEscape(name) + (version !== '' ? '@' + purlEscape(version) : ''));
    return 'pkg:' + segs.join('/');
}
/**
 * License values as syft's licenseBuilder (syft/pkg/license.go) keeps them: empty values dropped, others
 * trimmed; a value holding a newline is license TEXT, which syft turns into `sha256:<hex of the trimmed text>`
 * when its content scanner finds no SPDX ID (we have no scanner, so always that form). Deduplicated, in order.
 */
function licenseValues(values) {
    const out = [];
    for (const raw of values) {
        if (raw === undefined || raw === '')
            continue;
        const v = raw.includes('\n')
            ? 'sha256:' + (0,external_node_crypto_.createHash)('sha256').update(raw.trim()).digest('hex')
            : raw.trim();
        if (v !== '' && !out.includes(v))
            out.push(v);
    }
    return out;
}
/** syft's cataloging.UnknownStubValue. */
const UNKNOWN_VERSION = 'UNKNOWN';
/**
 * syft's default compliance rules (internal/task/package_task_factory.go `applyComplianceRules`, defaults in
 * syft/cataloging/compliance.go): a package with a blank name is dropped, a blank version is stubbed with
 * `UNKNOWN` — AFTER the purl was built, so the purl keeps no version.
 */
function applyCompliance(pkgs) {
    const out = [];
    for (const p of pkgs) {
        if (p.name.trim() === '')
            continue;
        if (p.version.trim() === '')
            p.version = UNKNOWN_VERSION;
        out.push(p);
    }
    return out;
}
/** Last path element (POSIX). */
function baseName(p) {
    const i = p.lastIndexOf('/');
    return i < 0 ? p : p.slice(i + 1);
}
/** Parent directory name (POSIX). */
function parentName(p) {
    const dir = p.slice(0, Math.max(0, p.lastIndexOf('/')));
    return baseName(dir);
}
/** spdxutil/helpers/originator_supplier.go nameEmailURLPattern. */
const NAME_EMAIL_URL = /^(?<name>[^<>()]*)( <(?<email>[^@]+@\w+\.\w+)>)?( \((?<url>.*)\))?$/;
const looksLikeEmail = (s) => s.includes('@') && s.slice(s.indexOf('@')).includes('.');
/**
 * The SPDX `supplier` syft writes for a package's recorded supplier (originator_supplier.go Supplier ->
 * parseAndFormatPersonOrOrg): "Name <email> (url)" becomes `Person: Name (email)` (`Organization:` where the
 * cataloger set metadata.supplierType, e.g. a jar's vendor); undefined when nothing usable remains.
 */
function spdxSupplier(p) {
    if (!p.supplier)
        return undefined;
    const g = NAME_EMAIL_URL.exec(p.supplier)?.groups ?? {};
    let name = (g.name ?? '').trim();
    let email = (g.email ?? '').trim();
    const url = (g.url ?? '').trim();
    if (email === '') {
        if (looksLikeEmail(url))
            email = url;
        else if (looksLikeEmail(name))
            [email, name] = [name, ''];
    }
    const value = name !== '' && email !== '' ? `${name} (${email})` : name !== '' ? name : email;
    if (value === '')
        return undefined;
    return `${p.metadata?.supplierType === 'Organization' ? 'Organization' : 'Person'}: ${value}`;
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/go-buildinfo.js
/**
 * Go build information, read from the bytes a stream hands us (no random access to the binary): a bounded
 * streaming detector for the build-info blob and parsers for the blob and its module text, following Go's own
 * debug/buildinfo/buildinfo.go (readRawBuildInfo, decodeString) and runtime/debug/mod.go (ParseBuildInfo).
 */
/** The 14-byte magic the linker writes at the start of the `go:buildinfo` symbol (cmd/link data.go buildinfo). */
const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** Most bytes kept from the magic on. */
const GO_BUILDINFO_MAX = 1024 * 1024;
const HEADER_SIZE = 32;
const MAX_VARINT = 10;
// A Go version string is a few dozen bytes ("go1.26.8 X:nocoverageredesign"); a longer one means we matched the
// magic somewhere that is not the build-info blob (e.g. the literal in a binary that imports debug/buildinfo).
const MAX_VERSION_LEN = 1024;
const EMPTY = Buffer.alloc(0);
function uvarint(b, off) {
    let value = 0;
    for (let i = 0; i < MAX_VARINT && off + i < b.length; i++) {
        const byte = b[off + i];
        value += (byte & 0x7f) * 2 ** (7 * i);
        if (byte < 0x80)
            return { value, n: i + 1 };
    }
    return undefined;
}
/**
 * Whether a 32-byte header is plausible: pointer size 4 or 8, flags using only the endian and inline bits, and
 * for the inline (Go 1.18+) format the 16 bytes after the flags zero, as cmd/link writes them.
 */
function headerValid(b) {
    const ptr = b[14];
    const flags = b[15];
    if ((ptr !== 4 && ptr !== 8) || flags > 3)
        return false;
    if ((flags & 2) === 0)
        return true;
    for (let i = 16; i < HEADER_SIZE; i++)
        if (b[i] !== 0)
            return false;
    return true;
}
/** Given the bytes captured so far (at least `HEADER_SIZE`), how many the blob needs, or whether it is bogus. */
function needed(b, max) {
    if (!headerValid(b))
        return 'invalid';
    // Pre-1.18 pointer format: the strings live elsewhere in the binary; keep the header only.
    if ((b[15] & 2) === 0)
        return HEADER_SIZE;
    const v = uvarint(b, HEADER_SIZE);
    if (!v)
        return b.length >= HEADER_SIZE + MAX_VARINT ? 'invalid' : Math.min(max, HEADER_SIZE + MAX_VARINT);
    if (v.value > MAX_VERSION_LEN)
        return 'invalid';
    const modAt = HEADER_SIZE + v.n + v.value;
    const m = uvarint(b, modAt);
    if (!m)
        return b.length >= modAt + MAX_VARINT ? 'invalid' : Math.min(max, modAt + MAX_VARINT);
    return Math.min(max, modAt + m.n + m.value);
}
/**
 * Finds the build-info blob in a byte stream pushed chunk by chunk: keeps only the last 13 bytes between
 * chunks while searching (so a magic split across chunks is found) and at most `max` bytes from the magic on.
 * A match whose header is not a real build-info header is dropped and the search goes on after it.
 */
class GoBuildInfoScanner {
    max;
    tail = EMPTY;
    parts = [];
    have = 0;
    /** Bytes wanted from the magic on; 0 while searching. */
    target = 0;
    found;
    constructor(max = GO_BUILDINFO_MAX) {
        this.max = max;
    }
    push(chunk) {
        let data = chunk;
        while (data !== undefined && data.length > 0 && this.found === undefined) {
            data = this.target === 0 ? this.search(data) : this.capture(data);
        }
    }
    /** The blob from the magic on, once found (a partial one if the stream ended inside it), else undefined. */
    result() {
        if (this.found)
            return this.found;
        if (this.target === 0 || this.have < HEADER_SIZE)
            return undefined;
        const partial = Buffer.concat(this.parts);
        return headerValid(partial) ? partial : undefined;
    }
    /** Whether the blob is complete, so the caller may stop feeding the rest of the file. */
    get done() {
        return this.found !== undefined;
    }
    search(data) {
        const keep = GO_BUILDINFO_MAGIC.length - 1;
        // A magic split across chunks starts in the tail: look in the seam (tail + the chunk's first
        // bytes) only, rather than copy every chunk of every executable behind the tail.
        if (this.tail.length > 0 && data.length >= keep) {
            const seam = Buffer.concat([this.tail, data.subarray(0, keep)]);
            const j = seam.indexOf(GO_BUILDINFO_MAGIC);
            if (j >= 0 && j < this.tail.length) {
                const head = seam.subarray(j, this.tail.length);
                this.tail = EMPTY;
                return this.search(Buffer.concat([head, data]));
            }
            this.tail = EMPTY;
        }
        const hay = this.tail.length > 0 ? Buffer.concat([this.tail, data]) : data;
        const i = hay.indexOf(GO_BUILDINFO_MAGIC);
        if (i < 0) {
            this.tail = Buffer.from(hay.subarray(Math.max(0, hay.length - (GO_BUILDINFO_MAGIC.length - 1))));
            return undefined;
        }
        this.tail = EMPTY;
        this.parts = [];
        this.have = 0;
        this.target = HEADER_SIZE;
        return hay.subarray(i);
    }
    capture(data) {
        const take = Math.min(data.length, this.target - this.have);
        // Copy: the caller may reuse its chunk buffers.
        this.parts.push(Buffer.from(data.subarray(0, take)));
        this.have += take;
        const rest = data.subarray(take);
        if (this.have < this.target)
            return undefined;
        const blob = Buffer.concat(this.parts);
        this.parts = [blob];
        const need = needed(blob, this.max);
        if (need === 'invalid') {
            this.target = 0;
            this.parts = [];
            this.have = 0;
            return Buffer.concat([blob.subarray(1), rest]);
        }
        if (need <= this.have) {
            this.found = blob.subarray(0, need);
            this.parts = [];
            return undefined;
        }
        this.target = need;
        return rest;
    }
}
/** Scans a whole buffer (a file kept in memory) for the blob. */
function findGoBuildInfo(content) {
    const s = new GoBuildInfoScanner();
    s.push(content);
    return s.result();
}
/** readRawBuildInfo for the inline format: the Go version and the module text, sentinels stripped. */
function parseBuildInfoBlob(blob) {
    if (blob.length < HEADER_SIZE || !blob.subarray(0, 14).equals(GO_BUILDINFO_MAGIC))
        throw new Error('not a Go executable');
    if ((blob[15] & 2) === 0)
        throw new Error('build info in the pre-Go 1.18 pointer format is not supported');
    const str = (off) => {
        const v = uvarint(blob, off);
        if (!v || off + v.n + v.value > blob.length)
            throw new Error('not a Go executable (truncated build info)');
        return [blob.subarray(off + v.n, off + v.n + v.value), off + v.n + v.value];
    };
    const [vers, next] = str(HEADER_SIZE);
    let [mod] = str(next);
    if (vers.length === 0)
        throw new Error('not a Go executable');
    // cmd/go/internal/modload infoStart/infoEnd: 16-byte sentinels around the module text.
    mod = mod.length >= 33 && mod[mod.length - 17] === 0x0a ? mod.subarray(16, mod.length - 16) : EMPTY;
    return { goVersion: vers.toString('utf8'), modinfo: mod.toString('utf8') };
}
const ESCAPES = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
/** strconv.Unquote for the double-quoted and back-quoted forms that BuildInfo.String writes. */
function goUnquote(s) {
    if (s.length >= 2 && s.startsWith('`') && s.endsWith('`') && !s.slice(1, -1).includes('`'))
        return s.slice(1, -1).replaceAll('\r', '');
    if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"'))
        throw new Error('invalid quoted string');
    const bytes = [];
    const body = s.slice(1, -1);
    for (let i = 0; i < body.length;) {
        const c = body[i];
        if (c === '"' || c === '\n')
            throw new Error('invalid quoted string');
        if (c !== '\\') {
            const cp = body.codePointAt(i);
            const ch = String.fromCodePoint(cp);
            bytes.push(...Buffer.from(ch, 'utf8'));
            i += ch.length;
            continue;
        }
        const e = body[i + 1] ?? '';
        const hex = (n) => {
            const h = body.slice(i + 2, i + 2 + n);
            if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h))
                throw new Error('invalid escape');
            return parseInt(h, 16);
        };
        if (e in ESCAPES) {
            bytes.push(ESCAPES[e]);
            i += 2;
        }
        else if (e === 'x') {
            bytes.push(hex(2));
            i += 4;
        }
        else if (e === 'u' || e === 'U') {
            const n = e === 'u' ? 4 : 8;
            bytes.push(...Buffer.from(String.fromCodePoint(hex(n)), 'utf8'));
            i += 2 + n;
        }
        else if (/^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
            const v = parseInt(body.slice(i + 1, i + 4), 8);
            if (v > 255)
                throw new Error('invalid escape');
            bytes.push(v);
            i += 4;
        }
        else
            throw new Error('invalid escape');
    }
    return Buffer.from(bytes).toString('utf8');
}
/** runtime/debug ParseBuildInfo, line by line; its errors are ours (syft then skips the binary). */
function parseModInfo(data, goVersion = '') {
    const bi = {
        goVersion,
        path: '',
        main: { path: '', version: '', sum: '' },
        deps: [],
        settings: [],
    };
    let last;
    const lines = data.split('\n');
    lines.pop(); // text after the last newline is ignored (strings.Cut loop)
    lines.forEach((line, n) => {
        const fail = (msg) => {
            throw new Error(`could not parse Go build info: line ${n + 1}: ${msg}`);
        };
        const mod = (cols) => {
            if (cols.length !== 2 && cols.length !== 3)
                fail(`expected 2 or 3 columns; got ${cols.length}`);
            return { path: cols[0], version: cols[1], sum: cols[2] ?? '' };
        };
        if (line.startsWith('path\t'))
            bi.path = line.slice(5);
        else if (line.startsWith('mod\t'))
            last = bi.main = mod(line.slice(4).split('\t'));
        else if (line.startsWith('dep\t'))
            bi.deps.push((last = mod(line.slice(4).split('\t'))));
        else if (line.startsWith('=>\t')) {
            const cols = line.slice(3).split('\t');
            if (cols.length !== 3)
                fail(`expected 3 columns for replacement; got ${cols.length}`);
            if (!last)
                fail('replacement with no module on previous line');
            last.replace = {
                path: cols[0],
                version: cols[1],
                sum: cols[2],
            };
            last = undefined;
        }
        else if (line.startsWith('build\t'))
            bi.settings.push(buildSetting(line.slice(6), fail));
    });
    return bi;
}
function buildSetting(kv, fail) {
    if (kv.length < 1)
        fail("build line missing '='");
    let key;
    let raw;
    if (kv[0] === '=')
        fail('build line with missing key');
    if (kv[0] === '`' || kv[0] === '"') {
        const end = kv[0] === '`' ? kv.indexOf('`', 1) : /^"(?:[^"\\\n]|\\.)*"/.exec(kv)?.[0].length;
        const len = kv[0] === '`' ? end + 1 : end;
        if (len === undefined || len <= 0)
            return fail('invalid quoted key in build line');
        if (kv.length === len)
            fail("build line missing '=' after quoted key");
        if (kv[len] !== '=')
            fail(`unexpected character after quoted key: ${kv[len]}`);
        key = goUnquote(kv.slice(0, len));
        raw = kv.slice(len + 1);
    }
    else {
        const eq = kv.indexOf('=');
        if (eq < 0)
            fail("build line missing '=' after key");
        key = kv.slice(0, eq);
        raw = kv.slice(eq + 1);
        if (key === '' || /[= \t\r\n"`]/.test(key))
            fail(`unquoted key ${JSON.stringify(key)} must be quoted`);
    }
    if (raw.startsWith('`') || raw.startsWith('"')) {
        try {
            return [key, goUnquote(raw)];
        }
        catch {
            return fail('invalid quoted value in build line');
        }
    }
    if (/[ \t\r\n"`]/.test(raw))
        fail(`unquoted value ${JSON.stringify(raw)} must be quoted`);
    return [key, raw];
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/go-binary.js
/**
 * Go modules compiled into binaries, as syft 1.51's `go-module-binary-cataloger`
 * (syft/pkg/cataloger/golang/parse_go_binary.go, package.go, stdlib_package.go, scan_binary.go).
 *
 * The layer streamer scans every executable regular file with {@link GoBuildInfoScanner} and hands this
 * cataloger `ImageFile.goBuildInfo` (the bytes from the build-info magic on): it never needs the binary
 * itself (`buildInfoOnly`). A file that comes with `content` or `spillPath` instead is scanned here.
 */




const GO_BINARY_CATALOGER = 'go-module-binary-cataloger';
const DEVEL = '(devel)';
/** package.go packageURL: the module path up to its last `/` is the namespace, kept unescaped per segment. */
function goPurl(module, version) {
    if (module === '')
        return '';
    const slash = module.lastIndexOf('/');
    return slash > 0 && slash < module.length - 1
        ? syftPurl('golang', module.slice(0, slash), module.slice(slash + 1), version)
        : syftPurl('golang', '', module, version);
}
const escapeRe = (s) => s.replace(/[\\^$*+?()[\]{}|]/g, '\\$&');
// parse_go_binary.go knownBuildFlagPatterns, prefixed with `(main|<main module>\/[^\s]*)` as
// extractVersionFromLDFlags does (only `/` of the module path is escaped there, so `.` matches any byte too).
const LDFLAG_PATTERNS = [
    String.raw `\.[a-zA-Z0-9]*([rR]elease)?([gG]it)?([bB]uild)?[vV]er(sion)?=(\S+/)*(?<version>v?\d+.\d+.\d+[-\w]*)`,
    String.raw `\.[a-zA-Z0-9]*([tT]ag)=(\S+/)*(?<version>v?\d+.\d+.\d+[-\w]*)`,
];
function versionFromLdflags(ldflags, mainModule) {
    if (ldflags === '')
        return '';
    for (const p of LDFLAG_PATTERNS) {
        const v = new RegExp(`(main|${escapeRe(mainModule)}/[^\\s]*)${p}`).exec(ldflags)?.groups?.version;
        if (v)
            return v.startsWith('v') ? v : `v${v}`;
    }
    return '';
}
/** golang.org/x/mod/module.PseudoVersion("", "", t, rev) -> v0.0.0-yyyymmddhhmmss-rev. */
function pseudoVersion(time, rev) {
    const ms = Date.parse(time);
    const d = Number.isNaN(ms) ? undefined : new Date(ms);
    const p = (n, w = 2) => String(n).padStart(w, '0');
    const ts = d
        ? `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
        : '00010101000000'; // syft ignores the parse error and formats Go's zero time
    return `v0.0.0-${ts}-${rev}`;
}
/**
 * findMainModuleVersion with syft's defaults (golang/config.go DefaultMainModuleVersionConfig: from-ld-flags
 * and from-build-settings on, from-contents off): a `-X main.version=…` style ldflag first, else a
 * pseudo-version from vcs.revision + vcs.time, else no version.
 */
function mainModuleVersion(bi) {
    const get = (k) => bi.settings.find(([key]) => key === k)?.[1];
    const fromLd = versionFromLdflags(get('-ldflags') ?? '', bi.main.path);
    if (fromLd !== '')
        return fromLd;
    const rev = get('vcs.revision');
    const time = get('vcs.time');
    if (rev !== undefined && time !== undefined)
        return pseudoVersion(time, rev.length >= 12 ? rev.slice(0, 12) : rev);
    return '';
}
const sameModule = (a, b) => a === b ||
    (a !== undefined &&
        b !== undefined &&
        a.path === b.path &&
        a.version === b.version &&
        a.sum === b.sum &&
        sameModule(a.replace, b.replace));
/** getExperimentsFromVersion: "go1.22.1 X:boringcrypto" -> "go1.22.1". */
const toolchainVersion = (v) => v.split(' ')[0];
/** Packages of one binary: main module, deps, and the synthetic `stdlib` (syft's order). */
function goPackagesFromBuildInfo(bi, path) {
    const gover = toolchainVersion(bi.goVersion);
    const arch = bi.settings.find(([k]) => k === 'GOARCH')?.[1] ?? '';
    const empty = (m) => m.path === '' && m.version === '' && m.sum === '' && !m.replace;
    // missingMainModule / createMainModuleFromPath: no `mod` line (or "command-line-arguments") -> the single
    // `(devel)` dep becomes the main module, else one is made up from `path`.
    if ((empty(bi.main) && bi.path !== '') ||
        (bi.main.path === 'command-line-arguments' &&
            bi.main.version === '' &&
            bi.main.sum === '' &&
            !bi.main.replace)) {
        const devel = bi.deps.filter((d) => d.version === DEVEL);
        if (devel.length === 1) {
            bi.main = devel[0];
            bi.deps.splice(bi.deps.lastIndexOf(bi.main), 1);
        }
        else
            bi.main = { path: bi.path, version: DEVEL, sum: '' };
    }
    const make = (m) => {
        // newGoBinaryPackage: a replaced module is named by its replacement unless that is a local directory
        // (`./x`, `/x`), and takes the replacement's version; `(devel)` means "no version".
        const r = m.replace;
        const name = r && !r.path.startsWith('.') && !r.path.startsWith('/') ? r.path : m.path;
        const src = r ?? m;
        const version = src.version === DEVEL ? '' : src.version;
        const metadata = { goCompiledVersion: gover, mainModule: bi.main.path };
        if (src.sum !== '')
            metadata.h1Digest = src.sum;
        if (arch !== '')
            metadata.architecture = arch;
        return {
            name,
            version,
            type: 'go-module',
            purl: goPurl(name, version),
            licenses: [],
            locations: [path],
            foundBy: GO_BINARY_CATALOGER,
            metadata,
        };
    };
    const out = [];
    if (!empty(bi.main)) {
        const main = { ...bi.main };
        if (main.version === DEVEL) {
            const v = mainModuleVersion(bi);
            main.version = v === '' ? '' : v.startsWith('v') ? v : `v${v}`;
        }
        out.push(make(main));
    }
    for (const dep of bi.deps)
        if (!sameModule(dep, bi.main))
            out.push(make(dep));
    const named = out.filter((p) => p.name !== '');
    // stdlib_package.go: one `stdlib` per binary that yielded any Go package, when generateStdlibCpe can read a
    // version out of the toolchain version (`(\d+(\.\d+)?(\.\d+)?)` after "go", before any "+").
    const bare = gover.replace(/^go/, '').split('+')[0];
    if (named.length > 0 && /\d+(\.\d+)?(\.\d+)?/.test(bare)) {
        named.push({
            name: 'stdlib',
            version: gover,
            type: 'go-module',
            purl: goPurl('stdlib', gover.replace(/^go/, '')),
            licenses: ['BSD-3-Clause'],
            locations: [path],
            foundBy: GO_BINARY_CATALOGER,
            metadata: { goCompiledVersion: gover },
        });
    }
    return named;
}
async function blobOf(f) {
    if (f.goBuildInfo)
        return f.goBuildInfo;
    const s = new GoBuildInfoScanner();
    if (f.content)
        s.push(f.content);
    else if (f.spillPath) {
        for await (const chunk of (0,external_node_fs_.createReadStream)(f.spillPath)) {
            s.push(chunk);
            if (s.done)
                break;
        }
    }
    return s.result();
}
function goBinaryCataloger() {
    return {
        name: GO_BINARY_CATALOGER,
        buildInfoOnly: true,
        // syft selects files by executable MIME type; executables are what the streamer can scan cheaply.
        wants: (_path, _size, mode) => (mode & 0o111) !== 0,
        async catalog(files, ctx) {
            const out = [];
            for (const f of files) {
                const blob = await blobOf(f);
                if (!blob)
                    continue; // not a Go binary: syft stays silent too
                try {
                    const { goVersion, modinfo } = parseBuildInfoBlob(blob);
                    out.push(...goPackagesFromBuildInfo(parseModInfo(modinfo, goVersion), f.path));
                }
                catch (e) {
                    ctx.warn(`go: skipping ${f.path}: ${e.message}`);
                }
            }
            return applyCompliance(out);
        },
    };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./build/src/sbom/catalogers/java-groupids.js
/**
 * syft's list of artifact IDs whose group ID cannot be read from a jar (no pom.properties, e.g. Gradle-built
 * Spring jars): `DefaultArtifactIDToGroupID` in syft v1.51.0 syft/pkg/cataloger/internal/cpegenerate/
 * java_groupid_map.go, regrouped by group ID. Regenerate from that file when syft updates it.
 */
const BY_GROUP = {
    'com.graphql-java': 'graphiql-spring-boot-autoconfigure graphiql-spring-boot-starter graphql-java graphql-java-annotations graphql-java-extended-scalars graphql-java-extended-validation graphql-java-servlet graphql-java-spring-boot-starter-webflux graphql-java-spring-boot-starter-webmvc graphql-java-spring-webflux graphql-java-spring-webmvc graphql-java-tools graphql-rxjava graphql-spring-boot-autoconfigure graphql-spring-boot-starter graphql-spring-boot-starter-test graphql-spring-boot-test graphql-spring-boot-test-autoconfigure java-dataloader voyager-spring-boot-autoconfigure voyager-spring-boot-starter',
    'com.squareup.okhttp3': 'okhttp',
    'com.squareup.okio': 'okio',
    'commons-codec': 'commons-codec',
    'commons-jelly': 'commons-jelly commons-jelly-avalon commons-jelly-tags-ant commons-jelly-tags-antlr commons-jelly-tags-avalon commons-jelly-tags-bean commons-jelly-tags-beanshell commons-jelly-tags-betwixt commons-jelly-tags-bsf commons-jelly-tags-define commons-jelly-tags-dynabean commons-jelly-tags-email commons-jelly-tags-fmt commons-jelly-tags-html commons-jelly-tags-http commons-jelly-tags-interaction commons-jelly-tags-jaxme commons-jelly-tags-jetty commons-jelly-tags-jface commons-jelly-tags-jms commons-jelly-tags-jmx commons-jelly-tags-jsl commons-jelly-tags-junit commons-jelly-tags-log commons-jelly-tags-ojb commons-jelly-tags-quartz commons-jelly-tags-regexp commons-jelly-tags-soap commons-jelly-tags-sql commons-jelly-tags-swing commons-jelly-tags-swt commons-jelly-tags-threads commons-jelly-tags-util commons-jelly-tags-validate commons-jelly-tags-velocity commons-jelly-tags-xml commons-jelly-tags-xmlunit',
    'commons-logging': 'commons-logging',
    'io.minio': 'minio minio-admin minio-java',
    'io.projectreactor.netty': 'reactor-netty reactor-netty-core reactor-netty-http reactor-netty-http-brave',
    'io.projectreactor.netty.incubator': 'reactor-netty-incubator-quic',
    'io.ratpack': 'ratpack-base ratpack-codahale-metrics ratpack-config ratpack-consul ratpack-core ratpack-dropwizard-metrics ratpack-exec ratpack-func ratpack-gradle ratpack-groovy ratpack-groovy-test ratpack-gson ratpack-guice ratpack-h2 ratpack-handlebars ratpack-hikari ratpack-hystrix ratpack-jackson ratpack-jackson-guice ratpack-jdbc-tx ratpack-manual ratpack-newrelic ratpack-pac4j ratpack-reactor ratpack-remote ratpack-remote-test ratpack-retrofit2 ratpack-rocker ratpack-rx ratpack-rx2 ratpack-session ratpack-session-redis ratpack-session-serialization-kryo ratpack-spring-boot ratpack-spring-boot-starter ratpack-test ratpack-thymeleaf ratpack-thymeleaf3',
    'org.apache.ant': 'ant ant-antlr ant-antunit ant-apache-bcel ant-apache-bsf ant-apache-log4j ant-apache-oro ant-apache-regexp ant-apache-resolver ant-apache-xalan2 ant-commons-logging ant-commons-net ant-compress ant-dotnet ant-imageio ant-jai ant-jakartamail ant-javamail ant-jdepend ant-jmf ant-jsch ant-junit ant-junit4 ant-junitlauncher ant-launcher ant-netrexx ant-nodeps ant-parent ant-starteam ant-stylebook ant-swing ant-testutil ant-trax ant-weblogic ant-xz',
    'org.apache.cassandra': 'cassandra-all cassandra-clientutil cassandra-javautils cassandra-parent cassandra-thrift',
    'org.apache.geode': 'apache-geode geode-all-bom geode-apis-compatible-with-redis geode-client-bom geode-client-protocol geode-common geode-concurrency-test geode-connectors geode-core geode-cq geode-deployment-legacy geode-dunit geode-experimental-driver geode-gfsh geode-http-service geode-jmh geode-joptsimple geode-json geode-junit geode-log4j geode-logging geode-lucene geode-management geode-membership geode-memcached geode-modules geode-modules-hibernate geode-modules-session geode-modules-session-internal geode-modules-tomcat7 geode-modules-tomcat8 geode-modules-tomcat9 geode-old-client-support geode-protobuf geode-protobuf-messages geode-pulse geode-rebalancer geode-redis geode-serialization geode-server-all geode-tcp-server geode-unsafe geode-wan geode-web geode-web-api geode-web-management',
    'org.apache.kafka': 'kafka-clients kafka-examples kafka-group-coordinator kafka-hadoop-consumer kafka-hadoop-producer kafka-java-examples kafka-log4j-appender kafka-metadata kafka-perf_2.10 kafka-perf_2.8.0 kafka-perf_2.8.2 kafka-perf_2.9.1 kafka-perf_2.9.2 kafka-raft kafka-server-common kafka-shell kafka-storage kafka-storage-api kafka-streams kafka-streams-examples kafka-streams-scala_2.11 kafka-streams-scala_2.12 kafka-streams-scala_2.13 kafka-streams-test-utils kafka-streams-upgrade-system-tests-0100 kafka-streams-upgrade-system-tests-0101 kafka-streams-upgrade-system-tests-0102 kafka-streams-upgrade-system-tests-0110 kafka-streams-upgrade-system-tests-10 kafka-streams-upgrade-system-tests-11 kafka-streams-upgrade-system-tests-20 kafka-streams-upgrade-system-tests-21 kafka-streams-upgrade-system-tests-22 kafka-streams-upgrade-system-tests-23 kafka-streams-upgrade-system-tests-24 kafka-streams-upgrade-system-tests-25 kafka-streams-upgrade-system-tests-26 kafka-streams-upgrade-system-tests-27 kafka-streams-upgrade-system-tests-28 kafka-streams-upgrade-system-tests-30 kafka-streams-upgrade-system-tests-31 kafka-streams-upgrade-system-tests-32 kafka-streams-upgrade-system-tests-33 kafka-streams-upgrade-system-tests-34 kafka-streams-upgrade-system-tests-35 kafka-tools kafka-tools-api kafka_2.10 kafka_2.11 kafka_2.12 kafka_2.13 kafka_2.8.0 kafka_2.8.2 kafka_2.9.1 kafka_2.9.2',
    'org.apache.tapestry': 'tapestry-TimeTracker tapestry-Vlib tapestry-VlibBeans tapestry-Workbench tapestry-annotations tapestry-archetype tapestry-beanvalidator tapestry-clojure tapestry-component-report tapestry-contrib tapestry-core tapestry-examples tapestry-framework tapestry-func tapestry-hibernate tapestry-hibernate-core tapestry-http tapestry-internal-test tapestry-ioc tapestry-ioc-jcache tapestry-ioc-junit tapestry-ioc-test tapestry-javadoc tapestry-jmx tapestry-jpa tapestry-json tapestry-kaptcha tapestry-mongodb tapestry-openapi-viewer tapestry-portlet tapestry-project tapestry-rest-jackson tapestry-runner tapestry-simple tapestry-site tapestry-spock tapestry-spring tapestry-test tapestry-test-constants tapestry-test-data tapestry-upload tapestry-version-migrator tapestry-webflow tapestry-webresources tapestry-yuicompressor tapestry5-annotations',
    'org.apache.tomcat': 'tomcat tomcat-annotations-api tomcat-api tomcat-catalina tomcat-catalina-ant tomcat-catalina-ha tomcat-catalina-jmx-remote tomcat-catalina-ws tomcat-coyote tomcat-dbcp tomcat-el-api tomcat-i18n-cs tomcat-i18n-de tomcat-i18n-es tomcat-i18n-fr tomcat-i18n-ja tomcat-i18n-ko tomcat-i18n-pt-BR tomcat-i18n-ru tomcat-i18n-zh-CN tomcat-jasper tomcat-jasper-el tomcat-jaspic-api tomcat-jdbc tomcat-jni tomcat-jsp-api tomcat-juli tomcat-servlet-api tomcat-spdy tomcat-ssi tomcat-storeconfig tomcat-tribes tomcat-util tomcat-util-scan tomcat-websocket tomcat-websocket-api tomcat-websocket-client-api tomcat7-websocket',
    'org.apache.tomcat.embed': 'tomcat-embed-core tomcat-embed-el tomcat-embed-jasper tomcat-embed-logging-juli tomcat-embed-logging-log4j tomcat-embed-websocket',
    'org.apache.velocity': 'spring-velocity-support velocity velocity-engine-core velocity-engine-parent velocity-engine-scripting velocity-tools',
    'org.bouncycastle': 'bc-fips bc-fips-debug bcjmail-debug-jdk15to18 bcjmail-debug-jdk18on bcjmail-jdk15on bcjmail-jdk15to18 bcjmail-jdk18on bcjmail-lts8on bcmail-debug-jdk15to18 bcmail-debug-jdk18on bcmail-fips bcmail-jdk14 bcmail-jdk15 bcmail-jdk15+ bcmail-jdk15on bcmail-jdk15to18 bcmail-jdk16 bcmail-jdk18on bcmail-lts8on bcpg-debug-jdk15to18 bcpg-debug-jdk18on bcpg-fips bcpg-jdk12 bcpg-jdk14 bcpg-jdk15 bcpg-jdk15+ bcpg-jdk15on bcpg-jdk15to18 bcpg-jdk16 bcpg-jdk18on bcpg-lts8on bcpkix-debug-jdk15to18 bcpkix-debug-jdk18on bcpkix-fips bcpkix-jdk14 bcpkix-jdk15on bcpkix-jdk15to18 bcpkix-jdk18on bcpkix-lts8on bcpqc-addon-fips bcprov-debug-jdk14 bcprov-debug-jdk15on bcprov-debug-jdk15to18 bcprov-debug-jdk18on bcprov-ext-debug-jdk14 bcprov-ext-debug-jdk15on bcprov-ext-debug-jdk15to18 bcprov-ext-debug-jdk18on bcprov-ext-jdk14 bcprov-ext-jdk15 bcprov-ext-jdk15on bcprov-ext-jdk15to18 bcprov-ext-jdk16 bcprov-ext-jdk18on bcprov-jdk12 bcprov-jdk14 bcprov-jdk15 bcprov-jdk15+ bcprov-jdk15on bcprov-jdk15to18 bcprov-jdk16 bcprov-jdk18on bcprov-lts8on bctls-debug-jdk15to18 bctls-debug-jdk18on bctls-fips bctls-jdk14 bctls-jdk15on bctls-jdk15to18 bctls-jdk18on bctls-lts8on bctsp-jdk14 bctsp-jdk15 bctsp-jdk15+ bctsp-jdk15on bctsp-jdk16 bcutil-debug-jdk15to18 bcutil-debug-jdk18on bcutil-jdk14 bcutil-jdk15on bcutil-jdk15to18 bcutil-jdk18on bcutil-lts8on',
    'org.codehaus.groovy': 'groovy groovy-all groovy-all-jdk14 groovy-all-minimal groovy-all-tests groovy-ant groovy-astbuilder groovy-backports-compat23 groovy-binary groovy-bom groovy-bsf groovy-cli-commons groovy-cli-picocli groovy-console groovy-datetime groovy-dateutil groovy-docgenerator groovy-eclipse-batch groovy-eclipse-compiler groovy-groovydoc groovy-groovysh groovy-jaxb groovy-jdk14 groovy-jmx groovy-json groovy-json-direct groovy-jsr223 groovy-macro groovy-nio groovy-servlet groovy-sql groovy-swing groovy-templates groovy-test groovy-test-junit5 groovy-testng groovy-tests-vm8 groovy-xml groovy-xmlrpc groovy-yaml',
    'org.codehaus.jackson': 'jackson-core-asl jackson-jaxrs jackson-mapper-asl jackson-smile jackson-xc',
    'org.eclipse.platform': 'org.eclipse.ant.core org.eclipse.ant.launching org.eclipse.ant.optional.junit org.eclipse.ant.ui org.eclipse.compare org.eclipse.compare.core org.eclipse.compare.examples org.eclipse.compare.examples.xml org.eclipse.compare.win32 org.eclipse.core.commands org.eclipse.core.contenttype org.eclipse.core.databinding org.eclipse.core.databinding.beans org.eclipse.core.databinding.observable org.eclipse.core.databinding.property org.eclipse.core.expressions org.eclipse.core.externaltools org.eclipse.core.filebuffers org.eclipse.core.filesystem org.eclipse.core.filesystem.aix.ppc org.eclipse.core.filesystem.aix.ppc64 org.eclipse.core.filesystem.hpux.ia64 org.eclipse.core.filesystem.linux.aarch64 org.eclipse.core.filesystem.linux.ppc org.eclipse.core.filesystem.linux.ppc64 org.eclipse.core.filesystem.linux.ppc64le org.eclipse.core.filesystem.linux.x86 org.eclipse.core.filesystem.linux.x86_64 org.eclipse.core.filesystem.macosx org.eclipse.core.filesystem.win32.x86 org.eclipse.core.filesystem.win32.x86_64 org.eclipse.core.jobs org.eclipse.core.net org.eclipse.core.net.linux org.eclipse.core.net.linux.x86 org.eclipse.core.net.linux.x86_64 org.eclipse.core.net.win32 org.eclipse.core.net.win32.x86 org.eclipse.core.net.win32.x86_64 org.eclipse.core.resources org.eclipse.core.resources.win32.x86 org.eclipse.core.resources.win32.x86_64 org.eclipse.core.runtime org.eclipse.core.variables org.eclipse.cvs org.eclipse.debug.core org.eclipse.debug.examples.core org.eclipse.debug.examples.ui org.eclipse.debug.ui org.eclipse.debug.ui.launchview org.eclipse.e4.core.commands org.eclipse.e4.core.contexts org.eclipse.e4.core.di org.eclipse.e4.core.di.annotations org.eclipse.e4.core.di.extensions org.eclipse.e4.core.di.extensions.supplier org.eclipse.e4.core.services org.eclipse.e4.emf.xpath org.eclipse.e4.tools org.eclipse.e4.tools.compat org.eclipse.e4.tools.compatibility.migration org.eclipse.e4.tools.emf.editor3x org.eclipse.e4.tools.emf.ui org.eclipse.e4.tools.jdt.templates org.eclipse.e4.tools.persistence org.eclipse.e4.tools.services org.eclipse.e4.ui.bindings org.eclipse.e4.ui.css.core org.eclipse.e4.ui.css.swt org.eclipse.e4.ui.css.swt.theme org.eclipse.e4.ui.di org.eclipse.e4.ui.dialogs org.eclipse.e4.ui.ide org.eclipse.e4.ui.model.workbench org.eclipse.e4.ui.progress org.eclipse.e4.ui.services org.eclipse.e4.ui.swt.gtk org.eclipse.e4.ui.swt.win32 org.eclipse.e4.ui.widgets org.eclipse.e4.ui.workbench org.eclipse.e4.ui.workbench.addons.swt org.eclipse.e4.ui.workbench.renderers.swt org.eclipse.e4.ui.workbench.renderers.swt.cocoa org.eclipse.e4.ui.workbench.swt org.eclipse.e4.ui.workbench3 org.eclipse.equinox.app org.eclipse.equinox.bidi org.eclipse.equinox.cm org.eclipse.equinox.common org.eclipse.equinox.concurrent org.eclipse.equinox.console org.eclipse.equinox.console.jaas.fragment org.eclipse.equinox.console.ssh org.eclipse.equinox.coordinator org.eclipse.equinox.device org.eclipse.equinox.ds org.eclipse.equinox.event org.eclipse.equinox.frameworkadmin org.eclipse.equinox.frameworkadmin.equinox org.eclipse.equinox.http.jetty org.eclipse.equinox.http.registry org.eclipse.equinox.http.servlet org.eclipse.equinox.http.servletbridge org.eclipse.equinox.io org.eclipse.equinox.ip org.eclipse.equinox.jsp.jasper org.eclipse.equinox.jsp.jasper.registry org.eclipse.equinox.launcher org.eclipse.equinox.launcher.cocoa.macosx org.eclipse.equinox.launcher.cocoa.macosx.aarch64 org.eclipse.equinox.launcher.cocoa.macosx.x86_64 org.eclipse.equinox.launcher.gtk.aix.ppc org.eclipse.equinox.launcher.gtk.aix.ppc64 org.eclipse.equinox.launcher.gtk.hpux.ia64 org.eclipse.equinox.launcher.gtk.linux.aarch64 org.eclipse.equinox.launcher.gtk.linux.ppc org.eclipse.equinox.launcher.gtk.linux.ppc64 org.eclipse.equinox.launcher.gtk.linux.ppc64le org.eclipse.equinox.launcher.gtk.linux.s390 org.eclipse.equinox.launcher.gtk.linux.s390x org.eclipse.equinox.launcher.gtk.linux.x86 org.eclipse.equinox.launcher.gtk.linux.x86_64 org.eclipse.equinox.launcher.gtk.solaris.sparcv9 org.eclipse.equinox.launcher.gtk.solaris.x86_64 org.eclipse.equinox.launcher.win32.win32.x86 org.eclipse.equinox.launcher.win32.win32.x86_64 org.eclipse.equinox.log.stream org.eclipse.equinox.metatype org.eclipse.equinox.p2.artifact.repository org.eclipse.equinox.p2.console org.eclipse.equinox.p2.core org.eclipse.equinox.p2.director org.eclipse.equinox.p2.director.app org.eclipse.equinox.p2.directorywatcher org.eclipse.equinox.p2.discovery org.eclipse.equinox.p2.discovery.compatibility org.eclipse.equinox.p2.engine org.eclipse.equinox.p2.extensionlocation org.eclipse.equinox.p2.garbagecollector org.eclipse.equinox.p2.installer org.eclipse.equinox.p2.jarprocessor org.eclipse.equinox.p2.metadata org.eclipse.equinox.p2.metadata.repository org.eclipse.equinox.p2.operations org.eclipse.equinox.p2.publisher org.eclipse.equinox.p2.publisher.eclipse org.eclipse.equinox.p2.reconciler.dropins org.eclipse.equinox.p2.repository org.eclipse.equinox.p2.repository.tools org.eclipse.equinox.p2.touchpoint.eclipse org.eclipse.equinox.p2.touchpoint.natives org.eclipse.equinox.p2.transport.ecf org.eclipse.equinox.p2.ui org.eclipse.equinox.p2.ui.admin org.eclipse.equinox.p2.ui.admin.rcp org.eclipse.equinox.p2.ui.discovery org.eclipse.equinox.p2.ui.importexport org.eclipse.equinox.p2.ui.sdk org.eclipse.equinox.p2.ui.sdk.scheduler org.eclipse.equinox.p2.updatechecker org.eclipse.equinox.p2.updatesite org.eclipse.equinox.preferences org.eclipse.equinox.region org.eclipse.equinox.registry org.eclipse.equinox.security org.eclipse.equinox.security.linux org.eclipse.equinox.security.linux.x86_64 org.eclipse.equinox.security.macosx org.eclipse.equinox.security.ui org.eclipse.equinox.security.win32.x86 org.eclipse.equinox.security.win32.x86_64 org.eclipse.equinox.servletbridge org.eclipse.equinox.simpleconfigurator org.eclipse.equinox.simpleconfigurator.manipulator org.eclipse.equinox.supplement org.eclipse.equinox.transforms.hook org.eclipse.equinox.transforms.xslt org.eclipse.equinox.useradmin org.eclipse.equinox.util org.eclipse.equinox.weaving.caching org.eclipse.equinox.weaving.caching.j9 org.eclipse.equinox.weaving.hook org.eclipse.equinox.wireadmin org.eclipse.help org.eclipse.help.base org.eclipse.help.ui org.eclipse.help.webapp org.eclipse.jface org.eclipse.jface.databinding org.eclipse.jface.examples.databinding org.eclipse.jface.notifications org.eclipse.jface.text org.eclipse.jsch.core org.eclipse.jsch.ui org.eclipse.ltk.core.refactoring org.eclipse.ltk.ui.refactoring org.eclipse.osgi org.eclipse.osgi.compatibility.plugins org.eclipse.osgi.compatibility.state org.eclipse.osgi.services org.eclipse.osgi.util org.eclipse.platform org.eclipse.platform.doc.isv org.eclipse.platform.doc.user org.eclipse.rcp org.eclipse.releng.tools org.eclipse.sdk org.eclipse.sdk.examples org.eclipse.search org.eclipse.swt org.eclipse.swt.browser.chromium.cocoa.macosx.x86_64 org.eclipse.swt.browser.chromium.gtk.linux.x86_64 org.eclipse.swt.browser.chromium.win32.win32.x86_64 org.eclipse.swt.cocoa.macosx.aarch64 org.eclipse.swt.cocoa.macosx.x86_64 org.eclipse.swt.examples org.eclipse.swt.examples.browser.demos org.eclipse.swt.examples.launcher org.eclipse.swt.examples.ole.win32 org.eclipse.swt.examples.views org.eclipse.swt.gtk.aix.ppc org.eclipse.swt.gtk.aix.ppc64 org.eclipse.swt.gtk.hpux.ia64 org.eclipse.swt.gtk.linux.aarch64 org.eclipse.swt.gtk.linux.ppc org.eclipse.swt.gtk.linux.ppc64 org.eclipse.swt.gtk.linux.ppc64le org.eclipse.swt.gtk.linux.s390 org.eclipse.swt.gtk.linux.s390x org.eclipse.swt.gtk.linux.x86 org.eclipse.swt.gtk.linux.x86_64 org.eclipse.swt.gtk.solaris.sparcv9 org.eclipse.swt.gtk.solaris.x86_64 org.eclipse.swt.tools org.eclipse.swt.tools.base org.eclipse.swt.tools.spies org.eclipse.swt.win32.win32.x86 org.eclipse.swt.win32.win32.x86_64 org.eclipse.team.core org.eclipse.team.cvs.core org.eclipse.team.cvs.ssh2 org.eclipse.team.cvs.ui org.eclipse.team.examples.filesystem org.eclipse.team.genericeditor.diff.extension org.eclipse.team.ui org.eclipse.text org.eclipse.text.quicksearch org.eclipse.tips.core org.eclipse.tips.ide org.eclipse.tips.json org.eclipse.tips.ui org.eclipse.tools.layout.spy org.eclipse.ui org.eclipse.ui.browser org.eclipse.ui.cheatsheets org.eclipse.ui.cocoa org.eclipse.ui.console org.eclipse.ui.editors org.eclipse.ui.examples.contributions org.eclipse.ui.examples.fieldassist org.eclipse.ui.examples.filesystem org.eclipse.ui.examples.javaeditor org.eclipse.ui.examples.multipageeditor org.eclipse.ui.examples.propertysheet org.eclipse.ui.examples.readmetool org.eclipse.ui.examples.undo org.eclipse.ui.examples.uriSchemeHandler org.eclipse.ui.examples.views.properties.tabbed.article org.eclipse.ui.externaltools org.eclipse.ui.forms org.eclipse.ui.genericeditor org.eclipse.ui.genericeditor.examples org.eclipse.ui.ide org.eclipse.ui.ide.application org.eclipse.ui.intro org.eclipse.ui.intro.quicklinks org.eclipse.ui.intro.universal org.eclipse.ui.monitoring org.eclipse.ui.navigator org.eclipse.ui.navigator.resources org.eclipse.ui.net org.eclipse.ui.themes org.eclipse.ui.trace org.eclipse.ui.views org.eclipse.ui.views.log org.eclipse.ui.views.properties.tabbed org.eclipse.ui.win32 org.eclipse.ui.workbench org.eclipse.ui.workbench.texteditor org.eclipse.update.configurator org.eclipse.update.core org.eclipse.urischeme',
    'org.elasticsearch': 'elasticsearch elasticsearch-analysis-icu elasticsearch-analysis-ik elasticsearch-analysis-kuromoji elasticsearch-analysis-mmseg elasticsearch-analysis-phonetic elasticsearch-analysis-pinyin elasticsearch-analysis-smartcn elasticsearch-analysis-stconvert elasticsearch-analysis-stempel elasticsearch-attachments elasticsearch-benchmarks elasticsearch-cli elasticsearch-client-groovy elasticsearch-cloud elasticsearch-cloud-aws elasticsearch-cloud-azure elasticsearch-cloud-gce elasticsearch-core elasticsearch-discovery-jgroups elasticsearch-geo elasticsearch-grok elasticsearch-groovy elasticsearch-h3 elasticsearch-hadoop elasticsearch-hadoop-cascading elasticsearch-hadoop-hive elasticsearch-hadoop-mr elasticsearch-hadoop-pig elasticsearch-lang-groovy elasticsearch-lang-javascript elasticsearch-lang-mvel elasticsearch-lang-python elasticsearch-logging elasticsearch-lz4 elasticsearch-mapper-attachments elasticsearch-nio elasticsearch-parent elasticsearch-plugin-analysis-api elasticsearch-plugin-api elasticsearch-plugin-classloader elasticsearch-plugin-scanner elasticsearch-preallocate elasticsearch-repository-hdfs elasticsearch-river-couchdb elasticsearch-river-rabbitmq elasticsearch-river-twitter elasticsearch-river-wikipedia elasticsearch-secure-sm elasticsearch-spark-1.2 elasticsearch-spark-1.2_2.10 elasticsearch-spark-1.2_2.11 elasticsearch-spark-13_2.10 elasticsearch-spark-13_2.11 elasticsearch-spark-20_2.10 elasticsearch-spark-20_2.11 elasticsearch-spark-20_2.12 elasticsearch-spark-30_2.12 elasticsearch-spark-30_2.13 elasticsearch-spark_2.10 elasticsearch-spark_2.11 elasticsearch-ssl-config elasticsearch-storm elasticsearch-tdigest elasticsearch-transport-memcached elasticsearch-transport-thrift elasticsearch-transport-wares elasticsearch-x-content elasticsearch-yarn',
    'org.elasticsearch.client': 'elasticsearch-rest-client elasticsearch-rest-client-sniffer elasticsearch-rest-high-level-client',
    'org.neo4j.procedure': 'apoc apoc-common apoc-core apoc-extended apoc-processor apoc-test-utils',
    'org.springframework': 'spring spring-agent spring-aop spring-asm spring-aspects spring-beandoc spring-beans spring-context spring-context-indexer spring-context-support spring-core spring-core-test spring-dao spring-expression spring-framework-bom spring-full spring-hibernate spring-hibernate2 spring-hibernate3 spring-ibatis spring-instrument spring-instrument-tomcat spring-jca spring-jcl spring-jdbc spring-jdo spring-jms spring-jmx spring-jpa spring-messaging spring-mock spring-ojb spring-orm spring-oxm spring-parent spring-portlet spring-r2dbc spring-remoting spring-struts spring-support spring-test spring-tomcat-weaver spring-toplink spring-tuple spring-tuple-parent spring-tx spring-web spring-webflux spring-webmvc spring-webmvc-portlet spring-webmvc-struts spring-websocket',
    'org.springframework.amqp': 'spring-amqp spring-amqp-bom spring-amqp-dist spring-amqp-parent spring-erlang spring-rabbit spring-rabbit-junit spring-rabbit-stream spring-rabbit-test',
    'org.springframework.analytics': 'spring-analytics',
    'org.springframework.batch': 'spring-batch spring-batch-admin-manager spring-batch-admin-parent spring-batch-admin-resources spring-batch-archetypes spring-batch-bom spring-batch-core spring-batch-docs spring-batch-infrastructure spring-batch-infrastructure-tests spring-batch-integration spring-batch-parent spring-batch-samples spring-batch-test spring-batch-tuple',
    'org.springframework.boot': 'spring-boot spring-boot-actuator spring-boot-actuator-autoconfigure spring-boot-actuator-docs spring-boot-antlib spring-boot-archetypes spring-boot-autoconfigure spring-boot-autoconfigure-processor spring-boot-build spring-boot-buildpack-platform spring-boot-cli spring-boot-configuration-metadata spring-boot-configuration-processor spring-boot-dependencies spring-boot-dependency-tools spring-boot-deployment-test-glassfish spring-boot-deployment-test-tomcat spring-boot-deployment-test-tomee spring-boot-deployment-test-wildfly spring-boot-deployment-test-wlp spring-boot-deployment-tests spring-boot-devtools spring-boot-devtools-tests spring-boot-docker-compose spring-boot-docs spring-boot-full-build spring-boot-gradle-plugin spring-boot-gradle-tests spring-boot-jarmode-layertools spring-boot-launch-script-tests spring-boot-legacy spring-boot-loader spring-boot-loader-tools spring-boot-maven-plugin spring-boot-parent spring-boot-project spring-boot-properties-migrator spring-boot-sample-actuator-archetype spring-boot-sample-actuator-log4j-archetype spring-boot-sample-actuator-noweb-archetype spring-boot-sample-actuator-ui-archetype spring-boot-sample-amqp-archetype spring-boot-sample-aop-archetype spring-boot-sample-batch-archetype spring-boot-sample-data-jpa-archetype spring-boot-sample-data-mongodb-archetype spring-boot-sample-data-redis-archetype spring-boot-sample-data-rest-archetype spring-boot-sample-integration-archetype spring-boot-sample-jetty-archetype spring-boot-sample-profile-archetype spring-boot-sample-secure-archetype spring-boot-sample-servlet-archetype spring-boot-sample-simple-archetype spring-boot-sample-tomcat-archetype spring-boot-sample-traditional-archetype spring-boot-sample-web-jsp-archetype spring-boot-sample-web-method-security-archetype spring-boot-sample-web-secure-archetype spring-boot-sample-web-static-archetype spring-boot-sample-web-ui-archetype spring-boot-sample-websocket-archetype spring-boot-sample-xml-archetype spring-boot-security-test-web-helloworld spring-boot-security-tests spring-boot-security-tests-web-helloworld spring-boot-starter spring-boot-starter-activemq spring-boot-starter-actuator spring-boot-starter-amqp spring-boot-starter-aop spring-boot-starter-artemis spring-boot-starter-batch spring-boot-starter-cache spring-boot-starter-cloud-connectors spring-boot-starter-data-cassandra spring-boot-starter-data-cassandra-reactive spring-boot-starter-data-couchbase spring-boot-starter-data-couchbase-reactive spring-boot-starter-data-elasticsearch spring-boot-starter-data-gemfire spring-boot-starter-data-jdbc spring-boot-starter-data-jpa spring-boot-starter-data-ldap spring-boot-starter-data-mongodb spring-boot-starter-data-mongodb-reactive spring-boot-starter-data-neo4j spring-boot-starter-data-r2dbc spring-boot-starter-data-redis spring-boot-starter-data-redis-reactive spring-boot-starter-data-rest spring-boot-starter-data-solr spring-boot-starter-freemarker spring-boot-starter-graphql spring-boot-starter-groovy-templates spring-boot-starter-hateoas spring-boot-starter-hornetq spring-boot-starter-integration spring-boot-starter-jdbc spring-boot-starter-jersey spring-boot-starter-jetty spring-boot-starter-jooq spring-boot-starter-json spring-boot-starter-jta-atomikos spring-boot-starter-jta-bitronix spring-boot-starter-jta-narayana spring-boot-starter-log4j spring-boot-starter-log4j2 spring-boot-starter-logging spring-boot-starter-mail spring-boot-starter-mobile spring-boot-starter-mustache spring-boot-starter-oauth2-authorization-server spring-boot-starter-oauth2-client spring-boot-starter-oauth2-resource-server spring-boot-starter-parent spring-boot-starter-quartz spring-boot-starter-reactor-netty spring-boot-starter-redis spring-boot-starter-remote-shell spring-boot-starter-rsocket spring-boot-starter-security spring-boot-starter-social-facebook spring-boot-starter-social-linkedin spring-boot-starter-social-twitter spring-boot-starter-test spring-boot-starter-thymeleaf spring-boot-starter-tomcat spring-boot-starter-undertow spring-boot-starter-validation spring-boot-starter-velocity spring-boot-starter-web spring-boot-starter-web-services spring-boot-starter-webflux spring-boot-starter-websocket spring-boot-starter-ws spring-boot-starters spring-boot-test spring-boot-test-autoconfigure spring-boot-testcontainers spring-boot-tools spring-boot-versions',
    'org.springframework.cloud': 'spring-cloud-alibaba spring-cloud-alibaba-dependencies spring-cloud-alibaba-docs spring-cloud-alibaba-dubbo spring-cloud-alibaba-nacos-config spring-cloud-alibaba-nacos-config-server spring-cloud-alibaba-nacos-discovery spring-cloud-alibaba-seata spring-cloud-alibaba-sentinel spring-cloud-alibaba-sentinel-datasource spring-cloud-alibaba-sentinel-zuul spring-cloud-alicloud-acm spring-cloud-alicloud-ans spring-cloud-alicloud-context spring-cloud-alicloud-oss spring-cloud-alicloud-schedulerx spring-cloud-alicloud-sms spring-cloud-app-broker spring-cloud-app-broker-autoconfigure spring-cloud-app-broker-core spring-cloud-app-broker-deployer spring-cloud-app-broker-deployer-cloudfoundry spring-cloud-app-broker-docs spring-cloud-app-broker-logging spring-cloud-app-broker-security-credhub spring-cloud-app-starter-doc-maven-plugin spring-cloud-app-starter-metadata-maven-plugin spring-cloud-aws spring-cloud-aws-actuator spring-cloud-aws-autoconfigure spring-cloud-aws-context spring-cloud-aws-core spring-cloud-aws-depednencies spring-cloud-aws-dependencies spring-cloud-aws-docs spring-cloud-aws-integration-test spring-cloud-aws-jdbc spring-cloud-aws-messaging spring-cloud-aws-parameter-store-config spring-cloud-aws-secrets-manager-config spring-cloud-bindings spring-cloud-bindings-parent spring-cloud-build spring-cloud-build-dependencies spring-cloud-build-docs spring-cloud-build-tools spring-cloud-bus spring-cloud-bus-dependencies spring-cloud-bus-docs spring-cloud-bus-parent spring-cloud-bus-rsocket spring-cloud-bus-tests spring-cloud-circuitbreaker spring-cloud-circuitbreaker-dependencies spring-cloud-circuitbreaker-docs spring-cloud-circuitbreaker-resilience4j spring-cloud-circuitbreaker-spring-retry spring-cloud-cli spring-cloud-cli-docs spring-cloud-cli-parent spring-cloud-cloudfoundry spring-cloud-cloudfoundry-commons spring-cloud-cloudfoundry-connector spring-cloud-cloudfoundry-dependencies spring-cloud-cloudfoundry-discovery spring-cloud-cloudfoundry-docs spring-cloud-cloudfoundry-service-broker spring-cloud-cloudfoundry-web spring-cloud-cluster spring-cloud-cluster-autoconfigure spring-cloud-cluster-core spring-cloud-cluster-dependencies spring-cloud-cluster-docs spring-cloud-cluster-etcd spring-cloud-cluster-hazelcast spring-cloud-cluster-redis spring-cloud-cluster-zookeeper spring-cloud-common-security-config spring-cloud-common-security-config-core spring-cloud-common-security-config-web spring-cloud-commons spring-cloud-commons-dependencies spring-cloud-commons-docs spring-cloud-commons-parent spring-cloud-config spring-cloud-config-client spring-cloud-config-client-tls-tests spring-cloud-config-dependencies spring-cloud-config-docs spring-cloud-config-monitor spring-cloud-config-server spring-cloud-connectors-core spring-cloud-consul spring-cloud-consul-binder spring-cloud-consul-config spring-cloud-consul-core spring-cloud-consul-dependencies spring-cloud-consul-discovery spring-cloud-consul-docs spring-cloud-consul-integration-tests spring-cloud-context spring-cloud-contract-converters spring-cloud-contract-dependencies spring-cloud-contract-docs spring-cloud-contract-gradle-plugin spring-cloud-contract-maven-plugin spring-cloud-contract-pact spring-cloud-contract-parent spring-cloud-contract-shade spring-cloud-contract-spec spring-cloud-contract-spec-groovy spring-cloud-contract-spec-java spring-cloud-contract-spec-kotlin spring-cloud-contract-spec-pact spring-cloud-contract-starters spring-cloud-contract-stub-runner spring-cloud-contract-stub-runner-boot spring-cloud-contract-stub-runner-moco-contract-jar spring-cloud-contract-tools spring-cloud-contract-verifier spring-cloud-contract-wiremock spring-cloud-core spring-cloud-dataflow spring-cloud-dataflow-aggregate-task spring-cloud-dataflow-apps-docs-plugin spring-cloud-dataflow-apps-generator-plugin spring-cloud-dataflow-apps-metadata-plugin spring-cloud-dataflow-apps-plugin-parent spring-cloud-dataflow-audit spring-cloud-dataflow-autoconfigure spring-cloud-dataflow-build spring-cloud-dataflow-build-dependencies spring-cloud-dataflow-build-tools spring-cloud-dataflow-classic-docs spring-cloud-dataflow-collector-metrics-docs spring-cloud-dataflow-common-dependencies spring-cloud-dataflow-common-flyway spring-cloud-dataflow-common-parent spring-cloud-dataflow-common-persistence spring-cloud-dataflow-common-test-docker spring-cloud-dataflow-common-test-docker-junit5 spring-cloud-dataflow-completion spring-cloud-dataflow-composed-task-runner spring-cloud-dataflow-configuration-metadata spring-cloud-dataflow-container-registry spring-cloud-dataflow-core spring-cloud-dataflow-core-dsl spring-cloud-dataflow-dependencies spring-cloud-dataflow-dependencies-parent spring-cloud-dataflow-docs spring-cloud-dataflow-metrics-collector-build spring-cloud-dataflow-metrics-collector-dependencies spring-cloud-dataflow-package spring-cloud-dataflow-parent spring-cloud-dataflow-platform-cloudfoundry spring-cloud-dataflow-platform-kubernetes spring-cloud-dataflow-registry spring-cloud-dataflow-rest-client spring-cloud-dataflow-rest-resource spring-cloud-dataflow-scheduler-task-launcher spring-cloud-dataflow-schema spring-cloud-dataflow-schema-core spring-cloud-dataflow-server spring-cloud-dataflow-server-cloudfoundry spring-cloud-dataflow-server-cloudfoundry-autoconfig spring-cloud-dataflow-server-cloudfoundry-docs spring-cloud-dataflow-server-cloudfoundry-parent spring-cloud-dataflow-server-core spring-cloud-dataflow-server-kubernetes spring-cloud-dataflow-server-kubernetes-autoconfig spring-cloud-dataflow-server-kubernetes-docs spring-cloud-dataflow-server-kubernetes-parent spring-cloud-dataflow-server-local spring-cloud-dataflow-server-local-autoconfig spring-cloud-dataflow-server-mesos spring-cloud-dataflow-server-mesos-docs spring-cloud-dataflow-server-mesos-parent spring-cloud-dataflow-server-yarn spring-cloud-dataflow-server-yarn-autoconfig spring-cloud-dataflow-server-yarn-client spring-cloud-dataflow-server-yarn-docs spring-cloud-dataflow-server-yarn-h2 spring-cloud-dataflow-server-yarn-parent spring-cloud-dataflow-server-yarn-shell spring-cloud-dataflow-server-yarn-shell-core spring-cloud-dataflow-shell spring-cloud-dataflow-shell-core spring-cloud-dataflow-single-step-batch-job spring-cloud-dataflow-skipper-docs spring-cloud-dataflow-tasklauncher spring-cloud-dataflow-tasklauncher-function spring-cloud-dataflow-tasklauncher-sink spring-cloud-dataflow-tasklauncher-sink-dependencies spring-cloud-dataflow-tasklauncher-sink-kafka spring-cloud-dataflow-tasklauncher-sink-rabbit spring-cloud-dataflow-test spring-cloud-dataflow-ui spring-cloud-dependencies spring-cloud-dependencies-parent spring-cloud-deployer-autoconfigure spring-cloud-deployer-cloudfoundry spring-cloud-deployer-dependencies spring-cloud-deployer-kubernetes spring-cloud-deployer-local spring-cloud-deployer-local-parent spring-cloud-deployer-mesos spring-cloud-deployer-parent spring-cloud-deployer-resource-docker spring-cloud-deployer-resource-maven spring-cloud-deployer-resource-support spring-cloud-deployer-sample-stream spring-cloud-deployer-sample-task spring-cloud-deployer-spi spring-cloud-deployer-spi-scheduler-test-app spring-cloud-deployer-spi-test spring-cloud-deployer-spi-test-app spring-cloud-deployer-thin spring-cloud-deployer-yarn spring-cloud-deployer-yarn-appdeployerappmaster spring-cloud-deployer-yarn-autoconfig spring-cloud-deployer-yarn-build-tests spring-cloud-deployer-yarn-parent spring-cloud-deployer-yarn-tasklauncherappmaster spring-cloud-docs spring-cloud-function-adapter-aws spring-cloud-function-adapter-aws-web spring-cloud-function-adapter-azure spring-cloud-function-adapter-azure-web spring-cloud-function-adapter-gcp spring-cloud-function-adapter-openwhisk spring-cloud-function-adapter-parent spring-cloud-function-compiler spring-cloud-function-context spring-cloud-function-core spring-cloud-function-dependencies spring-cloud-function-deployer spring-cloud-function-docs spring-cloud-function-grpc spring-cloud-function-grpc-cloudevent-ext spring-cloud-function-integration spring-cloud-function-kotlin spring-cloud-function-parent spring-cloud-function-rsocket spring-cloud-function-samples spring-cloud-function-serverless-web spring-cloud-function-stream spring-cloud-function-task spring-cloud-function-web spring-cloud-gateway spring-cloud-gateway-core spring-cloud-gateway-dependencies spring-cloud-gateway-docs spring-cloud-gateway-mvc spring-cloud-gateway-server spring-cloud-gateway-webflux spring-cloud-gcp spring-cloud-gcp-autoconfigure spring-cloud-gcp-bigquery spring-cloud-gcp-cloudfoundry spring-cloud-gcp-core spring-cloud-gcp-data-datastore spring-cloud-gcp-data-firestore spring-cloud-gcp-data-spanner spring-cloud-gcp-dependencies spring-cloud-gcp-docs spring-cloud-gcp-logging spring-cloud-gcp-pubsub spring-cloud-gcp-pubsub-stream-binder spring-cloud-gcp-secretmanager spring-cloud-gcp-security-firebase spring-cloud-gcp-security-iap spring-cloud-gcp-starter spring-cloud-gcp-starter-bigquery spring-cloud-gcp-starter-bus-pubsub spring-cloud-gcp-starter-cloudfoundry spring-cloud-gcp-starter-data-datastore spring-cloud-gcp-starter-data-firestore spring-cloud-gcp-starter-data-spanner spring-cloud-gcp-starter-firestore spring-cloud-gcp-starter-logging spring-cloud-gcp-starter-metrics spring-cloud-gcp-starter-pubsub spring-cloud-gcp-starter-secretmanager spring-cloud-gcp-starter-security-firebase spring-cloud-gcp-starter-security-iap spring-cloud-gcp-starter-sql-mysql spring-cloud-gcp-starter-sql-postgresql spring-cloud-gcp-starter-storage spring-cloud-gcp-starter-trace spring-cloud-gcp-starter-vision spring-cloud-gcp-starters spring-cloud-gcp-storage spring-cloud-gcp-vision spring-cloud-heroku-connector spring-cloud-kubernetes spring-cloud-kubernetes-archaius spring-cloud-kubernetes-client-autoconfig spring-cloud-kubernetes-client-config spring-cloud-kubernetes-client-discovery spring-cloud-kubernetes-client-loadbalancer spring-cloud-kubernetes-commons spring-cloud-kubernetes-config spring-cloud-kubernetes-configserver spring-cloud-kubernetes-configuration-watcher spring-cloud-kubernetes-controllers spring-cloud-kubernetes-core spring-cloud-kubernetes-dependencies spring-cloud-kubernetes-discovery spring-cloud-kubernetes-discoveryserver spring-cloud-kubernetes-docs spring-cloud-kubernetes-fabric8-autoconfig spring-cloud-kubernetes-fabric8-config spring-cloud-kubernetes-fabric8-discovery spring-cloud-kubernetes-fabric8-istio spring-cloud-kubernetes-fabric8-leader spring-cloud-kubernetes-fabric8-loadbalancer spring-cloud-kubernetes-hystrix spring-cloud-kubernetes-istio spring-cloud-kubernetes-leader spring-cloud-kubernetes-loadbalancer spring-cloud-kubernetes-ribbon spring-cloud-kubernetes-test-support spring-cloud-kubernetes-zipkin spring-cloud-launcher spring-cloud-loadbalancer spring-cloud-localconfig-connector spring-cloud-netflix spring-cloud-netflix-archaius spring-cloud-netflix-concurrency-limits spring-cloud-netflix-core spring-cloud-netflix-dependencies spring-cloud-netflix-docs spring-cloud-netflix-eureka-client spring-cloud-netflix-eureka-client-tls-tests spring-cloud-netflix-eureka-server spring-cloud-netflix-hystrix spring-cloud-netflix-hystrix-amqp spring-cloud-netflix-hystrix-dashboard spring-cloud-netflix-hystrix-stream spring-cloud-netflix-ribbon spring-cloud-netflix-sidecar spring-cloud-netflix-spectator spring-cloud-netflix-turbine spring-cloud-netflix-turbine-amqp spring-cloud-netflix-turbine-stream spring-cloud-netflix-zuul spring-cloud-open-service-broker spring-cloud-open-service-broker-autoconfigure spring-cloud-open-service-broker-contract-tests spring-cloud-open-service-broker-core spring-cloud-open-service-broker-docs spring-cloud-openfeign spring-cloud-openfeign-core spring-cloud-openfeign-dependencies spring-cloud-openfeign-docs spring-cloud-parent spring-cloud-scheam-registry-parent spring-cloud-scheduler-cloudfoundry spring-cloud-scheduler-kubernetes spring-cloud-scheduler-parent spring-cloud-scheduler-spi spring-cloud-scheduler-spi-test spring-cloud-scheduler-spi-test-app spring-cloud-schema-registry-client spring-cloud-schema-registry-core spring-cloud-schema-registry-parent spring-cloud-schema-registry-server spring-cloud-security spring-cloud-security-dependencies spring-cloud-security-docs spring-cloud-security-parent spring-cloud-skipper spring-cloud-skipper-autoconfigure spring-cloud-skipper-client spring-cloud-skipper-dependencies spring-cloud-skipper-docs spring-cloud-skipper-parent spring-cloud-skipper-platform-cloudfoundry spring-cloud-skipper-platform-kubernetes spring-cloud-skipper-server spring-cloud-skipper-server-core spring-cloud-skipper-shell spring-cloud-skipper-shell-commands spring-cloud-sleuth spring-cloud-sleuth-api spring-cloud-sleuth-autoconfigure spring-cloud-sleuth-brave spring-cloud-sleuth-core spring-cloud-sleuth-dependencies spring-cloud-sleuth-docs spring-cloud-sleuth-instrumentation spring-cloud-sleuth-otel spring-cloud-sleuth-otel-autoconfigure spring-cloud-sleuth-otel-dependencies spring-cloud-sleuth-otel-docs spring-cloud-sleuth-otel-parent spring-cloud-sleuth-otel-tests-parent spring-cloud-sleuth-reactor spring-cloud-sleuth-sample-test-core spring-cloud-sleuth-stream spring-cloud-sleuth-tests spring-cloud-sleuth-tests-common spring-cloud-sleuth-tests-otel-common spring-cloud-sleuth-zipkin spring-cloud-sleuth-zipkin-legacy spring-cloud-sleuth-zipkin-stream spring-cloud-spinnaker spring-cloud-spring-service-connector spring-cloud-square spring-cloud-square-dependencies spring-cloud-square-docs spring-cloud-square-okhttp spring-cloud-square-retrofit spring-cloud-square-retrofit-core spring-cloud-square-retrofit-webclient spring-cloud-starter spring-cloud-starter-alibaba spring-cloud-starter-alibaba-nacos-config spring-cloud-starter-alibaba-nacos-config-server spring-cloud-starter-alibaba-nacos-discovery spring-cloud-starter-alibaba-seata spring-cloud-starter-alibaba-sentinel spring-cloud-starter-alicloud spring-cloud-starter-alicloud-acm spring-cloud-starter-alicloud-ans spring-cloud-starter-alicloud-oss spring-cloud-starter-alicloud-schedulerx spring-cloud-starter-alicloud-sms spring-cloud-starter-app-broker spring-cloud-starter-app-broker-cloudfoundry spring-cloud-starter-app-broker-logging spring-cloud-starter-archaius spring-cloud-starter-atlas spring-cloud-starter-aws spring-cloud-starter-aws-jdbc spring-cloud-starter-aws-messaging spring-cloud-starter-aws-parameter-store-config spring-cloud-starter-aws-secrets-manager-config spring-cloud-starter-bootstrap spring-cloud-starter-build spring-cloud-starter-bus-amqp spring-cloud-starter-bus-kafka spring-cloud-starter-bus-rocketmq spring-cloud-starter-bus-stream spring-cloud-starter-circuitbreaker spring-cloud-starter-circuitbreaker-reactor-resilience4j spring-cloud-starter-circuitbreaker-resilience4j spring-cloud-starter-circuitbreaker-spring-retry spring-cloud-starter-cloudfoundry spring-cloud-starter-common-security-config-web spring-cloud-starter-config spring-cloud-starter-consul spring-cloud-starter-consul-all spring-cloud-starter-consul-bus spring-cloud-starter-consul-config spring-cloud-starter-consul-discovery spring-cloud-starter-contract-stub-runner spring-cloud-starter-contract-stub-runner-jetty spring-cloud-starter-contract-verifier spring-cloud-starter-dataflow-metrics-collector spring-cloud-starter-dataflow-server spring-cloud-starter-dataflow-server-cloudfoundry spring-cloud-starter-dataflow-server-kubernetes spring-cloud-starter-dataflow-server-local spring-cloud-starter-dataflow-server-mesos spring-cloud-starter-dataflow-server-yarn spring-cloud-starter-dataflow-ui spring-cloud-starter-deployer-yarn spring-cloud-starter-docs spring-cloud-starter-dubbo spring-cloud-starter-eureka spring-cloud-starter-eureka-server spring-cloud-starter-feign spring-cloud-starter-function-web spring-cloud-starter-function-webflux spring-cloud-starter-gateway spring-cloud-starter-hystrix spring-cloud-starter-hystrix-dashboard spring-cloud-starter-kubernetes spring-cloud-starter-kubernetes-all spring-cloud-starter-kubernetes-client spring-cloud-starter-kubernetes-client-all spring-cloud-starter-kubernetes-client-config spring-cloud-starter-kubernetes-client-loadbalancer spring-cloud-starter-kubernetes-config spring-cloud-starter-kubernetes-discoveryclient spring-cloud-starter-kubernetes-fabric8 spring-cloud-starter-kubernetes-fabric8-all spring-cloud-starter-kubernetes-fabric8-config spring-cloud-starter-kubernetes-fabric8-loadbalancer spring-cloud-starter-kubernetes-loadbalancer spring-cloud-starter-kubernetes-netflix spring-cloud-starter-kubernetes-ribbon spring-cloud-starter-kubernetes-zipkin spring-cloud-starter-loadbalancer spring-cloud-starter-netflix spring-cloud-starter-netflix-archaius spring-cloud-starter-netflix-atlas spring-cloud-starter-netflix-eureka-client spring-cloud-starter-netflix-eureka-server spring-cloud-starter-netflix-hystrix spring-cloud-starter-netflix-hystrix-dashboard spring-cloud-starter-netflix-ribbon spring-cloud-starter-netflix-spectator spring-cloud-starter-netflix-turbine spring-cloud-starter-netflix-turbine-amqp spring-cloud-starter-netflix-turbine-stream spring-cloud-starter-netflix-zuul spring-cloud-starter-oauth2 spring-cloud-starter-open-service-broker spring-cloud-starter-open-service-broker-webmvc spring-cloud-starter-openfeign spring-cloud-starter-parent spring-cloud-starter-ribbon spring-cloud-starter-security spring-cloud-starter-single-step-batch-job spring-cloud-starter-skipper-server spring-cloud-starter-sleuth spring-cloud-starter-spectator spring-cloud-starter-stream-kafka spring-cloud-starter-stream-kafka11 spring-cloud-starter-stream-rabbit spring-cloud-starter-stream-redis spring-cloud-starter-stream-rocketmq spring-cloud-starter-task spring-cloud-starter-turbine spring-cloud-starter-turbine-amqp spring-cloud-starter-turbine-stream spring-cloud-starter-vault-config spring-cloud-starter-zipkin spring-cloud-starter-zipkin-legacy spring-cloud-starter-zookeeper spring-cloud-starter-zookeeper-all spring-cloud-starter-zookeeper-config spring-cloud-starter-zookeeper-discovery spring-cloud-starter-zuul spring-cloud-stream spring-cloud-stream-binder-kafka spring-cloud-stream-binder-kafka-0.10-test spring-cloud-stream-binder-kafka-0.10.0-test spring-cloud-stream-binder-kafka-0.10.1-test spring-cloud-stream-binder-kafka-0.10.2-test spring-cloud-stream-binder-kafka-0.11-test spring-cloud-stream-binder-kafka-0.9 spring-cloud-stream-binder-kafka-core spring-cloud-stream-binder-kafka-docs spring-cloud-stream-binder-kafka-parent spring-cloud-stream-binder-kafka-reactive spring-cloud-stream-binder-kafka-streams spring-cloud-stream-binder-kafka-test-support spring-cloud-stream-binder-kafka11 spring-cloud-stream-binder-kafka11-core spring-cloud-stream-binder-kafka11-docs spring-cloud-stream-binder-kafka11-parent spring-cloud-stream-binder-kinesis spring-cloud-stream-binder-kinesis-docs spring-cloud-stream-binder-kinesis-parent spring-cloud-stream-binder-kstream spring-cloud-stream-binder-kstream11 spring-cloud-stream-binder-rabbit spring-cloud-stream-binder-rabbit-core spring-cloud-stream-binder-rabbit-docs spring-cloud-stream-binder-rabbit-parent spring-cloud-stream-binder-rabbit-test-support spring-cloud-stream-binder-redis spring-cloud-stream-binder-redis-parent spring-cloud-stream-binder-rocketmq spring-cloud-stream-binder-servlet spring-cloud-stream-binder-test spring-cloud-stream-binders spring-cloud-stream-binders-parent spring-cloud-stream-codec spring-cloud-stream-core spring-cloud-stream-core-docs spring-cloud-stream-dependencies spring-cloud-stream-docs spring-cloud-stream-integration-tests spring-cloud-stream-metrics spring-cloud-stream-parent spring-cloud-stream-reactive spring-cloud-stream-rxjava spring-cloud-stream-schema spring-cloud-stream-schema-registry spring-cloud-stream-schema-registry-client spring-cloud-stream-schema-registry-core spring-cloud-stream-schema-registry-server spring-cloud-stream-schema-server spring-cloud-stream-starter-build spring-cloud-stream-starter-parent spring-cloud-stream-starters spring-cloud-stream-test-binder spring-cloud-stream-test-support spring-cloud-stream-test-support-internal spring-cloud-stream-tools spring-cloud-task-batch spring-cloud-task-core spring-cloud-task-dependencies spring-cloud-task-docs spring-cloud-task-integration-tests spring-cloud-task-parent spring-cloud-task-samples spring-cloud-task-starter spring-cloud-task-stream spring-cloud-test-support spring-cloud-vault-config spring-cloud-vault-config-aws spring-cloud-vault-config-consul spring-cloud-vault-config-databases spring-cloud-vault-config-docs spring-cloud-vault-config-rabbitmq spring-cloud-vault-dependencies spring-cloud-vault-docs spring-cloud-vault-parent spring-cloud-versions spring-cloud-zookeeper spring-cloud-zookeeper-config spring-cloud-zookeeper-core spring-cloud-zookeeper-dependencies spring-cloud-zookeeper-discovery spring-cloud-zookeeper-docs',
    'org.springframework.credhub': 'spring-credhub-core',
    'org.springframework.data': 'spring-cql spring-data-bom spring-data-cassandra spring-data-cassandra-distribution spring-data-cassandra-parent spring-data-commons spring-data-commons-core spring-data-commons-dist spring-data-commons-parent spring-data-couchbase spring-data-elasticsearch spring-data-envers spring-data-gemfire spring-data-gemfire-test spring-data-geode spring-data-geode-distribution spring-data-geode-parent spring-data-geode-test spring-data-graph-core spring-data-graph-dist spring-data-graph-parent spring-data-hadoop spring-data-hadoop-batch spring-data-hadoop-boot spring-data-hadoop-build-tests spring-data-hadoop-cluster-tests spring-data-hadoop-config spring-data-hadoop-core spring-data-hadoop-hbase spring-data-hadoop-hive spring-data-hadoop-pig spring-data-hadoop-spark spring-data-hadoop-sqoop2 spring-data-hadoop-store spring-data-hadoop-test spring-data-hadoop-util spring-data-jdbc spring-data-jdbc-core spring-data-jdbc-distribution spring-data-jpa spring-data-jpa-distribution spring-data-jpa-parent spring-data-keyvalue spring-data-ldap spring-data-mongodb spring-data-mongodb-cross-store spring-data-mongodb-dist spring-data-mongodb-distribution spring-data-mongodb-log4j spring-data-mongodb-parent spring-data-neo4j spring-data-neo4j-aspects spring-data-neo4j-cross-store spring-data-neo4j-dist spring-data-neo4j-distribution spring-data-neo4j-parent spring-data-neo4j-rest spring-data-neo4j-tx spring-data-oracle spring-data-r2dbc spring-data-redis spring-data-relational spring-data-relational-parent spring-data-releasetrain spring-data-rest-core spring-data-rest-distribution spring-data-rest-hal-browser spring-data-rest-hal-explorer spring-data-rest-parent spring-data-rest-repository spring-data-rest-webmvc spring-data-solr spring-yarn spring-yarn-batch spring-yarn-boot spring-yarn-boot-build-tests spring-yarn-boot-cli spring-yarn-boot-test spring-yarn-build-tests spring-yarn-core spring-yarn-integration spring-yarn-test',
    'org.springframework.flex': 'spring-flex',
    'org.springframework.graphql': 'spring-graphql',
    'org.springframework.hateoas': 'spring-hateoas',
    'org.springframework.integration': 'spring-integration spring-integration-adapter spring-integration-amqp spring-integration-aws spring-integration-bom spring-integration-camel spring-integration-cassandra spring-integration-core spring-integration-event spring-integration-feed spring-integration-file spring-integration-flow spring-integration-ftp spring-integration-gemfire spring-integration-graphql spring-integration-groovy spring-integration-groovy-dsl spring-integration-hazelcast spring-integration-http spring-integration-httpinvoker spring-integration-ip spring-integration-java-dsl spring-integration-jdbc spring-integration-jms spring-integration-jmx spring-integration-jpa spring-integration-kafka spring-integration-kotlin-dsl spring-integration-mail spring-integration-mongodb spring-integration-mqtt spring-integration-parent spring-integration-r2dbc spring-integration-redis spring-integration-rmi spring-integration-rsocket spring-integration-samples spring-integration-scripting spring-integration-security spring-integration-sftp spring-integration-smb spring-integration-smpp spring-integration-social-twitter spring-integration-splunk spring-integration-stomp spring-integration-stream spring-integration-syslog spring-integration-test spring-integration-test-support spring-integration-tuple spring-integration-twitter spring-integration-webflux spring-integration-websocket spring-integration-ws spring-integration-xml spring-integration-xmpp spring-integration-zeromq spring-integration-zip spring-integration-zookeeper',
    'org.springframework.kafka': 'spring-kafka',
    'org.springframework.ldap': 'spring-ldap spring-ldap-core spring-ldap-core-tiger spring-ldap-ldif-batch spring-ldap-ldif-core spring-ldap-odm spring-ldap-test spring-ldap-tiger',
    'org.springframework.security': 'spring-security spring-security-acl spring-security-adapters spring-security-aspects spring-security-bom spring-security-cas spring-security-cas-client spring-security-catalina spring-security-config spring-security-core spring-security-core-tiger spring-security-crypto spring-security-data spring-security-jboss spring-security-jetty spring-security-jwt spring-security-ldap spring-security-messaging spring-security-ntlm spring-security-oauth2-authorization-server spring-security-oauth2-client spring-security-oauth2-core spring-security-oauth2-jose spring-security-oauth2-resource-server spring-security-openid spring-security-parent spring-security-portlet spring-security-remoting spring-security-resin spring-security-rsa spring-security-rsocket spring-security-saml2-service-provider spring-security-samples spring-security-samples-aspectj spring-security-samples-cas spring-security-samples-cas-client spring-security-samples-cas-server spring-security-samples-contacts spring-security-samples-dms spring-security-samples-javaconfig-messages spring-security-samples-ldap spring-security-samples-messages-jc spring-security-samples-openid spring-security-samples-portlet spring-security-samples-preauth spring-security-samples-tutorial spring-security-taglibs spring-security-test spring-security-web',
    'org.springframework.security.extensions': 'spring-security-saml-dsl-core spring-security-saml2-core',
    'org.springframework.security.kerberos': 'spring-security-kerberos-bom spring-security-kerberos-client spring-security-kerberos-core spring-security-kerberos-test spring-security-kerberos-web',
    'org.springframework.security.oauth': 'spring-security-oauth spring-security-oauth-parent spring-security-oauth2',
    'org.springframework.security.oauth.boot': 'spring-security-oauth2-autoconfigure',
    'org.springframework.session': 'spring-session spring-session-bom spring-session-core spring-session-data-gemfire spring-session-data-geode spring-session-data-mongo spring-session-data-mongodb spring-session-data-redis spring-session-hazelcast spring-session-jdbc',
    'org.springframework.social': 'spring-social-core',
    'org.springframework.vault': 'spring-vault-core',
    'org.springframework.webflow': 'org.springframework.binding org.springframework.faces org.springframework.js org.springframework.webflow spring-binding spring-build-src spring-faces spring-js spring-js-resources spring-webflow',
    'org.springframework.ws': 'spring-ws spring-xml',
    xalan: 'xalan',
};
/** artifactId -> groupId. */
const KNOWN_GROUP_IDS = new Map(Object.entries(BY_GROUP).flatMap(([group, ids]) => ids.split(' ').map((id) => [id, group])));

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/java-meta.js
/**
 * Parsers and naming rules for Java archive metadata, each following the syft 1.51 function cited on it
 * (syft/pkg/cataloger/java/: parse_java_manifest.go, parse_pom_properties.go, archive_filename.go,
 * package_url.go; internal/maven/resolver.go for pom.xml; internal/cpegenerate/java.go for group IDs).
 */


/** KeyValues.MustGet: the FIRST value of a key (syft/pkg/key_value.go). */
const kvGet = (kv, key) => kv.find(([k]) => k === key)?.[1];
/** parseJavaManifest: sections split by blank lines; a line starting with a space continues the last value. */
function parseManifest(text) {
    const sections = [];
    let lastKey = '';
    for (const raw of text.split('\n')) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line === '') {
            lastKey = '';
            continue;
        }
        if (line.startsWith(' ')) {
            const sec = sections[sections.length - 1];
            const kv = sec?.[sec.length - 1];
            if (lastKey !== '' && kv)
                kv[1] += line.trim();
            continue;
        }
        const i = line.indexOf(':');
        if (i < 0)
            continue;
        const key = line.slice(0, i).trim();
        if (key === '')
            continue;
        if (lastKey === '')
            sections.push([]);
        sections[sections.length - 1].push([key, line.slice(i + 1).trim()]);
        lastKey = key;
    }
    return { main: sections[0] ?? [], sections: sections.slice(1) };
}
/** fieldValueFromManifest: the main section first, then the named sections. */
function manifestField(m, key) {
    for (const s of [m.main, ...m.sections]) {
        const v = kvGet(s, key);
        if (v)
            return v;
    }
    return '';
}
/** parsePomProperties: `key=value` or `key:value` lines, `#` comments; mapstructure matches keys case-insensitively. */
function parsePomProperties(text, path) {
    const m = new Map();
    for (const raw of text.split('\n')) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.trim() === '' || line.replace(/^ +/, '').startsWith('#'))
            continue;
        const i = line.search(/[=:]/);
        if (i < 0)
            throw new Error(`unable to split pom.properties key-value pairs: ${JSON.stringify(line)}`);
        m.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    return {
        path,
        groupId: m.get('groupid') ?? '',
        artifactId: m.get('artifactid') ?? '',
        version: m.get('version') ?? '',
    };
}
const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeEntities = (s) => s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e) => e.startsWith('#x')
    ? String.fromCodePoint(parseInt(e.slice(2), 16))
    : e.startsWith('#')
        ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : (ENTITIES[e] ?? all));
/** A minimal, strict-enough XML element reader (namespaces dropped to local names); throws on unbalanced tags. */
function parseXml(xml) {
    const root = { name: '', children: [], text: '' };
    const stack = [root];
    const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
    for (const m of xml.matchAll(re)) {
        const top = stack[stack.length - 1];
        if (m[1] !== undefined)
            top.text += m[1];
        else if (m[6] !== undefined)
            top.text += decodeEntities(m[6]);
        else if (m[3] !== undefined) {
            const name = m[3].replace(/^.*:/, '');
            if (m[2] === '/') {
                if (stack.length < 2 || top.name !== name)
                    throw new Error(`unbalanced </${name}>`);
                stack.pop();
            }
            else {
                const el = { name, children: [], text: '' };
                top.children.push(el);
                if (m[5] !== '/')
                    stack.push(el);
            }
        }
        else if (!m[0].startsWith('<!--') && !m[0].startsWith('<?') && !m[0].startsWith('<!DOCTYPE'))
            throw new Error('malformed XML');
    }
    if (stack.length !== 1)
        throw new Error('unclosed element');
    return root;
}
const child = (el, name) => el?.children.find((c) => c.name === name);
/**
 * maven.ParsePomXML + Resolver.ResolveID without parent POM lookups (syft's defaults: no network, no local
 * repository): `${project.*}` and `${property}` from this POM; a value with an unresolvable reference is "".
 * Licenses are the raw `<license>` names (or URLs when unnamed), as toPkgLicenses passes them on.
 */
function parsePomXml(text, path) {
    const project = child(parseXml(text), 'project');
    if (!project)
        throw new Error('no <project> element');
    const raw = (el, name) => {
        const c = child(el, name);
        return c === undefined ? undefined : c.text.trim();
    };
    const parent = child(project, 'parent');
    const props = new Map((child(project, 'properties')?.children ?? []).map((c) => [c.name, c.text.trim()]));
    const projectField = (expr) => {
        const f = expr.slice('project.'.length);
        if (f === 'version' && raw(project, 'version') === undefined && parent)
            return raw(parent, 'version');
        if (f.startsWith('parent.'))
            return raw(parent, f.slice(7));
        return raw(project, f);
    };
    const resolve = (value, depth = 0) => {
        if (value === undefined || depth > 10)
            return '';
        let failed = false;
        const out = value.replace(/\$\{([^}]+)\}/g, (_all, e) => {
            const expr = e.trim();
            const v = expr.startsWith('project.') ? (projectField(expr) ?? props.get(expr)) : props.get(expr);
            if (v === undefined)
                failed = true;
            return v === undefined ? '' : resolve(v, depth + 1);
        });
        return failed ? '' : out;
    };
    let groupId = resolve(raw(project, 'groupId'));
    let version = resolve(raw(project, 'version'));
    if (parent) {
        if (groupId === '' && !raw(project, 'groupId'))
            groupId = resolve(raw(parent, 'groupId'));
        if (version === '' && !raw(project, 'version'))
            version = resolve(raw(parent, 'version'));
    }
    const licenses = [];
    for (const l of child(project, 'licenses')?.children.filter((c) => c.name === 'license') ?? []) {
        const name = raw(l, 'name') ?? '';
        const url = raw(l, 'url') ?? '';
        if (name !== '' || url !== '')
            licenses.push(name !== '' ? name : url);
    }
    return {
        path,
        groupId,
        artifactId: resolve(raw(project, 'artifactId')),
        version,
        parentGroupId: resolve(raw(parent, 'groupId')),
        parentArtifactId: resolve(raw(parent, 'artifactId')),
        licenses,
    };
}
/** newJavaArchiveFilename: name and version out of `name-1.2.3.jar` and its `_1.2.3` / `.1.2.3` variants. */
function archiveFilename(raw) {
    const base = raw.slice(raw.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    const ext = dot < 0 ? '' : base.slice(dot + 1);
    const s = dot < 0 ? base : base.slice(0, dot);
    // nameAndVersionPattern is `(?Ui)`, i.e. lazy: the SHORTEST valid name followed by `-<version>` to the end
    // wins, else the whole string if it is a valid name, else no match. Evaluated here in linear time (the
    // nested lazy quantifiers backtrack exponentially in JS on long dotted names).
    let name = '';
    let version = '';
    if (/^[a-z]/i.test(s)) {
        for (let i = 1; i <= s.length; i++) {
            const c = s[i - 1];
            const prev = s[i - 2];
            if (!/[\w.-]/.test(c) || (prev === '-' && !/[a-z]/i.test(c)))
                break;
            if (i === s.length) {
                name = s;
                break;
            }
            if (s[i] === '-' && /^(?:\d.*|build\d+.*|rc?\d+)$/i.test(s.slice(i + 1))) {
                [name, version] = [s.slice(0, i), s.slice(i + 1)];
                break;
            }
        }
    }
    if (version === '') {
        // secondaryVersionPattern (case-sensitive, leftmost separator).
        for (let p = 0; p < name.length; p++) {
            if ('._-'.includes(name[p]) && /^(?:\d.*|build\d+.*|rc?\d+)$/.test(name.slice(p + 1))) {
                [name, version] = [name.slice(0, p), name.slice(p + 1)];
                break;
            }
        }
    }
    return { name, version, ext };
}
/** extractNameFromApacheMavenBundlePlugin: the last field of Bundle-SymbolicName for maven-bundle-plugin jars. */
function nameFromBundlePlugin(m) {
    if (!(kvGet(m.main, 'Created-By') ?? '').includes('Apache Maven Bundle Plugin'))
        return '';
    const sym = kvGet(m.main, 'Bundle-SymbolicName') ?? '';
    if (sym === '')
        return '';
    const vendorId = kvGet(m.main, 'Implementation-Vendor-Id') ?? '';
    if (vendorId !== '' && vendorId === sym)
        return '';
    return sym.split('.').pop();
}
/** selectName: bundle plugin, then the file name (a `group.artifact` file name gives the artifact), then manifest fields. */
function selectName(m, fileName) {
    const fromBundle = m ? nameFromBundlePlugin(m) : '';
    if (fromBundle !== '')
        return fromBundle;
    let name = fileName;
    if (fileName.includes('.') && !fileName.startsWith('org.eclipse.')) {
        const fields = fileName.split('.');
        // isValidJavaIdentifier: each field starts with a letter, `$`/currency or `_`-like connector.
        if (fields.every((f) => /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u.test(f)))
            name = fields[fields.length - 1];
    }
    if (name !== '' || !m)
        return name;
    for (const k of ['Name', 'Bundle-Name', 'Short-Name', 'Extension-Name', 'Implementation-Title']) {
        const v = kvGet(m.main, k);
        if (v)
            return v;
    }
    return '';
}
/** selectVersion: the file name's version first, then manifest fields in syft's order. */
function selectVersion(m, fileVersion) {
    if (fileVersion !== '' || !m)
        return fileVersion;
    for (const k of ['Implementation-Version', 'Specification-Version', 'Plugin-Version', 'Bundle-Version']) {
        const v = manifestField(m, k);
        if (v !== '')
            return v;
    }
    return '';
}
/** selectLicenses: Bundle-License then Plugin-License-Name. */
const selectLicenses = (m) => ['Bundle-License', 'Plugin-License-Name'].map((k) => manifestField(m, k)).filter((v) => v !== '');
const cleanGroupId = (g) => g.split(';')[0]?.trim() ?? '';
const cleanManifestGroupId = (g) => {
    const v = cleanGroupId(g.split('#')[0] ?? '');
    return v === 'org.lz4.java' ? 'org.lz4' : v; // cpegenerate GroupIDCorrections
};
/** groupIDFromJavaMetadata: pom.properties, pom.xml (and its parent), the known-artifact list, manifest fields. */
function groupIdFor(name, props, pom, m) {
    if (props) {
        if (props.groupId !== '')
            return cleanGroupId(props.groupId);
        if (props.artifactId.includes('.'))
            return cleanGroupId(props.artifactId);
    }
    if (pom) {
        for (const [g, a] of [
            [pom.groupId, pom.artifactId],
            [pom.parentGroupId, pom.parentArtifactId],
        ]) {
            if (g !== '')
                return cleanGroupId(g);
            if (a.includes('.'))
                return cleanGroupId(a);
        }
    }
    const known = KNOWN_GROUP_IDS.get(name);
    if (known)
        return known;
    if (!m)
        return '';
    const tld = (v) => ['com', 'org', 'net', 'io', 'be'].some((d) => v.startsWith(d));
    const fromFields = (fields) => {
        const ids = [];
        for (const f of fields)
            for (const s of [m.main, ...m.sections]) {
                const v = kvGet(s, f);
                if (v !== undefined && tld(v))
                    ids.push(cleanManifestGroupId(v));
            }
        return ids.sort()[0];
    };
    return (fromFields([
        'Group-Id',
        'Bundle-SymbolicName',
        'Extension-Name',
        'Specification-Vendor',
        'Implementation-Vendor',
        'Implementation-Vendor-Id',
        'Implementation-Title',
        'Bundle-Activator',
    ]) ??
        fromFields(['Automatic-Module-Name', 'Main-Class', 'Package']) ??
        '');
}
/** package_url.go packageURL: `pkg:maven/<group, else the name>/<name>@<version>`. */
function mavenPurl(name, version, groupId) {
    return syftPurl('maven', groupId !== '' ? groupId : name, name, version);
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./build/src/sbom/catalogers/zip.js
/**
 * A small zip central-directory reader for Java archives.
 *
 * Why not yauzl: we read the same archive from memory (`ImageFile.content`, nested jars) or from a spilled temp
 * file through one random-access interface; we must honour a prefix before the zip payload (executable jars and
 * self-extracting scripts — syft's internal/file zip helpers locate the payload from the central directory at the
 * end for the same reason, see java/zip_wrapped_archive_parser.go); and every limit against zip bombs (entry count,
 * central-directory size, inflated size per entry) is explicit here, with no dependency to bundle.
 */





const DEFAULT_ZIP_LIMITS = { maxEntries: 500_000, maxCentralDirectory: 256 * 1024 * 1024 };
function bufferSource(buf) {
    return {
        size: buf.length,
        read: async (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
        close: async () => { },
    };
}
async function fileSource(path) {
    const fh = await (0,promises_.open)(path, 'r');
    const { size } = await fh.stat();
    return {
        size,
        async read(offset, length) {
            const n = Math.max(0, Math.min(length, size - offset));
            const b = Buffer.alloc(n);
            const { bytesRead } = await fh.read(b, 0, n, offset);
            return b.subarray(0, bytesRead);
        },
        close: () => fh.close(),
    };
}
const EOCD_SIG = 0x06054b50;
const EOCD64_LOC_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
class ZipError extends Error {
}
const u64 = (b, o) => Number(b.readBigUInt64LE(o));
/** Reads the central directory. Throws ZipError on anything that is not a well-formed zip within the limits. */
async function readZipEntries(src, limits = DEFAULT_ZIP_LIMITS) {
    if (src.size < 22)
        throw new ZipError('not a zip archive (too small)');
    const tailLen = Math.min(src.size, 22 + 0xffff);
    const tail = await src.read(src.size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
        if (tail.readUInt32LE(i) === EOCD_SIG) {
            at = i;
            break;
        }
    if (at < 0)
        throw new ZipError('not a zip archive (no end of central directory)');
    const eocdOffset = src.size - tailLen + at;
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    let cdEnd = eocdOffset;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        const loc = await src.read(eocdOffset - 20, 20);
        if (loc.length === 20 && loc.readUInt32LE(0) === EOCD64_LOC_SIG) {
            const recOffset = u64(loc, 8);
            const rec = await src.read(recOffset, 56);
            // With a prefix, the recorded offset is off by the prefix: the record sits right before the locator.
            const actual = rec.length === 56 && rec.readUInt32LE(0) === EOCD64_SIG
                ? rec
                : await src.read(eocdOffset - 20 - 56, 56);
            if (actual.length !== 56 || actual.readUInt32LE(0) !== EOCD64_SIG)
                throw new ZipError('bad zip64 end of central directory');
            count = u64(actual, 32);
            cdSize = u64(actual, 40);
            cdOffset = u64(actual, 48);
            cdEnd = actual === rec ? recOffset : eocdOffset - 20 - 56;
        }
    }
    if (count > limits.maxEntries)
        throw new ZipError(`too many entries (${count} > ${limits.maxEntries})`);
    if (cdSize > limits.maxCentralDirectory || cdSize > cdEnd)
        throw new ZipError('central directory too large or out of bounds');
    // Bytes before the zip payload (prefix): where the directory really starts minus where it says it starts.
    const prefix = cdEnd - cdSize - cdOffset;
    if (prefix < 0)
        throw new ZipError('central directory offset out of bounds');
    const cd = await src.read(cdEnd - cdSize, cdSize);
    const entries = [];
    for (let p = 0; p + 46 <= cd.length;) {
        if (cd.readUInt32LE(p) !== CEN_SIG)
            throw new ZipError('corrupt central directory');
        const flags = cd.readUInt16LE(p + 8);
        const nameLen = cd.readUInt16LE(p + 28);
        const extraLen = cd.readUInt16LE(p + 30);
        const commentLen = cd.readUInt16LE(p + 32);
        let compressedSize = cd.readUInt32LE(p + 20);
        let size = cd.readUInt32LE(p + 24);
        let headerOffset = cd.readUInt32LE(p + 42);
        const nameBuf = cd.subarray(p + 46, p + 46 + nameLen);
        // Bit 11: UTF-8 names; otherwise CP437, whose ASCII range is all Java tooling writes.
        const name = nameBuf.toString(flags & 0x800 ? 'utf8' : 'latin1');
        const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
        for (let e = 0; e + 4 <= extra.length;) {
            const id = extra.readUInt16LE(e);
            const len = extra.readUInt16LE(e + 2);
            if (id === 0x0001) {
                // Zip64 extended information: only the fields whose 32-bit value is saturated, in this order.
                let q = e + 4;
                const next = () => {
                    if (q + 8 > e + 4 + len)
                        return undefined;
                    q += 8;
                    return u64(extra, q - 8);
                };
                if (size === 0xffffffff)
                    size = next() ?? size;
                if (compressedSize === 0xffffffff)
                    compressedSize = next() ?? compressedSize;
                if (headerOffset === 0xffffffff)
                    headerOffset = next() ?? headerOffset;
            }
            e += 4 + len;
        }
        entries.push({
            name,
            method: cd.readUInt16LE(p + 10),
            compressedSize,
            size,
            headerOffset: headerOffset + prefix,
            isDir: name.endsWith('/'),
        });
        p += 46 + nameLen + extraLen + commentLen;
    }
    if (entries.length !== count && count !== 0xffff)
        throw new ZipError(`central directory lists ${entries.length} of ${count} entries`);
    return entries;
}
async function dataRange(src, e) {
    const loc = await src.read(e.headerOffset, 30);
    if (loc.length < 30 || loc.readUInt32LE(0) !== LOC_SIG)
        throw new ZipError(`bad local header for ${e.name}`);
    const start = e.headerOffset + 30 + loc.readUInt16LE(26) + loc.readUInt16LE(28);
    if (start + e.compressedSize > src.size)
        throw new ZipError(`entry ${e.name} runs past the end of the archive`);
    return [start, e.compressedSize];
}
/** An entry's bytes in memory; refuses entries that inflate beyond `max` bytes (declared or actual). */
async function readZipEntry(src, e, max) {
    if (e.size > max)
        throw new ZipError(`entry ${e.name} is larger than ${max} bytes`);
    const [start, len] = await dataRange(src, e);
    const raw = await src.read(start, len);
    if (e.method === 0)
        return raw;
    if (e.method !== 8)
        throw new ZipError(`entry ${e.name} uses unsupported compression method ${e.method}`);
    try {
        // maxOutputLength stops a lying size field from inflating without bound.
        return (0,external_node_zlib_.inflateRawSync)(raw, { maxOutputLength: Math.max(1, max) });
    }
    catch (err) {
        throw new ZipError(`cannot inflate ${e.name}: ${err.message}`);
    }
}
/** Inflates an entry to a file, streaming, aborting past `max` bytes. */
async function extractZipEntry(src, e, dest, max) {
    if (e.size > max)
        throw new ZipError(`entry ${e.name} is larger than ${max} bytes`);
    if (e.method !== 0 && e.method !== 8)
        throw new ZipError(`entry ${e.name} uses unsupported compression method ${e.method}`);
    const [start, len] = await dataRange(src, e);
    const CHUNK = 1024 * 1024;
    async function* compressed() {
        for (let off = 0; off < len; off += CHUNK)
            yield await src.read(start + off, Math.min(CHUNK, len - off));
    }
    let written = 0;
    const cap = new external_node_stream_.Transform({
        transform(chunk, _enc, cb) {
            written += chunk.length;
            cb(written > max ? new ZipError(`entry ${e.name} inflates beyond ${max} bytes`) : null, chunk);
        },
    });
    const stages = e.method === 8 ? [(0,external_node_zlib_.createInflateRaw)(), cap] : [cap];
    await (0,external_node_stream_promises_.pipeline)([external_node_stream_.Readable.from(compressed()), ...stages, (0,external_node_fs_.createWriteStream)(dest)]);
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/java.js
/**
 * Java archives, as syft 1.51's `java-archive-cataloger` (syft/pkg/cataloger/java/archive_parser.go with its
 * default config: nested archives searched, zip-wrapped archives searched, no network or local Maven repository).
 */







const JAVA_CATALOGER = 'java-archive-cataloger';
/** archive_parser.go archiveFormatGlobs (case-sensitive `**\/*.<ext>`). */
const ARCHIVE_EXTS = [
    'jar',
    'war',
    'ear',
    'par',
    'sar',
    'nar',
    'jpi',
    'hpi',
    'kar',
    'far',
    'lpkg',
    'rar',
    'zap',
];
const isJavaArchive = (p) => ARCHIVE_EXTS.some((e) => p.endsWith(`.${e}`));
const JAVA_LIMITS = {
    /** Nested archives up to this size are inflated in memory, bigger ones to a temp file. */
    nestedInMemory: 32 * 1024 * 1024,
    nestedMax: 2 * 1024 * 1024 * 1024,
    metadataFile: 8 * 1024 * 1024,
    depth: 8,
    archivesPerFile: 10_000,
};
const dirOf = (p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
/** ZipFileManifest.GlobMatch matches entry names as if they began with `/`. */
const norm = (n) => (n.startsWith('/') ? n : `/${n}`);
const groupOf = (f) => groupIdFor(f.pkg.name, f.props, f.pom, f.manifest);
async function sha1(src) {
    const h = (0,external_node_crypto_.createHash)('sha1');
    for (let off = 0; off < src.size; off += 1 << 20)
        h.update(await src.read(off, 1 << 20));
    return h.digest('hex');
}
/** archiveParser.parse for one archive (`main` is false for a zip that only wraps Java archives). */
async function parseArchive(src, vpath, w, depth, main) {
    const entries = new Map();
    for (const e of await readZipEntries(src))
        if (!e.isDir)
            entries.set(e.name, e);
    const names = [...entries.keys()].sort();
    const read = async (n) => (await readZipEntry(src, entries.get(n), JAVA_LIMITS.metadataFile)).toString('utf8');
    const fileName = archiveFilename(vpath.slice(vpath.lastIndexOf(':') + 1));
    const props = new Map();
    const poms = new Map();
    for (const n of names) {
        try {
            if (norm(n).endsWith('pom.properties')) {
                const p = parsePomProperties(await read(n), n);
                // pomPropertiesByParentPath drops entries without a version or an artifactId.
                if (p.version !== '' && p.artifactId !== '')
                    props.set(dirOf(n), p);
            }
            else if (norm(n).endsWith('pom.xml'))
                poms.set(dirOf(n), parsePomXml(await read(n), n));
        }
        catch {
            // syft logs unparsable Maven files at debug level and goes on
        }
    }
    const out = [];
    const manifests = main ? names.filter((n) => norm(n) === '/META-INF/MANIFEST.MF') : [];
    if (manifests.length > 1)
        throw new Error(`found multiple manifests in the jar: ${manifests.join(', ')}`);
    const manifest = manifests[0] ? parseManifest(await read(manifests[0])) : undefined;
    let mainFound;
    // discoverMainPackage: only a jar with a manifest has a main package; Weave-Classes marks instrumentation jars.
    if (manifest && kvGet(manifest.main, 'Weave-Classes') === undefined) {
        const pick = pickPom(props, poms, fileName.name);
        let artifact = pick.props?.artifactId ?? '';
        let version = pick.props?.version ?? '';
        if (pick.pom) {
            if (artifact === '')
                artifact = pick.pom.artifactId;
            if (version === '')
                version = pick.pom.version;
        }
        if (artifact === '')
            artifact = selectName(manifest, fileName.name);
        if (version === '')
            version = selectVersion(manifest, fileName.version);
        // discoverNameVersionLicense: manifest licenses, else (license files, which need a text classifier we do not
        // have) the pom.xml's declared licenses.
        let licenses = selectLicenses(manifest);
        if (licenses.length === 0 && pick.pom)
            licenses = pick.pom.licenses;
        const vendor = kvGet(manifest.main, 'Specification-Vendor') ||
            kvGet(manifest.main, 'Implementation-Vendor') ||
            '';
        mainFound = {
            manifest,
            jenkins: ['jpi', 'hpi'].includes(fileName.ext.toLowerCase()), // archive_filename.go pkgType
            ...(pick.pom ? { pom: pick.pom } : {}),
            pkg: {
                name: artifact,
                version,
                type: 'java-archive',
                purl: '',
                licenses: licenseValues(licenses),
                locations: [w.realPath],
                foundBy: JAVA_CATALOGER,
                ...(vendor !== '' ? { supplier: vendor } : {}),
                metadata: {
                    virtualPath: vpath,
                    sha1: await sha1(src),
                    ...(vendor !== '' ? { supplierType: 'Organization' } : {}),
                },
            },
        };
        out.push(mainFound);
        // discoverPkgsFromAllMavenFiles: every pom.properties is a package, unless it describes the main package.
        for (const dir of [...props.keys()].sort()) {
            const aux = auxPackage(props.get(dir), poms.get(dir), mainFound, vpath, w.realPath);
            if (aux)
                out.push(aux);
        }
    }
    const pkgs = out.map((f) => finalize(f));
    // discoverPkgsFromNestedArchives: every archive inside, parented to this one's main package.
    for (const n of names.filter((x) => isJavaArchive(x))) {
        if (++w.archives > JAVA_LIMITS.archivesPerFile || depth >= JAVA_LIMITS.depth) {
            w.ctx.warn(`java: ${w.realPath}: nesting too deep or too many archives, skipping ${vpath}:${n}`);
            break;
        }
        const e = entries.get(n);
        const nested = `${vpath}:${n}`;
        let inner;
        try {
            if (e.size <= JAVA_LIMITS.nestedInMemory)
                inner = bufferSource(await readZipEntry(src, e, JAVA_LIMITS.nestedInMemory));
            else {
                const dest = (0,external_node_path_.join)(await w.tmp(), `${w.archives}.zip`);
                await extractZipEntry(src, e, dest, JAVA_LIMITS.nestedMax);
                inner = await fileSource(dest);
            }
            pkgs.push(...(await parseArchive(inner, nested, w, depth + 1, true)));
        }
        catch (err) {
            w.ctx.warn(`java: skipping nested archive ${nested}: ${err.message}`);
        }
        finally {
            await inner?.close();
        }
    }
    return pkgs;
}
/**
 * findBestPomMatch + handleSinglePomXML: the first pom.properties (by directory) whose artifactId matches the
 * file name, preferring one with a pom.xml beside it and an "exact" match; a lone pom.xml when there is no
 * pom.properties at all.
 */
function pickPom(props, poms, fileName) {
    const artifacts = new Set([...props.values()].map((p) => p.artifactId));
    const matches = (a) => a !== '' &&
        fileName !== '' &&
        (artifacts.has(fileName) ? a === fileName : a.startsWith(fileName) || fileName.endsWith(a));
    const exact = (p, pom) => pom !== undefined && (fileName.includes(p.groupId) || fileName === p.artifactId);
    let best;
    let bestPom;
    for (const dir of [...props.keys()].sort()) {
        const p = props.get(dir);
        if (!matches(p.artifactId))
            continue;
        const pom = poms.get(dir);
        if (!best)
            [best, bestPom] = [p, pom ?? bestPom];
        else if (pom && (!bestPom || exact(p, pom)))
            [best, bestPom] = [p, pom];
        if (exact(p, bestPom))
            break;
    }
    if (props.size === 0 && poms.size === 1)
        bestPom = [...poms.values()][0];
    return { ...(best ? { props: best } : {}), ...(bestPom ? { pom: bestPom } : {}) };
}
/** newPackageFromMavenData + packageIdentitiesMatch/updateParentPackage. */
function auxPackage(props, pom, parent, vpath, realPath) {
    const parentGroup = groupOf(parent);
    const parentKey = `${parentGroup}:${parent.pkg.name}:${parent.pkg.version}`;
    const sameVirtualPath = parentKey === `${props.groupId}:${props.artifactId}:${props.version}`;
    const g = props.groupId;
    const f = {
        props,
        // JavaPomProperties.PkgTypeIndicated (syft/pkg/java.go)
        jenkins: JENKINS_GROUPS.some((j) => g.startsWith(j)) || g.includes('.jenkins.plugin'),
        ...(pom ? { pom } : {}),
        pkg: {
            name: props.artifactId,
            version: props.version,
            type: 'java-archive',
            purl: '',
            licenses: licenseValues(pom?.licenses ?? []),
            locations: [realPath],
            foundBy: JAVA_CATALOGER,
            metadata: { virtualPath: sameVirtualPath ? vpath : `${vpath}:${props.groupId}:${props.artifactId}` },
        },
    };
    const key = (g, p) => `${g}|${p.name}|${p.version}`;
    if (key(groupOf(f), f.pkg) === key(parentGroup, parent.pkg) ||
        sameVirtualPath ||
        props.artifactId === parent.pkg.name) {
        // The pom.properties describes the archive itself: it names the main package (better than the manifest).
        parent.pkg.name = props.artifactId;
        parent.pkg.version = props.version;
        parent.jenkins = f.jenkins;
        parent.props ??= props;
        return undefined;
    }
    return f;
}
const JENKINS_GROUPS = [
    'io.jenkins.plugins',
    'org.jenkins.plugins',
    'org.jenkins-ci.plugins',
    'io.jenkins-ci.plugins',
    'com.cloudbees.jenkins.plugins',
];
/** finalizePackage: the purl, and the jenkins-plugin type syft derives from it or from the pom.properties groupId. */
function finalize(f) {
    f.pkg.purl = mavenPurl(f.pkg.name, f.pkg.version, groupOf(f));
    if (f.jenkins || f.pkg.purl.includes('io.jenkins.plugins') || f.pkg.purl.includes('org.jenkins-ci.plugins'))
        (f.pkg.metadata ??= {}).syftType = 'jenkins-plugin';
    if (f.props)
        Object.assign((f.pkg.metadata ??= {}), { groupId: f.props.groupId, artifactId: f.props.artifactId });
    return f.pkg;
}
function javaCataloger() {
    return {
        name: JAVA_CATALOGER,
        // syft's java globs, plus `**/*.zip` (zip-wrapped archives: IncludeIndexedArchives defaults to true).
        wants: (path) => isJavaArchive(path) || path.endsWith('.zip'),
        async catalog(files, ctx) {
            const out = [];
            // syft resolves links and reports an archive once, at its real path: a link to an archive we
            // read anyway (Debian's versioned jar names, /usr/share/maven-repo) adds nothing.
            const real = new Set(files.filter((f) => !f.linkTarget).map((f) => f.path));
            for (const f of files) {
                if (f.linkTarget && real.has(f.linkTarget))
                    continue;
                let dir;
                const w = {
                    realPath: f.path,
                    ctx,
                    archives: 0,
                    tmp: async () => (dir ??= await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'sigstamp-jar-'))),
                };
                let src;
                try {
                    src = f.content ? bufferSource(f.content) : f.spillPath ? await fileSource(f.spillPath) : undefined;
                    if (src)
                        out.push(...(await parseArchive(src, f.path, w, 0, isJavaArchive(f.path))));
                }
                catch (e) {
                    ctx.warn(`java: skipping ${f.path}: ${e.message}`);
                }
                finally {
                    await src?.close();
                    if (dir)
                        await (0,promises_.rm)(dir, { recursive: true, force: true });
                }
            }
            return applyCompliance(out);
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/model.js
/**
 * The package model every cataloger produces and every SBOM writer reads (syft's shape: one model,
 * many formats). Catalogers see only the files they asked for, from the image's squashed view.
 */
/** Reads a file's content whether it was kept in memory or spilled to disk. */
async function readImageFile(f) {
    if (f.content)
        return f.content;
    if (f.spillPath) {
        const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 51455, 19));
        return readFile(f.spillPath);
    }
    return Buffer.alloc(0);
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/npm.js


const NPM_CATALOGER = 'javascript-package-cataloger';
const MAX_PACKAGE_JSON = 16 * 1024 * 1024;
class ShapeError extends Error {
}
function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** encoding/json matches keys case-insensitively and the last duplicate wins; so do we. */
function field(o, key) {
    let out;
    for (const [k, v] of Object.entries(o))
        if (k === key || k.toLowerCase() === key.toLowerCase())
            out = v;
    return out;
}
/** A Go `string` field: JSON string or null, anything else fails the whole document (as json.Decode does). */
function str(o, key) {
    const v = field(o, key);
    if (v === undefined || v === null)
        return '';
    if (typeof v !== 'string')
        throw new ShapeError(`"${key}" is not a string`);
    return v;
}
// parse_package_json.go authorPattern: "Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)".
const AUTHOR = /^\s*(?<name>[^<(]*)(\s+<(?<email>.*)>)?(\s\((?<url>.*)\))?\s*$/;
/** person.UnmarshalJSON: a string parsed by authorPattern, else an object decoded by mapstructure. */
function person(v) {
    if (v === null || typeof v === 'string') {
        const g = AUTHOR.exec(v ?? '')?.groups ?? {};
        return { name: g.name ?? '', email: g.email ?? '', url: g.url ?? '' };
    }
    if (!isObj(v))
        throw new ShapeError('author is neither a string nor an object');
    return { name: str(v, 'name'), email: str(v, 'email'), url: str(v, 'url') };
}
/** people.UnmarshalJSON: an array of persons, or one person given alone (syft#4778). */
function people(v) {
    if (v === undefined || v === null)
        return [];
    return (Array.isArray(v) ? v : [v]).map(person);
}
function authorString(p) {
    return p.name + (p.email !== '' ? ` <${p.email}>` : '') + (p.url !== '' ? ` (${p.url})` : '');
}
/** packageJSON.licensesFromJSON: `license` as string or `{type}`, else the deprecated `licenses` array. */
function licenses(doc) {
    const license = field(doc, 'license');
    const legacy = field(doc, 'licenses');
    if (license === undefined && legacy === undefined)
        return [];
    if (license !== undefined) {
        // json.Unmarshal of `null` into a string succeeds with "" (the empty value is dropped later).
        if (license === null || typeof license === 'string')
            return [license ?? ''];
        if (isObj(license)) {
            const t = field(license, 'type');
            if (t === undefined || t === null || typeof t === 'string')
                return [t ?? ''];
        }
    }
    if (!Array.isArray(legacy))
        return [];
    const out = [];
    for (const l of legacy) {
        if (l === null) {
            out.push('');
            continue;
        }
        if (!isObj(l))
            return [];
        const t = field(l, 'type');
        if (t !== undefined && t !== null && typeof t !== 'string')
            return [];
        out.push(t ?? '');
    }
    return out;
}
/** Type checks json.Decode would fail the whole file on (struct fields syft declares but we don't use). */
function checkShape(doc) {
    for (const k of ['description', 'homepage'])
        str(doc, k);
    const priv = field(doc, 'private');
    if (priv !== undefined && priv !== null && typeof priv !== 'boolean')
        throw new ShapeError('"private" is not a boolean');
    for (const k of ['dependencies', 'devDependencies']) {
        const deps = field(doc, k);
        if (deps === undefined || deps === null)
            continue;
        if (!isObj(deps) || Object.values(deps).some((d) => d !== null && typeof d !== 'string'))
            throw new ShapeError(`"${k}" is not a map of strings`);
    }
    const latest = field(doc, 'latest');
    if (latest !== undefined &&
        latest !== null &&
        (!Array.isArray(latest) || latest.some((x) => typeof x !== 'string')))
        throw new ShapeError('"latest" is not a list of strings');
}
function repositoryURL(doc) {
    const repo = field(doc, 'repository');
    if (repo === undefined || repo === null)
        return '';
    if (typeof repo === 'string')
        return repo;
    if (!isObj(repo) || Object.values(repo).some((x) => x !== null && typeof x !== 'string'))
        throw new ShapeError('"repository" is neither a string nor a map of strings');
    return str(repo, 'url');
}
/** package.go packageURL: a scoped name `@scope/name` puts `@scope` in the purl namespace. */
function npmPurl(name, version) {
    const slash = name.indexOf('/');
    return slash < 0
        ? syftPurl('npm', '', name, version)
        : syftPurl('npm', name.slice(0, slash), name.slice(slash + 1), version);
}
/**
 * The JSON values of a file, one after the other: parsePackageJSON loops json.Decoder.Decode, so a file holding
 * several documents yields several packages (and one bad document fails the whole file).
 */
function jsonValues(text) {
    const out = [];
    let i = 0;
    const ws = /[ \t\n\r]/; // JSON whitespace only: a BOM fails, as in encoding/json
    while (i < text.length) {
        while (i < text.length && ws.test(text[i]))
            i++;
        if (i >= text.length)
            break;
        let j = i;
        let depth = 0;
        let inString = false;
        for (; j < text.length; j++) {
            const c = text[j];
            if (inString) {
                if (c === '\\')
                    j++;
                else if (c === '"')
                    inString = false;
                if (depth === 0 && !inString)
                    break;
            }
            else if (c === '"')
                inString = true;
            else if (c === '{' || c === '[')
                depth++;
            else if (c === '}' || c === ']') {
                if (--depth <= 0)
                    break;
            }
            else if (depth === 0 && (ws.test(c) || c === ',')) {
                j--;
                break;
            }
        }
        out.push(JSON.parse(text.slice(i, j + 1)));
        i = j + 1;
    }
    return out;
}
/** Every document of a package.json -> one package each (newPackageJSONPackage), before the compliance rules. */
function parsePackageJson(text, path) {
    return jsonValues(text).map((doc) => packageFromDocument(doc, path));
}
function packageFromDocument(doc, path) {
    if (doc !== null && !isObj(doc))
        throw new ShapeError('not a JSON object');
    const o = doc ?? {};
    checkShape(o);
    const name = str(o, 'name');
    const version = str(o, 'version');
    const author = field(o, 'author');
    const parts = [];
    if (author !== undefined) {
        const a = person(author);
        if (a.name !== '' || a.email !== '' || a.url !== '')
            parts.push(authorString(a));
    }
    for (const k of ['authors', 'contributors', 'maintainers']) {
        const joined = people(field(o, k)).map(authorString).join(', ');
        if (joined !== '')
            parts.push(joined);
    }
    const supplier = parts.join(', ');
    const metadata = {};
    const extra = [
        ['description', str(o, 'description')],
        ['homepage', str(o, 'homepage')],
        ['url', repositoryURL(o)],
        ['private', field(o, 'private') === true ? 'true' : ''],
    ];
    for (const [k, v] of extra)
        if (v !== '')
            metadata[k] = v;
    if (supplier !== '')
        metadata.supplierType = 'Person';
    return {
        name,
        version,
        type: 'npm',
        purl: npmPurl(name, version),
        licenses: licenseValues(licenses(o)),
        locations: [path],
        foundBy: NPM_CATALOGER,
        ...(supplier !== '' ? { supplier } : {}),
        metadata,
    };
}
function npmCataloger() {
    return {
        name: NPM_CATALOGER,
        wants: (path, size) => baseName(path) === 'package.json' && size <= MAX_PACKAGE_JSON,
        async catalog(files, ctx) {
            const out = [];
            for (const f of files) {
                try {
                    out.push(...parsePackageJson((await readImageFile(f)).toString('utf8'), f.path));
                }
                catch (e) {
                    ctx.warn(`npm: skipping ${f.path}: ${e.message}`);
                }
            }
            // syft drops nameless packages and stubs a missing version as UNKNOWN (purl keeps no version).
            return applyCompliance(out);
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/python.js


const PYTHON_CATALOGER = 'python-installed-package-cataloger';
const MAX_METADATA = 16 * 1024 * 1024;
/**
 * syft's globs, which are case-sensitive: `**\/*.egg-info` (a regular file), `**\/*dist-info/METADATA`,
 * `**\/*egg-info/PKG-INFO`, `**\/*DIST-INFO/METADATA`, `**\/*EGG-INFO/PKG-INFO`. Note `*dist-info`, not
 * `*.dist-info`: a directory named just `dist-info` counts too.
 */
function isPythonMetadataPath(path) {
    const base = baseName(path);
    if (base.endsWith('.egg-info'))
        return true;
    const parent = parentName(path);
    if (base === 'METADATA')
        return parent.endsWith('dist-info') || parent.endsWith('DIST-INFO');
    if (base === 'PKG-INFO')
        return parent.endsWith('egg-info') || parent.endsWith('EGG-INFO');
    return false;
}
/**
 * extractRFC5322Fields: headers up to the first blank line after a field; keys lose their dashes
 * (`License-Expression` -> `LicenseExpression`), a repeated key overrides the earlier one; a line starting with a space continues the previous value as
 * `"\n " + trimmed line`. Only RequiresDist/ProvidesExtra are plural, and we need neither.
 */
function parseRfc822Fields(text) {
    const fields = new Map();
    let key = '';
    for (const raw of text.split('\n')) {
        // bufio.Scanner drops a trailing \r of each line.
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.length === 0) {
            if (fields.size > 0)
                break;
            continue;
        }
        if (line.startsWith(' ')) {
            const prev = fields.get(key);
            if (key === '' || prev === undefined)
                throw new Error(`continuation with no previous key: ${line}`);
            fields.set(key, `${prev}\n ${line.trim()}`);
            continue;
        }
        const i = line.indexOf(':');
        if (i <= 0)
            continue; // syft logs and skips lines that are not `key: value`
        key = line.slice(0, i).trim().replaceAll('-', '');
        fields.set(key, line.slice(i + 1).trim());
    }
    return fields;
}
/** package.go normalize (PEP 503 name normalisation): runs of `-_.` become `-`, lower-cased. */
function normalizePythonName(name) {
    return name.replace(/[-_.]+/g, '-').toLowerCase();
}
/** spdxutil formatPersonOrOrg: "name (email)", or whichever of the two is present. */
function personOrOrg(name, email) {
    const n = name.trim();
    const e = email.trim();
    if (n !== '' && e !== '')
        return `${n} (${e})`;
    return n !== '' ? n : e;
}
/** One METADATA / PKG-INFO document -> a package, or undefined where syft emits none. */
function parsePythonMetadata(text, path) {
    const f = parseRfc822Fields(text);
    // mapstructure: the exact key (the struct tag) wins, else a case-insensitive one.
    const get = (k) => f.get(k) ?? [...f].find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1] ?? '';
    const rawName = get('Name');
    // parse_wheel_egg.go: no name -> no package; "Python" is the interpreter's own egg-info, not a package.
    if (rawName === '' || rawName === 'Python')
        return undefined;
    const name = normalizePythonName(rawName);
    const version = get('Version');
    const supplier = personOrOrg(get('Author'), get('AuthorEmail'));
    // findLicenses: License-Expression and License are BOTH kept (NewFromValues(expr, license)). syft does not read
    // `Classifier: License ::` at all; with neither field set it would read a declared License-File's text, which
    // is a file we are not handed.
    const licenses = licenseValues([get('LicenseExpression'), get('License')]);
    const metadata = {};
    const sitePackages = baseName(path).endsWith('.egg-info')
        ? path.slice(0, path.lastIndexOf('/'))
        : path.slice(0, path.lastIndexOf('/', path.lastIndexOf('/') - 1));
    metadata.sitePackagesRootPath = sitePackages === '' ? '/' : sitePackages;
    for (const [k, v] of [
        ['homepage', get('HomePage')],
        ['summary', get('Summary')],
        ['licenseFile', get('LicenseFile')],
    ])
        if (v !== '')
            metadata[k] = v;
    if (supplier !== '')
        metadata.supplierType = 'Person';
    return {
        name,
        version,
        type: 'python',
        purl: syftPurl('pypi', '', name, version),
        licenses,
        locations: [path],
        foundBy: PYTHON_CATALOGER,
        ...(supplier !== '' ? { supplier } : {}),
        metadata,
    };
}
function pythonCataloger() {
    return {
        name: PYTHON_CATALOGER,
        wants: (path, size) => size <= MAX_METADATA && isPythonMetadataPath(path),
        async catalog(files, ctx) {
            const out = [];
            for (const f of files) {
                try {
                    const p = parsePythonMetadata((await readImageFile(f)).toString('utf8'), f.path);
                    if (p)
                        out.push(p);
                }
                catch (e) {
                    ctx.warn(`python: skipping ${f.path}: ${e.message}`);
                }
            }
            return applyCompliance(out);
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/index-lang.js




function languageCatalogers() {
    return [npmCataloger(), pythonCataloger(), goBinaryCataloger(), javaCataloger()];
}


// EXTERNAL MODULE: ./node_modules/spdx-expression-parse/index.js
var spdx_expression_parse = __webpack_require__(93326);
// EXTERNAL MODULE: ./node_modules/spdx-license-ids/index.json
var spdx_license_ids = __webpack_require__(75204);
// EXTERNAL MODULE: ./node_modules/spdx-license-ids/deprecated.json
var deprecated = __webpack_require__(3389);
// EXTERNAL MODULE: ./node_modules/packageurl-js/index.js
var packageurl_js = __webpack_require__(87091);
;// CONCATENATED MODULE: ./build/src/sbom/catalogers/os-release.js
/**
 * The image's distribution (/etc/os-release), and the purl helper the OS catalogers share, because the
 * distro is what decides a purl's namespace and its `distro=` qualifier.
 *
 * Behaviour follows syft v1.51.0 `syft/linux/identify_release.go` (which files, in which order) and
 * `syft/linux/supplement_release.go` (Debian's point release from /etc/debian_version), and the purl text
 * follows `syft/pkg/url.go` `PURLQualifiers` + anchore/packageurl-go v0.2.0 `ToString`, so that the purls
 * we write are byte-for-byte the ones syft writes (grype and every SBOM diff compare them as strings).
 */


/** Checked in this order, as syft does; /etc/os-release is usually a symlink to ../usr/lib/os-release. */
const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'];
const DEBIAN_VERSION_PATH = '/etc/debian_version';
/** syft reads at most 5 MiB of a release file (io.LimitReader in identify_release.go). */
const MAX_RELEASE_FILE = 5 * 1024 * 1024;
/**
 * Asks for both os-release paths: the layer code resolves a symlink only to a file that was itself asked
 * for, so asking for /etc/os-release alone would lose the common `-> ../usr/lib/os-release` case.
 */
const osReleaseSelection = {
    wants(path, size) {
        if (size > MAX_RELEASE_FILE)
            return false;
        return OS_RELEASE_PATHS.includes(path) || path === DEBIAN_VERSION_PATH;
    },
};
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Unquotes one os-release value the way the format (shell variable assignment syntax) defines it. */
function unquote(raw) {
    let value = raw.trim();
    const first = value[0];
    if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) {
        value = value.slice(1, -1);
        // Single quotes in shell take everything literally.
        if (first === "'")
            return value;
    }
    // The escapes acobaugh/osrelease (syft's parser) expands: \" \$ \\ \`
    return value.replace(/\\(["$\\`])/g, '$1');
}
/**
 * Parses os-release text (https://www.freedesktop.org/software/systemd/man/os-release.html): KEY=value lines,
 * `#` comments, values optionally quoted. Unknown keys are ignored; a missing ID gives `id: ''`.
 */
function parseOsRelease(text) {
    const values = new Map();
    for (const rawLine of text.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const key = line.slice(0, eq).trim();
        if (!KEY.test(key))
            continue;
        values.set(key, unquote(line.slice(eq + 1)));
    }
    const distro = { id: values.get('ID') ?? '' };
    const set = (field, key) => {
        const v = values.get(key);
        if (v)
            distro[field] = v;
    };
    set('versionId', 'VERSION_ID');
    set('versionCodename', 'VERSION_CODENAME');
    set('name', 'NAME');
    set('prettyName', 'PRETTY_NAME');
    const idLike = (values.get('ID_LIKE') ?? '').split(/\s+/).filter((s) => s !== '');
    if (idLike.length > 0)
        distro.idLike = idLike;
    return distro;
}
function isEmptyDistro(d) {
    return !d.id && !d.versionId && !d.versionCodename && !d.name && !d.prettyName && !d.idLike;
}
/**
 * syft `supplementDebianVersion`: on Debian, /etc/debian_version carries the point release ("12.5")
 * where os-release has only "12", and syft puts the point release into the purl (`distro=debian-12.5`).
 * Only a plain number is taken ("trixie/sid" is not).
 */
function supplementDebianVersion(distro, debianVersion) {
    if (distro.id.toLowerCase() !== 'debian')
        return distro;
    const v = debianVersion.trim();
    if (!/^\d+(?:\.\d+)?$/.test(v))
        return distro;
    return { ...distro, versionId: v };
}
/**
 * The image's distro from the files `osReleaseSelection` picked: the first os-release that parses to
 * something, then Debian's point release. Undefined when the image has none (scratch, distroless static).
 */
async function identifyDistro(files) {
    let distro;
    for (const candidate of OS_RELEASE_PATHS) {
        const f = files.find((x) => x.path === candidate);
        if (!f)
            continue;
        const parsed = parseOsRelease((await readImageFile(f)).subarray(0, MAX_RELEASE_FILE).toString('utf8'));
        if (!isEmptyDistro(parsed)) {
            distro = parsed;
            break;
        }
    }
    if (!distro)
        return undefined;
    const dv = files.find((x) => x.path === DEBIAN_VERSION_PATH);
    if (dv)
        distro = supplementDebianVersion(distro, (await readImageFile(dv)).subarray(0, 256).toString('utf8'));
    return distro;
}
// ---------------------------------------------------------------------------------------------------
// purls
/**
 * Percent-encodes like Go's url.QueryEscape with "+" turned into "%20" (anchore/packageurl-go `escape`):
 * only [A-Za-z0-9-_.~] stay as they are. So `+` -> %2B, `:` -> %3A, `@` -> %40, unlike packageurl-js,
 * which keeps `+` and `:` in versions: syft's purls are the reference, so we encode as Go does.
 */
function goPurlEscape(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
/** The `distro=` qualifier value: `<ID>-<VERSION_ID>` (syft `PURLQualifiers`), or just the ID. */
function distroQualifier(distro) {
    if (!distro)
        return undefined;
    const parts = [distro.id, distro.versionId].filter((p) => !!p);
    // syft falls back to BUILD_ID when VERSION_ID is empty; the shared Distro model carries no build id.
    return parts.length > 0 ? parts.join('-') : undefined;
}
/**
 * Builds a purl as syft does for OS packages: qualifiers whose value is empty are dropped, `distro=` is
 * added from the release when there is one, keys are sorted (packageurl-go sorts them on output), and
 * every component is escaped as Go's QueryEscape does. packageurl-js validates the components (type,
 * name, qualifier keys) and throws on an invalid one.
 */
function osPurl(type, namespace, name, version, qualifiers, distro) {
    const q = {};
    for (const [k, v] of Object.entries(qualifiers))
        if (v)
            q[k] = v;
    const d = distroQualifier(distro);
    if (d)
        q['distro'] = d;
    // Validation only: packageurl-js would lowercase deb/apk names and encode differently from syft.
    new packageurl_js.PackageURL(type, namespace || undefined, name, version || undefined, q, undefined);
    const segments = [
        type,
        ...namespace
            .split('/')
            .filter((s) => s !== '')
            .map(goPurlEscape),
    ];
    let nameVersion = goPurlEscape(name);
    if (version)
        nameVersion += '@' + goPurlEscape(version);
    segments.push(nameVersion);
    const query = Object.keys(q)
        .sort()
        .map((k) => `${goPurlEscape(k)}=${goPurlEscape(q[k])}`)
        .join('&');
    return 'pkg:' + segments.join('/') + (query ? '?' + query : '');
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/apk.js
/**
 * Alpine (and Wolfi/Chainguard) packages from /lib/apk/db/installed: records of `X:value` lines separated
 * by blank lines (https://wiki.alpinelinux.org/wiki/Apk_spec). We keep P (name), V (version), A (arch),
 * o (origin = source package), L (license), m (maintainer).
 *
 * Rules follow syft v1.51.0 `syft/pkg/cataloger/alpine/parse_apk_db.go` (record/field parsing; the distro
 * taken from /etc/apk/repositories when the image has no os-release) and `alpine/package.go` (licenses kept
 * whole when they form a valid SPDX expression, else split on spaces; `packageURL`).
 */





const DB = '/lib/apk/db/installed';
const REPOSITORIES = '/etc/apk/repositories';
const MAX_DB_SIZE = 256 * 1024 * 1024;
/** syft `maxApkDBFieldSize`: a longer line is not a field of a real database. */
const MAX_FIELD = 10 * 1024 * 1024;
const LICENSE_IDS = new Map([...spdx_license_ids, ...deprecated].map((id) => [id.toLowerCase(), id]));
/**
 * Whether `expr` is an SPDX expression. syft asks github/go-spdx, which matches license ids without
 * regard to case; spdx-expression-parse is case-sensitive, so ids are put in their canonical case first.
 */
function isSpdxExpression(expr) {
    const canonical = expr.replace(/[A-Za-z0-9.+-]+/g, (tok) => {
        const upper = tok.toUpperCase();
        if (upper === 'AND' || upper === 'OR' || upper === 'WITH')
            return upper;
        const plus = tok.endsWith('+') ? '+' : '';
        const id = LICENSE_IDS.get((plus ? tok.slice(0, -1) : tok).toLowerCase());
        return id ? id + plus : tok;
    });
    try {
        spdx_expression_parse(canonical);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * A declared license field as syft records it (`alpine/package.go`, debian `extractDeclaredLicenses`):
 * one license when the field is a valid SPDX expression ("MPL-2.0 AND MIT"), else one per space-separated
 * word ("MIT BSD GPL2+" -> MIT, BSD, GPL2+).
 */
function declaredLicenses(field) {
    const value = field.trim();
    if (value === '')
        return [];
    const list = isSpdxExpression(value) ? [value] : value.split(/\s+/);
    return [...new Set(list.filter((l) => l !== ''))];
}
/**
 * Splits the database into records. A line that is not `X:value` (one letter, a colon) is not part of any
 * record: it is reported and dropped (syft logs and skips it too), so garbage before a record does not
 * hide the record. Repeated keys (F/R/a/Z: the file list) keep their first value; we need none of them.
 */
function parseApkRecords(text, where, warn) {
    const out = [];
    let fields = new Map();
    let start = 0;
    let badLines = 0;
    let firstBad = 0;
    const lines = text.split('\n');
    const flush = () => {
        if (fields.size > 0)
            out.push({ line: start, fields });
        fields = new Map();
    };
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].replace(/\r$/, '');
        if (line === '') {
            flush();
            continue;
        }
        if (line.length > MAX_FIELD || !/^[A-Za-z]:/.test(line)) {
            if (badLines++ === 0)
                firstBad = i + 1;
            continue;
        }
        const key = line[0];
        const value = line.slice(2);
        // syft skips fields with an empty value ("D:" on a package without dependencies).
        if (value === '')
            continue;
        if (fields.size === 0)
            start = i + 1;
        if (!fields.has(key))
            fields.set(key, value);
    }
    flush();
    if (badLines > 0) {
        warn(`${where}: skipped ${badLines} line(s) that are not "X:value" fields (first at line ${firstBad})`);
    }
    return out;
}
/** syft `parseReleasesFromAPKRepository`: "https://dl-cdn.alpinelinux.org/alpine/v3.16/main" -> alpine 3.16. */
function distroFromRepositories(text) {
    const m = /^https:\/\/.*\.alpinelinux\.org\/alpine\/v([^/]+)\/([a-zA-Z0-9_]+)$/m.exec(text);
    return m ? { id: 'alpine', versionId: m[1], name: 'Alpine Linux' } : undefined;
}
/** syft `packageURL` (alpine/package.go): namespace = lower-cased distro ID; upstream = origin when it differs. */
function apkPurl(pkg, distro) {
    if (!distro)
        return '';
    const upstream = pkg.origin !== pkg.name ? pkg.origin : undefined;
    return osPurl('apk', distro.id.toLowerCase(), pkg.name, pkg.version, { arch: pkg.arch, upstream }, distro);
}
function apkCataloger() {
    return {
        name: 'apk-db-cataloger',
        wants(path, size) {
            return (path === DB && size <= MAX_DB_SIZE) || (path === REPOSITORIES && size <= 1024 * 1024);
        },
        async catalog(files, ctx) {
            const db = files.find((f) => f.path === DB);
            if (!db)
                return [];
            let distro = ctx.distro;
            if (!distro) {
                // No os-release (e.g. a chroot or a stripped image): syft reads the repositories file instead.
                const repos = files.find((f) => f.path === REPOSITORIES);
                if (repos)
                    distro = distroFromRepositories((await readImageFile(repos)).toString('utf8'));
            }
            const out = [];
            const text = (await readImageFile(db)).toString('utf8');
            for (const r of parseApkRecords(text, db.path, (m) => ctx.warn(m))) {
                const f = r.fields;
                const name = f.get('P');
                const version = f.get('V');
                if (!name || !version) {
                    ctx.warn(`${db.path}: skipped the record at line ${r.line}: no ${name ? 'V' : 'P'} field`);
                    continue;
                }
                const arch = f.get('A');
                const origin = f.get('o');
                let purl = '';
                try {
                    purl = apkPurl({ name, version, arch, origin }, distro);
                }
                catch (e) {
                    ctx.warn(`${db.path}: no purl for ${name} ${version}: ${e.message}`);
                }
                const p = {
                    name,
                    version,
                    type: 'apk',
                    purl,
                    licenses: declaredLicenses(f.get('L') ?? ''),
                    locations: [db.path],
                    foundBy: 'apk-db-cataloger',
                };
                const maintainer = f.get('m');
                if (maintainer)
                    p.supplier = maintainer;
                if (arch)
                    p.arch = arch;
                if (origin)
                    p.sourceName = origin;
                const checksum = f.get('C');
                const commit = f.get('c');
                const metadata = {};
                if (checksum)
                    metadata['checksum'] = checksum;
                if (commit)
                    metadata['gitCommit'] = commit;
                if (Object.keys(metadata).length > 0)
                    p.metadata = metadata;
                out.push(p);
            }
            return out;
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/dpkg.js
/**
 * Debian packages from the dpkg database: /var/lib/dpkg/status (one RFC822-style stanza per package) and,
 * in distroless images, /var/lib/dpkg/status.d/<pkg> (one stanza per file, no Status field). Licenses come
 * from /usr/share/doc/<pkg>/copyright.
 *
 * Format and rules follow syft v1.51.0 `syft/pkg/cataloger/debian/parse_dpkg_db.go` (stanzas, Source
 * with an optional "(version)", removed-but-not-purged entries skipped), `package.go` (`packageURL`: only
 * for Debian and its derivatives, `upstream=` = Source[@version]) and `parse_copyright.go` (licenses).
 */



const STATUS = '/var/lib/dpkg/status';
const STATUS_D = '/var/lib/dpkg/status.d/';
const COPYRIGHT = /^\/usr\/share\/doc\/([^/]+)\/copyright$/;
/**
 * Files that sit beside the per-package stanzas in distroless status.d (`<pkg>.md5sums`, maintainer
 * scripts, …). Package names may contain dots ("python3.11"), so only these suffixes are excluded.
 */
const INFO_SUFFIXES = /\.(md5sums|conffiles|list|preinst|postinst|prerm|postrm|config|templates|triggers|shlibs|symbols)$/;
/** Bounds on what we read: a status file of thousands of packages is a few MiB; copyright files are text. */
const MAX_STATUS_SIZE = 256 * 1024 * 1024;
const MAX_COPYRIGHT_SIZE = 8 * 1024 * 1024;
/** dpkg states whose files are all on disk and configured (triggers may still be pending). */
const INSTALLED_STATES = new Set(['installed', 'triggers-pending', 'triggers-awaited']);
/**
 * Splits a dpkg status file into stanzas (deb822: `Field: value`, continuation lines start with a space or
 * tab, stanzas are separated by blank lines). A malformed stanza (continuation without a field, a line
 * without a colon, a duplicate field) is reported through `warn` and left out; the others still parse.
 */
function parseDpkgStanzas(text, where, warn) {
    const out = [];
    let fields = new Map();
    let start = 0;
    let key;
    let problem;
    const finish = () => {
        if (fields.size > 0 || problem) {
            if (problem)
                warn(`${where}: skipped the stanza at line ${start}: ${problem}`);
            else
                out.push({ line: start, fields });
        }
        fields = new Map();
        key = undefined;
        problem = undefined;
    };
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].replace(/\r$/, '');
        if (line.trim() === '') {
            finish();
            continue;
        }
        if (fields.size === 0 && !problem)
            start = i + 1;
        if (problem)
            continue; // the rest of a broken stanza
        if (line.startsWith('#'))
            continue; // deb822 comment
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (key === undefined) {
                problem = `continuation line ${i + 1} has no field before it`;
                continue;
            }
            fields.set(key, `${fields.get(key)}\n${line.trim()}`);
            continue;
        }
        const colon = line.indexOf(':');
        const name = colon > 0 ? line.slice(0, colon).trim() : '';
        if (name === '' || /\s/.test(name)) {
            problem = `line ${i + 1} is not a "Field: value" line`;
            continue;
        }
        if (fields.has(name)) {
            problem = `duplicate field ${name} at line ${i + 1}`;
            continue;
        }
        key = name;
        fields.set(name, line.slice(colon + 1).trim());
    }
    finish();
    return out;
}
/** syft `extractSourceVersion`: "Source: glibc (2.36-9+deb12u4)" names the source package and its version. */
function parseSource(source) {
    const m = /^(\S+)(?: \((.*)\))?/.exec(source.trim());
    if (!m)
        return { name: '' };
    return m[2] ? { name: m[1], version: m[2] } : { name: m[1] };
}
/** Status "want flag state" (e.g. "install ok installed"); status.d stanzas have none and are installed. */
function isInstalled(status) {
    if (status === undefined)
        return true;
    const state = status.trim().split(/\s+/)[2];
    return state !== undefined && INSTALLED_STATES.has(state);
}
// ---------------------------------------------------------------------------------------------------
// copyright files (syft parse_copyright.go)
const DEP5_FORMAT = /^Format:\s*https?:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\//;
const LICENSE_FIELD = /^License: (\S*)/;
const COMMON_LICENSE_PATH = /\/usr\/share\/common-licenses\/([0-9A-Za-z_.-]+)/;
const LICENSE_AGREEMENT_HEADING = /^\s*(LICENSE AGREEMENT(?: FOR .+?)?)\s*$/i;
/** syft `multiLicenseExceptions`: names that contain " and " but are one license. */
const MULTI_LICENSE_EXCEPTIONS = ['NVIDIA Software License Agreement'];
/** syft `ensureIsSingleLicense`: drops "A or B"/"A and B" summaries, "none", and a trailing period. */
function singleLicense(candidate) {
    const c = candidate.replace(/\n/g, ' ').trim();
    for (const exception of MULTI_LICENSE_EXCEPTIONS) {
        if (c.includes(exception))
            return c.replace(/\.$/, '');
    }
    if (c.includes(' or ') || c.includes(' and '))
        return '';
    if (c === '' || c.toLowerCase() === 'none')
        return '';
    return c.replace(/\.$/, '');
}
/**
 * syft's heading detection: a file that opens with a title line, a line of dashes, then (after blank lines)
 * a sentence: that first sentence names the license ("NVIDIA Software License Agreement and …").
 */
class HeadingDetector {
    state = 'heading';
    text = '';
    next(line) {
        switch (this.state) {
            case 'heading':
                this.state = line.trim() !== '' ? 'dashes' : 'done';
                return '';
            case 'dashes': {
                const t = line.trim();
                this.state = t.length > 0 && /^-+$/.test(t) ? 'blanks' : 'done';
                return '';
            }
            case 'blanks':
                if (line.trim() === '')
                    return '';
                this.text = line;
                this.state = 'capture';
                return this.sentence();
            case 'capture':
                this.text += ' ' + line;
                return this.sentence();
            default:
                return '';
        }
    }
    sentence() {
        const dot = this.text.indexOf('.');
        if (dot < 0)
            return '';
        this.state = 'done';
        return singleLicense(this.text.slice(0, dot + 1));
    }
}
/**
 * License names from a copyright file, sorted and deduplicated.
 *
 * A machine-readable file (DEP-5: the first non-blank line is the `Format:` header) is read exactly as
 * syft v1.51.0 reads it: every `License:` field, every /usr/share/common-licenses/<name> reference, a
 * "LICENSE AGREEMENT FOR …" heading, and the heading/dashes/first-sentence form.
 *
 * syft gives a free-text file (no Format header) to its full-text license classifier instead. We have no
 * classifier, so we apply the free-text patterns syft used on such files before v1.51 (the common-licenses
 * references, the agreement heading and the heading form) but not the `License:` pattern, whose matches
 * in free text were junk ("#", "Permission", "This" — the reason syft stopped parsing these files).
 */
function parseCopyrightLicenses(text) {
    const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const firstContent = lines.find((l) => l.trim() !== '');
    if (firstContent === undefined)
        return [];
    const dep5 = DEP5_FORMAT.test(firstContent);
    const found = new Set();
    const heading = new HeadingDetector();
    let started = false;
    for (const line of lines) {
        // syft skips the blank lines before the Format header entirely (they never reach the heading state).
        if (dep5 && !started && line.trim() === '')
            continue;
        started = true;
        const patterns = dep5
            ? [LICENSE_FIELD, COMMON_LICENSE_PATH, LICENSE_AGREEMENT_HEADING]
            : [COMMON_LICENSE_PATH, LICENSE_AGREEMENT_HEADING];
        for (const p of patterns) {
            const m = p.exec(line);
            const value = m?.[1] !== undefined ? singleLicense(m[1]) : '';
            if (value)
                found.add(value);
        }
        const fromHeading = heading.next(line);
        if (fromHeading)
            found.add(fromHeading);
    }
    return [...found].sort();
}
// ---------------------------------------------------------------------------------------------------
/** syft `packageURL` (debian/package.go): a deb purl only for Debian and distros that declare ID_LIKE=debian. */
function debPurl(pkg, distro) {
    if (!distro)
        return '';
    if (distro.id !== 'debian' && !(distro.idLike ?? []).includes('debian'))
        return '';
    let upstream;
    if (pkg.source)
        upstream = pkg.sourceVersion ? `${pkg.source}@${pkg.sourceVersion}` : pkg.source;
    return osPurl('deb', distro.id, pkg.name, pkg.version, { arch: pkg.arch, upstream }, distro);
}
function stanzaToPackage(s, where, licensesByPkg, ctx) {
    const f = s.fields;
    if (!isInstalled(f.get('Status')))
        return undefined; // e.g. "deinstall ok config-files": only conffiles left
    const name = f.get('Package');
    const version = f.get('Version');
    if (!name || !version) {
        ctx.warn(`${where}: skipped the stanza at line ${s.line}: no ${name ? 'Version' : 'Package'} field`);
        return undefined;
    }
    // Neither a package name nor a version may contain whitespace (Debian Policy 5.6.1, 5.6.12).
    if (/\s/.test(name) || /\s/.test(version)) {
        ctx.warn(`${where}: skipped the stanza at line ${s.line}: malformed name or version "${name}" "${version}"`);
        return undefined;
    }
    const arch = f.get('Architecture') || undefined;
    const source = f.get('Source') ? parseSource(f.get('Source')) : undefined;
    // syft: a Source without a version names the source package; the version is then the binary's own.
    const sourceName = source?.name || undefined;
    const licenses = [];
    // opkg-style databases carry License inline (syft `extractDeclaredLicenses`).
    const inline = f.get('License');
    if (inline)
        licenses.push(...declaredLicenses(inline));
    for (const l of licensesByPkg.get(name) ?? [])
        if (!licenses.includes(l))
            licenses.push(l);
    let purl = '';
    try {
        purl = debPurl({ name, version, arch, source: sourceName, sourceVersion: source?.version }, ctx.distro);
    }
    catch (e) {
        ctx.warn(`${where}: no purl for ${name} ${version}: ${e.message}`);
    }
    const p = {
        name,
        version,
        type: 'deb',
        purl,
        licenses,
        locations: [where],
        foundBy: 'dpkg-db-cataloger',
    };
    const maintainer = f.get('Maintainer');
    if (maintainer)
        p.supplier = maintainer;
    if (arch)
        p.arch = arch;
    if (sourceName)
        p.sourceName = sourceName;
    const metadata = {};
    if (source?.version)
        metadata['sourceVersion'] = source.version;
    const installedSize = f.get('Installed-Size');
    if (installedSize)
        metadata['installedSize'] = installedSize;
    if (Object.keys(metadata).length > 0)
        p.metadata = metadata;
    return p;
}
function isStatusFile(path) {
    if (path === STATUS)
        return true;
    if (!path.startsWith(STATUS_D))
        return false;
    const base = path.slice(STATUS_D.length);
    return base !== '' && !base.includes('/') && !base.startsWith('.') && !INFO_SUFFIXES.test(base);
}
function dpkgCataloger() {
    return {
        name: 'dpkg-db-cataloger',
        wants(path, size) {
            if (isStatusFile(path))
                return size <= MAX_STATUS_SIZE;
            return COPYRIGHT.test(path) && size <= MAX_COPYRIGHT_SIZE;
        },
        async catalog(files, ctx) {
            const licensesByPkg = new Map();
            for (const f of files) {
                const m = COPYRIGHT.exec(f.path);
                if (!m)
                    continue;
                try {
                    licensesByPkg.set(m[1], parseCopyrightLicenses((await readImageFile(f)).toString('utf8')));
                }
                catch (e) {
                    ctx.warn(`${f.path}: unreadable copyright file: ${e.message}`);
                }
            }
            const statusFiles = files.filter((f) => isStatusFile(f.path)).sort((a, b) => cmp(a.path, b.path));
            const out = [];
            for (const f of statusFiles) {
                let text;
                try {
                    text = (await readImageFile(f)).toString('utf8');
                }
                catch (e) {
                    ctx.warn(`${f.path}: unreadable dpkg database: ${e.message}`);
                    continue;
                }
                for (const stanza of parseDpkgStanzas(text, f.path, (m) => ctx.warn(m))) {
                    const p = stanzaToPackage(stanza, f.path, licensesByPkg, ctx);
                    if (p)
                        out.push(p);
                }
            }
            return out;
        },
    };
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/rpm-header.js
/**
 * Reads the few tags we need from an rpm header blob, the unit every rpmdb backend (SQLite, NDB,
 * BerkeleyDB) stores per installed package.
 *
 * Layout (rpm lib/header.c `hdrblobInit`/`hdrblobImport`, as knqyf263/go-rpmdb `pkg/entry.go` reads it):
 *   il  uint32 BE   number of index entries
 *   dl  uint32 BE   length of the data store
 *   il × { tag int32, type uint32, offset int32, count uint32 }   all big-endian
 *   dl bytes of data; an entry's value starts at data[offset]
 * A v4 header opens with a region entry (tag 61/62/63) whose trailer points back at the region's
 * entries; entries after the region ("dribble", added after install) override same-tag entries inside
 * it. Reading every entry in order and letting a later one win gives exactly that.
 */
const RPMTAG = {
    NAME: 1000,
    VERSION: 1001,
    RELEASE: 1002,
    EPOCH: 1003,
    SIZE: 1009,
    VENDOR: 1011,
    LICENSE: 1014,
    ARCH: 1022,
    SOURCERPM: 1044,
    MODULARITYLABEL: 5096,
};
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
/** rpm's headerMaxbytes (lib/header.c): no valid header is larger. */
const HEADER_MAX_BYTES = 256 * 1024 * 1024;
const ENTRY_SIZE = 16;
class RpmHeaderError extends Error {
}
/** The tags we read, and the value types rpm stores them with (go-rpmdb `getNEVRA` rejects any other). */
const WANTED = new Map([
    [RPMTAG.NAME, [TYPE_STRING]],
    [RPMTAG.VERSION, [TYPE_STRING]],
    [RPMTAG.RELEASE, [TYPE_STRING]],
    [RPMTAG.EPOCH, [TYPE_INT32]],
    [RPMTAG.SIZE, [TYPE_INT32]],
    [RPMTAG.VENDOR, [TYPE_STRING]],
    [RPMTAG.LICENSE, [TYPE_STRING]],
    [RPMTAG.ARCH, [TYPE_STRING]],
    [RPMTAG.SOURCERPM, [TYPE_STRING]],
    [RPMTAG.MODULARITYLABEL, [TYPE_STRING]],
]);
function readString(blob, start, end, tag) {
    const nul = blob.indexOf(0, start);
    if (nul < 0 || nul >= end)
        throw new RpmHeaderError(`tag ${tag}: string runs past the data store`);
    return blob.toString('utf8', start, nul);
}
/** Parses one header blob. Throws RpmHeaderError on anything out of bounds; never allocates from a length field. */
function parseRpmHeader(blob) {
    if (blob.length < 8)
        throw new RpmHeaderError(`header of ${blob.length} bytes is too short`);
    const il = blob.readUInt32BE(0);
    const dl = blob.readUInt32BE(4);
    if (il < 1)
        throw new RpmHeaderError('header has no index entries');
    const dataStart = 8 + il * ENTRY_SIZE;
    const dataEnd = dataStart + dl;
    if (dataEnd > HEADER_MAX_BYTES)
        throw new RpmHeaderError(`header size ${dataEnd} exceeds rpm's limit`);
    if (dataEnd > blob.length) {
        throw new RpmHeaderError(`header declares ${dataEnd} bytes (il=${il}, dl=${dl}) but has ${blob.length}`);
    }
    const strings = new Map();
    const ints = new Map();
    for (let i = 0; i < il; i++) {
        const at = 8 + i * ENTRY_SIZE;
        const tag = blob.readInt32BE(at);
        const type = blob.readUInt32BE(at + 4);
        const offset = blob.readInt32BE(at + 8);
        const count = blob.readUInt32BE(at + 12);
        const types = WANTED.get(tag);
        if (!types)
            continue;
        if (!types.includes(type))
            throw new RpmHeaderError(`tag ${tag} has type ${type}, expected ${types.join('/')}`);
        if (offset < 0 || offset >= dl)
            throw new RpmHeaderError(`tag ${tag}: offset ${offset} outside ${dl}`);
        const start = dataStart + offset;
        switch (type) {
            case TYPE_INT32:
                if (count < 1 || offset % 4 !== 0 || offset + 4 > dl) {
                    throw new RpmHeaderError(`tag ${tag}: bad int32 entry (offset ${offset}, count ${count})`);
                }
                ints.set(tag, blob.readInt32BE(start));
                break;
            case TYPE_STRING:
            case TYPE_STRING_ARRAY:
            case TYPE_I18NSTRING:
                if (count < 1)
                    throw new RpmHeaderError(`tag ${tag}: empty string entry`);
                strings.set(tag, readString(blob, start, dataEnd, tag));
                break;
        }
    }
    // go-rpmdb maps rpm's "(none)" placeholder to empty for these tags.
    const str = (tag, noneIsEmpty = false) => {
        const v = strings.get(tag) ?? '';
        return noneIsEmpty && v === '(none)' ? '' : v;
    };
    const h = {
        name: str(RPMTAG.NAME),
        version: str(RPMTAG.VERSION),
        release: str(RPMTAG.RELEASE),
        arch: str(RPMTAG.ARCH),
        license: str(RPMTAG.LICENSE, true),
        sourceRpm: str(RPMTAG.SOURCERPM, true),
        vendor: str(RPMTAG.VENDOR, true),
        modularityLabel: str(RPMTAG.MODULARITYLABEL),
    };
    const epoch = ints.get(RPMTAG.EPOCH);
    if (epoch !== undefined)
        h.epoch = epoch;
    const size = ints.get(RPMTAG.SIZE);
    if (size !== undefined)
        h.size = size;
    return h;
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/rpm-bdb.js
/**
 * rpm's BerkeleyDB backend (`Packages`, RHEL/CentOS ≤ 8, Amazon Linux 2, old SUSE): a Berkeley DB hash
 * database whose values are rpm header blobs. We read the file as pages, without libdb.
 *
 * Layout (Berkeley DB dbinc/db_page.h; what knqyf263/go-rpmdb `pkg/bdb/*.go` reads):
 *   page 0, hash metadata: magic 0x061561 at 12 (byte-swapped = big-endian file), page size at 20,
 *     encryption algorithm at 24 (must be 0), page type at 25 (8 = hash meta), last page number at 32
 *   hash pages (type 13, or 2 before rpm 4.6): entry count (uint16) at 20, then at 26 an index of uint16
 *     item offsets in key/value pairs; a value item of type 3 (H_OFFPAGE, the only kind rpm's headers
 *     produce) holds the first overflow page number at +4 and the total length at +8
 *   overflow pages (type 7): next page number at 16, bytes used on the page at 22, data from 26
 */

const HASH_MAGIC = 0x00061561;
const HASH_MAGIC_SWAPPED = 0x61150600;
const PAGE_HASH_META = 8;
const PAGE_HASH = 13;
const PAGE_HASH_UNSORTED = 2;
const PAGE_OVERFLOW = 7;
const ITEM_OFFPAGE = 3;
const PAGE_HEADER_SIZE = 26;
const OFFPAGE_ITEM_SIZE = 12;
const VALID_PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);
function isBdbHash(buf) {
    if (buf.length < 512)
        return false;
    const magic = buf.readUInt32LE(12);
    return magic === HASH_MAGIC || magic === HASH_MAGIC_SWAPPED;
}
function readBdbBlobs(buf) {
    const problems = [];
    const blobs = [];
    if (!isBdbHash(buf))
        return { blobs, problems: ['not a Berkeley DB hash file (bad magic)'] };
    const be = buf.readUInt32LE(12) === HASH_MAGIC_SWAPPED;
    const u32 = (at) => (be ? buf.readUInt32BE(at) : buf.readUInt32LE(at));
    const u16 = (at) => (be ? buf.readUInt16BE(at) : buf.readUInt16LE(at));
    const pageSize = u32(20);
    if (!VALID_PAGE_SIZES.has(pageSize))
        return { blobs, problems: [`unexpected page size ${pageSize}`] };
    if (buf[24] !== 0)
        return { blobs, problems: [`encrypted database (algorithm ${buf[24]})`] };
    if (buf[25] !== PAGE_HASH_META)
        return { blobs, problems: [`page 0 has type ${buf[25]}, not hash metadata`] };
    const pageCount = Math.floor(buf.length / pageSize);
    const lastPage = u32(32);
    if (lastPage >= pageCount) {
        problems.push(`last page ${lastPage} lies past the end of the file (${pageCount} pages); read what is there`);
    }
    const lastReadable = Math.min(lastPage, pageCount - 1);
    /** Follows one value's overflow chain; every page is inside the file and visited once. */
    const readOverflow = (first, total) => {
        if (total > HEADER_MAX_BYTES || total > buf.length)
            return `value length ${total} is implausible`;
        const out = Buffer.alloc(total);
        let filled = 0;
        const seen = new Set();
        for (let pgno = first; pgno !== 0;) {
            if (pgno >= pageCount || seen.has(pgno))
                return `overflow chain breaks at page ${pgno}`;
            seen.add(pgno);
            const base = pgno * pageSize;
            if (buf[base + 25] !== PAGE_OVERFLOW)
                return `page ${pgno} in an overflow chain has type ${buf[base + 25]}`;
            const next = u32(base + 16);
            const used = next === 0 ? u16(base + 22) : pageSize - PAGE_HEADER_SIZE;
            if (used > pageSize - PAGE_HEADER_SIZE || filled + used > total) {
                return `overflow page ${pgno} holds more than the value's ${total} bytes`;
            }
            buf.copy(out, filled, base + PAGE_HEADER_SIZE, base + PAGE_HEADER_SIZE + used);
            filled += used;
            pgno = next;
        }
        return filled === total ? out : `value holds ${filled} of its ${total} bytes`;
    };
    for (let pgno = 0; pgno <= lastReadable; pgno++) {
        const base = pgno * pageSize;
        const type = buf[base + 25];
        if (type !== PAGE_HASH && type !== PAGE_HASH_UNSORTED)
            continue;
        const entries = u16(base + 20);
        if (entries % 2 !== 0 || PAGE_HEADER_SIZE + entries * 2 > pageSize) {
            problems.push(`hash page ${pgno}: ${entries} index entries do not form key/value pairs on the page`);
            continue;
        }
        // Odd index slots are the values (even ones are the keys: rpm's 4-byte package numbers).
        for (let i = 1; i < entries; i += 2) {
            const off = u16(base + PAGE_HEADER_SIZE + i * 2);
            if (off < PAGE_HEADER_SIZE || off >= pageSize) {
                problems.push(`hash page ${pgno}: item offset ${off} outside the page`);
                continue;
            }
            const item = base + off;
            // Small on-page values (H_KEYDATA) are not package headers: rpm's bookkeeping record 0 is one.
            if (buf[item] !== ITEM_OFFPAGE)
                continue;
            if (off + OFFPAGE_ITEM_SIZE > pageSize) {
                problems.push(`hash page ${pgno}: off-page item at ${off} runs past the page`);
                continue;
            }
            const r = readOverflow(u32(item + 4), u32(item + 8));
            if (typeof r === 'string')
                problems.push(`hash page ${pgno}, item ${i}: ${r}`);
            else
                blobs.push(r);
        }
    }
    return { blobs, problems };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/rpm-ndb.js
/**
 * rpm's NDB backend (`Packages.db`, SUSE since SLE 15 SP3 / openSUSE): header blobs in a flat slot file.
 *
 * Format (rpm lib/backend/ndb/rpmpkg.c, as knqyf263/go-rpmdb `pkg/ndb/ndb.go` documents it), little-endian:
 *   file header (32 bytes, = the first two slots): magic "RpmP", version 0, generation, slot page count, 4×reserved
 *   slot pages (4096 bytes each, 256 slots of 16 bytes), starting at offset 0, so the first two slots
 *   are the file header: each slot { magic "Slot", package index (0 = free), block offset, block count }
 *   blobs at blockOffset × 16: { magic "BlbS", package index, adler32, length } then `length` bytes of header
 */

const fourcc = (s) => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
const NDB_HEADER_MAGIC = fourcc('RpmP') >>> 0;
const SLOT_MAGIC = fourcc('Slot') >>> 0;
const BLOB_MAGIC = fourcc('BlbS') >>> 0;
const NDB_VERSION = 0;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const BLOB_HEAD_SIZE = 16;
/** go-rpmdb's sanity limit on slot pages (2048 pages = 524,286 packages). */
const MAX_SLOT_PAGES = 2048;
function isNdb(buf) {
    return buf.length >= 32 && buf.readUInt32LE(0) === NDB_HEADER_MAGIC;
}
/** Every package header blob in an NDB file. Views into `buf`, no copies; nothing sized from untrusted fields. */
function readNdbBlobs(buf) {
    const problems = [];
    const blobs = [];
    if (!isNdb(buf))
        return { blobs, problems: ['not an NDB file (bad magic)'] };
    const version = buf.readUInt32LE(4);
    const slotPages = buf.readUInt32LE(12);
    if (version !== NDB_VERSION)
        return { blobs, problems: [`unsupported NDB version ${version}`] };
    if (slotPages === 0 || slotPages > MAX_SLOT_PAGES) {
        return { blobs, problems: [`implausible NDB slot page count ${slotPages}`] };
    }
    const slotsEnd = slotPages * PAGE_SIZE;
    if (slotsEnd > buf.length) {
        return {
            blobs,
            problems: [`NDB file of ${buf.length} bytes is shorter than its ${slotPages} slot pages`],
        };
    }
    // The first two slot positions hold the file header.
    for (let at = 2 * SLOT_SIZE; at + SLOT_SIZE <= slotsEnd; at += SLOT_SIZE) {
        if (buf.readUInt32LE(at) !== SLOT_MAGIC) {
            // The slot table itself is damaged: nothing after this point can be trusted.
            problems.push(`bad NDB slot magic at offset ${at}; stopped reading slots`);
            break;
        }
        const pkgIndex = buf.readUInt32LE(at + 4);
        if (pkgIndex === 0)
            continue; // free slot
        const blkOffset = buf.readUInt32LE(at + 8);
        const blkCount = buf.readUInt32LE(at + 12);
        const start = blkOffset * BLOCK_SIZE;
        if (start < slotsEnd || start + BLOB_HEAD_SIZE > buf.length) {
            problems.push(`package ${pkgIndex}: blob offset ${start} outside the file`);
            continue;
        }
        if (buf.readUInt32LE(start) !== BLOB_MAGIC) {
            problems.push(`package ${pkgIndex}: bad blob magic at ${start}`);
            continue;
        }
        if (buf.readUInt32LE(start + 4) !== pkgIndex) {
            problems.push(`package ${pkgIndex}: the blob at ${start} belongs to package ${buf.readUInt32LE(start + 4)}`);
            continue;
        }
        const len = buf.readUInt32LE(start + 12);
        const dataStart = start + BLOB_HEAD_SIZE;
        if (len > HEADER_MAX_BYTES ||
            dataStart + len > buf.length ||
            BLOB_HEAD_SIZE + len > blkCount * BLOCK_SIZE) {
            problems.push(`package ${pkgIndex}: blob length ${len} does not fit its ${blkCount} blocks or the file`);
            continue;
        }
        blobs.push(buf.subarray(dataStart, dataStart + len));
    }
    return { blobs, problems };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/rpm.js
/**
 * RPM packages from the rpm database, in any of its three backends, found where syft looks
 * (`syft/pkg/rpm.go` RpmDBGlob: {var/lib,usr/share,usr/lib/sysimage}/rpm/{Packages,Packages.db,rpmdb.sqlite}):
 * - rpmdb.sqlite (rpm ≥ 4.16: Fedora, RHEL 9, CBL-Mariner/Azure Linux): table Packages(hnum, blob)
 * - Packages.db (NDB: SUSE), see rpm-ndb.ts
 * - Packages (BerkeleyDB hash: RHEL ≤ 8, Amazon Linux 2), see rpm-bdb.ts
 * Each holds one rpm header per package (rpm-header.ts). The backend is told by the file's magic, as
 * knqyf263/go-rpmdb `pkg/rpmdb.go` `Open` does, not by its name.
 *
 * Package fields and purls follow syft v1.51.0 `syft/pkg/cataloger/redhat/parse_rpm_db.go` and
 * `redhat/package.go` (version "[epoch:]version-release"; purl version "version-release" with epoch=
 * and upstream=<sourcerpm> qualifiers; namespace = distro ID, rhel -> redhat, opensuse* -> opensuse).
 */










const DB_PATH = /^\/(?:var\/lib|usr\/share|usr\/lib\/sysimage)\/rpm\/(Packages|Packages\.db|rpmdb\.sqlite)(-wal)?$/;
const rpm_MAX_DB_SIZE = 1024 * 1024 * 1024;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/**
 * rpm's SQLite database is in WAL mode; committed transactions may still sit in rpmdb.sqlite-wal. We ask
 * for that file too and put it beside the copy, so SQLite reads what rpm would read. The copy is private
 * because even a read-only open creates -shm/-wal files beside the database.
 */
async function readSqliteBlobs(db, wal) {
    const { DatabaseSync } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 80099, 19));
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'sigstamp-rpmdb-'));
    try {
        const path = (0,external_node_path_.join)(dir, 'rpmdb.sqlite');
        if (db.content)
            await (0,promises_.writeFile)(path, db.content);
        else if (db.spillPath)
            await (0,promises_.copyFile)(db.spillPath, path);
        if (wal && wal.size > 0) {
            if (wal.content)
                await (0,promises_.writeFile)(path + '-wal', wal.content);
            else if (wal.spillPath)
                await (0,promises_.copyFile)(wal.spillPath, path + '-wal');
        }
        const sqlite = new DatabaseSync(path, { readOnly: true });
        try {
            const blobs = [];
            for (const row of sqlite.prepare('SELECT blob FROM Packages').iterate()) {
                const b = row.blob;
                if (b instanceof Uint8Array)
                    blobs.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
            }
            return { blobs, problems: [] };
        }
        finally {
            sqlite.close();
        }
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** "bash-5.1.8-1.cm2.src.rpm" -> "bash": strip the package file suffix, then "-version-release". */
function sourceRpmName(sourceRpm) {
    const base = sourceRpm.replace(/\.(?:no)?src\.rpm$/, '');
    const parts = base.split('-');
    return parts.length >= 3 ? parts.slice(0, -2).join('-') : undefined;
}
/** syft `toELVersion`: the epoch is shown only when the header has one. */
function rpmVersion(h) {
    return (h.epoch !== undefined ? `${h.epoch}:` : '') + `${h.version}-${h.release}`;
}
/** syft `packageURL` (redhat/package.go). */
function rpmPurl(h, distro) {
    let namespace = distro?.id ?? '';
    if (namespace === 'rhel' || namespace === 'hummingbird')
        namespace = 'redhat';
    if (namespace.startsWith('opensuse'))
        namespace = 'opensuse';
    return osPurl('rpm', namespace, h.name, `${h.version}-${h.release}`, {
        arch: h.arch,
        epoch: h.epoch !== undefined ? String(h.epoch) : undefined,
        upstream: h.sourceRpm,
    }, distro);
}
function toPackage(h, where, ctx) {
    let purl = '';
    try {
        purl = rpmPurl(h, ctx.distro);
    }
    catch (e) {
        ctx.warn(`${where}: no purl for ${h.name} ${rpmVersion(h)}: ${e.message}`);
    }
    const p = {
        name: h.name,
        version: rpmVersion(h),
        type: 'rpm',
        purl,
        licenses: h.license ? [h.license] : [],
        locations: [where],
        foundBy: 'rpm-db-cataloger',
    };
    if (h.vendor)
        p.supplier = h.vendor;
    if (h.arch)
        p.arch = h.arch;
    const src = h.sourceRpm ? sourceRpmName(h.sourceRpm) : undefined;
    if (src)
        p.sourceName = src;
    const metadata = { version: h.version, release: h.release };
    if (h.epoch !== undefined)
        metadata['epoch'] = String(h.epoch);
    if (h.sourceRpm)
        metadata['sourceRpm'] = h.sourceRpm;
    if (h.modularityLabel)
        metadata['modularityLabel'] = h.modularityLabel;
    if (h.size !== undefined)
        metadata['size'] = String(h.size);
    p.metadata = metadata;
    return p;
}
/** Content digest, streamed for a spilled file so a large database is not read twice into memory. */
async function digestOf(f) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    if (f.content || !f.spillPath)
        hash.update(await readImageFile(f));
    else
        for await (const chunk of (0,external_node_fs_.createReadStream)(f.spillPath))
            hash.update(chunk);
    return hash.digest('hex');
}
async function readHead(f, n) {
    if (!f.spillPath)
        return Buffer.alloc(0);
    const fh = await (0,promises_.open)(f.spillPath, 'r');
    try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await fh.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
async function readBlobs(f, wal) {
    if (f.path.endsWith('/rpmdb.sqlite')) {
        // SQLite reads from a file: no need to load a spilled database into memory to check its magic.
        const head = f.content ? f.content.subarray(0, 16) : await readHead(f, 16);
        if (head.equals(SQLITE_MAGIC))
            return readSqliteBlobs(f, wal);
    }
    const buf = await readImageFile(f);
    if (buf.subarray(0, 16).equals(SQLITE_MAGIC))
        return readSqliteBlobs({ ...f, content: buf }, wal);
    if (isNdb(buf))
        return readNdbBlobs(buf);
    if (isBdbHash(buf))
        return readBdbBlobs(buf);
    return { blobs: [], problems: ['not an rpm database (no SQLite, NDB or Berkeley DB hash magic)'] };
}
function rpmCataloger() {
    return {
        name: 'rpm-db-cataloger',
        wants(path, size) {
            return DB_PATH.test(path) && size <= rpm_MAX_DB_SIZE;
        },
        async catalog(files, ctx) {
            const out = [];
            const seen = new Set();
            const dbs = files.filter((f) => !f.path.endsWith('-wal')).sort((a, b) => (a.path < b.path ? -1 : 1));
            for (const f of dbs) {
                if (f.size === 0)
                    continue;
                let result;
                try {
                    // The same database reached through a symlinked directory (/var/lib/rpm -> ../../usr/lib/sysimage/rpm)
                    // is read once.
                    const digest = await digestOf(f);
                    if (seen.has(digest))
                        continue;
                    seen.add(digest);
                    result = await readBlobs(f, files.find((w) => w.path === f.path + '-wal'));
                }
                catch (e) {
                    ctx.warn(`${f.path}: unreadable rpm database: ${e.message}`);
                    continue;
                }
                for (const problem of result.problems)
                    ctx.warn(`${f.path}: ${problem}`);
                for (const [i, blob] of result.blobs.entries()) {
                    let h;
                    try {
                        h = parseRpmHeader(blob);
                    }
                    catch (e) {
                        ctx.warn(`${f.path}: skipped package header #${i + 1}: ${e.message}`);
                        continue;
                    }
                    // Imported signing keys are stored as pseudo-packages (name gpg-pubkey, no arch, license "pubkey"):
                    // not software, so left out. (syft v1.51 does list them; trivy and `dnf list` do not.)
                    if (h.name === 'gpg-pubkey')
                        continue;
                    if (!h.name) {
                        ctx.warn(`${f.path}: skipped package header #${i + 1}: it has no name`);
                        continue;
                    }
                    out.push(toPackage(h, f.path, ctx));
                }
            }
            return out;
        },
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/catalogers/index-os.js




function osCatalogers() {
    return [dpkgCataloger(), apkCataloger(), rpmCataloger()];
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(50320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js
var spdx = __webpack_require__(61290);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(51248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(94321);
;// CONCATENATED MODULE: ./build/src/sbom/spdx.js
/**
 * SPDX 2.3 JSON, written by hand (no maintained SPDX writer exists on npm). The layout follows what
 * syft writes for an image (syft/format/common/spdxhelpers/to_format_model.go), so consumers that
 * read syft's documents read ours: a CONTAINER root package DESCRIBED by the document and
 * CONTAINing every package. Field rules are the JSON schema's (the authoritative one for JSON, per
 * the SPDX maintainers in spdx/spdx-spec#813), e.g. `OPERATING_SYSTEM` with an underscore.
 */



const NOASSERTION = 'NOASSERTION';
/** SPDX 2.3 §3.2: the id string is letters, digits, `.` and `-` only. */
function sanitizeSpdxId(s) {
    return s.replace(/[^A-Za-z0-9.-]/g, '-');
}
/** Short stable hash, so ids and refs survive re-runs over the same image unchanged. */
function shortHash(...parts) {
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}
/** Percent-encodes a purl component, keeping `/` (the purl spec's oci example keeps it in repository_url). */
function purlEncode(s) {
    return encodeURIComponent(s).replace(/%2F/g, '/');
}
/**
 * purl-spec `oci` type: name = last repository segment, lowercased; version = the manifest digest
 * (`sha256%3A…`, as syft writes it); qualifiers in key order: arch, repository_url (no scheme), tag.
 */
function ociPurl(image) {
    const name = (image.repository.split('/').pop() ?? image.repository).toLowerCase();
    const q = [
        ['arch', image.arch],
        ['repository_url', `${image.registry}/${image.repository}`],
        ['tag', image.tag],
    ];
    const quals = q
        .filter((e) => !!e[1])
        .map(([k, v]) => `${k}=${purlEncode(v)}`)
        .join('&');
    return `pkg:oci/${purlEncode(name)}@${encodeURIComponent(image.digest)}?${quals}`;
}
/** `Name <email>` -> SPDX `Person: Name (email)` (SPDX 2.3 §7.5); pre-typed values pass through. */
function spdx_spdxSupplier(raw) {
    const s = raw?.trim();
    if (!s)
        return NOASSERTION;
    if (/^(Person|Organization|Tool):\s/.test(s))
        return s;
    const m = /^([^<>()]*?)\s*<([^<>@\s]+@[^<>\s]+)>\s*$/.exec(s);
    const person = m ? (m[1] ? `${m[1]} (${m[2]})` : m[2]) : s;
    return `Person: ${person}`;
}
function licenseRefs(ast, out) {
    if ('conjunction' in ast) {
        licenseRefs(ast.left, out);
        licenseRefs(ast.right, out);
    }
    else if (ast.license.startsWith('LicenseRef-'))
        out.add(ast.license);
}
/**
 * A valid SPDX expression for `raw`, or undefined. Ids match case-insensitively (SPDX 2.3 Annex D),
 * so `mit` becomes `MIT`; the list is the one the CycloneDX library validates against, so both
 * documents agree on what counts as an SPDX id. DocumentRef- needs externalDocumentRefs: refused.
 */
function toSpdxExpression(raw) {
    if (raw.includes('DocumentRef-'))
        return undefined;
    const fixed = raw.trim().replace(/[A-Za-z0-9.+-]+/g, (tok) => {
        // Operators are case-sensitive in Annex D; spdx-expression-parse also takes `and`: write them upper case.
        if (/^(and|or|with)$/i.test(tok))
            return tok.toUpperCase();
        if (tok.startsWith('LicenseRef-'))
            return tok;
        const plus = tok.endsWith('+') ? '+' : '';
        const id = (0,spdx.fixupSpdxId)(plus ? tok.slice(0, -1) : tok);
        return id ? id + plus : tok;
    });
    try {
        const refs = new Set();
        licenseRefs(spdx_expression_parse(fixed), refs);
        return { expression: fixed, refs };
    }
    catch {
        return undefined;
    }
}
/**
 * One package's `licenseDeclared` (all its licenses AND-ed, as syft joins them), registering the
 * LicenseRef- ids it needs in `extracted` (SPDX 2.3 §10: every LicenseRef used must be declared).
 */
function declaredLicense(licenses, extracted) {
    const parts = [];
    for (const raw of licenses) {
        // Ecosystems that write NONE/NOASSERTION mean "nothing recorded": not a license name.
        if (!raw.trim() || /^(NONE|NOASSERTION)$/i.test(raw.trim()))
            continue;
        const parsed = toSpdxExpression(raw);
        if (parsed) {
            for (const ref of parsed.refs)
                if (!extracted.has(ref))
                    extracted.set(ref, { licenseId: ref, name: ref, extractedText: NOASSERTION });
            parts.push(/\s(AND|OR|WITH)\s/.test(parsed.expression) ? `(${parsed.expression})` : parsed.expression);
            continue;
        }
        // Not an SPDX expression: a LicenseRef carrying the recorded name. Two names that sanitize alike
        // get the hash of the raw name appended, so neither is lost.
        let id = `LicenseRef-${sanitizeSpdxId(raw.trim())}`;
        const seen = extracted.get(id);
        if (seen && seen.name !== raw)
            id = `${id}-${shortHash(raw).slice(0, 8)}`;
        // The text itself was not read, only its name: extractedText is required, NOASSERTION says so (as syft).
        if (!extracted.has(id))
            extracted.set(id, { licenseId: id, name: raw, extractedText: NOASSERTION });
        parts.push(id);
    }
    const unique = [...new Set(parts)];
    return unique.length ? unique.join(' AND ') : NOASSERTION;
}
/** The SPDX id of a package: stable for the same package at the same place, unique in the document. */
function packageSpdxId(p) {
    const hash = shortHash(p.type, p.name, p.version, p.purl, ...p.locations);
    return `SPDXRef-Package-${sanitizeSpdxId(`${p.type}-${p.name}`)}-${hash}`;
}
function created(opts) {
    // SPDX 2.3 §6.9: YYYY-MM-DDThh:mm:ssZ, no fractional seconds.
    return (opts.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function toSpdx(packages, distro, image, opts) {
    const extracted = new Map();
    const hex = image.digest.replace(/^sha256:/, '');
    const rootId = sanitizeSpdxId(`SPDXRef-DocumentRoot-Image-${image.name}`);
    const base = (opts.namespaceBase ?? 'https://spdx.org/spdxdocs/sigstamp').replace(/\/+$/, '');
    // §6.5: unique per document version, no '#'. The digest and a UUID make it unique per run.
    const slug = `${image.registry}/${image.repository}`.replace(/[#:]/g, '-');
    const namespace = `${base}/${slug}/${image.digest.replace(':', '-')}/${opts.uuid ?? (0,external_node_crypto_.randomUUID)()}`;
    const used = new Set([rootId]);
    const pkgs = [];
    const rels = [];
    for (const p of packages) {
        let id = packageSpdxId(p);
        for (let n = 2; used.has(id); n++)
            id = `${packageSpdxId(p)}-${n}`;
        used.add(id);
        pkgs.push({
            name: p.name,
            SPDXID: id,
            versionInfo: p.version,
            supplier: spdx_spdxSupplier(p.supplier),
            downloadLocation: NOASSERTION,
            filesAnalyzed: false,
            sourceInfo: `acquired package info from ${p.foundBy}: ${p.locations.join(', ')}`,
            licenseConcluded: NOASSERTION,
            licenseDeclared: declaredLicense(p.licenses, extracted),
            copyrightText: NOASSERTION,
            ...(p.purl
                ? {
                    externalRefs: [
                        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
                    ],
                }
                : {}),
        });
        rels.push({ spdxElementId: rootId, relatedSpdxElement: id, relationshipType: 'CONTAINS' });
    }
    if (distro) {
        // syft has no OS package in SPDX (anchore/syft#3012, only in CycloneDX); trivy and apko add one.
        const id = sanitizeSpdxId(`SPDXRef-OperatingSystem-${distro.id}-${distro.versionId ?? ''}`).replace(/-$/, '');
        pkgs.push({
            name: distro.id,
            SPDXID: id,
            ...(distro.versionId ? { versionInfo: distro.versionId } : {}),
            supplier: NOASSERTION,
            downloadLocation: NOASSERTION,
            filesAnalyzed: false,
            licenseConcluded: NOASSERTION,
            licenseDeclared: NOASSERTION,
            copyrightText: NOASSERTION,
            ...(distro.prettyName ? { description: distro.prettyName } : {}),
            primaryPackagePurpose: 'OPERATING_SYSTEM',
        });
        rels.push({ spdxElementId: rootId, relatedSpdxElement: id, relationshipType: 'CONTAINS' });
    }
    pkgs.push({
        name: image.name,
        SPDXID: rootId,
        versionInfo: image.digest,
        supplier: opts.organization ? `Organization: ${opts.organization}` : NOASSERTION,
        downloadLocation: NOASSERTION,
        filesAnalyzed: false,
        checksums: [{ algorithm: 'SHA256', checksumValue: hex }],
        licenseConcluded: NOASSERTION,
        licenseDeclared: NOASSERTION,
        copyrightText: NOASSERTION,
        externalRefs: [
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: ociPurl(image) },
        ],
        primaryPackagePurpose: 'CONTAINER',
    });
    rels.push({ spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: rootId, relationshipType: 'DESCRIBES' });
    const creators = [`Tool: sigstamp-${opts.toolVersion}`];
    if (opts.organization)
        creators.unshift(`Organization: ${opts.organization}`);
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: image.name,
        documentNamespace: namespace,
        creationInfo: { created: created(opts), creators },
        packages: pkgs,
        relationships: rels,
        ...(extracted.size
            ? {
                hasExtractedLicensingInfos: [...extracted.values()].sort((a, b) => a.licenseId.localeCompare(b.licenseId)),
            }
            : {}),
    };
}

;// CONCATENATED MODULE: ./build/src/sbom/cyclonedx.js
/**
 * CycloneDX 1.6 JSON through @cyclonedx/cyclonedx-library, imported by sub-entry (the root entry
 * breaks inside an ncc ESM bundle). The layout follows syft's writer
 * (syft/format/common/cyclonedxhelpers/to_format_model.go and cyclonedxutil/helpers): a `container`
 * metadata component, `library` components, one `operating-system` component from os-release.
 */







/** Package types whose recorded supplier is a distribution maintainer: syft writes it as `publisher`. */
const OS_TYPES = new Set(['deb', 'apk', 'rpm']);
/**
 * syft's license rule (cyclonedxutil/helpers/licenses.go): a single SPDX id -> `license.id`; any
 * other name -> `license.name`; compound expressions -> one `expression` when they are all there
 * is, else each as a `license.name` — the schema forbids mixing `expression` with `license` entries,
 * and the library would keep only the first expression of a mixed set.
 */
function cdxLicenses(licenses) {
    const named = [];
    const expressions = [];
    const seen = new Set();
    for (const raw of licenses) {
        const s = raw.trim();
        if (!s || /^(NONE|NOASSERTION)$/i.test(s) || seen.has(s))
            continue;
        seen.add(s);
        const id = (0,spdx.fixupSpdxId)(s);
        if (id) {
            named.push(new models.SpdxLicense(id));
            continue;
        }
        const parsed = s.startsWith('LicenseRef-') ? undefined : toSpdxExpression(s);
        if (parsed)
            expressions.push(parsed.expression);
        else
            named.push(new models.NamedLicense(s));
    }
    if (named.length === 0 && expressions.length > 0) {
        const joined = expressions.length === 1
            ? expressions[0]
            : expressions.map((e) => (/\s(AND|OR|WITH)\s/.test(e) ? `(${e})` : e)).join(' AND ');
        return [new models.LicenseExpression(joined)];
    }
    return [...named, ...expressions.map((e) => new models.NamedLicense(e))];
}
/** syft's bom-ref: the purl plus a `package-id` qualifier, unique even when two packages share a purl. */
function componentBomRef(p) {
    const id = shortHash(p.type, p.name, p.version, p.purl, ...p.locations);
    if (!p.purl)
        return `sigstamp-package-${id}`;
    const [main, subpath] = p.purl.split('#', 2);
    const ref = `${main}${main.includes('?') ? '&' : '?'}package-id=${id}`;
    return subpath === undefined ? ref : `${ref}#${subpath}`;
}
function component(p) {
    const c = new models.Component(enums.ComponentType.Library, p.name, {
        bomRef: componentBomRef(p),
        version: p.version,
        ...(p.purl ? { purl: p.purl } : {}),
        licenses: new models.LicenseRepository(cdxLicenses(p.licenses)),
    });
    if (p.supplier) {
        if (OS_TYPES.has(p.type))
            c.publisher = p.supplier;
        else
            c.author = p.supplier;
    }
    // Where it was found and by whom: CycloneDX has no place for that in `evidence` that this
    // library models, so properties, namespaced to us.
    c.properties.add(new models.Property('sigstamp:package:foundBy', p.foundBy));
    c.properties.add(new models.Property('sigstamp:package:type', p.type));
    p.locations.forEach((l, i) => c.properties.add(new models.Property(`sigstamp:location:${i}:path`, l)));
    return c;
}
/** syft's OS component (toOSComponent): bom-ref `os:<id>@<version>`, swid carries id and version. */
function osComponent(d) {
    const c = new models.Component(enums.ComponentType.OperatingSystem, d.id, {
        bomRef: d.versionId ? `os:${d.id}@${d.versionId}` : `os:${d.id}`,
        ...(d.versionId ? { version: d.versionId } : {}),
        swid: new models.SWID(d.id, d.id, d.versionId ? { version: d.versionId } : {}),
        ...(d.prettyName ? { description: d.prettyName } : {}),
    });
    // syft reads these back as the distro (cyclonedxutil/helpers/decoder.go reads swid, name, version).
    if (d.idLike?.length)
        c.properties.add(new models.Property('sigstamp:distro:idLike', d.idLike.join(' ')));
    if (d.versionCodename)
        c.properties.add(new models.Property('sigstamp:distro:versionCodename', d.versionCodename));
    return c;
}
function toCycloneDx(packages, distro, image, opts) {
    const purl = ociPurl(image);
    const root = new models.Component(enums.ComponentType.Container, image.name, {
        bomRef: purl,
        version: image.digest,
        purl,
        ...(opts.organization ? { supplier: new models.OrganizationalEntity({ name: opts.organization }) } : {}),
    });
    const tool = new models.Component(enums.ComponentType.Application, 'sigstamp', { version: opts.toolVersion });
    const bom = new models.Bom({
        // The attestation predicate https://cyclonedx.org/bom requires a serialNumber (DESIGN.md).
        serialNumber: `urn:uuid:${opts.uuid ?? (0,external_node_crypto_.randomUUID)()}`,
        metadata: new models.Metadata({
            timestamp: opts.created ?? new Date(),
            tools: new models.Tools({ components: new models.ComponentRepository([tool]) }),
            component: root,
            ...(opts.organization
                ? { supplier: new models.OrganizationalEntity({ name: opts.organization }) }
                : {}),
        }),
    });
    for (const p of packages)
        bom.components.add(component(p));
    if (distro)
        bom.components.add(osComponent(distro));
    const serializer = new index_node.JsonSerializer(new index_node.JSON.Normalize.Factory(spec.Spec1dot6));
    // sortLists: the same image gives the same document, apart from serialNumber and timestamp.
    return JSON.parse(serializer.serialize(bom, { sortLists: true }));
}

;// CONCATENATED MODULE: ./build/src/sbom/layer-stream.js
/** A layer blob as a tar stream: the compression picked from its first bytes, not its media type. */


function detectCompression(head) {
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'gzip';
    // RFC 8878 frame magic 28 b5 2f fd.
    if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528)
        return 'zstd';
    return 'none';
}
/** Reads the first bytes to pick the decompressor, then streams the whole blob through it. */
async function openTar(source, count) {
    const it = source[Symbol.asyncIterator]();
    const head = [];
    let seen = 0;
    while (seen < 4) {
        const r = await it.next();
        if (r.done)
            break;
        head.push(r.value);
        seen += r.value.length;
        count(r.value.length);
    }
    const first = Buffer.concat(head);
    const kind = detectCompression(first);
    const raw = external_node_stream_.Readable.from((async function* () {
        try {
            yield first;
            for (;;) {
                const r = await it.next();
                if (r.done)
                    return;
                count(r.value.length);
                yield r.value;
            }
        }
        finally {
            // An abandoned layer must free its download (and its digest check must never half-pass).
            await it.return?.();
        }
    })());
    if (kind === 'none')
        return raw;
    // 1 MiB output chunks instead of zlib's 16 KiB: each chunk is a threadpool round trip that waits
    // for the main thread to dispatch the next one, so while the main thread parses and catalogs, fewer
    // and larger chunks keep the inflater busier (16 KiB -> 256 KiB was the largest item of a profile;
    // 256 KiB -> 1 MiB took 0.5 s off the 1 GB bench image). Two chunks are decoded ahead.
    const chunkSize = 1024 * 1024;
    const readableHighWaterMark = 2 * chunkSize;
    const decoder = kind === 'gzip'
        ? external_node_zlib_.createGunzip({ chunkSize, readableHighWaterMark })
        : external_node_zlib_.createZstdDecompress({ chunkSize, readableHighWaterMark });
    return (0,external_node_stream_.pipeline)(raw, decoder, () => undefined);
}
function waitDrain(w) {
    return new Promise((resolve) => {
        const done = () => {
            w.off('drain', done);
            w.off('close', done);
            resolve();
        };
        w.on('drain', done);
        w.on('close', done);
    });
}

;// CONCATENATED MODULE: ./build/src/sbom/tar-parser.js
/**
 * A push-style streaming tar reader: feed it chunks, it calls a visitor once per entry.
 *
 * Why not tar-stream: it creates a stream object per entry plus promises per chunk; over a 1 GB layer
 * with ~100k entries that was the main source of garbage (16% of wall time in GC). Most entries are
 * skipped, so a skip here costs nothing but arithmetic: no per-entry stream, no copy of skipped data, no
 * promise per chunk. No npm library offers a synchronous push parser over chunks of streaming input
 * (tar-stream, node-tar and others are per-entry streams; nanotar needs the whole archive in memory).
 *
 * Reads ustar, GNU (long names 'L'/'K', base-256 numbers), PAX ('x', 'g') and v7 (no magic) archives.
 */
class TarFormatError extends Error {
    name = 'TarFormatError';
}
const BLOCK = 512;
const RESOLVED = Promise.resolve();
// Typeflags '0' to '7', in order.
const TYPE_NAMES = 'file link symlink character-device block-device directory fifo contiguous-file';
const TYPES = TYPE_NAMES.split(' ');
// Typeflags of meta entries, which describe the next entry (or all of them, for 'g').
const PAX = 0x78; // 'x'
const PAX_GLOBAL = 0x67; // 'g'
const LONG_NAME = 0x4c; // 'L'
const LONG_LINK = 0x4b; // 'K'
const isThenable = (r) => typeof r?.then === 'function';
const paddingOf = (size) => (BLOCK - (size % BLOCK)) % BLOCK;
/** A NUL-terminated (or field-filling) UTF-8 string. */
function tar_parser_str(b, o, n) {
    let e = o;
    while (e < o + n && b[e] !== 0)
        e++;
    return b.toString('utf8', o, e);
}
/** Octal ASCII ended by NUL or space, or GNU base-256 when the high bit is set; NaN if neither. */
function numeric(b, o, n) {
    const end = o + n;
    const first = b[o];
    if (first & 0x80) {
        // Two's complement with the flag bit dropped; 0x40 would make it negative, which no field here may be.
        if (first & 0x40)
            return NaN;
        let v = first & 0x3f;
        for (let i = o + 1; i < end; i++)
            v = v * 256 + b[i];
        return v <= Number.MAX_SAFE_INTEGER ? v : NaN;
    }
    let i = o;
    while (i < end && (b[i] === 0x20 || b[i] === 0))
        i++; // old tars pad on the left
    let v = 0;
    for (; i < end; i++) {
        const c = b[i];
        if (c === 0 || c === 0x20)
            break;
        if (c < 0x30 || c > 0x37)
            return NaN;
        v = v * 8 + c - 0x30;
    }
    return v;
}
/** Parses PAX records ("%d %s=%s\n", the length counting the whole record) into `into`. */
function parsePax(b, s, e, into, global) {
    while (s < e) {
        let i = s;
        let len = 0;
        while (i < e && b[i] >= 0x30 && b[i] <= 0x39 && len <= e - s)
            len = len * 10 + b[i++] - 0x30;
        const rec = s + len;
        let eq = i + 1;
        while (eq < rec - 1 && b[eq] !== 0x3d)
            eq++;
        if (i === s || b[i] !== 0x20 || rec > e || b[rec - 1] !== 0x0a || eq >= rec - 1 || eq === i + 1)
            throw new TarFormatError('invalid PAX extended header record');
        const key = b.toString('utf8', i + 1, eq);
        if (key === 'path' || key === 'linkpath' || key === 'size') {
            const value = b.toString('utf8', eq + 1, rec - 1);
            // An empty value in a global header deletes the key; in a per-entry one it hides the global value.
            if (global && value === '')
                delete into[key];
            else
                into[key] = value;
        }
        s = rec;
    }
}
class TarParser {
    visitor;
    maxMeta;
    carry = Buffer.alloc(BLOCK); // gathers a header split across chunks
    carryLen = 0;
    skip = 0; // bytes to pass by unseen: padding, or a skipped entry's data and padding
    remaining = 0; // data bytes still owed to `sink`, or to the meta entry being gathered
    pad = 0;
    sink;
    /** The typeflag of the meta entry being gathered, 0 if none; `meta` holds it when split across chunks. */
    metaFlag = 0;
    meta;
    metaLen = 0;
    longName;
    longLink;
    pax;
    global = {};
    done = false;
    failure;
    total = 0; // input bytes so far, for offsets in errors
    resumeAt = 0; // where to go on in the chunk once the awaited thenable settles
    awaitingEntry = false;
    constructor(visitor, opts) {
        this.visitor = visitor;
        this.maxMeta = opts?.maxMetaBytes ?? 1024 * 1024;
    }
    /** Feed the next chunk (after the previous write settled). Resolves once the chunk is fully handled. */
    write(chunk) {
        if (this.failure)
            return Promise.reject(this.failure.error);
        if (this.done)
            return RESOLVED;
        this.total += chunk.length;
        try {
            const pending = this.run(chunk, 0);
            return pending === undefined ? RESOLVED : this.resume(chunk, pending);
        }
        catch (err) {
            return this.fail(err);
        }
    }
    /** No more input: throws if it ended inside a header, an entry's data or its padding. */
    end() {
        if (this.failure)
            return Promise.reject(this.failure.error);
        let where;
        if (this.done)
            where = undefined; // anything after the end marker is ignored
        else if (this.carryLen > 0)
            where = `inside a header (${this.carryLen} of ${BLOCK} bytes)`;
        else if (this.sink || this.metaFlag || this.skip > 0)
            where = "inside an entry's data or padding";
        else if (this.pax || this.longName !== undefined || this.longLink !== undefined)
            where = 'after an extended header, before its entry';
        if (where === undefined)
            return RESOLVED;
        return this.fail(new TarFormatError(`truncated tar: input ended at offset ${this.total} ${where}`));
    }
    /** The parser's state is unknown after an error, so every later call fails with the same one. */
    fail(err) {
        this.failure = { error: err };
        return Promise.reject(err);
    }
    /** The slow path, only once a visitor or sink returned a thenable. */
    async resume(chunk, pending) {
        try {
            for (;;) {
                const value = await pending;
                if (this.awaitingEntry) {
                    this.awaitingEntry = false;
                    this.begin(value);
                }
                const next = this.run(chunk, this.resumeAt);
                if (next === undefined)
                    return;
                pending = next;
            }
        }
        catch (err) {
            return this.fail(err);
        }
    }
    /** Handles the chunk from `pos` synchronously until done, or until a callback returns a thenable. */
    run(chunk, pos) {
        const len = chunk.length;
        const at = this.total - len; // the chunk's offset in the input
        for (;;) {
            if (this.sink && this.remaining === 0) {
                const sink = this.sink;
                this.sink = undefined;
                this.skip = this.pad;
                const r = sink.end();
                if (isThenable(r))
                    return this.pause(pos, r);
            }
            if (pos >= len || this.done)
                return undefined;
            if (this.skip > 0) {
                const n = Math.min(this.skip, len - pos);
                this.skip -= n;
                pos += n;
            }
            else if (this.sink) {
                const n = Math.min(this.remaining, len - pos);
                const r = this.sink.data(n === len ? chunk : chunk.subarray(pos, pos + n));
                pos += n;
                this.remaining -= n;
                if (isThenable(r))
                    return this.pause(pos, r);
            }
            else if (this.metaFlag) {
                pos = this.gatherMeta(chunk, pos);
            }
            else if (this.carryLen > 0 || len - pos < BLOCK) {
                const n = Math.min(BLOCK - this.carryLen, len - pos);
                chunk.copy(this.carry, this.carryLen, pos, pos + n);
                this.carryLen += n;
                pos += n;
                if (this.carryLen < BLOCK)
                    return undefined;
                this.carryLen = 0;
                const r = this.header(this.carry, 0, at + pos - BLOCK);
                if (r)
                    return this.pause(pos, r);
            }
            else {
                pos += BLOCK;
                const r = this.header(chunk, pos - BLOCK, at + pos - BLOCK);
                if (r)
                    return this.pause(pos, r);
            }
        }
    }
    pause(pos, r) {
        this.resumeAt = pos;
        return r;
    }
    gatherMeta(chunk, pos) {
        const n = Math.min(this.remaining, chunk.length - pos);
        this.remaining -= n;
        // Common case: the whole meta entry is in this chunk, so it is parsed in place.
        if (this.metaLen === 0 && this.remaining === 0) {
            this.applyMeta(chunk, pos, pos + n);
            return pos + n;
        }
        if (this.metaLen === 0)
            this.meta = Buffer.allocUnsafe(n + this.remaining);
        const meta = this.meta;
        chunk.copy(meta, this.metaLen, pos, pos + n);
        this.metaLen += n;
        if (this.remaining === 0)
            this.applyMeta(meta, 0, this.metaLen);
        return pos + n;
    }
    applyMeta(b, s, e) {
        const flag = this.metaFlag;
        if (flag === LONG_NAME)
            this.longName = tar_parser_str(b, s, e - s);
        else if (flag === LONG_LINK)
            this.longLink = tar_parser_str(b, s, e - s);
        else if (flag === PAX_GLOBAL)
            parsePax(b, s, e, this.global, true);
        else
            parsePax(b, s, e, (this.pax = {}), false);
        this.metaFlag = this.metaLen = 0;
        this.meta = undefined;
        this.skip = this.pad;
    }
    /** Parses the header block at `b[o]`; returns the visitor's thenable if it returned one. */
    header(b, o, offset) {
        // Sums without the checksum field, which counts as 8 spaces; `high` turns the sum into old tars' signed one.
        let sum = 0;
        let high = 0;
        for (let i = o; i < o + BLOCK; i++) {
            if (i === o + 148)
                i += 8;
            sum += b[i];
            high += b[i] >> 7;
        }
        // A zero block ends the archive (tar-stream also ignores the checksum field here); the rest is ignored.
        if (sum === 0) {
            this.done = true;
            return undefined;
        }
        sum += 8 * 0x20;
        const expected = numeric(b, o + 148, 8);
        if (expected !== sum && expected !== sum - 256 * high)
            throw new TarFormatError(`invalid tar header checksum at offset ${offset}`);
        const flag = b[o + 156];
        let size = numeric(b, o + 124, 12);
        const mode = numeric(b, o + 100, 8);
        if (Number.isNaN(size + mode))
            throw new TarFormatError(`invalid size or mode in tar header at offset ${offset}`);
        if (flag === PAX || flag === PAX_GLOBAL || flag === LONG_NAME || flag === LONG_LINK) {
            // Meta entries are held in memory, so hostile input must not make one arbitrarily large.
            if (size > this.maxMeta)
                throw new TarFormatError(`tar extended header of ${size} bytes at offset ${offset} exceeds ${this.maxMeta}`);
            this.metaFlag = flag;
            this.remaining = size;
            this.pad = paddingOf(size);
            if (size === 0)
                this.applyMeta(b, o, o);
            return undefined;
        }
        const pax = this.pax;
        const g = this.global;
        // Per-entry PAX wins over global PAX, which wins over GNU long names, which win over the header.
        let name = pax?.path ?? g.path;
        if (!name)
            name = this.longName;
        if (name === undefined) {
            name = tar_parser_str(b, o, 100);
            // ustar ("ustar\0"; GNU has "ustar "): a non-empty prefix holds the leading directories.
            const ustar = b[o + 257] === 0x75 && b[o + 258] === 0x73 && b[o + 259] === 0x74 && b[o + 260] === 0x61;
            if (ustar && b[o + 261] === 0x72 && b[o + 262] === 0 && b[o + 345] !== 0)
                name = `${tar_parser_str(b, o + 345, 155)}/${name}`;
        }
        let linkname = pax?.linkpath ?? g.linkpath;
        if (!linkname)
            linkname = this.longLink ?? tar_parser_str(b, o + 157, 100);
        const paxSize = pax?.size ?? g.size;
        if (paxSize) {
            size = /^\d+$/.test(paxSize) ? Number(paxSize) : NaN;
            if (!(size <= Number.MAX_SAFE_INTEGER))
                throw new TarFormatError(`invalid PAX size ${JSON.stringify(paxSize)} at offset ${offset}`);
        }
        this.pax = this.longName = this.longLink = undefined;
        let type = flag === 0 ? 'file' : (TYPES[flag - 0x30] ?? 'other');
        // Old (v7) tars have no directory type: a trailing slash marks one, as GNU tar reads it (tar-stream
        // means to, but computes the type before applying its check).
        if (type === 'file' && name.endsWith('/'))
            type = 'directory';
        this.remaining = size;
        this.pad = paddingOf(size);
        const r = this.visitor.entry({ name, linkname, size, mode, type });
        if (isThenable(r)) {
            this.awaitingEntry = true;
            return r;
        }
        this.begin(r);
        return undefined;
    }
    begin(sink) {
        if (sink)
            this.sink = sink;
        else {
            // Skipping is arithmetic only: the data and padding pass by uncopied.
            this.skip = this.remaining + this.pad;
            this.remaining = 0;
        }
    }
}

;// CONCATENATED MODULE: ./build/src/sbom/squash-view.js
/**
 * The squashed tree of an image's layers: kept files, every symlink and directory (small), each
 * stamped with the layer that wrote it, so whiteouts drop exactly what EARLIER layers put there.
 */

const MAX_LINK_HOPS = 16;
/** Splits a tar path into components; null when `..` would leave the root (a path-traversal entry). */
function normaliseTarPath(name) {
    const out = [];
    for (const c of name.split('/')) {
        if (c === '' || c === '.')
            continue;
        if (c === '..') {
            if (out.length === 0)
                return null;
            out.pop();
        }
        else
            out.push(c);
    }
    return out;
}
class View {
    root = { kind: 'dir', layer: -1, children: new Map() };
    spillRefs = new Map();
    get(parts) {
        let node = this.root;
        for (const p of parts) {
            if (node.kind !== 'dir')
                return undefined;
            const next = node.children.get(p);
            if (!next)
                return undefined;
            node = next;
        }
        return node;
    }
    /** Replaces whatever is at `parts` (a whole subtree included), as a later layer's entry does. */
    set(parts, node, layer) {
        const parent = this.parentDir(parts, layer);
        const name = parts[parts.length - 1];
        if (!parent || name === undefined)
            return;
        const old = parent.children.get(name);
        if (old)
            this.release(old);
        if (node) {
            if (node.kind === 'file' && node.spillPath)
                this.spillRefs.set(node.spillPath, (this.spillRefs.get(node.spillPath) ?? 0) + 1);
            parent.children.set(name, node);
        }
        else
            parent.children.delete(name);
    }
    /** A directory entry: keeps an existing directory's content, replaces a file or link. */
    dir(parts, layer) {
        if (this.get(parts)?.kind !== 'dir')
            this.set(parts, { kind: 'dir', layer, children: new Map() }, layer);
    }
    /** Whiteouts: drop what EARLIER layers put at `parts` (and, for a directory, below it). */
    removeOlder(parts, layer, keepSelf) {
        const node = this.get(parts);
        if (!node)
            return;
        if (node.kind === 'dir') {
            for (const name of [...node.children.keys()])
                this.removeOlder([...parts, name], layer, false);
            // A directory this layer also wrote (or still holding this layer's files) stays.
            if (keepSelf || node.children.size > 0 || node.layer >= layer)
                return;
        }
        else if (keepSelf || node.layer >= layer)
            return;
        this.set(parts, undefined, layer);
    }
    *walk(node = this.root, prefix = '') {
        for (const [name, child] of node.children) {
            const path = `${prefix}/${name}`;
            if (child.kind === 'dir')
                yield* this.walk(child, path);
            else
                yield [path, child];
        }
    }
    /** Follows symlinks component by component inside the image root (a chroot-style resolve). */
    resolve(parts) {
        const queue = [...parts];
        const done = [];
        let hops = 0;
        while (queue.length > 0) {
            const c = queue.shift();
            if (c === '' || c === '.')
                continue;
            if (c === '..') {
                done.pop();
                continue;
            }
            const node = this.get([...done, c]);
            if (node?.kind === 'symlink') {
                if (++hops > MAX_LINK_HOPS)
                    return 'loop';
                if (node.target.startsWith('/'))
                    done.length = 0;
                queue.unshift(...node.target.split('/'));
                continue;
            }
            done.push(c);
        }
        return { parts: done, node: this.get(done) };
    }
    parentDir(parts, layer) {
        let dir = this.root;
        for (const p of parts.slice(0, -1)) {
            let next = dir.children.get(p);
            if (next?.kind !== 'dir') {
                if (next)
                    this.release(next);
                next = { kind: 'dir', layer, children: new Map() };
                dir.children.set(p, next);
            }
            dir = next;
        }
        return dir;
    }
    release(node) {
        if (node.kind === 'dir')
            for (const child of node.children.values())
                this.release(child);
        else if (node.kind === 'file' && node.spillPath) {
            const left = (this.spillRefs.get(node.spillPath) ?? 1) - 1;
            if (left > 0)
                this.spillRefs.set(node.spillPath, left);
            else {
                this.spillRefs.delete(node.spillPath);
                void (0,promises_.rm)(node.spillPath, { force: true }).catch(() => undefined);
            }
        }
    }
}

;// CONCATENATED MODULE: ./build/src/sbom/layers.js
/**
 * Layers -> the squashed view of the files catalogers asked for. Each layer of one platform manifest
 * is streamed exactly once, in order, decompressed and untarred on the fly; only wanted files (and
 * the build info of Go executables) are kept, so memory stays bounded whatever the layer size.
 */









/** Every rootfs layer type of the OCI image spec (incl. the deprecated non-distributable ones) and Docker's. */
const LAYER_MEDIA_TYPES = [
    'application/vnd.oci.image.layer.v1.tar',
    'application/vnd.oci.image.layer.v1.tar+gzip',
    'application/vnd.oci.image.layer.v1.tar+zstd',
    'application/vnd.oci.image.layer.nondistributable.v1.tar',
    'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
    'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
    'application/vnd.docker.image.rootfs.diff.tar',
    'application/vnd.docker.image.rootfs.diff.tar.gzip',
    'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
];
const MAX_WARNINGS = 200;
const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/**
 * A symlink has no size or mode of its own worth showing a cataloger, so "is this path of interest"
 * is asked with an empty, non-executable file; the real decision is made with the target's size
 * and mode once the link is resolved.
 */
const PROBE_SIZE = 0;
const PROBE_MODE = 0o644;
const unsupported = (mediaType) => `unsupported layer media type ${mediaType} (not an OCI or Docker rootfs tar)`;
/**
 * Squashes local or remote layer streams (bottom first) into the wanted files. Layers are consumed
 * one after the other, each exactly once.
 */
async function squashStreams(layers, selection, opts = {}) {
    const memoryCap = opts.memoryCap ?? 8 * 1024 * 1024;
    const spillCap = opts.spillCap ?? 512 * 1024 * 1024;
    const view = new View();
    const pulled = new Set();
    const warnings = [];
    let dropped = 0;
    const warn = (m) => (warnings.length < MAX_WARNINGS ? warnings.push(m) : dropped++);
    let spillDir;
    let spillSeq = 0;
    /** The spill file being written, closed if its layer fails half-way. */
    let spilling;
    let bytes = 0;
    const cleanup = async () => {
        if (spillDir)
            await (0,promises_.rm)(spillDir, { recursive: true, force: true });
    };
    const wants = (parts, size, mode) => selection.wants(`/${parts.join('/')}`, size, mode);
    /**
     * A regular file: kept (in memory, or spilled to disk above the memory cap), scanned for Go build
     * info when executable, or passed by without a copy.
     */
    function fileEntry(h, parts, layer, what) {
        const { size, mode } = h;
        const key = parts.join('/');
        const wanted = wants(parts, size, mode);
        let keep = wanted || pulled.has(key);
        if (keep && size > spillCap) {
            warn(`${what}: /${key} is ${size} bytes, over the ${spillCap}-byte limit; skipped`);
            keep = false;
        }
        const scanner = (mode & 0o111) !== 0 ? new GoBuildInfoScanner() : undefined;
        if (!keep && !scanner) {
            view.set(parts, undefined, layer);
            return undefined;
        }
        const finish = (content, spillPath) => {
            const goBuildInfo = scanner?.result();
            if (!keep && !goBuildInfo)
                return view.set(parts, undefined, layer);
            const node = { kind: 'file', layer, size, mode, wanted: keep && wanted, goBuildInfo };
            if (content)
                node.content = content;
            if (spillPath)
                node.spillPath = spillPath;
            view.set(parts, node, layer);
        };
        if (!keep || size <= memoryCap) {
            const content = keep ? Buffer.allocUnsafe(size) : undefined;
            let at = 0;
            return {
                data(chunk) {
                    if (scanner && !scanner.done)
                        scanner.push(chunk);
                    if (content)
                        chunk.copy(content, at);
                    at += chunk.length;
                },
                end: () => finish(content),
            };
        }
        return (async () => {
            spillDir ??= await (0,promises_.mkdtemp)((0,external_node_path_.join)(opts.tmpDir ?? (0,external_node_os_.tmpdir)(), 'sigstamp-sbom-'));
            const spillPath = (0,external_node_path_.join)(spillDir, `${++spillSeq}`);
            const out = (0,external_node_fs_.createWriteStream)(spillPath);
            spilling = out;
            let outError;
            // Without a listener a full disk would crash the process instead of failing this run.
            out.on('error', (err) => (outError = err));
            const failed = () => new Error(`spilling /${key} to ${spillPath}: ${outError?.message}`);
            return {
                data(chunk) {
                    if (outError)
                        throw failed();
                    if (scanner && !scanner.done)
                        scanner.push(chunk);
                    // The chunk is a view into the decoder's output, which is never reused: no copy needed.
                    if (!out.write(chunk))
                        return waitDrain(out);
                },
                async end() {
                    await new Promise((res, rej) => out.end((err) => (err ? rej(err) : res())));
                    spilling = undefined;
                    if (outError)
                        throw failed();
                    finish(undefined, spillPath);
                },
            };
        })();
    }
    function hardLink(header, parts, layer, what) {
        const target = normaliseTarPath(header.linkname);
        const node = target ? view.get(target) : undefined;
        const key = parts.join('/');
        if (node?.kind !== 'file') {
            view.set(parts, undefined, layer);
            if (wants(parts, PROBE_SIZE, header.mode))
                warn(`${what}: hard link /${key} -> ${header.linkname}: target not in the image`);
            return;
        }
        const wanted = wants(parts, node.size, node.mode);
        const hasBytes = node.content !== undefined || node.spillPath !== undefined;
        if ((wanted || pulled.has(key)) && !hasBytes && node.size > 0)
            warn(`${what}: hard link /${key} -> /${target?.join('/')}: the target's content was not kept`);
        if (!wanted && !pulled.has(key) && !node.goBuildInfo)
            return view.set(parts, undefined, layer);
        view.set(parts, { ...node, layer, wanted }, layer);
    }
    function onEntry(h, layer, what) {
        const parts = normaliseTarPath(h.name);
        if (parts === null) {
            warn(`${what}: entry ${JSON.stringify(h.name)} escapes the root with '..'; ignored`);
            return undefined;
        }
        const name = parts[parts.length - 1];
        if (name === undefined)
            return undefined;
        if (name === OPAQUE) {
            view.removeOlder(parts.slice(0, -1), layer, true);
            return undefined;
        }
        if (name.startsWith(WHITEOUT)) {
            view.removeOlder([...parts.slice(0, -1), name.slice(WHITEOUT.length)], layer, false);
            return undefined;
        }
        switch (h.type) {
            case 'file':
            case 'contiguous-file':
                return fileEntry(h, parts, layer, what);
            case 'directory':
                view.dir(parts, layer);
                break;
            case 'symlink': {
                view.set(parts, { kind: 'symlink', layer, target: h.linkname }, layer);
                // Pull the target in if it is still to come: a file streamed past cannot be read again.
                if (wants(parts, PROBE_SIZE, PROBE_MODE)) {
                    const r = view.resolve(parts);
                    if (r !== 'loop' && r.node === undefined)
                        pulled.add(r.parts.join('/'));
                }
                break;
            }
            case 'link':
                hardLink(h, parts, layer, what);
                break;
            default:
                view.set(parts, undefined, layer);
        }
        return undefined;
    }
    async function squashLayer(layer, n) {
        const what = `layer ${layer.digest}`;
        if (!LAYER_MEDIA_TYPES.includes(layer.mediaType)) {
            if (layer.stream instanceof external_node_stream_.Readable)
                layer.stream.destroy();
            throw new Error(`${what}: ${unsupported(layer.mediaType)}`);
        }
        try {
            const decoded = await openTar(layer.stream, (b) => (bytes += b));
            const parser = new TarParser({ entry: (h) => onEntry(h, n, what) });
            try {
                // Leaving the loop early (a parse error) destroys the decoder and so the download.
                for await (const chunk of decoded)
                    await parser.write(chunk);
                await parser.end();
            }
            finally {
                spilling?.destroy();
                spilling = undefined;
            }
        }
        catch (err) {
            const msg = err instanceof Error ? err.message : String(err);
            throw new Error(`${what} (${layer.mediaType}): ${msg}`, { cause: err });
        }
    }
    let index = 0;
    try {
        for await (const layer of layers)
            await squashLayer(layer, index++);
    }
    catch (err) {
        // Also when opening the next blob failed: no spill file may outlive a failed run.
        await cleanup();
        throw err;
    }
    const files = [];
    for (const [path, node] of view.walk()) {
        if (node.kind === 'file') {
            if (!node.wanted && !node.goBuildInfo)
                continue;
            files.push({
                path,
                size: node.size,
                mode: node.mode,
                ...(node.wanted && node.content ? { content: node.content } : {}),
                ...(node.wanted && node.spillPath ? { spillPath: node.spillPath } : {}),
                ...(node.goBuildInfo ? { goBuildInfo: node.goBuildInfo } : {}),
            });
            continue;
        }
        const parts = path.slice(1).split('/');
        if (!wants(parts, PROBE_SIZE, PROBE_MODE))
            continue;
        const r = view.resolve(parts);
        if (r === 'loop') {
            warn(`symlink ${path} -> ${node.target}: loop or more than ${MAX_LINK_HOPS} links; skipped`);
            continue;
        }
        const t = r.node;
        // A link to a directory: the files below it are listed under their real paths.
        if (t?.kind === 'dir')
            continue;
        if (t?.kind !== 'file' || (t.content === undefined && t.spillPath === undefined)) {
            const why = t ? 'was not kept' : 'is not in the image, or was streamed past before the link';
            warn(`symlink ${path} -> ${node.target}: target /${r.parts.join('/')} ${why}`);
            continue;
        }
        // The link is one more name for the target's bytes; its Go build info stays with the real file,
        // so a binary is not reported twice.
        if (wants(parts, t.size, t.mode))
            files.push({
                path,
                size: t.size,
                mode: t.mode,
                content: t.content,
                spillPath: t.spillPath,
                linkTarget: `/${r.parts.join('/')}`,
            });
    }
    if (dropped > 0)
        warnings.push(`… and ${dropped} more warnings`);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, warnings, bytes, cleanup };
}
/** Streams the layers of ONE platform manifest from the registry and squashes them. */
async function squash(repo, manifest, selection, opts = {}) {
    // Refuse before downloading anything: a foreign layer type later on would waste the whole pull.
    for (const l of manifest.layers) {
        if (!LAYER_MEDIA_TYPES.includes(l.mediaType))
            throw new Error(`layer ${l.digest}: ${unsupported(l.mediaType)}`);
    }
    async function* open() {
        for (const d of manifest.layers)
            yield { digest: d.digest, mediaType: d.mediaType, stream: await repo.openBlob(d) };
    }
    return squashStreams(open(), selection, opts);
}

;// CONCATENATED MODULE: ./build/src/sbom/index.js




/**
 * A cataloger that reads only `ImageFile.goBuildInfo` (go-binary.ts): it must not be part of the
 * content selection, or every executable of the image would be buffered for nothing.
 */
function buildInfoOnly(c) {
    return c.buildInfoOnly === true;
}
function sortPackages(pkgs) {
    const key = (p) => `${p.type}\0${p.name}\0${p.version}\0${p.purl}\0${p.locations.join('\0')}`;
    return pkgs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
async function generateSboms(repo, platformManifest, image, catalogers, opts) {
    const started = Date.now();
    const contentCatalogers = catalogers.filter((c) => !buildInfoOnly(c));
    // os-release is always read: the distro goes into the purls and into both documents.
    const selection = {
        wants: (path, size, mode) => osReleaseSelection.wants(path, size, mode) || contentCatalogers.some((c) => c.wants(path, size, mode)),
    };
    const squashed = await squash(repo, platformManifest.manifest, selection, opts);
    const warnings = [...squashed.warnings];
    try {
        const distro = await identifyDistro(squashed.files);
        const packages = [];
        for (const c of catalogers) {
            const only = buildInfoOnly(c);
            const files = squashed.files.filter((f) => (only ? f.goBuildInfo !== undefined : true) && c.wants(f.path, f.size, f.mode));
            if (files.length === 0)
                continue;
            const found = await c.catalog(files, { distro, warn: (m) => warnings.push(`${c.name}: ${m}`) });
            packages.push(...found);
        }
        sortPackages(packages);
        // The SBOM describes the manifest whose layers were read: for a multi-arch image, the platform's.
        const subject = {
            ...image,
            digest: platformManifest.descriptor.digest,
            arch: image.arch ?? platformManifest.descriptor.platform?.architecture,
        };
        return {
            packages,
            ...(distro ? { distro } : {}),
            spdx: toSpdx(packages, distro, subject, opts),
            cyclonedx: toCycloneDx(packages, distro, subject, opts),
            warnings,
            stats: { bytes: squashed.bytes, ms: Date.now() - started },
        };
    }
    finally {
        await squashed.cleanup();
    }
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Which SBOM format a parsed JSON document is, by the fields each format requires. */
function detectSbomFormat(json) {
    if (!isObject(json))
        return undefined;
    if (typeof json.spdxVersion === 'string' && json.spdxVersion.startsWith('SPDX-'))
        return 'spdx';
    if (json.bomFormat === 'CycloneDX')
        return 'cyclonedx';
    return undefined;
}
/**
 * Checks a bring-your-own SBOM before it is attested: the format must be recognisable and carry what
 * the predicate types need (SPDX 2.x's required document fields; CycloneDX's serialNumber, which the
 * `https://cyclonedx.org/bom` predicate requires). Throws an error naming every missing field.
 */
function validateUserSbom(json) {
    if (!isObject(json))
        throw new Error('the SBOM file is not a JSON object');
    if (json['@context'] !== undefined && json.spdxVersion === undefined)
        throw new Error('the SBOM file looks like SPDX 3 (JSON-LD); only SPDX 2.x JSON is supported');
    const format = detectSbomFormat(json);
    if (format === 'spdx') {
        const version = json.spdxVersion;
        if (!/^SPDX-2\.\d+$/.test(version))
            throw new Error(`the SPDX SBOM has spdxVersion ${JSON.stringify(version)}; only SPDX-2.x is supported`);
        // SPDX 2.3 JSON schema, top-level "required", and creationInfo's "created"/"creators".
        const missing = ['SPDXID', 'dataLicense', 'name', 'documentNamespace', 'creationInfo'].filter((k) => json[k] === undefined || json[k] === '');
        const ci = json.creationInfo;
        if (isObject(ci)) {
            if (typeof ci.created !== 'string')
                missing.push('creationInfo.created');
            if (!Array.isArray(ci.creators) || ci.creators.length === 0)
                missing.push('creationInfo.creators');
        }
        if (missing.length)
            throw new Error(`the SPDX SBOM (${version}) lacks required field(s): ${missing.join(', ')}`);
        return { format, version };
    }
    if (format === 'cyclonedx') {
        const missing = [];
        if (typeof json.specVersion !== 'string' || !json.specVersion)
            missing.push('specVersion');
        if (typeof json.serialNumber !== 'string' || !json.serialNumber)
            missing.push('serialNumber');
        if (missing.length)
            throw new Error(`the CycloneDX SBOM lacks required field(s): ${missing.join(', ')}` +
                (missing.includes('serialNumber')
                    ? ' (the https://cyclonedx.org/bom attestation needs a serialNumber)'
                    : ''));
        // bom-1.6.schema.json's serialNumber pattern, exactly.
        if (!/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(json.serialNumber))
            throw new Error(`the CycloneDX SBOM's serialNumber ${JSON.stringify(json.serialNumber)} is not a urn:uuid`);
        return { format, version: json.specVersion };
    }
    throw new Error('the SBOM file is neither SPDX 2.x JSON (no "spdxVersion") nor CycloneDX JSON (no "bomFormat": "CycloneDX")');
}

;// CONCATENATED MODULE: ./build/src/sbom/for-run.js







/**
 * Step 2 of the pipeline: the SBOM predicates of this run — generated from the image's layers (one
 * per platform of an index), or the user's own file — written to output-dir. All of it happens
 * before the certificate's 10-minute window opens.
 */
const SPDX_PREDICATE = 'https://spdx.dev/Document';
const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
/** Generated predicates stay well under Kyverno's 10 MB bundle limit once base64 and the envelope are added. */
const MAX_SBOM_BYTES = 7 * 1024 * 1024;
function platformLabel(d) {
    const p = d.platform;
    return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('-') : 'image';
}
async function sbomsForRun(repo, subject, opts, logger) {
    const run = { predicates: [], files: { spdx: [], cyclonedx: [] }, packages: 0, warnings: [] };
    if (opts.sbomPath)
        return userSbom(opts, subject, run);
    if (opts.sbom.length === 0)
        return run;
    await (0,promises_.mkdir)(opts.outputDir, { recursive: true });
    const isIndex = subject.platforms.length > 0;
    const manifests = isIndex ? subject.platforms : [subject.descriptor];
    const name = `${opts.image.registry}/${opts.image.repository}`;
    for (const platform of manifests) {
        const { manifest } = await repo.getManifest(platform.digest);
        const sboms = await generateSboms(repo, { descriptor: platform, manifest: manifest }, {
            name,
            registry: opts.image.registry,
            repository: opts.image.repository,
            digest: platform.digest,
            ...(opts.tags[0]?.tag ? { tag: opts.tags[0].tag } : {}),
        }, [...osCatalogers(), ...languageCatalogers()], { toolVersion: version/* VERSION */.x });
        run.packages += sboms.packages.length;
        run.warnings.push(...sboms.warnings);
        logger.info(`SBOM of ${platformLabel(platform)}: ${sboms.packages.length} packages from ${(sboms.stats.bytes / 1e6).toFixed(1)} MB of layers in ${sboms.stats.ms} ms`);
        const subjects = isIndex ? [platform, subject.descriptor] : [platform];
        const targets = isIndex ? [subject.descriptor, platform] : [platform];
        for (const [format, type, doc] of [
            ['spdx', SPDX_PREDICATE, sboms.spdx],
            ['cyclonedx', CYCLONEDX_PREDICATE, sboms.cyclonedx],
        ]) {
            if (!opts.sbom.includes(format))
                continue;
            const text = JSON.stringify(doc);
            if (text.length > MAX_SBOM_BYTES) {
                throw new Error(`the ${format} SBOM of ${platformLabel(platform)} is ${text.length} bytes, over the ${MAX_SBOM_BYTES}-byte limit that keeps its bundle under Kyverno's 10 MB`);
            }
            const path = (0,external_node_path_.join)(opts.outputDir, `sbom-${platformLabel(platform)}.${format === 'spdx' ? 'spdx' : 'cdx'}.json`);
            await (0,promises_.writeFile)(path, text);
            run.files[format].push(path);
            run.predicates.push({ type, content: doc, subjects, targets });
        }
    }
    for (const w of run.warnings.slice(0, 20))
        logger.debug(`sbom: ${w}`);
    return run;
}
async function userSbom(opts, subject, run) {
    let json;
    try {
        json = JSON.parse(await (0,promises_.readFile)(opts.sbomPath, 'utf8'));
    }
    catch (err) {
        throw new options/* OptionsError */.ZW(`input sbom-path: cannot read ${opts.sbomPath} as JSON (${err.message})`);
    }
    let format;
    try {
        format = validateUserSbom(json).format;
    }
    catch (err) {
        throw new options/* OptionsError */.ZW(`input sbom-path: ${opts.sbomPath}: ${err.message}`);
    }
    run.files[format].push(opts.sbomPath);
    const targets = [subject.descriptor];
    run.predicates.push({
        type: format === 'spdx' ? SPDX_PREDICATE : CYCLONEDX_PREDICATE,
        content: json,
        subjects: targets,
        targets,
    });
    return run;
}


/***/ })

};
