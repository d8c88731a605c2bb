// A static file server over a directory on 127.0.0.1, as nginx or `python3 -m http.server` would
// serve a TUF repository written by `sigstamp tuf-repo`: the tests and the demo point Kyverno,
// cosign and tuf-js at it. Records the paths asked for (which files a client really fetched).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, relative } from 'node:path';

export interface StaticServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A static file server over `dir`, as nginx or `python3 -m http.server` would be. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(dir, path));
    if (relative(dir, file).startsWith('..')) return void res.writeHead(403).end();
    stat(file).then(
      (st) => {
        if (!st.isFile()) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-length': st.size });
        createReadStream(file).pipe(res);
      },
      () => void res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
