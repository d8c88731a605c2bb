import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleFromJSON } from '@sigstore/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import { buildImage, pushImage } from '../support/image.js';
import { REAL_SIGSTORE_TOOLS, startRealSigstore, type RealSigstore } from '../support/real-sigstore/index.js';
import { startOlareg, type TestRegistry } from '../support/registry.js';
import {
  DEFAULT_REPO,
  FULCIO_OID,
  defaultClaims,
  githubIdentity,
  leafCertificate,
} from '../support/sigstore/index.js';
import { toolGate } from '../support/tools.js';
import { cosign22Verify, cosignVerify, runTool, type Identity } from '../support/verifiers.js';
import { x509 } from '../support/x509.js';

// sigstamp against a private Sigstore of the real services (Fulcio, Rekor on Trillian, the
// timestamp authority), what air-gapped and GitHub Enterprise Server users run: the certificate
// real Fulcio issues from our token, the trusted root written from the services, and signing with
// a timestamp authority only. (The whole pipeline against this stack, with every verifier, is in
// sign.test.ts; Kyverno with `roots` and `rekor.pubkey` from it in policy.test.ts.)

const execFileAsync = promisify(execFile);
const SLSA = 'https://slsa.dev/provenance/v1';
const SPDX = 'https://spdx.dev/Document';
const CDX = 'https://cyclonedx.org/bom';

/** A Fulcio extension value: raw bytes for .1.1–.1.6, a DER UTF8String from .1.8 on. */
function extension(cert: x509.X509Certificate, n: number): string | undefined {
  const ext = cert.getExtension(FULCIO_OID(n));
  if (!ext) return undefined;
  const v = Buffer.from(ext.value);
  if (n <= 6) return v.toString('utf8');
  expect(v[0], `extension .1.${n} is a UTF8String`).toBe(0x0c);
  const long = (v[1] ?? 0) & 0x80 ? (v[1] ?? 0) & 0x7f : 0;
  const length = long ? v.subarray(2, 2 + long).readUIntBE(0, long) : (v[1] ?? 0);
  return v.subarray(2 + long, 2 + long + length).toString('utf8');
}

describe.skipIf(!toolGate('olareg', 'skopeo', 'umoci', 'cosign3', 'cosign22', ...REAL_SIGSTORE_TOOLS))(
  'a private Sigstore of the real services',
  () => {
    let registry: TestRegistry;
    let sigstore: RealSigstore;
    let ref: string;
    let digest: string;
    let run: ActionRun;
    let id: Identity;

    beforeAll(async () => {
      [registry, sigstore] = await Promise.all([startOlareg(), startRealSigstore()]);
      ref = `${registry.host}/${DEFAULT_REPO}`;
      digest = await pushImage(await buildImage([{ '/etc/app.conf': 'private\n' }]), `${ref}:v1.2.3`);
      run = await runAction(
        {
          image: ref,
          digest,
          sigstore: 'custom',
          'fulcio-url': sigstore.fulcioUrl,
          'rekor-url': sigstore.rekorUrl,
          'tsa-url': sigstore.tsaUrl!,
          'trusted-root': sigstore.trustedRootPath,
        },
        { sigstore },
      );
      id = { regexp: run.outputs['subject-regex'] ?? '', issuer: sigstore.issuer };
    }, 300_000);
    afterAll(async () => {
      await Promise.all([registry?.stop(), sigstore?.stop()]);
    });

    it('real Fulcio issues the certificate with the GitHub extensions derived from the token', async () => {
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const bundle = bundleFromJSON(
        JSON.parse(await readFile(run.outputs['bundle-paths']!.split('\n')[0]!, 'utf8')),
      );
      const cert = leafCertificate(bundle);
      const claims = defaultClaims(sigstore.issuer);
      const base = `https://github.com/${DEFAULT_REPO}`;
      const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
      expect(san?.names.items.map((n) => [n.type, n.value])).toEqual([
        ['url', `https://github.com/${claims.job_workflow_ref}`],
      ]);
      // The values spelled out: Fulcio's production templates applied to the token's claims.
      const expected: Record<number, string> = {
        1: sigstore.issuer,
        2: 'push',
        3: claims.sha,
        4: 'Release',
        5: DEFAULT_REPO,
        6: 'refs/tags/v1.2.3',
        8: sigstore.issuer,
        9: `https://github.com/${DEFAULT_REPO}/.github/workflows/release.yml@refs/tags/v1.2.3`, // Build Signer URI
        10: claims.job_workflow_sha,
        11: 'github-hosted',
        12: base, // Source Repository URI
        13: claims.sha,
        14: 'refs/tags/v1.2.3', // Source Repository Ref
        15: claims.repository_id,
        16: `https://github.com/${claims.repository_owner}`,
        17: claims.repository_owner_id,
        18: `https://github.com/${claims.workflow_ref}`, // Build Config URI
        19: claims.workflow_sha,
        20: 'push',
        21: `${base}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`, // Run Invocation URI
        22: 'public',
      };
      for (const [n, value] of Object.entries(expected))
        expect(extension(cert, Number(n)), `extension .1.${n}`).toBe(value);
      // And the stand-in Fulcio's model of those templates issues exactly what real Fulcio issued.
      const model = githubIdentity(claims as unknown as Record<string, unknown>);
      for (const [oid, value] of Object.entries(model.extensions))
        expect(extension(cert, Number(oid.split('.').pop())), oid).toBe(value);
      // Issued by the chain the trusted root names.
      const chain = (await readFile(sigstore.fulcioChainPath, 'utf8')).match(
        /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
      )!;
      const issuer = new x509.X509Certificate(chain[0]!);
      expect(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true })).toBe(true);
    });

    it('signs with Rekor and the TSA: cosign v3 verifies the signature and every attestation', async () => {
      for (const type of [undefined, SLSA, SPDX, CDX]) {
        const r = await cosignVerify('cosign3', sigstore, `${ref}@${digest}`, id, {
          ...(type ? { attestationType: type } : {}),
        });
        expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
      }
      const bundle = JSON.parse(await readFile(run.outputs['bundle-paths']!.split('\n')[0]!, 'utf8')) as {
        verificationMaterial: {
          tlogEntries: unknown[];
          timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
        };
      };
      expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
      expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    });

    it('with Rekor and the TSA, cosign v2.2 (no way to give it a TSA chain) still verifies the legacy tags', async () => {
      // The legacy layers carry the Rekor bundle only: cosign v2 fails on any timestamp annotation
      // it has no TSA chain for, and v2.2 takes its trust from SIGSTORE_ROOT_FILE/REKOR_PUBLIC_KEY.
      for (const type of [undefined, SLSA, SPDX]) {
        const r = await cosign22Verify(sigstore, `${ref}@${digest}`, id, type);
        expect(r.code, `${type ?? 'signature'}: ${r.stderr}`).toBe(0);
      }
    });

    it('`sigstamp trusted-root` reads the services and writes what `cosign trusted-root create` writes', async () => {
      const start = '2026-01-01T00:00:00Z';
      const ours = join(sigstore.dir, 'sigstamp-root.json');
      await execFileAsync(process.execPath, [
        join(process.cwd(), 'dist', 'cli', 'index.js'),
        'trusted-root',
        '--fulcio-url',
        sigstore.fulcioUrl,
        '--rekor-url',
        sigstore.rekorUrl,
        '--tsa-url',
        sigstore.tsaUrl!,
        '--rekor-start-time',
        start,
        '--out',
        ours,
      ]);
      const theirs = join(sigstore.dir, 'cosign-root.json');
      const r = await runTool('cosign3', [
        'trusted-root',
        'create',
        '--out',
        theirs,
        `--fulcio=url=${sigstore.fulcioUrl},certificate-chain=${sigstore.fulcioChainPath}`,
        `--rekor=url=${sigstore.rekorUrl},public-key=${sigstore.rekorPublicKeyPath},start-time=${start}`,
        `--tsa=url=${sigstore.tsaUrl}/api/v1/timestamp,certificate-chain=${sigstore.tsaChainPath}`,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(await readFile(ours, 'utf8'))).toEqual(JSON.parse(await readFile(theirs, 'utf8')));
    });

    it('timestamp-only signing (no Rekor): cosign v3 verifies with the trusted root', async () => {
      const tsOnly = await pushImage(await buildImage([{ '/etc/app.conf': 'no rekor\n' }]), `${ref}:ts-only`);
      const r = await runAction(
        {
          image: ref,
          digest: tsOnly,
          sigstore: 'custom',
          'fulcio-url': sigstore.fulcioUrl,
          'tsa-url': sigstore.tsaUrl!,
          'trusted-root': sigstore.trustedRootPath,
        },
        { sigstore },
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs['rekor-log-indexes'] ?? '').toBe('');
      const bundle = JSON.parse(await readFile(r.outputs['bundle-paths']!.split('\n')[0]!, 'utf8')) as {
        verificationMaterial: {
          tlogEntries?: unknown[];
          timestampVerificationData?: { rfc3161Timestamps?: unknown[] };
        };
      };
      expect(bundle.verificationMaterial.tlogEntries ?? []).toHaveLength(0);
      expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
      // The summary prints the flags a verifier needs for a bundle without a log entry.
      expect(r.summary).toContain('--use-signed-timestamps');
      const tsId = { regexp: r.outputs['subject-regex']!, issuer: sigstore.issuer };
      for (const type of [undefined, SLSA, SPDX]) {
        const v = await cosignVerify('cosign3', sigstore, `${ref}@${tsOnly}`, tsId, {
          ...(type ? { attestationType: type } : {}),
          timestampOnly: true,
        });
        expect(v.code, `${type ?? 'signature'}: ${v.stderr}`).toBe(0);
      }
      // Without the timestamp flags cosign insists on a log entry: the check above is not vacuous.
      const strict = await cosignVerify('cosign3', sigstore, `${ref}@${tsOnly}`, tsId);
      expect(strict.code).not.toBe(0);
    });
  },
);
