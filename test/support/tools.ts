// Locating the external tools the integration tests drive (registries, skopeo, umoci, oras, …).
// .ci/install-tools puts the pinned Go tools in one cache dir; apt tools live on PATH.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache .ci/install-tools fills; SIGSTAMP_CACHE overrides it just as it does for the installer. */
export function toolCacheDir(): string {
  return process.env.SIGSTAMP_CACHE ?? join(homedir(), '.cache', 'sigstamp');
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Absolute path of `name`: the pinned cache copy first (so a different version elsewhere on PATH
 * never silently changes what the tests exercise), then PATH.
 */
export function findTool(name: string): string | undefined {
  const cached = join(toolCacheDir(), 'bin', name);
  if (isExecutableFile(cached)) return cached;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Like findTool but throws: for support code that is only reached after a toolGate passed. */
export function toolPath(name: string): string {
  const path = findTool(name);
  if (!path) throw new Error(`tool ${name} not found — run bash .ci/install-tools`);
  return path;
}

/** A file install-tools copied next to a Go tool's binary (TOOL_DATA in .ci/tools.env). */
export function toolData(tool: string, file: string): string {
  const path = join(dirname(realpathSync(toolPath(tool))), file);
  if (!existsSync(path)) throw new Error(`${path} not found — run bash .ci/install-tools`);
  return path;
}

export function requireTools(...names: string[]): { ok: boolean; missing: string[] } {
  const missing = names.filter((n) => findTool(n) === undefined);
  return { ok: missing.length === 0, missing };
}

/** Name of the test file that called toolGate, for the skip message (no suite name is passed in). */
function callerFile(): string {
  const self = fileURLToPath(import.meta.url);
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(line.trim());
    if (!m?.[1]) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file !== self) return basename(file);
  }
  return 'suite';
}

/**
 * For `describe.skipIf(!toolGate('olareg'))`. In CI a missing tool is a broken environment, and a
 * skipped suite would look green, so it throws; locally it skips, but loudly, so nobody mistakes
 * a skip for a pass.
 */
export function toolGate(...names: string[]): boolean {
  const { ok, missing } = requireTools(...names);
  if (ok) return true;
  const what = `tool${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found`;
  if (process.env.CI === 'true') {
    throw new Error(
      `${callerFile()}: ${what} in CI — run bash .ci/install-tools (a missing tool is a failure)`,
    );
  }
  process.stderr.write(`\n*** SKIPPING ${callerFile()}: ${what} — run bash .ci/install-tools ***\n\n`);
  return false;
}
