import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ghAttestationCommand } from '../../src/policy/commands.js';
import type { CustomSigstore, PolicyInput } from '../../src/policy/consumers.js';
import { identityPolicy } from '../../src/policy/identity.js';
import { findTool } from '../support/tools.js';

// The `--custom-trusted-root` part of the gh command for a private Sigstore. gh v2.83.0 reads the
// file as JSON Lines and, for a root that lists a Rekor log, demands a Rekor entry with no flag to
// waive it (verification/sigstore.go newCustomVerifier); test/conformance/gh-attestation.test.ts
// runs both forms with the real gh.

const GH = 'https://github.com';
const RELEASE = `${GH}/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;

const sigstore = (over: Partial<CustomSigstore> = {}): CustomSigstore => ({
  kind: 'custom',
  fulcioUrl: 'https://fulcio.internal.example/',
  rekorUrl: 'https://rekor.internal.example',
  tsaUrl: 'https://tsa.internal.example/api/v1/timestamp',
  fulcioChainPem: '',
  ctlog: false,
  ...over,
});

const input = (s: CustomSigstore): PolicyInput => ({
  policy: identityPolicy({
    san: RELEASE,
    issuer: 'https://token.actions.githubusercontent.com',
    buildConfigUri: RELEASE,
    sourceRepositoryUri: `${GH}/acme/app`,
  }),
  image: { registry: 'ghcr.io', repository: 'acme/app' },
  digest: DIGEST,
  predicateTypes: ['https://slsa.dev/provenance/v1'],
  storage: 'both',
  sigstore: s,
});

const ROOT = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [{ baseUrl: 'https://rekor.internal.example', logId: { keyId: 'AA==' } }],
  certificateAuthorities: [{ uri: 'https://fulcio.internal.example' }],
  ctlogs: [],
  timestampAuthorities: [{ uri: 'https://tsa.internal.example' }],
};

describe('gh attestation verify --custom-trusted-root', () => {
  it('with Rekor: a compact copy of the trusted root as is', () => {
    const c = ghAttestationCommand(input(sigstore()))!;
    expect(c).toMatch(/^jq -c \. trusted_root\.json > trusted_root\.jsonl && gh attestation verify /);
  });

  it('TSA-only: the copy leaves out the Rekor logs (cosign: --insecure-ignore-tlog); the gh arguments are the same', () => {
    const withRekor = ghAttestationCommand(input(sigstore()))!;
    const tsaOnly = ghAttestationCommand(input(sigstore({ rekorUrl: undefined })))!;
    expect(tsaOnly).toMatch(
      /^jq -c 'del\(\.tlogs\)' trusted_root\.json > trusted_root\.jsonl && gh attestation verify /,
    );
    const gh = (c: string): string => c.slice(c.indexOf(' && gh ') + 4);
    expect(gh(tsaOnly)).toBe(gh(withRekor));
  });

  it.skipIf(!findTool('jq'))(
    'the jq part, run by a shell, writes one JSON line without tlogs and everything else intact',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sigstamp-gh-jq-'));
      const path = join(dir, 'my root.json');
      writeFileSync(path, JSON.stringify(ROOT, null, 2));
      for (const rekorUrl of [undefined, 'https://rekor.internal.example']) {
        const c = ghAttestationCommand(input(sigstore({ rekorUrl, trustedRootPath: path })))!;
        const jq = c.slice(0, c.indexOf(' && gh '));
        execFileSync('sh', ['-c', jq], { cwd: dir });
        const text = readFileSync(join(dir, 'my root.jsonl'), 'utf8');
        // gh reads up to each '\n': the last line must end with one, and there is one line.
        expect(text.endsWith('\n')).toBe(true);
        expect(text.trimEnd().split('\n')).toHaveLength(1);
        const { tlogs, ...rest } = ROOT;
        expect(JSON.parse(text)).toEqual(rekorUrl ? ROOT : rest);
        expect(tlogs).toHaveLength(1);
      }
    },
  );
});
