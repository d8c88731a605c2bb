// `npm run sigstore-stack`: starts the real private Sigstore on loopback (Fulcio, Rekor on Trillian
// and MariaDB, the timestamp authority, and the GitHub-shaped OIDC issuer they trust), prints the
// URLs and the trust material, and stops everything it started on Ctrl-C. The services are built,
// pinned and cached by .ci/install-tools (run it first; the test command does).
import { readFile } from 'node:fs/promises';
import { startRealSigstore } from '../test/support/real-sigstore/index.js';

const t0 = Date.now();
const s = await startRealSigstore();
const out = (line = '') => process.stdout.write(`${line}\n`);
out(`private Sigstore up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
out(`  OIDC issuer  ${s.issuer}   (token request: ${s.oidc.requestUrl})`);
out(`  Fulcio       ${s.fulcioUrl}`);
out(`  Rekor        ${s.rekorUrl}`);
out(`  TSA          ${s.tsaUrl ?? '-'}`);
out(
  `  processes    ${Object.entries(s.pids)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`,
);
out(`  trust        ${s.trustedRootPath}`);
out(`               ${s.fulcioChainPath} (Fulcio chain)`);
out(`               ${s.rekorPublicKeyPath} (Rekor public key)`);
if (s.tsaChainPath) out(`               ${s.tsaChainPath} (TSA chain)`);
out();
out(await readFile(s.rekorPublicKeyPath, 'utf8'));
out('sign with: sigstore=custom fulcio-url rekor-url tsa-url trusted-root as above; Ctrl-C stops everything');

await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await s.stop();
out('stopped');
