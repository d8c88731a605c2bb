// `npm run faults`: the fault campaign (test/support/fault-campaign.ts), written to docs/reliability.md.
//   faults.ts [--runs N | --runs 0.1=40,0.2=200,…] [--rates 0.1,0.2,0.3] [--seed S]
//             [--services registry,fulcio,…] [--parallel N] [--out FILE]
// Exits 1 when any run failed unclean or any entry was lost.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderReliability, runCampaign, SERVICES, type Service } from '../test/support/fault-campaign.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    rates: { type: 'string', default: '0.1,0.2,0.3' },
    seed: { type: 'string', default: '15' },
    services: { type: 'string', default: SERVICES.join(',') },
    parallel: { type: 'string', default: '32' },
    out: { type: 'string', default: 'docs/reliability.md' },
  },
});
const services = values.services.split(',') as Service[];
for (const s of services) if (!SERVICES.includes(s)) throw new Error(`--services: unknown service ${s}`);
const started = Date.now();
// `--runs 200`, or per rate: `--runs 0.1=40,0.2=200,0.3=40`.
const perRate = new Map(
  values.runs.includes('=')
    ? values.runs.split(',').map((p) => p.split('=').map(Number) as [number, number])
    : [],
);
const runsPerCell = (rate: number) => perRate.get(rate) ?? Number(values.runs);
for (const r of values.rates.split(',').map(Number))
  if (!(runsPerCell(r) > 0)) throw new Error(`--runs: no number of runs for rate ${r}`);
const results = await runCampaign({
  runsPerCell,
  rates: values.rates.split(',').map(Number),
  seed: Number(values.seed),
  services,
  parallel: Number(values.parallel),
  progress: (l) => process.stderr.write(`${l}\n`),
});
const command = `npm run faults -- --runs ${values.runs} --rates ${values.rates} --seed ${values.seed} --parallel ${values.parallel}`;
writeFileSync(
  values.out,
  renderReliability(results, {
    seed: Number(values.seed),
    date: new Date().toISOString().slice(0, 10),
    command,
  }),
);
const bad = results.reduce((n, c) => n + c.uncleanFailures + c.entriesLost + c.secretFindings, 0);
process.stderr.write(
  `wrote ${values.out} in ${Math.round((Date.now() - started) / 1000)} s: ${bad} unclean failures, lost entries or secret findings\n`,
);
process.exit(bad ? 1 : 0);
