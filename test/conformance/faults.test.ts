// The fault campaign's CI subset (issue 15, part 2): a short seeded run of `npm run faults` — a wave
// per service at 20 % faults, four concurrent signers on one digest beside an unfaulted writer, on
// distribution 2.8 and olareg — that must end with 0 unclean failures and 0 lost entries, and must
// really have injected faults. The full campaign (200 runs per service and rate) writes
// docs/reliability.md.
import { describe, expect, it } from 'vitest';
import { runCampaign, SERVICES } from '../support/fault-campaign.js';
import { toolGate } from '../support/tools.js';

describe.skipIf(!toolGate('docker-registry', 'olareg'))('faults: the seeded CI subset', () => {
  it(
    'every service at 20 %: 0 unclean failures, 0 entries lost, 0 secrets in any output',
    { timeout: 600_000 },
    async () => {
      const results = await runCampaign({ runsPerCell: 8, rates: [0.2], seed: 15, parallel: 8 });
      for (const c of results) console.log(JSON.stringify({ ...c, failureKinds: undefined }));
      expect(results.map((c) => c.service)).toEqual([...SERVICES]);
      for (const c of results) {
        expect(c.runs).toBe(8);
        expect(c.faults, `${c.service}: no fault was injected`).toBeGreaterThan(0);
        expect(c.unclean, c.service).toEqual([]);
        expect(c.lost, c.service).toEqual([]);
        expect(c.secretFindings, c.service).toBe(0);
        expect(c.successes + c.cleanFailures).toBe(c.runs);
        // Faults at 20 % must not turn into failed releases: most runs get through on retries.
        expect(c.successes, c.service).toBeGreaterThanOrEqual(6);
      }
    },
  );
});
