import { parseDigest } from './oci/digest.js';
import { InvalidReferenceError, parseReference, type Reference } from './oci/reference.js';

/**
 * The one typed Options object both shells (Action and CLI) fill, and its validation. Every error
 * names the input it is about and says what a valid value looks like, and all of them are raised
 * before anything touches the network.
 */

export interface RawOptions {
  image?: string;
  digest?: string;
  tags?: string;
  registryUsername?: string;
  registryPassword?: string;
  insecureRegistries?: string;
}

export interface Options {
  /** The image repository (tag and digest stripped), e.g. ghcr.io/owner/app. */
  image: Reference;
  /** The digest everything is about: the build step's output, or resolved from `image`'s tag. */
  digest?: string;
  /** Full references that must all resolve to `digest`. */
  tags: Reference[];
  registryCredential?: { username: string; password: string };
  insecureRegistries: string[];
}

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

/** Splits a list input given as lines or commas (docker/metadata-action outputs newline-separated tags). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function reference(input: string, value: string): Reference {
  try {
    return parseReference(value);
  } catch (err) {
    if (err instanceof InvalidReferenceError) throw new OptionsError(`input ${input}: ${err.message}`);
    throw err;
  }
}

export function parseOptions(raw: RawOptions): Options {
  if (!raw.image?.trim()) {
    throw new OptionsError(
      'input image is required: the repository the build pushed, e.g. ghcr.io/owner/app',
    );
  }
  const image = reference('image', raw.image.trim());
  let digest = raw.digest?.trim() || undefined;
  if (digest !== undefined) {
    try {
      parseDigest(digest);
    } catch {
      throw new OptionsError(
        `input digest: "${digest}" is not a digest; pass the build step's output, e.g. \${{ steps.build.outputs.digest }} (sha256:<64 hex>)`,
      );
    }
  }
  if (image.digest && digest && image.digest !== digest) {
    throw new OptionsError(
      `input image names digest ${image.digest} but input digest is ${digest}; give one of them`,
    );
  }
  digest ??= image.digest;
  if (!digest && !image.tag) {
    throw new OptionsError(
      "input digest is required when image has no tag: pass the build step's digest output, e.g. digest: ${{ steps.build.outputs.digest }}",
    );
  }
  const tags = splitList(raw.tags).map((t) => reference('tags', t));
  for (const t of tags) {
    if (!t.tag)
      throw new OptionsError(
        `input tags: "${t.registry}/${t.repository}" has no tag; give full references such as ghcr.io/owner/app:1.2.3`,
      );
    if (t.registry !== image.registry || t.repository !== image.repository) {
      throw new OptionsError(
        `input tags: ${t.registry}/${t.repository}:${t.tag} is not in the repository of input image (${image.registry}/${image.repository})`,
      );
    }
  }
  if (image.tag) tags.unshift(image);
  const username = raw.registryUsername?.trim();
  const password = raw.registryPassword;
  if (Boolean(username) !== Boolean(password)) {
    throw new OptionsError(
      'inputs registry-username and registry-password go together: give both or neither',
    );
  }
  return {
    image: { registry: image.registry, repository: image.repository },
    ...(digest ? { digest } : {}),
    tags,
    ...(username && password ? { registryCredential: { username, password } } : {}),
    insecureRegistries: splitList(raw.insecureRegistries),
  };
}
