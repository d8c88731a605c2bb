// Docker credential-helper client: runs `docker-credential-<name> get` the way
// github.com/docker/docker-credential-helpers/client does (server URL on stdin, JSON on stdout).
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { CredentialError, type Credential } from './credential.js';

export interface HelperRequest {
  /** The suffix after `docker-credential-`, as written in credHelpers / credsStore. */
  helper: string;
  /** What the helper is asked for: docker CLI sends `https://index.docker.io/v1/` for Docker Hub. */
  serverUrl: string;
  /** The registry being resolved, for messages. */
  registry: string;
  /** Where the helper was configured, e.g. `credHelpers in /home/u/.docker/config.json`. */
  configuredIn: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

// The helper library's standard "not logged in" reply (credentials/error.go). Upstream compares the
// trimmed stdout for equality; we match a substring case-insensitively because some helpers that do
// not use that library word it slightly differently or print it on stderr.
const NOT_FOUND = /credentials not found/i;
const TOKEN_USERNAME = '<token>';
const DIAGNOSTIC_MAX = 200;

/** Collapses a helper's output to one line of at most 200 chars, for an error message. */
function diagnostic(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DIAGNOSTIC_MAX ? `${line.slice(0, DIAGNOSTIC_MAX)}…` : line;
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // Relative PATH entries would resolve against the cwd (often an untrusted checkout); Go's
    // exec.LookPath, which docker uses, refuses those too (ErrDot).
    if (!dir || !isAbsolute(dir)) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        await access(candidate, fsConstants.X_OK);
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined;
}

/** Asks a credential helper for `serverUrl`; undefined when the helper has no credential for it. */
export async function getFromHelper(req: HelperRequest): Promise<Credential | undefined> {
  const program = `docker-credential-${req.helper}`;
  const what = `credential helper ${program} (${req.configuredIn}) for ${req.registry}`;
  // The name comes from a config file; a path separator would let it escape the PATH lookup.
  if (!req.helper || /[/\\]/.test(req.helper)) {
    throw new CredentialError(`${what}: invalid helper name; fix the entry in ${req.configuredIn}.`);
  }
  const bin = await findOnPath(program, req.env);
  if (!bin) {
    throw new CredentialError(
      `${what} is not installed: no executable ${program} on PATH. Install it, or remove the entry (${req.configuredIn}).`,
    );
  }

  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      // shell: false and nothing secret in argv: the server URL travels on stdin, as upstream does.
      const child = spawn(bin, ['get'], { shell: false, env: req.env, stdio: 'pipe', windowsHide: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        // A shell-script helper's own children can keep the pipes open after the kill; do not wait for them.
        child.stdout.destroy();
        child.stderr.destroy();
        settle(() =>
          reject(
            new CredentialError(
              `${what} did not answer within ${req.timeoutMs} ms. Check that it is not waiting for ` +
                'interactive input (a locked keychain, a GPG passphrase prompt) and that it works from a shell.',
            ),
          ),
        );
      }, req.timeoutMs);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      // A helper may exit before reading stdin (EPIPE); its exit status says what happened.
      child.stdin.on('error', () => {});
      child.on('error', (e) =>
        settle(() =>
          reject(
            new CredentialError(`${what} could not be started (${e.message}). Check that it is installed.`),
          ),
        ),
      );
      child.on('close', (exitCode) =>
        settle(() =>
          resolve({
            code: exitCode,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          }),
        ),
      );
      // Upstream writes the URL without a newline; helpers trim it either way.
      child.stdin.end(req.serverUrl);
    },
  );

  if (code !== 0) {
    if (NOT_FOUND.test(stdout) || NOT_FOUND.test(stderr)) return undefined;
    // Helpers built on docker-credential-helpers print their error on stdout, others on stderr. Never
    // echo stdout that parses as JSON: that would be a credential.
    const said = stderr.trim() ? stderr : looksLikeJson(stdout.trim()) ? '' : stdout;
    const detail = diagnostic(said);
    throw new CredentialError(
      `${what} failed (${code === null ? 'killed by a signal' : `exit code ${code}`})` +
        `${detail ? `: ${detail}` : ''}. Check the helper's configuration and that it is logged in to ${req.registry}.`,
    );
  }

  let reply: unknown;
  try {
    reply = JSON.parse(stdout);
  } catch {
    reply = undefined;
  }
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    // Do not quote stdout: a half-broken helper may still have printed the secret.
    throw new CredentialError(
      `${what} returned output that is not a JSON credential. Check the helper's version.`,
    );
  }
  const { Username, Secret } = reply as { Username?: unknown; Secret?: unknown };
  if (Username !== undefined && typeof Username !== 'string') {
    throw new CredentialError(`${what} returned a non-string Username. Check the helper's version.`);
  }
  if (Secret !== undefined && typeof Secret !== 'string') {
    throw new CredentialError(`${what} returned a non-string Secret. Check the helper's version.`);
  }
  // An empty secret is how some helpers say "nothing stored" with exit 0; containers/image treats an
  // empty reply as no credential too.
  if (!Secret) return undefined;
  if (Username === TOKEN_USERNAME) return { identityToken: Secret, source: program };
  return { username: Username ?? '', password: Secret, source: program };
}
