/**
 * Go build information, read from the bytes a stream hands us (no random access to the binary): a bounded
 * streaming detector for the build-info blob and parsers for the blob and its module text, following Go's own
 * debug/buildinfo/buildinfo.go (readRawBuildInfo, decodeString) and runtime/debug/mod.go (ParseBuildInfo).
 */

/** The 14-byte magic the linker writes at the start of the `go:buildinfo` symbol (cmd/link data.go buildinfo). */
export const GO_BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** Most bytes kept from the magic on. */
export const GO_BUILDINFO_MAX = 1024 * 1024;
const HEADER_SIZE = 32;
const MAX_VARINT = 10;
// A Go version string is a few dozen bytes ("go1.26.8 X:nocoverageredesign"); a longer one means we matched the
// magic somewhere that is not the build-info blob (e.g. the literal in a binary that imports debug/buildinfo).
const MAX_VERSION_LEN = 1024;
const EMPTY = Buffer.alloc(0);

function uvarint(b: Buffer, off: number): { value: number; n: number } | undefined {
  let value = 0;
  for (let i = 0; i < MAX_VARINT && off + i < b.length; i++) {
    const byte = b[off + i] as number;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, n: i + 1 };
  }
  return undefined;
}

/**
 * Whether a 32-byte header is plausible: pointer size 4 or 8, flags using only the endian and inline bits, and
 * for the inline (Go 1.18+) format the 16 bytes after the flags zero, as cmd/link writes them.
 */
function headerValid(b: Buffer): boolean {
  const ptr = b[14];
  const flags = b[15] as number;
  if ((ptr !== 4 && ptr !== 8) || flags > 3) return false;
  if ((flags & 2) === 0) return true;
  for (let i = 16; i < HEADER_SIZE; i++) if (b[i] !== 0) return false;
  return true;
}

/** Given the bytes captured so far (at least `HEADER_SIZE`), how many the blob needs, or whether it is bogus. */
function needed(b: Buffer, max: number): number | 'invalid' {
  if (!headerValid(b)) return 'invalid';
  // Pre-1.18 pointer format: the strings live elsewhere in the binary; keep the header only.
  if (((b[15] as number) & 2) === 0) return HEADER_SIZE;
  const v = uvarint(b, HEADER_SIZE);
  if (!v) return b.length >= HEADER_SIZE + MAX_VARINT ? 'invalid' : Math.min(max, HEADER_SIZE + MAX_VARINT);
  if (v.value > MAX_VERSION_LEN) return 'invalid';
  const modAt = HEADER_SIZE + v.n + v.value;
  const m = uvarint(b, modAt);
  if (!m) return b.length >= modAt + MAX_VARINT ? 'invalid' : Math.min(max, modAt + MAX_VARINT);
  return Math.min(max, modAt + m.n + m.value);
}

/**
 * Finds the build-info blob in a byte stream pushed chunk by chunk: keeps only the last 13 bytes between
 * chunks while searching (so a magic split across chunks is found) and at most `max` bytes from the magic on.
 * A match whose header is not a real build-info header is dropped and the search goes on after it.
 */
export class GoBuildInfoScanner {
  private tail: Buffer = EMPTY;
  private parts: Buffer[] = [];
  private have = 0;
  /** Bytes wanted from the magic on; 0 while searching. */
  private target = 0;
  private found: Buffer | undefined;

  constructor(private readonly max = GO_BUILDINFO_MAX) {}

  push(chunk: Buffer): void {
    let data: Buffer | undefined = chunk;
    while (data !== undefined && data.length > 0 && this.found === undefined) {
      data = this.target === 0 ? this.search(data) : this.capture(data);
    }
  }

  /** The blob from the magic on, once found (a partial one if the stream ended inside it), else undefined. */
  result(): Buffer | undefined {
    if (this.found) return this.found;
    if (this.target === 0 || this.have < HEADER_SIZE) return undefined;
    const partial = Buffer.concat(this.parts);
    return headerValid(partial) ? partial : undefined;
  }

  /** Whether the blob is complete, so the caller may stop feeding the rest of the file. */
  get done(): boolean {
    return this.found !== undefined;
  }

  private search(data: Buffer): Buffer | undefined {
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

  private capture(data: Buffer): Buffer | undefined {
    const take = Math.min(data.length, this.target - this.have);
    // Copy: the caller may reuse its chunk buffers.
    this.parts.push(Buffer.from(data.subarray(0, take)));
    this.have += take;
    const rest = data.subarray(take);
    if (this.have < this.target) return undefined;
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
export function findGoBuildInfo(content: Buffer): Buffer | undefined {
  const s = new GoBuildInfoScanner();
  s.push(content);
  return s.result();
}

/** readRawBuildInfo for the inline format: the Go version and the module text, sentinels stripped. */
export function parseBuildInfoBlob(blob: Buffer): { goVersion: string; modinfo: string } {
  if (blob.length < HEADER_SIZE || !blob.subarray(0, 14).equals(GO_BUILDINFO_MAGIC))
    throw new Error('not a Go executable');
  if (((blob[15] as number) & 2) === 0)
    throw new Error('build info in the pre-Go 1.18 pointer format is not supported');
  const str = (off: number): [Buffer, number] => {
    const v = uvarint(blob, off);
    if (!v || off + v.n + v.value > blob.length)
      throw new Error('not a Go executable (truncated build info)');
    return [blob.subarray(off + v.n, off + v.n + v.value), off + v.n + v.value];
  };
  const [vers, next] = str(HEADER_SIZE);
  let [mod] = str(next);
  if (vers.length === 0) throw new Error('not a Go executable');
  // cmd/go/internal/modload infoStart/infoEnd: 16-byte sentinels around the module text.
  mod = mod.length >= 33 && mod[mod.length - 17] === 0x0a ? mod.subarray(16, mod.length - 16) : EMPTY;
  return { goVersion: vers.toString('utf8'), modinfo: mod.toString('utf8') };
}

export interface GoModule {
  path: string;
  version: string;
  sum: string;
  replace?: GoModule;
}

export interface GoBuildInfo {
  goVersion: string;
  path: string;
  main: GoModule;
  deps: GoModule[];
  settings: [string, string][];
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/** strconv.Unquote for the double-quoted and back-quoted forms that BuildInfo.String writes. */
export function goUnquote(s: string): string {
  if (s.length >= 2 && s.startsWith('`') && s.endsWith('`') && !s.slice(1, -1).includes('`'))
    return s.slice(1, -1).replaceAll('\r', '');
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) throw new Error('invalid quoted string');
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  for (let i = 0; i < body.length;) {
    const c = body[i] as string;
    if (c === '"' || c === '\n') throw new Error('invalid quoted string');
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
      continue;
    }
    const e = body[i + 1] ?? '';
    const hex = (n: number): number => {
      const h = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new Error('invalid escape');
      return parseInt(h, 16);
    };
    if (e in ESCAPES) {
      bytes.push(ESCAPES[e] as number);
      i += 2;
    } else if (e === 'x') {
      bytes.push(hex(2));
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      bytes.push(...Buffer.from(String.fromCodePoint(hex(n)), 'utf8'));
      i += 2 + n;
    } else if (/^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      const v = parseInt(body.slice(i + 1, i + 4), 8);
      if (v > 255) throw new Error('invalid escape');
      bytes.push(v);
      i += 4;
    } else throw new Error('invalid escape');
  }
  return Buffer.from(bytes).toString('utf8');
}

/** runtime/debug ParseBuildInfo, line by line; its errors are ours (syft then skips the binary). */
export function parseModInfo(data: string, goVersion = ''): GoBuildInfo {
  const bi: GoBuildInfo = {
    goVersion,
    path: '',
    main: { path: '', version: '', sum: '' },
    deps: [],
    settings: [],
  };
  let last: GoModule | undefined;
  const lines = data.split('\n');
  lines.pop(); // text after the last newline is ignored (strings.Cut loop)
  lines.forEach((line, n) => {
    const fail = (msg: string): never => {
      throw new Error(`could not parse Go build info: line ${n + 1}: ${msg}`);
    };
    const mod = (cols: string[]): GoModule => {
      if (cols.length !== 2 && cols.length !== 3) fail(`expected 2 or 3 columns; got ${cols.length}`);
      return { path: cols[0] as string, version: cols[1] as string, sum: cols[2] ?? '' };
    };
    if (line.startsWith('path\t')) bi.path = line.slice(5);
    else if (line.startsWith('mod\t')) last = bi.main = mod(line.slice(4).split('\t'));
    else if (line.startsWith('dep\t')) bi.deps.push((last = mod(line.slice(4).split('\t'))));
    else if (line.startsWith('=>\t')) {
      const cols = line.slice(3).split('\t');
      if (cols.length !== 3) fail(`expected 3 columns for replacement; got ${cols.length}`);
      if (!last) fail('replacement with no module on previous line');
      (last as GoModule).replace = {
        path: cols[0] as string,
        version: cols[1] as string,
        sum: cols[2] as string,
      };
      last = undefined;
    } else if (line.startsWith('build\t')) bi.settings.push(buildSetting(line.slice(6), fail));
  });
  return bi;
}

function buildSetting(kv: string, fail: (m: string) => never): [string, string] {
  if (kv.length < 1) fail("build line missing '='");
  let key: string;
  let raw: string;
  if (kv[0] === '=') fail('build line with missing key');
  if (kv[0] === '`' || kv[0] === '"') {
    const end = kv[0] === '`' ? kv.indexOf('`', 1) : /^"(?:[^"\\\n]|\\.)*"/.exec(kv)?.[0].length;
    const len = kv[0] === '`' ? (end as number) + 1 : end;
    if (len === undefined || len <= 0) return fail('invalid quoted key in build line');
    if (kv.length === len) fail("build line missing '=' after quoted key");
    if (kv[len] !== '=') fail(`unexpected character after quoted key: ${kv[len]}`);
    key = goUnquote(kv.slice(0, len));
    raw = kv.slice(len + 1);
  } else {
    const eq = kv.indexOf('=');
    if (eq < 0) fail("build line missing '=' after key");
    key = kv.slice(0, eq);
    raw = kv.slice(eq + 1);
    if (key === '' || /[= \t\r\n"`]/.test(key)) fail(`unquoted key ${JSON.stringify(key)} must be quoted`);
  }
  if (raw.startsWith('`') || raw.startsWith('"')) {
    try {
      return [key, goUnquote(raw)];
    } catch {
      return fail('invalid quoted value in build line');
    }
  }
  if (/[ \t\r\n"`]/.test(raw)) fail(`unquoted value ${JSON.stringify(raw)} must be quoted`);
  return [key, raw];
}
