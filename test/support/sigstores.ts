// The two Sigstores every conformance suite runs against: the loopback stand-ins (fast, with fault
// injection and request counters) and the real services (test/support/real-sigstore), which prove
// that real Fulcio accepts our tokens and requests and that real Rekor and the TSA accept our entries.
import { REAL_SIGSTORE_TOOLS, startRealSigstore } from './real-sigstore/index.js';
import { startSigstore, type OidcIssuerOptions, type SigstoreUnderTest } from './sigstore/index.js';

export interface SigstoreKind {
  name: string;
  /** Tools the kind needs beyond the suite's own (for toolGate). */
  tools: readonly string[];
  start(opts?: { oidc?: OidcIssuerOptions }): Promise<SigstoreUnderTest>;
}

export const SIGSTORES: readonly SigstoreKind[] = [
  { name: 'the loopback stand-ins', tools: [], start: (opts) => startSigstore(opts) },
  {
    name: 'real Fulcio, Rekor and TSA',
    tools: REAL_SIGSTORE_TOOLS,
    start: (opts) => startRealSigstore(opts),
  },
];
