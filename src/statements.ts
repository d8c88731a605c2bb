import { dockerReference } from './attach/cosign-legacy.js';
import { imageSubject, statement, type Statement } from './intoto.js';
import type { Descriptor } from './oci/types.js';
import type { Options } from './options.js';
import type { Predicate } from './predicates.js';
import { SLSA_V02, SLSA_V1, slsaV02, slsaV1, workflowClaims } from './provenance/slsa.js';
import type { SbomRun } from './sbom/for-run.js';
import type { CertificateIdentity } from './sigstore/certificate.js';

/**
 * Step 4 of the pipeline: the in-toto statements of this run, built once the certificate is there
 * (provenance is made from its claims), each with the targets it is attached to: provenance and
 * user predicates to every target, a platform's SBOM to that platform and to the index (what
 * admission checks).
 */

export interface AttachedStatement {
  statement: Statement;
  targets: Descriptor[];
}

export function statementsForRun(
  opts: Options,
  identity: CertificateIdentity,
  targets: Descriptor[],
  predicates: Predicate[],
  sboms: SbomRun,
): AttachedStatement[] {
  const name = dockerReference(opts.image.registry, opts.image.repository);
  const subjects = targets.map((t) => imageSubject(name, t.digest));
  const statements: AttachedStatement[] = [];
  if (opts.provenance !== 'none') {
    const claims = workflowClaims(identity);
    statements.push({
      statement:
        opts.provenance === 'v1'
          ? statement(subjects, SLSA_V1, slsaV1(claims))
          : statement(subjects, SLSA_V02, slsaV02(claims)),
      targets,
    });
  }
  for (const p of predicates) statements.push({ statement: statement(subjects, p.type, p.content), targets });
  for (const p of sboms.predicates) {
    statements.push({
      statement: statement(
        p.subjects.map((d) => imageSubject(name, d.digest)),
        p.type,
        p.content,
      ),
      targets: p.targets,
    });
  }
  return statements;
}

/** Every manifest something is attached to: the targets, and each platform an SBOM went to. */
export function attachmentTargets(targets: Descriptor[], statements: AttachedStatement[]): Descriptor[] {
  const seen = new Set<string>();
  return [...targets, ...statements.flatMap((s) => s.targets)].filter(
    (d) => !seen.has(d.digest) && (seen.add(d.digest), true),
  );
}

export function predicateTypes(statements: AttachedStatement[]): string[] {
  return [...new Set(statements.map((s) => s.statement.predicateType))];
}
