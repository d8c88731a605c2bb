import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that delays every chunk, in both directions, by `delayMs` (order kept): a
 * registry as a far-away writer sees it, each round trip `2 × delayMs` longer. Plain TCP, so the
 * real registry answers every request; only the distance changes.
 */

export interface DelayProxy {
  /** `127.0.0.1:PORT`, to use as the registry host. */
  host: string;
  stop(): Promise<void>;
}

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const colon = target.lastIndexOf(':');
  const [targetHost, targetPort] = [target.slice(0, colon), Number(target.slice(colon + 1))];
  const sockets = new Set<Socket>();
  const relay = (from: Socket, to: Socket) => {
    let last = 0;
    from.on('data', (chunk) => {
      // Each chunk leaves delayMs after it arrived, never before the one ahead of it.
      const at = Math.max(Date.now() + delayMs, last);
      last = at;
      setTimeout(() => to.destroyed || to.write(chunk), at - Date.now());
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - Date.now()) + 1));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    relay(client, upstream);
    relay(upstream, client);
    // What is still in flight towards the other side arrives first.
    client.on('close', () => setTimeout(() => upstream.destroy(), delayMs + 50));
    upstream.on('close', () => setTimeout(() => client.destroy(), delayMs + 50));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
