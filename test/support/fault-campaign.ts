// The fault campaign (issue 15, parts 1 and 2): sigstamp's pipeline run again and again while the
// fault proxy sits in front of one service at a time — the registry (distribution 2.8 and olareg in
// turn), Fulcio, Rekor, the timestamp authority, the OIDC token endpoint — injecting a seeded share
// of 5xx, 429 with Retry-After, resets before and inside a body, truncated bodies, stalls past the
// client's timeout and slow drips. Every run must end verified, or fail with a clean error (an Error
// naming the service and saying what to do; no TypeError, no `[object Object]`). After each wave the
// registry is read directly: every entry a successful run reported, and every entry of the other
// writer working beside the campaign, must still be there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyTag } from '../../src/attach/cosign-legacy.js';
import { silentLogger } from '../../src/log.js';
import { RegistryClient } from '../../src/oci/client.js';
import { NotFoundError } from '../../src/oci/errors.js';
import { parseReference } from '../../src/oci/reference.js';
import { listReferrers } from '../../src/oci/referrers.js';
import type { ImageManifest } from '../../src/oci/types.js';
import { parseOptions } from '../../src/options.js';
import { run, type RunResult } from '../../src/run.js';
import type { PublishedArtifact } from '../../src/verify/published.js';
import { startFaultProxy, type Fault, type FaultProxy, seededRule, prng } from './fault-proxy.js';
import { oneFileLayer, pushRawImage } from './raw-image.js';
import { filesUnder, findings, forms, type Place } from './secret-scan.js';
import { startDistribution, startOlareg, type TestRegistry } from './registry.js';
import { startSigstore, type LoopbackSigstore } from './sigstore/index.js';

export const SERVICES = ['registry', 'fulcio', 'rekor', 'tsa', 'oidc'] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_NAMES: Record<Service, string> = {
  registry: 'registry (distribution 2.8 and olareg)',
  fulcio: 'Fulcio',
  rekor: 'Rekor',
  tsa: 'timestamp authority',
  oidc: 'OIDC token endpoint',
};

export interface CampaignOptions {
  rates: readonly number[];
  /** Runs per service and rate; a function for a different number per rate. */
  runsPerCell: number | ((rate: number) => number);
  seed: number;
  services?: readonly Service[];
  /** Runs at once in a wave: the first four sign one digest together, the rest one digest each. */
  parallel?: number;
  /** The `http-timeout` of every run; stalls last a little longer. */
  timeoutSeconds?: number;
  progress?: (line: string) => void;
}

export interface CellResult {
  service: Service;
  rate: number;
  runs: number;
  requests: number;
  faults: number;
  successes: number;
  cleanFailures: number;
  uncleanFailures: number;
  entriesLost: number;
  /** Secrets (the OIDC tokens, the runtime token) found in a failure's message or a run's files. */
  secretFindings: number;
  /** The first few unclean messages and lost entries, for the report. */
  unclean: string[];
  lost: string[];
  /** How each clean failure began, counted (what a user would read). */
  failureKinds: Record<string, number>;
}

/** What a user of each service sees when it fails: its name, or the proxy's host:port. */
const SERVICE_WORDS: Record<Service, RegExp> = {
  registry: /registry|manifest|blob|referrers|\/v2\//i,
  fulcio: /fulcio|signing certificate/i,
  rekor: /rekor|transparency log/i,
  tsa: /timestamp/i,
  oidc: /token|oidc/i,
};
const ADVICE = /retry|try again|later|check|add |set |use |give |remove/i;

/** A clean failure: an Error of ours, naming the service, saying what to do. */
export function judgeFailure(err: unknown, service: Service, host: string): string | undefined {
  if (!(err instanceof Error)) return `non-Error thrown: ${String(err)}`;
  const m = err.message;
  if (['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError'].includes(err.constructor.name))
    return `${err.constructor.name}: ${m}`;
  if (/\[object Object\]|\bundefined\b/.test(m)) return `unreadable: ${m}`;
  if (!SERVICE_WORDS[service].test(m) && !m.includes(host)) return `does not name the ${service}: ${m}`;
  if (!ADVICE.test(m)) return `says nothing to do: ${m}`;
  return undefined;
}

function faults(timeoutSeconds: number): Fault[] {
  return [
    { kind: 'status', status: 503 },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 429, retryAfterSeconds: 1 },
    { kind: 'reset-before' },
    { kind: 'reset-mid' },
    { kind: 'truncate' },
    { kind: 'stall', ms: timeoutSeconds * 1000 + 500 },
    { kind: 'drip', bytes: 512, everyMs: 5 },
  ];
}

interface Env {
  registries: { kind: TestRegistry['kind']; registry: TestRegistry; proxy: FaultProxy }[];
  sigstore: LoopbackSigstore;
  proxies: Record<Exclude<Service, 'registry'>, FaultProxy>;
  direct: RegistryClient;
  dir: string;
}

async function startEnv(): Promise<Env> {
  const registries = [];
  for (const registry of [await startDistribution(), await startOlareg()])
    registries.push({
      kind: registry.kind,
      registry,
      proxy: await startFaultProxy(`http://${registry.host}`),
    });
  const sigstore = await startSigstore({ tsa: true });
  const proxies = {
    fulcio: await startFaultProxy(sigstore.fulcioUrl),
    rekor: await startFaultProxy(sigstore.rekorUrl),
    tsa: await startFaultProxy(sigstore.tsaUrl!),
    oidc: await startFaultProxy(sigstore.issuer),
  };
  return {
    registries,
    sigstore,
    proxies,
    direct: new RegistryClient({ retries: 2 }),
    dir: await mkdtemp(join(tmpdir(), 'sigstamp-faults-')),
  };
}

async function stopEnv(e: Env): Promise<void> {
  await e.direct.close();
  for (const p of Object.values(e.proxies)) await p.stop();
  await e.sigstore.stop();
  for (const r of e.registries) {
    await r.proxy.stop();
    await r.registry.stop();
  }
  await rm(e.dir, { recursive: true, force: true });
}

/** One sigstamp run; through the proxies, or straight to the services (the other writer). */
async function sigstampRun(
  e: Env,
  host: string,
  digest: string,
  out: string,
  timeoutSeconds: number,
  viaProxies: boolean,
) {
  const s = e.sigstore;
  const opts = parseOptions(
    {
      image: `${host}/app`,
      digest,
      sbom: 'none',
      provenance: 'v1',
      storage: 'both',
      sigstore: 'custom',
      'fulcio-url': viaProxies ? e.proxies.fulcio.url : s.fulcioUrl,
      'rekor-url': viaProxies ? e.proxies.rekor.url : s.rekorUrl,
      'tsa-url': viaProxies ? e.proxies.tsa.url : s.tsaUrl!,
      'trusted-root': s.trustedRootPath,
      'output-dir': out,
      'http-timeout': String(timeoutSeconds),
      'show-summary': 'false',
    },
    {},
  );
  const tokenBase = viaProxies ? e.proxies.oidc.url : s.issuer;
  return run(opts, {
    logger: silentLogger,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${tokenBase}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: s.oidc.requestToken,
    },
  });
}

/** The entries of `digest` as the registry holds them now: legacy tag layers and referrers. */
async function entriesOf(e: Env, host: string, digest: string): Promise<Set<string>> {
  const repo = e.direct.repository(parseReference(`${host}/app`));
  const out = new Set<string>();
  for (const kind of ['sig', 'att'] as const) {
    try {
      const { manifest } = await repo.getManifest(legacyTag(digest, kind));
      for (const l of (manifest as ImageManifest).layers) out.add(`${kind}:${l.digest}`);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  for (const r of (await listReferrers(repo, digest)).referrers) out.add(`referrer:${r.digest}`);
  return out;
}

const key = (a: PublishedArtifact) =>
  `${a.format === 'bundle-referrer' ? 'referrer' : a.format === 'legacy-sig' ? 'sig' : 'att'}:${a.digest}`;

export async function runCampaign(o: CampaignOptions): Promise<CellResult[]> {
  const parallel = o.parallel ?? 8;
  const timeoutSeconds = o.timeoutSeconds ?? 2;
  const e = await startEnv();
  const results: CellResult[] = [];
  let imageNo = 0;
  try {
    for (const service of o.services ?? SERVICES)
      for (const rate of o.rates) {
        const cell: CellResult = {
          service,
          rate,
          runs: 0,
          requests: 0,
          faults: 0,
          successes: 0,
          cleanFailures: 0,
          uncleanFailures: 0,
          entriesLost: 0,
          secretFindings: 0,
          unclean: [],
          lost: [],
          failureKinds: {},
        };
        const runs = typeof o.runsPerCell === 'number' ? o.runsPerCell : o.runsPerCell(rate);
        const seed = (o.seed * 31 + SERVICES.indexOf(service) * 7 + Math.round(rate * 100)) >>> 0;
        const pick = prng(seed);
        for (let wave = 0; cell.runs < runs; wave++) {
          const reg = e.registries[wave % e.registries.length]!;
          const proxied = service === 'registry' ? reg.proxy : e.proxies[service];
          const logStart = proxied.log.length;
          const tokensStart = e.sigstore.oidc.issuedTokens.length;
          const rule = seededRule({ seed: seed + wave, rate, faults: faults(timeoutSeconds) });
          proxied.setRule(rule);
          const size = Math.min(parallel, runs - cell.runs);
          // Distinct images: one shared by the first four runs (concurrent signers on one digest),
          // one for each other run.
          const digests: string[] = [];
          for (let i = 0; i < Math.max(1, size - 3); i++) {
            const layer = oneFileLayer(`id-${o.seed}-${imageNo++}-${pick()}`, Buffer.from('x'));
            digests.push(
              await pushRawImage(e.direct, reg.registry.host, 'app', `w${imageNo}`, layer.gz, layer.diffId),
            );
          }
          const digestOfRun = (i: number) => (i < 4 ? digests[0]! : digests[i - 3]!);
          const dir = await mkdtemp(join(e.dir, 'wave-'));
          // The other writer: a clean run on the shared digest, straight to registry and Sigstore,
          // racing the campaign's four there. Its entries must survive everything the others do.
          const other = sigstampRun(
            e,
            reg.registry.host,
            digests[0]!,
            join(dir, 'other'),
            timeoutSeconds,
            false,
          );
          const outcomes = await Promise.allSettled(
            Array.from({ length: size }, (_, i) =>
              sigstampRun(e, reg.proxy.host, digestOfRun(i), join(dir, `run-${i}`), timeoutSeconds, true),
            ),
          );
          const otherResult = await other;
          proxied.setRule(undefined);
          const logged = proxied.log.slice(logStart);
          cell.requests += logged.length;
          cell.faults += logged.filter((l) => l.fault).length;
          const expected: { digest: string; keys: string[]; who: string }[] = [
            {
              digest: digests[0]!,
              keys: otherResult.signing!.published.artifacts.map(key),
              who: 'the other writer',
            },
          ];
          outcomes.forEach((r, i) => {
            cell.runs++;
            if (r.status === 'fulfilled') {
              const signing = (r.value as RunResult).signing;
              if (!signing || !signing.verified.every((v) => v.ok)) {
                cell.uncleanFailures++;
                cell.unclean.push(`run ${i}: succeeded without everything verified`);
                return;
              }
              cell.successes++;
              expected.push({
                digest: digestOfRun(i),
                keys: signing.published.artifacts.map(key),
                who: `run ${i}`,
              });
              return;
            }
            const host = service === 'registry' ? reg.proxy.host : e.proxies[service].host;
            const bad = judgeFailure(r.reason, service, host);
            if (bad) {
              cell.uncleanFailures++;
              if (cell.unclean.length < 10) cell.unclean.push(`${reg.kind}: ${bad.slice(0, 1200)}`);
              o.progress?.(`  unclean (${service}, ${reg.kind}): ${bad.slice(0, 600)}`);
            } else {
              cell.cleanFailures++;
              const kind = (r.reason as Error).message
                .replace(/sha256:[0-9a-f]{64}/g, 'sha256:…')
                .replace(/\b(?:\d{1,3}\.){3}\d{1,3}:\d+/g, 'HOST')
                .replace(/\d+/g, 'N')
                .slice(0, 110);
              cell.failureKinds[kind] = (cell.failureKinds[kind] ?? 0) + 1;
            }
          });
          for (const x of expected) {
            const present = await entriesOf(e, reg.registry.host, x.digest);
            for (const k of x.keys)
              if (!present.has(k)) {
                cell.entriesLost++;
                if (cell.lost.length < 10)
                  cell.lost.push(`${reg.kind} ${x.digest.slice(0, 19)}…: ${x.who}'s ${k}`);
              }
          }
          // Every failing run's message and every file any run wrote, searched for the tokens.
          const secrets = [
            { name: 'the runtime token', forms: forms(e.sigstore.oidc.requestToken) },
            // This wave's tokens: no run of another wave could have seen them.
            ...e.sigstore.oidc.issuedTokens.slice(tokensStart).map((t, i) => ({
              name: `OIDC token #${tokensStart + i + 1}`,
              forms: forms(t),
            })),
          ];
          const places: Place[] = [
            ...outcomes.flatMap((r, i) =>
              r.status === 'rejected'
                ? [{ name: `run ${i}'s error`, text: String((r.reason as Error)?.message ?? r.reason) }]
                : [],
            ),
            ...filesUnder(dir),
          ];
          for (const f of findings(places, secrets)) {
            cell.secretFindings++;
            if (cell.unclean.length < 10) cell.unclean.push(`secret: ${f}`);
          }
          await rm(dir, { recursive: true, force: true });
          o.progress?.(
            `${service} ${Math.round(rate * 100)} %: ${cell.runs}/${runs} runs, ${cell.faults} faults, ` +
              `${cell.successes} ok, ${cell.cleanFailures} clean, ${cell.uncleanFailures} unclean, ${cell.entriesLost} lost`,
          );
        }
        results.push(cell);
      }
  } finally {
    await stopEnv(e);
  }
  return results;
}

/** docs/reliability.md: the table, then what the unclean failures and lost entries were, if any. */
export function renderReliability(
  results: CellResult[],
  meta: { seed: number; date: string; command: string },
): string {
  const lines = [
    '# Reliability under faults',
    '',
    `Generated by \`${meta.command}\` (seed ${meta.seed}, ${meta.date}); do not edit by hand. Each run is the`,
    'whole pipeline (sign, SLSA provenance, `storage: both`, read-back verification, shared-tag settle) while',
    'the fault proxy (`test/support/fault-proxy.ts`) sits in front of one service and injects, into the given',
    'share of its requests, one of: HTTP 500, 502, 503, 429 with `Retry-After`, a connection reset before the',
    'answer or inside its body, a body cut short, a stall past the client timeout, a slow drip. Waves',
    'alternate distribution 2.8 (no referrers API) and olareg (referrers API); in each wave four runs sign one',
    'digest at once beside another writer that is not faulted. After each wave the registry is read directly.',
    '',
    '- **success**: the run ended with every artifact verified by digest, and each is in the registry;',
    '- **clean failure**: it failed with an error that names the service and says what to do;',
    '- **unclean failure**: anything else (a TypeError, an unreadable message, success without verification);',
    '- **entries lost**: an entry of a successful run, or of the other writer, missing afterwards;',
    "- **secret findings**: an OIDC token or the runtime token (or its base64 forms) in any failing run's error",
    '  or in any file a run wrote (test/support/secret-scan.ts).',
    '',
    '| service | faults | runs | requests | faults injected | successes | clean failures | unclean failures | entries lost | secret findings |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (c) =>
        `| ${SERVICE_NAMES[c.service]} | ${Math.round(c.rate * 100)} % | ${c.runs} | ${c.requests} | ${c.faults} | ` +
        `${c.successes} | ${c.cleanFailures} | ${c.uncleanFailures} | ${c.entriesLost} | ${c.secretFindings} |`,
    ),
  ];
  const problems = results.filter((c) => c.unclean.length || c.lost.length);
  if (problems.length) {
    lines.push('', '## Problems found');
    for (const c of problems)
      for (const p of [...c.unclean, ...c.lost])
        lines.push(`- ${SERVICE_NAMES[c.service]}, ${Math.round(c.rate * 100)} %: ${p}`);
  }
  const kinds = new Map<string, number>();
  for (const c of results)
    for (const [k, n] of Object.entries(c.failureKinds))
      kinds.set(`${c.service}: ${k}`, (kinds.get(`${c.service}: ${k}`) ?? 0) + n);
  if (kinds.size) {
    lines.push(
      '',
      '## What the clean failures said (first 110 characters; addresses as HOST, other digits as N)',
      '',
    );
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`- ${n}× ${k}`);
  }
  return `${lines.join('\n')}\n`;
}
