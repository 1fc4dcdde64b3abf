import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

/**
 * `count` distinct TCP ports free on `host` right now, chosen by the kernel. All are held open
 * together before any is released, so they differ; another process could still take one before
 * it is used, which a launch reports as a port in use.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
      });
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
