import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repository } from '../oci/client.js';
import type { Descriptor, ImageManifest } from '../oci/types.js';
import { OptionsError, type Options } from '../options.js';
import type { Subject } from '../subject.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { languageCatalogers } from './catalogers/index-lang.js';
import { osCatalogers } from './catalogers/index-os.js';
import { generateSboms, validateUserSbom } from './index.js';

/**
 * Step 2 of the pipeline: the SBOM predicates of this run — generated from the image's layers (one
 * per platform of an index), or the user's own file — written to output-dir. All of it happens
 * before the certificate's 10-minute window opens.
 */

export const SPDX_PREDICATE = 'https://spdx.dev/Document';
export const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
/** Generated predicates stay well under Kyverno's 10 MB bundle limit once base64 and the envelope are added. */
const MAX_SBOM_BYTES = 7 * 1024 * 1024;

export interface SbomPredicate {
  type: string;
  content: unknown;
  /** Statement subjects: the platform manifest, and the index it belongs to. */
  subjects: Descriptor[];
  /** Where the attestation is attached: the index (what admission checks) and the platform manifest. */
  targets: Descriptor[];
}

export interface SbomRun {
  predicates: SbomPredicate[];
  files: { spdx: string[]; cyclonedx: string[] };
  packages: number;
  warnings: string[];
}

function platformLabel(d: Descriptor): string {
  const p = d.platform;
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('-') : 'image';
}

export async function sbomsForRun(
  repo: Repository,
  subject: Subject,
  opts: Options,
  logger: Logger,
): Promise<SbomRun> {
  const run: SbomRun = { predicates: [], files: { spdx: [], cyclonedx: [] }, packages: 0, warnings: [] };
  if (opts.sbomPath) return userSbom(opts, subject, run);
  if (opts.sbom.length === 0) return run;
  await mkdir(opts.outputDir, { recursive: true });
  const isIndex = subject.platforms.length > 0;
  const manifests = isIndex ? subject.platforms : [subject.descriptor];
  const name = `${opts.image.registry}/${opts.image.repository}`;
  for (const platform of manifests) {
    const { manifest } = await repo.getManifest(platform.digest);
    const sboms = await generateSboms(
      repo,
      { descriptor: platform, manifest: manifest as ImageManifest },
      {
        name,
        registry: opts.image.registry,
        repository: opts.image.repository,
        digest: platform.digest,
        ...(opts.tags[0]?.tag ? { tag: opts.tags[0].tag } : {}),
      },
      [...osCatalogers(), ...languageCatalogers()],
      { toolVersion: VERSION },
    );
    run.packages += sboms.packages.length;
    run.warnings.push(...sboms.warnings);
    logger.info(
      `SBOM of ${platformLabel(platform)}: ${sboms.packages.length} packages from ${(sboms.stats.bytes / 1e6).toFixed(1)} MB of layers in ${sboms.stats.ms} ms`,
    );
    const subjects = isIndex ? [platform, subject.descriptor] : [platform];
    const targets = isIndex ? [subject.descriptor, platform] : [platform];
    for (const [format, type, doc] of [
      ['spdx', SPDX_PREDICATE, sboms.spdx],
      ['cyclonedx', CYCLONEDX_PREDICATE, sboms.cyclonedx],
    ] as const) {
      if (!opts.sbom.includes(format)) continue;
      const text = JSON.stringify(doc);
      if (text.length > MAX_SBOM_BYTES) {
        throw new Error(
          `the ${format} SBOM of ${platformLabel(platform)} is ${text.length} bytes, over the ${MAX_SBOM_BYTES}-byte limit that keeps its bundle under Kyverno's 10 MB`,
        );
      }
      const path = join(
        opts.outputDir,
        `sbom-${platformLabel(platform)}.${format === 'spdx' ? 'spdx' : 'cdx'}.json`,
      );
      await writeFile(path, text);
      run.files[format].push(path);
      run.predicates.push({ type, content: doc, subjects, targets });
    }
  }
  for (const w of run.warnings.slice(0, 20)) logger.debug(`sbom: ${w}`);
  return run;
}

async function userSbom(opts: Options, subject: Subject, run: SbomRun): Promise<SbomRun> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(opts.sbomPath!, 'utf8'));
  } catch (err) {
    throw new OptionsError(
      `input sbom-path: cannot read ${opts.sbomPath} as JSON (${(err as Error).message})`,
    );
  }
  let format: 'spdx' | 'cyclonedx';
  try {
    format = validateUserSbom(json).format;
  } catch (err) {
    throw new OptionsError(`input sbom-path: ${opts.sbomPath}: ${(err as Error).message}`);
  }
  run.files[format].push(opts.sbomPath!);
  const targets = [subject.descriptor];
  run.predicates.push({
    type: format === 'spdx' ? SPDX_PREDICATE : CYCLONEDX_PREDICATE,
    content: json,
    subjects: targets,
    targets,
  });
  return run;
}
