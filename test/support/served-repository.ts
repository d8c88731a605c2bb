// A Repository whose registry is a function: every request gets the answer `served` gives, with no
// network. For the fuzz targets and their regression tests, which feed the OCI client registry
// answers no real registry would send.
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js';
import { RegistryAuth } from '../../src/oci/auth.js';
import { Repository } from '../../src/oci/client.js';

export interface Served {
  body: string;
  contentType: string;
  /** Whether the referrers API answers (with `body`), or 404 so that the fallback tag is read. */
  api: boolean;
}

function respond(req: HttpRequest, s: Served): HttpResponse {
  const referrersApi = req.url.includes('/referrers/');
  const status = referrersApi && !s.api ? 404 : 200;
  return {
    status,
    headers: { 'content-type': s.contentType || undefined },
    body: Readable.from(status === 200 ? [Buffer.from(s.body)] : []),
    url: req.url,
  };
}

/** registry.test/app, answering every manifest, index and referrers request with `s`. */
export function repositoryServing(s: Served): Repository {
  const transport = { send: (req: HttpRequest) => Promise.resolve(respond(req, s)) } as unknown as Transport;
  const auth = new RegistryAuth('registry.test', transport, () => Promise.resolve(undefined));
  return new Repository('registry.test', 'app', 'https://registry.test/v2/app', auth, 4 * 1024 * 1024);
}
