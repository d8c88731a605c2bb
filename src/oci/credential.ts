// What every credential source (auth files, credential helpers, explicit inputs) produces and how
// it fails; its own module so the sources and their resolver depend on it, never on each other.

export interface Credential {
  username?: string;
  /** Basic auth secret. */
  password?: string;
  /** Docker config `identitytoken` / helper Username "<token>": an OAuth2 refresh token for the Bearer flow. */
  identityToken?: string;
  /** Where it came from, for messages; never contains the secret. */
  source: string;
}

/** A credential source exists but cannot be used; the message never contains a secret. */
export class CredentialError extends Error {
  override name = 'CredentialError';
}
