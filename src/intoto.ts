/** in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest: Record<string, string>;
  annotations?: Record<string, unknown>;
}

export interface Statement<P = unknown> {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: P;
}

/** A subject for an image: name = the repository (as cosign writes it), digest by algorithm. */
export function imageSubject(repository: string, digest: string): ResourceDescriptor {
  const [algorithm, hex] = digest.split(':') as [string, string];
  return { name: repository, digest: { [algorithm]: hex } };
}

export function statement<P>(
  subject: ResourceDescriptor[],
  predicateType: string,
  predicate: P,
): Statement<P> {
  return { _type: STATEMENT_TYPE, subject, predicateType, predicate };
}
