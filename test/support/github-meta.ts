// The body of GitHub's `GET /meta` ("Get GitHub meta information", docs.github.com/rest/meta/meta,
// API version 2022-11-28): the `api-overview` schema — verifiable_password_authentication (the one
// required field), the SSH key fingerprints and keys, the IP ranges per service, and `domains`, whose
// `artifact_attestations` object carries the `trust_domain` (what gh v2.83.0 reads:
// pkg/cmd/attestation/api MetaResponse) and its `services`. GitHub Enterprise Server answers without
// `artifact_attestations`; a GHE.com tenant names its own trust domain.

/** `trustDomain` undefined: no `domains.artifact_attestations` at all. */
export function metaBody(host: string, trustDomain: string | undefined): Record<string, unknown> {
  return {
    verifiable_password_authentication: false,
    ssh_key_fingerprints: { SHA256_ED25519: '+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU' },
    ssh_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
    hooks: ['192.0.2.0/28'],
    web: ['192.0.2.16/28'],
    api: ['192.0.2.32/28'],
    git: ['192.0.2.48/28'],
    packages: ['192.0.2.64/28'],
    actions: ['198.51.100.0/24'],
    dependabot: [],
    domains: {
      website: [host, `*.${host}`],
      codespaces: [],
      copilot: [],
      packages: [`*.pkg.${host}`],
      actions: [`*.actions.${host}`],
      actions_inbound: { full_domains: [`api.${host}`], wildcard_domains: [`*.actions.${host}`] },
      ...(trustDomain !== undefined
        ? {
            artifact_attestations: {
              trust_domain: trustDomain,
              services: [`fulcio.${host}`, `timestamp.${host}`, 'tuf-repo.github.com'],
            },
          }
        : {}),
    },
  };
}
